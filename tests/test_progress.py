"""The progress line while the search index is built: on a terminal only, only when it takes a
while, and gone when it is done."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from glossary_cli.output import progress_console, shows_progress
from glossary_cli.settings.config_file import ConfigFile
from glossary_cli.settings.resolved import Settings
from glossary_cli.views.progress import LABEL, SHOW_AFTER_S, index_progress

from conftest import MDN, article, on_terminal, write_article


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def settings(**env: str) -> Settings:
    return Settings(env, file=ConfigFile(Path("none")))


def test_nothing_before_half_a_second_then_a_line_then_nothing_left() -> None:
    clock = Clock()
    screen = Tty()
    made: list[object] = []

    def console():  # type: ignore[no-untyped-def]
        made.append(True)
        return progress_console(settings(TERM="xterm"), screen)

    with index_progress(console, clock) as report:
        for done in range(5):
            report(done, 10)
        clock.now += SHOW_AFTER_S - 0.01
        report(5, 10)
        assert not made and screen.getvalue() == ""  # not even Rich imported for it
        clock.now += 0.02
        report(6, 10)
        assert made
        assert LABEL in screen.getvalue() and "6/10" in screen.getvalue()
    # Taken away at the end (transient): the last thing written clears the line.
    assert screen.getvalue().endswith("\x1b[1A\x1b[2K")  # up a line, and erase it


def test_a_quick_build_shows_nothing_even_at_its_end() -> None:
    clock = Clock()
    with index_progress(lambda: pytest.fail("no console wanted"), clock) as report:
        report(0, 3)
        clock.now += 5
        report(3, 3)  # done: nothing left to show progress of


def test_only_on_a_terminal_that_redraws_a_line() -> None:
    assert shows_progress(settings(TERM="xterm"), Tty())
    assert not shows_progress(settings(TERM="xterm"), io.StringIO())
    assert not shows_progress(settings(TERM="dumb"), Tty())
    assert progress_console(settings(), io.StringIO()) is None


# --- what the index reports ----------------------------------------------------------------------


def settle(*paths: Path, age: float = 10.0) -> None:
    """Files and folders dated in the past: the index trusts only what has settled."""
    when = time.time() - age
    for path in paths:
        os.utime(path, (when, when))


def test_the_index_reports_each_file_it_reads_when_built_and_updated(tmp_path: Path) -> None:
    import sqlite3

    from glossary_cli.search.index import refresh

    root = tmp_path / "lib"
    files = [write_article(root, f"t{n}", "en", article(f"T{n}", "x\n")) for n in range(3)]
    settle(*files, *(f.parent for f in files), root, age=20)
    connection = sqlite3.connect(":memory:", isolation_level=None)
    calls: list[tuple[int, int]] = []

    def report(done: int, total: int) -> None:
        calls.append((done, total))

    refresh(connection, [str(root)], None, report)
    assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)]
    calls.clear()
    refresh(connection, [str(root)], None, report)
    assert calls == []  # warm: nothing read, nothing reported
    added = [write_article(root, f"new{n}", "en", article(f"N{n}", "y\n")) for n in range(2)]
    settle(*added, *(f.parent for f in added), root)
    refresh(connection, [str(root)], None, report)
    assert calls == [(0, 2), (1, 2), (2, 2)]
    calls.clear()
    files[0].write_text(article("T0", "edited in place, longer\n"))
    settle(files[0], age=5)
    refresh(connection, [str(root)], None, report)
    assert calls == [(0, 1), (1, 1)]


# --- the real program, on the MDN corpus (a build of some seconds) ------------------------------

mdn = pytest.mark.skipif(not MDN.is_dir(), reason=f"the MDN corpus is not at {MDN}")


def on_one_terminal(*args: str, env: dict[str, str]) -> tuple[int, bytes]:
    """Run glossary with stdin, stdout and stderr all on one pseudo-terminal."""
    code, shown, _ = on_terminal(*args, env=env, cols=100, stderr_apart=False, timeout=300)
    return code, shown


@mdn
def test_building_the_index_of_a_large_library_shows_progress_on_a_terminal(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "GLOSSARY_PATH": str(MDN), "TERM": "xterm-256color"}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    code, shown = on_one_terminal("search", "cors", "--limit", "1", "--no-pager", env=env)
    assert code == 0
    assert LABEL.encode() in shown
    assert b"CORS" in shown.split(LABEL.encode())[-1]  # the answer after the line
    code, shown = on_one_terminal("search", "cors", "--limit", "1", "--no-pager", env=env)
    assert code == 0
    assert LABEL.encode() not in shown  # the index is there: nothing to build


@mdn
def test_nothing_on_stderr_when_piped(tmp_path: Path) -> None:
    env = {**os.environ, "GLOSSARY_PATH": str(MDN), "TERM": "xterm-256color"}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    result = subprocess.run(
        [sys.executable, "-m", "glossary_cli", "search", "cors", "--limit", "1"],
        capture_output=True,
        env=env,
        timeout=300,
    )
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout.startswith(b"cors\ten\tCORS\t")
