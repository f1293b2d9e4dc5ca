"""How folded text becomes the search index's words, and a query's terms the same way: words
for scripts that space them, overlapping pairs of characters (bigrams) for those that do not.

FTS5's unicode61 tokenizer splits the text into words (letters, digits and marks; text is
folded before, by text/fold.py, so it folds nothing itself). A word typed matches the words
that start with it (`protocol` finds `protocols`). Chinese, Japanese, Korean, Thai, Lao, Khmer
and Myanmar text is cut into bigrams first, so that a word inside a sentence is found: `検索`
in `全文検索エンジン`, as the trigram index found it, at a fraction of its size.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache


# Scripts written without spaces between words (and Hangul, whose words take particles:
# `클러스터를`): Thai, Lao, Myanmar, Khmer, Hangul jamo and syllables, kana, CJK ideographs
# and their compatibility forms.
@cache
def _unspaced() -> re.Pattern[str]:
    """Compiled on first use, for text that is not ASCII: its ranges cost milliseconds to
    compile, which a search of ASCII words would pay on every run."""
    return re.compile(
        "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u1100-\u11ff\u3040-\u30ff\u31f0-\u31ff"
        "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+"
    )


# What unicode61 keeps in a word, with `categories 'L* N* Co M*'`: letters, numbers, private
# use characters and marks (the default leaves marks out, which would cut Hindi words apart).
TOKENIZER = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'"
_WORD_CATEGORIES = ("L", "N", "M")


def _bigrams(run: str, query: bool) -> str:
    if len(run) == 1:
        return f" {run} "
    pairs = [run[i : i + 2] for i in range(len(run) - 1)]
    if not query:
        pairs.append(run[-1])  # so that one character typed finds the run's last one too
    return " " + " ".join(pairs) + " "


def index_text(folded: str) -> str:
    """Folded text as the index stores it: unspaced scripts cut into bigrams."""
    if folded.isascii():
        return folded
    return _unspaced().sub(lambda m: _bigrams(m.group(), query=False), folded)


def _is_word_char(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in _WORD_CATEGORIES or category == "Co"


def query_words(term: str) -> list[tuple[str, bool]]:
    """A folded term's words as the index has them, each with whether it is matched as the
    start of a word (a word of a spaced script; a single unspaced character)."""
    ascii = term.isascii()
    spaced = term if ascii else _unspaced().sub(lambda m: _bigrams(m.group(), query=True), term)
    words: list[tuple[str, bool]] = []
    current: list[str] = []
    for char in spaced + " ":
        if _is_word_char(char):
            current.append(char)
        elif current:
            word = "".join(current)
            unspaced = not ascii and _unspaced().fullmatch(word) is not None
            words.append((word, not unspaced or len(word) == 1))
            current = []
    return words


def match_expression(terms: list[str]) -> str | None:
    """The FTS5 query for folded terms, every term required; a term of several words
    (`inside-sales`, the bigrams of `検索エンジン`) as a phrase, its words in that order. None
    when a term has no word at all (`++`), which then matches nothing."""
    parts: list[str] = []
    for term in terms:
        words = query_words(term)
        if not words:
            return None
        phrase = " ".join(word for word, _ in words).replace('"', '""')
        parts.append(f'"{phrase}"' + ("*" if words[-1][1] else ""))
    return " AND ".join(parts)
