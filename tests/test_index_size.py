"""The index's size on disk (issue 13: no larger than the articles): it keeps no article bodies
(snippets read the hits' files again), and a changed file's old full-text row stays as a ghost
until the ghosts pass their share and the index is built anew."""

from __future__ import annotations

import importlib.util
import json
import os
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from conftest import MDN, REPO, article, write_article

HOUR_AGO = time.time() - 3600


def _index() -> Path:
    (path,) = (Path(os.environ["XDG_CACHE_HOME"]) / "glossary").glob("index-*.sqlite3")
    return path


def _ghosts() -> int:
    connection = sqlite3.connect(_index())
    try:
        return int(connection.execute("SELECT count(*) FROM ghosts").fetchone()[0])
    finally:
        connection.close()


def _age(*paths: Path) -> None:
    for path in paths:
        os.utime(path, (HOUR_AGO, HOUR_AGO))


def _generated(root: Path, terms: int) -> tuple[int, str]:
    """A library made by the bench's generator (bench/run.py), whose 10,000 terms are the
    measured case: its articles' size, and its rare word."""
    spec = importlib.util.spec_from_file_location("bench_run", REPO / "bench" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = module
    spec.loader.exec_module(module)
    library = module.generate_library(root, terms)
    return library.articles_bytes, library.search_word


def test_the_index_is_smaller_than_the_articles_and_holds_no_body(run, tmp_path: Path) -> None:
    """It was 1.23 x their size with the bodies kept (compressed) for snippets; 0.89 x here
    without them (a small library's term list weighs more than a large one's)."""
    root = tmp_path / "library"
    articles, word = _generated(root, 100)
    found = run("-a", str(root), "search", word, "-n", "1")
    assert found.exit_code == 0, found.stderr
    index = _index()
    size = sum(path.stat().st_size for path in index.parent.glob(index.name + "*"))
    assert size < articles, f"index {size} bytes, articles {articles}"
    connection = sqlite3.connect(index)
    try:
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_schema")}
    finally:
        connection.close()
    assert "bodies" not in tables
    # No sentence of a body is in the file.
    body_line = next(root.glob("*/en.md")).read_text(encoding="utf-8").splitlines()[-1]
    assert len(body_line) > 40 and body_line[:40].encode() not in index.read_bytes()


def _search_json(run, tree: Path, word: str) -> list[dict[str, object]]:
    found = run("-a", str(tree), "search", word, "-n", "50", "--format", "json")
    assert found.exit_code == 0, found.stderr
    hits: list[dict[str, object]] = json.loads(found.stdout)["hits"]
    return hits


def test_snippets_are_read_from_the_files_with_their_offsets(run, tree: Path) -> None:
    write_article(
        tree,
        "alpha",
        "en",
        article("Alpha", "Intro.\n\nA later paragraph with zebrafish inside.\n"),
    )
    (hit,) = _search_json(run, tree, "zebrafish")
    assert hit["field"] == "body"
    text = str(hit["snippet"])
    assert [text[a:b] for a, b in hit["matches"]] == ["zebrafish"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("change", ["deleted", "rewritten", "fifo"])
def test_a_file_changed_after_ranking_is_no_crash(
    run, tree: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    """The hit's file changes between the ranking and the read of its body for the snippet:
    one more freshness case. The hit stays, its snippet from what can still be read."""
    import glossary_cli.search.index as index_module

    path = write_article(tree, "alpha", "en", article("Alpha", "Intro.\n\nLater zebrafish.\n"))
    assert run("-a", str(tree), "search", "zebrafish").exit_code == 0
    ranked = index_module.Index.search

    def rank_then_change(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        found = ranked(self, *args, **kwargs)
        path.unlink()
        if change == "rewritten":
            path.write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
        elif change == "fifo":
            os.mkfifo(path)
        return found

    monkeypatch.setattr(index_module.Index, "search", rank_then_change)
    result = run("-a", str(tree), "search", "zebrafish")
    assert "Traceback" not in result.stderr
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.split("\t")[0] == "alpha"


def test_ghosts_are_never_hits_and_the_index_is_built_anew_past_their_share(
    run, tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import glossary_cli.search.index as index_module

    monkeypatch.setattr(index_module, "GHOST_FLOOR", 2)
    paths = [write_article(tree, f"t{n}", "en", article(f"T{n}", "Old words.\n")) for n in range(6)]
    _age(*paths, *(path.parent for path in paths), tree)
    assert len(_search_json(run, tree, "old")) == 6
    for n, ghosts in ((0, 1), (1, 2), (2, 0)):  # the third is past the floor: built anew
        paths[n].write_text(article(f"T{n}", "New words.\n"), encoding="utf-8")
        os.utime(paths[n], (HOUR_AGO, HOUR_AGO + 1))
        assert [hit["slug"] for hit in _search_json(run, tree, "old")] == [
            f"t{m}" for m in range(n + 1, 6)
        ]
        assert _ghosts() == ghosts
    edited = _search_json(run, tree, "words")
    # The same hits, in the same order, as an index built from nothing.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tree.parent / "fresh-cache"))
    assert _search_json(run, tree, "words") == edited


def test_a_file_read_again_unchanged_leaves_no_ghost(run, tree: Path) -> None:
    """Files too fresh to trust are read again on every run until they settle: the same text
    keeps its rows."""
    for n in range(3):
        write_article(tree, f"t{n}", "en", article(f"T{n}", "Fresh words.\n"))
    for _ in range(3):
        assert run("-a", str(tree), "search", "fresh").exit_code == 0
    assert _ghosts() == 0


def _bodies_agree(paths: list[Path]) -> None:
    from glossary_cli.search.extract import body_extract, extract

    checked = 0
    for path in paths:
        try:
            raw = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        indexed = extract(raw, "slug")
        if not indexed.problem:  # such a file has no body in the index to snippet
            assert body_extract(raw, "slug").body == indexed.body, path
            checked += 1
    assert checked


def test_the_snippet_body_is_the_indexed_body_on_mdn_and_the_bundle() -> None:
    """A snippet reads the body without YAML (body_extract): the same text that was indexed,
    so that the marks land where the words were found."""
    if not MDN.is_dir():
        pytest.skip("the MDN corpus is not here")
    _bodies_agree(sorted(MDN.glob("*/*.md")) + sorted((REPO / "articles").glob("*/*.md")))


def test_the_snippet_body_is_the_indexed_body_on_hostile_files(tmp_path: Path) -> None:
    from hostile import write_hostile_tree

    root = write_hostile_tree(tmp_path / "articles")
    _bodies_agree(sorted(p for p in root.rglob("*.md") if p.is_file() and not p.is_symlink()))
