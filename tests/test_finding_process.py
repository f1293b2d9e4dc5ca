"""list, search and names in a real process: what each path imports, and pipes closed early."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import article, write_article

GLOSSARY = [sys.executable, "-m", "glossary_cli"]

# Run the CLI, then print the modules it loaded on stderr's last line.
PROBE = """
import sys
from glossary_cli.cli import run
sys.argv = ["glossary", *sys.argv[1:]]
run()
sys.stderr.write(repr(sorted(sys.modules)) + "\\n")
"""


def loaded(*args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        cwd="/",
        timeout=120,
    )
    return set(ast.literal_eval(result.stderr.splitlines()[-1]))


INDEX = {"sqlite3", "platformdirs", "glossary_cli.search.index", "glossary_cli.search.scan"}
FINDING = {
    "glossary_cli.search.listing",
    "glossary_cli.search.query",
    "glossary_cli.search.names",
    "glossary_cli.text.fold",
}
# list and search share each format's view with show, but not what only an article needs: the
# article commands and the document model (the views import the model only to show one).
ARTICLE_VIEWS = {
    "glossary_cli.commands.article",
    "glossary_cli.document.model",
    "glossary_cli.document.highlights",
}
FUZZY = {"rapidfuzz"}
# Not search/extract.py: a warm search reads a hit's body from its file for a snippet (the index
# keeps no bodies) with its body_extract, by lines; it imports the parser only to build.
PARSING = {
    "mistune",
    "yaml",
    "frontmatter",
    "glossary_cli.reading.markdown",
}
TERMINAL = {"rich", "babel", "glossary_cli.views.progress"}  # progress: stderr a terminal


def test_show_of_a_slug_loads_no_index() -> None:
    assert not loaded("show", "inside-sales", "--lang", "it") & (INDEX | FUZZY | FINDING)


def test_a_warm_search_parses_nothing_and_loads_no_matcher() -> None:
    loaded("search", "vendite")  # builds the index
    modules = loaded("search", "vendite")
    assert "sqlite3" in modules
    assert not modules & (FUZZY | PARSING | TERMINAL | ARTICLE_VIEWS)
    assert not loaded("list") & (FUZZY | PARSING | TERMINAL | ARTICLE_VIEWS)


def test_a_title_loads_the_index_but_no_matcher() -> None:
    modules = loaded("highlights", "Vendite interne")
    assert "sqlite3" in modules
    assert not modules & (FUZZY | {"glossary_cli.search.query"})  # suggestions: failures only


def test_only_a_failure_loads_the_fuzzy_matcher() -> None:
    assert "rapidfuzz" in loaded("show", "vendite intern")


@pytest.mark.parametrize(
    "command",
    ["search sales", "search sales --format rich", "list", "list --format json"],
)
def test_head_closes_the_pipe_quietly(tmp_path: Path, command: str) -> None:
    for n in range(300):
        write_article(tmp_path, f"sales-{n}", "en", article(f"Sales {n}", "Sales text.\n" * 50))
    glossary = " ".join(f"'{part}'" for part in GLOSSARY)
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", f"{glossary} -a {tmp_path} {command} -n 300 | head -1"]
        if command.startswith("search")
        else ["bash", "-o", "pipefail", "-c", f"{glossary} -a {tmp_path} {command} | head -1"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 1
