"""Rich's cell widths and line breaking, set once for every terminal view: spacing vowel signs
one cell wide, as terminals draw them, and lines broken between Chinese and Japanese characters
(never before `。` or after `「`), so that no text is cut off and no line is wider than the
terminal.

Rich counts a spacing mark (Unicode category Mc: Hindi `ा`, Bengali `া`, Tamil `ா`) as zero
cells, as a combining mark; terminals (xterm, VTE, tmux) and wcwidth's string width give it a
cell of its own, so a Hindi line Rich thinks fits runs over the edge and the terminal wraps it
mid-syllable. Rich breaks lines only at white space: a Japanese sentence is one long "word",
moved whole to the next line (leaving a gap behind a link's text) and, in a table, cut off
with `…`. Both are fixed here, in Rich's own functions (`rich.cells.get_character_cell_size`,
which every width Rich measures goes through, and the `divide_line` its Text.wrap calls): the
Rich versions this was checked with are in CHECKED_RICH_VERSIONS, which tests/test_wrapping.py
checks.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import rich.cells
import rich.text
from rich.cells import cell_len, chop_cells

from glossary_cli.text.segments import is_wide

# The Rich versions (major.minor) whose functions below were read and replaced.
CHECKED_RICH_VERSIONS = ("15.0",)

# Kinsoku (禁則): what may not start a line (closing brackets and punctuation, small kana,
# the prolonged sound mark, iteration marks) and what may not end one (opening brackets); the
# common set of JIS X 4051 and Chinese typesetting, and their ASCII kin beside a CJK character.
NO_LINE_START = frozenset(
    "、。，．・：；？！゛゜ヽヾゝゞ々〻ー～‐…‥〜」』）］｝〕〉》】〙〗〟’”｠»›"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    ",.:;?!)]}%"
)
NO_LINE_END = frozenset("「『（［｛〔〈《【〘〖〝‘“｟«‹([{")
# Joiners and selectors that belong to the character before them.
_JOINERS = frozenset("\u200d\ufe0e\ufe0f")
_rich_cell_size = rich.cells.get_character_cell_size
_rich_divide_line = rich.text.divide_line  # type: ignore[attr-defined]


@lru_cache(maxsize=4096)
def cell_size(character: str, unicode_version: str = "auto") -> int:
    """Rich's width of a character, but a spacing mark (Mc) takes the cell terminals give it."""
    size = _rich_cell_size(character, unicode_version)
    if size == 0 and unicodedata.category(character) == "Mc":
        return 1
    return size


def install() -> None:
    """Put this module's width and line breaking into Rich (once; later calls do nothing)."""
    if rich.cells.get_character_cell_size is cell_size:
        return
    rich.cells.get_character_cell_size = cell_size
    rich.cells.cached_cell_len.cache_clear()  # widths measured before used Rich's rule
    rich.text.divide_line = divide_line  # type: ignore[attr-defined]


def _may_break(before: str, after: str) -> bool:
    """Whether a line may break between two characters, neither of them white space: beside a
    Chinese or Japanese character (or an emoji), unless kinsoku or a joiner forbids it."""
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    if after in _JOINERS or before == "\u200d" or unicodedata.category(after)[0] == "M":
        return False
    if "\U0001f3fb" <= after <= "\U0001f3ff":  # an emoji's skin tone
        return False
    return is_wide(before) or is_wide(after)


def _words(text: str) -> Iterator[tuple[int, int, str]]:
    """The pieces a line may break between, each with the white space after it (and the first
    with the white space before it), as Rich's words are, but CJK characters break apart."""
    size = len(text)
    first = 0
    while first < size and text[first].isspace():
        first += 1
    if first == size:
        return  # white space only: no word, as to Rich
    start = 0
    for index in range(first + 1, size):
        character = text[index]
        if character.isspace():
            continue
        before = text[index - 1]
        if before.isspace() or _may_break(before, character):
            yield start, index, text[start:index]
            start = index
    yield start, size, text[start:]


def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
    """Where to break `text` into lines of `width` cells: Rich's divide_line (rich/_wrap.py),
    the same greedy filling, over pieces that also end between CJK characters."""
    if text.isascii():
        return _rich_divide_line(text, width, fold=fold)
    breaks: list[int] = []
    offset = 0  # cells used on the current line
    for start, _end, word in _words(text):
        length = cell_len(word.rstrip())
        if width - offset >= length:
            offset += cell_len(word)
        elif length > width:  # longer than any line: folded, or cut where it starts
            if fold:
                pieces = chop_cells(word, width)
                for number, piece in enumerate(pieces, 1):
                    if start:
                        breaks.append(start)
                    if number == len(pieces):
                        offset = cell_len(piece)
                    else:
                        start += len(piece)
            else:
                if start:
                    breaks.append(start)
                offset = cell_len(word)
        elif offset and start:
            breaks.append(start)
            offset = cell_len(word)
    return breaks
