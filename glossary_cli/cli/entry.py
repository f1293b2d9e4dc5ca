"""The entry point: run the command line, turn every expected failure into its exit status and
one line on stderr (the one place that does), and end the process."""

from __future__ import annotations

import errno
import io
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from glossary_cli.cli import startup
from glossary_cli.cli.app import COMMANDS, GROUPS, app, warn
from glossary_cli.cli.utf8 import restart_in_utf8_mode, utf8_words
from glossary_cli.errors import ExitStatus, GlossaryError, OutputFailed, UsageProblem
from glossary_cli.settings.resolved import Settings

COMMAND_NAMES = frozenset(startup.command_name(info) for info in COMMANDS) | frozenset(
    info.name for info in GROUPS if info.name
)


def main() -> NoReturn:
    """Console-script entry point: run, then end the process with the run's exit status."""
    restart_in_utf8_mode()  # under LC_ALL=C PYTHONUTF8=0: returns only where it need not
    if hasattr(__import__("signal"), "SIGPIPE"):
        import signal

        # `glossary ... | head -1`: end quietly when the reader stops reading, like cat does.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    _leave(run())


def run(args: Sequence[str] | None = None) -> int:
    """Run the command line `glossary ARGS` (default: sys.argv's) in this process and return
    its exit status. Shell completion (`_GLOSSARY_COMPLETE` set) answers the shell instead.

    The one boundary of the program: every GlossaryError raised below ends here as one line
    on stderr and its exit status (Click reports its own usage errors, with status 2)."""
    _prepare_streams()
    try:
        words = utf8_words(sys.argv[1:] if args is None else args)
    except UsageProblem as exc:
        sys.stderr.write(f"glossary: error: {exc}\n")
        return exc.status
    settings = Settings.from_process(warn)
    if not settings.environ.get("_GLOSSARY_COMPLETE"):  # completion reads the words as typed
        words = startup.with_default_command(words, COMMAND_NAMES)
    startup.prepare(app, COMMANDS, ["glossary", *words], settings.environ, GROUPS)
    try:
        status = _dispatch(words, settings)
        _flush_output()
    except GlossaryError as exc:
        if isinstance(exc, OutputFailed):
            _discard_stdout()  # so that the last flush cannot fail, and say so, again
        sys.stderr.write(f"glossary: error: {exc}\n")
        return exc.status
    except BrokenPipeError:
        # The reader stopped reading (where there is no SIGPIPE to end us): not an error.
        _discard_stdout()
        return ExitStatus.OK
    return status


def _dispatch(words: list[str], settings: Settings) -> int:
    """The command's exit status, from Click's SystemExit (or completion's answer)."""
    try:
        if settings.environ.get("_GLOSSARY_COMPLETE"):
            from glossary_cli.cli import completion

            return completion.answer(app, words, settings)
        app(args=words, prog_name="glossary", obj=settings)
    except SystemExit as done:  # how Click ends every run, success included
        return _status(done.code)
    except BrokenPipeError:
        raise
    except OSError as exc:
        # A write to stdout that failed (a full disk), the command's or Click's own (--help).
        # An error that names a file is no failed write of the output: a bug, shown whole.
        if exc.filename is not None:
            raise
        raise OutputFailed.writing(exc) from None
    return ExitStatus.OK


def _flush_output() -> None:
    """Write out what is still buffered, so that a full disk is reported like any failure."""
    if sys.stdout is None:  # started with stdout closed: a command has said so already
        return
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:
        raise OutputFailed.writing(exc) from None


def _prepare_streams() -> None:
    """Never crash on an encoding that cannot show a character: show a replacement instead."""
    if sys.stderr is None:  # started with stderr closed: messages go nowhere, not to a crash
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (lives until exit)
    if sys.stdout is None:  # started with stdout closed (`>&-`): Python gives None, which
        sys.stdout = _ClosedStdout()  # Click's help and echo skip silently; every write fails
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


class _ClosedStdout(io.TextIOBase):
    """Stdout when the process started without one: every write fails as a closed file's
    would, so help, --version and completion report it (exit 1) as a command's output does."""

    encoding = "utf-8"

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "stdout is closed")


def _status(code: object) -> int:
    """The exit status SystemExit(code) stands for, as Python itself reads it."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(f"{code}\n")  # sys.exit("message"): printed, and status 1
    return 1


def _discard_stdout() -> None:
    """Point stdout at the null device, so that the interpreter's last flush cannot fail too."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (tests): nothing is flushed at exit


def _leave(status: int) -> NoReturn:
    """End the process at once with `status`, once run() has flushed the output.

    The interpreter's own teardown (unloading Typer, Click and the rest module by module) is a
    noticeable part of a lookup and has nothing left to do: every file was written in a `with`
    block, the index commits what it writes, the pager was waited for, the output is flushed.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass  # run() has reported a failed write already
    os._exit(status)
