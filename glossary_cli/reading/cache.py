"""A cache of parsed articles in the user cache folder: a warm `show` reads no YAML or Markdown."""

from __future__ import annotations

import marshal
import os
from pathlib import Path
from typing import Any

from glossary_cli import __version__
from glossary_cli.document.model import (
    Article,
    CodeBlock,
    ListBlock,
    Paragraph,
    Problem,
    Quote,
    Section,
    Span,
)

# Codes are positions in this table: add new types at the end.
_TYPES: tuple[type[Any], ...] = (
    Span,
    Paragraph,
    ListBlock,
    Quote,
    CodeBlock,
    Section,
    Article,
    Problem,
)
_CODES = {cls: code for code, cls in enumerate(_TYPES)}
# What an entry must have been written by: this release, and the model's shape (every type's
# fields, in order), so that a change to the model never reads an old entry as a new one.
# A change to what the parser makes of a file without changing the model needs a release, or
# a new PARSED: 2, a paragraph's lines joined by CSS Text's rule (text/segments.py); 3, an
# HTML comment block shows nothing, even with a `>` in it or over 2,000 characters long.
PARSED = "3"
FORMAT = (
    __version__
    + "/"
    + PARSED
    + "/"
    + ";".join(f"{cls.__name__}:{','.join(cls._fields)}" for cls in _TYPES)
)


def _entry(folder: Path, path: Path) -> Path:
    import zlib

    key = os.fsencode(path)
    return folder / f"{zlib.crc32(key):08x}{zlib.adler32(key):08x}.marshal"


def _stamp(path: Path, stat: os.stat_result) -> tuple[str, str, int, int, int]:
    """What must match for a cached parse to stand for the file as it is now."""
    return (FORMAT, str(path), stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size)


def _encode(value: Any) -> Any:
    """Model objects as marshal-able data: a list [type code, fields...]; tuples stay tuples."""
    code = _CODES.get(type(value))
    if code is not None:
        return [code, *(_encode(field) for field in value)]
    if type(value) is tuple:
        return tuple(_encode(item) for item in value)
    return value


def _decode(value: Any) -> Any:
    if type(value) is list:
        return _TYPES[value[0]](*(_decode(field) for field in value[1:]))
    if type(value) is tuple:
        return tuple(_decode(item) for item in value)
    return value


def load(folder: Path, path: Path, stat: os.stat_result) -> Article | None:
    """The parse of this file kept in `folder`, if there is one for the file as it is now."""
    try:
        with open(_entry(folder, path), "rb") as handle:
            stamp, data = marshal.load(handle)
        if stamp != _stamp(path, stat):
            return None
        article = _decode(data)
    except (OSError, EOFError, ValueError, TypeError, IndexError, KeyError):
        return None  # missing, unreadable or damaged: parse the file instead
    return article if isinstance(article, Article) else None


def store(folder: Path, path: Path, stat: os.stat_result, article: Article) -> None:
    """Keep a parse in `folder` for next time; a cache that cannot be written is not used."""
    _write_atomically(_entry(folder, path), (_stamp(path, stat), _encode(article)))


def _write_atomically(target: Path, value: Any) -> None:
    temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as handle:
            marshal.dump(value, handle)
        os.replace(temporary, target)  # atomic: a concurrent reader sees the old file or the new
    except (OSError, ValueError):
        try:
            temporary.unlink()
        except OSError:
            pass


def load_memo(folder: Path, name: str) -> dict[str, str]:
    """A small remembered table of strings (say, language names); empty when there is none."""
    try:
        with open(folder / f"{name}.marshal", "rb") as handle:
            stamp, table = marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if stamp != FORMAT or type(table) is not dict:
        return {}
    return {k: v for k, v in table.items() if type(k) is str and type(v) is str}


def store_memo(folder: Path, name: str, table: dict[str, str]) -> None:
    _write_atomically(folder / f"{name}.marshal", (FORMAT, table))
