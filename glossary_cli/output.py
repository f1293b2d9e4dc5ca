"""Decide, in this one place, how output looks: terminal or pipe, format, colour, width."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from enum import Enum
from typing import IO, TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from rich.console import Console


class Format(str, Enum):
    RICH = "rich"
    PLAIN = "plain"
    JSON = "json"
    MARKDOWN = "markdown"


class ColorMode(str, Enum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


class OutputContext(NamedTuple):
    """Everything a view needs to know about where its output goes."""

    format: Format
    color: bool
    width: int | None  # None: no hard wrapping (pipes)
    stream: IO[str]

    @classmethod
    def detect(
        cls,
        format: Format | None,
        color: ColorMode,
        env: Mapping[str, str] | None = None,
        stream: IO[str] | None = None,
    ) -> OutputContext:
        """Rich on a terminal and plain text elsewhere, unless --format says; colour likewise."""
        env = os.environ if env is None else env
        stream = sys.stdout if stream is None else stream
        try:
            is_tty = stream.isatty()
        except (ValueError, OSError):
            is_tty = False
        chosen = format or (Format.RICH if is_tty else Format.PLAIN)
        return cls(
            format=chosen,
            color=chosen is Format.RICH and wants_color(color, env, is_tty),
            width=terminal_width(env) if (is_tty or chosen is Format.RICH) else None,
            stream=stream,
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


def wants_color(mode: ColorMode, env: Mapping[str, str], is_tty: bool) -> bool:
    """--color wins; then NO_COLOR, FORCE_COLOR and TERM=dumb (no-color.org); then the tty."""
    if mode is ColorMode.ALWAYS:
        return True
    if mode is ColorMode.NEVER:
        return False
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    if env.get("TERM") == "dumb":
        return False
    return is_tty


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
