"""Long output through a pager: the rendered text, colours and all, piped to the pager's stdin."""

from __future__ import annotations

import re
import shlex
import shutil
import signal
import subprocess
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import IO

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


def pager_environment(env: Mapping[str, str]) -> dict[str, str]:
    """The pager's environment: as ours, with less and lv told to pass colours through unless
    the reader set their own options (what git does for the same reason)."""
    out = dict(env)
    out.setdefault("LESS", "FRX")
    out.setdefault("LV", "-c")
    return out


def page(text: str, command: str, env: Mapping[str, str], stream: IO[str]) -> None:
    """Write `text` through `command`, which reads it on its stdin and shows it on the terminal.

    Raises PagerUnavailable when the command cannot be started, before anything is written.
    """
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise PagerUnavailable(
            f"cannot read the pager command '{visible(command)}': {exc}"
        ) from None
    if not argv or shutil.which(argv[0], path=env.get("PATH")) is None:
        raise PagerUnavailable(f"pager '{visible(command)}' not found")
    encoding = getattr(stream, "encoding", None) or "utf-8"
    data = text.encode(encoding, errors="replace")
    stream.flush()
    try:
        process = subprocess.Popen(argv, stdin=subprocess.PIPE, env=pager_environment(env))
    except OSError as exc:
        raise PagerUnavailable(f"cannot run pager '{visible(command)}': {exc.strerror}") from None
    assert process.stdin is not None
    # Only now, so that the pager itself starts with the usual signal handling.
    with _pager_signals():
        try:
            process.stdin.write(data)
            process.stdin.close()
        except OSError:
            pass  # the reader quit the pager before reading everything: that is fine
        process.wait()


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
