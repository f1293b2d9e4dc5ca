"""Long output through a pager: the rendered text, colours and all, streamed to the pager's stdin
once it is taller than the screen."""

from __future__ import annotations

import codecs
import io
import re
import shlex
import shutil
import signal
import subprocess
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from typing import IO, cast

from glossary_cli.text.sanitize import visible

_ESCAPES = re.compile(r"\x1b\[[0-9;]*[A-Za-z]|\x1b\]8;[^\x1b\x07]*(?:\x1b\\|\x07)")


class PagerUnavailable(Exception):
    """The pager command cannot be run; the caller prints directly instead."""


def screen_rows(text: str, width: int | None) -> int:
    """How many terminal rows `text` takes: long lines wrap at `width` (escapes take none; a
    Chinese or Japanese character takes two cells, a combining mark none, as the terminal's
    width rule in views/terminal_text.py says)."""
    if not width:
        return len(text.splitlines())
    rows = 0
    for line in text.splitlines():
        shown = _ESCAPES.sub("", line)
        rows += max(1, -(-_cells(shown) // width))
    return rows


def _cells(line: str) -> int:
    if line.isascii():
        return len(line)
    # Only text that is not ASCII pays for Rich's width table.
    from rich.cells import cell_len

    from glossary_cli.views.terminal_text import install

    install()
    return cell_len(line)


def pager_environment(env: Mapping[str, str], encoding: str = "utf-8") -> dict[str, str]:
    """The pager's environment: as ours, with less and lv told to pass colours through unless
    the reader set their own options (what git does for the same reason). When the text sent
    is UTF-8, less is told so unless the reader chose a character set: with a locale that is
    not installed (LANG=ja_JP.UTF-8 on a system without it), less shows every byte that is
    not ASCII as <E3>."""
    out = dict(env)
    out.setdefault("LESS", "FRX")
    out.setdefault("LV", "-c")
    if codecs.lookup(encoding).name == "utf-8" and not {"LESSCHARSET", "LESSCHARDEF"} & set(env):
        out["LESSCHARSET"] = "utf-8"
    return out


@contextmanager
def paged(
    stream: IO[str],
    command: str,
    env: Mapping[str, str],
    height: int | None,
    width: int | None,
    warn: Callable[[str], None],
) -> Iterator[IO[str]]:
    """A stream for output bound for the terminal `stream`: written there as usual when it fits
    in `height` rows (less -F's rule: short output is never paged), else through the pager
    `command`, started as soon as the output is taller than the screen, with what was written
    so far; the rest streams to it as it comes (a long `list` is never held whole). Unknown
    `height`: always paged. A pager that cannot be started is `warn`ed of, and the output
    written directly; a pager the reader quits early ends the writing, quietly."""
    out = _PagerStream(stream, command, env, height, width, warn)
    try:
        yield cast(IO[str], out)
    except _PagerClosed:
        pass
    finally:
        out.finish()


class _PagerClosed(Exception):
    """The reader quit the pager: nothing more of the output is wanted. (No OSError, which
    the layers between the view and `paged` may take for a failure of their own.)"""


class _PagerStream(io.TextIOBase):
    """Holds the output until it is taller than the screen, then hands it to the pager."""

    def __init__(
        self,
        stream: IO[str],
        command: str,
        env: Mapping[str, str],
        height: int | None,
        width: int | None,
        warn: Callable[[str], None],
    ) -> None:
        self._stream, self._command, self._env = stream, command, env
        self._height, self._width, self._warn = height, width, warn
        self._encoding = getattr(stream, "encoding", None) or "utf-8"
        self._held: list[str] = []
        self._rows = 0  # of the complete lines held
        self._tail = ""  # the last line held, not ended yet
        self._pager: subprocess.Popen[bytes] | None = None
        self._direct = False  # no pager could be started: written as it comes
        self._closed = False  # the reader quit the pager
        self._signals = ExitStack()

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if self._pager is not None:
            self._send(text)
        elif self._direct:
            self._stream.write(text)
        else:
            self._held.append(text)
            if self._taller_than_screen(text):
                self._start()
        return len(text)

    def flush(self) -> None:
        if self._pager is not None and self._pager.stdin is not None and not self._closed:
            try:
                self._pager.stdin.flush()
            except OSError:
                self._closed = True
                raise _PagerClosed from None

    def close(self) -> None:
        """Nothing: finish() ends the output (io's own close would flush it when collected)."""

    def _taller_than_screen(self, text: str) -> bool:
        if self._height is None:
            return True
        text = self._tail + text
        end = text.rfind("\n") + 1
        if end:
            self._rows += screen_rows(text[:end], self._width)
        self._tail = text[end:]
        return self._rows + (screen_rows(self._tail, self._width) if self._tail else 0) >= (
            self._height
        )

    def _start(self) -> None:
        held, self._held = "".join(self._held), []
        try:
            self._pager = _spawn(self._command, self._env, self._stream)
        except PagerUnavailable as exc:
            self._warn(str(exc))
            self._direct = True
            self._stream.write(held)
            return
        # Only now, so that the pager itself starts with the usual signal handling.
        self._signals.enter_context(_pager_signals())
        self._send(held)

    def _send(self, text: str) -> None:
        assert self._pager is not None and self._pager.stdin is not None
        if self._closed:
            raise _PagerClosed
        try:
            self._pager.stdin.write(text.encode(self._encoding, errors="replace"))
        except OSError:
            self._closed = True
            raise _PagerClosed from None

    def finish(self) -> None:
        """The output held written out (it fit the screen), or the pager's input closed and
        the pager waited for."""
        if self._pager is None:
            if self._held:
                self._stream.write("".join(self._held))
                self._held = []
            return
        try:
            if self._pager.stdin is not None:
                self._pager.stdin.close()
        except OSError:
            pass  # the reader quit the pager before reading everything: that is fine
        self._pager.wait()
        self._signals.close()


def _spawn(command: str, env: Mapping[str, str], stream: IO[str]) -> subprocess.Popen[bytes]:
    """The pager `command` started, reading its stdin; PagerUnavailable when it cannot be."""
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise PagerUnavailable(
            f"cannot read the pager command '{visible(command)}': {exc}"
        ) from None
    if not argv or shutil.which(argv[0], path=env.get("PATH")) is None:
        raise PagerUnavailable(f"pager '{visible(command)}' not found")
    stream.flush()  # what the command wrote before comes first
    try:
        encoding = getattr(stream, "encoding", None) or "utf-8"
        return subprocess.Popen(argv, stdin=subprocess.PIPE, env=pager_environment(env, encoding))
    except OSError as exc:
        raise PagerUnavailable(f"cannot run pager '{visible(command)}': {exc.strerror}") from None


@contextmanager
def _pager_signals() -> Iterator[None]:
    """While the pager runs, Ctrl-C is the pager's (less uses it to stop a search), and a pager
    that quits early must not kill us with SIGPIPE: the write fails quietly instead."""
    saved: list[tuple[int, object]] = []
    for name in ("SIGINT", "SIGPIPE"):
        number = getattr(signal, name, None)
        if number is None:
            continue
        try:
            saved.append((number, signal.signal(number, signal.SIG_IGN)))
        except ValueError:  # not the main thread: leave the signals alone
            pass
    try:
        yield
    finally:
        for number, handler in saved:
            if handler is not None:  # None: a handler not set from Python, cannot be restored
                signal.signal(number, handler)  # type: ignore[arg-type]
