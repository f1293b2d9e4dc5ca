"""The language chain as a reader meets it: flags, GLOSSARY_LANG, the locale, the fallback."""

from __future__ import annotations

import pytest

TITLE = {
    "pl": "Sprzedaż wewnętrzna",
    "sv": "Inneförsäljning",
    "it": "Vendite interne",
    "fi": "Sisäiset myynnit",
}


def first_line(run, *args: str, env: dict[str, str] | None = None) -> str:
    return run("show", "inside-sales", *args, env=env).stdout.splitlines()[0]


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({"LANG": "it_IT.UTF-8"}, "it"),
        ({"LANG": "sv_FI.UTF-8@euro"}, "sv"),
        ({"LC_ALL": "pl_PL.UTF-8", "LANG": "it_IT.UTF-8"}, "pl"),
        ({"LC_MESSAGES": "fi_FI.UTF-8", "LANG": "it_IT.UTF-8"}, "fi"),
        ({"LANGUAGE": "sv:it", "LANG": "fi_FI.UTF-8"}, "sv"),
        ({"LANGUAGE": "de:it", "LANG": "fi_FI.UTF-8"}, "it"),
        ({"GLOSSARY_LANG": "pl", "LANG": "it_IT.UTF-8", "LANGUAGE": "sv"}, "pl"),
        ({"LANG": "C.UTF-8", "LANGUAGE": "sv"}, "fi"),  # LANGUAGE is ignored under C
        ({"LANGUAGE": "sv"}, "fi"),  # ... and when no locale is set
    ],
)
def test_environment_chooses(run, env: dict[str, str], lang: str) -> None:
    assert first_line(run, env=env) == TITLE[lang]


def test_flag_beats_environment(run) -> None:
    env = {"GLOSSARY_LANG": "pl", "LANG": "it_IT.UTF-8"}
    assert first_line(run, "--lang", "sv", env=env) == TITLE["sv"]


@pytest.mark.parametrize("spelling", ["it", "IT", "it_IT", "it-it", "it-IT", "it_IT.UTF-8"])
def test_flag_spellings(run, spelling: str) -> None:
    assert first_line(run, "--lang", spelling) == TITLE["it"]


def test_missing_locale_language_falls_back_with_one_line(run) -> None:
    result = run("show", "inside-sales", env={"LANG": "en_US.UTF-8"})
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == TITLE["fi"]  # no English: the first tag
    assert result.stderr == (
        "glossary: inside-sales is not available in en-US; showing fi (available: fi, it, pl, sv)\n"
    )


def test_fallback_prefers_english(run, tree) -> None:
    from conftest import article, write_article

    write_article(tree, "t", "en", article("English", "x\n"))
    write_article(tree, "t", "de", article("Deutsch", "x\n"))
    result = run("-a", str(tree), "show", "t", env={"LANG": "fr_FR.UTF-8"})
    assert result.stdout.splitlines()[0] == "English"


@pytest.mark.parametrize("env", [{}, {"LANG": "C"}, {"LC_ALL": "POSIX"}, {"LANG": "C.UTF-8"}])
def test_no_preference_is_silent(run, env: dict[str, str]) -> None:
    result = run("show", "inside-sales", env=env)
    assert result.stdout.splitlines()[0] == TITLE["fi"]
    assert result.stderr == ""


def test_explicit_language_the_article_lacks(run) -> None:
    result = run("show", "inside-sales", "--lang", "de")
    assert result.exit_code == 1
    assert result.stderr == (
        "glossary: error: inside-sales is not available in de (available: fi, it, pl, sv)\n"
    )
    assert result.stdout == ""


@pytest.mark.parametrize("bad", ["x!", "../it", "it--IT", "", "\x1b[31m"])
def test_malformed_language_is_a_usage_error(run, bad: str) -> None:
    result = run("show", "inside-sales", "--lang", bad)
    assert result.exit_code == 2
    assert "not a language tag" in result.stderr or "--lang" in result.stderr
    assert "\x1b[31m" not in result.stderr
