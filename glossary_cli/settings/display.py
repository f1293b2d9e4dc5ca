"""How output is shown: colour and pager settings, each resolved with where it came from."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

# `less` quits at once when the text fits the screen (-F), passes colours through (-R), and
# leaves the text on the screen when it quits (-X); git uses the same.
DEFAULT_PAGER = "less -FRX"


class ColorMode(str, Enum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


def dumb_terminal(env: Mapping[str, str]) -> bool:
    """TERM=dumb: a terminal that can neither colour, redraw a line nor run a full-screen
    pager. No colour, no progress line, no paging by default."""
    return env.get("TERM") == "dumb"


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
    if dumb_terminal(env):
        return ColorMode.NEVER, "TERM"
    if mode is ColorMode.AUTO:
        return mode, "--color"
    if configured is not None:
        return ColorMode(configured), "config"
    return ColorMode.AUTO, "default"


def pager_setting(
    flag: bool | None, configured: bool | None, env: Mapping[str, str] | None = None
) -> tuple[bool, str]:
    """Whether to page, and why: --pager/--no-pager, then the config file; on by default, as
    in git: only output taller than the screen, on a terminal, is ever paged (OutputContext
    and views/render.py), so a reader meets `q` only where the text would scroll away. Off by
    default on TERM=dumb, which cannot run a full-screen pager (less asks for RETURN there)."""
    if flag is not None:
        return flag, "--pager" if flag else "--no-pager"
    if configured is not None:
        return configured, "config"
    if env is not None and dumb_terminal(env):
        return False, "TERM=dumb"
    return True, "default"


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
