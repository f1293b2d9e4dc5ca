"""Terminal tables: an article's languages and links, the library's coverage and what it is
missing, the language choice, and the settings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from glossary_cli.results import (
    CoverageResult,
    ExplainResult,
    LangsResult,
    LinksResult,
    MissingResult,
    SettingsResult,
    SourcesResult,
)
from glossary_cli.text.sanitize import visible
from glossary_cli.views.rich_article import link_style
from glossary_cli.views.theme import (
    ABSENT,
    HEADING,
    LINK_ARTICLE,
    LINK_MISSING,
    LINK_OTHER,
    NUMBER,
    PRESENT,
    STATUS,
    SUBHEADING,
    TITLE,
    UNREADABLE,
)

PRESENT_MARK, ABSENT_MARK = "\u2713", "\u2717"
MIN_SLUG_WIDTH = 12  # narrower than this, the coverage is a list of what each article lacks


def renderables(result: object, width: int = 80) -> list[RenderableType]:
    view = _VIEWS.get(type(result))
    if view is None:
        raise TypeError(f"no terminal view for {type(result).__name__}")
    return view(result, width)


def _table(*headers: str) -> Table:
    table = Table(box=None, padding=(0, 2), show_edge=False, header_style=SUBHEADING)
    for header in headers:
        table.add_column(header)
    return table


def _langs(result: LangsResult, width: int) -> list[RenderableType]:
    table = Table(box=None, padding=(0, 2), show_edge=False, header_style=SUBHEADING)
    table.add_column("Tag", style=HEADING, no_wrap=True)
    table.add_column("Language")
    table.add_column("Title", style=TITLE)
    for row in result.rows:
        title = Text(row.title) if not row.problem else Text(row.problem, UNREADABLE)
        table.add_row(row.tag, row.name, title)
    return [table]


def _links(result: LinksResult, width: int) -> list[RenderableType]:
    table = Table(box=None, padding=(0, 2), show_edge=False, header_style=SUBHEADING)
    table.add_column("Text")
    table.add_column("Target", overflow="fold")
    table.add_column("Kind", no_wrap=True)
    kind_style = {"article": LINK_ARTICLE, "missing": LINK_MISSING, "external": LINK_OTHER}
    for link in result.links:
        table.add_row(
            link.text,
            Text(link.target, style=link_style(link.target)),
            Text(link.kind, style=kind_style[link.kind]),
        )
    return [Text(result.article.title, style=TITLE), table]


class Lines:
    """Lines of styled runs, handed to Rich as they are: no measuring and no wrapping, which
    for a table of hundreds of rows is most of Rich's time."""

    def __init__(self, lines: list[list[tuple[str, Style | None]]]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines:
            for text, style in line:
                yield Segment(text, style)
            yield Segment.line()


def _coverage(result: CoverageResult, width: int) -> list[RenderableType]:
    """A grid of articles by languages, a mark in each cell."""
    tags = result.languages
    counts = [str(result.articles_in(tag)) for tag in tags]
    total = str(len(result.articles))
    cells = [max(len(tag), len(count)) for tag, count in zip(tags, counts, strict=True)]
    marks_width = sum(cells) + len(cells)  # a space before each column
    longest = max((len(entry.slug) for entry in result.articles), default=0)
    slug_width = min(max(longest, len("Article"), len(total)), width - marks_width)
    if slug_width < MIN_SLUG_WIDTH:
        return _coverage_list(result)
    lines: list[list[tuple[str, Style | None]]] = []

    def row(first: str, first_style: Style, rest: list[tuple[str, Style]]) -> None:
        line: list[tuple[str, Style | None]] = [(first.ljust(slug_width), first_style)]
        for cell, (text, style) in zip(cells, rest, strict=True):
            pad = cell - len(text)
            line += [(" " * (1 + pad // 2), None), (text, style), (" " * (pad - pad // 2), None)]
        lines.append(line)

    row("Article", SUBHEADING, [(tag, SUBHEADING) for tag in tags])
    for entry in result.articles:
        slug = entry.slug
        # A slug longer than its column goes on lines of its own; its marks follow the last.
        while len(slug) > slug_width:
            lines.append([(slug[:slug_width], HEADING)])
            slug = slug[slug_width:]
        row(slug, HEADING, [_mark(tag in entry.languages) for tag in tags])
    if len(result.articles) > 1:
        row(total, NUMBER, [(count, NUMBER) for count in counts])
    return [Lines(lines)]


def _mark(present: bool) -> tuple[str, Style]:
    return (PRESENT_MARK, PRESENT) if present else (ABSENT_MARK, ABSENT)


def _coverage_list(result: CoverageResult) -> list[RenderableType]:
    """Too many languages for the width: each article with the languages it lacks."""
    out: list[RenderableType] = []
    for entry in result.articles:
        lacking = [tag for tag in result.languages if tag not in entry.languages]
        line = Text(entry.slug, HEADING)
        if lacking:
            line.append(f"  {ABSENT_MARK} ", ABSENT).append(", ".join(lacking))
        else:
            line.append(f"  {PRESENT_MARK}", PRESENT)
        out.append(line)
    return out


def _missing(result: MissingResult, width: int) -> list[RenderableType]:
    if not result.articles:
        return [Text(f"Every article is in {result.lang} ({result.total}).")]
    title = Text.assemble(
        (f"Not in {result.lang}: ", TITLE),
        (f"{len(result.articles)} of {result.total} articles", TITLE),
    )
    table = _table("Article", "Languages")
    for entry in result.articles:
        table.add_row(Text(entry.slug, HEADING), ", ".join(entry.languages))
    return [title, table]


def _explain(result: ExplainResult, width: int) -> list[RenderableType]:
    table = _table("Step", "Value", "Status", "Why")
    table.columns[0].no_wrap = True
    for row in result.rows:
        value = Text(visible(row.value or ""))
        table.add_row(
            Text(row.source, HEADING),
            value,
            Text(row.status, STATUS.get(row.status, Style())),
            visible(row.note),
        )
    for root, kind, shape, origin in result.layouts:
        table.add_row(Text("layout", HEADING), visible(root), kind, f"{visible(shape)} ({origin})")
    out: list[RenderableType] = [table]
    if result.slug is not None:
        if result.error:
            out.append(Text(f"\n{result.error}", STATUS["unavailable"]))
        else:
            out.append(
                Text.assemble(
                    ("\n" + result.slug, TITLE),
                    (f" ({', '.join(result.available)}): showing ", ""),
                    (", ".join(result.chosen), STATUS["used"]),
                )
            )
    return out


def _settings(result: SettingsResult, width: int) -> list[RenderableType]:
    table = _table("Setting", "Value", "From")
    table.columns[0].style = HEADING
    table.add_row("file", visible(result.path), "found" if result.exists else "not found")
    if not result.lang:
        table.add_row("lang", Text("none: English, else the first language", NUMBER), "default")
    for tag, source in result.lang:
        table.add_row("lang", tag, source)
    layouts = {root: (f"{kind}: {shape}", origin) for root, kind, shape, origin in result.layouts}
    for path, source in result.paths:
        table.add_row("paths", visible(path), source)
        if path in layouts:
            table.add_row("layout", visible(layouts[path][0]), layouts[path][1])
    table.add_row("color", *result.color)
    table.add_row("pager", "on" if result.pager[0] else "off", result.pager[1])
    table.add_row("pager-command", visible(result.pager_command[0]), result.pager_command[1])
    return [table]


def _sources(result: SourcesResult, width: int) -> list[RenderableType]:
    if not result.sources:
        return [Text("No sources: glossary source add NAME URL", NUMBER)]
    # Under 100 columns the revision makes room for the URL (plain and JSON always have it).
    with_revision = width >= 100
    headers = ["Source", "URL", "Layout", "Terms", "Languages", "Updated"]
    table = _table(*headers, *(["Revision"] if with_revision else []))
    table.padding = (0, 1)
    table.collapse_padding = True  # one space between columns: six of them in 80
    table.pad_edge = False
    table.columns[0].style = HEADING
    table.columns[1].overflow = "fold"  # a URL is shown whole
    table.columns[1].min_width = min(20, max(len(row.url) for row in result.sources))
    table.columns[2].no_wrap = True
    table.columns[3].justify = "right"
    table.columns[5].no_wrap = True
    for row in result.sources:
        cells: list[RenderableType] = [
            row.name,
            visible(row.url),
            row.layout.partition(":")[0],  # slug-first or language-first; the JSON has it all
            str(row.terms),
            Text(row.problem, UNREADABLE) if row.problem else ", ".join(row.languages),
            row.updated[:10],  # the day (UTC); the JSON has the time
        ]
        if with_revision:
            cells.append(Text(row.revision.removeprefix("sha256:")[:7], NUMBER))
        table.add_row(*cells)
    return [table]


_VIEWS: dict[type, Callable[[Any, int], list[RenderableType]]] = {
    LangsResult: _langs,
    LinksResult: _links,
    CoverageResult: _coverage,
    MissingResult: _missing,
    ExplainResult: _explain,
    SettingsResult: _settings,
    SourcesResult: _sources,
}
