"""The terminal view of history: the stale translations as a table, a source's diff coloured."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from rich.console import RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text

from glossary_cli.results import SOURCE_COMMIT, DiffResult, StaleResult
from glossary_cli.text.sanitize import clean_text
from glossary_cli.views.theme import (
    DIFF_ADDED,
    DIFF_FILE,
    DIFF_HUNK,
    DIFF_REMOVED,
    FALLBACK,
    HEADING,
    NUMBER,
    SUBHEADING,
    TITLE,
)

SHORT_HASH = 10


def renderables(result: object, width: int = 80) -> list[RenderableType]:
    view = _VIEWS.get(type(result))
    if view is None:
        raise TypeError(f"no terminal view for {type(result).__name__}")
    return view(result, width)


def _date(seconds: int) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(seconds))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def _stale(result: StaleResult, width: int) -> list[RenderableType]:
    if not result.rows:
        return [Text(f"No stale translations among {result.compared} compared.")]
    title = Text(
        f"Stale translations: {len(result.rows)} of {result.compared} compared", style=TITLE
    )
    table = Table(box=None, padding=(0, 1), pad_edge=False, header_style=SUBHEADING)
    table.add_column("Article", style=HEADING)
    table.add_column("Lang", no_wrap=True)
    table.add_column("Behind", justify="right", no_wrap=True)
    table.add_column("Lines", justify="right", no_wrap=True)
    table.add_column("Since", no_wrap=True)
    table.add_column("From", no_wrap=True)
    for row in result.rows:
        lang = Text(f"{row.lang}*", FALLBACK) if row.edited else Text(row.lang)
        table.add_row(
            row.slug,
            lang,
            _plural(row.commits, "commit"),
            str(row.lines),
            _date(row.since),
            Text.assemble(
                (row.base[:SHORT_HASH], NUMBER),
                " " + ("sourceCommit" if row.how == SOURCE_COMMIT else "last commit"),
            ),
        )
    out: list[RenderableType] = [title, table]
    if any(row.edited for row in result.rows):
        out.append(Text("* uncommitted edits, not counted", style=FALLBACK))
    return out


def _line_style(line: str) -> Style | None:
    if line.startswith(("diff ", "index ", "--- ", "+++ ", "rename ", "similarity ", "new ")):
        return DIFF_FILE
    if line.startswith("@@"):
        return DIFF_HUNK
    if line.startswith("+"):
        return DIFF_ADDED
    if line.startswith("-"):
        return DIFF_REMOVED
    return None


def _diff(result: DiffResult, width: int) -> list[RenderableType]:
    row = result.translation
    how = "its l10n.sourceCommit" if row.how == SOURCE_COMMIT else "its last commit"
    if not result.diff:
        return [Text(f"{row.slug} ({row.lang}) is up to date with {row.source}.")]
    head = Text.assemble(
        (f"{row.slug}: {row.source} since {row.lang} was made", TITLE),
        (
            f" ({_plural(row.commits, 'commit')}, {_plural(row.lines, 'line')}; "
            f"from {row.base[:SHORT_HASH]}, {how}, {_date(row.since)})",
            NUMBER,
        ),
    )
    lines = [Text(line, _line_style(line) or "") for line in clean_text(result.diff).splitlines()]
    return [head, Text(), *lines]


_VIEWS: dict[type, Callable[[Any, int], list[RenderableType]]] = {
    StaleResult: _stale,
    DiffResult: _diff,
}
