"""The terminal view: Rich renderables for every result, printed once.

An article's parts come from rich_article, tables from rich_tables, several languages from
side_by_side; those helpers never import this module. Tables load rich.table (and with it
fractions and decimal): only the results shown as tables pay for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.style import Style
from rich.text import Text

from glossary_cli.output import OutputContext
from glossary_cli.results import (
    CheckResult,
    CoverageResult,
    DiffResult,
    ExplainResult,
    Finding,
    HighlightsResult,
    LangsResult,
    LinksResult,
    ListResult,
    Marks,
    MissingResult,
    SearchResult,
    SectionsResult,
    SettingsResult,
    ShowResult,
    SideBySide,
    SourcesResult,
    StaleResult,
    UpdateResult,
    segments,
)
from glossary_cli.views import rich_article, terminal_text
from glossary_cli.views.theme import (
    ERROR,
    FALLBACK,
    HEADING,
    LOCATION,
    MATCH,
    NUMBER,
    SUBHEADING,
    TITLE,
    WARNING,
)

if TYPE_CHECKING:
    from rich.console import Console

TITLE_WIDTH = 32  # the list's title column, at most

terminal_text.install()  # widths and line breaks as terminals and CJK text need, for all of Rich


def render(result: object, ctx: OutputContext) -> None:
    console = ctx.console()
    printer = _PRINTERS.get(type(result))
    if printer is not None:
        printer(result, console)
        return
    console.print(Group(*renderables(result, console.width)))


def renderables(result: object, width: int = 80) -> list[RenderableType]:
    """What the terminal shows for one result, top to bottom."""
    view = _VIEWS.get(type(result))
    if view is None:
        raise TypeError(f"no terminal view for {type(result).__name__}")
    return view(result, width)


# --- printed their own way --------------------------------------------------------------------


def _side_by_side(result: SideBySide, console: Console) -> None:
    from glossary_cli.views.side_by_side import side_by_side

    console.print(side_by_side(result, console.width))


def _check(result: CheckResult, console: Console) -> None:
    # Not wrapped by Rich: a `path:line` stays whole for the terminal to make clickable.
    lines = [_finding(finding) for finding in result.findings] + [_summary(result)]
    console.print(Group(*lines), soft_wrap=True)


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


# --- one article, and the tables --------------------------------------------------------------


def _article(
    result: ShowResult | SectionsResult | HighlightsResult, width: int
) -> list[RenderableType]:
    return rich_article.renderables(result)


def _table(result: object, width: int) -> list[RenderableType]:
    from glossary_cli.views import rich_tables

    return rich_tables.renderables(result, width)


def _history(result: object, width: int) -> list[RenderableType]:
    from glossary_cli.views import rich_history

    return rich_history.renderables(result, width)


# --- list and search --------------------------------------------------------------------------


def _styled(text: str, marks: Marks, style: Style | None = None) -> Text:
    out = Text(style=style or Style())
    for piece, is_match in segments(text, marks):
        out.append(piece, MATCH if is_match else None)
    return out


def _list(result: ListResult, width: int) -> list[RenderableType]:
    """A table of articles, one line each."""
    from rich.table import Table

    table = Table(box=None, padding=(0, 1), pad_edge=False, header_style=SUBHEADING)
    table.add_column("Slug", no_wrap=True, style=NUMBER)
    table.add_column("Lang", no_wrap=True)
    table.add_column("Title", style=TITLE, max_width=TITLE_WIDTH)
    table.add_column("Description")
    entries = tuple(result.entries)  # read once: it may be the index's stream
    # One line of description each: the list is for scanning, `show` has the whole of it.
    # Rich would squeeze the other columns to nothing to fit a long unwrapped one, so the
    # descriptions are cut to what the other columns leave.
    used = max(len(e.slug) for e in entries) + max(len(e.lang) + 1 for e in entries)
    used += min(TITLE_WIDTH, max(Text(e.title).cell_len for e in entries)) + 3 * 2 + 1
    room = max(20, width - used)
    for entry in entries:
        lang = Text(entry.lang + "*", FALLBACK) if entry.fallback else Text(entry.lang, HEADING)
        description = Text(entry.description)
        description.truncate(room, overflow="ellipsis")
        table.add_row(entry.slug, lang, entry.title, description)
    out: list[RenderableType] = [table]
    if result.asked is not None and any(entry.fallback for entry in entries):
        out.append(Text(f"* not available in {result.asked}", style=FALLBACK))
    return out


def _hits(result: SearchResult, width: int) -> list[RenderableType]:
    """Each hit's title over its snippet, the matches marked."""
    out: list[RenderableType] = []
    for hit in result.hits:
        if out:
            out.append(Text())
        out.append(
            Text.assemble(
                _styled(hit.title, hit.title_marks, TITLE),
                "  ",
                (hit.slug, NUMBER),
                (" \u00b7 ", NUMBER),
                (hit.lang, HEADING),
            )
        )
        if hit.snippet:
            out.append(Padding(_styled(hit.snippet, hit.marks), (0, 0, 0, 2)))
    return out


def _updates(result: UpdateResult, width: int) -> list[RenderableType]:
    """A line per source: its name, then what the update did."""
    from glossary_cli.views.plain import update_sentence

    styles = {"updated": TITLE, "unchanged": NUMBER, "failed": ERROR}
    return [
        Text.assemble((one.name, HEADING), "  ", (update_sentence(one), styles[one.status]))
        for one in result.updates
    ]


_PRINTERS: dict[type, Callable[[Any, Console], None]] = {
    SideBySide: _side_by_side,
    CheckResult: _check,
}
_VIEWS: dict[type, Callable[[Any, int], list[RenderableType]]] = {
    ShowResult: _article,
    SectionsResult: _article,
    HighlightsResult: _article,
    LangsResult: _table,
    LinksResult: _table,
    CoverageResult: _table,
    MissingResult: _table,
    ExplainResult: _table,
    SettingsResult: _table,
    ListResult: _list,
    SearchResult: _hits,
    StaleResult: _history,
    DiffResult: _history,
    SourcesResult: _table,
    UpdateResult: _updates,
}
