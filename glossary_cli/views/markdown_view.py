"""Markdown output: an article's source as written (cleaned), other results as Markdown lists."""

from __future__ import annotations

from glossary_cli.commands import (
    HighlightsResult,
    LangsResult,
    LinksResult,
    SectionsResult,
    ShowResult,
)
from glossary_cli.model import Block, CodeBlock, ListBlock, Paragraph, Quote, Section, Span


def _spans(spans: tuple[Span, ...]) -> str:
    out = []
    for span in spans:
        text = {"strong": f"**{span.text}**", "em": f"*{span.text}*", "code": f"`{span.text}`"}.get(
            span.style, span.text
        )
        out.append(f"[{text}]({span.link})" if span.link else text)
    return " ".join("".join(out).split())


def _blocks(blocks: tuple[Block, ...], indent: str = "") -> list[str]:
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


def render(result: object) -> str:
    if isinstance(result, ShowResult):
        if result.section is None:
            source = result.article.source
            return source if source.endswith("\n") else source + "\n"
        lines = _section(result.section)
    elif isinstance(result, SectionsResult):
        lines = _sections_outline(result.article.sections)
    elif isinstance(result, HighlightsResult):
        lines = [f"- {point}" for point in result.points]
    elif isinstance(result, LangsResult):
        if result.slug is None:
            lines = [f"- `{r.tag}` {r.name}: {r.count}" for r in result.rows]
        else:
            lines = [f"- `{r.tag}` {r.name}: {r.title}" for r in result.rows]
    elif isinstance(result, LinksResult):
        lines = [f"- [{k.text}]({k.target}) ({k.kind})" for k in result.links]
    else:
        raise TypeError(f"no Markdown view for {type(result).__name__}")
    return "".join(line + "\n" for line in lines)
