"""Where glossary keeps its cache: the platform's user cache folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "glossary"


def user_cache_dir() -> Path:
    """The user cache folder for glossary (XDG_CACHE_HOME/glossary on Linux)."""
    if sys.platform.startswith("linux"):
        # What platformdirs answers on Linux, without its import (tempfile, random: ~5 ms
        # on every call, which the Tab key pays too); other platforms ask platformdirs.
        base = os.environ.get("XDG_CACHE_HOME", "").strip()
        if not os.path.isabs(base):
            base = os.path.join(os.path.expanduser("~"), ".cache")
        return Path(base) / APP
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP, appauthor=False))
