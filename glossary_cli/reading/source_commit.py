"""A translation's `l10n.sourceCommit` (MDN's record of the source commit it was translated
from), read by lines without YAML: `langs --stale` reads it from every translation of a root.

The parser is the authority; tests/test_stale.py checks that this agrees with it on the MDN
corpus. Only the block form MDN writes is read (`l10n:` and an indented `sourceCommit:`).
"""

from __future__ import annotations

import re

from glossary_cli.reading.frontmatter_lines import split

_HASH = re.compile(r"[0-9a-fA-F]{7,40}")
_KEY = "l10n"
_FIELD = "sourceCommit"


def source_commit(text: str) -> str | None:
    """The hash (lower case) under `l10n:` `sourceCommit:`, or None when there is none."""
    frontmatter, _ = split(text)
    if frontmatter is None:
        return None
    found = None
    inside = False
    indent: int | None = None  # of the block's own keys: deeper lines belong to them
    for line in frontmatter:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[:1].isspace():
            key, colon, rest = line.partition(":")
            inside = bool(colon) and key.strip("'\"") == _KEY and not _value(rest)
            indent = None
            continue
        if not inside:
            continue
        depth = len(line) - len(line.lstrip(" "))
        if indent is None:
            indent = depth
        if depth != indent:
            continue
        key, colon, rest = line.strip().partition(":")
        value = _value(rest).strip("'\"")
        if colon and key.strip("'\"") == _FIELD:
            found = value.lower() if _HASH.fullmatch(value) else None  # the last one counts
    return found


def _value(rest: str) -> str:
    """A plain scalar's text after its key's colon, without a trailing comment."""
    return rest.split(" #", 1)[0].strip()
