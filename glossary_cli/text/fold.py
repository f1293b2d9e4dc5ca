"""Fold text for matching what a reader typed: case, accents and width do not count."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import cache
from typing import NamedTuple

# Combining diacritical marks (U+0300..U+036F) carry the accents of Latin, Greek and Cyrillic
# letters once decomposed. Other combining marks are left alone on purpose: the Japanese
# voicing marks (U+3099, U+309A) tell different kana apart, Indic vowel signs are letters, and
# Arabic harakat (U+064B..) and Hebrew points are kept too: `كتب` is not `كَتَبَ` here.
_ACCENTS = re.compile("[\u0300-\u036f]+")
# Letters with a stroke have no decomposition, yet readers type them without it (`lodz`).
_STROKES = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ŧ": "t"})
_WORDS = re.compile(r"\S+")

_normalize = unicodedata.normalize


def fold(text: str) -> str:
    """The one rule for "the same text": `Łódź` -> `lodz`, `ＡＢＣ` -> `abc`, `Straße` ->
    `strasse`, `™` -> `tm`; `が` stays `が` (not `か`); kana, hangul and CJK come back composed,
    so that typed `か` + U+3099 and `e` + U+0301 fold as `が` and `e` do."""
    if text.isascii():
        return text.lower()
    if len(text) >= _BY_TABLE_FROM:
        try:
            return _fold_by_table(text.encode(_CODE_PAGE))
        except (UnicodeEncodeError, _Unfit):
            pass
    return _fold_whole(text)


def _fold_whole(text: str) -> str:
    return _normalize("NFC", _decomposed(text))


# Windows-1252: ASCII, Latin-1's letters and the punctuation of Western European text (`’`,
# `“`, `–`, `…`, `€`, `œ`). Its characters are all starters that nothing composes with, so
# each folds alike wherever it stands, and a text of them folds as a table says, byte by
# byte, in C (tests/test_fold.py compares both ways over every pair): German, Italian or
# Finnish text folds about five times faster than through Unicode's normalizations.
_CODE_PAGE = "cp1252"
_BY_TABLE_FROM = 64  # shorter texts fold at once, without the table (built on first use)


class _Unfit(Exception):
    """The text holds a character whose folding is not in the code page (`µ` is `μ`)."""


class _Table(NamedTuple):
    bytes_folded: bytes  # the folding of each byte that folds to one byte
    longer: tuple[tuple[bytes, bytes], ...]  # bytes that fold to several (`ß`: `ss`)
    unfit: tuple[bytes, ...]  # bytes whose folding is outside the code page


@cache
def _table() -> _Table:
    """The code page's folding, from `_fold_whole` of each of its characters."""
    folded = bytearray(range(256))
    longer: list[tuple[bytes, bytes]] = []
    unfit: list[bytes] = []
    for byte in range(256):
        try:
            char = bytes([byte]).decode(_CODE_PAGE)
        except UnicodeDecodeError:
            continue  # no character: no text encodes to it
        try:
            encoded = _fold_whole(char).encode(_CODE_PAGE)
        except UnicodeEncodeError:
            unfit.append(bytes([byte]))
            continue
        if len(encoded) == 1:
            folded[byte] = encoded[0]
        else:
            longer.append((bytes([byte]), encoded))
    return _Table(bytes(folded), tuple(longer), tuple(unfit))


def _fold_by_table(data: bytes) -> str:
    table = _table()
    if any(byte in data for byte in table.unfit):
        raise _Unfit
    for byte, replacement in table.longer:
        if byte in data:
            data = data.replace(byte, replacement)
    return data.translate(table.bytes_folded).decode(_CODE_PAGE)


def _decomposed(text: str) -> str:
    # Unicode's compatibility caseless match (NFKD, casefold, twice): a compatibility form can
    # decompose to capitals (`™` -> `TM`) and folding can leave a decomposable letter. It starts
    # from NFKD rather than the standard's NFD, so that every normalization form of a text folds
    # alike: a compatibility mark (half-width `ﾞ`) must be ordered among the others first.
    folded = _normalize("NFKD", _normalize("NFKD", _normalize("NFKD", text).casefold()).casefold())
    return _ACCENTS.sub("", folded).translate(_STROKES)


def fold_words(text: str) -> str:
    """`text` folded, with runs of whitespace read as one space and none at either end."""
    return " ".join(fold(text).split())


def fold_key(text: str) -> str:
    """A whole name folded, with runs of whitespace, `-` and `_` read as one space."""
    return " ".join(fold(text).replace("-", " ").replace("_", " ").split())


# One character -> its folding, and -> its head (see _head); a text has a few thousand at most.
_FOLDED: dict[str, str] = {}
_HEADS: dict[str, str] = {}


def fold_with_origins(text: str) -> tuple[str, list[int]]:
    """`fold(text)`, and for each folded character the index in `text` where the cluster it
    came from begins, so that a match found in the folded text can be marked in the original
    (`original_span`).

    A cluster is a character with what combines with it (`e` + U+0301, `ｶ` + `ﾞ`, the jamo of
    one syllable): folding cluster by cluster gives what folding the whole text gives, which
    folding character by character does not (`か` + U+3099 is `が`, not `か` + U+3099).
    """
    if text.isascii():
        return text.lower(), list(range(len(text)))
    pieces: list[str] = []
    origins: list[int] = []
    start = 0
    size = len(text)
    for index in range(1, size + 1):
        if index < size:
            head = _head(text[index])
            if not head:
                continue  # a combining mark, or what decomposes to one: it stays with the base
        piece = _fold_cluster(text[start:index])
        # A cluster starts at a base character unless that base composes with the end of the
        # cluster before it (a hangul vowel jamo after its consonant, a two-part Indic vowel).
        if index < size and piece and not unicodedata.is_normalized("NFC", piece[-1] + head):
            continue
        pieces.append(piece)
        origins.extend([start] * len(piece))
        start = index
    return "".join(pieces), origins


def _fold_cluster(cluster: str) -> str:
    if len(cluster) > 1:
        return fold(cluster)
    piece = _FOLDED.get(cluster)
    if piece is None:
        piece = _FOLDED[cluster] = fold(cluster)
    return piece


def _head(char: str) -> str:
    """The first character `char` decomposes to when it is a starter that blocks the marks
    before it from reordering or composing past it; "" for a character that must stay in the
    cluster before it (combining marks, `ﾞ`, what folds to nothing)."""
    head = _HEADS.get(char)
    if head is None:
        decomposed = _decomposed(char) if not char.isascii() else char.lower()
        starts = _normalize("NFKD", char)[:1]
        if (
            decomposed
            and not unicodedata.combining(decomposed[0])
            and not unicodedata.combining(starts)
        ):
            head = decomposed[0]
        else:
            head = ""
        _HEADS[char] = head
    return head


def original_span(origins: list[int], size: int, start: int, end: int) -> tuple[int, int]:
    """The characters of the original text (of length `size`) that the folded characters
    [start, end) came from, as [begin, end): whole clusters, so no accent is left outside."""
    after = bisect_right(origins, origins[end - 1])
    return origins[start], origins[after] if after < len(origins) else size


def fold_words_with_origins(text: str) -> tuple[str, list[int]]:
    """`fold_words(text)`, with `fold_with_origins`'s origins (a space stands for the first
    character of the run of whitespace it replaces)."""
    folded, origins = fold_with_origins(text)
    words: list[str] = []
    kept: list[int] = []
    gap = 0  # where the whitespace after the last word begins
    for word in _WORDS.finditer(folded):
        if words:
            kept.append(origins[gap])
        words.append(word.group())
        kept.extend(origins[word.start() : word.end()])
        gap = word.end()
    return " ".join(words), kept
