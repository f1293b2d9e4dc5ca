"""Where a library's index lives, and its slugs and titles in a file of their own beside it,
which completion reads on every Tab without SQLite (whose import alone costs what a Tab may)
and without the full text.

Written by the index whenever the slugs or titles it holds change. Trusted while the article
roots' marks are the ones written with it: a root's mtime (adding, removing or renaming a slug
folder changes it), and for a language-first root its language folders' too
(library/layout.py `names_mark`); a title edited in place, or a term nested below a
language's folder, shows at the next run that uses the index (`search`, `list`, a title
lookup), as completion does not stat every file: that is the search's exact check.

Each file also names the index's `token`, which the index draws anew whenever its names change:
a file of the token before a change is patched with what the change touched (search/index.py),
instead of every name being read out of SQLite and written again."""

from __future__ import annotations

import marshal
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Optional

# slug -> {language tag: title}
Names = dict[str, dict[str, str]]
_VERSION = 4  # 3: slugs with combining marks (an older file lacks them); 4: the token
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


# The file: the header's length (4 bytes), the header (version, roots, root mtimes, the index's
# token), the names.
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
    if not (isinstance(found, tuple) and len(found) == 4 and found[0] == _VERSION):
        return None
    return found, memoryview(data)[_LENGTH + size :]


def write(
    path: Path, roots: list[str], marks: Sequence[Optional[int]], token: bytes, names: Names
) -> None:
    """Written whole, then moved into place: a reader sees the old file or the new one."""
    _write(path, roots, marks, token, marshal.dumps(names, _MARSHAL_VERSION))


def patch(
    path: Path,
    roots: list[str],
    marks: Sequence[Optional[int]],
    tokens: tuple[bytes, bytes],
    changes: dict[tuple[str, str], Optional[str]],
) -> bool:
    """The file at `path` brought from the index's names at token `tokens[0]` to those at
    `tokens[1]`: each (slug, language) in `changes` given its title, or dropped (None). False,
    with nothing written, when the file is not of `tokens[0]` (or not of these roots)."""
    found = _read(path)
    if found is None or found[0][1] != list(roots) or found[0][3] != tokens[0]:
        return False
    if found[0][2:] == (list(marks), tokens[1]):
        return True  # written so already
    if not changes:  # the same names, with other marks: the names' bytes are kept as they are
        _write(path, roots, marks, tokens[1], found[1])
        return True
    try:
        names: Any = marshal.loads(found[1])
    except (EOFError, ValueError, TypeError):
        return False
    if not isinstance(names, dict):
        return False
    for (slug, lang), title in changes.items():
        if title is not None:
            names.setdefault(slug, {})[lang] = title
        elif lang in names.get(slug, ()):
            del names[slug][lang]
            if not names[slug]:
                del names[slug]
    _write(path, roots, marks, tokens[1], marshal.dumps(names, _MARSHAL_VERSION))
    return True


def _write(
    path: Path,
    roots: list[str],
    marks: Sequence[Optional[int]],
    token: bytes,
    names: bytes | memoryview,
) -> None:
    new = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    head = marshal.dumps((_VERSION, list(roots), list(marks), token), _MARSHAL_VERSION)
    try:
        with open(new, "wb") as file:
            file.write(len(head).to_bytes(_LENGTH, "little"))
            file.write(head)
            file.write(names)
        os.replace(new, path)
    except OSError:  # a cache that cannot be written: completion reads the folders instead
        new.unlink(missing_ok=True)


def read(path: Path, roots: list[str], marks: Sequence[Optional[int]]) -> Optional[Names]:
    """The names, if the file was written for these roots as they are now; else None."""
    found = _read(path)
    if found is None or found[0][1:3] != (list(roots), list(marks)):
        return None
    try:
        names: Any = marshal.loads(found[1])
    except (EOFError, ValueError, TypeError):
        return None
    return names if isinstance(names, dict) else None
