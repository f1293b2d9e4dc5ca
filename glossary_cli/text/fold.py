"""Fold text for matching what a reader typed: case, accents and width do not count."""

from __future__ import annotations

import re
import unicodedata

# Combining diacritical marks (U+0300..U+036F) carry the accents of Latin, Greek and Cyrillic
# letters once decomposed. Other combining marks are left alone on purpose: the Japanese
# voicing marks (U+3099, U+309A) tell different kana apart, and Indic vowel signs are letters.
_ACCENTS = re.compile("[\u0300-\u036f]+")
# Letters with a stroke have no decomposition, yet readers type them without it (`lodz`).
_STROKES = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ŧ": "t"})


def fold(text: str) -> str:
    """`Sprzedaż` -> `sprzedaz`, `ＡＢＣ` -> `abc`; kana, hangul and CJK come back composed."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return unicodedata.normalize("NFC", _ACCENTS.sub("", decomposed).translate(_STROKES))


def fold_key(text: str) -> str:
    """A whole name folded, with runs of whitespace, `-` and `_` read as one space."""
    return " ".join(fold(text).replace("-", " ").replace("_", " ").split())


_FOLDED: dict[str, str] = {}  # character -> its folding; a text has a few thousand at most


def fold_with_origins(text: str) -> tuple[str, list[int]]:
    """`text` folded, and for each folded character the index of the character it came from,
    so that a match found in the folded text can be marked in the original."""
    if text.isascii():
        return text.lower(), list(range(len(text)))
    pieces: list[str] = []
    origins: list[int] = []
    cache = _FOLDED
    for index, char in enumerate(text):
        piece = cache.get(char)
        if piece is None:
            piece = cache[char] = fold(char)
        pieces.append(piece)
        origins.extend([index] * len(piece))
    return "".join(pieces), origins
