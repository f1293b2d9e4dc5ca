"""The one boundary: every expected failure is one message and its documented exit status."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import article, write_article


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "inside-sales", "--lang", "x!"], "Invalid value for '--lang': 'x!' is not"),
        (["show", "inside-sales", "-l", "it,,x!"], "Invalid value for '--lang': 'x!' is not"),
        (["sections", "inside-sales", "-l", ",,"], "Invalid value for '--lang': ',,' is not"),
        (["links", "inside-sales", "-l", "x!"], "Invalid value for '--lang': 'x!' is not"),
        (["list", "--lang", "x!"], "Invalid value for '--lang': 'x!' is not"),
        (["search", "x", "--lang", "it,fi"], "Invalid value for '--lang': 'it,fi' is not"),
        (["langs", "--missing", "x!"], "Invalid value for '--missing': 'x!' is not"),
        (["langs", "--explain", "-l", "x!"], "Invalid value for '--lang': 'x!' is not"),
        (["show", "inside-sales", "--section", "0"], "Invalid value: --section takes a number"),
        (["search", " "], "Invalid value: the search query is empty"),
    ],
)
def test_a_usage_problem_names_its_option_and_exits_2(run, args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert f"Usage: glossary {args[0]} " in result.stderr  # the command's own usage line
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "status", "line"),
    [
        (["show", "nope"], 1, "glossary: error: no article 'nope'\n"),
        (["show", "inside-sales", "--lang", "de"], 1, "glossary: error: inside-sales is not"),
        (["show", "inside-sales", "--section", "9"], 1, "glossary: error: inside-sales (fi)"),
    ],
)
def test_a_domain_error_is_one_line_and_its_status(
    run, args: list[str], status: int, line: str
) -> None:
    result = run(*args)
    assert result.exit_code == status
    assert result.stderr.startswith(line)
    assert result.stderr.count("\n") == 1
    assert result.stdout == ""


def test_an_unreadable_article_exits_3(run, tree: Path) -> None:
    write_article(tree, "t", "en", b"---\ntitle: [\n---\n")
    result = run("-a", str(tree), "show", "t")
    assert result.exit_code == 3
    assert result.stderr.startswith(f"glossary: error: {tree}/t/en.md:")


def test_check_returns_its_status_through_the_boundary(run, tree: Path) -> None:
    write_article(tree, "good", "en", article("Good", "x\n"))
    assert run("check", str(tree)).exit_code == 0
    write_article(tree, "bad", "en", "---\ntitle: [a, b]\n---\nx\n")
    result = run("check", str(tree))
    assert result.exit_code == 1
    assert "error: title should be text, not a list" in result.stdout


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["--version"], ["--help"], ["show", "inside-sales"]])
def test_a_full_disk_is_one_line_never_a_traceback(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "glossary_cli", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert result.stderr == "glossary: error: cannot write the output: No space left on device\n"
