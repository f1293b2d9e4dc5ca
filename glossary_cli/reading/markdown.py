"""Turn an article file's text (YAML frontmatter + Markdown) into the document model."""

from __future__ import annotations

import html
import re
import string
from collections.abc import Callable
from typing import Any, NamedTuple

from glossary_cli.document.model import (
    Article,
    Block,
    CodeBlock,
    ListBlock,
    Paragraph,
    Problem,
    Quote,
    Section,
    Span,
    spans_text,
)
from glossary_cli.errors import BadArticle
from glossary_cli.reading import frontmatter as metadata
from glossary_cli.reading.cost import check_cost
from glossary_cli.reading.frontmatter_rules import Unreadable

# MDN's macros and line ends: one rule for every reader
from glossary_cli.reading.lines import expand_macros, normalize_newlines
from glossary_cli.text.sanitize import clean_controls, clean_line, clean_text, control_characters
from glossary_cli.text.segments import segment_break
from glossary_cli.text.unicode import title_text

Token = dict[str, Any]

# Real articles write list items with a dash Markdown does not read as a bullet (the Swedish
# seed uses "–"); a run of such paragraphs is a list.
_DASH_BULLET = re.compile(r"^[\u2013\u2014\u2022\u2023\u25e6\u2043]\s+")
_HTML_TAG = re.compile(r"<[^>]{0,2000}>")

_markdown: Callable[[str], Any] | None = None


def _parse_markdown(body: str) -> list[Token]:
    """Markdown to mistune's token tree (the parser is built once, on first use)."""
    global _markdown
    if _markdown is None:
        _markdown = _build_parser()
    try:
        tokens = _markdown(body)
    except RecursionError:
        raise Unreadable("Markdown nested too deeply to read") from None
    return tokens if isinstance(tokens, list) else []


def _build_parser() -> Callable[[str], Any]:
    """mistune's parser (a token tree, no renderer), its ATX headings read in linear time."""
    import mistune
    from mistune.block_parser import BlockParser

    class LinearHeadings(BlockParser):
        """mistune's own pattern for a heading's closing `#`s, `(\\s+|^)#+\\s*$`, tries the
        run of spaces before them from each of its positions: a heading of 100,000 spaces
        took minutes. The same rule, once over the text."""

        def parse_atx_heading(self, m: Any, state: Any) -> int:
            # mistune 3's parse_atx_heading, but for the closing sequence
            # (tests/test_hostile.py compares the two on ordinary headings).
            text = closing_hashes_removed(m.group("atx_2").strip(string.whitespace))
            level = len(m.group("atx_1"))
            state.append_token(
                {"type": "heading", "text": text, "attrs": {"level": level}, "style": "atx"}
            )
            return int(m.end()) + 1

    return mistune.Markdown(
        renderer=None, block=LinearHeadings(), inline=mistune.InlineParser(hard_wrap=False)
    )


def closing_hashes_removed(text: str) -> str:
    """An ATX heading's text without its closing sequence: a run of `#` at the end, after white
    space or alone, and the white space around it (CommonMark; mistune's rule, in linear time)."""
    trimmed = text.rstrip()
    unclosed = trimmed.rstrip("#")
    if unclosed == trimmed:
        return text
    if not unclosed:
        return ""
    return unclosed.rstrip() if unclosed[-1].isspace() else text


class Head(NamedTuple):  # not a dataclass: cheaper to define, and `show` imports this module
    """What the frontmatter says about an article, and the Markdown body after it."""

    title: str
    description: str
    keywords: tuple[str, ...]
    body: str
    problems: list[Problem]
    keys: frozenset[str]  # the frontmatter's keys, as written


def read_head(text: str) -> Head:
    """The frontmatter's fields and the body, cleaned; raises Unreadable (a ValueError) when the
    frontmatter cannot be read or the body would cost too much to read (reading/cost.py).
    `text` has its BOM and CR line ends gone, and may still have control characters: only the
    C0 and C1 ones go before the YAML, so that keys with bidi characters are seen. The search
    index reads articles with this too, so that a title found there is the title `show` prints."""
    yaml_text, body, problems = metadata.split(clean_controls(text))
    meta = metadata.read(yaml_text)
    body = clean_text(body)
    check_cost(body)
    return Head(
        meta.title, meta.description, meta.keywords, body, problems + list(meta.problems), meta.keys
    )


def parse_article(text: str, *, slug: str, lang: str, path: str) -> Article:
    """Parse one article; raises BadArticle when its frontmatter or Markdown cannot be read."""
    text = normalize_newlines(text)
    problems: list[Problem] = []
    found = control_characters(text)
    if found is not None:
        offset, count, first = found
        line = text.count("\n", 0, offset) + 1
        problems.append(
            Problem("warning", f"{count} control character(s), the first {first}, not shown", line)
        )
    try:
        head = read_head(text)
        tokens = _parse_markdown(head.body)
    except Unreadable as exc:
        raise BadArticle(path, str(exc), exc.line) from None
    # Dropped here, once, so that nothing later (a view, `--format markdown`) ever sees them.
    text = clean_text(text)
    problems += head.problems
    title_from_body, intro, sections = _structure(tokens)
    title = title_text(head.title or title_from_body)
    if not text.strip():
        problems.append(Problem("warning", "the file is empty"))
    elif not title and "title" not in head.keys:
        problems.append(Problem("warning", "no title: no 'title' key and no '#' heading"))
    return Article(
        slug=slug,
        lang=lang,
        path=path,
        title=title or slug,
        description=head.description,
        keywords=head.keywords,
        intro=intro,
        sections=sections,
        source=text,
        problems=tuple(problems),
    )


class _Draft:
    """A section being filled while walking the tokens."""

    def __init__(self, heading: str, level: int) -> None:
        self.heading = heading
        self.level = level
        self.blocks: list[Block] = []
        self.children: list[_Draft] = []

    def freeze(self, number: str) -> Section:
        return Section(
            heading=self.heading,
            level=self.level,
            number=number,
            blocks=_merge_dash_lists(self.blocks),
            children=tuple(
                child.freeze(f"{number}.{i}") for i, child in enumerate(self.children, 1)
            ),
        )


def _structure(tokens: list[Token]) -> tuple[str, tuple[Block, ...], tuple[Section, ...]]:
    """Split the token stream into title heading, introduction and numbered sections."""
    title = ""
    intro: list[Block] = []
    tops: list[_Draft] = []
    current: _Draft | None = None
    seen_content = False
    for token in tokens:
        kind = token.get("type")
        if kind == "heading":
            level = int(token.get("attrs", {}).get("level", 2))
            text = clean_line(spans_text(_inline(token.get("children", [])))).strip()
            if level == 1 and not title and not seen_content and not tops:
                title = text  # the article's own title, already shown as such
                continue
            seen_content = True
            if level <= 2 or not tops:
                current = _Draft(text, 2)
                tops.append(current)
            else:
                current = _Draft(text, level)
                tops[-1].children.append(current)
            continue
        block = _block(token)
        if block is None:
            continue
        seen_content = True
        (current.blocks if current is not None else intro).append(block)
    sections = tuple(draft.freeze(str(i)) for i, draft in enumerate(tops, 1))
    return title, _merge_dash_lists(intro), sections


def _block(token: Token) -> Block | None:
    kind = token.get("type")
    if kind in ("paragraph", "block_text"):
        spans = _inline(token.get("children", []))
        return Paragraph(spans) if spans_text(spans).strip() else None
    if kind == "heading":  # a heading inside a list or quote: keep it as bold text
        spans = tuple(Span(s.text, "strong", s.link) for s in _inline(token.get("children", [])))
        return Paragraph(spans) if spans_text(spans).strip() else None
    if kind == "list":
        items = []
        for item in token.get("children", []):
            blocks = _blocks(item.get("children", []))
            if blocks:
                items.append(blocks)
        ordered = bool(token.get("attrs", {}).get("ordered"))
        return ListBlock(tuple(items), ordered) if items else None
    if kind == "block_quote":
        blocks = _blocks(token.get("children", []))
        return Quote(blocks) if blocks else None  # an empty `>` line closes a quote: nothing
    if kind == "block_code":
        info = clean_line(str(token.get("attrs", {}).get("info") or ""))
        return CodeBlock(clean_text(str(token.get("raw", ""))).rstrip("\n"), info)
    if kind == "block_html":
        text = " ".join(_HTML_TAG.sub(" ", str(token.get("raw", ""))).split())
        return Paragraph((Span(clean_text(text)),)) if text else None
    return None  # blank lines, thematic breaks


def _blocks(tokens: list[Token]) -> tuple[Block, ...]:
    return _merge_dash_lists([b for b in map(_block, tokens) if b is not None])


def _merge_dash_lists(blocks: list[Block]) -> tuple[Block, ...]:
    """Read a run of two or more paragraphs that start with a dash bullet as one list."""
    out: list[Block] = []
    run: list[Paragraph] = []

    def flush() -> None:
        if len(run) >= 2:
            out.append(ListBlock(tuple((_strip_bullet(p),) for p in run)))
        else:
            out.extend(run)
        run.clear()

    for block in blocks:
        if isinstance(block, Paragraph) and block.spans and _DASH_BULLET.match(block.spans[0].text):
            run.append(block)
            continue
        flush()
        out.append(block)
    flush()
    return tuple(out)


def _strip_bullet(paragraph: Paragraph) -> Paragraph:
    first = paragraph.spans[0]
    rest = paragraph.spans[1:]
    text = _DASH_BULLET.sub("", first.text, count=1)
    return Paragraph(((Span(text, first.style, first.link),) if text else ()) + rest)


def _inline(tokens: list[Token], style: str = "", link: str | None = None) -> tuple[Span, ...]:
    """Flatten mistune's inline tokens into styled spans, merging neighbours of one style."""
    # (style, link, pieces): pieces are joined once at the end, since adding to a string
    # again and again is quadratic (400,000 lines of `[` took 9 s).
    runs: list[tuple[str, str | None, list[str]]] = []
    # A source line break waits for the character after it: CSS Text's rule (text/segments.py)
    # joins two Chinese or Japanese characters with nothing, anything else with a space.
    softbreak: tuple[str, str | None] | None = None

    def add(text: str, span_style: str, span_link: str | None) -> None:
        nonlocal softbreak
        if not text:
            return
        if softbreak is not None:
            pending, softbreak = softbreak, None
            before = runs[-1][2][-1] if runs else ""
            add(segment_break(before, text), *pending)
        if runs and runs[-1][0] == span_style and runs[-1][1] == span_link:
            runs[-1][2].append(text)
        else:
            runs.append((span_style, span_link, [text]))

    stack: list[tuple[list[Token], int, str, str | None]] = [(tokens, 0, style, link)]
    # An explicit stack, not recursion: hostile input nests thousands deep.
    while stack:
        items, index, cur_style, cur_link = stack.pop()
        if index >= len(items):
            continue
        stack.append((items, index + 1, cur_style, cur_link))
        token = items[index]
        kind = token.get("type")
        if kind == "text":
            raw = str(token.get("raw", ""))
            if "&" in raw:
                # mistune's tree keeps `&amp;` and `&#x1b;` as written; a reader wants the
                # character, and clean_text below drops it if it is a control character.
                raw = html.unescape(raw)
            if cur_link is None and "{{" in raw:
                for text, target in expand_macros(raw):
                    add(text, cur_style, target)
            else:
                add(clean_text(raw), cur_style, cur_link)
        elif kind == "codespan":
            add(clean_text(str(token.get("raw", ""))), "code", cur_link)
        elif kind == "softbreak":
            softbreak = (cur_style, cur_link)
        elif kind == "linebreak":
            add(" ", cur_style, cur_link)
        elif kind in ("emphasis", "strong"):
            new_style = "strong" if kind == "strong" or cur_style == "strong" else "em"
            stack.append((token.get("children", []), 0, new_style, cur_link))
        elif kind == "link":
            url = clean_line(str(token.get("attrs", {}).get("url", ""))).strip()
            stack.append((token.get("children", []), 0, cur_style, url or cur_link))
        elif kind == "image":
            stack.append((token.get("children", []), 0, cur_style, cur_link))
        elif "children" in token:
            stack.append((token["children"], 0, cur_style, cur_link))
        # inline_html and anything else without text is dropped: raw HTML is markup, not prose
    if softbreak is not None:
        add(" ", *softbreak)  # a break after the last text, as it always read
    return tuple(Span("".join(pieces), run_style, run_link) for run_style, run_link, pieces in runs)
