"""Source line breaks inside a paragraph, joined as CSS Text 3 joins them: no space between two
East Asian wide characters (`します。` + `良い例は`), a space everywhere else.

The rule is CSS Text Level 3's segment break transformation (section 4.1.2), which browsers
apply to the same Markdown: a segment break is removed when the characters on both sides have
an East Asian Width of F, W or H and neither is Hangul (Korean puts spaces between words); it
is removed too when one side is such a character and the other is punctuation or a symbol of
width A (`…`, `“`), as CSS does for Chinese and Japanese. Everything else becomes one space.
The parser (softbreaks), the line reader (the index, `list`, snippets) and the frontmatter
(lines folded by YAML) all join lines through here, so every view and the index agree.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Hangul is wide but written with spaces between words: a break between two syllables is a
# space, as in Latin text.
_HANGUL = (
    (0x1100, 0x11FF),  # Jamo
    (0x3130, 0x318F),  # compatibility Jamo
    (0xA960, 0xA97F),  # Jamo extended A
    (0xAC00, 0xD7FF),  # syllables and Jamo extended B
    (0xFFA0, 0xFFDC),  # half-width Jamo
)
# Below this no character is East Asian wide (F, W or H) or Hangul: the fast path.
_FIRST_WIDE = "\u1100"
_BREAK = r"[ \t]*\n[ \t]*"  # a line break and the white space around it (CSS removes it first)


@lru_cache(maxsize=4096)
def is_wide(character: str) -> bool:
    """East Asian Width F, W or H, and not Hangul: the characters of Chinese and Japanese text
    (and emoji, which are W), between which a line may break and a source break is no space."""
    if character < _FIRST_WIDE:
        return False
    if unicodedata.east_asian_width(character) not in ("F", "W", "H"):
        return False
    code = ord(character)
    return not any(start <= code <= end for start, end in _HANGUL)


def _is_ambiguous_mark(character: str) -> bool:
    return unicodedata.east_asian_width(character) == "A" and unicodedata.category(
        character
    ).startswith(("P", "S"))


def segment_break(before: str, after: str) -> str:
    """What a source line break between the characters `before` and `after` becomes: "" or " "
    (either may be "" at the start or the end of a text: then a space, as before)."""
    if not before or not after:
        return " "
    first, second = before[-1], after[0]
    if first < _FIRST_WIDE and second < _FIRST_WIDE:
        return " "
    if is_wide(first):
        return "" if is_wide(second) or _is_ambiguous_mark(second) else " "
    return "" if is_wide(second) and _is_ambiguous_mark(first) else " "


def join_lines(lines: Iterable[str]) -> str:
    """Lines of one paragraph (each already stripped) as one line, joined by the rule."""
    out: list[str] = []
    for line in lines:
        if not line:
            continue
        if out:
            out.append(segment_break(out[-1], line))
        out.append(line)
    return "".join(out)


def join_breaks(text: str) -> str:
    """`text` with each line break (and the spaces and tabs around it) joined by the rule."""
    if "\n" not in text:
        return text
    return re.sub(
        _BREAK,
        lambda found: segment_break(
            text[found.start() - 1 : found.start()], text[found.end() : found.end() + 1]
        ),
        text,
    )
