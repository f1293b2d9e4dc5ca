"""Where glossary keeps its cache and looks for its config: the platform's user folders."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "glossary"


def _xdg(variable: str, fallback: str) -> Path:
    # The XDG rule platformdirs applies on Linux: the variable when it is an absolute path.
    base = os.environ.get(variable, "").strip()
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), fallback)
    return Path(base) / APP


def user_cache_dir() -> Path:
    """The user cache folder for glossary (XDG_CACHE_HOME/glossary on Linux)."""
    if sys.platform.startswith("linux"):
        # What platformdirs answers on Linux, without its import (tempfile, random: ~4 ms on
        # every call, which the Tab key pays too); other platforms ask platformdirs.
        return _xdg("XDG_CACHE_HOME", ".cache")
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP, appauthor=False))


def user_config_dir() -> Path:
    """The user config folder for glossary (XDG_CONFIG_HOME/glossary on Linux)."""
    if sys.platform.startswith("linux"):
        return _xdg("XDG_CONFIG_HOME", ".config")  # as for the cache, platformdirs' own rule
    import platformdirs

    return Path(platformdirs.user_config_dir(APP, appauthor=False))
