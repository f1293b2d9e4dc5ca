"""`sections`, `highlights`, `langs` and `links`: one record per line when piped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SEED_LANGS, article, has_escape, write_article


def test_sections_plain(run) -> None:
    result = run("sections", "inside-sales", "--lang", "it")
    assert result.stdout == (
        "1\tCosa sono le vendite interne?\n"
        "2\tCapire le vendite interne\n"
        "3\tVantaggi delle vendite interne\n"
        "4\tMette in risalto\n"
    )


def test_sections_nested_in_every_format(run, tree: Path) -> None:
    write_article(tree, "t", "en", article("T", "## A\n\nx\n\n### A1\n\ny\n\n### A2\n\n## B\n"))
    plain = run("-a", str(tree), "sections", "t").stdout
    assert plain == "1\tA\n1.1\tA1\n1.2\tA2\n2\tB\n"
    data = json.loads(run("-a", str(tree), "sections", "t", "-f", "json").stdout)
    assert [s["heading"] for s in data["sections"][0]["subsections"]] == ["A1", "A2"]
    assert "blocks" not in data["sections"][0]
    md = run("-a", str(tree), "sections", "t", "-f", "markdown").stdout
    assert md == "- 1 A\n  - 1.1 A1\n  - 1.2 A2\n- 2 B\n"
    rich = run("-a", str(tree), "sections", "t", "-f", "rich").stdout
    assert "  1.1  A1" in rich


def test_sections_without_headings(run, tree: Path) -> None:
    write_article(tree, "flat", "en", article("Flat", "Only a paragraph.\n"))
    result = run("-a", str(tree), "sections", "flat")
    assert result.exit_code == 1
    assert result.stderr == "glossary: error: flat (en) has no sections: it has no headings\n"
    assert result.stdout == ""


@pytest.mark.parametrize("lang", SEED_LANGS)
def test_highlights_found_by_shape_in_every_seed(run, lang: str) -> None:
    result = run("highlights", "inside-sales", "--lang", lang)
    assert result.exit_code == 0
    points = result.stdout.splitlines()
    assert len(points) == 3
    assert all(len(p.split()) > 5 and not p.startswith(("-", "\u2013", "\u2022")) for p in points)


def test_highlights_first_with_star_bullets_and_see_also_ignored(run, tree: Path) -> None:
    body = (
        "## Key Takeaways\n\n* The first point is a sentence.\n* The second one is too.\n\n"
        "## Details\n\nProse.\n\n## See also\n\n- [Alpha](/alpha)\n- [Beta](https://b.example)\n"
    )
    write_article(tree, "t", "en", article("T", body))
    assert run("-a", str(tree), "highlights", "t").stdout == (
        "The first point is a sentence.\nThe second one is too.\n"
    )


def test_a_list_of_links_is_not_highlights(run, tree: Path) -> None:
    body = "Intro.\n\n## See also\n\n- [Alpha term](/alpha)\n- [Beta term here](/beta)\n"
    write_article(tree, "t", "en", article("T", body))
    result = run("-a", str(tree), "highlights", "t")
    assert result.exit_code == 1
    assert "has no highlights" in result.stderr


def test_highlights_json_and_rich(run) -> None:
    data = json.loads(run("highlights", "inside-sales", "--lang", "sv", "-f", "json").stdout)
    assert data["heading"] == "Höjdpunkter"
    assert data["number"] == "4"
    assert len(data["points"]) == 3
    rich = run("highlights", "inside-sales", "--lang", "sv", "-f", "rich").stdout
    assert rich.count("\u2022 ") == 3


def test_langs_of_an_article(run) -> None:
    result = run("langs", "inside-sales")
    assert result.stdout == (
        "fi\tsuomi\tSisäiset myynnit\n"
        "it\titaliano\tVendite interne\n"
        "pl\tpolski\tSprzedaż wewnętrzna\n"
        "sv\tsvenska\tInneförsäljning\n"
    )


def test_langs_of_the_library(run, tree: Path) -> None:
    write_article(tree, "extra", "pt-BR", article("Extra", "Texto.\n"))
    write_article(tree, "extra", "it", article("Extra", "Testo.\n"))
    result = run("-a", str(tree), "langs")
    # one line per article, one field per language of the library: the tag, or - when missing
    assert result.stdout == "extra\t-\tit\t-\tpt-BR\t-\ninside-sales\tfi\tit\tpl\t-\tsv\n"
    data = json.loads(run("-a", str(tree), "langs", "-f", "json").stdout)
    assert {"tag": "it", "name": "italiano", "articles": 2} in data["languages"]
    assert data["articles"][0] == {
        "slug": "extra",
        "languages": ["it", "pt-BR"],
        "missing": ["fi", "pl", "sv"],
    }


def test_links_plain(run) -> None:
    result = run("links", "inside-sales", "--lang", "it")
    assert result.stdout.splitlines() == [
        "vendita esterno\t/outside-sales\tmissing",
        "clienti\t/customer\tmissing",
        "chiamate a freddo\t/coldcalling\tmissing",
        "telemarketing\t/telemarketing\tmissing",
        "sell di\t/add-on-sales\tmissing",
    ]


def test_links_kinds_and_forms(run, tree: Path) -> None:
    write_article(tree, "customer", "en", article("Customer", "A buyer.\n"))
    body = (
        "See [buyers](/customer), [again](/customer/), [in Italian](/it/customer/), "
        "[sales](/inside-sales), [MDN](/en-US/docs/Glossary/Customer), [nothing](/nowhere) "
        "and [the web](https://example.com/x).\n"
    )
    write_article(tree, "t", "en", article("T", body))
    result = run("-a", str(tree), "links", "t")
    assert result.stdout.splitlines() == [
        "buyers\t/customer\tarticle",
        "again\t/customer/\tarticle",
        "in Italian\t/it/customer/\tarticle",
        "sales\t/inside-sales\tarticle",
        "MDN\t/en-US/docs/Glossary/Customer\tarticle",
        "nothing\t/nowhere\tmissing",
        "the web\thttps://example.com/x\texternal",
    ]
    data = json.loads(run("-a", str(tree), "links", "t", "-f", "json").stdout)
    assert data["links"][0] == {
        "text": "buyers",
        "target": "/customer",
        "kind": "article",
        "slug": "customer",
    }
    assert data["links"][-1]["slug"] is None


COMMANDS = [
    ["show", "inside-sales", "--lang", "it"],
    ["sections", "inside-sales", "--lang", "it"],
    ["highlights", "inside-sales", "--lang", "it"],
    ["links", "inside-sales", "--lang", "it"],
    ["langs", "inside-sales"],
    ["langs"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
@pytest.mark.parametrize("fmt", ["rich", "plain", "json", "markdown"])
def test_every_command_in_every_format(run, command: list[str], fmt: str) -> None:
    result = run(*command, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.strip()
    assert not has_escape(result.stdout)
    if fmt == "json":
        assert json.loads(result.stdout)["schema"] == 1
    coloured = run(*command, "--format", fmt, "--color", "always").stdout
    assert has_escape(coloured) == (fmt == "rich")


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_every_command_has_help_with_examples(run, command: list[str]) -> None:
    result = run(command[0], "--help")
    assert result.exit_code == 0
    assert "Examples" in result.stdout
