"""A source line break between two Chinese or Japanese characters is no space, by CSS Text's
segment break rule (text/segments.py), in every view and in the index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary_cli.reading.frontmatter_lines import yaml_title
from glossary_cli.reading.lines import outline
from glossary_cli.reading.yaml_loader import HANDLER
from glossary_cli.text.segments import join_breaks, join_lines, segment_break

from conftest import write_article

JOINED = "します。良い例は"


@pytest.mark.parametrize(
    ("before", "after", "becomes"),
    [
        ("します。", "良い例は", ""),  # Japanese: kana and ideographic punctuation
        ("中文", "句子", ""),  # Chinese
        ("ｶﾀｶﾅ", "ｶﾀｶﾅ", ""),  # half-width katakana (East Asian Width H)
        ("文字", "\u2026", ""),  # a symbol of width A beside a wide character
        ("word", "word", " "),
        ("Promise は", "Promise", " "),  # a wide character and a Latin one: a space
        ("関数", "Promise", " "),
        ("한국어", "문장", " "),  # Hangul is written with spaces
        ("हिन्दी", "वाक्य", " "),
        ("", "良い", " "),
        ("良い", "", " "),
    ],
)
def test_the_rule(before: str, after: str, becomes: str) -> None:
    assert segment_break(before, after) == becomes
    assert join_lines([before, after]) == (before + becomes + after).strip()


def test_breaks_in_a_text_with_the_white_space_around_them() -> None:
    assert join_breaks("します。 \n  良い例は\nfoo\n bar") == "します。良い例は foo bar"


BODY = (
    "これは例です。\nします。\n良い例は[関数](/kansu)です。\n"
    "Latin\nwords and\n**太字**\nの後。\n\n## 節\n\nします。\n良い例は\n\n- します。\n  良い例は\n"
)
FRONTMATTER = "---\ntitle: 例\ndescription: >\n  します。\n  良い例は\n---\n\n"


@pytest.fixture
def japanese(tree: Path) -> Path:
    write_article(tree, "rei", "ja", FRONTMATTER + BODY)
    return tree


@pytest.mark.parametrize("fmt", ["plain", "rich", "json"])
def test_show_joins_them_in_every_format(run, japanese: Path, fmt: str) -> None:
    result = run("--articles", str(japanese), "show", "rei", "--lang", "ja", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    out = result.stdout if fmt != "json" else json.dumps(json.loads(result.stdout), ensure_ascii=0)
    assert "します。 " not in out and "例は 関数" not in out and "太字 の" not in out
    assert out.count(JOINED) == 4  # description, introduction, section, list item
    assert "これは例です。します。" in out
    assert "Latin words and" in out  # Latin text keeps its spaces


def test_markdown_of_a_section_and_of_the_source(run, japanese: Path) -> None:
    args = ("--articles", str(japanese), "show", "rei", "--lang", "ja", "-f", "markdown")
    assert f"\n{JOINED}\n" in run(*args, "--section", "1").stdout
    assert "します。\n良い例は" in run(*args).stdout  # the source, as written


def test_list_descriptions_and_search_snippets(run, tree: Path) -> None:
    write_article(tree, "rei", "ja", "---\ntitle: 例\n---\n\n" + BODY)  # no description
    write_article(
        tree, "setsumei", "ja", FRONTMATTER.replace("title: 例", "title: 説明") + "本文。\n"
    )
    listed = json.loads(run("--articles", str(tree), "list", "--lang", "ja", "-f", "json").stdout)
    descriptions = {
        one["slug"]: one["description"] for one in listed["articles"] if one["lang"] == "ja"
    }
    assert descriptions == {
        "rei": "これは例です。" + JOINED + "関数です。 Latin words and 太字の後。",
        "setsumei": JOINED,
    }
    assert f"\t{JOINED}\t" in run("--articles", str(tree), "list", "--lang", "ja").stdout
    found = run("--articles", str(tree), "search", "良い例は", "--lang", "ja", "-f", "json")
    snippets = [hit["snippet"] for hit in json.loads(found.stdout)["hits"]]
    assert snippets and all(JOINED in snippet for snippet in snippets), snippets


@pytest.mark.parametrize(
    "markdown",
    [
        "します。\n良い例は",
        "します。\n[関数](/x)を",
        "**します。**\nです",
        "します\n**x**",
        "`code\nspan`と\n本文",
        '{{Glossary("function", "関数")}}\nを返す',
    ],
)
def test_the_line_reader_joins_as_the_parser_does(markdown: str) -> None:
    from glossary_cli.reading.markdown import parse_article

    parsed = parse_article(markdown, slug="s", lang="ja", path="p")
    [(_, _, text)] = outline(markdown.split("\n")).blocks
    assert text == "".join(span.text for span in parsed.intro[0].spans)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "yaml_text",
    [
        "title: します。\n  良い例は\n  Latin\n  words",
        "title: >\n  します。\n  良い例は\n",
        "title: >-\n  します。\n\n  良い例は\n",
        'title: "します。\n  良い例は"',
        "title: 'します。\n  良い例は'",
        "title: |\n  します。\n  良い例は\n",
        "title: 日 日\n  日",
    ],
)
def test_frontmatter_folded_lines_and_completions_title_agree(yaml_text: str) -> None:
    value = HANDLER.load_with_lines(yaml_text).values["title"]
    assert isinstance(value, str)
    assert " ".join(value.split()) == yaml_title(yaml_text.split("\n"))
    assert "します。 " not in value and "日 日 日" not in value
