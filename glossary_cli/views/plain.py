"""Plain text for scripts and pipes: no escapes, no wrapping, no markup, one record a line."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import IO, TYPE_CHECKING, Any

from glossary_cli.results import (
    CheckResult,
    CoverageResult,
    DiffResult,
    ExplainResult,
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
from glossary_cli.text.records import listed_fields
from glossary_cli.text.sanitize import clean_text, one_line, visible

if TYPE_CHECKING:
    from glossary_cli.document.model import Article, Block, Footnote, Section
    from glossary_cli.results import SourceUpdate

BULLET = "\u2022 "
QUOTE_INDENT = "    "
ABSENT = "-"  # a language an article lacks, in the coverage table
# Search matches in a plain snippet, made visible without escape codes: «match».
MARK_OPEN, MARK_CLOSE = "\u00ab", "\u00bb"


def render(result: object) -> str:
    return "".join(line + "\n" for line in lines(result))


def write(result: object, stream: IO[str]) -> None:
    """The result's records written one by one as its view makes them: `list` streams its
    rows from the index, so nothing holds the whole output."""
    stream.writelines(line + "\n" for line in _view(result)(result))


def lines(result: object) -> list[str]:
    """The result's records, one a line (without line ends)."""
    return list(_view(result)(result))


def _view(result: object) -> Callable[[Any], Iterable[str]]:
    view = _VIEWS.get(type(result))
    if view is None:
        raise TypeError(f"no plain view for {type(result).__name__}")
    return view


def language_header(tag: str) -> str:
    """The line before each language when several are printed one after the other (as `head`
    marks each file)."""
    return f"==> {tag} <=="


# --- one article ------------------------------------------------------------------------------


def blocks_lines(blocks: tuple[Block, ...], indent: str = "") -> list[str]:
    """Blocks as lines, a blank line between blocks."""
    # Imported here: `list` and `search` use this module too, and read no article.
    from glossary_cli.document.model import (
        Callout,
        CodeBlock,
        Definitions,
        ListBlock,
        Paragraph,
        Quote,
        Table,
        spans_text,
    )

    out: list[str] = []
    for block in blocks:
        if out:
            out.append("")
        if isinstance(block, Paragraph):
            out.append(indent + one_line(spans_text(block.spans)))
        elif isinstance(block, ListBlock):
            for number, item in enumerate(block.items, 1):
                marker = f"{number}. " if block.ordered else BULLET
                item_lines = [line for line in blocks_lines(item, indent + "  ") if line]
                if item_lines:
                    out.append(indent + marker + item_lines[0].lstrip())
                    out.extend(item_lines[1:])
        elif isinstance(block, Quote):
            out.extend(blocks_lines(block.blocks, indent + QUOTE_INDENT))
        elif isinstance(block, CodeBlock):
            out.extend(indent + QUOTE_INDENT + line for line in block.text.splitlines())
        elif isinstance(block, Table):
            # One row a line, its cells apart by tabs: `cut -f` and a spreadsheet read it.
            for row in (block.header,) + block.rows:
                out.append(indent + "\t".join(one_line(spans_text(cell)) for cell in row))
        elif isinstance(block, Callout):
            out.append(f"{indent}{block.label}:")
            out.extend(blocks_lines(block.blocks, indent + QUOTE_INDENT))
        elif isinstance(block, Definitions):
            for entry in block.items:
                out.append(indent + one_line(spans_text(entry.term)))
                out.extend(blocks_lines(entry.blocks, indent + QUOTE_INDENT))
    return out


def notes_lines(notes: tuple[Footnote, ...]) -> list[str]:
    """Footnotes after the text: `[1] Its text.`, a note of several blocks indented below."""
    from glossary_cli.document.model import note_mark

    out: list[str] = []
    for note in notes:
        body = blocks_lines(note.blocks, QUOTE_INDENT)
        first = body[0].lstrip() if body else ""
        out.append(f"{note_mark(note.number)} {first}".rstrip())
        out.extend(body[1:])
    return out


def _with_notes(out: list[str], article: Article, section: Section | None) -> list[str]:
    from glossary_cli.document.model import notes_for

    notes = notes_for(article, section)
    return out + [""] + notes_lines(notes) if notes else out


def section_lines(section: Section) -> list[str]:
    out = [one_line(section.heading)]
    body = blocks_lines(section.blocks)
    if body:
        out += [""] + body
    for child in section.children:
        out += [""] + section_lines(child)
    return out


def _side_by_side(result: SideBySide) -> list[str]:
    """Each language under its header, one after the other, a blank line between them."""
    out: list[str] = []
    for one in result.results:
        if out:
            out.append("")
        out += [language_header(one.article.lang)] + lines(one)
    return out


def _show(result: ShowResult) -> list[str]:
    article = result.article
    if result.section is not None:
        return _with_notes(section_lines(result.section), article, result.section)
    out = [one_line(article.title)]
    if article.description:
        out.append(one_line(article.description))
    if article.intro:
        out += [""] + blocks_lines(article.intro)
    for section in article.sections:
        out += [""] + section_lines(section)
    return _with_notes(out, article, None)


def _sections(result: SectionsResult) -> list[str]:
    return [
        f"{section.number}\t{one_line(section.heading)}"
        for section in result.article.all_sections()
    ]


def _highlights(result: HighlightsResult) -> list[str]:
    return [one_line(point) for point in result.points]


def _langs(result: LangsResult) -> list[str]:
    # An unreadable translation has an empty title; its problem is on stderr.
    return [f"{row.tag}\t{row.name}\t{one_line(row.title)}" for row in result.rows]


def _links(result: LinksResult) -> list[str]:
    return [f"{one_line(link.text)}\t{one_line(link.target)}\t{link.kind}" for link in result.links]


# --- list and search --------------------------------------------------------------------------


def marked(text: str, marks: Marks) -> str:
    """`text` with its matches between the plain markers."""
    return "".join(
        f"{MARK_OPEN}{piece}{MARK_CLOSE}" if hit else piece for piece, hit in segments(text, marks)
    )


def _list(result: ListResult) -> Iterable[str]:
    if result.records is not None:
        return result.records
    return (
        f"{e.slug}\t{e.lang}\t{listed_fields(e.title, e.description, e.keywords)}"
        for e in result.entries
    )


def _search(result: SearchResult) -> list[str]:
    return [
        f"{hit.slug}\t{hit.lang}\t{one_line(hit.title)}\t{marked(hit.snippet, hit.marks)}"
        for hit in result.hits
    ]


# --- the library, the settings, check ---------------------------------------------------------


def _coverage(result: CoverageResult) -> list[str]:
    return [
        "\t".join(
            [entry.slug] + [tag if tag in entry.languages else ABSENT for tag in result.languages]
        )
        for entry in result.articles
    ]


def _missing(result: MissingResult) -> list[str]:
    return [f"{entry.slug}\t{','.join(entry.languages)}" for entry in result.articles]


def _explain(result: ExplainResult) -> list[str]:
    """The steps, then a `layout` line per root read: its path, layout, where a file is."""
    return [
        f"{row.source}\t{visible(row.value or '')}\t{row.status}\t{visible(row.note)}"
        for row in result.rows
    ] + [
        f"layout\t{visible(root)}\t{kind}\t{visible(shape)} ({origin})"
        for root, kind, shape, origin in result.layouts
    ]


def settings_rows(result: SettingsResult) -> list[str]:
    """`glossary config`: setting, value, source; a row per language and per folder."""
    rows = [("file", visible(result.path), "found" if result.exists else "not found")]
    rows += [("lang", tag, source) for tag, source in result.lang] or [("lang", "", "default")]
    layouts = {root: f"{kind}: {shape}" for root, kind, shape, _ in result.layouts}
    origins = {root: origin for root, _, _, origin in result.layouts}
    for path, source in result.paths:
        rows.append(("paths", visible(path), source))
        if path in layouts:  # the folder's layout, under it
            rows.append(("layout", visible(layouts[path]), origins[path]))
    rows += [
        ("color", *result.color),
        ("pager", "on" if result.pager[0] else "off", result.pager[1]),
        ("pager-command", visible(result.pager_command[0]), result.pager_command[1]),
    ]
    # visible(): a tab or newline in a path is escaped, never a field or record of its own
    return ["\t".join(row) for row in rows]


def _stale(result: StaleResult) -> list[str]:
    """slug, language, source language, commits and lines behind, base commit, how it was found
    (sourceCommit or date), and `edited` or `-`: a fixed number of fields for `cut`."""
    return [
        f"{r.slug}\t{r.lang}\t{r.source}\t{r.commits}\t{r.lines}\t{r.base}\t{r.how}\t"
        + ("edited" if r.edited else ABSENT)
        for r in result.rows
    ]


def _diff(result: DiffResult) -> list[str]:
    # git's diff as it printed it, but for control characters from the articles.
    return clean_text(result.diff).splitlines()


def _check(result: CheckResult) -> list[str]:
    return [one_line(str(finding)) for finding in result.findings]  # nothing when all is well


def _sources(result: SourcesResult) -> list[str]:
    """`source list`: name, URL, terms, languages (comma-separated), last update, revision,
    layout (last, so that the columns scripts cut before it keep their numbers)."""
    return [
        "\t".join(
            [row.name, visible(row.url), str(row.terms), ",".join(row.languages), row.updated]
            + [row.revision, row.layout]
        )
        for row in result.sources
    ]


def _update(result: UpdateResult) -> list[str]:
    """`update`: name, status, terms added, changed, removed, revision now in use."""
    return [
        f"{one.name}\t{one.status}\t{len(one.added)}\t{len(one.changed)}\t{len(one.removed)}"
        f"\t{one.revision}"
        for one in result.updates
    ]


def update_sentence(one: SourceUpdate) -> str:
    """What `update` did to a source, in words (the terminal and Markdown say it so)."""
    if one.status == "failed":
        return f"failed, the copy in use is kept: {one.error}"
    if one.status == "unchanged":
        return "unchanged"
    terms = "term" if len(one.added) == 1 else "terms"
    counts = [f"{len(one.added)} {terms} added", f"{len(one.changed)} changed"]
    return f"updated: {', '.join(counts)}, {len(one.removed)} removed"


_VIEWS: dict[type, Callable[[Any], Iterable[str]]] = {
    ShowResult: _show,
    SectionsResult: _sections,
    HighlightsResult: _highlights,
    LangsResult: _langs,
    LinksResult: _links,
    SideBySide: _side_by_side,
    ListResult: _list,
    SearchResult: _search,
    CoverageResult: _coverage,
    MissingResult: _missing,
    ExplainResult: _explain,
    SettingsResult: settings_rows,
    CheckResult: _check,
    StaleResult: _stale,
    DiffResult: _diff,
    SourcesResult: _sources,
    UpdateResult: _update,
}
