"""What frontmatter is (its fences, first line, size cap), its read error and message words.

Both the frontmatter reader and its YAML loader import these; this module imports neither, so
the arrows between the three go one way (frontmatter -> yaml_loader -> frontmatter_rules).
"""

from __future__ import annotations

import datetime
import re

from glossary_cli.text.sanitize import clean_text, visible
from glossary_cli.text.unicode import valid_text

FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)  # the handler's FM_BOUNDARY
FIRST_LINE = 2  # the YAML starts on the file's second line, after the opening `---`
# Real frontmatter is a few lines (MDN's largest: 368 bytes). The pure-Python YAML loader reads
# some 100 KB a second on hostile input, so a cap keeps any article under a second or so.
MAX_FRONTMATTER = 64 * 1024


class Unreadable(ValueError):
    """Frontmatter or Markdown that cannot be read at all; read_article makes it a BadArticle
    (a ValueError: the search index's reader catches those)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


class Number(str):
    """A scalar YAML reads as a number (`1.10`, `0x1F`, `1e999`), kept as written: converting
    it could fail (Python's int-to-string digit limit) or lose what the author wrote."""

    __slots__ = ()


def kind(value: object) -> str:
    """What a YAML value is, in words."""
    if isinstance(value, Number):
        return "a number"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return "a date"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return "text"
    return f"a {type(value).__name__}"


def quoted(key: str) -> str:
    return f"'{visible(valid_text(key))}'"


def one_line(text: str) -> str:
    return " ".join(clean_text(valid_text(text)).split())[:300]
