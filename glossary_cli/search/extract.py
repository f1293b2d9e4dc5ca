"""What the search index keeps of an article, read cheaply: the frontmatter as `show` reads it,
and the body's blocks as reading/lines.py reads them, without building a Markdown tree
(indexing thousands of files through mistune would make the first search slow)."""

from __future__ import annotations

from dataclasses import dataclass

from glossary_cli.reading import frontmatter_lines
from glossary_cli.reading.cost import check_cost
from glossary_cli.reading.frontmatter_rules import Unreadable
from glossary_cli.reading.lines import normalize_newlines, outline
from glossary_cli.text.sanitize import clean_controls, clean_text
from glossary_cli.text.unicode import title_text


@dataclass(frozen=True)
class Extract:
    """An article as the index stores it; `body` holds one block (paragraph, heading, list
    item) per line, `intro` is the first paragraph (the description of files without one)."""

    title: str
    description: str
    keywords: tuple[str, ...]
    intro: str
    body: str
    problem: str = ""  # why the file could not be read; it is then listed by its slug only


def extract(raw: str, slug: str) -> Extract:
    """The index's view of one article's text."""
    # Imported here: YAML is for building the index, not for a snippet (body_extract).
    from glossary_cli.reading.head import read_head

    # read_head drops control characters as `show` does: the title found here must be the
    # one `show` prints.
    try:
        head = read_head(normalize_newlines(raw))
    except ValueError as exc:
        return Extract(slug, "", (), "", "", str(exc))
    heading_title, blocks = body_blocks(head.body)
    intro = next((text for kind, text in blocks if kind == "p"), "")
    return Extract(
        title=title_text(head.title or heading_title) or slug,
        description=head.description,
        keywords=head.keywords,
        intro=intro,
        body="\n".join(text for _, text in blocks),
    )


def body_blocks(body: str) -> tuple[str, list[tuple[str, str]]]:
    """The title heading (a leading `#` one), and the body's blocks as (kind, text), kind being
    `h` (heading), `p` (paragraph) or `i` (list item, quote, table row), their white space
    collapsed. Fenced code is left out: it is not prose, and a snippet from it reads badly."""
    read = outline(body.split("\n"))
    blocks = [(kind, " ".join(text.split())) for kind, _, text in read.blocks]
    return read.title, [(kind, text) for kind, text in blocks if text]


def body_extract(raw: str, slug: str) -> Extract:
    """The body alone, as `extract` reads it, for a search hit's snippet: the frontmatter
    split off by lines (reading/frontmatter_lines.py, completion's reader), without the YAML
    and parser modules that a warm search would otherwise import for it."""
    text = clean_controls(normalize_newlines(raw))
    _, lines = frontmatter_lines.split(text)
    body = clean_text("\n".join(lines))
    try:
        check_cost(body)
    except Unreadable as exc:
        return Extract(slug, "", (), "", "", str(exc))
    _, blocks = body_blocks(body)
    return Extract(slug, "", (), "", "\n".join(text for _, text in blocks))
