"""Plain text for scripts and pipes: no escapes, no wrapping, no markup, one record a line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from glossary_cli.commands.article import (
    HighlightsResult,
    LangsResult,
    LinksResult,
    SectionsResult,
    ShowResult,
    SideBySide,
)
from glossary_cli.document.model import (
    Block,
    CodeBlock,
    ListBlock,
    Paragraph,
    Quote,
    Section,
    spans_text,
)
from glossary_cli.text.sanitize import visible

BULLET = "\u2022 "
QUOTE_INDENT = "    "
ABSENT = "-"  # a language an article lacks, in the coverage table

if TYPE_CHECKING:
    from glossary_cli.commands.overview import SettingsResult


def language_header(tag: str) -> str:
    """The line before each language when several are printed one after the other (as `head`
    marks each file)."""
    return f"==> {tag} <=="


def _flat(text: str) -> str:
    """One line: a record never breaks across lines, and tabs never split its fields."""
    return " ".join(text.split())


def blocks_lines(blocks: tuple[Block, ...], indent: str = "") -> list[str]:
    """Blocks as lines, a blank line between blocks."""
    out: list[str] = []
    for block in blocks:
        if out:
            out.append("")
        if isinstance(block, Paragraph):
            out.append(indent + _flat(spans_text(block.spans)))
        elif isinstance(block, ListBlock):
            for number, item in enumerate(block.items, 1):
                marker = f"{number}. " if block.ordered else BULLET
                lines = [line for line in blocks_lines(item, indent + "  ") if line]
                if lines:
                    out.append(indent + marker + lines[0].lstrip())
                    out.extend(lines[1:])
        elif isinstance(block, Quote):
            out.extend(blocks_lines(block.blocks, indent + QUOTE_INDENT))
        elif isinstance(block, CodeBlock):
            out.extend(indent + QUOTE_INDENT + line for line in block.text.splitlines())
    return out


def section_lines(section: Section) -> list[str]:
    out = [_flat(section.heading)]
    body = blocks_lines(section.blocks)
    if body:
        out += [""] + body
    for child in section.children:
        out += [""] + section_lines(child)
    return out


def render(result: object) -> str:
    if isinstance(result, SideBySide):
        return "\n".join(
            f"{language_header(one.article.lang)}\n{render(one)}" for one in result.results
        )
    lines: list[str]
    if isinstance(result, ShowResult):
        article = result.article
        if result.section is not None:
            lines = section_lines(result.section)
        else:
            lines = [_flat(article.title)]
            if article.description:
                lines.append(_flat(article.description))
            if article.intro:
                lines += [""] + blocks_lines(article.intro)
            for section in article.sections:
                lines += [""] + section_lines(section)
    elif isinstance(result, SectionsResult):
        lines = [
            f"{section.number}\t{_flat(section.heading)}"
            for section in result.article.all_sections()
        ]
    elif isinstance(result, HighlightsResult):
        lines = [_flat(point) for point in result.points]
    elif isinstance(result, LangsResult):
        # An unreadable translation has an empty title; its problem is on stderr.
        lines = [f"{row.tag}\t{row.name}\t{_flat(row.title)}" for row in result.rows]
    elif isinstance(result, LinksResult):
        lines = [f"{_flat(link.text)}\t{_flat(link.target)}\t{link.kind}" for link in result.links]
    else:
        lines = _other_lines(result)
    return "".join(line + "\n" for line in lines)


def _other_lines(result: object) -> list[str]:
    """`glossary check`'s findings, or a library-wide result; their modules are imported only
    when one is shown."""
    from glossary_cli.results import CheckResult

    if isinstance(result, CheckResult):
        return [_flat(str(finding)) for finding in result.findings]  # nothing when all is well
    return _overview_lines(result)


def _overview_lines(result: object) -> list[str]:
    """The library-wide results; their module is imported only when one is shown."""
    from glossary_cli.commands.overview import (
        CoverageResult,
        ExplainResult,
        MissingResult,
        SettingsResult,
    )

    lines: list[str]
    if isinstance(result, CoverageResult):
        lines = [
            "\t".join(
                [entry.slug]
                + [tag if tag in entry.languages else ABSENT for tag in result.languages]
            )
            for entry in result.articles
        ]
    elif isinstance(result, MissingResult):
        lines = [f"{entry.slug}\t{','.join(entry.languages)}" for entry in result.articles]
    elif isinstance(result, ExplainResult):
        lines = [
            f"{row.source}\t{visible(row.value or '')}\t{row.status}\t{visible(row.note)}"
            for row in result.rows
        ]
    elif isinstance(result, SettingsResult):
        lines = settings_rows(result)
    else:
        raise TypeError(f"no plain view for {type(result).__name__}")
    return lines


def settings_rows(result: SettingsResult) -> list[str]:
    """`glossary config`: setting, value, source; a row per language and per folder."""
    rows = [("file", visible(result.path), "found" if result.exists else "not found")]
    rows += [("lang", tag, source) for tag, source in result.lang] or [("lang", "", "default")]
    rows += [("paths", visible(path), source) for path, source in result.paths]
    rows += [
        ("color", *result.color),
        ("pager", "on" if result.pager[0] else "off", result.pager[1]),
        ("pager-command", visible(result.pager_command[0]), result.pager_command[1]),
    ]
    # visible(): a tab or newline in a path is escaped, never a field or record of its own
    return ["\t".join(row) for row in rows]
