"""Property: any frontmatter and Markdown parse or raise BadArticle, and render cleanly."""

from __future__ import annotations

import io
import json
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary_cli.commands.article import find_section
from glossary_cli.document.highlights import find_highlights, points
from glossary_cli.document.links import article_links
from glossary_cli.document.model import Article
from glossary_cli.errors import BadArticle, GlossaryError
from glossary_cli.library.roots import read_article
from glossary_cli.output import Format, OutputContext
from glossary_cli.reading.markdown import parse_article
from glossary_cli.results import HighlightsResult, LinksResult, SectionsResult, ShowResult
from glossary_cli.views import json_view, markdown_view, plain, rich_view

from hostile import UNSAFE, unsafe

CONTROLS = [chr(c) for c in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))] + [
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
    "\ufeff",
    "\u2028",
]
# Pieces of Markdown, YAML and MDN syntax, escape sequences and character references, so that
# random strings hit the parsers' interesting paths rather than plain prose.
PIECES = [
    *list("ab Z9 #*_[]()<>!`-+>|:{}&;'\"\\~=.,%@?\t\n\r"),
    "\n## ",
    "\n### ",
    "\n# ",
    "\n- ",
    "\n1. ",
    "\n> ",
    "\n    ",
    "\n```\n",
    "\n---\n",
    "[a](",
    "](/x)",
    "](http://e.org/",
    "<http://a>",
    "&#x1b;",
    "&#155;",
    "&#x202e;",
    "&amp;",
    "&nbsp;",
    '{{Glossary("',
    '")}}',
    "\x1b[31m",
    "\x1b]0;t\x07",
    "\x1b]8;;http://e\x1b\\",
    "\x9b",
    "é",
    "中文",
    "\u202e",
]
TEXT = st.lists(st.sampled_from(PIECES) | st.sampled_from(CONTROLS), max_size=60).map("".join)
WORDS = st.sampled_from(
    [
        "word",
        "the point",
        "of it all",
        "[a link](/x)",
        "[web](http://e.org/a)",
        "**bold**",
        "_em_",
        "`code`",
        '{{Glossary("Term")}}',
        "&amp;",
        "&#x1b;[2J",
    ]
)
INLINE = st.lists(WORDS | st.sampled_from(PIECES) | st.sampled_from(CONTROLS), max_size=12).map(
    " ".join
)
LINE = st.tuples(
    st.sampled_from(["", "", "## ", "### ", "# ", "- ", "* ", "1. ", "> ", "    ", "\u2013 "]),
    INLINE,
).map("".join)
BODY = st.lists(LINE, max_size=25).map("\n".join) | TEXT
YAML_PIECES = [*list("ab: -[]{},'\"!&*#|>\n\t?%@`"), "title", "description", "keywords", "yes"]
RAW_YAML = st.lists(st.sampled_from(YAML_PIECES) | st.sampled_from(CONTROLS), max_size=40).map(
    "".join
)
SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | TEXT | INLINE
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=8,
)
KEYS = st.sampled_from(["title", "description", "keywords", "Title", "yes", "slug"]) | TEXT
FRONTMATTER = st.fixed_dictionaries(
    {"title": INLINE | VALUES},
    optional={"description": INLINE | VALUES, "keywords": st.lists(INLINE) | INLINE | VALUES},
) | st.dictionaries(KEYS, VALUES, max_size=4)
DUMPED_YAML = FRONTMATTER.map(lambda d: yaml.safe_dump(d, allow_unicode=True))


@st.composite
def articles(draw: st.DrawFn) -> str:
    """Text with frontmatter of random structure or raw random YAML, or none, and a body."""
    body = draw(BODY)
    kind = draw(st.sampled_from(["dumped", "raw", "none"]))
    if kind == "none":
        text = body
    else:
        frontmatter = draw(DUMPED_YAML if kind == "dumped" else RAW_YAML)
        text = f"---\n{frontmatter}\n---\n{body}"
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text


def results(article: Article) -> list[object]:
    """Every result the commands make of one article, as they would make them."""
    out: list[object] = [
        ShowResult(article, None, frozenset({"/x"})),
        SectionsResult(article),
        LinksResult(
            article, tuple(article_links(article, lambda slug: slug if slug == "x" else None))
        ),
    ]
    found = find_highlights(article)
    if found is not None:
        out.append(HighlightsResult(article, found, tuple(points(found))))
    for section in article.all_sections()[:3]:
        try:
            out.append(ShowResult(article, find_section(article, section.heading or "1")))
        except GlossaryError:
            pass  # several sections share a heading, or it is empty: the command says so
    return out


def assert_renders_cleanly(article: Article) -> None:
    for result in results(article):
        text = plain.render(result)
        assert unsafe(text) == [], (result, text)
        assert UNSAFE.search(markdown_view.render(result)) is None
        rendered = json_view.render(result)
        assert "\x1b" not in rendered and unsafe(rendered) == []
        json.loads(rendered)
        stream = io.StringIO()
        rich_view.render(result, OutputContext(Format.RICH, True, 60, stream))
        assert unsafe(stream.getvalue(), rich=True) == []


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_any_article_parses_or_is_a_bad_article_and_renders_cleanly(text: str) -> None:
    try:
        article = parse_article(text, slug="s", lang="en", path="p.md")
    except BadArticle as exc:
        assert unsafe(str(exc)) == []
        return
    for field in (article.title, article.description, *article.keywords, article.source):
        assert UNSAFE.search(field.replace("\n", "").replace("\t", "")) is None
    assert_renders_cleanly(article)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=200) | articles().map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_read_or_are_a_bad_article(tmp_path_factory, data: bytes) -> None:
    path = Path(tmp_path_factory.mktemp("bytes")) / "en.md"
    path.write_bytes(data)
    try:
        article = read_article("s", "en", path)
    except BadArticle as exc:
        assert str(exc).startswith(str(path))
        return
    assert_renders_cleanly(article)
