"""`list`, `search` and names that are titles, over the bundle and over trees the tests write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SEED_LANGS, article, has_escape, write_article

IT_LINE = (
    "inside-sales\tit\tVendite interne\tUna vendita interna si verifica quando ai clienti "
    "vengono venduti prodotti e servizi tramite telefono o online anziché presso la sede "
    "fisica del venditore.\tBusiness, Small Business\n"
)


# --- list -------------------------------------------------------------------------------------


def test_list_the_bundle_in_a_chosen_language(run) -> None:
    result = run("list", "--lang", "it")
    assert (result.exit_code, result.stdout, result.stderr) == (0, IT_LINE, "")


def test_list_follows_the_locale_and_notes_a_fallback(run) -> None:
    result = run("list", env={"LANG": "de_DE.UTF-8"})
    assert result.exit_code == 0
    assert result.stdout.split("\t")[:3] == ["inside-sales", "fi", "Sisäiset myynnit"]
    assert result.stderr == (
        "glossary: 1 of 1 article is not available in de-DE; listed in another language "
        "(see the language column)\n"
    )


def test_list_over_roots_with_fallbacks_in_every_format(run, tree: Path) -> None:
    write_article(tree, "alpha", "en", article("Alpha", "Alpha text.\n", description="First."))
    write_article(tree, "alpha", "it", article("Alfa", "Testo.\n", description="Primo."))
    write_article(tree, "beta", "en", article("Beta", "Beta text.\n", keywords="Greek, Letter"))
    result = run("-a", str(tree), "list", "--lang", "it")
    assert result.stdout.splitlines() == [
        "alpha\tit\tAlfa\tPrimo.\t",
        "beta\ten\tBeta\tBeta text.\tGreek, Letter",
        IT_LINE.rstrip("\n"),
    ]
    assert "1 of 3 articles is not available in it" in result.stderr
    data = json.loads(run("-a", str(tree), "list", "--lang", "it", "-f", "json").stdout)
    assert data["schema"] == 1
    beta = data["articles"][1]
    assert beta["fallback"] is True
    assert (beta["slug"], beta["lang"], beta["keywords"]) == ("beta", "en", ["Greek", "Letter"])
    assert data["articles"][0]["languages"] == ["en", "it"]
    assert data["articles"][0]["path"] == str(tree / "alpha" / "it.md")
    markdown = run("-a", str(tree), "list", "--lang", "it", "-f", "markdown").stdout
    assert "- **Beta** (`beta`, en, fallback): Beta text. *(Greek, Letter)*\n" in markdown
    rich = run("-a", str(tree), "list", "--lang", "it", "-f", "rich").stdout
    assert "en*" in rich and "* not available in it" in rich
    assert not has_escape(rich)


def test_list_description_is_the_first_paragraph_without_markup(run, tree: Path) -> None:
    body = (
        "# Title Heading\n\n<!-- a comment -->\n"
        "**Bold** and *em* with a [link](https://x.example), `code`, "
        '{{Glossary("HTTP", "web protocol")}} &amp; <span>html</span>.\n'
        "Second line.\n\n## Later\n\nNot the description.\n"
    )
    write_article(tree, "term", "en", body)
    result = run("-a", str(tree), "list")
    assert result.stdout.splitlines()[1] == (
        "term\ten\tTitle Heading\tBold and em with a link, code, web protocol & html. "
        "Second line.\t"
    )


def test_list_reads_tags_when_there_are_no_keywords(run, tree: Path) -> None:
    write_article(tree, "t", "en", "---\ntitle: T\ntags:\n  - Web\n  - HTTP\n---\nText.\n")
    assert run("-a", str(tree), "list").stdout.splitlines()[1] == "t\ten\tT\tText.\tWeb, HTTP"
    assert json.loads(run("-a", str(tree), "show", "t", "-f", "json").stdout)["keywords"] == [
        "Web",
        "HTTP",
    ]


@pytest.mark.parametrize("keyword", ["business", "SMALL BUSINESS", " Business "])
def test_list_by_keyword_case_insensitive(run, tree: Path, keyword: str) -> None:
    write_article(tree, "other", "en", article("Other", "x\n", keywords="Science"))
    result = run("-a", str(tree), "list", "--keyword", keyword, "--lang", "it")
    assert result.stdout == IT_LINE


def test_list_by_keyword_in_any_language_and_accents_aside(run, tree: Path) -> None:
    write_article(tree, "t", "en", article("T", "x\n", keywords="Sales"))
    write_article(tree, "t", "pl", article("T-pl", "x\n", keywords="Sprzedaż"))
    assert run("-a", str(tree), "list", "-k", "sprzedaz", "--lang", "en").stdout == (
        "t\ten\tT\tx\tSales\n"
    )


def test_list_an_article_that_cannot_be_read(run, tree: Path) -> None:
    path = write_article(tree, "broken", "en", b"---\ntitle: \xff\n---\n")
    bad_yaml = write_article(tree, "yaml", "en", "---\ntitle: [oops\n---\nText.\n")
    result = run("-a", str(tree), "list")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:1] == ["broken\ten\tbroken\t\t"]
    assert "yaml\ten\tyaml\t\t" in result.stdout.splitlines()
    assert result.stderr.splitlines() == [
        f"glossary: warning: {path}: not UTF-8 text (byte 11)",
        f"glossary: warning: {bad_yaml}: invalid frontmatter: "
        + result.stderr.splitlines()[1].split("invalid frontmatter: ", 1)[1],
    ]
    assert run("-a", str(tree), "show", "broken").exit_code == 3


def test_list_keyword_nothing_matches(run) -> None:
    result = run("list", "--keyword", "astronomy")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "glossary: error: no article has the keyword 'astronomy'\n"


def test_list_bad_language_is_a_usage_error(run) -> None:
    result = run("list", "--lang", "no such")
    assert result.exit_code == 2


def test_list_a_root_that_shadows_the_bundle(run, tree: Path) -> None:
    write_article(tree, "inside-sales", "en", article("Mine", "Our own.\n"))
    assert run("-a", str(tree), "list").stdout == "inside-sales\ten\tMine\tOur own.\t\n"


# --- search -----------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["sprzedaz", "SPRZEDAŻ", "Sprzedaz", "sprzedaż"])
def test_search_is_case_and_accent_insensitive(run, query: str) -> None:
    result = run("search", query)
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout == (
        "inside-sales\tpl\tSprzedaż wewnętrzna\t«Sprzedaż» wewnętrzna ma miejsce, gdy klientom "
        "sprzedaje się produkty i usługi przez telefon lub online, a nie w fizycznej "
        "lokalizacji sprzedawcy.\n"
    )


def test_search_no_match(run) -> None:
    result = run("search", "quasar")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "glossary: error: no article matches 'quasar'\n"


@pytest.mark.parametrize("query", ["", "   "])
def test_search_empty_query_is_a_usage_error(run, query: str) -> None:
    assert run("search", query).exit_code == 2


def test_search_one_hit_per_article_in_the_readers_language(run) -> None:
    # "Business" is a keyword in all four languages; the reader's language is the one shown.
    assert run("search", "business", env={"LANG": "sv_SE.UTF-8"}).stdout == (
        "inside-sales\tsv\tInneförsäljning\t«Business», Small «Business»\n"
    )
    assert run("search", "business", "--lang", "it").stdout.split("\t")[:2] == [
        "inside-sales",
        "it",
    ]


def test_search_title_matches_first(run, tree: Path) -> None:
    write_article(tree, "a-gadget", "en", article("Gadget", "A gadget is not a widget.\n"))
    write_article(tree, "b-widgetry", "en", article("Widgetry", "The craft.\n"))
    write_article(tree, "c-widget", "en", article("Widget", "A thing.\n"))
    write_article(tree, "d-tool", "en", article("Tool", "Widget, widget, widget, widget.\n"))
    result = run("-a", str(tree), "search", "widget")
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == [
        "c-widget",  # the title is the query
        "b-widgetry",  # the title starts with it
        "d-tool",  # then bm25 over the rest: the body says it four times
        "a-gadget",
    ]


def test_search_every_word_must_match_in_any_field(run, tree: Path) -> None:
    write_article(tree, "one", "en", article("Red", "A fruit.\n", keywords="apple"))
    write_article(tree, "two", "en", article("Red", "A colour.\n"))
    result = run("-a", str(tree), "search", "red apple")
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["one"]
    assert result.stdout.split("\t")[3] == "«apple»\n"


def test_search_language_filter_and_limit(run, tree: Path) -> None:
    for n in range(5):
        write_article(tree, f"t{n}", "en", article(f"Term {n}", "Shared words here.\n"))
    write_article(tree, "t0", "pt-BR", article("Termo", "Palavras compartilhadas shared.\n"))
    assert len(run("-a", str(tree), "search", "shared").stdout.splitlines()) == 5
    assert len(run("-a", str(tree), "search", "shared", "-n", "2").stdout.splitlines()) == 2
    only = run("-a", str(tree), "search", "shared", "--lang", "pt").stdout
    assert only.split("\t")[:3] == ["t0", "pt-BR", "Termo"]
    nothing = run("-a", str(tree), "search", "shared", "--lang", "ja")
    assert (nothing.exit_code, nothing.stderr) == (
        1,
        "glossary: error: no article matches 'shared' in ja\n",
    )
    assert run("-a", str(tree), "search", "shared", "-n", "0").exit_code == 2


CJK = {
    "ja": "非同期処理とは、処理の完了を待たずに次の処理を進める方式のことです。",
    "zh-CN": "异步编程是一种并发编程模式。",
    "ko": "비동기 처리는 작업이 끝나기를 기다리지 않는 방식입니다.",
}


@pytest.mark.parametrize(
    ("query", "lang"),
    [
        ("非同期", "ja"),
        ("完了", "ja"),
        ("次の処理", "ja"),
        ("异步", "zh-CN"),
        ("并发", "zh-CN"),
        ("비동기", "ko"),
        ("기다리지", "ko"),
    ],
)
def test_search_words_inside_sentences_without_spaces(
    run, tree: Path, query: str, lang: str
) -> None:
    for tag, text in CJK.items():
        write_article(tree, "async", tag, article(f"Title {tag}", text + "\n"))
    result = run("-a", str(tree), "search", query)
    assert result.exit_code == 0, result.stderr
    slug, shown, _, snippet = result.stdout.rstrip("\n").split("\t")
    assert (slug, shown) == ("async", lang)
    assert f"«{query}»" in snippet


def test_search_json_offsets_mark_the_matches(run, tree: Path) -> None:
    text = "Straße und Maß. " * 3 + "Das Ende ist ﬁn."  # ß folds to ss, the ligature to fi
    write_article(tree, "t", "de", article("Großes Maß", text + "\n"))
    data = json.loads(run("-a", str(tree), "search", "mass", "-f", "json").stdout)
    assert data["schema"] == 1
    assert data["query"] == "mass"
    hit = data["hits"][0]
    # No description in the frontmatter: the first paragraph is the description.
    assert (hit["slug"], hit["lang"], hit["field"]) == ("t", "de", "description")
    assert [hit["snippet"][a:b] for a, b in hit["matches"]] == ["Maß", "Maß", "Maß"]
    assert [hit["title"][a:b] for a, b in hit["title_matches"]] == ["Maß"]
    assert hit["path"] == str(tree / "t" / "de.md")
    fin = json.loads(run("-a", str(tree), "search", "fin", "-f", "json").stdout)["hits"][0]
    assert [fin["snippet"][a:b] for a, b in fin["matches"]] == ["ﬁn"]


def test_search_snippet_is_cut_around_the_match(run, tree: Path) -> None:
    words = " ".join(f"word{n}" for n in range(200))
    write_article(tree, "long", "en", article("Long", f"{words} needle {words}\n"))
    snippet = run("-a", str(tree), "search", "needle").stdout.rstrip("\n").split("\t")[3]
    assert snippet.startswith("…word") and snippet.endswith("…")
    assert "«needle»" in snippet
    assert len(snippet) < 200


def test_search_markdown_and_rich(run) -> None:
    markdown = run("search", "vendite", "-f", "markdown").stdout
    assert markdown.startswith("- **Vendite interne** (`inside-sales`, it): ")
    assert "Cosa sono le **vendite** interne? Per **vendite** interne si intende" in markdown
    rich = run("search", "vendite", "-f", "rich", "--color", "always").stdout
    assert "interne" in rich and "inside-sales" in rich
    assert "\x1b[1;7m" in rich  # the match, bold and reversed
    plain_rich = run("search", "vendite", "-f", "rich").stdout
    assert not has_escape(plain_rich)


def test_search_control_characters_never_reach_the_output(run, tree: Path) -> None:
    write_article(tree, "t", "en", "# Evil\x1b[31m title\n\nBody \x1b]8;;x\x07 evil here.\n")
    for fmt in ("plain", "rich", "markdown"):
        result = run("-a", str(tree), "search", "evil", "-f", fmt)
        assert result.exit_code == 0
        assert not has_escape(result.stdout)


# --- names: titles and suggestions --------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "lang", "title"),
    [
        ("Vendite interne", "it", "Vendite interne"),
        ("sisäiset myynnit", "fi", "Sisäiset myynnit"),
        ("SISAISET MYYNNIT", "fi", "Sisäiset myynnit"),
        ("sprzedaz wewnetrzna", "pl", "Sprzedaż wewnętrzna"),
        ("  Inneförsäljning ", "sv", "Inneförsäljning"),
    ],
)
def test_a_title_in_any_language_answers_in_that_language(
    run, name: str, lang: str, title: str
) -> None:
    result = run("show", name, env={"LANG": "it_IT.UTF-8"})
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[0] == title
    assert json.loads(run("show", name, "-f", "json").stdout)["lang"] == lang


def test_lang_overrides_the_titles_language(run) -> None:
    assert run("show", "Vendite interne", "--lang", "pl").stdout.startswith("Sprzedaż")


@pytest.mark.parametrize("command", ["sections", "highlights", "links"])
def test_every_command_takes_a_title(run, command: str) -> None:
    by_title = run(command, "vendite interne")
    assert by_title.exit_code == 0
    assert by_title.stdout == run(command, "inside-sales", "--lang", "it").stdout


def test_langs_takes_a_title(run) -> None:
    assert run("langs", "Inneförsäljning").stdout == run("langs", "inside-sales").stdout


def test_a_slug_in_another_case_keeps_the_readers_language(run) -> None:
    result = run("show", "INSIDE_SALES", env={"LANG": "sv_SE.UTF-8"})
    assert result.stdout.splitlines()[0] == "Inneförsäljning"


def test_an_exact_slug_never_opens_the_index(
    run, tree: Path, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    import glossary_cli.library.roots
    import glossary_cli.search.index

    def forbidden(*_: object, **__: object) -> None:
        raise AssertionError("the whole library was consulted")

    monkeypatch.setattr(glossary_cli.search.index, "use_index", forbidden)
    monkeypatch.setattr(glossary_cli.library.roots.Library, "slugs", forbidden)
    for n in range(50):
        write_article(tree, f"term-{n}", "en", article(f"Term {n}", "x\n"))
    for command in ("show", "sections", "highlights", "links", "langs"):
        options = ["--lang", "it"] if command != "langs" else []
        result = run("-a", str(tree), command, "inside-sales", *options)
        assert result.exit_code == 0, (command, result.stderr)


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("insde-sales", "inside-sales"),
        ("inside", "inside-sales"),
        ("vendite intern", "Vendite interne (inside-sales)"),
        ("sisainen myynti", "Sisäiset myynnit (inside-sales)"),
    ],
)
def test_unknown_names_get_suggestions(run, name: str, suggestion: str) -> None:
    result = run("show", name)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"glossary: error: no article {name!r} (did you mean {suggestion}?)\n"


def suggestion_tree(tree: Path) -> Path:
    """Articles whose names share words with the ones asked for below, and one that holds
    every word of a name only in its text."""
    write_article(
        tree, "cors", "en", article("CORS", "Cross-Origin Resource Sharing lets a server.\n")
    )
    write_article(tree, "origin", "en", article("Origin", "Scheme, host and port.\n"))
    write_article(tree, "same-origin_policy", "en", article("Same-origin policy", "Origins.\n"))
    write_article(tree, "web_server", "en", article("Web server", "Serves pages.\n"))
    write_article(tree, "cdn", "en", article("CDN", "Web servers near the reader.\n"))
    return tree


def test_suggestions_from_the_search_index_come_first(run, tree: Path) -> None:
    result = run("-a", str(suggestion_tree(tree)), "show", "Cross-Origin Resource Sharing")
    assert result.exit_code == 1
    # `cors` holds every word (its title is only CORS); the names alone suggested `origin`.
    assert result.stderr.startswith(
        "glossary: error: no article 'Cross-Origin Resource Sharing' (did you mean cors, "
    )


def test_a_near_copy_of_a_name_comes_before_what_a_search_finds(run, tree: Path) -> None:
    result = run("-a", str(suggestion_tree(tree)), "show", "web servers")
    assert result.stderr == (
        "glossary: error: no article 'web servers' (did you mean web_server, cdn?)\n"
    )


@pytest.mark.parametrize("name", ["quasar", "zz", "no-such-term"])
def test_no_suggestion_when_nothing_is_close(run, name: str) -> None:
    assert run("show", name).stderr == f"glossary: error: no article {name!r}\n"


def test_suggestions_from_a_written_tree(run, tree: Path) -> None:
    write_article(tree, "event-loop", "en", article("Event loop", "x\n"))
    write_article(tree, "event-loop", "de", article("Ereignisschleife", "x\n"))
    write_article(tree, "event-bubbling", "en", article("Event bubbling", "x\n"))
    result = run("-a", str(tree), "langs", "ereignisschlife")
    assert result.exit_code == 1
    assert "(did you mean Ereignisschleife (event-loop)?)" in result.stderr
    assert "event-loop" in run("-a", str(tree), "show", "event-lop").stderr


def test_a_title_of_two_articles(run, tree: Path) -> None:
    write_article(tree, "widget-ui", "en", article("Widget", "UI.\n"))
    write_article(tree, "widget-tool", "en", article("Widget", "Tool.\n"))
    result = run("-a", str(tree), "show", "widget")
    assert result.exit_code == 1
    assert result.stderr == (
        "glossary: error: 'widget' names several articles: widget-tool (en); widget-ui (en); "
        "give its slug\n"
    )


def test_a_title_of_two_articles_in_different_languages(run, tree: Path) -> None:
    write_article(tree, "gift-en", "en", article("Gift", "A present.\n"))
    write_article(tree, "gift-de", "de", article("Gift", "Poison.\n"))
    assert run("-a", str(tree), "show", "gift", env={"LANG": "de_DE.UTF-8"}).stdout == (
        "Gift\n\nPoison.\n"
    )
    assert run("-a", str(tree), "show", "Gift", "--lang", "en").stdout == "Gift\n\nA present.\n"


@pytest.mark.parametrize("lang", SEED_LANGS)
def test_every_seed_title_finds_its_language(run, lang: str) -> None:
    title = run("show", "inside-sales", "--lang", lang).stdout.splitlines()[0]
    assert json.loads(run("show", title, "-f", "json").stdout)["lang"] == lang
