"""list, search and titles on the MDN glossary: 648 real terms, 3,471 files, 10 languages.
The corpus lives beside the repository (shared/corpora); without it these tests skip."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import MDN

pytestmark = pytest.mark.skipif(not MDN.is_dir(), reason="the MDN corpus is not here")

TERMS = 648
FILES = 3471


@pytest.fixture(scope="module")
def mdn_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache for the module: the index is built once, by the first test, not by each."""
    return tmp_path_factory.mktemp("mdn-cache")


@pytest.fixture(autouse=True)
def shared_cache(mdn_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(mdn_cache))
    monkeypatch.setenv("GLOSSARY_PATH", str(MDN))
    yield


def test_list_every_term(run) -> None:
    result = run("list", "--lang", "en")
    lines = result.stdout.splitlines()
    assert len(lines) == TERMS + 1  # and the bundle's inside-sales
    assert all(line.count("\t") == 4 for line in lines)
    ajax = next(line for line in lines if line.startswith("ajax\t"))
    assert ajax.startswith("ajax\ten\tAjax\tAsynchronous JavaScript and XML (Ajax, or AJAX) is ")
    data = json.loads(run("list", "-f", "json").stdout)
    assert sum(len(a["languages"]) for a in data["articles"]) == FILES + 4


def test_list_in_japanese_with_fallbacks_noted(run) -> None:
    result = run("list", "--lang", "ja")
    lines = result.stdout.splitlines()
    assert "ajax\tja\tAJAX\tAJAX (Asynchronous JavaScript And XML) は、" in "\n".join(lines)
    shown = [line.split("\t")[1] for line in lines]
    missing = TERMS + 1 - shown.count("ja")
    assert missing > 0
    assert result.stderr == (
        f"glossary: {missing} of {TERMS + 1} articles are not available in ja; listed in "
        "another language (see the language column)\n"
    )


def test_list_by_tag(run) -> None:
    result = run("list", "--keyword", "glossaire", "--lang", "fr")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) > 20
    assert all(line.split("\t")[1] == "fr" for line in result.stdout.splitlines())


@pytest.mark.parametrize(
    ("query", "lang", "first"),
    [
        ("非同期", "ja", "asynchronous"),  # inside Japanese sentences
        ("异步", "zh-CN", "asynchronous"),  # two characters: below the trigram's reach
        ("回呼函式", "zh-TW", "callback_function"),
        ("асинхронный", "ru", "asynchronous"),
        ("asincrono", "es", "asynchronous"),  # Asíncrono, without its accent
        ("callback funktion", "de", "callback_function"),
    ],
)
def test_search_in_every_script(run, query: str, lang: str, first: str) -> None:
    result = run("search", query, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    slug, shown, _, _ = result.stdout.splitlines()[0].split("\t")
    assert (slug, shown) == (first, lang)


def test_search_title_first_and_one_hit_per_term(run) -> None:
    result = run("search", "cache", "-n", "100")
    found = [line.split("\t") for line in result.stdout.splitlines()]
    assert found[0][:3] == ["cache", "en", "Cache"]
    assert len({slug for slug, *_ in found}) == len(found) > 10
    assert len(run("search", "cache", "-n", "5").stdout.splitlines()) == 5


def test_search_the_readers_language(run) -> None:
    result = run("search", "ajax", "-n", "1", env={"LANG": "ko_KR.UTF-8"})
    assert result.stdout.split("\t")[:2] == ["ajax", "ko"]


def test_search_json_marks_japanese(run) -> None:
    data = json.loads(run("search", "関数", "--lang", "ja", "-f", "json").stdout)
    assert data["hits"]
    for hit in data["hits"]:
        assert hit["lang"] == "ja"
        assert {hit["snippet"][a:b] for a, b in hit["matches"]} == {"関数"}


def test_search_without_a_match(run) -> None:
    result = run("search", "qwxzyv")
    assert (result.exit_code, result.stdout) == (1, "")


@pytest.mark.parametrize(
    ("name", "slug", "lang"),
    [
        ("异步", "asynchronous", "zh-CN"),
        ("Асинхронный", "asynchronous", "ru"),
        ("asincrono", "asynchronous", "es"),
        ("抽象化", "abstraction", "zh-TW"),
        ("Callback-Funktion", "callback_function", "de"),
        ("HTTP/2", "http_2", "en"),  # a title with a slash
        ("Node.JS", "node.js", None),  # a slug in another case: the reader's language
    ],
)
def test_titles_in_any_language(run, name: str, slug: str, lang: str | None) -> None:
    result = run("show", name, "-f", "json", env={"LANG": "en_US.UTF-8"})
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["slug"] == slug
    assert data["lang"] == (lang or "en")


def test_a_title_two_terms_share(run) -> None:
    result = run("show", "En-tête")
    assert result.exit_code == 1
    assert result.stderr == (
        "glossary: error: 'En-tête' names several articles: head (fr); http_header (fr); "
        "give its slug\n"
    )


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [("abstracton", "abstraction"), ("asynchronus", "asynchronous"), ("Ajx", "ajax")],
)
def test_suggestions(run, name: str, suggestion: str) -> None:
    result = run("show", name)
    assert result.exit_code == 1
    assert "(did you mean " in result.stderr
    assert suggestion in result.stderr.split("did you mean ", 1)[1]


def test_a_name_written_out_suggests_its_article_first(run) -> None:
    result = run("show", "Cross-Origin Resource Sharing")
    assert result.exit_code == 1
    assert result.stderr.split("did you mean ", 1)[1].startswith("cors, ")


def test_index_titles_are_the_titles_show_prints(run) -> None:
    from glossary_cli.reading.markdown import parse_article
    from glossary_cli.search.extract import extract

    files = sorted(MDN.glob("*/*.md"))[::29]  # a sample across terms and languages
    for path in files:
        text = path.read_text(encoding="utf-8")
        slug, lang = path.parent.name, path.stem
        got = extract(text, slug)
        parsed = parse_article(text, slug=slug, lang=lang, path=str(path))
        assert (got.title, got.keywords) == (parsed.title, parsed.keywords), path
