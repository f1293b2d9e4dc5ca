"""The search index in the cache folder: kept up to date, and never fatal when it is damaged,
locked, unwritable, or used by several processes at once."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import article, write_article

HOUR_AGO = time.time() - 3600
GLOSSARY = [sys.executable, "-m", "glossary_cli"]


def cache_home() -> Path:
    return Path(os.environ["XDG_CACHE_HOME"])


def index_files() -> list[Path]:
    return sorted((cache_home() / "glossary").glob("index-*.sqlite3"))


def age(*paths: Path) -> None:
    """Make files and folders look long settled (older than the index's racy window)."""
    for path in paths:
        os.utime(path, (HOUR_AGO, HOUR_AGO))


def pragma(path: Path, name: str) -> object:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        connection.close()


def slugs(stdout: str) -> list[str]:
    return [line.split("\t")[0] for line in stdout.splitlines()]


def test_the_index_lives_in_the_cache_folder_one_per_set_of_roots(run, tree: Path) -> None:
    write_article(tree, "t", "en", article("T", "Text.\n"))
    assert index_files() == []
    assert run("search", "vendite").exit_code == 0
    assert len(index_files()) == 1
    assert run("-a", str(tree), "search", "text").exit_code == 0
    assert len(index_files()) == 2
    assert run("-a", str(tree), "list").exit_code == 0
    assert len(index_files()) == 2


def test_added_changed_and_removed_files(run, tree: Path) -> None:
    alpha = write_article(tree, "alpha", "en", article("Alpha", "First words.\n"))
    age(alpha, alpha.parent, tree)
    assert slugs(run("-a", str(tree), "search", "words").stdout) == ["alpha"]

    beta = write_article(tree, "beta", "en", article("Beta", "More words.\n"))
    assert sorted(slugs(run("-a", str(tree), "search", "words").stdout)) == ["alpha", "beta"]

    alpha.write_text(article("Omega", "First words.\n"), encoding="utf-8")  # same size
    listed = run("-a", str(tree), "list").stdout
    assert "alpha\ten\tOmega\tFirst words.\t\n" in listed
    assert slugs(run("-a", str(tree), "search", "omega").stdout) == ["alpha"]

    (beta.parent / "it.md").write_text(article("Beta it", "Parole.\n"), encoding="utf-8")
    assert slugs(run("-a", str(tree), "search", "parole").stdout) == ["beta"]

    beta.unlink()
    (beta.parent / "it.md").unlink()
    assert slugs(run("-a", str(tree), "search", "words").stdout) == ["alpha"]
    assert run("-a", str(tree), "show", "Beta it").exit_code == 1


def test_an_edit_within_the_same_second_is_seen(run, tree: Path) -> None:
    # Same size, and maybe the same mtime tick: a file this fresh is re-read every run.
    path = write_article(tree, "t", "en", article("Aaaa", "x\n"))
    assert run("-a", str(tree), "show", "Aaaa").exit_code == 0
    stat = path.stat()
    path.write_text(article("Bbbb", "x\n"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert run("-a", str(tree), "show", "Bbbb").exit_code == 0
    assert run("-a", str(tree), "show", "Aaaa").exit_code == 1


def test_a_warm_run_only_stats(run, tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import glossary_cli.search.index

    alpha = write_article(tree, "alpha", "en", article("Alpha", "First words.\n"))
    age(alpha, alpha.parent, tree)
    assert slugs(run("-a", str(tree), "search", "words").stdout) == ["alpha"]
    real_scan = glossary_cli.search.index.scan

    def no_scan(*args: object) -> object:
        raise AssertionError("a warm run scanned the folders")

    monkeypatch.setattr(glossary_cli.search.index, "scan", no_scan)
    assert slugs(run("-a", str(tree), "search", "words").stdout) == ["alpha"]

    # A file that is no article changes the root's mtime: the root is listed again (nothing
    # new in it), the new mtime stored, and the runs after it are warm again.
    (tree / "README.md").write_text("not an article\n")
    os.utime(tree, (HOUR_AGO + 60, HOUR_AGO + 60))  # settled, and not the mtime stored
    assert slugs(run("-a", str(tree), "search", "words").stdout) == ["alpha"]
    assert slugs(run("-a", str(tree), "search", "words").stdout) == ["alpha"]

    # A file gone takes the full path: the check's stat of it fails.
    alpha.unlink()
    with pytest.raises(AssertionError, match="scanned"):
        run("-a", str(tree), "search", "words")
    monkeypatch.setattr(glossary_cli.search.index, "scan", real_scan)
    assert slugs(run("-a", str(tree), "search", "words").stdout) == []


def test_added_files_are_read_without_a_scan(
    run, tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files added (in new folders or beside others) are found by listing only the folders and
    roots whose mtime moved; every other file keeps the warm check's one stat."""
    import glossary_cli.search.index as index_module

    paths = [write_article(tree, f"t{n}", "en", article(f"T{n}", "Old words.\n")) for n in range(5)]
    age(*paths, *(path.parent for path in paths), tree)
    assert len(slugs(run("-a", str(tree), "search", "old").stdout)) == 5
    read: list[str] = []
    insert = index_module._insert

    def counted(connection, path, *args):  # type: ignore[no-untyped-def]
        read.append(os.path.basename(os.path.dirname(path)) + "/" + os.path.basename(path))
        return insert(connection, path, *args)

    def no_scan(*args: object) -> object:
        raise AssertionError("an update by addition scanned the folders")

    monkeypatch.setattr(index_module, "_insert", counted)
    monkeypatch.setattr(index_module, "scan", no_scan)
    write_article(tree, "new", "en", article("New", "New words.\n"))
    write_article(tree, "t1", "it", article("T1 it", "New words.\n"))
    assert sorted(slugs(run("-a", str(tree), "search", "new").stdout)) == ["new", "t1"]
    assert sorted(read) == ["new/en.md", "t1/it.md"]
    assert run("-a", str(tree), "show", "T1 it").exit_code == 0  # the names were written
    # Too fresh to trust: the new files are looked at again until they settle, and nothing else.
    read.clear()
    assert sorted(slugs(run("-a", str(tree), "search", "new").stdout)) == ["new", "t1"]
    assert set(read) <= {"new/en.md", "t1/it.md"}


def names_in_file() -> dict[str, dict[str, str]]:
    import marshal

    from glossary_cli.search import names_file

    (at,) = (cache_home() / "glossary").glob("index-*.names")
    found = names_file._read(at)
    assert found is not None
    return marshal.loads(found[1])  # type: ignore[no-any-return]


def names_in_index() -> dict[str, dict[str, str]]:
    """The names as a whole write takes them from the index: the last file read counts."""
    (at,) = index_files()
    connection = sqlite3.connect(at)
    try:
        names: dict[str, dict[str, str]] = {}
        for slug, lang, title in connection.execute("SELECT slug, lang, title FROM articles"):
            names.setdefault(slug, {})[lang] = title
        return names
    finally:
        connection.close()


def test_the_names_file_is_patched_as_a_whole_write_would_write_it(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a change, only the (slug, language) pairs it touched are looked up again and
    patched into the names file; what comes out is what reading every name would give, two
    roots giving one slug a language included."""
    import glossary_cli.search.index as index_module
    from glossary_cli.search import names_file

    first, second = tmp_path / "first", tmp_path / "second"
    paths = [write_article(first, f"t{n}", "en", article(f"T{n}", "Old.\n")) for n in range(5)]
    paths.append(write_article(second, "t1", "en", article("T1 again", "Old.\n")))
    age(*paths, *(path.parent for path in paths), first, second)
    roots = ("-a", str(first), "-a", str(second))
    assert run(*roots, "search", "old").exit_code == 0
    assert names_in_file() == names_in_index()

    whole: list[object] = []
    looked_up: list[tuple[str, str]] = []
    real_write, real_title_of = names_file.write, index_module._title_of
    monkeypatch.setattr(names_file, "write", lambda *args: whole.append(args) or real_write(*args))

    def title_of(connection: sqlite3.Connection, slug: str, lang: str) -> str | None:
        looked_up.append((slug, lang))
        return real_title_of(connection, slug, lang)

    monkeypatch.setattr(index_module, "_title_of", title_of)
    changes = [
        (lambda: write_article(first, "new", "en", article("New", "Old.\n")), 1),  # a new slug
        (lambda: write_article(first, "t0", "de", article("T0 de", "Old.\n")), 1),  # language
        (lambda: paths[2].write_text(article("T2 renamed", "Old.\n")), 1),  # edited in place
        (lambda: paths[3].unlink(), 1),  # a file gone
        # The first root's t1 shadows the second's: nothing the index holds changes.
        (lambda: paths[5].write_text(article("T1 once more", "Old.\n")), 0),
        (lambda: shutil.rmtree(paths[4].parent), 1),  # a folder gone
    ]
    for number, (change, touches) in enumerate(changes):
        looked_up.clear()
        change()
        assert run(*roots, "search", "old").exit_code == 0
        assert names_in_file() == names_in_index(), number
        assert len(looked_up) == touches, number
    assert whole == []
    assert names_in_file()["t1"] == {"en": "T1"}
    assert names_in_file()["t2"] == {"en": "T2 renamed"}
    assert "t3" not in names_in_file() and "t4" not in names_in_file()
    # A names file of another token (left by another index, or an older write) is written
    # whole: patching it would keep what it wrongly holds.
    (at,) = (cache_home() / "glossary").glob("index-*.names")
    found = names_file._read(at)
    assert found is not None
    _, roots_written, marks, _ = found[0]
    names_file._write(at, roots_written, marks, b"other", marshal_dumps({"gone": {"en": "Gone"}}))
    write_article(first, "newer", "en", article("Newer", "Old.\n"))
    assert run(*roots, "search", "old").exit_code == 0
    assert len(whole) == 1
    assert names_in_file() == names_in_index()
    assert "gone" not in names_in_file()


def marshal_dumps(value: object) -> bytes:
    import marshal

    return marshal.dumps(value, 2)


def test_a_damaged_stored_scan_is_scanned_again(run, tree: Path) -> None:
    """A stored folder whose names and stats disagree (a damaged index) is not trusted by the
    update after an addition: the library is scanned again, and nothing is lost."""
    import marshal

    paths = [write_article(tree, f"t{n}", "en", article(f"T{n}", "Old words.\n")) for n in range(3)]
    age(*paths, *(path.parent for path in paths), tree)
    assert len(slugs(run("-a", str(tree), "search", "old").stdout)) == 3
    (at,) = index_files()
    connection = sqlite3.connect(at)
    try:
        (folders,) = connection.execute("SELECT folders FROM state").fetchone()
        state = marshal.loads(folders)
        mtime, names, marks = state[0]["t1"]
        state[0]["t1"] = (mtime, names + "\0ghost.md", marks)  # two names, one file's stats
        connection.execute("UPDATE state SET folders = ?", (marshal.dumps(state, 2),))
        connection.commit()
    finally:
        connection.close()
    write_article(tree, "t1", "it", article("T1 it", "New words.\n"))
    result = run("-a", str(tree), "search", "new")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert [line.split("\t")[:2] for line in result.stdout.splitlines()] == [["t1", "it"]]
    assert len(slugs(run("-a", str(tree), "search", "old").stdout)) == 3


def test_a_new_root_shadows_what_the_index_held(run, tree: Path) -> None:
    assert slugs(run("-a", str(tree), "search", "vendite").stdout) == ["inside-sales"]
    write_article(tree, "inside-sales", "en", article("Ours", "Nothing Italian.\n"))
    assert run("-a", str(tree), "search", "vendite").exit_code == 1
    assert slugs(run("-a", str(tree), "search", "italian").stdout) == ["inside-sales"]


def test_the_cache_survives_being_deleted(run) -> None:
    expected = run("search", "vendite").stdout
    import shutil

    shutil.rmtree(cache_home())
    result = run("search", "vendite")
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")
    assert len(index_files()) == 1


def _many(tree: Path, count: int = 60) -> None:
    for n in range(count):
        write_article(tree, f"term-{n:03}", "en", article(f"Term {n}", f"Shared text {n}.\n" * 20))


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty", "header"])
def test_the_cache_survives_damage(run, tree: Path, damage: str) -> None:
    _many(tree)
    expected = run("-a", str(tree), "search", "shared", "-n", "100").stdout
    assert len(expected.splitlines()) == 60
    (path,) = index_files()
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        path.write_bytes(b"\x00not a database\xff" * 4096)
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        path.write_bytes(data[:100] + b"\xff" * (len(data) - 100))
    result = run("-a", str(tree), "search", "shared", "-n", "100")
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")
    # ... and it was rebuilt in place, so the next run is warm again.
    assert pragma(path, "integrity_check") == "ok"


def test_an_older_schema_is_rebuilt(run) -> None:
    from glossary_cli.search.index import SCHEMA_VERSION

    expected = run("search", "vendite").stdout
    (path,) = index_files()
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA user_version = 999")
    connection.close()
    assert run("search", "vendite").stdout == expected
    version = pragma(path, "user_version")
    assert version == SCHEMA_VERSION


def test_a_cache_folder_that_cannot_be_made(run, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    env = {"XDG_CACHE_HOME": str(blocker)}
    result = run("search", "sprzedaz", env=env)
    assert result.exit_code == 0
    assert result.stdout.startswith("inside-sales\tpl\t")
    assert result.stderr.startswith("glossary: warning: cannot use the search index ")
    assert result.stderr.endswith("; working without it for this run\n")
    assert len(result.stderr.splitlines()) == 1
    titled = run("show", "Vendite interne", env=env)
    assert titled.stdout.startswith("Vendite interne\n")


def test_an_index_file_that_cannot_be_opened(run) -> None:
    assert run("search", "vendite").exit_code == 0
    (path,) = index_files()
    path.unlink()
    path.mkdir()  # a folder where the database should be: no one can open it, not even root
    result = run("search", "vendite")
    assert result.exit_code == 0
    assert result.stdout.startswith("inside-sales\tit\t")
    assert "cannot use the search index" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files")
def test_a_read_only_cache(run, tree: Path) -> None:
    path = write_article(tree, "t", "en", article("Old", "Text.\n"))
    assert run("-a", str(tree), "search", "old").exit_code == 0
    folder = cache_home() / "glossary"
    (index,) = index_files()
    path.write_text(article("New", "Text, changed.\n"), encoding="utf-8")
    index.chmod(0o444)
    folder.chmod(0o555)
    try:
        result = run("-a", str(tree), "search", "new")
    finally:
        folder.chmod(0o755)
        index.chmod(0o644)
    assert result.exit_code == 0
    assert slugs(result.stdout) == ["t"]
    assert "cannot use the search index" in result.stderr


def test_a_cache_locked_by_another_run(run, tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import glossary_cli.search.index

    monkeypatch.setattr(glossary_cli.search.index, "BUSY_TIMEOUT_S", 0.2)
    write_article(tree, "t", "en", article("Old", "Text.\n"))
    assert run("-a", str(tree), "search", "old").exit_code == 0
    (path,) = index_files()
    write_article(tree, "u", "en", article("Added", "Text.\n"))
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer, stuck
    try:
        result = run("-a", str(tree), "search", "added")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 0
    assert slugs(result.stdout) == ["u"]
    assert "database is locked" in result.stderr
    # Once the lock is gone, the index catches up.
    assert run("-a", str(tree), "search", "added").stderr == ""


def test_two_processes_building_at_once(tree: Path) -> None:
    _many(tree, 300)
    command = [*GLOSSARY, "-a", str(tree), "search", "shared", "-n", "500"]
    env = dict(os.environ)
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        for _ in range(4)
    ]
    results = [process.communicate(timeout=120) for process in runs]
    assert [process.returncode for process in runs] == [0, 0, 0, 0]
    outputs = {out for out, _ in results}
    assert len(outputs) == 1
    assert len(outputs.pop().splitlines()) == 300
    assert [err for _, err in results] == [b""] * 4
    assert len(index_files()) == 1


def test_a_search_while_another_process_updates(tree: Path) -> None:
    _many(tree, 200)
    command = [*GLOSSARY, "-a", str(tree), "search", "shared", "-n", "500"]
    assert subprocess.run(command, capture_output=True, check=True).stdout
    for n in range(200):  # every file changes: the next run rewrites the whole index
        write_article(tree, f"term-{n:03}", "en", article(f"Term {n}", f"Shared again {n}.\n"))
    writer = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    readers = [subprocess.run(command, capture_output=True, timeout=120) for _ in range(3)]
    out, err = writer.communicate(timeout=120)
    assert writer.returncode == 0 and err == b""
    assert len(out.splitlines()) == 200
    for reader in readers:
        assert reader.returncode == 0
        assert reader.stderr == b""
        assert len(reader.stdout.splitlines()) == 200


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE state SET roots = x'ff00'",
        "UPDATE state SET folders = x'ff00'; DELETE FROM probe",  # not marshal data
        # [1, 2]; the check's parts not of their kinds
        "UPDATE state SET folders = x'5b0200000069010000006902000000'; UPDATE probe SET kind = 7",
        "UPDATE probe SET paths = x'00ff' WHERE part = 1",  # bytes, not text
        "UPDATE probe SET root = 'x' WHERE part = 1",
        "DELETE FROM probe WHERE kind = 0",  # no root's head
        "DELETE FROM probe",
        "UPDATE probe SET expected = x'00ff'",  # the expectation cut short
        "UPDATE probe SET expected = x'' WHERE kind = 2",
    ],
)
def test_a_damaged_state_row_is_rebuilt(run, damage: str) -> None:
    expected = run("search", "vendite").stdout
    (path,) = index_files()
    with sqlite3.connect(path) as connection:
        connection.executescript(damage)
    connection.close()
    result = run("search", "vendite")
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")


def test_a_sqlite_without_fts5_is_one_clear_error(
    run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import glossary_cli.search.index

    # A schema this SQLite cannot make, as one without FTS5 could not: the cache fails, then
    # the index in memory fails the same way.
    broken = ("CREATE VIRTUAL TABLE fts USING no_such_module(x)",)
    monkeypatch.setattr(glossary_cli.search.index, "_SCHEMA", broken)
    result = run("search", "vendite")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith(
        "glossary: error: searching needs SQLite 3.34 or later with FTS5; this Python has SQLite "
    )
    assert "Traceback" not in result.stderr
