"""Markdown output: an article's source as written (cleaned), other results as Markdown lists."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from glossary_cli.results import (
    CheckResult,
    CoverageResult,
    DiffResult,
    ExplainResult,
    HighlightsResult,
    LangsResult,
    LinksResult,
    ListResult,
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
from glossary_cli.text.sanitize import clean_text, visible
from glossary_cli.views.plain import language_header, settings_rows

if TYPE_CHECKING:
    from glossary_cli.document.model import Block, Footnote, Section, Span, Table


def render(result: object) -> str:
    if isinstance(result, ShowResult) and result.section is None:
        source = result.article.source  # the article as its author wrote it
        return source if source.endswith("\n") else source + "\n"
    if isinstance(result, SideBySide):
        return "\n".join(
            f"{language_header(one.article.lang)}\n\n{render(one)}" for one in result.results
        )
    view = _VIEWS.get(type(result))
    if view is None:
        raise TypeError(f"no Markdown view for {type(result).__name__}")
    return "".join(line + "\n" for line in view(result))


# --- one article ------------------------------------------------------------------------------


def _spans(spans: tuple[Span, ...]) -> str:
    out = []
    for span in spans:
        text = {
            "strong": f"**{span.text}**",
            "em": f"*{span.text}*",
            "code": f"`{span.text}`",
            "note": f"[^{span.text.strip('[]')}]",
        }.get(span.style, span.text)
        out.append(f"[{text}]({span.link})" if span.link else text)
    return " ".join("".join(out).split())


def _blocks(blocks: tuple[Block, ...], indent: str = "") -> list[str]:
    # Imported here: `list` and `search` use this module too, and read no article.
    from glossary_cli.document.model import (
        Callout,
        CodeBlock,
        Definitions,
        ListBlock,
        Paragraph,
        Quote,
        Table,
    )

    out: list[str] = []
    for block in blocks:
        if out:
            out.append("")
        if isinstance(block, Paragraph):
            out.append(indent + _spans(block.spans))
        elif isinstance(block, ListBlock):
            for number, item in enumerate(block.items, 1):
                marker = f"{number}. " if block.ordered else "- "
                lines = [line for line in _blocks(item, indent + "   ") if line]
                if lines:
                    out.append(indent + marker + lines[0].lstrip())
                    out.extend(lines[1:])
        elif isinstance(block, Quote):
            out.extend(f"{indent}> {line}".rstrip() for line in _blocks(block.blocks))
        elif isinstance(block, CodeBlock):
            out += (
                [f"{indent}```{block.info}"]
                + [indent + line for line in block.text.splitlines()]
                + [f"{indent}```"]
            )
        elif isinstance(block, Callout):
            out.append(f"{indent}> [!{block.kind.upper()}]")
            out.extend(f"{indent}> {line}".rstrip() for line in _blocks(block.blocks))
        elif isinstance(block, Table):
            out.extend(indent + line for line in _table(block))
        elif isinstance(block, Definitions):
            for entry in block.items:  # MDN's form: `- term`, then `  - : definition`
                out.append(f"{indent}- {_spans(entry.term)}")
                lines = [line for line in _blocks(entry.blocks, indent + "    ") if line]
                if lines:
                    out.append(f"{indent}  - : {lines[0].lstrip()}")
                    out.extend(lines[1:])
    return out


_DELIMITERS = {"left": ":--", "center": ":-:", "right": "--:"}


def _table(table: Table) -> list[str]:
    """A GFM table: a header row, the delimiter row with each column's alignment, the rows."""

    def row(cells: tuple[tuple[Span, ...], ...]) -> str:
        return "| " + " | ".join(_spans(cell).replace("|", "\\|") for cell in cells) + " |"

    columns = max([len(table.header)] + [len(r) for r in table.rows])
    align = [table.align[i] if i < len(table.align) else "" for i in range(columns)]
    delimiter = "| " + " | ".join(_DELIMITERS.get(a, "---") for a in align) + " |"
    return [row(table.header), delimiter] + [row(r) for r in table.rows]


def _notes(notes: tuple[Footnote, ...]) -> list[str]:
    out: list[str] = []
    for note in notes:
        lines = [line for line in _blocks(note.blocks, "    ") if line]
        out.append(f"[^{note.number}]: {lines[0].lstrip() if lines else ''}".rstrip())
        out.extend(lines[1:])
    return out


def _section(section: Section) -> list[str]:
    out = ["#" * section.level + " " + section.heading]
    if section.blocks:
        out += [""] + _blocks(section.blocks)
    for child in section.children:
        out += [""] + _section(child)
    return out


def _sections_outline(sections: tuple[Section, ...], indent: str = "") -> list[str]:
    out = []
    for section in sections:
        out.append(f"{indent}- {section.number} {section.heading}")
        out += _sections_outline(section.children, indent + "  ")
    return out


def _show_section(result: ShowResult) -> list[str]:
    """One section of an article (the whole article is its source: see render)."""
    from glossary_cli.document.model import notes_for

    assert result.section is not None
    notes = notes_for(result.article, result.section)
    return _section(result.section) + ([""] + _notes(notes) if notes else [])


def _sections(result: SectionsResult) -> list[str]:
    return _sections_outline(result.article.sections)


def _highlights(result: HighlightsResult) -> list[str]:
    return [f"- {point}" for point in result.points]


def _langs(result: LangsResult) -> list[str]:
    return [
        f"- `{r.tag}` {r.name}: {r.title or '(cannot be read: ' + str(r.problem) + ')'}"
        for r in result.rows
    ]


def _links(result: LinksResult) -> list[str]:
    return [f"- [{k.text}]({k.target}) ({k.kind})" for k in result.links]


# --- list and search --------------------------------------------------------------------------

_MARKDOWN_SYNTAX = str.maketrans({c: "\\" + c for c in "\\`*_[]<>"})


def _escape(text: str) -> str:
    """Text that Markdown shows as written: its syntax characters escaped, on one line."""
    return " ".join(text.split()).translate(_MARKDOWN_SYNTAX)


def _escape_piece(text: str) -> str:
    """A piece of a (one-line) snippet, escaped, its spaces at either end kept."""
    return text.translate(_MARKDOWN_SYNTAX)


def _list(result: ListResult) -> list[str]:
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


def _search(result: SearchResult) -> list[str]:
    """Each hit's title and snippet, its matches in bold."""
    return [
        f"- **{_escape(hit.title)}** (`{hit.slug}`, {hit.lang}): "
        + "".join(
            f"**{_escape_piece(piece)}**" if is_match else _escape_piece(piece)
            for piece, is_match in segments(hit.snippet, hit.marks)
        )
        for hit in result.hits
    ]


# --- the library, the settings, check ---------------------------------------------------------


def _coverage(result: CoverageResult) -> list[str]:
    return [
        "| article | " + " | ".join(f"`{tag}`" for tag in result.languages) + " |",
        "| --- |" + " :-: |" * len(result.languages),
    ] + [
        f"| {entry.slug} | "
        + " | ".join("\u2713" if tag in entry.languages else "\u2717" for tag in result.languages)
        + " |"
        for entry in result.articles
    ]


def _missing(result: MissingResult) -> list[str]:
    return [
        f"- {entry.slug} ({', '.join(f'`{tag}`' for tag in entry.languages)})"
        for entry in result.articles
    ]


def _explain(result: ExplainResult) -> list[str]:
    return [
        f"- {row.source}"
        + (f" `{visible(row.value)}`" if row.value else "")
        + f": {row.status}, {visible(row.note)}"
        for row in result.rows
    ] + [
        f"- layout `{visible(root)}`: {kind}, {visible(shape)} ({origin})"
        for root, kind, shape, origin in result.layouts
    ]


def _settings(result: SettingsResult) -> list[str]:
    lines = []
    for row in settings_rows(result):
        name, value, source = row.split("\t")
        lines.append(f"- {name}: `{value}` ({source})" if value else f"- {name}: ({source})")
    return lines


def _check(result: CheckResult) -> list[str]:
    return [
        f"- `{f.path}:{f.line}` **{f.severity}**: {f.message}"
        if f.line
        else f"- `{f.path}` **{f.severity}**: {f.message}"
        for f in result.findings
    ]


def _stale(result: StaleResult) -> list[str]:
    return [
        f"- {r.slug} (`{r.lang}`): {r.commits} commit{'s' if r.commits != 1 else ''}, "
        f"{r.lines} lines behind `{r.source}` since `{r.base[:12]}` ({r.how})"
        + (", uncommitted edits" if r.edited else "")
        for r in result.rows
    ]


def _diff(result: DiffResult) -> list[str]:
    """The diff in a fenced block, its fence longer than any run of backticks in it."""
    text = clean_text(result.diff)
    if not text:
        return []
    import re

    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence + "diff", *text.splitlines(), fence]


def _sources(result: SourcesResult) -> list[str]:
    return [
        f"- **{row.name}** `{visible(row.url)}`: {row.terms} terms"
        + (f" in {', '.join(row.languages)}" if row.languages else "")
        + (f", `{row.revision}`" if row.revision else "")
        + (f", {row.layout}" if row.layout else "")
        + (f", {row.updated}" if row.updated else "")
        for row in result.sources
    ]


def _update(result: UpdateResult) -> list[str]:
    from glossary_cli.views.plain import update_sentence

    return [f"- **{one.name}**: {update_sentence(one)}" for one in result.updates]


_VIEWS: dict[type, Callable[[Any], list[str]]] = {
    ShowResult: _show_section,
    SectionsResult: _sections,
    HighlightsResult: _highlights,
    LangsResult: _langs,
    LinksResult: _links,
    ListResult: _list,
    SearchResult: _search,
    CoverageResult: _coverage,
    MissingResult: _missing,
    ExplainResult: _explain,
    SettingsResult: _settings,
    CheckResult: _check,
    StaleResult: _stale,
    DiffResult: _diff,
    SourcesResult: _sources,
    UpdateResult: _update,
}
