"""The pure parts behind list and search: folding, snippets, extraction, scanning, matching."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossary_cli.language.choice import same_language
from glossary_cli.results import segments
from glossary_cli.search import scan as scan_module
from glossary_cli.search.extract import body_blocks, extract
from glossary_cli.search.names import suggest
from glossary_cli.search.query import search_terms, snippet
from glossary_cli.search.scan import (
    RACY_WINDOW_NS,
    State,
    compare_parts,
    edited_in_place,
    expected,
    file_paths,
    files_of,
    flat,
    observed_of,
    packed,
    paths_of,
    probe_parts,
    probe_paths,
    root_mtime,
    scan,
    settled,
    with_expected,
)
from glossary_cli.text.fold import fold, fold_key, fold_with_origins

from conftest import write_article


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Sprzedaż", "sprzedaz"),
        ("ŁÓDŹ", "lodz"),
        ("Straße", "strasse"),
        ("Ｆｕｌｌ　ｗｉｄｔｈ", "full width"),
        ("Inneförsäljning", "inneforsaljning"),
        ("Асинхронный Ёж", "асинхронныи еж"),
        ("ガベージ", "ガベージ"),  # voicing marks tell kana apart: kept
        ("ｶﾞﾍﾞｰｼﾞ", "ガベージ"),  # half-width kana become full-width
        ("비동기", "비동기"),  # hangul comes back composed
        ("异步", "异步"),
        ("plain ascii", "plain ascii"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_key_reads_dashes_and_underscores_as_spaces() -> None:
    assert fold_key("  Round_Trip-Time  (RTT) ") == "round trip time (rtt)"


@given(st.text(max_size=60))
def test_fold_with_origins_maps_every_folded_character_back(text: str) -> None:
    text = __import__("unicodedata").normalize("NFC", text)
    folded, origins = fold_with_origins(text)
    assert len(origins) == len(folded)
    assert origins == sorted(origins)
    assert all(0 <= index < len(text) for index in origins)


def test_snippet_marks_in_the_original_text() -> None:
    text, marks = snippet("Die Straße und das MASS.", ["mass"], width=0)
    assert [text[a:b] for a, b in marks] == ["MASS"]
    text, marks = snippet("Maß und Maß", ["mass"], width=0)
    assert [text[a:b] for a, b in marks] == ["Maß", "Maß"]
    assert segments(text, marks) == [("Maß", True), (" und ", False), ("Maß", True)]


def test_snippet_is_one_line_cut_at_spaces_around_the_first_match() -> None:
    text = " ".join(["before"] * 60) + "\n\tTARGET " + " ".join(["after"] * 60)
    piece, marks = snippet(text, ["target"], width=80)
    assert "\n" not in piece and "\t" not in piece
    assert piece.startswith("\u2026before") and piece.endswith("after\u2026")
    assert [piece[a:b] for a, b in marks] == ["TARGET"]
    assert len(piece) <= 82


def test_snippet_without_spaces_cuts_anywhere() -> None:
    text = "あ" * 300 + "非同期" + "い" * 300
    piece, marks = snippet(text, ["非同期"], width=60)
    assert [piece[a:b] for a, b in marks] == ["非同期"]
    assert len(piece) == 62


def test_snippet_overlapping_terms_merge() -> None:
    text, marks = snippet("abcdef", ["abcd", "cdef"], width=0)
    assert marks == ((0, 6),)


def test_search_terms_are_folded_and_unique() -> None:
    assert search_terms("  Sprzedaż  SPRZEDAZ wewnętrzna ") == ["sprzedaz", "wewnetrzna"]


@pytest.mark.parametrize(
    ("asked", "tag", "same"),
    [
        ("pt", "pt-BR", True),
        ("pt-BR", "pt", True),
        ("pt-BR", "pt-BR", True),
        ("pt-PT", "pt-BR", False),
        ("zh-TW", "zh-CN", False),
        ("en", "es", False),
    ],
)
def test_same_language(asked: str, tag: str, same: bool) -> None:
    assert same_language(asked, tag) is same


def test_suggest_from_slugs_and_titles() -> None:
    names = [("event-loop", "Event loop"), ("event-loop", "Ereignisschleife"), ("dom", "DOM")]
    assert suggest("event lop", names) == ["event-loop"]
    assert suggest("ereignisschlefe", names) == ["Ereignisschleife (event-loop)"]
    assert suggest("xyzzy", names) == []
    assert suggest("do", names) == ["dom"]
    assert suggest("  ", names) == []


def test_suggestions_show_control_characters_escaped() -> None:
    assert suggest("evil", [("evil", "Evil\x1b")]) == ["evil"]
    assert suggest("evil\x1b", [("x", "Evil\x1b title")]) == ["Evil\\x1b title (x)"]


def test_body_blocks() -> None:
    body = (
        "# The Title\n\nFirst *para*\ncontinues.\n\n```js\ncode();\n```\n\n## Head ##\n\n"
        "- item [one](/one)\n- item two\n\n> [!NOTE]\n> A callout.\n\n"
        "| a | b |\n| --- | --- |\n| c | d |\n\nSetext\n------\n\n---\n\n<!-- gone -->\nLast.\n"
    )
    title, blocks = body_blocks(body)
    assert title == "The Title"
    assert blocks == [
        ("p", "First para continues."),
        ("h", "Head"),
        ("i", "item one"),
        ("i", "item two"),
        ("i", "A callout."),
        ("i", "a b"),
        ("i", "c d"),
        ("h", "Setext"),
        ("p", "Last."),
    ]


def test_extract_matches_what_show_reads() -> None:
    text = "---\ntitle: 'It''s: a title'\ndescription: Short.\nkeywords: [a, b]\n---\nBody.\n"
    got = extract(text, "slug")
    assert (got.title, got.description, got.keywords, got.intro) == (
        "It's: a title",
        "Short.",
        ("a", "b"),
        "Body.",
    )
    broken = extract("---\ntitle: [unclosed\n---\nBody.\n", "slug")
    assert broken.title == "slug" and broken.problem.startswith("invalid frontmatter")
    assert extract("\ufeffPlain text only.\r\n", "bare").title == "bare"


def _tree(tmp_path: Path) -> list[str]:
    first, second = tmp_path / "first", tmp_path / "second"
    write_article(first, "a", "en", "A\n")
    write_article(first, "a", "it", "A\n")
    write_article(second, "a", "fr", "hidden by first\n")
    write_article(second, "b", "en", "B\n")
    (second / "b" / "README.md").write_text("not an article")
    (second / "not-a-folder").write_text("x")
    (second / "empty").mkdir()
    return [str(first), str(second)]


def test_scan_finds_files_and_hides_shadowed_slugs(tmp_path: Path) -> None:
    roots = _tree(tmp_path)
    found = flat(roots, scan(roots))
    assert {path: info[:3] for path, info in found.items()} == {
        os.path.join(roots[0], "a", "en.md"): ("a", "en", 0),
        os.path.join(roots[0], "a", "it.md"): ("a", "it", 0),
        os.path.join(roots[1], "b", "en.md"): ("b", "en", 1),
    }


def test_scan_with_the_stored_state_sees_the_same_and_every_change(tmp_path: Path) -> None:
    roots = _tree(tmp_path)
    first = scan(roots)
    stored = first
    assert scan(roots, stored) == first
    article = Path(roots[0]) / "a" / "en.md"
    article.write_text("changed in place, longer\n")
    assert flat(roots, scan(roots, stored))[str(article)][4] == len("changed in place, longer\n")
    write_article(Path(roots[1]), "b", "de", "neu\n")  # the folder's mtime changes
    assert os.path.join(roots[1], "b", "de.md") in flat(roots, scan(roots, stored))


def test_settled_marks_what_is_too_fresh_to_trust(tmp_path: Path) -> None:
    roots = _tree(tmp_path)
    state = scan(roots)
    now = time.time_ns()
    fresh = settled(state, now)
    assert fresh[0]["a"][0] == -1
    assert [marks[1] for _, marks in files_of(fresh[0]["a"])] == [-1, -1]  # (mtime, size, ...)
    assert [name for name, _ in files_of(fresh[0]["a"])] == ["en.md", "it.md"]
    later = settled(state, now + RACY_WINDOW_NS * 2)
    assert later == state


HOUR_NS = 3600 * 10**9


def _settled_probe(roots: list[str]) -> tuple[State, bytes]:
    """A scan of `roots` made to look an hour old, and what a warm run expects of it."""
    for root in roots:
        for folder, _, files in os.walk(root):
            for name in [*files, "."]:
                os.utime(os.path.join(folder, name), ns=(0, time.time_ns() - HOUR_NS))
    marks = [root_mtime(root) for root in roots]
    state = settled(scan(roots), time.time_ns())
    return state, expected(state, marks, time.time_ns())


def _unchanged(roots: list[str], state: State, expect: bytes) -> bool:
    """The warm check (compare_parts) of `state`'s probe paths against `expect`."""
    parts = probe_parts(probe_paths(state), expect)
    return compare_parts(roots, parts) == (len(parts), [])


def test_observe_matches_what_was_expected_while_nothing_changes(tmp_path: Path) -> None:
    roots = _tree(tmp_path) + [str(tmp_path / "no-such-root")]
    state, expect = _settled_probe(roots)
    assert _unchanged(roots, state, expect)


@pytest.mark.parametrize(
    "change",
    [
        "edit in place, same size",  # nano, VS Code: only the file's mtime changes
        "new language",  # the slug folder's mtime changes
        "new slug",  # the root's mtime changes
        "removed file",
        "removed folder",
        "root appears",
        "replaced file",  # a new inode, as an editor's atomic save makes
    ],
)
def test_observe_sees_every_change(tmp_path: Path, change: str) -> None:
    roots = _tree(tmp_path) + [str(tmp_path / "later")]
    state, expect = _settled_probe(roots)
    article = Path(roots[0]) / "a" / "en.md"
    if change == "edit in place, same size":
        article.write_text("B\n")
    elif change == "new language":
        write_article(Path(roots[1]), "b", "de", "neu\n")
    elif change == "new slug":
        write_article(Path(roots[1]), "c", "en", "C\n")
    elif change == "removed file":
        article.unlink()
    elif change == "removed folder":
        (Path(roots[1]) / "empty").rmdir()
    elif change == "root appears":
        write_article(Path(roots[2]), "z", "en", "Z\n")
    else:
        # Same size and mtimes everywhere: only the inode tells.
        folder_mtime = article.parent.stat().st_mtime_ns
        replacement = article.with_name("new.tmp")
        replacement.write_text("A\n")
        os.utime(replacement, ns=(0, article.stat().st_mtime_ns))
        os.replace(replacement, article)
        os.utime(article.parent, ns=(0, folder_mtime))
    assert not _unchanged(roots, state, expect)


def test_what_is_too_fresh_never_matches(tmp_path: Path) -> None:
    roots = _tree(tmp_path)
    marks = [root_mtime(root) for root in roots]
    state = settled(scan(roots), time.time_ns())
    assert not _unchanged(roots, state, expected(state, marks, time.time_ns()))


def test_observe_leaves_the_working_folder_where_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check stats inside each root (no keyword argument per call) and comes back; where
    the working folder cannot be moved, it stats whole paths and sees the same."""
    roots = _tree(tmp_path)
    state, expect = _settled_probe(roots)
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    assert _unchanged(roots, state, expect)
    assert os.getcwd() == str(here)
    here.rmdir()  # a working folder deleted meanwhile: still put back, by its descriptor
    assert _unchanged(roots, state, expect)

    def refused(fd: int) -> None:
        raise OSError("no fchdir here")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(os, "fchdir", refused)
    assert _unchanged(roots, state, expect)
    assert os.getcwd() == str(tmp_path)


def test_the_parts_give_back_the_paths_and_the_expectation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scan_module, "PROBE_PART", 2)
    roots = _tree(tmp_path) + [str(tmp_path / "no-such-root")]
    state, expect = _settled_probe(roots)
    parts = probe_parts(probe_paths(state), expect)
    assert max(len(part.paths.split("\0")) for part in parts) == 2
    assert paths_of(parts, len(roots)) == probe_paths(state)
    assert b"".join(part.expected for part in parts) == expect
    # An expectation that nothing matches (a stat past 2262) stays one.
    assert not _unchanged(roots, state, b"")


@pytest.mark.parametrize("part_size", [1, 2, 1024])
def test_a_change_found_part_by_part_is_seen_as_a_whole_check_sees_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, part_size: int
) -> None:
    """The parts before the first that differs are not kept, yet what the check saw of every
    part (those parts' expectation, the stats of the rest) names the one file edited."""
    roots, state, expect, parts = _four_terms_in_parts(tmp_path, monkeypatch, part_size)
    files = probe_paths(state)[0][1].split("\0")
    position = files.index("c/en.md")
    edited = Path(roots[0]) / "c" / "en.md"
    edited.write_text("C, edited\n")
    matched, rest = compare_parts(roots, parts)
    assert rest is not None and 0 < len(rest) <= len(parts) - matched
    seen = observed_of(parts, [part.expected for part in parts[:matched]] + rest)
    assert packed(seen) != expect
    assert edited_in_place(seen, expect) == [(0, position)]
    edited.unlink()
    assert compare_parts(roots, parts)[1] is None  # a path gone


def test_with_expected_cuts_new_stats_as_the_parts_are_cut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scan_module, "PROBE_PART", 2)
    roots = _tree(tmp_path)
    state, expect = _settled_probe(roots)
    parts = probe_parts(probe_paths(state), expect)
    changed = bytes(reversed(expect))  # as long, other bytes
    again = with_expected(parts, changed)
    assert [part.paths for part in again] == [part.paths for part in parts]
    assert b"".join(part.expected for part in again) == changed
    with pytest.raises(ValueError):
        with_expected(parts, changed + b"\0")


@pytest.mark.parametrize("part_size", [1, 2, 1024])
def test_file_paths_finds_each_file_in_its_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, part_size: int
) -> None:
    roots, state, expect, parts = _four_terms_in_parts(tmp_path, monkeypatch, part_size)
    every = {
        (number, position): path
        for number, (_, files) in enumerate(probe_paths(state))
        for position, path in enumerate(files.split("\0") if files else [])
    }
    assert file_paths(parts, every) == every
    assert file_paths(parts, [(0, 1)]) == {(0, 1): every[(0, 1)]}


def _four_terms_in_parts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, part_size: int
) -> tuple[list[str], State, bytes, list[scan_module.Part]]:
    """_tree with three more terms in its first root, settled, and its warm check cut into
    parts of `part_size` paths: (roots, state, expectation, parts)."""
    monkeypatch.setattr(scan_module, "PROBE_PART", part_size)
    roots = _tree(tmp_path)
    for slug in ("b", "c", "d"):
        write_article(Path(roots[0]), slug, "en", f"{slug}\n")
    state, expect = _settled_probe(roots)
    return roots, state, expect, probe_parts(probe_paths(state), expect)
