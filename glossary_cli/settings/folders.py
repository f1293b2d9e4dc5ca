"""Where glossary keeps its cache, its fetched sources and looks for its settings file: the
platform's user folders."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

APP = "glossary"


def _xdg(environ: Mapping[str, str], variable: str, fallback: str) -> Path:
    # The XDG rule platformdirs applies on Linux: the variable when it is an absolute path.
    base = environ.get(variable, "").strip()
    if not os.path.isabs(base):
        home = environ.get("HOME") or os.path.expanduser("~")
        base = os.path.join(home, fallback)
    return Path(base) / APP


def user_cache_dir(environ: Mapping[str, str]) -> Path:
    """The user cache folder for glossary (XDG_CACHE_HOME/glossary on Linux)."""
    if sys.platform.startswith("linux"):
        # What platformdirs answers on Linux, without its import (tempfile, random), which
        # every call and every Tab would pay; other platforms ask platformdirs.
        return _xdg(environ, "XDG_CACHE_HOME", ".cache")
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP, appauthor=False))


def user_config_dir(environ: Mapping[str, str]) -> Path:
    """The user config folder for glossary (XDG_CONFIG_HOME/glossary on Linux)."""
    if sys.platform.startswith("linux"):
        return _xdg(environ, "XDG_CONFIG_HOME", ".config")  # as for the cache, platformdirs' rule
    import platformdirs

    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def user_data_dir(environ: Mapping[str, str]) -> Path:
    """The user data folder for glossary (XDG_DATA_HOME/glossary on Linux): the sources that
    `glossary source add` fetched, which, unlike the cache, cannot be rebuilt offline."""
    if sys.platform.startswith("linux"):
        return _xdg(environ, "XDG_DATA_HOME", os.path.join(".local", "share"))
    import platformdirs

    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def user_path(text: str) -> Path:
    """A folder the reader named (a flag, GLOSSARY_PATH, the settings file), `~` and `~user`
    expanded; one whose home is unknown (`~nosuchuser/x`) stays as typed, never an exception
    (Path.expanduser raises), and Library.open warns about it."""
    return Path(os.path.expanduser(text))


def unknown_home(path: Path) -> bool:
    """Whether `path` is one whose `~` could not be expanded (see user_path)."""
    return str(path).startswith("~")
