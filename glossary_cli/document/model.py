"""The document model every view reads: an article parsed once into plain, immutable data."""

from __future__ import annotations

from typing import NamedTuple, Union


class Span(NamedTuple):
    """A run of inline text with one style; `link` is the target when the run is a link's text."""

    text: str
    style: str = ""  # "", "strong", "em", "code"
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


Block = Union[Paragraph, ListBlock, Quote, CodeBlock]


class Section(NamedTuple):
    """A `##` section (level 2) with its `###` and deeper subsections as children."""

    heading: str
    level: int
    number: str  # "2" for the second `##`, "2.1" for the first `###` under it
    blocks: tuple[Block, ...]
    children: tuple[Section, ...] = ()
    line: int = 0  # 1-based line of the heading in the file, for messages


class Problem(NamedTuple):
    """Something wrong in an article that could still be read, for `glossary check`."""

    severity: str  # "error" (a value the reader does not get as written) or "warning"
    message: str
    line: int | None = None  # 1-based line in the file, when known


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
    source: str = ""  # the Markdown body as written (cleaned of control characters)
    problems: tuple[Problem, ...] = ()  # non-fatal, for `check`

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
    """A block as one plain string (lists one item per line)."""
    if isinstance(block, Paragraph):
        return spans_text(block.spans)
    if isinstance(block, ListBlock):
        return "\n".join(" ".join(block_text(b) for b in item) for item in block.items)
    if isinstance(block, Quote):
        return "\n".join(block_text(b) for b in block.blocks)
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
        elif isinstance(block, Quote):
            out.extend(iter_spans(block.blocks))
    return out
