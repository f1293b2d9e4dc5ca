"""Several --lang values: columns on a terminal, one after the other when piped, a JSON list."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from glossary_cli.views.side_by_side import GAP, MIN_COLUMN, fits

from conftest import article, has_escape, write_article

ANSI = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\")


def header(tag: str) -> str:
    return f"==> {tag} <==\n"


@pytest.mark.parametrize("command", ["show", "sections", "highlights"])
def test_piped_one_after_the_other_with_a_header_each(run, command: str) -> None:
    it = run(command, "inside-sales", "--lang", "it").stdout
    fi = run(command, "inside-sales", "--lang", "fi").stdout
    both = run(command, "inside-sales", "--lang", "it", "--lang", "fi")
    assert both.exit_code == 0
    assert both.stderr == ""
    assert both.stdout == header("it") + it + "\n" + header("fi") + fi


@pytest.mark.parametrize(
    "spelling", [["-l", "it,fi"], ["--lang", "it", "-l", "fi"], ["-l", "it, fi"]]
)
def test_comma_list_and_repeated_flag_are_the_same(run, spelling: list[str]) -> None:
    expected = run("sections", "inside-sales", "--lang", "it", "--lang", "fi").stdout
    assert run("sections", "inside-sales", *spelling).stdout == expected


@pytest.mark.parametrize("fmt", ["plain", "rich", "json", "markdown"])
def test_one_language_twice_is_the_single_language_output(run, fmt: str) -> None:
    single = run("show", "inside-sales", "--lang", "it", "-f", fmt, env={"COLUMNS": "100"})
    twice = run("show", "inside-sales", "-l", "it", "-l", "IT", "-f", fmt, env={"COLUMNS": "100"})
    assert twice.stdout == single.stdout


@pytest.mark.parametrize("command", ["show", "sections", "highlights"])
def test_json_is_a_list_of_the_single_objects(run, command: str) -> None:
    langs = ["sv", "pl", "fi"]
    data = json.loads(run(command, "inside-sales", "-l", ",".join(langs), "-f", "json").stdout)
    assert isinstance(data, list)
    assert [item["lang"] for item in data] == langs
    for item, lang in zip(data, langs, strict=True):
        single = run(command, "inside-sales", "-l", lang, "-f", "json").stdout
        assert item == json.loads(single)


def test_markdown_header_then_a_blank_line(run) -> None:
    out = run("highlights", "inside-sales", "-l", "it,fi", "-f", "markdown").stdout
    it = run("highlights", "inside-sales", "-l", "it", "-f", "markdown").stdout
    assert out.startswith(header("it") + "\n" + it + "\n" + header("fi") + "\n- ")


def rich(run, *args: str, columns: int = 100) -> list[str]:
    result = run(*args, "-f", "rich", env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.stderr
    assert not has_escape(result.stdout)
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns
    return lines


def line_with(lines: list[str], text: str) -> str:
    (found,) = [line for line in lines if text in line]
    return found


def test_terminal_columns_aligned_section_by_section(run) -> None:
    lines = rich(run, "show", "inside-sales", "-l", "it", "-l", "fi")
    assert lines[0].split() == ["it", "\u2502", "fi"]
    assert "Sisäiset myynnit" in line_with(lines, "Vendite interne")
    # the n-th section beside the n-th, however long the sections before them were
    for it, fi in [
        ("1  Cosa sono le vendite interne?", "1  Mitä sisämyynti on?"),
        ("2  Capire le vendite interne", "2  Sisämyynnin ymmärtäminen"),
        ("3  Vantaggi delle vendite interne", "3  Sisämyynnin edut"),
        ("4  Mette in risalto", "4  Kohokohdat"),
    ]:
        assert fi in line_with(lines, it)
    # the left column never runs into the right one
    divider = lines[0].index("\u2502")
    assert all(line[divider] == "\u2502" for line in lines[2:] if len(line) > divider)


def test_terminal_sections_and_highlights_side_by_side(run) -> None:
    lines = rich(run, "sections", "inside-sales", "-l", "it,fi,sv")
    assert "Sisämyynnin edut" in line_with(lines, "Vantaggi delle vendite interne")
    assert "Fördelar med" in line_with(lines, "Vantaggi delle vendite interne")
    lines = rich(run, "highlights", "inside-sales", "-l", "it,sv")
    assert "\u2022 Att köpa varor" in line_with(lines, "\u2022 L'acquisto di beni")
    assert "\u2022 En internförsäljning" in line_with(lines, "\u2022 Una vendita interna")


def test_narrow_terminal_one_after_the_other(run) -> None:
    width = 2 * MIN_COLUMN + GAP - 1
    lines = rich(run, "show", "inside-sales", "-l", "it,fi", columns=width)
    assert not any("\u2502" in line for line in lines)
    assert lines[0].startswith("it \u2500")
    assert lines[1] == "Vendite interne"
    rule = next(i for i, line in enumerate(lines) if line.startswith("fi \u2500"))
    assert lines[rule + 1] == "Sisäiset myynnit"
    assert lines[rule - 1] == ""
    assert "\u2502" in rich(run, "show", "inside-sales", "-l", "it,fi", columns=width + 1)[0]


def test_minimum_column_width() -> None:
    assert fits(2, 63) and not fits(2, 62)
    assert fits(3, 96) and not fits(3, 95)
    assert fits(1, MIN_COLUMN)


def test_colour_in_columns(run) -> None:
    out = run("show", "inside-sales", "-l", "it,fi", "-f", "rich", "--color", "always").stdout
    assert "\x1b[" in out
    assert "Vendite interne" in ANSI.sub("", out)


def test_section_heading_found_in_one_language_shows_that_number_in_all(run) -> None:
    result = run("show", "inside-sales", "-l", "pl,it", "-s", "vantaggi")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(header("pl") + "Zalety sprzedaży wewnętrznej\n")
    assert header("it") + "Vantaggi delle vendite interne\n" in result.stdout
    assert "Capire" not in result.stdout


def test_section_in_no_language(run) -> None:
    result = run("show", "inside-sales", "-l", "pl,fi", "-s", "Vantaggi")
    assert result.exit_code == 1
    assert result.stderr.startswith("glossary: error: inside-sales (pl) has no section 'Vantaggi'")


def test_a_language_the_article_lacks_is_an_error(run) -> None:
    result = run("show", "inside-sales", "-l", "it", "-l", "de")
    assert result.exit_code == 1
    assert result.stderr == (
        "glossary: error: inside-sales is not available in de (available: fi, it, pl, sv)\n"
    )
    assert result.stdout == ""


def test_a_malformed_language_among_several_is_a_usage_error(run) -> None:
    result = run("sections", "inside-sales", "-l", "it", "-l", "x!")
    assert result.exit_code == 2
    assert "not a language tag" in result.stderr


def test_unequal_sections_leave_cells_empty(run, tree: Path) -> None:
    write_article(tree, "t", "en", article("Term", "## One\n\nA.\n\n## Two\n\nB.\n\n## Three\n"))
    write_article(tree, "t", "de", article("Begriff", "## Eins\n\nA.\n"))
    lines = rich(run, "-a", str(tree), "show", "t", "-l", "en,de")
    assert line_with(lines, "2  Two").rstrip().endswith("\u2502")
    lines = rich(run, "-a", str(tree), "sections", "t", "-l", "en,de")
    assert line_with(lines, "Three").split() == ["3", "\u2502", "Three", "\u2502"]
    plain = run("-a", str(tree), "sections", "t", "-l", "en,de").stdout
    assert plain == header("en") + "1\tOne\n2\tTwo\n3\tThree\n\n" + header("de") + "1\tEins\n"


def test_links_takes_one_language(run) -> None:
    assert run("links", "inside-sales", "-l", "it,fi").stdout == (
        run("links", "inside-sales", "-l", "it").stdout
    )


def test_help_mentions_side_by_side(run) -> None:
    assert "side by side" in run("show", "--help").stdout
