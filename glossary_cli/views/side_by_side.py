"""Several languages on a terminal: columns aligned part by part, or one after the other."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from glossary_cli.document.model import Article, Section, notes_for
from glossary_cli.results import HighlightsResult, SectionsResult, ShowResult, SideBySide
from glossary_cli.views.rich_article import ArticleView, Hanging, heading_style, renderables
from glossary_cli.views.theme import DESCRIPTION, HEADING, KEYWORDS, NUMBER, TITLE

# Below this many cells a column of prose breaks every few words; then the languages come one
# after the other instead. Two languages fit side by side from 63 columns, three from 96.
MIN_COLUMN = 30
GAP = 3  # the divider between columns and a space either side of it


def fits(columns: int, width: int, fixed: int = 0) -> bool:
    """Whether `columns` columns of at least MIN_COLUMN cells (and `fixed` more) fit `width`."""
    return columns * MIN_COLUMN + (columns - 1) * GAP + fixed <= width


def side_by_side(result: SideBySide, width: int) -> RenderableType:
    """Columns when the terminal is wide enough for every language, else one after the other."""
    first = result.results[0]
    fixed = 0
    if isinstance(first, SectionsResult):
        numbers = _numbers(
            [one.article for one in result.results if isinstance(one, SectionsResult)]
        )
        fixed = max((len(n) + 2 * n.count(".") for n in numbers), default=0) + GAP
    if not fits(len(result.results), width, fixed):
        return stacked(result)
    if isinstance(first, ShowResult):
        return _show_columns([one for one in result.results if isinstance(one, ShowResult)])
    if isinstance(first, SectionsResult):
        return _sections_columns([one for one in result.results if isinstance(one, SectionsResult)])
    return _highlights_columns([one for one in result.results if isinstance(one, HighlightsResult)])


def stacked(result: SideBySide) -> RenderableType:
    """Each language under a rule naming it, one after the other."""
    out: list[RenderableType] = []
    for index, one in enumerate(result.results):
        if index:
            out.append(Text())
        out.append(Rule(Text(one.article.lang, style=TITLE), align="left", style=NUMBER))
        out.extend(renderables(one))
    return Group(*out)


def _table(tags: Sequence[str], numbered: bool = False) -> Table:
    table = Table(
        box=box.MINIMAL,
        show_edge=False,
        expand=True,
        padding=(0, 1),
        header_style=TITLE,
    )
    if numbered:
        table.add_column("", no_wrap=True, style=NUMBER)
    for tag in tags:
        # Folded, not cut with `…` (a table column's default): a column is as long as its text.
        table.add_column(tag, ratio=1, min_width=MIN_COLUMN - 2, overflow="fold")
    return table


def _add_rows(table: Table, rows: list[list[RenderableType]]) -> None:
    """Rows with an empty line between them, so each part stands apart."""
    for index, row in enumerate(rows):
        if index:
            table.add_row()
        table.add_row(*row)


def _show_columns(results: list[ShowResult]) -> Table:
    table = _table([one.article.lang for one in results])
    rows: list[list[RenderableType]] = []
    if all(one.section is not None for one in results):
        rows.append([_part(one, one.section) for one in results])
    else:
        rows.append([_head(one) for one in results])
        if any(one.article.intro for one in results):
            rows.append(
                [Group(*ArticleView(one.missing).blocks(one.article.intro)) for one in results]
            )
        # The n-th section beside the n-th: translations keep the order of their parts.
        for index in range(max(len(one.article.sections) for one in results)):
            rows.append(
                [
                    _part(one, one.article.sections[index])
                    if index < len(one.article.sections)
                    else Text()
                    for one in results
                ]
            )
    # Footnotes last, each language's beside the others'.
    notes = [notes_for(one.article, one.section) for one in results]
    if any(notes):
        rows.append(
            [
                Group(*ArticleView(one.missing).notes(n))
                for one, n in zip(results, notes, strict=True)
            ]
        )
    _add_rows(table, rows)
    return table


def _part(result: ShowResult, section: Section | None) -> RenderableType:
    if section is None:
        return Text()
    return Group(*ArticleView(result.missing).section(section))


def _head(result: ShowResult) -> RenderableType:
    article = result.article
    out: list[RenderableType] = [Text(article.title, style=TITLE)]
    if article.description:
        out.append(Text(article.description, style=DESCRIPTION))
    if article.keywords:
        out.append(Text(" \u00b7 ".join(article.keywords), style=KEYWORDS))
    return Group(*out)


def _numbers(articles: Sequence[Article]) -> list[str]:
    """Every section number in any of the articles, in document order (1, 1.1, 2, ...)."""
    found: set[str] = set()
    for article in articles:
        found.update(section.number for section in article.all_sections())
    return sorted(found, key=lambda number: tuple(int(part) for part in number.split(".")))


def _sections_columns(results: list[SectionsResult]) -> Table:
    table = _table([one.article.lang for one in results], numbered=True)
    table.add_row("", *(Text(one.article.title, style=TITLE) for one in results))
    by_number = [
        {section.number: section for section in one.article.all_sections()} for one in results
    ]
    for number in _numbers([one.article for one in results]):
        depth = number.count(".")
        table.add_row(
            Text("  " * depth + number),
            *(_heading(sections.get(number), depth) for sections in by_number),
        )
    return table


def _heading(section: Section | None, depth: int) -> Text:
    if section is None:
        return Text()
    return Text("  " * depth + section.heading, heading_style(section))


def _highlights_columns(results: list[HighlightsResult]) -> Table:
    table = _table([one.article.lang for one in results])
    table.add_row(*(Text(one.article.title, style=TITLE) for one in results))
    table.add_row(
        *(
            Text.assemble((f"{one.section.number}  ", NUMBER), (one.section.heading, HEADING))
            for one in results
        )
    )
    # The n-th point beside the n-th, each wrapped beside its bullet.
    for index in range(max(len(one.points) for one in results)):
        table.add_row(
            *(
                Hanging(Text(one.points[index]), Segment("\u2022 ", HEADING), Segment("  "))
                if index < len(one.points)
                else Text()
                for one in results
            )
        )
    return table
