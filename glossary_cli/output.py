"""Decide, in this one place, how output looks: terminal or pipe, format, colour, width."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from enum import Enum
from typing import IO, TYPE_CHECKING, NamedTuple

from glossary_cli.settings.display import ColorMode

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

        `color` and `page` are the flags (None when not given), which the settings weigh
        against the environment and the settings file. Paging needs a terminal on both ends.
        """
        env = settings.environ
        stream = sys.stdout if stream is None else stream
        stdin = sys.stdin if stdin is None else stdin
        is_tty = _isatty(stream)
        chosen = format or (Format.RICH if is_tty else Format.PLAIN)
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


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (ValueError, OSError, AttributeError):
        return False


def wants_color(mode: ColorMode, is_tty: bool) -> bool:
    """Whether to colour, given the mode in force (Settings.color): `auto` is 'on a terminal'."""
    return is_tty if mode is ColorMode.AUTO else mode is ColorMode.ALWAYS


def terminal_height(env: Mapping[str, str]) -> int | None:
    """LINES when set, else the terminal's height; None when unknown."""
    try:
        lines = int(env.get("LINES", ""))
        if lines > 0:
            return lines
    except ValueError:
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno() if sys.__stdout__ else 1).lines
    except (OSError, ValueError, AttributeError):
        return None


def terminal_width(env: Mapping[str, str]) -> int:
    """COLUMNS when set, else the terminal's width, else 80."""
    try:
        columns = int(env.get("COLUMNS", ""))
        if columns > 0:
            return columns
    except ValueError:
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno() if sys.__stdout__ else 1).columns
    except (OSError, ValueError, AttributeError):
        return 80
