"""Tests for glossary_cli.language: tags, the preference chain, and the choice of language."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossary_cli.language.choice import Choice, LanguageNotAvailable, choose, choose_all
from glossary_cli.language.preferences import Preferences, Step, preferences
from glossary_cli.language.tags import (
    InvalidLanguageTag,
    fallbacks,
    match,
    normalize_tag,
    primary_language,
)

ARTICLE = ("fi", "it", "pl", "sv")


def prefs(*explicit: str, **env: str) -> Preferences:
    return preferences(explicit, env)


def step(p: Preferences, source: str) -> Step:
    (found,) = [s for s in p.steps if s.source == source]
    return found


# --- normalize_tag ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("it", "it"),
        ("IT", "it"),
        ("it_IT", "it-IT"),
        ("it-it", "it-IT"),
        ("pt_br", "pt-BR"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("ZH_HANT", "zh-Hant"),
        ("zh_TW", "zh-TW"),
        ("sv_FI.UTF-8@euro", "sv-FI"),
        ("es-419", "es-419"),
        ("en_US.utf8", "en-US"),
        ("de_DE@euro", "de-DE"),
        ("fil", "fil"),
        ("  fi \n", "fi"),
        ("sl-rozaj", "sl-rozaj"),
        ("de-DE-1996", "de-DE-1996"),
        ("sl-IT-ROZAJ-BISKE", "sl-IT-rozaj-biske"),
        ("ca-ES-VALENCIA", "ca-ES-valencia"),
    ],
)
def test_normalize_tag(raw: str, expected: str) -> None:
    assert normalize_tag(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "C",
        "POSIX",
        "C.UTF-8",
        "x1!",
        "../etc",
        "-it",
        "it-",
        "it--IT",
        "it__IT",
        "i",
        "english",
        "it-IT-",
        "it.",
        "it@",
        "it\x00",
        "i\x1ft",
        "it\x1f",
        "it IT",
        "it-ITA",  # neither a 2-letter region nor a 3-digit one
        "zh-yue",  # extended language subtags are not supported
        "en-x-private",
        "de-1996-1996",  # a repeated variant
        "é",
        "it\u00a0",  # only ASCII whitespace is stripped
        "en-US-" + "abcde-" * 20 + "abcde",
    ],
)
def test_normalize_tag_rejects(raw: str) -> None:
    with pytest.raises(InvalidLanguageTag):
        normalize_tag(raw)


def test_invalid_tag_message_names_the_text() -> None:
    with pytest.raises(InvalidLanguageTag) as caught:
        normalize_tag("x1!")
    assert str(caught.value) == "'x1!' is not a language tag"
    assert caught.value.text == "x1!"
    assert isinstance(caught.value, ValueError)


def test_invalid_tag_message_is_bounded() -> None:
    with pytest.raises(InvalidLanguageTag) as caught:
        normalize_tag("a" * 10_000)
    assert len(str(caught.value)) < 120


_TAGS = st.builds(
    lambda lang, script, region, variants, sep: sep.join(
        [lang, *([script] if script else []), *([region] if region else []), *variants]
    ),
    st.from_regex(r"[A-Za-z]{2,3}", fullmatch=True),
    st.none() | st.from_regex(r"[A-Za-z]{4}", fullmatch=True),
    st.none() | st.from_regex(r"[A-Za-z]{2}|[0-9]{3}", fullmatch=True),
    st.lists(st.from_regex(r"[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}", fullmatch=True), max_size=2),
    st.sampled_from(["-", "_"]),
)


@given(st.text() | _TAGS)
def test_normalize_tag_only_raises_invalid_and_is_idempotent(raw: str) -> None:
    try:
        tag = normalize_tag(raw)
    except InvalidLanguageTag:
        return
    assert normalize_tag(tag) == tag
    assert tag == tag.strip()
    assert "_" not in tag


@given(_TAGS)
def test_normalize_tag_accepts_well_formed_tags(raw: str) -> None:
    try:
        tag = normalize_tag(raw)
    except InvalidLanguageTag:
        # Only a repeated variant may be refused among these.
        variants = raw.replace("_", "-").lower().split("-")
        assert len(variants) != len(set(variants))
        return
    assert tag.lower() == raw.replace("_", "-").lower()
    assert tag.split("-")[0] == tag.split("-")[0].lower()


# --- primary_language and fallbacks -------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("pt-BR", "pt"), ("zh-Hant-TW", "zh"), ("IT", "it"), ("sv_FI.UTF-8", "sv")],
)
def test_primary_language(tag: str, expected: str) -> None:
    assert primary_language(tag) == expected


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("zh-Hant-TW", ["zh-Hant-TW", "zh-Hant", "zh"]),
        ("sv-FI", ["sv-FI", "sv"]),
        ("it", ["it"]),
        ("de_de", ["de-DE", "de"]),
        ("de-DE-1996", ["de-DE-1996", "de-DE", "de"]),
    ],
)
def test_fallbacks(tag: str, expected: list[str]) -> None:
    assert fallbacks(tag) == expected


def test_fallbacks_rejects_invalid() -> None:
    with pytest.raises(InvalidLanguageTag):
        fallbacks("x1!")


# --- preferences: the chain as a function of the environment ------------------------------------


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        pytest.param({}, (), id="nothing-set"),
        pytest.param({"LANG": "it_IT.UTF-8"}, (("it-IT", "LANG"),), id="LANG"),
        pytest.param({"LANG": "sv_FI.UTF-8@euro"}, (("sv-FI", "LANG"),), id="LANG-modifier"),
        pytest.param(
            {"LANG": "it_IT.UTF-8", "LC_MESSAGES": "fi_FI.UTF-8"},
            (("fi-FI", "LC_MESSAGES"),),
            id="LC_MESSAGES-beats-LANG",
        ),
        pytest.param(
            {"LANG": "it_IT", "LC_MESSAGES": "fi_FI", "LC_ALL": "pl_PL"},
            (("pl-PL", "LC_ALL"),),
            id="LC_ALL-beats-LC_MESSAGES-and-LANG",
        ),
        pytest.param(
            {"LANG": "it_IT", "LC_MESSAGES": "", "LC_ALL": ""},
            (("it-IT", "LANG"),),
            id="empty-locale-variables-skipped",
        ),
        pytest.param(
            {"LANG": "it_IT", "LC_ALL": "C"},
            (),
            id="LC_ALL-C-hides-LANG",
        ),
        pytest.param(
            {"LANG": "it_IT", "LC_ALL": "x1!"},
            (),
            id="unparseable-locale-still-wins",
        ),
        pytest.param(
            {"LANG": "it_IT.UTF-8", "LANGUAGE": "fi:sv"},
            (("fi", "LANGUAGE"), ("sv", "LANGUAGE"), ("it-IT", "LANG")),
            id="LANGUAGE-before-locale",
        ),
        pytest.param(
            {"LANG": "fi_FI.UTF-8", "LANGUAGE": "::fi_FI::sv:"},
            (("fi-FI", "LANGUAGE"), ("sv", "LANGUAGE")),
            id="LANGUAGE-empty-entries-and-duplicate-of-locale",
        ),
        pytest.param(
            {"LANG": "fi_FI", "LANGUAGE": "x1!:sv:../etc"},
            (("sv", "LANGUAGE"), ("fi-FI", "LANG")),
            id="LANGUAGE-invalid-entries-skipped",
        ),
        pytest.param({"LANG": "C", "LANGUAGE": "fi:sv"}, (), id="LANGUAGE-ignored-under-C"),
        pytest.param(
            {"LANG": "C.UTF-8", "LANGUAGE": "fi"}, (), id="LANGUAGE-ignored-under-C.UTF-8"
        ),
        pytest.param({"LANG": "C.utf8", "LANGUAGE": "fi"}, (), id="LANGUAGE-ignored-under-C.utf8"),
        pytest.param({"LANG": "POSIX", "LANGUAGE": "fi"}, (), id="LANGUAGE-ignored-under-POSIX"),
        pytest.param(
            {"LANG": "it_IT", "LC_ALL": "C.UTF-8", "LANGUAGE": "fi"},
            (),
            id="LANGUAGE-ignored-under-LC_ALL-C",
        ),
        pytest.param({"LANGUAGE": "fi:sv"}, (), id="LANGUAGE-ignored-without-locale"),
        pytest.param({"LANGUAGE": "fi", "LANG": ""}, (), id="LANGUAGE-ignored-with-empty-locale"),
        pytest.param(
            {"LANG": "C", "LANGUAGE": "fi", "GLOSSARY_LANG": "pl"},
            (("pl", "GLOSSARY_LANG"),),
            id="GLOSSARY_LANG-honoured-under-C",
        ),
        pytest.param(
            {"GLOSSARY_LANG": "pl,sv:it_IT"},
            (("pl", "GLOSSARY_LANG"), ("sv", "GLOSSARY_LANG"), ("it-IT", "GLOSSARY_LANG")),
            id="GLOSSARY_LANG-list-with-both-separators",
        ),
        pytest.param(
            {"GLOSSARY_LANG": "sv", "LANGUAGE": "fi", "LANG": "it_IT.UTF-8"},
            (("sv", "GLOSSARY_LANG"), ("fi", "LANGUAGE"), ("it-IT", "LANG")),
            id="GLOSSARY_LANG-then-LANGUAGE-then-locale",
        ),
        pytest.param(
            {"GLOSSARY_LANG": "it", "LANGUAGE": "IT:fi", "LANG": "it"},
            (("it", "GLOSSARY_LANG"), ("fi", "LANGUAGE")),
            id="duplicates-keep-first",
        ),
        pytest.param(
            {"GLOSSARY_LANG": "x1!, pl", "LANG": "sv_SE"},
            (("pl", "GLOSSARY_LANG"), ("sv-SE", "LANG")),
            id="GLOSSARY_LANG-invalid-entry-skipped",
        ),
        pytest.param(
            {"GLOSSARY_LANG": "", "LANG": "sv_SE"},
            (("sv-SE", "LANG"),),
            id="GLOSSARY_LANG-empty",
        ),
    ],
)
def test_preferred_from_environment(
    env: dict[str, str], expected: tuple[tuple[str, str], ...]
) -> None:
    p = preferences([], env)
    assert p.explicit == ()
    assert p.preferred == expected


def test_steps_are_in_order_and_cover_every_source() -> None:
    p = prefs(LANG="it_IT.UTF-8")
    assert [s.source for s in p.steps] == [
        "--lang",
        "GLOSSARY_LANG",
        "LANGUAGE",
        "LC_ALL",
        "LC_MESSAGES",
        "LANG",
    ]
    assert step(p, "--lang") == Step("--lang", None, (), "not given")
    assert step(p, "GLOSSARY_LANG") == Step("GLOSSARY_LANG", None, (), "unset")
    assert step(p, "LANG") == Step("LANG", "it_IT.UTF-8", ("it-IT",), "")


@pytest.mark.parametrize(
    ("env", "source", "value", "tags", "note"),
    [
        ({"LANG": ""}, "LANG", "", (), "empty"),
        ({"LANG": "   "}, "LANG", "   ", (), "empty"),
        ({"LC_ALL": "pl_PL", "LANG": "it_IT"}, "LANG", "it_IT", (), "ignored: LC_ALL is set"),
        (
            {"LC_MESSAGES": "pl_PL", "LANG": "it_IT"},
            "LANG",
            "it_IT",
            (),
            "ignored: LC_MESSAGES is set",
        ),
        ({"LC_ALL": "pl_PL", "LANG": ""}, "LANG", "", (), "empty"),
        ({"LC_ALL": "pl_PL"}, "LC_MESSAGES", None, (), "unset"),
        ({"LANG": "C.UTF-8"}, "LANG", "C.UTF-8", (), "ignored: the locale is C"),
        ({"LANG": "POSIX"}, "LANG", "POSIX", (), "ignored: the locale is POSIX"),
        ({"LANG": "x1!"}, "LANG", "x1!", (), "not a language tag: 'x1!'"),
        ({"LANG": "C", "LANGUAGE": "fi"}, "LANGUAGE", "fi", (), "ignored: the locale is C"),
        ({"LANGUAGE": "fi"}, "LANGUAGE", "fi", (), "ignored: no locale is set"),
        ({"LANG": "it", "LANGUAGE": ""}, "LANGUAGE", "", (), "empty"),
        ({"LANG": "it", "LANGUAGE": ":::"}, "LANGUAGE", ":::", (), "empty"),
        (
            {"LANG": "it", "LANGUAGE": "x1!:fi"},
            "LANGUAGE",
            "x1!:fi",
            ("fi",),
            "not a language tag: 'x1!'",
        ),
        (
            {"GLOSSARY_LANG": "x1!,../etc"},
            "GLOSSARY_LANG",
            "x1!,../etc",
            (),
            "not a language tag: 'x1!', '../etc'",
        ),
        ({"GLOSSARY_LANG": "sv:sv_SE"}, "GLOSSARY_LANG", "sv:sv_SE", ("sv", "sv-SE"), ""),
    ],
)
def test_step_notes(
    env: dict[str, str], source: str, value: str | None, tags: tuple[str, ...], note: str
) -> None:
    assert step(preferences([], env), source) == Step(source, value, tags, note)


ENV = {"GLOSSARY_LANG": "pl", "LANGUAGE": "fi", "LC_ALL": "", "LANG": "it_IT.UTF-8"}


def test_explicit_overrides_environment() -> None:
    p = preferences(["sv"], ENV)
    assert p.explicit == ("sv",)
    assert p.preferred == ()
    assert p.steps == (
        Step("--lang", "sv", ("sv",), ""),
        Step("GLOSSARY_LANG", "pl", (), "overridden by --lang"),
        Step("LANGUAGE", "fi", (), "overridden by --lang"),
        Step("LC_ALL", "", (), "empty"),
        Step("LC_MESSAGES", None, (), "unset"),
        Step("LANG", "it_IT.UTF-8", (), "overridden by --lang"),
    )


@pytest.mark.parametrize(
    ("explicit", "expected"),
    [
        (["it"], ("it",)),
        (["IT_it"], ("it-IT",)),
        (["it,fi"], ("it", "fi")),
        (["it, fi", "sv"], ("it", "fi", "sv")),
        (["it,"], ("it",)),
        (["it", "it"], ("it", "it")),
    ],
)
def test_explicit_values(explicit: list[str], expected: tuple[str, ...]) -> None:
    assert preferences(explicit, {}).explicit == expected


def test_explicit_steps_one_per_flag() -> None:
    p = preferences(["it,fi", "sv_SE"], {})
    assert p.steps[:2] == (
        Step("--lang", "it,fi", ("it", "fi"), ""),
        Step("--lang", "sv_SE", ("sv-SE",), ""),
    )


@pytest.mark.parametrize("explicit", [["x1!"], ["it", "../etc"], ["it,x1!"], [""], [","], ["C"]])
def test_invalid_explicit_raises(explicit: list[str]) -> None:
    with pytest.raises(InvalidLanguageTag):
        preferences(explicit, ENV)


def test_preferences_do_not_touch_the_real_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "fi_FI.UTF-8")
    monkeypatch.setenv("GLOSSARY_LANG", "sv")
    assert preferences([], {}).preferred == ()


# --- match --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pref", "available", "expected"),
    [
        ("it", ARTICLE, "it"),
        ("IT", ARTICLE, "it"),
        ("it-IT", ARTICLE, "it"),
        ("sv-FI", ARTICLE, "sv"),
        ("en-US", ARTICLE, None),
        ("de", ARTICLE, None),
        ("pt", ["pt-BR", "it"], "pt-BR"),
        ("pt-PT", ["pt-BR", "it"], "pt-BR"),
        ("pt-PT", ["pt-BR", "pt-PT"], "pt-PT"),
        ("pt-pt", ["PT-br", "pt_pt"], "pt_pt"),  # returned exactly as given
        ("pt-BR", ["pt", "pt-BR"], "pt-BR"),
        ("pt-BR", ["pt", "pt-PT"], "pt"),  # the plain language beats a sibling region
        ("pt", ["pt-PT", "pt-BR"], "pt-BR"),  # first in sorted order
        ("zh-Hant-TW", ["zh-Hans", "zh-Hant"], "zh-Hant"),
        ("zh-Hant", ["zh-Hans-CN", "zh-Hant-TW"], "zh-Hant-TW"),
        ("zh-Hant-HK", ["zh-Hans-HK", "zh-Hant-TW"], "zh-Hant-TW"),  # script before region
        ("zh-TW", ["zh-Hans", "zh-Hant"], "zh-Hant"),  # Taiwan implies Traditional
        ("zh-Hant", ["zh-CN", "zh-TW"], "zh-TW"),
        ("es-MX", ["es-419", "es-ES"], "es-419"),
        ("es-ES", ["es-419", "es-ES"], "es-ES"),
        ("sv", ["bogus!", "sv"], "sv"),
        ("it", ["it!", "fi"], None),
        ("it", [], None),
    ],
)
def test_match(pref: str, available: list[str], expected: str | None) -> None:
    assert match(pref, available) == expected


def test_match_ignores_malformed_available_entries() -> None:
    # A look-alike such as the long s (\u017f) folds to plain "s" but is not the tag "sv".
    assert match("sv", ["\u017fv", "fi"]) is None
    assert match("sv", ["sv!", "sv_SE.UTF-8"]) == "sv_SE.UTF-8"


# --- choose -------------------------------------------------------------------------------------


def test_choose_explicit() -> None:
    p = preferences(["sv-FI"], {"LANG": "it_IT"})
    assert choose(ARTICLE, p) == Choice(
        tag="sv", requested="sv-FI", source="--lang", fell_back=False, notify=False
    )


def test_choose_explicit_uses_only_the_first() -> None:
    assert choose(ARTICLE, preferences(["fi", "it"], {})).tag == "fi"


def test_choose_explicit_missing_raises() -> None:
    with pytest.raises(LanguageNotAvailable) as caught:
        choose(["sv", "it", "pl", "fi"], preferences(["de"], {"LANG": "it_IT"}))
    assert caught.value.requested == "de"
    assert caught.value.available == ("fi", "it", "pl", "sv")
    assert str(caught.value) == "not available in 'de' (available: fi, it, pl, sv)"
    assert isinstance(caught.value, LookupError)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        pytest.param(
            {"LANG": "it_IT.UTF-8"},
            Choice("it", "it-IT", "LANG", fell_back=False, notify=False),
            id="locale",
        ),
        pytest.param(
            {"LANG": "de_DE.UTF-8", "LANGUAGE": "de:fi"},
            Choice("fi", "fi", "LANGUAGE", fell_back=False, notify=False),
            id="second-LANGUAGE-entry",
        ),
        pytest.param(
            {"GLOSSARY_LANG": "pl", "LANG": "it_IT"},
            Choice("pl", "pl", "GLOSSARY_LANG", fell_back=False, notify=False),
            id="GLOSSARY_LANG-first",
        ),
        pytest.param(
            {"GLOSSARY_LANG": "de", "LANG": "sv_FI.UTF-8@euro"},
            Choice("sv", "sv-FI", "LANG", fell_back=False, notify=False),
            id="falls-through-to-locale",
        ),
        pytest.param(
            {"LANG": "de_DE.UTF-8"},
            Choice("fi", None, None, fell_back=True, notify=True),
            id="unmet-asks-notify",
        ),
        pytest.param({}, Choice("fi", None, None, fell_back=True, notify=False), id="unset-silent"),
        pytest.param(
            {"LANG": "C.UTF-8", "LANGUAGE": "it"},
            Choice("fi", None, None, fell_back=True, notify=False),
            id="C-silent",
        ),
        pytest.param(
            {"LANG": "x1!"},
            Choice("fi", None, None, fell_back=True, notify=False),
            id="unparseable-locale-silent",
        ),
    ],
)
def test_choose_from_environment(env: dict[str, str], expected: Choice) -> None:
    assert choose(["sv", "pl", "it", "fi"], preferences([], env)) == expected


@pytest.mark.parametrize(
    ("available", "expected"),
    [
        (["fi", "en", "de"], "en"),
        (["fi", "en-US", "de"], "en-US"),
        (["ar", "en-US", "en-GB"], "en-GB"),
        (["ar", "EN", "en-GB"], "EN"),
        (["sv", "Pl", "it"], "it"),
        (["sv", "Pl", "de"], "de"),
        (["sv", "Pl"], "Pl"),
    ],
)
def test_choose_fallback_order(available: list[str], expected: str) -> None:
    got = choose(available, preferences([], {"LANG": "ja_JP.UTF-8"}))
    assert got == Choice(expected, None, None, fell_back=True, notify=True)


def test_choose_silent_fallback_still_prefers_english() -> None:
    got = choose(["de", "fi", "en"], preferences([], {"LANG": "C.UTF-8"}))
    assert got == Choice("en", None, None, fell_back=True, notify=False)


def test_choose_english_preference_is_a_match_not_a_fallback() -> None:
    got = choose(["fi", "en"], preferences([], {"LANG": "en_US.UTF-8"}))
    assert got == Choice("en", "en-US", "LANG", fell_back=False, notify=False)


def test_choose_needs_languages() -> None:
    with pytest.raises(ValueError):
        choose([], preferences([], {"LANG": "it"}))
    with pytest.raises(ValueError):
        choose_all([], preferences(["it"], {}))


# --- choose_all ---------------------------------------------------------------------------------


def test_choose_all_in_order() -> None:
    got = choose_all(ARTICLE, preferences(["it,fi", "sv-FI"], {"LANG": "pl_PL"}))
    assert got == [
        Choice("it", "it", "--lang", fell_back=False, notify=False),
        Choice("fi", "fi", "--lang", fell_back=False, notify=False),
        Choice("sv", "sv-FI", "--lang", fell_back=False, notify=False),
    ]


def test_choose_all_removes_duplicates() -> None:
    got = choose_all(["pt-BR", "it"], preferences(["pt", "it", "pt-PT", "IT"], {}))
    assert [c.tag for c in got] == ["pt-BR", "it"]
    assert [c.requested for c in got] == ["pt", "it"]


def test_choose_all_raises_for_first_missing() -> None:
    with pytest.raises(LanguageNotAvailable) as caught:
        choose_all(ARTICLE, preferences(["it", "de", "ja"], {}))
    assert caught.value.requested == "de"
    assert caught.value.available == ARTICLE


def test_choose_all_without_explicit_is_choose() -> None:
    p = preferences([], {"LANG": "de_DE"})
    assert choose_all(ARTICLE, p) == [choose(ARTICLE, p)]
    assert choose_all(ARTICLE, p) == [Choice("fi", None, None, fell_back=True, notify=True)]
