"""JSON output: the stable, documented schema (see README.md, "JSON output")."""

from __future__ import annotations

import json
from typing import Any

from glossary_cli.commands import (
    HighlightsResult,
    LangsResult,
    LinksResult,
    SectionsResult,
    ShowResult,
)
from glossary_cli.model import (
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
        if result.slug is None:
            return {
                "schema": SCHEMA_VERSION,
                "languages": [
                    {"tag": r.tag, "name": r.name, "articles": r.count} for r in result.rows
                ],
            }
        return {
            "schema": SCHEMA_VERSION,
            "slug": result.slug,
            "languages": [
                {"tag": r.tag, "name": r.name, "title": r.title, "path": r.path}
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
    raise TypeError(f"no JSON view for {type(result).__name__}")


def render(result: object) -> str:
    # ensure_ascii=False keeps the text readable; json still escapes ESC and every C0 control.
    return json.dumps(to_json(result), ensure_ascii=False, indent=2) + "\n"
