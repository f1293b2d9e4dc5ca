"""Decide, in this one place, how output looks: terminal or pipe, format, colour, width."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from enum import Enum
from typing import IO, TYPE_CHECKING, NamedTuple

from glossary_cli.settings.display import ColorMode, dumb_terminal

if TYPE_CHECKING:
    from rich.console import Console

    from glossary_cli.settings.resolved import Settings


class Format(str, Enum):
    RICH = "rich"
    PLAIN = "plain"
    JSON = "json"
    MARKDOWN = "markdown"


class OutputContext(NamedTuple):
    """Everything a view needs to know about where its output goes."""

    format: Format
    color: bool
    width: int | None  # None: no hard wrapping (pipes)
    stream: IO[str]
    pager: str | None = None  # the command to page long output through; None: write directly
    env: Mapping[str, str] = {}  # for the pager's environment (read, never changed)

    @classmethod
    def detect(
        cls,
        format: Format | None,
        color: ColorMode | None,
        settings: Settings,
        *,
        page: bool | None = None,
        stream: IO[str] | None = None,
        stdin: IO[str] | None = None,
    ) -> OutputContext:
        """Rich on a terminal and plain text elsewhere, unless --format says; colour likewise.
        `--color always` on the command line renders with Rich into a pipe too, as ls, grep
        and gh colour when told to (FORCE_COLOR and the settings file do not: a script's pipe
        keeps its plain text).

        `color` and `page` are the flags (None when not given), which the settings weigh
        against the environment and the settings file. Paging needs a terminal on both ends.
        """
        env = settings.environ
        stream = sys.stdout if stream is None else stream
        stdin = sys.stdin if stdin is None else stdin
        is_tty = _isatty(stream)
        rich = is_tty or color is ColorMode.ALWAYS
        chosen = format or (Format.RICH if rich else Format.PLAIN)
        paging, _ = settings.paging(page)
        pager = settings.pager_command()[0] if paging and is_tty and _isatty(stdin) else None
        return cls(
            format=chosen,
            color=chosen is Format.RICH and wants_color(settings.color(color)[0], is_tty),
            width=terminal_width(env) if (is_tty or chosen is Format.RICH) else None,
            stream=stream,
            pager=pager,
            env=env,
        )

    def console(self) -> Console:
        """A Rich console for this context (imports Rich: only rich views call it)."""
        from rich.console import Console

        return Console(
            file=self.stream,
            width=self.width,
            force_terminal=self.color,
            no_color=not self.color,
            color_system="truecolor" if self.color else None,
            highlight=False,
            emoji=False,
            markup=False,
            soft_wrap=False,
            legacy_windows=False,
            _environ={},  # our own rules above decided colour and width; Rich must not redo it
        )


def progress_console(settings: Settings, stream: IO[str] | None = None) -> Console | None:
    """A console for a progress line on stderr (`stream`), or None where none may be drawn:
    not a terminal (a pipe, a file, a CI log), or a terminal that cannot redraw a line
    (TERM=dumb). Coloured as the settings say for a terminal. Imports Rich: only call it
    when a line is to be drawn; `shows_progress` tells first."""
    stream = sys.stderr if stream is None else stream
    if not shows_progress(settings, stream):
        return None
    color = wants_color(settings.color(None)[0], True)
    return OutputContext(Format.RICH, color, terminal_width(settings.environ), stream).console()


def shows_progress(settings: Settings, stream: IO[str] | None = None) -> bool:
    """Whether a progress line may be drawn on stderr (`stream`): see progress_console."""
    stream = sys.stderr if stream is None else stream
    return _isatty(stream) and not dumb_terminal(settings.environ)


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (ValueError, OSError, AttributeError):
        return False


def wants_color(mode: ColorMode, is_tty: bool) -> bool:
    """Whether to colour, given the mode in force (Settings.color): `auto` is 'on a terminal'."""
    return is_tty if mode is ColorMode.AUTO else mode is ColorMode.ALWAYS


# COLUMNS and LINES are trusted within these bounds and clamped to them: Rich pads every line
# to the width, so COLUMNS=99999999 would write gigabytes of spaces, and nothing reads well
# past a few hundred columns or in fewer than a few dozen.
MIN_WIDTH, MAX_WIDTH = 20, 1000
MAX_HEIGHT = 10_000


def _size(env: Mapping[str, str], name: str) -> int | None:
    """A positive whole number from the environment variable `name`, else None."""
    value = env.get(name, "")
    if not value or len(value) > 20:  # int() of thousands of digits is slow, then an error
        return None
    try:
        number = int(value)
    except ValueError:
        return None
    return number if number > 0 else None


def _terminal_size() -> os.terminal_size | None:
    try:
        return os.get_terminal_size(sys.__stdout__.fileno() if sys.__stdout__ else 1)
    except (OSError, ValueError, AttributeError):
        return None


def terminal_height(env: Mapping[str, str]) -> int | None:
    """LINES when set, else the terminal's height (at most MAX_HEIGHT); None when unknown."""
    lines = _size(env, "LINES")
    if lines is None:
        size = _terminal_size()
        lines = size.lines if size is not None and size.lines > 0 else None
    return None if lines is None else min(lines, MAX_HEIGHT)


def terminal_width(env: Mapping[str, str]) -> int:
    """COLUMNS when set, else the terminal's width, else 80; kept within MIN_WIDTH..MAX_WIDTH."""
    columns = _size(env, "COLUMNS")
    if columns is None:
        size = _terminal_size()
        columns = size.columns if size is not None and size.columns > 0 else 80
    return max(MIN_WIDTH, min(columns, MAX_WIDTH))
