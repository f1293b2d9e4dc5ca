"""An article on the terminal: Rich renderables for its text, blocks and sections, and for the
results about one article (show, sections, highlights) that the terminal views share."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from glossary_cli.document.model import (
    Block,
    Callout,
    CodeBlock,
    Definitions,
    Footnote,
    ListBlock,
    Paragraph,
    Quote,
    Section,
    Span,
    Table,
    note_mark,
    notes_for,
    spans_text,
)
from glossary_cli.results import HighlightsResult, SectionsResult, ShowResult
from glossary_cli.views.theme import (
    CALLOUT,
    CODE,
    DESCRIPTION,
    HEADING,
    KEYWORDS,
    LINK_ARTICLE,
    LINK_MISSING,
    LINK_OTHER,
    NOTE_MARK,
    NUMBER,
    QUOTE,
    SPAN_STYLES,
    SUBHEADING,
    TABLE_BORDER,
    TABLE_HEADER,
    TERM,
    TITLE,
)

if TYPE_CHECKING:
    from rich.table import Table as RichTable

# A table column narrower than this (or than its longest word, if shorter) folds its words
# into pieces too small to read: the table is then shown as records instead.
READABLE_COLUMN = 8


class FittingTable:
    """A table where its columns fit, else its records: decided at render time, when the
    width is known (alone, or in a column side by side)."""

    def __init__(self, table: RenderableType, records: RenderableType, least: int) -> None:
        self.table, self.records, self.least = table, records, least

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.table if self.least <= options.max_width else self.records


def _least_width(item: Table) -> int:
    """The narrowest the table can be drawn with every column readable: each column as wide
    as its longest word (up to READABLE_COLUMN), plus its padding and border."""
    from rich.cells import cell_len

    columns = max([len(item.header)] + [len(row) for row in item.rows])
    widest = [1] * columns
    for row in (item.header, *item.rows):
        for index, cell in enumerate(row):
            for word in spans_text(cell).split():
                widest[index] = max(widest[index], min(cell_len(word), READABLE_COLUMN))
    return sum(width + 3 for width in widest) + 1  # a space each side and a border after


class Hanging:
    """Content wrapped beside a marker: `first` before its first line, `rest` before the others
    (a bullet and its hanging indent, or a quote's bar on every line)."""

    def __init__(self, content: RenderableType, first: Segment, rest: Segment) -> None:
        self.content = content
        self.first = first
        self.rest = rest

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width - len(self.first.text), 10)
        lines = console.render_lines(self.content, options.update_width(width), pad=False)
        for index, line in enumerate(lines):
            yield self.first if index == 0 else self.rest
            yield from line
            yield Segment.line()


def link_style(target: str, missing: frozenset[str] = frozenset()) -> Style:
    if target.startswith(("http://", "https://")):
        return LINK_OTHER + Style(link=target)  # OSC 8: the terminal makes it clickable
    return LINK_MISSING if target in missing else LINK_ARTICLE


class ArticleView:
    """Renderables for an article's parts; knows which link targets name missing articles."""

    def __init__(self, missing: frozenset[str] = frozenset()) -> None:
        self.missing = missing

    def spans(self, spans: Iterable[Span]) -> Text:
        text = Text()
        for span in spans:
            style = SPAN_STYLES.get(span.style, Style())
            if span.link:
                style = style + link_style(span.link, self.missing)
            text.append(" ".join(span.text.split("\n")), style)
        return text

    def block(self, item: Block) -> RenderableType:
        if isinstance(item, Paragraph):
            return self.spans(item.spans)
        if isinstance(item, ListBlock):
            width = len(f"{len(item.items)}. ") if item.ordered else 2
            entries = []
            for number, entry in enumerate(item.items, 1):
                marker = f"{number}. ".ljust(width) if item.ordered else "\u2022 "
                content = Group(*self.blocks(entry, gap=False))
                entries.append(Hanging(content, Segment(marker, HEADING), Segment(" " * width)))
            return Group(*entries)
        if isinstance(item, Quote):
            bar = Segment("\u258c ", QUOTE)
            inner = [_restyle(b, QUOTE) for b in self.blocks(item.blocks)]
            return Hanging(Group(*inner), bar, bar)
        if isinstance(item, Callout):
            style = CALLOUT.get(item.kind, QUOTE)
            bar = Segment("\u258c ", style)
            label = Text(item.label, style=style)
            return Hanging(Group(label, *self.blocks(item.blocks, gap=True)), bar, bar)
        if isinstance(item, Table):
            return self.table(item)
        if isinstance(item, Definitions):
            parts: list[RenderableType] = []
            for definition in item.items:
                parts.append(_restyle(self.spans(definition.term), TERM))
                if definition.blocks:
                    body = Group(*self.blocks(definition.blocks))
                    indent = Segment(" " * 4)
                    parts.append(Hanging(body, indent, indent))
            return Group(*parts)
        assert isinstance(item, CodeBlock)
        # A long line folds at the edge: cut with `…`, the code would read as something else.
        code = Text(item.text, style=CODE, overflow="fold")
        return Padding(code, (0, 0, 0, 4))

    def table(self, item: Table) -> RenderableType:
        """A GFM table as a Rich table: cells wrap (a long word folds), nothing is cut."""
        # rich.table pulls in fractions and decimal: only an article with a table pays.
        from rich import box
        from rich.table import Table as RichTable

        table = RichTable(
            box=box.SQUARE,
            border_style=TABLE_BORDER,
            header_style=TABLE_HEADER,
            show_header=bool(item.header),
            padding=(0, 1),
        )
        columns = max([len(item.header)] + [len(row) for row in item.rows])
        for index in range(columns):
            align = item.align[index] if index < len(item.align) else ""
            header = self.spans(item.header[index]) if index < len(item.header) else ""
            justify = align if align in ("left", "center", "right") else "left"
            table.add_column(header, justify=justify, overflow="fold")  # type: ignore[arg-type]
        for row in item.rows:
            table.add_row(*(self.spans(cell) for cell in row))
        return FittingTable(table, self.records(item), _least_width(item))

    def records(self, item: Table) -> RenderableType:
        """The table one row after the other, each cell on a line after its column's header:
        what is shown when the table's columns cannot fit beside each other."""
        rows: list[RenderableType] = []
        for row in item.rows:
            if rows:
                rows.append(Text())
            for index, cell in enumerate(row):
                header = item.header[index] if index < len(item.header) else ()
                line = Text()
                if spans_text(header).strip():
                    label = self.spans(header)
                    label.stylize(TABLE_HEADER)
                    line.append_text(label)
                    line.append(": ", TABLE_HEADER)
                line.append_text(self.spans(cell))
                rows.append(line)
        return Group(*rows)

    def notes(self, notes: tuple[Footnote, ...]) -> list[RenderableType]:
        """Footnotes after the text, each beside its `[1]`."""
        out: list[RenderableType] = []
        for note in notes:
            mark = note_mark(note.number) + " "
            content = Group(*self.blocks(note.blocks))
            out.append(Hanging(content, Segment(mark, NOTE_MARK), Segment(" " * len(mark))))
        return out

    def blocks(self, items: tuple[Block, ...], gap: bool = True) -> list[RenderableType]:
        out: list[RenderableType] = []
        for item in items:
            if gap and out:
                out.append(Text())
            out.append(self.block(item))
        return out

    def section(self, item: Section) -> list[RenderableType]:
        style = heading_style(item)
        out: list[RenderableType] = [
            Text.assemble((f"{item.number}  ", NUMBER), (item.heading, style))
        ]
        if item.blocks:
            out += self.blocks(item.blocks)
        for child in item.children:
            out += [Text()] + self.section(child)
        return out

    def article(self, result: ShowResult) -> list[RenderableType]:
        article = result.article
        notes = notes_for(article, result.section)
        tail: list[RenderableType] = [Text()] + self.notes(notes) if notes else []
        if result.section is not None:
            return self.section(result.section) + tail
        out: list[RenderableType] = [Text(article.title, style=TITLE)]
        if article.description:
            out.append(Text(article.description, style=DESCRIPTION))
        if article.keywords:
            out.append(Text(" \u00b7 ".join(article.keywords), style=KEYWORDS))
        if article.intro:
            out += [Text()] + self.blocks(article.intro)
        for item in article.sections:
            out += [Text()] + self.section(item)
        return out + tail


def heading_style(section: Section) -> Style:
    """A top section's heading (`1`, whatever its level) stands out more than a subsection's."""
    return HEADING if "." not in section.number else SUBHEADING


def _restyle(renderable: RenderableType, style: Style) -> RenderableType:
    if isinstance(renderable, Text):
        renderable.stylize(style)
    return renderable


def renderables(result: ShowResult | SectionsResult | HighlightsResult) -> list[RenderableType]:
    """What the terminal shows for one of these results in one language, top to bottom."""
    if isinstance(result, ShowResult):
        return ArticleView(result.missing).article(result)
    if isinstance(result, SectionsResult):
        return _sections(result)
    return [
        Text(result.article.title, style=TITLE),
        Text(result.section.heading, style=HEADING),
        ArticleView().block(result.section.blocks[0]),
    ]


def _sections(result: SectionsResult) -> list[RenderableType]:
    # rich.table pulls in fractions and decimal: `show` does not pay for it.
    from rich.table import Table

    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column()
    _outline(result.article.sections, table)
    return [Text(result.article.title, style=TITLE), table]


def _outline(items: tuple[Section, ...], table: RichTable, depth: int = 0) -> None:
    for item in items:
        style = heading_style(item)
        table.add_row(Text("  " * depth + item.number, style=NUMBER), Text(item.heading, style))
        _outline(item.children, table, depth + 1)
