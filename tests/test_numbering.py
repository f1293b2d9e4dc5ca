"""Sections numbered by the heading levels an article has (issue 12, point 6): `###` headings
with no `##` above them are sections 1, 2, 3, for the parser, completion and `check` alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary_cli.document.numbering import section_numbers
from glossary_cli.reading import peek
from glossary_cli.reading.markdown import parse_article

from conftest import write_article

ONLY_DEEPER = (
    "---\ntitle: Deep\n---\nIntro.\n\n### One\n\nA.\n\n### Two\n\n#### Two a\n\n### Three\n"
)


@pytest.mark.parametrize(
    ("levels", "numbers"),
    [
        ([3, 3, 3], ["1", "2", "3"]),
        ([3, 4, 3], ["1", "1.1", "2"]),
        ([2, 3, 2], ["1", "1.1", "2"]),
        ([3, 2, 3], ["1", "2", "2.1"]),  # a deeper heading before any top one is a top one
        ([1, 2, 3], ["1", "2", "2.1"]),  # `#` after the text counts as `##`
        ([4, 5, 6], ["1", "1.1", "1.2"]),
        ([], []),
    ],
)
def test_numbers_from_the_levels_present(levels: list[int], numbers: list[str]) -> None:
    assert section_numbers(levels) == numbers


def test_parser_and_completion_agree(tmp_path: Path) -> None:
    path = write_article(tmp_path, "deep", "en", ONLY_DEEPER)
    article = parse_article(ONLY_DEEPER, slug="deep", lang="en", path="x")
    numbered = [(s.number, s.heading) for s in article.all_sections()]
    assert numbered == [("1", "One"), ("2", "Two"), ("2.1", "Two a"), ("3", "Three")]
    assert peek.headings(path) == numbered


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    write_article(root, "deep", "en", ONLY_DEEPER)
    write_article(root, "deep", "it", ONLY_DEEPER.replace("One", "Uno"))
    return root


def test_sections_in_every_format(run, library: Path) -> None:
    args = ("-a", str(library), "sections", "deep", "--lang", "en")
    assert run(*args).stdout == "1\tOne\n2\tTwo\n2.1\tTwo a\n3\tThree\n"
    data = json.loads(run(*args, "-f", "json").stdout)
    assert [(s["number"], s["level"]) for s in data["sections"]] == [("1", 3), ("2", 3), ("3", 3)]
    assert data["sections"][1]["subsections"][0]["number"] == "2.1"
    assert run(*args, "-f", "markdown").stdout == ("- 1 One\n- 2 Two\n  - 2.1 Two a\n- 3 Three\n")
    rich = run(*args, "-f", "rich", env={"COLUMNS": "80"}).stdout
    assert [line.split() for line in rich.splitlines()[1:]] == [
        ["1", "One"], ["2", "Two"], ["2.1", "Two", "a"], ["3", "Three"]
    ]  # fmt: skip


@pytest.mark.parametrize("fmt", ["plain", "json", "markdown", "rich"])
def test_section_two_is_found(run, library: Path, fmt: str) -> None:
    result = run("-a", str(library), "show", "deep", "--lang", "en", "--section", "2", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    assert "Two a" in result.stdout and "Three" not in result.stdout


def test_rich_top_sections_styled_as_top_sections(run, library: Path) -> None:
    result = run(
        "-a", str(library), "show", "deep", "--lang", "en", "-f", "rich", "--color", "always",
        env={"COLUMNS": "80"},
    )  # fmt: skip
    one = next(line for line in result.stdout.splitlines() if "One" in line)
    deeper = next(line for line in result.stdout.splitlines() if "Two a" in line)
    assert "\x1b[1;33m" in one and "\x1b[1;33m" not in deeper  # HEADING, then SUBHEADING


def test_check_counts_the_sections_there_are(run, library: Path) -> None:
    write_article(library, "deep", "fr", "---\ntitle: Profond\n---\n### Un\n")
    result = run("check", str(library))
    assert result.stdout == (
        f"{library}/deep/fr.md: warning: 1 section, while en.md, it.md have 3\n"
    )
    assert "##" not in result.stdout
