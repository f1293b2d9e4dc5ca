"""peek reads titles and section headings by scanning lines; it must agree with the parser."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary_cli.reading import peek
from glossary_cli.reading.markdown import parse_article

from conftest import BUNDLE, MDN, write_article


def parsed_title_and_sections(path: Path) -> tuple[str, list[tuple[str, str]]]:
    parsed = parse_article(
        path.read_text(encoding="utf-8"), slug=path.parent.name, lang=path.stem, path=str(path)
    )
    return parsed.title, [(s.number, s.heading) for s in parsed.all_sections()]


def peeked(path: Path) -> tuple[str, list[tuple[str, str]]]:
    return peek.title(path, path.parent.name), peek.headings(path)


AGREE = {
    "plain title": "---\ntitle: Vendite interne\n---\n# Other\n## One\n",
    "quoted title": "---\ntitle: 'IIFE: Expresión ''inmediata'''\n---\n## A\n",
    "double-quoted, escapes": '---\ntitle: "RTSP: \\"real\\" \\u00e9t\\x41 \\\\ end"\n---\n',
    "comment after the title": "---\ntitle: Foo # a note\n---\n",
    "key spaced from its colon": "---\ntitle : Spaced\n---\n",
    "folded block": "---\ntitle: >\n  Long\n  title\nkeywords: a\n---\n",
    "literal block": "---\ntitle: |\n  two\n  lines\n---\n",
    "plain over two lines": "---\ntitle: word\n  more words\ndescription: d\n---\n",
    "quoted over two lines": '---\ntitle: "first\n  second"\n---\n',
    "repeated key: the last": "---\ntitle: First\ntitle: Last\n---\n",
    "a boolean is no title": "---\ntitle: yes\n---\n# Heading title\n",
    "null is no title": "---\ntitle: ~\n---\n# Heading title\n",
    "a date is no title": "---\ntitle: 2021-01-02\n---\n# Heading title\n",
    "a list is no title": "---\ntitle: [a, b]\n---\n# Heading title\n",
    "a number is a title": "---\ntitle: 1.5\n---\n",
    "nested title key ignored": "---\nmeta:\n  title: Inner\n---\n# Outer\n",
    "titles: is another key": "---\ntitles: Nope\n---\n# Heading title\n",
    "no frontmatter": "# Titolo\n\n## Uno\n### Uno punto uno\n#### Più giù\n## Due\n",
    "no title at all": "Some text first.\n\n# Not a title\n## S\n",
    "empty heading, then the title": "#\n\n# Real\n## A\n",
    "thematic break before the title": "***\n# Real\n## A\n",
    "unclosed frontmatter": "---\ntitle: x\n\n# Heading\n## A\n",
    "BOM and CRLF": "\ufeff---\r\ntitle: Windows\r\n---\r\n## A\r\n## B\r\n",
    "fenced code": "## A\n```\n## not a heading\n```\n~~~~\n## nor this\n~~~\n~~~~\n## B\n",
    "fence with a longer close": "## A\n````md\n```\n## inside\n`````\n## B\n",
    "### before any ##": "### Early\n## Later\n### Child\n#### Grandchild\n",
    "closing hashes": "## Title ##\n## C# ##\n## Hash#tag\n#not a heading\n",
    "indented headings": "   ## Three spaces\n    ## four: code\n",
    "inline markup": "## **Bold**, *em*, `co*de*`, [link](/x), ![img](/i.png) <br>\n",
    "escapes and lone marks": "## 5 \\* 3 and 5 * 3 and A* search\n## snake_case and \\_x\\_\n",
    "MDN macros": '## {{Glossary("DOM", "the DOM")}} and {{jsxref("Promise")}} {{Note}}\n',
    "control characters": '---\ntitle: "Evil\\e[31m red"\n---\n## Bell\x07 here\n',
    "empty file": "",
}


@pytest.mark.parametrize("text", AGREE.values(), ids=AGREE.keys())
def test_agrees_with_the_parser(tree: Path, text: str) -> None:
    path = write_article(tree, "term", "en", text)
    assert peeked(path) == parsed_title_and_sections(path)


def test_the_bundle_agrees() -> None:
    for path in sorted(BUNDLE.glob("*/*.md")):
        assert peeked(path) == parsed_title_and_sections(path), path


@pytest.mark.skipif(not MDN.is_dir(), reason=f"no MDN corpus at {MDN}")
def test_the_mdn_corpus_agrees() -> None:
    """3,471 real files in 10 languages, Japanese and Chinese among them."""
    disagree = [p for p in sorted(MDN.glob("*/*.md")) if peeked(p) != parsed_title_and_sections(p)]
    assert disagree == []


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    # Control characters and Unicode line separators are left out: YAML reads some as breaks.
    title=st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=90),
    style=st.sampled_from([None, "'", '"']),
    width=st.sampled_from([20, 80, 1000]),
)
def test_any_title_yaml_writes_is_read_as_the_parser_reads_it(
    tree: Path, title: str, style: str | None, width: int
) -> None:
    """Whatever PyYAML makes of a title (quoted, escaped, folded over lines), peek reads it
    the same; except where the parser reads no text title at all, peek may fall back."""
    frontmatter = yaml.safe_dump(
        {"title": title}, allow_unicode=True, default_style=style, width=width
    )
    path = write_article(tree, "term", "en", f"---\n{frontmatter}---\n## A\n")
    expected, _ = parsed_title_and_sections(path)
    assert peek.title(path, "term") == expected


def test_what_cannot_be_read_gives_the_slug_and_no_headings(tmp_path: Path) -> None:
    folder = tmp_path / "term"
    (folder / "en.md").mkdir(parents=True)  # a directory where a file should be
    assert peek.title(folder / "en.md", "term") == "term"
    assert peek.headings(folder / "en.md") == []
    assert peek.title(folder / "missing.md", "term") == "term"
    os.mkfifo(folder / "fi.md")  # with no writer, a read would block for ever
    assert (peek.title(folder / "fi.md", "term"), peek.headings(folder / "fi.md")) == ("term", [])


def test_invalid_utf8_is_read_as_far_as_it_goes(tree: Path) -> None:
    path = write_article(tree, "term", "en", b"---\ntitle: Caf\xe9\n---\n## Men\xfa\n## Two\n")
    assert peek.title(path, "term") == "Caf\ufffd"
    assert [number for number, _ in peek.headings(path)] == ["1", "2"]


def test_a_long_frontmatter_is_read_to_its_end(tree: Path) -> None:
    filler = "".join(f"k{i}: {'x' * 100}\n" for i in range(1000))  # ~100 KiB
    path = write_article(tree, "term", "en", f"---\n{filler}title: Late\n---\n## A\n")
    assert peeked(path) == ("Late", [("1", "A")])
