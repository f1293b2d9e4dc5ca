"""The one rule for "the same text, case, accents and width aside", stated once as a table and
run through every entry point: text.fold, `show --section`, completing `--section`, `show`
by title, and `search`."""

from __future__ import annotations

import shlex
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossary_cli.text import fold as fold_module
from glossary_cli.text.fold import (
    fold,
    fold_key,
    fold_with_origins,
    fold_words,
    fold_words_with_origins,
    original_span,
)

from conftest import Run, article, write_article


class Case(NamedTuple):
    typed: str
    text: str
    same: bool
    why: str


# THE RULE. NFKD, casefold, drop U+0300..U+036F, read stroke letters bare (`ł` as `l`), NFC.
# Only the Latin/Greek/Cyrillic accents go: every other mark is part of the word.
RULE = [
    Case("lodz", "Łódź", True, "accents and the stroke of ł do not count"),
    Case("sprzedaz", "Sprzedaż", True, "accents do not count"),
    Case("abc", "ＡＢＣ", True, "width and case do not count"),
    Case("ｶﾞ", "ガ", True, "half-width kana are kana"),
    Case("ｶﾞｲﾄﾞ", "ガイド", True, "half-width kana are kana, voicing mark and all"),
    Case("かっこう", "がっこう", False, "kana voicing marks (U+3099) are no accents"),
    Case("か\u3099っこう", "がっこう", True, "か + U+3099 typed as two code points is が"),
    Case("cafe\u0301", "café", True, "an accent typed decomposed"),
    Case("café", "cafe\u0301", True, "an accent written decomposed"),
    Case("\u1100\u1161", "가", True, "hangul jamo typed one by one make the syllable"),
    Case("strasse", "Straße", True, "case folds ß to ss"),
    Case("tm", "™", True, "a compatibility form folds for case too"),
    Case("दल", "दिल", False, "a Devanagari vowel sign (U+093F) is a letter"),
    Case("كتب", "كَتَبَ", False, "Arabic harakat (U+064B..) are outside U+0300..036F: they count"),
]
IDS = [f"{case.typed}-{case.text}" for case in RULE]


def parametrize_rule(test: Callable[..., None]) -> Callable[..., None]:
    return pytest.mark.parametrize("case", RULE, ids=IDS)(test)


@parametrize_rule
def test_fold(case: Case) -> None:
    assert (fold(case.typed) == fold(case.text)) is case.same, case.why
    assert (fold_key(case.typed) == fold_key(case.text)) is case.same, case.why


# --- through the command line -------------------------------------------------------------------

MARKER = "the section asked for"


@pytest.fixture
def entry(tree: Path) -> Callable[[str], Path]:
    """An article `entry` titled `text`, its introduction `text`, and two sections: `Other`
    and one headed `text`."""

    def write(text: str) -> Path:
        body = f"{text}\n\n## Other\n\nfiller\n\n## {text}\n\n{MARKER}\n"
        write_article(tree, "entry", "en", article(text, body))
        return tree

    return write


@parametrize_rule
def test_show_section(case: Case, run: Run, entry: Callable[[str], Path]) -> None:
    shown = run("-a", str(entry(case.text)), "show", "entry", "--section", case.typed)
    assert (shown.exit_code == 0 and MARKER in shown.stdout) is case.same, case.why
    if not case.same:
        assert shown.exit_code == 1 and "has no section" in shown.stderr


def completes(run: Run, line: str) -> list[str]:
    """Bash's completions for `line`, asked in-process through entry.run() (as the shell asks),
    each unquoted as bash reads it."""
    words = line.split(" ")
    env = {"_GLOSSARY_COMPLETE": "complete_bash", "COMP_CWORD": str(len(words) - 1)}
    answer = run(env={**env, "COMP_WORDS": line}).stdout
    return [shlex.split(value)[0] for value in answer.splitlines() if value]


@parametrize_rule
def test_complete_section(case: Case, run: Run, entry: Callable[[str], Path]) -> None:
    tree = entry(case.text)
    values = completes(run, f"glossary -a {tree} show entry --section {case.typed}")
    assert bool(values) is case.same, case.why
    # what is offered is the reader's own spelling, and opens that section
    for value in values:
        assert value.startswith(case.typed)
        shown = run("-a", str(tree), "show", "entry", "--section", value)
        assert MARKER in shown.stdout


@parametrize_rule
def test_show_by_title(case: Case, run: Run, entry: Callable[[str], Path]) -> None:
    shown = run("-a", str(entry(case.text)), "show", case.typed)
    assert (shown.exit_code == 0 and MARKER in shown.stdout) is case.same, case.why


@parametrize_rule
def test_search(case: Case, run: Run, entry: Callable[[str], Path]) -> None:
    found = run("-a", str(entry(case.text)), "search", case.typed)
    hits = [line.split("\t") for line in found.stdout.splitlines()]
    assert any(hit[0] == "entry" for hit in hits) is case.same, case.why
    if case.same:
        # the whole of the text is marked, combining marks and all
        assert f"\u00ab{case.text}\u00bb" in found.stdout


# --- the two bugs of issue 11 -------------------------------------------------------------------


def test_section_lodz_opens_the_heading_lodz(run: Run, tree: Path) -> None:
    write_article(tree, "city", "en", article("City", "## Kraków\n\nold\n\n## Łódź\n\nfactories\n"))
    shown = run("-a", str(tree), "show", "city", "--section", "lodz")
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout.splitlines()[0] == "Łódź"
    assert "factories" in shown.stdout


def test_kana_that_differ_by_a_voicing_mark_are_different_sections(run: Run, tree: Path) -> None:
    body = "## がっこう\n\nschool\n\n## かっこう\n\ncuckoo\n"
    write_article(tree, "words", "ja", article("言葉", body))
    for typed, meaning in (("かっこう", "cuckoo"), ("がっこう", "school")):
        shown = run("-a", str(tree), "show", "words", "--section", typed)
        assert shown.exit_code == 0, shown.stderr
        assert shown.stdout.splitlines()[0] == typed
        assert meaning in shown.stdout
    assert completes(run, f"glossary -a {tree} show words --section か") == ["かっこう"]
    assert completes(run, f"glossary -a {tree} show words --section が") == ["がっこう"]


# --- fold_with_origins agrees with fold ---------------------------------------------------------

# Characters where folding one at a time and folding the whole text part ways: combining marks
# of several blocks, kana with their voicing marks (full and half width), hangul jamo, Indic
# vowels written in two parts, Greek with ypogegrammeni, letters that fold to two.
TRICKY = (
    "aeiouAEIOUßẞİıŁłØøﬁ™㎒ΐᾳΩ \t\u3000"
    "\u0300\u0301\u0308\u0323\u0327\u0345\u0483\u05b0\u064b\u0650\u093c\u0bbe\u0cd5\u3099\u309a"
    "かがカガはぱｶﾊﾞﾟ゛"
    "\u1100\u1161\u11a8가각"
    "கெொைෙ\u0dcfಕೆ\u0cc2"
    "दिलكتب"
)
tricky_text = st.text(alphabet=st.sampled_from(TRICKY), max_size=24)
any_text = st.text(max_size=40)


@given(st.one_of(tricky_text, any_text))
def test_fold_with_origins_agrees_with_fold(text: str) -> None:
    folded, origins = fold_with_origins(text)
    assert folded == fold(text)
    assert len(origins) == len(folded)
    assert origins == sorted(origins)
    assert all(0 <= index < len(text) for index in origins)
    words, kept = fold_words_with_origins(text)
    assert words == fold_words(text)
    assert len(kept) == len(words)


@given(st.one_of(tricky_text, any_text))
def test_canonically_equivalent_texts_fold_alike(text: str) -> None:
    folded = fold(text)
    for form in ("NFC", "NFD", "NFKC", "NFKD"):
        assert fold(unicodedata.normalize(form, text)) == folded
    assert fold(folded) == folded


def test_every_character_folds_as_it_does_in_a_text() -> None:
    for code in range(0x20000):  # the BMP and plane 1: every script with marks
        char = chr(code)
        if not 0xD800 <= code < 0xE000:
            assert fold_with_origins(char)[0] == fold(char), hex(code)


def test_decomposed_input_folds_by_clusters() -> None:
    # character by character, these would be `か` + U+3099, `カ` + U+3099 and two jamo
    assert fold_with_origins("か\u3099い") == ("がい", [0, 2])
    assert fold_with_origins("ｶﾞｲ") == ("ガイ", [0, 2])
    assert fold_with_origins("\u1100\u1161\u11a8x") == ("각x", [0, 3])
    assert fold_with_origins("Cafe\u0301!") == ("cafe!", [0, 1, 2, 3, 5])


def test_original_span_covers_whole_clusters() -> None:
    text = "Cafe\u0301 Maße"
    folded, origins = fold_with_origins(text)
    assert folded == "cafe masse"
    assert text.__getitem__(slice(*original_span(origins, len(text), 0, 4))) == "Cafe\u0301"
    # one `s` of the two that `ß` folds to still marks the `ß`
    start = folded.index("ss")
    assert original_span(origins, len(text), start, start + 1) == (8, 9)
    assert original_span(origins, len(text), start + 1, len(folded)) == (8, 10)


def test_origins_cost_one_pass_however_long_the_cluster(monkeypatch: pytest.MonkeyPatch) -> None:
    """A hostile heading, a letter and 100,000 combining marks, is one cluster folded once."""
    import glossary_cli.text.fold as module

    calls: list[str] = []
    monkeypatch.setattr(module, "fold", lambda text: calls.append(text) or fold(text))
    for mark in ("\u0301", "\u0483"):  # one dropped, one kept
        calls.clear()
        text = "a" + mark * 100_000 + "b"
        assert module.fold_with_origins(text)[0] == fold(text)
        assert len(calls) <= 2


# --- the code page's table agrees with Unicode's folding ----------------------------------------

_CODE_PAGE_CHARS = "".join(
    char
    for char in (bytes([byte]).decode("cp1252", "replace") for byte in range(256))
    if char != "\ufffd"
)
_LONG = "x" * 64  # long enough for the table (shorter texts are folded at once)


def test_every_pair_of_code_page_characters_folds_as_unicode_folds_it() -> None:
    """Folding by the table is folding character by character: right when no character of the
    code page reaches into the one beside it, which every pair shows."""
    for first in _CODE_PAGE_CHARS:
        for second in _CODE_PAGE_CHARS:
            text = _LONG + first + second
            assert fold(text) == fold_module._fold_whole(text), (first, second)


@given(st.text(alphabet=st.sampled_from(_CODE_PAGE_CHARS + "µ¼ŁıΣ\u0301"), min_size=64))
def test_text_folded_by_the_table_is_folded_as_unicode_folds_it(text: str) -> None:
    assert fold(text) == fold_module._fold_whole(text)


def test_the_table_folds_western_european_text() -> None:
    text = "Straße, “Déjà vu” – Œuvre… ÄÖÜ ™ " + _LONG
    assert fold(text) == "strasse, “deja vu” – œuvre... aou tm " + _LONG
    assert fold("µ" + _LONG) == "μ" + _LONG  # outside the code page once folded
