"""What the search index keeps of an article, read cheaply: the frontmatter as `show` reads it,
and the body's text with its Markdown syntax stripped by line, without building a Markdown tree
(indexing thousands of files through mistune would make the first search slow)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from glossary_cli.reading.markdown import expand_macros, normalize_newlines, read_head
from glossary_cli.text.sanitize import clean_line, clean_text


@dataclass(frozen=True)
class Extract:
    """An article as the index stores it; `body` holds one block (paragraph, heading, list
    item) per line, `intro` is the first paragraph (the description of files without one)."""

    title: str
    description: str
    keywords: tuple[str, ...]
    intro: str
    body: str
    problem: str = ""  # why the file could not be read; it is then listed by its slug only


_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})(?:\s+|$)(.*?)(?:\s+#+\s*)?$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_ITEM = re.compile(r"^\s*(?:[-*+\u2013\u2014\u2022]|\d{1,9}[.)])\s+")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_CALLOUT = re.compile(r"^\[!\w+\]\s*")
# No two `\s*` meet across an optional `|`: they would split a run of spaces every way, which
# took 15 s on 1,000 lines indented ever deeper (quadratic).
_TABLE_RULE = re.compile(r"^\s*(?:\|\s*)?:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*(?:\|\s*)?$")
_THEMATIC = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Link text holds no `[`: else each `[` of a line of 20,000 scans the rest of it (1.5 s).
_IMAGE = re.compile(r"!\[([^\[\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\[\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][^>]{0,2000}>")
_UNDERSCORES = re.compile(r"(?<!\w)_+|_+(?!\w)")  # emphasis, not snake_case


def extract(raw: str, slug: str) -> Extract:
    """The index's view of one article's text."""
    # Control characters dropped before the YAML is read, as `show` drops them: YAML refuses
    # some, and the title found here must be the one `show` prints.
    text = clean_text(normalize_newlines(raw))
    try:
        head = read_head(text)
    except ValueError as exc:
        return Extract(slug, "", (), "", "", str(exc))
    heading_title, blocks = body_blocks(head.body)
    intro = next((text for kind, text in blocks if kind == "p"), "")
    return Extract(
        title=head.title or heading_title or slug,
        description=head.description,
        keywords=head.keywords,
        intro=intro,
        body="\n".join(text for _, text in blocks),
    )


def body_blocks(body: str) -> tuple[str, list[tuple[str, str]]]:
    """The title heading (a leading `#` one), and the body's blocks as (kind, text), kind being
    `h` (heading), `p` (paragraph) or `i` (list item, quote, table row). Fenced code is left
    out: it is not prose, and a snippet from it reads badly."""
    blocks: list[tuple[str, str]] = []
    lines: list[str] = []
    kind = "p"
    fence = ""
    title = ""

    def flush() -> None:
        nonlocal kind
        if lines:
            text = inline_text(" ".join(lines))
            if text:
                blocks.append((kind, text))
            lines.clear()
        kind = "p"

    if "<!--" in body:
        body = _COMMENT.sub("", body)
    for line in body.split("\n"):
        if fence:
            if line.strip().startswith(fence):
                fence = ""
            continue
        opening = _FENCE.match(line)
        if opening:
            flush()
            fence = opening.group(1)
            continue
        if lines and kind == "p" and _SETEXT.match(line):
            kind = "h"  # the paragraph above was a heading; the underline is syntax
            flush()
            continue
        if not line.strip() or _THEMATIC.match(line) or _TABLE_RULE.match(line):
            flush()
            continue
        heading = _HEADING.match(line)
        if heading:
            flush()
            text = inline_text(heading.group(2))
            if len(heading.group(1)) == 1 and not title and not blocks:
                title = text
            elif text:
                blocks.append(("h", text))
            continue
        item = _ITEM.match(line) or _QUOTE.match(line)
        if item or "|" in line and line.lstrip().startswith("|"):
            flush()
            kind = "i"
            line = line[item.end() :] if item else line.replace("|", " ")
            line = _CALLOUT.sub("", line.lstrip("> "))
        lines.append(line.strip())
    flush()
    return title, blocks


def inline_text(markdown: str) -> str:
    """One block's Markdown as plain text: macros as what they display, links as their text,
    no tags, emphasis or code marks, entities decoded, whitespace collapsed."""
    if "{{" in markdown:
        markdown = "".join(text for text, _ in expand_macros(markdown))
    if "[" in markdown:
        markdown = _LINK.sub(r"\1", _IMAGE.sub(r"\1", markdown))
    if "<" in markdown:
        markdown = _TAG.sub("", _BREAK.sub(" ", _AUTOLINK.sub(r"\1", markdown)))
    markdown = markdown.replace("*", "").replace("`", "").replace("\\", "")
    if "_" in markdown:
        markdown = _UNDERSCORES.sub("", markdown)
    if "&" in markdown:
        markdown = html.unescape(markdown)
    return clean_line(" ".join(clean_text(markdown).split()))
