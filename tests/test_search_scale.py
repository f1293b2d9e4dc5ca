"""The shape that keeps search, list and titles fast in large libraries (issue 13), guarded by
counts rather than timings: the search's limit is in its SQL, `list` streams its rows; and
titles with a gloss in brackets answer to either part."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import article, write_article


class _Counting:
    """A connection that counts the rows its cursors hand out, and keeps each statement."""

    def __init__(self, connection: sqlite3.Connection, log: dict[str, Any]) -> None:
        self._connection = connection
        self._log = log

    def execute(self, sql: str, params: Any = ()) -> Any:
        cursor = self._connection.execute(sql, params)
        self._log["statements"].append(sql)
        log = self._log

        class Rows:
            def __iter__(self) -> Iterator[Any]:
                for row in cursor:
                    log["rows"] += 1
                    yield row

            def fetchall(self) -> list[Any]:
                return list(self)

            def fetchone(self) -> Any:
                row = cursor.fetchone()
                log["rows"] += row is not None
                return row

        return Rows()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._connection, name)


def _search_counting(run, tree: Path, monkeypatch: pytest.MonkeyPatch, n: int) -> dict[str, Any]:
    import glossary_cli.search.index as index_module

    for i in range(n):
        text = article(f"Term {i}", f"Shared words, {'shared ' * (i % 5)}and more.\n")
        for lang in ("en", "de"):
            write_article(tree, f"term-{i:04}", lang, text)
    assert run("-a", str(tree), "search", "shared").exit_code == 0  # built, before counting
    log: dict[str, Any] = {"rows": 0, "statements": []}
    made = index_module.Index.__init__

    def counting(self, connection, *rest):  # type: ignore[no-untyped-def]
        made(self, _Counting(connection, log), *rest)

    monkeypatch.setattr(index_module.Index, "__init__", counting)
    result = run("-a", str(tree), "search", "shared", "-n", "3")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 3
    monkeypatch.undo()
    return log


def test_a_search_reads_rows_for_its_limit_not_for_every_match(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A word in every article: the rows read do not grow with the library (the LIMIT is in
    the query, and snippets are made for the hits alone)."""
    small = _search_counting(run, tmp_path / "small", monkeypatch, 40)
    large = _search_counting(run, tmp_path / "large", monkeypatch, 160)
    assert large["rows"] == small["rows"]
    assert small["rows"] < 80  # fewer than the files that match, even in the small one
    # The statement that ranks every match reads the full-text table alone, with the limit:
    # no join, no window over every match, before the limit applies.
    ranked = [s for s in large["statements"] if "MATCH" in s and "ORDER BY" in s]
    assert ranked and all("LIMIT" in s and "JOIN" not in s and "OVER" not in s for s in ranked)


def test_list_makes_entries_as_the_rows_come() -> None:
    """One article's rows are held at a time: `list` streams the library from the index."""
    from glossary_cli.language.preferences import preferences
    from glossary_cli.search.index import Row
    from glossary_cli.search.listing import entries_of

    pulled = 0

    def rows() -> Iterator[Row]:
        nonlocal pulled
        for n in range(1000):
            for lang in ("de", "en", "it"):
                pulled += 1
                yield Row(n, f"term-{n:04}", lang, f"/x/{n}/{lang}.md", "T", "", (), "")

    made = 0
    for entry in entries_of(rows(), None, preferences(["en"], {}), lambda _: None):
        made += 1
        assert entry.lang == "en"
        assert pulled <= 3 * made + 3  # the next article's first row, read to end this one
    assert made == 1000


def test_a_title_with_a_gloss_answers_to_either_part(run, tree: Path) -> None:
    write_article(tree, "node-group", "ko", article("클러스터 (Cluster)", "본문.\n"))
    write_article(tree, "node-group", "en", article("Computer cluster", "Text.\n"))
    write_article(tree, "vendite", "it", article("Vendite（Sales）", "Testo.\n"))
    for name, lang in (
        ("클러스터", "ko"),
        ("Cluster", "ko"),
        ("클러스터 (Cluster)", "ko"),
        ("Computer cluster", "en"),
        ("sales", "it"),
        ("Vendite", "it"),
    ):
        result = run("-a", str(tree), "show", name, "--format", "json")
        assert (result.exit_code, result.stderr) == (0, ""), name
        assert f'"lang": "{lang}"' in result.stdout, name
    assert run("-a", str(tree), "show", "Computer").exit_code == 1  # no gloss: whole titles


# Completion with every reader of article folders and files disabled, and SQLite too: what it
# answers can only come from the names file the index keeps.
_NO_FILES = """
import sys
import glossary_cli.reading.peek as peek
from glossary_cli.library.roots import Library
def refuse(*args, **kwargs):
    raise AssertionError("completion read the articles")
peek.title = refuse
Library.has = Library.languages = refuse
sys.modules["sqlite3"] = None  # importing it fails: the full-text table cannot be opened
from glossary_cli.cli import main
main()
"""


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_completion_of_many_slugs_reads_the_names_file_alone(run, tree: Path, shell: str) -> None:
    import os
    import subprocess
    import sys
    import time

    for n in range(30):
        write_article(tree, f"term-{n:02}", "en", article(f"Title {n}", "Text.\n"))
        write_article(tree, f"term-{n:02}", "it", article(f"Titolo {n}", "Testo.\n"))
    hour_ago = time.time() - 3600
    os.utime(tree, (hour_ago, hour_ago))  # settled: the names file is trusted
    assert run("-a", str(tree), "list").exit_code == 0  # the index and its names file
    line = f"glossary -a {tree} show term-"
    env = dict(os.environ, _GLOSSARY_COMPLETE=f"complete_{shell}", LANG="it_IT.UTF-8")
    env.update(COMP_WORDS=line, COMP_CWORD="4", _TYPER_COMPLETE_ARGS=line)
    result = subprocess.run(
        [sys.executable, "-c", _NO_FILES], capture_output=True, text=True, env=env, timeout=60
    )
    assert "AssertionError" not in result.stderr
    if shell == "bash":
        assert result.stdout.split() == [f"term-{n:02}" for n in range(30)]
    else:
        assert '"term-07":"Titolo 7"' in result.stdout  # the reader's language
        assert len(result.stdout.splitlines()) == 30
    # Titles come from the names file too, in every language.
    titled = f"glossary -a {tree} show Titolo"
    env.update(COMP_WORDS=titled, _TYPER_COMPLETE_ARGS=titled)
    result = subprocess.run(
        [sys.executable, "-c", _NO_FILES], capture_output=True, text=True, env=env, timeout=60
    )
    assert "AssertionError" not in result.stderr
    assert ("'Titolo 7'" if shell == "bash" else '"Titolo 7":"term-07"') in result.stdout
    assert len(result.stdout.splitlines()) == 30
    env.update(COMP_WORDS=line, _TYPER_COMPLETE_ARGS=line)
    # A new slug folder changes the root's mtime: the names file is no longer trusted, and
    # completion reads the folders again (here refused, so it answers nothing).
    write_article(tree, "term-new", "en", article("New", "Text.\n"))
    again = subprocess.run(
        [sys.executable, "-c", _NO_FILES], capture_output=True, text=True, env=env, timeout=60
    )
    assert "term-new" not in again.stdout and "term-07" not in again.stdout


def test_an_edit_in_place_rereads_that_file_without_a_scan(
    run, tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import time

    import glossary_cli.search.index as index_module

    paths = [
        write_article(tree, f"term-{n}", "en", article(f"Term {n}", "Old words.\n"))
        for n in range(20)
    ]
    hour_ago = time.time() - 3600
    for path in [*paths, *(p.parent for p in paths), tree]:
        os.utime(path, (hour_ago, hour_ago))
    assert run("-a", str(tree), "search", "old").exit_code == 0
    paths[7].write_text(article("Term 7", "New words, and more of them.\n"), encoding="utf-8")
    os.utime(paths[7], (hour_ago, hour_ago + 1))  # settled, and the folder's mtime as it was

    def refused(*args: object) -> None:
        raise AssertionError("scanned again")

    read: list[str] = []
    insert = index_module._insert

    def counted(connection, path, info, root):  # type: ignore[no-untyped-def]
        read.append(path)
        return insert(connection, path, info, root)

    monkeypatch.setattr(index_module, "scan", refused)
    monkeypatch.setattr(index_module, "_insert", counted)
    found = run("-a", str(tree), "search", "new")
    assert (found.exit_code, found.stdout.split("\t")[0], found.stderr) == (0, "term-7", "")
    assert read == [str(paths[7])]
    assert run("-a", str(tree), "search", "new").exit_code == 0
    assert read == [str(paths[7])]  # stored as settled: the next run is warm


@pytest.mark.parametrize(
    ("fmt", "keyword", "method"),
    [
        # Without --keyword the index gives each article's chosen file: its plain line
        # (chosen_records) or its fields (chosen_rows); with it, every file whole (rows), as
        # the keyword may be in any language.
        ("plain", False, "chosen_records"),
        ("json", False, "chosen_rows"),
        ("json", True, "rows"),
    ],
)
def test_list_writes_its_first_row_before_it_reads_the_last(
    run, tree: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, keyword: bool, method: str
) -> None:
    import glossary_cli.search.index as index_module

    for number in range(30):
        text = article(f"Term {number}", "Text.\n", keywords="[k]")
        write_article(tree, f"term-{number:02}", "en", text)
    written_before_last: list[str] = []
    rows = getattr(index_module.Index, method)

    def spied(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        found = list(rows(self, *args, **kwargs))
        yield from found[:-1]
        sys.stdout.flush()  # what the view wrote so far, out of the text layer's buffer
        written_before_last.append(sys.stdout.buffer.getvalue().decode())
        yield found[-1]

    monkeypatch.setattr(index_module.Index, method, spied)
    listed = run("-a", str(tree), "list", "--format", fmt, *(["--keyword", "k"] * keyword))
    assert listed.exit_code == 0, listed.stderr
    assert "term-29" in listed.stdout
    assert "term-00" in written_before_last[0]
    assert "term-29" not in written_before_last[0]
    if fmt == "json":
        slugs = [item["slug"] for item in json.loads(listed.stdout)["articles"]]
        terms = [slug for slug in slugs if slug.startswith("term-")]  # the bundle's too
        assert terms == [f"term-{number:02}" for number in range(30)]


def test_list_reads_each_chosen_file_alone_in_slug_order(run, tree: Path) -> None:
    """`list` asks the index once for every article's chosen file: the query reads the
    articles' languages from the covering index, finds each chosen row by it, and never sorts
    (rows come by slug as the view writes them), whatever the library's size."""
    import sqlite3

    import glossary_cli.search.index as index_module

    for number in range(12):
        for lang in ("de", "en", "it")[: 1 + number % 3]:
            write_article(tree, f"term-{number:02}", lang, article(f"T{number} {lang}", "x\n"))
    listed = run("-a", str(tree), "list", "--lang", "it")
    assert listed.exit_code == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines == sorted(lines)  # the bundled articles too
    rows = [line.split("\t")[:2] for line in lines if line.startswith("term-")]
    assert [slug for slug, _ in rows] == [f"term-{number:02}" for number in range(12)]
    assert [lang for _, lang in rows] == [("de", "en", "it")[number % 3] for number in range(12)]

    connection = sqlite3.connect(":memory:")
    for statement in index_module._SCHEMA:
        connection.execute(statement)
    connection.execute(
        "CREATE TEMP TABLE chosen (langs TEXT PRIMARY KEY, lang TEXT NOT NULL) WITHOUT ROWID"
    )
    problems = index_module._PROBLEMS
    plan = " | ".join(row[-1] for row in connection.execute("EXPLAIN QUERY PLAN " + problems))
    assert plan == "SCAN articles USING INDEX articles_slug", plan  # no other row read
    plan = " | ".join(
        row[-1] for row in connection.execute("EXPLAIN QUERY PLAN " + index_module._CHOSEN_ROWS)
    )
    # The terms in their order (by slug), no file's row grouped, nothing sorted again.
    assert plan.startswith("SCAN s |"), plan
    assert "TEMP B-TREE" not in plan and "GROUP BY" not in plan, plan
    assert "SEARCH a USING INDEX articles_slug (slug=? AND lang=?)" in plan, plan
    query = index_module._DISTINCT_LANGUAGE_SETS
    plan = " | ".join(row[-1] for row in connection.execute("EXPLAIN QUERY PLAN " + query))
    assert "articles" not in plan, plan  # the terms alone
    # The terms are written from the covering index in its order: nothing sorted, so each
    # article's languages come in order.
    for where, found in (("", "SCAN"), ("WHERE slug IN (?, ?)", "SEARCH")):
        query = "INSERT INTO terms " + index_module._LANGUAGES_OF.format(where=where)
        params = ["a", "b"] if where else []
        plan = " | ".join(r[-1] for r in connection.execute("EXPLAIN QUERY PLAN " + query, params))
        assert plan.startswith(f"{found} articles USING COVERING INDEX articles_slug"), plan
        assert "TEMP B-TREE" not in plan, plan


def test_the_terms_table_follows_every_file_added_and_dropped(run, tree: Path) -> None:
    """`terms` (each article's languages, which `list` reads) is kept by triggers: after
    files are added, edited, dropped and whole folders removed, it is what grouping every
    file's row gives."""
    import shutil

    def grouped(connection: sqlite3.Connection) -> list[tuple[str, str]]:
        langs: dict[str, list[str]] = {}
        for slug, lang in connection.execute("SELECT slug, lang FROM articles"):
            langs.setdefault(slug, []).append(lang)
        return [(slug, " ".join(sorted(langs[slug]))) for slug in sorted(langs)]

    for number in range(6):
        for lang in ("it", "de", "en")[: 1 + number % 3]:
            write_article(tree, f"t{number}", lang, article(f"T{number} {lang}", "Words.\n"))
    steps = [
        lambda: write_article(tree, "t0", "fr", article("T0 fr", "Words.\n")),
        lambda: (tree / "t2" / "de.md").unlink(),
        lambda: (tree / "t1" / "it.md").write_text(article("T1 again", "More words.\n")),
        lambda: shutil.rmtree(tree / "t5"),
        lambda: write_article(tree, "new", "sv", article("Ny", "Words.\n")),
    ]
    for step in [lambda: None, *steps]:
        step()
        assert run("-a", str(tree), "list").exit_code == 0
        (at,) = (Path(os.environ["XDG_CACHE_HOME"]) / "glossary").glob("index-*.sqlite3")
        connection = sqlite3.connect(at)
        try:
            terms = list(connection.execute("SELECT slug, langs FROM terms ORDER BY slug"))
            assert terms == grouped(connection)
        finally:
            connection.close()
    assert ("t0", "fr it") in terms and ("new", "sv") in terms
    assert "t5" not in dict(terms) and dict(terms)["t2"] == "en it"


def test_list_lines_from_the_index_are_the_ones_the_view_makes(run, tree: Path) -> None:
    """The plain `list` writes the line the index keeps for each file (`listed`); with
    --keyword it makes it from the fields: both give the same line, white space and all."""
    write_article(
        tree,
        "odd-fields",
        "en",
        '---\ntitle: "Tab\\there  and\\u3000there "\n'
        "description: |\n  Two\n  lines,\ttabbed.\n"
        'keywords: ["k", " spaced  key ", "multi\\nline"]\n---\nBody.\n',
    )
    whole = run("-a", str(tree), "list")
    by_keyword = run("-a", str(tree), "list", "--keyword", "k")
    assert whole.exit_code == by_keyword.exit_code == 0, whole.stderr + by_keyword.stderr
    line = next(row for row in whole.stdout.splitlines() if row.startswith("odd-fields\t"))
    assert by_keyword.stdout.splitlines() == [line]
    assert line.split("\t") == [
        "odd-fields",
        "en",
        "Tab here and there",
        "Two lines, tabbed.",
        "k, spaced key, multi line",
    ]


def test_an_edit_in_place_rewrites_one_part_of_the_expectation(
    run, tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The warm check's paths and expected stats are kept in parts: a file edited in place
    rewrites the part that holds its stats, not the whole (megabytes at 50,000 terms)."""
    import os

    import glossary_cli.search.scan as scan_module

    monkeypatch.setattr(scan_module, "PROBE_PART", 2)  # two files a part
    paths, hour_ago = _hour_old_terms(tree)
    assert run("-a", str(tree), "search", "x").exit_code == 0
    statements = _traced(monkeypatch)
    paths[7].write_text(article("T 7", "quokkafish\n"), encoding="utf-8")  # in place
    os.utime(paths[7], ns=(hour_ago + 10**9, hour_ago + 10**9))
    found = run("-a", str(tree), "search", "quokkafish")
    assert (found.exit_code, found.stdout.split("\t")[0]) == (0, "term-07"), found.stderr
    written = [s for s in statements if s.startswith("INSERT OR REPLACE INTO probe")]
    (path,) = list((Path(os.environ["XDG_CACHE_HOME"]) / "glossary").glob("index-*3"))
    with sqlite3.connect(path) as connection:
        (parts,) = connection.execute("SELECT count(*) FROM probe").fetchone()
    connection.close()
    # The part that holds the file's stats, of many.
    assert len(written) == 1 < parts, (written, parts)


def test_a_warm_check_holds_one_part_of_the_paths_at_a_time(
    run, tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`list` and a warm search stat every file; what they hold for it must not grow with
    the library: the paths and stats come a part at a time, and the scan is not read."""

    import glossary_cli.search.scan as scan_module

    monkeypatch.setattr(scan_module, "PROBE_PART", 3)
    paths, hour_ago = _hour_old_terms(tree)
    assert run("-a", str(tree), "list").exit_code == 0  # built
    held: list[int] = []
    split = scan_module._split

    def counted(listed: str) -> list[str]:
        found = split(listed)
        held.append(len(found))
        return found

    monkeypatch.setattr(scan_module, "_split", counted)
    statements = _traced(monkeypatch)
    listed = run("-a", str(tree), "list")
    assert (listed.exit_code, listed.stderr) == (0, "")
    assert "term-19" in listed.stdout
    # Every folder and file stat'ed, three paths at a time at most.
    assert sum(held) >= 40 and max(held) == 3, held
    assert not [s for s in statements if "folders" in s], statements


def _hour_old_terms(tree: Path) -> tuple[list[Path], int]:
    """Twenty articles, they and their folders an hour old (settled); their paths, and when."""
    import os
    import time

    paths = [write_article(tree, f"term-{n:02}", "en", article(f"T {n}", "x\n")) for n in range(20)]
    hour_ago = time.time_ns() - 3600 * 10**9
    for path in (tree, *tree.iterdir(), *paths):
        os.utime(path, ns=(hour_ago, hour_ago))
    return paths, hour_ago


def _traced(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The SQL statements the index runs from now on, as they run."""
    import glossary_cli.search.index as index_module

    statements: list[str] = []
    connect = index_module._connect

    def traced(path: str) -> sqlite3.Connection:
        connection = connect(path)
        connection.set_trace_callback(statements.append)
        return connection

    monkeypatch.setattr(index_module, "_connect", traced)
    return statements
