"""The cheap line reader (reading/lines.py) agrees with the parser, and reads hostile input in
linear time: through itself, the search index's extract, and completion's peek."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_completion import SHELLS, complete

from glossary_cli.reading import lines, peek
from glossary_cli.reading.head import read_head
from glossary_cli.reading.lines import normalize_newlines
from glossary_cli.reading.markdown import parse_article
from glossary_cli.search.extract import body_blocks, extract
from glossary_cli.text.sanitize import clean_text

from conftest import MDN, write_article
from hostile import LINE_SHAPES, LONG_HEADING, MACRO_HEADING, SHAPES, grows_linearly


def parsed(text: str, path: str = "x") -> tuple[str, list[str]]:
    article = parse_article(text, slug="slug", lang="en", path=path)
    return article.title, [section.heading for section in article.all_sections()]


# Inline Markdown in a heading, shown as the parser shows it.
INLINE = {
    "plain": "Plain words",
    "code span in a link": "[`Promise`](/en-US/docs/Promise) objects",
    "badge: an image in a link": "[![build](/badge.svg)](/ci) status",
    "link with a title": '[text](/x "a title") after',
    "link target with parentheses": "[Foo](https://en.wikipedia.org/wiki/Foo_(bar)) end",
    "autolink keeps its address": "see <https://example.org/a_b_c> now",
    "entities": "Fish &amp; chips &lt;b&gt; &#233;t&#xE9; &copy;",
    "entity in code stays": "`&amp;` and &amp;",
    "escaped markup": "\\*not em\\* and \\[not a link\\](x) and \\&amp;",
    "emphasis": "**strong** and *em* and _under_ and __both__",
    "lone marks": "5 * 3 and snake_case and A* search",
    "code spans": "`a` and `` b ` c `` and ` spaced `",
    "unclosed backticks": "``` not closed and ` also",
    "tags": "a<br>b <span class='x'>c</span> <img src=x>",
    "inline comment": "before <!-- a note --> after",
    "macros": '{{Glossary("DOM", "the DOM")}} {{jsxref("Promise")}} {{Note}} {{ Spaced ( "a" ) }}',
    "reference-style link": "[text][ref] here",
    "control characters": "Bell\x07 and \x1b[31mred",
}


@pytest.mark.parametrize("markdown", INLINE.values(), ids=INLINE.keys())
def test_inline_text_is_what_the_parser_shows(markdown: str) -> None:
    text = f"---\ntitle: T\n---\n## {markdown}\n\n[ref]: /somewhere\n"
    assert [lines.inline_text(markdown)] == parsed(text)[1]


# Whole bodies: where the title and the sections are, as the parser reads them.
BODIES = {
    "setext title and section": "Title\n=====\n\nText.\n\nSection\n-------\n",
    "comment before the title": "<!-- a note -->\n# Title\n## A\n",
    "multi-line comment hides a heading": "<!--\n## Hidden\n-->\n## Shown\n",
    "html block hides a heading": "<div>\n## Inside\n</div>\n\n## Outside\n",
    "image-only paragraph before the title": "<img src='x'>\n\n# Title\n## A\n",
    "code before the title": "```\ncode\n```\n# Not the title\n",
    "empty list item before the title": "-\n\n# Title\n## A\n",
    "heading in a list is no section": "- ## In a list\n\n## Section\n",
    "empty heading is a section": "## \n## B\n",
    "closing hashes": "## Title ##\n## C# ##\n## #\n### x \\#\n",
    "text after a comment shows": "<!-- x --> text\n# Not the title\n",
}


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_outline_is_what_the_parser_reads(body: str) -> None:
    read = lines.outline(body.split("\n"), prose=False)
    assert (read.title or "slug", [text for _, _, text in read.blocks]) == parsed(body)


def test_the_title_alone_stops_at_the_first_content() -> None:
    read = lines.outline(["# Title", "## A"], title_only=True)
    assert read == lines.Outline("Title", [])
    assert lines.outline(["Text first.", "", "# Late"], title_only=True).title == ""


def test_the_index_blocks_keep_their_kinds() -> None:
    body = "Intro with [a `code` link](/x).\n\n## Head\n\n- item\n> quote\n\n| a | b |\n"
    assert body_blocks(body) == (
        "",
        [("p", "Intro with a code link."), ("h", "Head"), ("i", "item"), ("i", "quote")]
        + [("i", "a b")],
    )


@pytest.mark.skipif(not MDN.is_dir(), reason=f"no MDN corpus at {MDN}")
def test_the_index_reads_the_mdn_corpus_as_show_does() -> None:
    """Every file: the index's title is the title `show` prints, and the headings the index
    keeps are the parser's section headings (white space collapsed, empty ones left out)."""
    disagree = []
    for path in sorted(MDN.glob("*/*.md")):
        text = path.read_text(encoding="utf-8")
        got = extract(text, path.parent.name)
        article = parse_article(text, slug=path.parent.name, lang=path.stem, path=str(path))
        headings = [" ".join(s.heading.split()) for s in article.all_sections()]
        _, blocks = body_blocks(read_head(clean_text(normalize_newlines(text))).body)
        if got.title != article.title or [t for k, t in blocks if k == "h"] != [
            h for h in headings if h
        ]:
            disagree.append(path)
    assert disagree == []


# --- hostile input: linear work, and the answer the parser gives -------------------------------


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_inline_text_grows_linearly(shape: str) -> None:
    assert grows_linearly(lines.inline_text, SHAPES[shape], 50_000)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_hostile_heading_is_read_in_linear_time_and_as_the_parser_reads_it(
    tree: Path, shape: str
) -> None:
    def heading(n: int) -> str:
        return "## " + SHAPES[shape](n) + "\n"

    def read(text: str) -> object:
        return lines.outline(text.split("\n"))

    assert grows_linearly(read, heading, 50_000)
    text = heading(2_000)  # the parser's own work on a run of spaces grows with its square
    read_by_lines = lines.outline(text.split("\n"), prose=False)
    assert ["slug", [t for _, _, t in read_by_lines.blocks]] == list(parsed(text))


@pytest.mark.parametrize("shape", sorted(LINE_SHAPES))
def test_hostile_lines_are_read_in_linear_time(shape: str) -> None:
    assert grows_linearly(lambda text: body_blocks(text), LINE_SHAPES[shape], 50_000)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_completion_reads_a_hostile_heading_in_linear_time(tree: Path, shape: str) -> None:
    """peek.headings is what a Tab on `--section` runs."""

    def article_of(n: int) -> Path:
        return write_article(tree, f"t{n}", "en", "## " + SHAPES[shape](n) + "\n")

    assert grows_linearly(peek.headings, article_of, 50_000, lambda path: path.stat().st_size)


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize("content", [LONG_HEADING, MACRO_HEADING], ids=["48-KB", "macros"])
def test_tab_on_section_for_a_hostile_heading(tree: Path, shell: str, content: str) -> None:
    """The completion path end to end: a heading of 48 KB, and one of 8,000 unclosed
    `{{Glossary("`, complete as the one section the parser reads, with its heading."""
    path = write_article(tree, "hostile", "en", content)
    answer = complete(shell, f"glossary -a {tree} show hostile --section ")
    assert answer.returncode == 0 and answer.stderr == ""
    assert answer.values == ["1"]
    _, headings = parsed(content, str(path))
    if shell != "bash":
        assert answer.helps["1"] == headings[0]
