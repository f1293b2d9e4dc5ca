"""The choice among an article's languages, stated once as a table and run through the choice
function and through every command that chooses: show, list, search, langs --explain, and
completion's titles. Then the trace the choice produces, and its softer variants."""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

import pytest
from test_completion import complete

from glossary_cli.language.choice import (
    FALLBACK,
    Choice,
    LanguageNotAvailable,
    Traced,
    choose,
    choose_among,
    covers,
    decide,
    first_shown,
    in_wanted_language,
    reader_trace,
    same_language,
)
from glossary_cli.language.preferences import preferences

from conftest import article, write_article

SLUG = "zorblat"  # a word of no other article: the search below finds this one alone


class Case(NamedTuple):
    available: tuple[str, ...]
    env: dict[str, str]
    flags: tuple[str, ...]  # --lang values
    shown: str | None  # the language shown; None: `show` refuses (a --lang the article lacks)


CASES = {
    "no preference: the first by tag": Case(("sv", "fi", "it", "pl"), {}, (), "fi"),
    "the locale": Case(("fi", "it", "pl", "sv"), {"LANG": "it_IT.UTF-8"}, (), "it"),
    "GLOSSARY_LANG before the locale": Case(
        ("fi", "it", "pl", "sv"), {"GLOSSARY_LANG": "pl", "LANG": "it_IT.UTF-8"}, (), "pl"
    ),
    "a bad GLOSSARY_LANG entry is skipped": Case(
        ("fi", "it", "pl", "sv"), {"GLOSSARY_LANG": "x!,de", "LANG": "it_IT"}, (), "it"
    ),
    "LANGUAGE's second entry": Case(
        ("fi", "it", "pl", "sv"), {"LANGUAGE": "de:sv", "LANG": "fi_FI.UTF-8"}, (), "sv"
    ),
    "LANGUAGE is ignored under C": Case(
        ("fi", "it", "pl", "sv"), {"LANGUAGE": "it", "LANG": "C.UTF-8"}, (), "fi"
    ),
    "unmet: English first": Case(("de", "en", "fi"), {"LANG": "ja_JP.UTF-8"}, (), "en"),
    "another region of the language": Case(("en", "pt-BR"), {"LANG": "pt_PT.UTF-8"}, (), "pt-BR"),
    "the script a region implies": Case(
        ("zh-Hans", "zh-Hant"), {"LANG": "zh_TW.UTF-8"}, (), "zh-Hant"
    ),
    "--lang before the environment": Case(
        ("fi", "it", "pl", "sv"), {"LANG": "it_IT.UTF-8"}, ("sv",), "sv"
    ),
    "--lang of a bare language": Case(("it", "pt-BR"), {}, ("pt",), "pt-BR"),
    "--lang the article lacks": Case(("fi", "it", "pl", "sv"), {"LANG": "it_IT"}, ("de",), None),
}
SHOWN = {name: case for name, case in CASES.items() if case.shown is not None}
WITHOUT_FLAGS = {name: case for name, case in CASES.items() if not case.flags}


def cases(table: dict[str, Case]) -> pytest.MarkDecorator:
    return pytest.mark.parametrize("case", list(table.values()), ids=list(table))


def write(tree: Path, case: Case) -> None:
    for tag in case.available:
        write_article(tree, SLUG, tag, article(f"Title {tag}", f"{SLUG} text.\n"))


def lang_flags(case: Case) -> list[str]:
    return [word for value in case.flags for word in ("--lang", value)]


@cases(CASES)
def test_the_choice(case: Case) -> None:
    prefs = preferences(case.flags, case.env)
    if case.shown is None:
        with pytest.raises(LanguageNotAvailable):
            choose(case.available, prefs)
    else:
        assert choose(case.available, prefs).tag == case.shown


@cases(CASES)
def test_show(run, tree: Path, case: Case) -> None:
    write(tree, case)
    result = run("-a", str(tree), "show", SLUG, *lang_flags(case), env=case.env)
    if case.shown is None:
        assert result.exit_code == 1
        assert "is not available in" in result.stderr
    else:
        assert result.stdout.splitlines()[0] == f"Title {case.shown}"


@cases(CASES)
def test_langs_explain(run, tree: Path, case: Case) -> None:
    write(tree, case)
    args = ("-a", str(tree), "langs", "--explain", SLUG, *lang_flags(case), "-f", "json")
    data = json.loads(run(*args, env=case.env).stdout)
    assert data["chosen"] == ([case.shown] if case.shown else [])
    used = [step for step in data["steps"] if step["status"] == "used"]
    if case.shown is None:
        assert used == []
    else:
        assert len(used) == 1
        assert used[0]["note"].startswith(f"shows {case.shown}")


@cases(SHOWN)
def test_list(run, tree: Path, case: Case) -> None:
    write(tree, case)
    (line,) = [
        line
        for line in run("-a", str(tree), "list", *lang_flags(case), env=case.env).stdout.split("\n")
        if line.startswith(f"{SLUG}\t")
    ]
    assert line.split("\t")[1] == case.shown


@cases(WITHOUT_FLAGS)  # search --lang filters: it is no preference
def test_search(run, tree: Path, case: Case) -> None:
    write(tree, case)
    data = json.loads(run("-a", str(tree), "search", SLUG, "-f", "json", env=case.env).stdout)
    assert [(hit["slug"], hit["lang"]) for hit in data["hits"]] == [(SLUG, case.shown)]


@cases(SHOWN)
def test_completion_titles(tree: Path, case: Case) -> None:
    write(tree, case)
    typed = "".join(f"--lang {value} " for value in case.flags)
    answer = complete("fish", f"glossary -a {tree} show {typed}{SLUG[:3]}", case.env)
    assert answer.helps == {SLUG: f"Title {case.shown}"}


def test_completion_title_where_show_would_refuse_is_the_readers(tree: Path) -> None:
    (case,) = [case for case in CASES.values() if case.shown is None]
    write(tree, case)
    answer = complete("fish", f"glossary -a {tree} show --lang de {SLUG[:3]}", case.env)
    # what the reader would be shown without the --lang the article lacks
    assert answer.helps == {SLUG: f"Title {choose(case.available, preferences([], case.env)).tag}"}


def test_list_takes_a_lacking_lang_as_a_wish(run, tree: Path) -> None:
    (case,) = [case for case in CASES.values() if case.shown is None]
    write(tree, case)
    result = run("-a", str(tree), "list", *lang_flags(case), env=case.env)
    (line,) = [line for line in result.stdout.splitlines() if line.startswith(f"{SLUG}\t")]
    # --lang overrides the locale, so the article falls back as it would for no one
    assert line.split("\t")[1] == "fi"
    assert "not available in de" in result.stderr


# --- the trace ----------------------------------------------------------------------------------


def test_the_trace_has_every_step_then_the_fallback() -> None:
    prefs = preferences([], {"GLOSSARY_LANG": "de", "LANG": "it_IT.UTF-8"}, ["pl"])
    decision = decide(("fi", "it", "pl", "sv"), prefs)
    assert [t.source for t in decision.trace] == [s.source for s in prefs.steps] + [FALLBACK]
    assert decision.trace[1] == Traced(
        "GLOSSARY_LANG", "de", ("de",), "unavailable", "not in the article: de"
    )
    assert decision.trace[2] == Traced("config", "pl", (), "skipped", "overridden by GLOSSARY_LANG")
    assert decision.trace[-2] == Traced("LANG", "it_IT.UTF-8", ("it-IT",), "used", "shows it")
    assert decision.trace[-1] == Traced(FALLBACK, None, (), "skipped", "not reached")
    assert decision.choices == (Choice("it", "it-IT", "LANG", fell_back=False, notify=False),)
    assert decision.missing is None


def test_the_trace_of_a_missing_lang() -> None:
    decision = decide(("fi", "it"), preferences(["it,de", "ja"], {"LANG": "fi"}))
    assert decision.choices == ()
    assert decision.missing is not None and decision.missing.requested == "de"
    assert [(t.status, t.note) for t in decision.trace if t.source == "--lang"] == [
        ("unavailable", "not in the article: de"),
        ("unavailable", "not in the article: ja"),
    ]
    assert decision.trace[-1].note == "not reached"


def test_one_language_considers_the_first_lang_alone() -> None:
    decision = decide(("fi", "it"), preferences(["it,de", "ja"], {}), several=False)
    assert decision.missing is None
    assert [c.tag for c in decision.choices] == ["it"]
    assert [(t.status, t.note) for t in decision.trace if t.source == "--lang"] == [
        ("used", "shows it"),
        ("skipped", "not reached"),
    ]


def test_the_trace_without_an_article_lists_the_preferences() -> None:
    trace = reader_trace(preferences([], {"GLOSSARY_LANG": "pt-BR", "LANG": "it_IT.UTF-8"}))
    assert [(t.source, t.status, t.note) for t in trace if t.status == "used"] == [
        ("GLOSSARY_LANG", "used", "prefers pt-BR"),
        ("LANG", "used", "prefers it-IT"),
        (
            FALLBACK,
            "used",
            "when an article has none of these: "
            "English if it has it, else its first language by tag",
        ),
    ]


# --- the softer variants ------------------------------------------------------------------------


def test_choose_among_keeps_the_order_given_for_the_fallback() -> None:
    nothing = preferences([], {})
    assert choose_among(["sv", "fi"], nothing).tag == "sv"  # the best-ranked hit, not by tag
    assert choose_among(["sv", "en", "fi"], nothing).tag == "en"


def test_choose_among_takes_every_lang_as_a_wish() -> None:
    got = choose_among(["fi", "it"], preferences(["de", "it"], {}))
    assert got == Choice("it", "it", "--lang", fell_back=False, notify=False)
    got = choose_among(["fi", "it"], preferences(["de"], {"LANG": "it"}))
    assert got == Choice("fi", None, None, fell_back=True, notify=True)


def test_first_shown_is_none_where_show_would_refuse() -> None:
    assert first_shown(["fi", "it"], preferences(["it"], {})) == "it"
    assert first_shown(["fi", "it"], preferences(["de"], {})) is None
    assert first_shown(["it", "fi"], preferences([], {})) == "fi"


def test_in_wanted_language_picks_among_articles() -> None:
    titled = {"a": ["fi"], "b": ["it", "sv"], "c": ["sv"]}
    assert in_wanted_language(titled, preferences([], {"LANGUAGE": "sv:fi", "LANG": "it"})) == [
        "b",
        "c",
    ]
    assert in_wanted_language(titled, preferences(["fi"], {})) == ["a"]
    assert in_wanted_language(titled, preferences([], {})) == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("wanted", "tag", "covered"),
    [
        ("pt", "pt", True),
        ("pt", "pt-BR", True),
        ("pt-BR", "pt", False),
        ("pt-PT", "pt-BR", False),
        ("zh-Hant", "zh-Hant-TW", True),
        ("en", "eo", False),
    ],
)
def test_covers_and_same_language(wanted: str, tag: str, covered: bool) -> None:
    assert covers(wanted, tag) is covered
    assert same_language(wanted, tag) is (covered or covers(tag, wanted))


@pytest.mark.parametrize(("lang", "lacking"), [("pt", ["other"]), ("pt-BR", ["other", "plain"])])
def test_missing_uses_covers(run, tree: Path, lang: str, lacking: list[str]) -> None:
    write_article(tree, "plain", "pt", article("P", "x\n"))
    write_article(tree, "brazil", "pt-BR", article("B", "x\n"))
    write_article(tree, "other", "it", article("O", "x\n"))
    out = run("-a", str(tree), "langs", "--missing", lang).stdout
    slugs = [line.split("\t")[0] for line in out.splitlines()]
    assert [slug for slug in slugs if slug != "inside-sales"] == lacking
