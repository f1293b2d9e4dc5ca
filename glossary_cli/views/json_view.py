"""JSON output: the stable, documented schema (see README.md, "JSON output")."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

from glossary_cli.results import (
    CheckResult,
    CoverageResult,
    DiffResult,
    Entry,
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
    StaleTranslation,
    UpdateResult,
)

if TYPE_CHECKING:
    from glossary_cli.document.model import Article, Block, Section, Span

SCHEMA_VERSION = 1


# json escapes the C0 controls (ESC among them) but not DEL or the C1 controls (U+009B is a
# terminal's CSI): those are escaped here, so that no JSON text can move a terminal either.
_UNESCAPED_CONTROLS = re.compile("[\x7f-\x9f]")


def _dumps(value: Any) -> str:
    # ensure_ascii=False keeps the text readable.
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return _UNESCAPED_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def render(result: object) -> str:
    return _dumps(to_json(result)) + "\n"


def write(result: object, stream: IO[str]) -> None:
    """The result's JSON written to `stream`, as render() makes it; `list`'s array element by
    element as the index gives them, so that nothing holds the whole output."""
    if type(result) is not ListResult:
        stream.write(render(result))
        return
    stream.write(f'{{\n  "schema": {SCHEMA_VERSION},\n  "articles": [')
    separator = "\n    "
    for entry in result.entries:
        # The element as json.dumps indents it two levels down: a JSON text has no raw line
        # break but those of its indentation.
        item = _dumps(_entry(entry))
        stream.write(separator + item.replace("\n", "\n    "))
        separator = ",\n    "
    stream.write("\n  ]\n}\n" if separator != "\n    " else "]\n}\n")


def to_json(result: object) -> Any:
    view = _VIEWS.get(type(result))
    if view is None:
        raise TypeError(f"no JSON view for {type(result).__name__}")
    return view(result)


# --- one article ------------------------------------------------------------------------------


def block_json(block: Block) -> dict[str, Any]:
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

    if isinstance(block, Paragraph):
        return {"type": "paragraph", **_text(block.spans)}
    if isinstance(block, ListBlock):
        return {
            "type": "list",
            "ordered": block.ordered,
            "items": [[block_json(b) for b in item] for item in block.items],
        }
    if isinstance(block, Quote):
        return {"type": "quote", "blocks": [block_json(b) for b in block.blocks]}
    if isinstance(block, Callout):
        return {
            "type": "callout",
            "kind": block.kind,
            "label": block.label,
            "blocks": [block_json(b) for b in block.blocks],
        }
    if isinstance(block, Table):
        return {
            "type": "table",
            "align": list(block.align),
            "header": [_text(cell) for cell in block.header],
            "rows": [[_text(cell) for cell in row] for row in block.rows],
        }
    if isinstance(block, Definitions):
        return {
            "type": "definitions",
            "items": [
                {"term": _text(item.term), "blocks": [block_json(b) for b in item.blocks]}
                for item in block.items
            ],
        }
    assert isinstance(block, CodeBlock)
    return {"type": "code", "text": block.text, "info": block.info}


def _text(spans: tuple[Span, ...]) -> dict[str, Any]:
    """A run of text (a paragraph, a table cell, a term): its text and its links."""
    from glossary_cli.document.model import spans_text

    return {
        "text": spans_text(spans),
        "links": [{"text": s.text, "target": s.link} for s in spans if s.link],
    }


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


def _side_by_side(result: SideBySide) -> list[Any]:
    """Several languages side by side are a list of what each one alone would be."""
    return [to_json(one) for one in result.results]


def _show(result: ShowResult) -> dict[str, Any]:
    from glossary_cli.document.model import notes_for

    article = result.article
    chosen = (result.section,) if result.section else article.sections
    return {
        **_head(article),
        "description": article.description,
        "keywords": list(article.keywords),
        "path": article.path,
        "introduction": [] if result.section else [block_json(b) for b in article.intro],
        "sections": [section_json(s) for s in chosen],
        "footnotes": [
            {"number": note.number, "blocks": [block_json(b) for b in note.blocks]}
            for note in notes_for(article, result.section)
        ],
    }


def _sections(result: SectionsResult) -> dict[str, Any]:
    return {
        **_head(result.article),
        "sections": [section_json(s, with_blocks=False) for s in result.article.sections],
    }


def _highlights(result: HighlightsResult) -> dict[str, Any]:
    return {
        **_head(result.article),
        "heading": result.section.heading,
        "number": result.section.number,
        "points": list(result.points),
    }


def _langs(result: LangsResult) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "slug": result.slug,
        "languages": [
            {"tag": r.tag, "name": r.name, "title": r.title, "path": r.path}
            | ({"problem": r.problem} if r.problem else {})
            for r in result.rows
        ],
    }


def _links(result: LinksResult) -> dict[str, Any]:
    return {
        **_head(result.article),
        "links": [
            {"text": k.text, "target": k.target, "kind": k.kind, "slug": k.slug}
            for k in result.links
        ],
    }


# --- list and search --------------------------------------------------------------------------


def _list(result: ListResult) -> dict[str, Any]:
    return {"schema": SCHEMA_VERSION, "articles": [_entry(e) for e in result.entries]}


def _entry(e: Entry) -> dict[str, Any]:
    return {
        "slug": e.slug,
        "lang": e.lang,
        "title": e.title,
        "description": e.description,
        "keywords": list(e.keywords),
        "languages": list(e.languages),
        "fallback": e.fallback,
        "path": e.path,
    }


def _search(result: SearchResult) -> dict[str, Any]:
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


# --- the library, the settings, check ---------------------------------------------------------


def _coverage(result: CoverageResult) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "languages": [
            {"tag": tag, "name": name, "articles": result.articles_in(tag)}
            for tag, name in zip(result.languages, result.names, strict=True)
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


def _missing(result: MissingResult) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "lang": result.lang,
        "articles": [
            {"slug": entry.slug, "languages": list(entry.languages)} for entry in result.articles
        ],
    }


def _explain(result: ExplainResult) -> dict[str, Any]:
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
        "layouts": [_layout(*layout) for layout in result.layouts],
    }


def _layout(root: str, kind: str, shape: str, origin: str) -> dict[str, str]:
    return {"path": root, "layout": kind, "files": shape, "from": origin}


def _settings(result: SettingsResult) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "file": {"path": result.path, "exists": result.exists},
        "lang": [{"tag": tag, "source": source} for tag, source in result.lang],
        "paths": [
            {"path": path, "source": source, **_layouts(result).get(path, {})}
            for path, source in result.paths
        ],
        "color": {"value": result.color[0], "source": result.color[1]},
        "pager": {"value": result.pager[0], "source": result.pager[1]},
        "pager_command": {"value": result.pager_command[0], "source": result.pager_command[1]},
    }


def _layouts(result: SettingsResult) -> dict[str, dict[str, str]]:
    """Each folder's layout, by folder: `layout`, `files`, `from`."""
    return {
        layout[0]: {k: v for k, v in _layout(*layout).items() if k != "path"}
        for layout in result.layouts
    }


def _check(result: CheckResult) -> dict[str, Any]:
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


# --- history: langs --stale, diff --------------------------------------------------------------


def _stale_row(row: StaleTranslation) -> dict[str, Any]:
    import time

    return {
        "slug": row.slug,
        "lang": row.lang,
        "source": row.source,
        "path": row.path,
        "base": row.base,
        "how": row.how,
        "since": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(row.since)),
        "commits": row.commits,
        "lines": row.lines,
        "edited": row.edited,
    }


def _stale(result: StaleResult) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "compared": result.compared,
        "stale": [_stale_row(row) for row in result.rows],
    }


def _diff(result: DiffResult) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        **_stale_row(result.translation),
        "source_path": result.source_path,
        "base_path": result.base_path,
        "diff": result.diff,
    }


def _sources(result: SourcesResult) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "sources": [
            {
                "name": row.name,
                "url": row.url,
                "kind": row.kind,
                "ref": row.ref or None,
                "subdir": row.subdir or None,
                "terms": row.terms,
                "languages": list(row.languages),
                "updated": row.updated or None,
                "revision": row.revision or None,
                "problem": row.problem,
                "layout": row.layout or None,
            }
            for row in result.sources
        ],
    }


def _update(result: UpdateResult) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "sources": [
            {
                "name": one.name,
                "status": one.status,
                "added": list(one.added),
                "changed": list(one.changed),
                "removed": list(one.removed),
                "revision": one.revision or None,
                "error": one.error,
            }
            for one in result.updates
        ],
    }


_VIEWS: dict[type, Callable[[Any], Any]] = {
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
    SettingsResult: _settings,
    CheckResult: _check,
    StaleResult: _stale,
    DiffResult: _diff,
    SourcesResult: _sources,
    UpdateResult: _update,
}
