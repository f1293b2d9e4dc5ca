"""Markdown output: an article's source as written (cleaned), other results as Markdown lists."""

from __future__ import annotations

from glossary_cli.commands.article import (
    HighlightsResult,
    LangsResult,
    LinksResult,
    SectionsResult,
    ShowResult,
    SideBySide,
)
from glossary_cli.document.model import Block, CodeBlock, ListBlock, Paragraph, Quote, Section, Span
from glossary_cli.text.sanitize import visible


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
    if isinstance(result, SideBySide):
        from glossary_cli.views.plain import language_header

        return "\n".join(
            f"{language_header(one.article.lang)}\n\n{render(one)}" for one in result.results
        )
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
        lines = [
            f"- `{r.tag}` {r.name}: {r.title or '(cannot be read: ' + str(r.problem) + ')'}"
            for r in result.rows
        ]
    elif isinstance(result, LinksResult):
        lines = [f"- [{k.text}]({k.target}) ({k.kind})" for k in result.links]
    else:
        lines = _other_lines(result)
    return "".join(line + "\n" for line in lines)


def _other_lines(result: object) -> list[str]:
    """`glossary check`'s findings, or a library-wide result; their modules are imported only
    when one is shown."""
    from glossary_cli.results import CheckResult

    if isinstance(result, CheckResult):
        return [
            f"- `{f.path}:{f.line}` **{f.severity}**: {f.message}"
            if f.line
            else f"- `{f.path}` **{f.severity}**: {f.message}"
            for f in result.findings
        ]
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
            "| article | " + " | ".join(f"`{tag}`" for tag in result.languages) + " |",
            "| --- |" + " :-: |" * len(result.languages),
        ] + [
            f"| {entry.slug} | "
            + " | ".join(
                "\u2713" if tag in entry.languages else "\u2717" for tag in result.languages
            )
            + " |"
            for entry in result.articles
        ]
    elif isinstance(result, MissingResult):
        lines = [
            f"- {entry.slug} ({', '.join(f'`{tag}`' for tag in entry.languages)})"
            for entry in result.articles
        ]
    elif isinstance(result, ExplainResult):
        lines = [
            f"- {row.source}"
            + (f" `{visible(row.value)}`" if row.value else "")
            + f": {row.status}, {visible(row.note)}"
            for row in result.rows
        ]
    elif isinstance(result, SettingsResult):
        from glossary_cli.views.plain import settings_rows

        lines = []
        for row in settings_rows(result):
            name, value, source = row.split("\t")
            lines.append(f"- {name}: `{value}` ({source})" if value else f"- {name}: ({source})")
    else:
        raise TypeError(f"no Markdown view for {type(result).__name__}")
    return lines
