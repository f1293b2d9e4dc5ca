"""JSON output: the stable, documented schema (see README.md, "JSON output")."""

from __future__ import annotations

import json
from typing import Any

from glossary_cli.commands.article import (
    HighlightsResult,
    LangsResult,
    LinksResult,
    SectionsResult,
    ShowResult,
    SideBySide,
)
from glossary_cli.document.model import (
    Article,
    Block,
    CodeBlock,
    ListBlock,
    Paragraph,
    Quote,
    Section,
    spans_text,
)

SCHEMA_VERSION = 1


def block_json(block: Block) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        return {
            "type": "paragraph",
            "text": spans_text(block.spans),
            "links": [{"text": s.text, "target": s.link} for s in block.spans if s.link],
        }
    if isinstance(block, ListBlock):
        return {
            "type": "list",
            "ordered": block.ordered,
            "items": [[block_json(b) for b in item] for item in block.items],
        }
    if isinstance(block, Quote):
        return {"type": "quote", "blocks": [block_json(b) for b in block.blocks]}
    assert isinstance(block, CodeBlock)
    return {"type": "code", "text": block.text, "info": block.info}


def section_json(section: Section, with_blocks: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "number": section.number,
        "heading": section.heading,
        "level": section.level,
    }
    if with_blocks:
        out["blocks"] = [block_json(b) for b in section.blocks]
    out["subsections"] = [section_json(c, with_blocks) for c in section.children]
    return out


def _head(article: Article) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "slug": article.slug,
        "lang": article.lang,
        "title": article.title,
    }


def to_json(result: object) -> dict[str, Any]:
    if isinstance(result, ShowResult):
        article = result.article
        chosen = (result.section,) if result.section else article.sections
        return {
            **_head(article),
            "description": article.description,
            "keywords": list(article.keywords),
            "path": article.path,
            "introduction": [] if result.section else [block_json(b) for b in article.intro],
            "sections": [section_json(s) for s in chosen],
        }
    if isinstance(result, SectionsResult):
        return {
            **_head(result.article),
            "sections": [section_json(s, with_blocks=False) for s in result.article.sections],
        }
    if isinstance(result, HighlightsResult):
        return {
            **_head(result.article),
            "heading": result.section.heading,
            "number": result.section.number,
            "points": list(result.points),
        }
    if isinstance(result, LangsResult):
        return {
            "schema": SCHEMA_VERSION,
            "slug": result.slug,
            "languages": [
                {"tag": r.tag, "name": r.name, "title": r.title, "path": r.path}
                | ({"problem": r.problem} if r.problem else {})
                for r in result.rows
            ],
        }
    if isinstance(result, LinksResult):
        return {
            **_head(result.article),
            "links": [
                {"text": k.text, "target": k.target, "kind": k.kind, "slug": k.slug}
                for k in result.links
            ],
        }
    # `glossary check`'s result, and the library-wide ones: their modules are imported only
    # when one is shown.
    from glossary_cli.results import CheckResult

    if isinstance(result, CheckResult):
        return {
            "schema": SCHEMA_VERSION,
            "roots": list(result.roots),
            "files": result.files,
            "terms": result.terms,
            "errors": result.error_count,
            "warnings": result.warning_count,
            "findings": [
                {"path": f.path, "line": f.line, "severity": f.severity, "message": f.message}
                for f in result.findings
            ],
        }
    from glossary_cli.commands.overview import (
        CoverageResult,
        ExplainResult,
        MissingResult,
        SettingsResult,
    )

    if isinstance(result, CoverageResult):
        from glossary_cli.language.names import language_names

        names = language_names(result.languages)
        return {
            "schema": SCHEMA_VERSION,
            "languages": [
                {"tag": tag, "name": names[tag], "articles": result.articles_in(tag)}
                for tag in result.languages
            ],
            "articles": [
                {
                    "slug": entry.slug,
                    "languages": list(entry.languages),
                    "missing": [tag for tag in result.languages if tag not in entry.languages],
                }
                for entry in result.articles
            ],
        }
    if isinstance(result, MissingResult):
        return {
            "schema": SCHEMA_VERSION,
            "lang": result.lang,
            "articles": [
                {"slug": entry.slug, "languages": list(entry.languages)}
                for entry in result.articles
            ],
        }
    if isinstance(result, ExplainResult):
        return {
            "schema": SCHEMA_VERSION,
            "slug": result.slug,
            "available": list(result.available),
            "steps": [
                {
                    "source": row.source,
                    "value": row.value,
                    "tags": list(row.tags),
                    "status": row.status,
                    "note": row.note,
                }
                for row in result.rows
            ],
            "chosen": list(result.chosen),
            "error": result.error,
        }
    if isinstance(result, SettingsResult):
        return {
            "schema": SCHEMA_VERSION,
            "file": {"path": result.path, "exists": result.exists},
            "lang": [{"tag": tag, "source": source} for tag, source in result.lang],
            "paths": [{"path": path, "source": source} for path, source in result.paths],
            "color": {"value": result.color[0], "source": result.color[1]},
            "pager": {"value": result.pager[0], "source": result.pager[1]},
            "pager_command": {
                "value": result.pager_command[0],
                "source": result.pager_command[1],
            },
        }
    raise TypeError(f"no JSON view for {type(result).__name__}")


def render(result: object) -> str:
    # Several languages side by side are a list of what each one alone would be.
    data: Any = (
        [to_json(one) for one in result.results]
        if isinstance(result, SideBySide)
        else to_json(result)
    )
    # ensure_ascii=False keeps the text readable; json still escapes ESC and every C0 control.
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
