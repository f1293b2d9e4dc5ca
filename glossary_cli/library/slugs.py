"""What a slug is: the one path component that names a term, in every layout."""

from __future__ import annotations

import re

# A slug is one path component a reader can type: letters, digits and . _ ( ) + - but never a
# path separator, a leading dot or dash, or "..", so that no file outside a root is opened.
# Letters include the combining marks that scripts write words with, which `\w` leaves out
# (Devanagari's virama and vowel signs in क्लस्टर, Thai's vowels, Arabic and Hebrew points,
# Latin's combining accents) and the joiners Persian and Indic words need (ZWNJ, ZWJ).
_MARKS = (
    "\u0300-\u036f"  # combining diacritical marks
    "\u0591-\u05c7"  # Hebrew points
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"  # Arabic marks
    "\u0900-\u0dff"  # Devanagari to Sinhala: letters, marks and digits
    "\u0e00-\u0eff"  # Thai and Lao
    "\u1000-\u109f"  # Myanmar
    "\u1780-\u17ff"  # Khmer
    "\u200c\u200d"  # ZWNJ, ZWJ
)
SLUG = re.compile(rf"^(?![.-])(?!.*\.\.)[\w{_MARKS}.()+-]{{1,200}}$")
ARTICLE_SUFFIX = ".md"  # an article file's name ends so


def is_slug(name: str) -> bool:
    return SLUG.match(name) is not None
