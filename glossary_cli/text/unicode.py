"""Valid Unicode text out of YAML, and the invisible format characters of keys and titles.

YAML's escapes (`"\\uD800"`) can make a lone surrogate, which no encoder writes: such a value
would fail wherever it is printed or stored. Format characters (Unicode category Cf: zero-width
space, direction marks) are invisible, so a key or a title with them looks like another.
"""

from __future__ import annotations

import re
import unicodedata

_SURROGATE = "[\ud800-\udfff]"
_LONE_SURROGATE = "[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]"

# Dropped from titles: invisible characters that only change how text looks or reads (bidi
# marks, embeddings, overrides and isolates, zero-width space, word joiner, invisible math
# operators, the BOM, soft hyphen, Mongolian vowel separator, deprecated format controls,
# interlinear annotations). Kept: ZWNJ and ZWJ (U+200C, U+200D), which Persian and Indic words
# and emoji sequences need, and the other format characters scripts use (Arabic number signs,
# emoji tag sequences).
_INVISIBLE_IN_TITLES = (
    "[\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
    "\ufff9-\ufffb]"
)


def valid_text(text: str) -> str:
    """`text` as valid Unicode: a surrogate pair written as two escapes (JSON's way,
    `"\\uD83D\\uDE00"`) becomes its character, a lone surrogate becomes U+FFFD."""
    if text.isascii() or re.search(_SURROGATE, text) is None:
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def lone_surrogate(text: str) -> str | None:
    """The first lone surrogate of `text` as `U+D800`, or None (a pair is no problem)."""
    if text.isascii():
        return None
    found = re.search(_LONE_SURROGATE, text)
    return None if found is None else f"U+{ord(found.group()):04X}"


def format_characters(text: str) -> list[str]:
    """The format characters (category Cf) in `text`, as `U+200B`, in order, each once."""
    if text.isascii():
        return []
    found = dict.fromkeys(
        f"U+{ord(char):04X}" for char in text if unicodedata.category(char) == "Cf"
    )
    return list(found)


def without_format(text: str) -> str:
    """`text` without any format character (category Cf): how keys are compared, and titles
    when `glossary check` looks for two that look alike."""
    if text.isascii():
        return text
    return "".join(char for char in text if unicodedata.category(char) != "Cf")


def title_text(text: str) -> str:
    """A title as shown: valid text without the invisible characters that make two titles
    look alike (ZWNJ and ZWJ stay: words need them)."""
    text = valid_text(text)
    if not text.isascii():
        text = re.sub(_INVISIBLE_IN_TITLES, "", text)
    return text.strip()
