"""Plain text for scripts and pipes: no escapes, no wrapping, no markup, one record a line."""

from __future__ import annotations

from glossary_cli.commands import (
    HighlightsResult,
    LangsResult,
    LinksResult,
    SectionsResult,
    ShowResult,
)
from glossary_cli.model import Block, CodeBlock, ListBlock, Paragraph, Quote, Section, spans_text

BULLET = "\u2022 "
QUOTE_INDENT = "    "


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
        if result.slug is None:
            lines = [f"{row.tag}\t{row.name}\t{row.count}" for row in result.rows]
        else:
            lines = [f"{row.tag}\t{row.name}\t{_flat(row.title)}" for row in result.rows]
    elif isinstance(result, LinksResult):
        lines = [f"{_flat(link.text)}\t{_flat(link.target)}\t{link.kind}" for link in result.links]
    else:
        raise TypeError(f"no plain view for {type(result).__name__}")
    return "".join(line + "\n" for line in lines)
