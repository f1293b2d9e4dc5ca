"""The terminal view: Rich renderables built from the document model, printed once."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from glossary_cli.commands.article import (
    HighlightsResult,
    LangsResult,
    LinksResult,
    SectionsResult,
    ShowResult,
    SideBySide,
)
from glossary_cli.document.model import Block, CodeBlock, ListBlock, Paragraph, Quote, Section, Span
from glossary_cli.output import OutputContext

if TYPE_CHECKING:
    from rich.table import Table

    from glossary_cli.results import CheckResult, Finding

TITLE = Style(bold=True, color="bright_cyan")
DESCRIPTION = Style(italic=True)
KEYWORDS = Style(dim=True)
HEADING = Style(bold=True, color="yellow")
SUBHEADING = Style(bold=True)
NUMBER = Style(dim=True)
QUOTE = Style(italic=True, color="bright_black")
CODE = Style(color="green")
LINK_ARTICLE = Style(color="cyan", underline=True)
LINK_OTHER = Style(color="blue", underline=True)
LINK_MISSING = Style(dim=True, underline=True)
UNREADABLE = Style(dim=True, italic=True)
LOCATION = Style(bold=True)
ERROR = Style(bold=True, color="red")
WARNING = Style(color="yellow")
SPAN_STYLES = {"strong": Style(bold=True), "em": Style(italic=True), "code": CODE}


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


def _link_style(target: str, missing: frozenset[str] = frozenset()) -> Style:
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
                style = style + _link_style(span.link, self.missing)
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
        assert isinstance(item, CodeBlock)
        code = Text(item.text, style=CODE, no_wrap=True, overflow="ellipsis")
        return Padding(code, (0, 0, 0, 4))

    def blocks(self, items: tuple[Block, ...], gap: bool = True) -> list[RenderableType]:
        out: list[RenderableType] = []
        for item in items:
            if gap and out:
                out.append(Text())
            out.append(self.block(item))
        return out

    def section(self, item: Section) -> list[RenderableType]:
        style = HEADING if item.level <= 2 else SUBHEADING
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
        if result.section is not None:
            return self.section(result.section)
        out: list[RenderableType] = [Text(article.title, style=TITLE)]
        if article.description:
            out.append(Text(article.description, style=DESCRIPTION))
        if article.keywords:
            out.append(Text(" \u00b7 ".join(article.keywords), style=KEYWORDS))
        if article.intro:
            out += [Text()] + self.blocks(article.intro)
        for item in article.sections:
            out += [Text()] + self.section(item)
        return out


def _restyle(renderable: RenderableType, style: Style) -> RenderableType:
    if isinstance(renderable, Text):
        renderable.stylize(style)
    return renderable


def _outline(items: tuple[Section, ...], table: Table, depth: int = 0) -> None:
    for item in items:
        style = HEADING if item.level <= 2 else SUBHEADING
        table.add_row(Text("  " * depth + item.number, style=NUMBER), Text(item.heading, style))
        _outline(item.children, table, depth + 1)


def _finding(finding: Finding) -> Text:
    where = f"{finding.path}:{finding.line}" if finding.line else finding.path
    severity = ERROR if finding.severity == "error" else WARNING
    return Text.assemble(
        (where, LOCATION), ": ", (finding.severity, severity), ": ", finding.message
    )


def _summary(result: CheckResult) -> Text:
    counted = f"{result.files} file{'s' if result.files != 1 else ''}, " + (
        f"{result.terms} term{'s' if result.terms != 1 else ''}"
    )
    if not result.findings:
        return Text(f"No problems in {counted}.", style=SUBHEADING)
    return Text.assemble(
        (f"{result.error_count} error{'s' if result.error_count != 1 else ''}", ERROR),
        ", ",
        (f"{result.warning_count} warning{'s' if result.warning_count != 1 else ''}", WARNING),
        f" in {counted}.",
    )


def render(result: object, ctx: OutputContext) -> None:
    console = ctx.console()
    if isinstance(result, SideBySide):
        from glossary_cli.views.side_by_side import side_by_side

        console.print(side_by_side(result, console.width))
        return
    # `glossary check`'s result: its module is loaded only when such a result exists.
    findings = sys.modules.get("glossary_cli.results")
    if findings is not None and isinstance(result, findings.CheckResult):
        # Not wrapped by Rich: a `path:line` stays whole for the terminal to make clickable.
        lines = [_finding(finding) for finding in result.findings] + [_summary(result)]
        console.print(Group(*lines), soft_wrap=True)
        return
    console.print(Group(*renderables(result, console.width)))


def renderables(result: object, width: int = 80) -> list[RenderableType]:
    """What the terminal shows for one result, top to bottom."""
    if isinstance(result, ShowResult):
        return ArticleView(result.missing).article(result)
    # rich.table pulls in fractions and decimal: only the listing views pay for it.
    from rich.table import Table

    out: list[RenderableType]
    if isinstance(result, SectionsResult):
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True)
        table.add_column()
        _outline(result.article.sections, table)
        out = [Text(result.article.title, style=TITLE), table]
    elif isinstance(result, HighlightsResult):
        out = [
            Text(result.article.title, style=TITLE),
            Text(result.section.heading, style=HEADING),
            ArticleView().block(result.section.blocks[0]),
        ]
    elif isinstance(result, LangsResult):
        table = Table(box=None, padding=(0, 2), show_edge=False, header_style=SUBHEADING)
        table.add_column("Tag", style=HEADING, no_wrap=True)
        table.add_column("Language")
        table.add_column("Title", style=TITLE)
        for row in result.rows:
            title = Text(row.title) if not row.problem else Text(row.problem, UNREADABLE)
            table.add_row(row.tag, row.name, title)
        out = [table]
    elif isinstance(result, LinksResult):
        table = Table(box=None, padding=(0, 2), show_edge=False, header_style=SUBHEADING)
        table.add_column("Text")
        table.add_column("Target", overflow="fold")
        table.add_column("Kind", no_wrap=True)
        kind_style = {"article": LINK_ARTICLE, "missing": LINK_MISSING, "external": LINK_OTHER}
        for link in result.links:
            table.add_row(
                link.text,
                Text(link.target, style=_link_style(link.target)),
                Text(link.kind, style=kind_style[link.kind]),
            )
        out = [Text(result.article.title, style=TITLE), table]
    else:  # the library-wide results (rich_tables raises for anything else)
        from glossary_cli.views import rich_tables

        out = rich_tables.renderables(result, width)
    return out
