"""The document model every view reads: an article parsed once into plain, immutable data."""

from __future__ import annotations

from typing import NamedTuple, Union

# Its own module: the index reads frontmatter with it, without the rest of the model.
from glossary_cli.document.problem import Problem as Problem


class Span(NamedTuple):
    """A run of inline text with one style; `link` is the target when the run is a link's text."""

    text: str
    style: str = ""  # "", "strong", "em", "code", "note" (a footnote reference: `[1]`)
    link: str | None = None


class Paragraph(NamedTuple):
    spans: tuple[Span, ...]


class ListBlock(NamedTuple):
    items: tuple[tuple[Block, ...], ...]
    ordered: bool = False


class Quote(NamedTuple):
    blocks: tuple[Block, ...]


class CodeBlock(NamedTuple):
    text: str
    info: str = ""


class Table(NamedTuple):
    """A GFM table: a header row and body rows of cells, each cell a run of spans."""

    header: tuple[tuple[Span, ...], ...]
    rows: tuple[tuple[tuple[Span, ...], ...], ...]
    align: tuple[str, ...] = ()  # per column: "", "left", "center" or "right"


class Callout(NamedTuple):
    """A GitHub callout (`> [!NOTE]`): a quote with a kind, shown under its label."""

    kind: str  # lower case, as written: "note", "warning", "tip", "important", "caution"
    blocks: tuple[Block, ...]

    @property
    def label(self) -> str:
        return self.kind.capitalize()


class Definition(NamedTuple):
    term: tuple[Span, ...]
    blocks: tuple[Block, ...]  # empty for a term that shares the next one's definition


class Definitions(NamedTuple):
    """MDN's definition list: `- term` with `  - : definition` under it."""

    items: tuple[Definition, ...]


Block = Union[Paragraph, ListBlock, Quote, CodeBlock, Table, Callout, Definitions]


class Footnote(NamedTuple):
    """A footnote's text (`[^key]: text`), numbered by its first reference (`[1]`)."""

    number: int
    blocks: tuple[Block, ...]


class Section(NamedTuple):
    """A `##` section (level 2) with its `###` and deeper subsections as children."""

    heading: str
    level: int
    number: str  # "2" for the second `##`, "2.1" for the first `###` under it
    blocks: tuple[Block, ...]
    children: tuple[Section, ...] = ()
    line: int = 0  # 1-based line of the heading in the file, for messages


class Article(NamedTuple):
    """One article in one language."""

    slug: str
    lang: str
    path: str
    title: str
    description: str
    keywords: tuple[str, ...]
    intro: tuple[Block, ...]
    sections: tuple[Section, ...]
    # the file as written, cleaned of control characters and of Hugo's markup (reading/hugo.py)
    source: str = ""
    problems: tuple[Problem, ...] = ()  # non-fatal, for `check`
    footnotes: tuple[Footnote, ...] = ()  # shown after the last section

    def all_sections(self) -> list[Section]:
        """Every section, depth first, in document order."""
        out: list[Section] = []

        def walk(sections: tuple[Section, ...]) -> None:
            for section in sections:
                out.append(section)
                walk(section.children)

        walk(self.sections)
        return out


def spans_text(spans: tuple[Span, ...]) -> str:
    """The spans as plain text: a link reads as its text."""
    return "".join(span.text for span in spans)


def block_text(block: Block) -> str:
    """A block as one plain string (lists one item per line, tables one row per line with
    cells apart by tabs)."""
    if isinstance(block, Paragraph):
        return spans_text(block.spans)
    if isinstance(block, ListBlock):
        return "\n".join(" ".join(block_text(b) for b in item) for item in block.items)
    if isinstance(block, (Quote, Callout)):
        return "\n".join(block_text(b) for b in block.blocks)
    if isinstance(block, Table):
        rows = (block.header,) + block.rows
        return "\n".join("\t".join(spans_text(cell) for cell in row) for row in rows)
    if isinstance(block, Definitions):
        return "\n".join(
            "\n".join([spans_text(entry.term)] + [block_text(b) for b in entry.blocks])
            for entry in block.items
        )
    return block.text


def iter_spans(blocks: tuple[Block, ...]) -> list[Span]:
    """Every span in these blocks, in document order."""
    out: list[Span] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.extend(block.spans)
        elif isinstance(block, ListBlock):
            for item in block.items:
                out.extend(iter_spans(item))
        elif isinstance(block, (Quote, Callout)):
            out.extend(iter_spans(block.blocks))
        elif isinstance(block, Table):
            for row in (block.header,) + block.rows:
                for cell in row:
                    out.extend(cell)
        elif isinstance(block, Definitions):
            for entry in block.items:
                out.extend(entry.term)
                out.extend(iter_spans(entry.blocks))
    return out


def notes_for(article: Article, section: Section | None = None) -> tuple[Footnote, ...]:
    """The footnotes to show after the article, or after one section of it shown alone (those
    its text refers to)."""
    if section is None or not article.footnotes:
        return article.footnotes
    blocks: list[Block] = []
    pending = [section]
    while pending:
        one = pending.pop()
        blocks.extend(one.blocks)
        pending.extend(one.children)
    refs = {span.text for span in iter_spans(tuple(blocks)) if span.style == "note"}
    return tuple(note for note in article.footnotes if note_mark(note.number) in refs)


def note_mark(number: int) -> str:
    """How a footnote's reference reads in the text, and before its note: `[1]`."""
    return f"[{number}]"
