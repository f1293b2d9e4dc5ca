"""Where a library's index lives, and its slugs and titles in a file of their own beside it,
which completion reads on every Tab without SQLite (whose import alone costs what a Tab may)
and without the full text.

Written by the index whenever the slugs or titles it holds change. Trusted while the article
roots' marks are the ones written with it: a root's mtime (adding, removing or renaming a slug
folder changes it), and for a language-first root its language folders' too
(library/layout.py `names_mark`); a title edited in place, or a term nested below a
language's folder, shows at the next run that uses the index (`search`, `list`, a title
lookup), as completion does not stat every file: that is the search's exact check."""

from __future__ import annotations

import marshal
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Optional

# slug -> {language tag: title}
Names = dict[str, dict[str, str]]
_VERSION = 3  # 3: slugs with combining marks (an older file lacks them)
_MARSHAL_VERSION = 2


def index_path(folder: Path, roots: list[str]) -> Path:
    """One database per set of roots: their resolved paths, in order, name the file. (Two sets
    with one name would only cost rebuilds: what a run reads is checked against its own roots.
    So a checksum, cheaper to import than hashlib, is enough.)"""
    import zlib

    key = "\0".join(roots)
    digest = zlib.crc32(key.encode("utf-8", "surrogateescape"))
    return folder / f"index-{digest:08x}.sqlite3"


def names_path(index_file: Path) -> Path:
    return index_file.with_suffix(".names")


# The file: the header's length (4 bytes), the header (version, roots, root mtimes), the names.
# Read whole, then unmarshalled from bytes: marshal.load() on a file reads it in thousands of
# small pieces.
_LENGTH = 4


def _read(path: Path) -> tuple[Any, memoryview] | None:
    try:
        with open(path, "rb") as file:
            data = file.read()
        size = int.from_bytes(data[:_LENGTH], "little")
        found: Any = marshal.loads(data[_LENGTH : _LENGTH + size])
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(found, tuple) and len(found) == 3 and found[0] == _VERSION):
        return None
    return found, memoryview(data)[_LENGTH + size :]


def header(path: Path) -> Optional[tuple[list[str], list[Optional[int]]]]:
    """The roots and root mtimes a names file was written for; None when there is none."""
    found = _read(path)
    return None if found is None else (found[0][1], found[0][2])


def write(path: Path, roots: list[str], marks: Sequence[Optional[int]], names: Names) -> None:
    """Written whole, then moved into place: a reader sees the old file or the new one."""
    new = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    head = marshal.dumps((_VERSION, list(roots), list(marks)), _MARSHAL_VERSION)
    try:
        with open(new, "wb") as file:
            file.write(len(head).to_bytes(_LENGTH, "little"))
            file.write(head)
            file.write(marshal.dumps(names, _MARSHAL_VERSION))
        os.replace(new, path)
    except OSError:  # a cache that cannot be written: completion reads the folders instead
        new.unlink(missing_ok=True)


def read(path: Path, roots: list[str], marks: Sequence[Optional[int]]) -> Optional[Names]:
    """The names, if the file was written for these roots as they are now; else None."""
    found = _read(path)
    if found is None or found[0] != (_VERSION, list(roots), list(marks)):
        return None
    try:
        names: Any = marshal.loads(found[1])
    except (EOFError, ValueError, TypeError):
        return None
    return names if isinstance(names, dict) else None
