"""Chinese by its script: zh-TW, zh-HK, zh-MO are Traditional (zh-Hant); zh, zh-CN, zh-SG are
Simplified (zh-Hans), CLDR's likely subtags. A reader of one is never silently given the other,
and `langs --missing`, `--explain` and `show` agree (language/tags.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary_cli.language.choice import covers
from glossary_cli.language.tags import match, script_of

from conftest import article, write_article


@pytest.mark.parametrize(
    ("tag", "script"),
    [
        ("zh-TW", "Hant"),
        ("zh-HK", "Hant"),
        ("zh-MO", "Hant"),
        ("zh-Hant", "Hant"),
        ("zh", "Hans"),
        ("zh-CN", "Hans"),
        ("zh-SG", "Hans"),
        ("zh-Hans-TW", "Hans"),  # a script written out wins
        ("pt-BR", None),
    ],
)
def test_the_script_of_a_tag(tag: str, script: str | None) -> None:
    assert script_of(tag) == script


@pytest.mark.parametrize(
    ("pref", "available", "got"),
    [
        ("zh-CN", ["zh-TW"], None),  # not Traditional for a reader of Simplified
        ("zh", ["zh-TW"], None),
        ("zh-TW", ["zh", "zh-Hant"], "zh-Hant"),  # `zh`, zh-TW's prefix, is Simplified
        ("zh-TW", ["zh-CN", "zh-TW"], "zh-TW"),
        ("zh-HK", ["zh-CN", "zh-TW"], "zh-TW"),  # the same script before the same region
        ("zh-SG", ["zh-CN", "zh-TW"], "zh-CN"),
        ("zh-Hant", ["zh-CN", "zh-TW"], "zh-TW"),
        ("zh", ["zh-TW", "zh-CN"], "zh-CN"),
        ("pt", ["pt-BR"], "pt-BR"),  # other languages as before
    ],
)
def test_matching_keeps_to_the_script(pref: str, available: list[str], got: str | None) -> None:
    assert match(pref, available) == got


@pytest.mark.parametrize(
    ("wanted", "tag", "covered"),
    [
        ("zh-Hant", "zh-TW", True),
        ("zh-Hant", "zh-HK", True),
        ("zh-Hans", "zh-TW", False),
        ("zh-Hans", "zh", True),
        ("zh", "zh-TW", False),
        ("zh", "zh-CN", True),
        ("pt", "pt-BR", True),
        ("pt-PT", "pt-BR", False),
    ],
)
def test_what_missing_counts(wanted: str, tag: str, covered: bool) -> None:
    assert covers(wanted, tag) is covered


@pytest.fixture
def chinese(tree: Path) -> Path:
    write_article(tree, "devsecops", "en", article("DevSecOps", "Security in DevOps.\n"))
    write_article(tree, "devsecops", "zh-TW", article("開發安全維運", "將安全融入開發與維運。\n"))
    write_article(tree, "only-tw", "zh-TW", article("開發安全維運", "繁體。\n"))
    write_article(tree, "both", "zh", article("简体", "简体中文。\n"))
    write_article(tree, "both", "zh-Hant", article("繁體", "繁體中文。\n"))
    return tree


def test_show_lang_zh_cn_on_traditional_only_is_not_available(run, chinese: Path) -> None:
    result = run("--articles", str(chinese), "show", "devsecops", "--lang", "zh-CN")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "glossary: error: devsecops is not available in zh-CN (available: en, zh-TW)\n"
    )


def test_a_simplified_locale_falls_back_with_the_notice(run, chinese: Path) -> None:
    env = {"LANG": "zh_CN.UTF-8"}
    english = run("--articles", str(chinese), "show", "devsecops", env=env)
    assert english.stdout.startswith("DevSecOps\n")
    assert "not available in zh-CN; showing en" in english.stderr
    traditional = run("--articles", str(chinese), "show", "only-tw", env=env)
    assert traditional.stdout.startswith("開發安全維運\n")  # the only text there is, with a word
    assert "not available in zh-CN; showing zh-TW" in traditional.stderr


def test_a_traditional_locale_prefers_traditional(run, chinese: Path) -> None:
    result = run("--articles", str(chinese), "show", "both", env={"LANG": "zh_TW.UTF-8"})
    assert result.stdout.startswith("繁體\n")
    assert result.stderr == ""


def test_missing_and_explain_agree_with_show(run, chinese: Path) -> None:
    def missing(lang: str) -> set[str]:
        out = run("--articles", str(chinese), "langs", "--missing", lang).stdout
        return {line.split("\t")[0] for line in out.splitlines()} - {"inside-sales"}

    assert missing("zh-Hant") == set()
    assert missing("zh-Hans") == {"devsecops", "only-tw"}
    assert missing("zh-CN") == {"devsecops", "only-tw", "both"}
    assert missing("zh") == {"devsecops", "only-tw"}
    explained = run(
        "--articles", str(chinese), "langs", "devsecops", "--explain", env={"LANG": "zh_CN.UTF-8"}
    ).stdout
    assert "LANG\tzh_CN.UTF-8\tunavailable\tnot in the article: zh-CN" in explained
    assert "fallback\t\tused\tshows en" in explained
