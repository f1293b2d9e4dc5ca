"""The views of `list` and `search`, in every format, kept apart from the article views so that
these commands import neither the article model's views nor `show` the search's results."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from glossary_cli.output import Format, OutputContext
from glossary_cli.search.finding import ListResult, Marks, SearchResult, segments

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.style import Style
    from rich.text import Text

Found = ListResult | SearchResult
SCHEMA_VERSION = 1  # as the article views' JSON (see README.md, "JSON output")
# Search matches in a plain snippet, made visible without escape codes: «match».
MARK_OPEN, MARK_CLOSE = "\u00ab", "\u00bb"
TITLE_WIDTH = 32  # the rich list's title column, at most


def render(result: Found, ctx: OutputContext) -> None:
    if ctx.format is Format.RICH:
        rich(result, ctx)
        return
    if ctx.format is Format.JSON:
        import json  # only here: its import costs about a millisecond

        text = json.dumps(to_json(result), ensure_ascii=False, indent=2) + "\n"
    else:
        lines = markdown(result) if ctx.format is Format.MARKDOWN else plain(result)
        text = "".join(line + "\n" for line in lines)
    ctx.stream.write(text)


def _flat(text: str) -> str:
    """One line: a record never breaks across lines, and tabs never split its fields."""
    return " ".join(text.split())


def marked(text: str, marks: Marks) -> str:
    """`text` with its matches between the plain markers."""
    return "".join(
        f"{MARK_OPEN}{piece}{MARK_CLOSE}" if hit else piece for piece, hit in segments(text, marks)
    )


def plain(result: Found) -> list[str]:
    """One record per line, tab-separated."""
    if isinstance(result, ListResult):
        return [
            f"{e.slug}\t{e.lang}\t{_flat(e.title)}\t{_flat(e.description)}\t"
            + ", ".join(_flat(word) for word in e.keywords)
            for e in result.entries
        ]
    return [
        f"{hit.slug}\t{hit.lang}\t{_flat(hit.title)}\t{marked(hit.snippet, hit.marks)}"
        for hit in result.hits
    ]


def to_json(result: Found) -> dict[str, Any]:
    if isinstance(result, ListResult):
        return {
            "schema": SCHEMA_VERSION,
            "articles": [
                {
                    "slug": e.slug,
                    "lang": e.lang,
                    "title": e.title,
                    "description": e.description,
                    "keywords": list(e.keywords),
                    "languages": list(e.languages),
                    "fallback": e.fallback,
                    "path": e.path,
                }
                for e in result.entries
            ],
        }
    return {
        "schema": SCHEMA_VERSION,
        "query": result.query,
        "hits": [
            {
                "slug": hit.slug,
                "lang": hit.lang,
                "title": hit.title,
                "title_matches": [list(mark) for mark in hit.title_marks],
                "field": hit.field,
                "snippet": hit.snippet,
                "matches": [list(mark) for mark in hit.marks],
                "path": hit.path,
            }
            for hit in result.hits
        ],
    }


_MARKDOWN_SYNTAX = str.maketrans({c: "\\" + c for c in "\\`*_[]<>"})


def _escape(text: str) -> str:
    """Text that Markdown shows as written: its syntax characters escaped, on one line."""
    return _flat(text).translate(_MARKDOWN_SYNTAX)


def _escape_piece(text: str) -> str:
    """A piece of a (one-line) snippet, escaped, its spaces at either end kept."""
    return text.translate(_MARKDOWN_SYNTAX)


def markdown(result: Found) -> list[str]:
    """A Markdown list; search matches in bold."""
    if isinstance(result, SearchResult):
        return [
            f"- **{_escape(hit.title)}** (`{hit.slug}`, {hit.lang}): "
            + "".join(
                f"**{_escape_piece(piece)}**" if is_match else _escape_piece(piece)
                for piece, is_match in segments(hit.snippet, hit.marks)
            )
            for hit in result.hits
        ]
    lines = []
    for e in result.entries:
        lang = f"{e.lang}, fallback" if e.fallback else e.lang
        line = f"- **{_escape(e.title)}** (`{e.slug}`, {lang})"
        if e.description:
            line += f": {_escape(e.description)}"
        if e.keywords:
            line += f" *({_escape(', '.join(e.keywords))})*"
        lines.append(line)
    return lines


def rich(result: Found, ctx: OutputContext) -> None:
    """The terminal: a table of articles, or each hit's title over its snippet."""
    from rich.console import Group

    console = ctx.console()
    out = _list_table(result, console.width) if isinstance(result, ListResult) else _hits(result)
    console.print(Group(*out))


def _styled(text: str, marks: Marks, style: Style | None = None) -> Text:
    from rich.style import Style
    from rich.text import Text

    match = Style(bold=True, reverse=True)
    out = Text(style=style or Style())
    for piece, is_match in segments(text, marks):
        out.append(piece, match if is_match else None)
    return out


def _list_table(result: ListResult, width: int) -> list[RenderableType]:
    from rich.style import Style
    from rich.table import Table
    from rich.text import Text

    from glossary_cli.views.rich_view import HEADING, NUMBER, SUBHEADING, TITLE

    fallback_style = Style(dim=True, italic=True)
    table = Table(box=None, padding=(0, 1), pad_edge=False, header_style=SUBHEADING)
    table.add_column("Slug", no_wrap=True, style=NUMBER)
    table.add_column("Lang", no_wrap=True)
    table.add_column("Title", style=TITLE, max_width=TITLE_WIDTH)
    table.add_column("Description")
    entries = result.entries
    # One line of description each: the list is for scanning, `show` has the whole of it.
    # Rich would squeeze the other columns to nothing to fit a long unwrapped one, so the
    # descriptions are cut to what the other columns leave.
    used = max(len(e.slug) for e in entries) + max(len(e.lang) + 1 for e in entries)
    used += min(TITLE_WIDTH, max(Text(e.title).cell_len for e in entries)) + 3 * 2 + 1
    room = max(20, width - used)
    for entry in entries:
        lang = (
            Text(entry.lang + "*", fallback_style) if entry.fallback else Text(entry.lang, HEADING)
        )
        description = Text(entry.description)
        description.truncate(room, overflow="ellipsis")
        table.add_row(entry.slug, lang, entry.title, description)
    out: list[RenderableType] = [table]
    if result.notice:
        out.append(Text(f"* not available in {result.asked}", style=fallback_style))
    return out


def _hits(result: SearchResult) -> list[RenderableType]:
    from rich.padding import Padding
    from rich.text import Text

    from glossary_cli.views.rich_view import HEADING, NUMBER, TITLE

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
