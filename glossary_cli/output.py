"""Decide, in this one place, how output looks: terminal or pipe, format, colour, width."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from enum import Enum
from typing import IO, TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from rich.console import Console

    from glossary_cli.settings.config_file import Config

# `less` quits at once when the text fits the screen (-F), passes colours through (-R), and
# leaves the text on the screen when it quits (-X); git uses the same.
DEFAULT_PAGER = "less -FRX"


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
    pager: str | None = None  # the command to page long output through; None: write directly
    env: Mapping[str, str] = {}  # for the pager's environment (read, never changed)

    @classmethod
    def detect(
        cls,
        format: Format | None,
        color: ColorMode | None,
        env: Mapping[str, str] | None = None,
        stream: IO[str] | None = None,
        *,
        config: Config | None = None,
        page: bool | None = None,
        stdin: IO[str] | None = None,
    ) -> OutputContext:
        """Rich on a terminal and plain text elsewhere, unless --format says; colour likewise.

        `color` and `page` are the flags (None when not given); the config file's settings
        come after the environment's. Paging needs a reader at a terminal on both ends.
        """
        env = os.environ if env is None else env
        stream = sys.stdout if stream is None else stream
        stdin = sys.stdin if stdin is None else stdin
        is_tty = _isatty(stream)
        chosen = format or (Format.RICH if is_tty else Format.PLAIN)
        configured_color = None if config is None else config.color
        paging, _ = pager_setting(page, None if config is None else config.pager)
        pager = None
        if paging and is_tty and _isatty(stdin):
            pager, _ = pager_command(env, None if config is None else config.pager_command)
        return cls(
            format=chosen,
            color=chosen is Format.RICH and wants_color(color, env, is_tty, configured_color),
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


def color_setting(
    mode: ColorMode | None, env: Mapping[str, str], configured: str | None = None
) -> tuple[ColorMode, str]:
    """The colour mode in force and where it came from: --color always/never; then NO_COLOR,
    FORCE_COLOR and TERM=dumb (no-color.org); then the config file (unless --color auto)."""
    if mode is ColorMode.ALWAYS or mode is ColorMode.NEVER:
        return mode, "--color"
    if env.get("NO_COLOR"):
        return ColorMode.NEVER, "NO_COLOR"
    if env.get("FORCE_COLOR"):
        return ColorMode.ALWAYS, "FORCE_COLOR"
    if env.get("TERM") == "dumb":
        return ColorMode.NEVER, "TERM"
    if mode is ColorMode.AUTO:
        return mode, "--color"
    if configured is not None:
        return ColorMode(configured), "config"
    return ColorMode.AUTO, "default"


def wants_color(
    mode: ColorMode | None, env: Mapping[str, str], is_tty: bool, configured: str | None = None
) -> bool:
    """Whether to colour: the mode from color_setting, `auto` meaning 'when on a terminal'."""
    setting, _ = color_setting(mode, env, configured)
    return is_tty if setting is ColorMode.AUTO else setting is ColorMode.ALWAYS


def pager_setting(flag: bool | None, configured: bool | None) -> tuple[bool, str]:
    """Whether to page, and why: --pager/--no-pager, then the config file; off by default,
    because a reader who did not ask should not meet a program waiting for `q`."""
    if flag is not None:
        return flag, "--pager" if flag else "--no-pager"
    if configured is not None:
        return configured, "config"
    return False, "default"


def pager_command(env: Mapping[str, str], configured: str | None) -> tuple[str, str]:
    """The pager and where it came from: GLOSSARY_PAGER, the config file, PAGER, `less -FRX`.

    As in git, the tool's own setting outranks PAGER, which is every program's.
    """
    if env.get("GLOSSARY_PAGER", "").strip():
        return env["GLOSSARY_PAGER"].strip(), "GLOSSARY_PAGER"
    if configured:
        return configured, "config"
    if env.get("PAGER", "").strip():
        return env["PAGER"].strip(), "PAGER"
    return DEFAULT_PAGER, "default"


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
