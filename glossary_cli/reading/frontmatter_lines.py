"""Read an article's frontmatter `title` by lines, without YAML: completion's cheap reader.

The parser (PyYAML through reading/frontmatter.py) is the authority; this agrees with it on a
scalar `title:` (plain, quoted with escapes, folded over lines, a block) and reads no title
where PyYAML reads something other than text. Every pattern is linear in the line it reads.
"""

from __future__ import annotations

import re

from glossary_cli.text.segments import join_lines, segment_break

# YAML 1.1 (PyYAML) reads these plain scalars as null or booleans, and the parser then ignores
# the title, so this module must too.
_NOT_TEXT = frozenset(
    "~ null Null NULL true True TRUE false False FALSE".split()
    + "yes Yes YES no No NO on On ON off Off OFF".split()
)
# Patterns are left for `re` to compile (and cache) when first used: compiling them all costs
# more than a completion that needs none of them.
_TITLE_KEYS = ("title", "'title'", '"title"')
_YAML_SPACE = " \t"  # YAML's white space; no-break spaces and the like are text
_DATE = r"\d{4}-\d\d?-\d\d?(?:[Tt ].*)?"  # a date or a timestamp to PyYAML
# A double-quoted scalar, unrolled ("normal* (special normal*)*") so that it is read once.
_DOUBLE_QUOTED = r'"([^"\\]*(?:\\.[^"\\]*)*)"'
_YAML_ESCAPE = r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)"
_YAML_ESCAPES = dict(zip("0abtnvfreN_LP", "\0\a\b\t\n\v\f\r\x1b\x85\xa0\u2028\u2029", strict=True))


def split(text: str) -> tuple[list[str] | None, list[str]]:
    """Frontmatter lines (None when there is none, or it is never closed) and body lines."""
    if not text.startswith("---"):
        return None, text.split("\n")
    lines = text.strip().split("\n")
    if not _is_boundary(lines[0]):
        return None, text.split("\n")
    for end in range(1, len(lines)):
        if _is_boundary(lines[end]):
            return lines[1:end], lines[end + 1 :]
    return None, lines


def _is_boundary(line: str) -> bool:
    """python-frontmatter's boundary: a line of three or more dashes."""
    dashes = line.rstrip()
    return len(dashes) >= 3 and dashes.count("-") == len(dashes)


def yaml_title(frontmatter: list[str]) -> str | None:
    """The `title` as PyYAML reads a scalar; None when absent or not text."""
    found = None
    for index, line in enumerate(frontmatter):
        key = next((k for k in _TITLE_KEYS if line.startswith(k)), "")
        after_key = line[len(key) :].lstrip(" \t") if key else ""
        if after_key.startswith(":") and after_key[1:2] in ("", " ", "\t"):
            # The last one, as PyYAML keeps the last of a repeated key.
            found, value = index, after_key[1:].strip(_YAML_SPACE)
    if found is None:
        return None
    parts = [value]
    for following in frontmatter[found + 1 :]:
        if following.strip(_YAML_SPACE) and following[:1] not in (" ", "\t"):
            break
        parts.append(following.strip(_YAML_SPACE))  # a continuation line
    if parts[0] in ("|", ">", "|-", ">-", "|+", ">+"):
        return join_lines(parts[1:]) or None
    value = _fold(parts)
    if not value:
        return None
    if value[0] == '"':
        closed = re.match(_DOUBLE_QUOTED, value)
        if closed is None:
            return None
        return re.sub(_YAML_ESCAPE, _unescape, closed.group(1))
    if value[0] == "'":
        closing = re.search(r"'(?!')", value[1:].replace("''", "\0\0"))
        if closing is None:
            return None
        return value[1 : 1 + closing.start()].replace("''", "'")
    if value[0] in "[{&*!%@`|>":
        return None  # a collection, an alias or a tag: not a title the parser accepts
    value = value.split(" #", 1)[0].rstrip(_YAML_SPACE)
    return None if value in _NOT_TEXT or re.fullmatch(_DATE, value) else value


def _fold(parts: list[str]) -> str:
    """The lines of a flow scalar as one: a line break folds into a space (none between two
    Chinese or Japanese characters, as the parser joins them), unless a double-quoted line
    escapes it with `\\` (an odd run of backslashes at its end)."""
    pieces: list[str] = []
    quoted = False
    for part in filter(None, parts):
        if not pieces:
            quoted = part[0] == '"'
            pieces.append(part)
            continue
        last = pieces[-1]
        if quoted and (len(last) - len(last.rstrip("\\"))) % 2 == 1:
            pieces[-1] = last[:-1]
        else:
            pieces.append(segment_break(last, part))
        pieces.append(part)
    return "".join(pieces)


def _unescape(escape: re.Match[str]) -> str:
    code = escape.group(1)
    if code[0] in "xuU" and len(code) > 1:
        return chr(int(code[1:], 16))
    return _YAML_ESCAPES.get(code, code)
