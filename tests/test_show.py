"""`glossary show`: the article in every output mode, sections picked by number or heading."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import BUNDLE, SEED_LANGS, article, has_escape, write_article

TITLES = {
    "pl": "Sprzedaż wewnętrzna",
    "sv": "Inneförsäljning",
    "it": "Vendite interne",
    "fi": "Sisäiset myynnit",
}


@pytest.mark.parametrize("lang", SEED_LANGS)
def test_plain_show_is_clean_text(run, lang: str) -> None:
    result = run("show", "inside-sales", "--lang", lang)
    assert result.exit_code == 0
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == TITLES[lang]
    assert not has_escape(result.stdout)
    # no Markdown markup survives: headings, link syntax, emphasis
    assert not any(line.startswith(("#", ">")) for line in lines)
    assert "](/" not in result.stdout
    # the highlights are list items, each on its own line behind a bullet
    assert sum(line.startswith("\u2022 ") for line in lines) == 3
    # the quote is indented, the empty closing `>` leaves nothing behind
    assert sum(line.startswith("    ") for line in lines) == 1


def test_plain_paragraph_is_one_line_and_links_read_as_text(run) -> None:
    out = run("show", "inside-sales", "--lang", "it").stdout
    line = next(x for x in out.splitlines() if x.startswith("A differenza del personale"))
    assert "vendita esterno,. i venditori" in line  # the seed's stray ",." kept, link as text
    assert line.endswith("condurre le vendite internamente.")


def test_swedish_dash_bullets_are_a_list(run) -> None:
    out = run("show", "inside-sales", "--lang", "sv").stdout
    assert "\u2022 Att köpa varor" in out
    assert "\u2013" not in out.split("Höjdpunkter")[1]


def test_json_show_schema(run) -> None:
    result = run("show", "inside-sales", "--lang", "fi", "--format", "json")
    data = json.loads(result.stdout)
    assert data["schema"] == 1
    assert (data["slug"], data["lang"], data["title"]) == ("inside-sales", "fi", TITLES["fi"])
    assert data["keywords"] == ["Business", "Small Business"]
    assert [s["number"] for s in data["sections"]] == ["1", "2", "3", "4"]
    second = data["sections"][1]
    assert second["heading"] == "Sisämyynnin ymmärtäminen"
    assert second["blocks"][0]["links"][0] == {
        "text": "ulkopuoliset myyjät",
        "target": "/outside-sales",
    }
    assert second["blocks"][-1]["type"] == "quote"
    assert data["sections"][3]["blocks"][0]["type"] == "list"


@pytest.mark.parametrize("lang", SEED_LANGS)
def test_markdown_show_is_the_source(run, lang: str) -> None:
    result = run("show", "inside-sales", "--lang", lang, "--format", "markdown")
    assert result.stdout == (BUNDLE / "inside-sales" / f"{lang}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", SEED_LANGS)
def test_rich_golden_rendering(run, lang: str, update_golden: bool) -> None:
    """The terminal rendering at a fixed width with colour forced, byte for byte."""
    result = run(
        "show",
        "inside-sales",
        "--lang",
        lang,
        "--format",
        "rich",
        "--color",
        "always",
        env={"COLUMNS": "80"},
    )
    golden = Path(__file__).parent / "golden" / f"show-inside-sales-{lang}.ansi"
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")
    assert "\x1b[" in result.stdout
    assert max(len(line) for line in _strip_ansi(result.stdout).splitlines()) <= 80


def _strip_ansi(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\", "", text)


def test_rich_without_colour_has_no_escapes_and_wraps(run) -> None:
    result = run("show", "inside-sales", "--lang", "it", "--format", "rich", env={"COLUMNS": "50"})
    assert not has_escape(result.stdout)
    assert max(len(line) for line in result.stdout.splitlines()) <= 50
    assert "\u258c Il segmento" in result.stdout  # the quote's bar


@pytest.mark.parametrize(
    "wanted", ["2", "Capire le vendite interne", "capire LE vendite", " 2 ", "02"]
)
def test_section_by_number_or_heading(run, wanted: str) -> None:
    result = run("show", "inside-sales", "--lang", "it", "--section", wanted)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Capire le vendite interne"
    assert "Vantaggi" not in result.stdout


def test_section_heading_is_accent_insensitive(run) -> None:
    result = run("show", "inside-sales", "--lang", "fi", "-s", "sisamyynnin edut")
    assert result.stdout.splitlines()[0] == "Sisämyynnin edut"


@pytest.mark.parametrize(
    ("wanted", "code", "message"),
    [
        ("0", 2, "number from 1"),
        ("-1", 2, "number from 1"),
        ("99", 1, "numbered 1 to 4"),
        ("no such heading", 1, "has no section"),
        ("", 1, "has no section"),
    ],
)
def test_bad_section(run, wanted: str, code: int, message: str) -> None:
    result = run("show", "inside-sales", "--lang", "it", "--section", wanted)
    assert result.exit_code == code
    assert message in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_section_json_and_markdown(run) -> None:
    data = json.loads(run("show", "inside-sales", "--lang", "it", "-s", "4", "-f", "json").stdout)
    assert [s["heading"] for s in data["sections"]] == ["Mette in risalto"]
    assert data["introduction"] == []
    md = run("show", "inside-sales", "--lang", "it", "-s", "2", "-f", "markdown").stdout
    assert md.startswith("## Capire le vendite interne\n\n")
    assert "[vendita esterno](/outside-sales)" in md
    assert "\n> Il segmento" in md


def test_subsections_number_under_their_section(run, tree: Path) -> None:
    write_article(
        tree,
        "term",
        "en",
        article("Term", "Intro.\n\n## One\n\nA.\n\n### Deeper\n\nB.\n\n## Two\n\nC.\n"),
    )
    result = run("--articles", str(tree), "show", "term", "-s", "1.1")
    assert result.stdout == "Deeper\n\nB.\n"
    full = run("--articles", str(tree), "show", "term").stdout
    assert full == "Term\n\nIntro.\n\nOne\n\nA.\n\nDeeper\n\nB.\n\nTwo\n\nC.\n"


def test_no_frontmatter_title_from_heading_else_slug(run, tree: Path) -> None:
    write_article(tree, "with-heading", "en", "# A Heading\n\nText.\n")
    write_article(tree, "bare", "en", "Just text.\n")
    assert run("-a", str(tree), "show", "with-heading").stdout.splitlines()[0] == "A Heading"
    assert run("-a", str(tree), "show", "bare").stdout.splitlines()[0] == "bare"


def test_unknown_article(run) -> None:
    result = run("show", "no-such-term")
    assert result.exit_code == 1
    assert result.stderr == "glossary: error: no article 'no-such-term'\n"
    assert result.stdout == ""


def test_unknown_article_hint(run) -> None:
    result = run("show", "inside")
    assert result.exit_code == 1
    assert "did you mean inside-sales?" in result.stderr


@pytest.mark.parametrize("name", ["../etc", "a/b", "a\\b", "..", ".hidden", "-x", "../etc/en.md"])
def test_names_that_are_no_slugs_are_titles_never_paths(run, tree: Path, name: str) -> None:
    # A name that is no slug may be a title ("TCP/IP"), so it is looked up in the index; it
    # never becomes a path, though a file sits where it would point.
    write_article(tree.parent, "etc", "en", article("Outside", "Not in the root.\n"))
    result = run("-a", str(tree), "show", "--", name)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"glossary: error: no article {name!r}")
    assert result.stdout == ""


@pytest.mark.parametrize("name", ["bad\x1bname", "tab\there", "", "   "])
def test_names_with_control_characters_or_nothing_are_usage_errors(run, name: str) -> None:
    result = run("show", "--", name)
    assert result.exit_code == 2
    assert "article name" in result.stderr
    assert "\x1b" not in result.stderr
