"""A search sees one state of the index and of the files: its hits and their texts come from
one read, however other runs update the index meanwhile; and an edit that keeps a file's size
and mtime is still seen."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import article, write_article

GLOSSARY = [sys.executable, "-m", "glossary_cli"]
HOUR_AGO = time.time() - 3600


def age(*paths: Path) -> None:
    for path in paths:
        os.utime(path, (HOUR_AGO, HOUR_AGO))


def test_hits_and_texts_come_from_one_read(
    run, tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another run re-indexes an edited file between the search's ranking and its reading of
    the texts: the search still answers from the state it ranked (before: KeyError)."""
    import glossary_cli.search.index as index_module

    for n in range(5):
        path = write_article(tree, f"term-{n}", "en", article(f"Term {n}", f"Shared words {n}.\n"))
        age(path, path.parent)
    age(tree)  # settled: the other run re-indexes the edited file alone
    assert run("-a", str(tree), "search", "shared").exit_code == 0
    ranked = index_module.Index.search
    opened = index_module.use_index
    libraries = []
    edits = []

    def use_index(library, warn, query):  # type: ignore[no-untyped-def]
        libraries.append(library)
        return opened(library, warn, query)

    def rank_then_let_another_run_write(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        found = ranked(self, *args, **kwargs)
        if not edits:  # once: the nested run below ranks too
            # The file of the lowest row id: re-indexed, it gets a new one (the highest + 1).
            slug = min(found, key=lambda match: match.id).slug
            text = article(slug, "Shared words, edited.\n")
            edits.append(write_article(tree, slug, "en", text))
            opened(libraries[0], lambda _: None, lambda index: None)
        return found

    monkeypatch.setattr(index_module.Index, "search", rank_then_let_another_run_write)
    monkeypatch.setattr(index_module, "use_index", use_index)
    result = run("-a", str(tree), "search", "shared")
    assert edits, "the other run did not happen"
    assert (result.exit_code, result.stderr) == (0, "")
    assert len(result.stdout.splitlines()) == 5


_EDIT_LOOP = """
import os, sys
from pathlib import Path
from glossary_cli.cli.entry import run
path, word, rounds = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
for n in range(rounds):
    # Each edit changes the file's size, so every run re-indexes it (new row ids); saved
    # whole, as editors save, so that a reader never meets a half-written file.
    new = path.with_name("new.tmp")
    new.write_text(f"---\\ntitle: Moving\\n---\\nShared {word} {'x' * (n % 7)}.\\n")
    os.replace(new, path)
    status = run(["search", "shared", "-n", "50"])
    if status != 0:
        sys.exit(status)
"""


def test_searches_while_other_processes_edit_and_reindex(tree: Path) -> None:
    for n in range(30):
        write_article(tree, f"term-{n:02}", "en", article(f"Term {n}", f"Shared text {n}.\n"))
    env = {**os.environ, "GLOSSARY_PATH": str(tree)}
    search = [*GLOSSARY, "search", "shared", "-n", "50"]
    assert subprocess.run(search, capture_output=True, env=env, check=True).stdout
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", _EDIT_LOOP, str(tree / f"term-{n:02}" / "en.md"), "w", "15"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for n in range(2)
    ]
    # In-process searches, many of them, while the writers run: each must answer.
    reader = subprocess.run(
        [sys.executable, "-c", _READ_LOOP, "25"], env=env, capture_output=True, timeout=600
    )
    errors = [writer.communicate(timeout=600)[1] for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0], errors
    assert reader.returncode == 0, reader.stderr.decode()[-2000:]
    assert b"Traceback" not in reader.stderr and all(b"Traceback" not in e for e in errors)


_READ_LOOP = """
import contextlib, io, sys
from glossary_cli.cli.entry import run
for _ in range(int(sys.argv[1])):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = run(["search", "shared", "-n", "50"])
    if status != 0 or len(out.getvalue().splitlines()) != 30:
        sys.exit(f"status {status}: {out.getvalue()!r}")
"""


@pytest.mark.parametrize("how", ["cp -p", "touch -r"])
def test_an_edit_keeping_size_and_mtime_is_seen(run, tree: Path, how: str) -> None:
    """`cp -p`, `touch -r` and archives restore the mtime; the size may not change either.
    Only the ctime tells, as git's index knows."""
    path = write_article(tree, "term", "en", article("Term", "Old word here.\n"))
    age(path, path.parent, tree)
    assert run("-a", str(tree), "search", "old").exit_code == 0
    before = path.stat()
    if how == "cp -p":
        source = tree.parent / "elsewhere.md"
        source.write_text(article("Term", "New word here.\n"), encoding="utf-8")
        os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
        path.write_bytes(source.read_bytes())  # into the same inode, as cp does
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    else:
        path.write_text(article("Term", "New word here.\n"), encoding="utf-8")
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )
    assert "New word" in run("-a", str(tree), "show", "term").stdout
    found = run("-a", str(tree), "search", "new")
    assert (found.exit_code, found.stdout.split("\t")[0]) == (0, "term")
    assert run("-a", str(tree), "search", "old").exit_code == 1
