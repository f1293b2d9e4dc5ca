"""Read a Markdown body by lines, cheaply and in linear time: its blocks, its title and headings
as the parser (reading/markdown.py) reads them, and the text a line of inline Markdown shows.

Completion (on every Tab) and the search index read articles with this, not with mistune. Every
pattern here stops at the next opener of its kind or is bounded, so no line is rescanned from
each of its positions: hostile input (a 96 KB heading, 8,000 unclosed macros) costs linear time.
It imports no YAML, Markdown or Rich: completion must stay cheap to start.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import NamedTuple

from glossary_cli.reading.hugo import without_heading_attributes, without_shortcodes
from glossary_cli.text.sanitize import clean_line, clean_text
from glossary_cli.text.segments import join_breaks


@cache
def _re(pattern: str) -> re.Pattern[str]:
    """`pattern` compiled once: `re`'s own cache is looked up in Python on every call, which
    the index's reading of every line of every article would pay many times over."""
    return re.compile(pattern)


# Patterns are strings, compiled when first used (_re): a Tab press that reads a title from the
# frontmatter needs none of them, and the index reads thousands of lines with them.

# MDN's KumaScript macros: {{Glossary("term", "text")}}, {{jsxref("Promise")}}, {{Note}}...
# The arguments are bounded: an unbounded `.*?` rescans the rest of the line from every `{{`
# (quadratic on thousands of unclosed `{{Glossary("`). The white space before the arguments is
# inside their optional group, so that two `\s*` never meet across it (they would split a run
# of spaces every way).
MACRO = r"\{\{\s*([A-Za-z][\w-]{0,100})(?:\s*\((.{0,500}?)\))?\s*\}\}"
_MACRO_ARGUMENT = r"""(["'])(.*?)\1"""

# Literal pieces are set aside behind these (Unicode noncharacters, for internal use) while the
# rest loses its markup, so that nothing in a code span or after a `\` is read as markup.
_OPEN, _CLOSE = "\ufdd0", "\ufdd1"
_PLACEHOLDER = "\ufdd0(\\d+)\ufdd1"
# A line without any of these is text as it stands (a pattern finds one faster than a set).
_MARKUP = r"[\[<*_`\\{&]"
_ESCAPE_OR_TICKS = r"\\[!-/:-@\[-`{-~]|`+"
# An autolink shows its address as written: literal too. The address stops at `<`, `>` or a
# space, so each `<` is scanned only to the next one.
_AUTOLINK = r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*)>"
# Links and images by their text; text holds no bracket, a target no parenthesis but one
# balanced pair: each `[` or `(` is then scanned only to the next one, never to the line's end.
_IMAGE = r"!\[([^\[\]]*)\]\((?:[^()]|\([^()]*\))*\)"
_LINK = r"\[([^\[\]]*)\](?:\((?:[^()]|\([^()]*\))*\)|\[[^\[\]]*\])"
_TAG = r"</?[A-Za-z][^<>]*>"
# Emphasis marks, where they open or close a run (a lone `*` between spaces is text).
_EMPHASIS = (
    ("*", r"\*+(?=\S)|(?<=\S)\*+"),
    ("_", r"(?<!\w)_+(?=\S)|(?<=\S)_+(?!\w)"),
)

# Block structure.
# An empty `-` or `1.` is an item too (the parser shows nothing for it); a dash only with text.
_ITEM = r"\s*(?:(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)|[\u2013\u2014\u2022]\s+)"
_QUOTE = r" {0,3}(?:>\s?)+"
_CALLOUT = r"\[!\w+\]\s*"
# No two `\s*` meet across an optional `|`: they would split a run of spaces every way.
_TABLE_RULE = r"\s*(?:\|\s*)?:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*(?:\|\s*)?"
_SETEXT = r" {0,3}(=+|-+)[ \t]*"
_FENCE = r" {0,3}(`{3,}|~{3,})(.*)"
# CommonMark's HTML blocks of kind 6: a line starting with one of these tags opens a block that
# runs to the next blank line, and no Markdown is read inside it.
_HTML_BLOCK = r" {0,3}</?([A-Za-z][A-Za-z0-9]{0,20})(?:[ \t>]|/>|$)"
_HTML_BLOCK_TAGS = frozenset(
    "address article aside base basefont blockquote body caption center col colgroup dd details "
    "dialog dir div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 "
    "h6 head header hr html iframe legend li link main menu menuitem nav noframes ol optgroup "
    "option p param search section summary table tbody td tfoot th thead title tr track "
    "ul".split()
)


def normalize_newlines(text: str) -> str:
    """A file's text without its byte-order mark, its line ends all `\n`."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def expand_macros(raw: str) -> list[tuple[str, str | None]]:
    """Text with MDN macros replaced by what they display; glossary macros become links.
    Hugo's shortcodes are dropped here too: both readers expand macros with this."""
    raw = without_shortcodes(raw)
    out: list[tuple[str, str | None]] = []
    pos = 0
    for match in _re(MACRO).finditer(raw):
        out.append((clean_text(raw[pos : match.start()]), None))
        name = match.group(1).lower()
        args = [a[1] for a in _re(_MACRO_ARGUMENT).findall(match.group(2) or "")]
        if name == "glossary" and args:
            display = args[1] if len(args) > 1 else args[0]
            slug = args[0].strip().lower().replace(" ", "_")
            out.append((clean_text(display), f"/{slug}"))
        elif args:
            out.append((clean_text(args[0]), None))
        pos = match.end()
    out.append((clean_text(raw[pos:]), None))
    return out


def inline_text(markdown: str) -> str:
    """The text a line of inline Markdown shows, as the parser shows it: macros as what they
    display, links and images by their text, no tags, no emphasis or code marks, character
    references decoded, control characters dropped; its line breaks (a paragraph's lines, as
    `blocks` keeps them) joined as the parser joins them, by the characters either side that
    show (text/segments.py)."""
    if _re(_MARKUP).search(markdown) is None:
        return clean_line(join_breaks(markdown)).strip()
    # Control characters go first, as the parser drops them before reading anything.
    text = clean_text(markdown)
    if _OPEN in text or _CLOSE in text:
        text = text.replace(_OPEN, "").replace(_CLOSE, "")
    literals: list[str] = []
    text = _set_literals_aside(text, literals)
    if "<" in text:
        text = _re(_AUTOLINK).sub(lambda found: _aside(found.group(1), literals), text)
        if "<!--" in text:
            text = _without_comments(text)
        text = _re(_TAG).sub("", text)
    if "[" in text:
        text = _re(_LINK).sub(r"\1", _re(_IMAGE).sub(r"\1", text))
    for mark, pattern in _EMPHASIS:
        # A single mark has nothing to pair with: it is text.
        if mark in text and len(_re(pattern).findall(text)) > 1:
            text = _re(pattern).sub("", text)
    if "&" in text:
        import html  # only here: its table of entities is not needed for most lines

        text = html.unescape(text)
    if "{{" in text:
        text = "".join(shown for shown, _ in expand_macros(text))
    text = join_breaks(text)  # before the literals come back: a break is never in them
    if literals:
        text = _re(_PLACEHOLDER).sub(lambda found: literals[int(found.group(1))], text)
    return clean_line(text).strip()


def _aside(literal: str, literals: list[str]) -> str:
    literals.append(literal)
    return f"{_OPEN}{len(literals) - 1}{_CLOSE}"


def _set_literals_aside(text: str, literals: list[str]) -> str:
    """Backslash escapes (their character) and code spans (their content) behind placeholders.

    A code span closes at the next run of exactly as many backticks; the runs are listed once,
    by length, so an opener that never closes costs a lookup, not a scan of the rest."""
    if "`" not in text and "\\" not in text:
        return text
    from bisect import bisect_left  # only here: most lines have no code span

    runs: dict[int, list[int]] = {}
    for run in _re("`+").finditer(text):
        runs.setdefault(run.end() - run.start(), []).append(run.start())
    out: list[str] = []
    done = 0  # text before this is in `out`
    for found in _re(_ESCAPE_OR_TICKS).finditer(text):
        start, end = found.start(), found.end()
        if start < done:
            continue  # inside a code span already taken
        if text[start] == "\\":
            out.append(text[done:start])
            out.append(_aside(text[start + 1], literals))
            done = end
            continue
        length = end - start
        starts = runs.get(length, [])
        closing = bisect_left(starts, end)
        if closing == len(starts):
            continue  # no closing run: the backticks are text
        close = starts[closing]
        out.append(text[done:start])
        out.append(_aside(_code_span(text[end:close]), literals))
        done = close + length
    out.append(text[done:])
    return "".join(out)


def _code_span(code: str) -> str:
    # A line break in a code span is a space (CommonMark); then one space goes from each side
    # of a code span that has both.
    code = code.replace("\n", " ")
    return code[1:-1] if len(code) > 2 and code[0] == code[-1] == " " else code


def _without_comments(text: str) -> str:
    """Text without its `<!-- ... -->` comments; one never closed is text, as to the parser."""
    out: list[str] = []
    done = 0
    while True:
        start = text.find("<!--", done)
        if start < 0:
            break
        out.append(text[done:start])
        end = text.find("-->", start + 4)
        if end < 0:
            done = start  # and every later opener is unclosed too
            break
        done = end + 3
    out.append(text[done:])
    return "".join(out)


# --------------------------------------------------------------------------- blocks


class Block(NamedTuple):
    """One block of a body, its inline Markdown not yet read."""

    kind: str  # "h" heading, "p" paragraph, "i" item (list item, quote line, table row), "code"
    level: int  # a heading's level, 1 to 6; 0 for the other kinds
    # A paragraph's lines joined by line breaks, which inline_text joins as the parser does
    # (an HTML block's by spaces, as the parser reads it); "" for code.
    markdown: str


def atx_heading(line: str) -> tuple[int, str] | None:
    """(level, inline Markdown) of an ATX heading line (`## Text ##`), else None."""
    unindented = line.lstrip(" ")
    if len(line) - len(unindented) > 3 or not unindented.startswith("#"):
        return None
    rest = unindented.lstrip("#")
    level = len(unindented) - len(rest)
    if level > 6 or rest[:1] not in ("", " ", "\t"):
        return None
    rest = rest.strip(" \t")
    # A closing run of `#` goes, if white space comes before it (or it is all there is).
    unclosed = rest.rstrip("#")
    if not unclosed:
        return level, ""
    if unclosed[-1] in " \t":
        rest = unclosed.rstrip(" \t")
    return level, rest


def is_thematic_break(line: str) -> bool:
    """`---`, `***` or `___`, spaced or not: not content (and never a title)."""
    unindented = line.lstrip(" ")
    marks = unindented.replace(" ", "").replace("\t", "")
    return (
        len(line) - len(unindented) <= 3
        and len(marks) >= 3
        and marks[0] in "-*_"
        and marks.count(marks[0]) == len(marks)
    )


def blocks(lines: Iterable[str]) -> Iterator[Block]:
    """The blocks of a body's lines, in order. Fenced code is one `code` block (its text left
    out: it is not prose); comments, thematic breaks and table rules are no block."""
    held: list[str] = []  # the lines of the paragraph or item being read
    kind = "p"
    fence: tuple[str, int] | None = None  # (its character, its length)
    in_comment = False
    in_html = False

    def flush() -> tuple[Block, ...]:  # a tuple, not a generator: called on every blank line
        nonlocal kind
        held_kind, kind = kind, "p"
        if not held:
            return ()
        block = Block(held_kind, 0, (" " if in_html else "\n").join(held))
        held.clear()
        return (block,)

    for line in lines:
        if fence is not None:
            if closes_fence(line, fence):
                fence = None
            continue
        if in_comment:
            in_comment = "-->" not in line
            continue
        if in_html:
            if line.strip():
                held.append(line.strip())
                continue
            yield from flush()  # while in_html: its lines are joined as HTML's
            in_html = False
        stripped = line.lstrip(" ")
        first = stripped[:1]
        if first.isalpha():
            # Most lines of prose: a letter opens no block (every marker below starts with a
            # mark, a digit or white space), so the line joins the paragraph or item held.
            held.append(line.strip())
            continue
        if first in ("`", "~"):
            fence = fence_opening(line)
            if fence is not None:
                yield from flush()
                yield Block("code", 0, "")
                continue
        if held and kind == "p" and first in ("=", "-"):
            level = setext_level(line)
            if level:
                # The paragraph above was a heading; the underline is syntax.
                yield Block("h", level, without_heading_attributes("\n".join(held)))
                held.clear()
                continue
        if first == "#":  # before the checks below, which a `#` line never meets
            heading = atx_heading(line)
            if heading is not None:
                yield from flush()
                yield Block("h", heading[0], without_heading_attributes(heading[1]))
                continue
        if not stripped.strip() or is_thematic_break(line) or _re(_TABLE_RULE).fullmatch(line):
            yield from flush()
            continue
        if first == "<" and len(line) - len(stripped) <= 3:
            if stripped.startswith("<!--"):
                yield from flush()
                closing = stripped.find("-->", 4)
                in_comment = closing < 0
                after = "" if in_comment else stripped[closing + 3 :].strip()
                if after:  # the rest of the comment's line belongs to it, and shows
                    yield Block("p", 0, after)
                continue
            tag = _re(_HTML_BLOCK).match(line)
            if tag is not None and tag.group(1).lower() in _HTML_BLOCK_TAGS:
                yield from flush()
                held.append(stripped.strip())
                in_html = True
                continue
        item = _re(_ITEM).match(line) or _re(_QUOTE).match(line)
        if item is not None or first == "|":
            yield from flush()
            kind = "i"
            line = line[item.end() :] if item is not None else line.replace("|", " ")
            line = _re(_CALLOUT).sub("", line.lstrip("> "), count=1)
            heading = atx_heading(line)
            if heading is not None:
                line = heading[1]  # a heading in a list or quote is text there
        held.append(line.strip())
    yield from flush()


def fence_opening(line: str) -> tuple[str, int] | None:
    """The code fence a line opens, as (its character, its length), else None."""
    opening = _re(_FENCE).fullmatch(line)
    if opening is None or (opening.group(1)[0] == "`" and "`" in opening.group(2)):
        return None
    return opening.group(1)[0], len(opening.group(1))


def setext_level(line: str) -> int:
    """1 or 2 for a line that underlines the paragraph above as a heading (`===`, `---`),
    else 0."""
    underline = _re(_SETEXT).fullmatch(line)
    if underline is None:
        return 0
    return 1 if underline.group(1)[0] == "=" else 2


def starts_item(line: str) -> bool:
    """Whether the line starts a list item, a quote line or a table row (no paragraph, so a
    `---` under it is no setext underline)."""
    return bool(_re(_ITEM).match(line) or _re(_QUOTE).match(line) or line.lstrip()[:1] == "|")


def closes_fence(line: str, fence: tuple[str, int]) -> bool:
    """Whether `line` closes the code fence opened as `fence` (fence_opening's answer)."""
    unindented = line.lstrip(" ")
    if len(line) - len(unindented) > 3 or not unindented.startswith(fence[0]):
        return False
    marks = unindented.rstrip(" \t")
    return len(marks) >= fence[1] and marks.count(fence[0]) == len(marks)


class Outline(NamedTuple):
    """A body as read by lines: its title, and its blocks as (kind, level, shown text)."""

    title: str  # a leading `#` heading's text, as the parser takes it for the title; or ""
    blocks: list[tuple[str, int, str]]  # headings always; paragraphs and items with `prose`


def outline(lines: Iterable[str], *, prose: bool = True, title_only: bool = False) -> Outline:
    """The title and the headings (and, with `prose`, the paragraphs and items that show any
    text) of a body. The title is the parser's: a level-1 heading before any block that shows
    something; an empty one is passed over. With `title_only`, reading stops once it is known."""
    title = ""
    deciding = True  # no content yet, so a `#` heading may still be the title
    found: list[tuple[str, int, str]] = []
    for block in blocks(lines):
        if deciding:
            if block.kind == "code":
                deciding = False
            else:
                text = inline_text(block.markdown)
                if block.kind == "h" and block.level == 1:
                    title = text
                    deciding = not title
                    if title_only and title:
                        break
                    continue
                if block.kind != "h" and not text:
                    continue  # shows nothing: not content, as the parser reads it
                deciding = False
                if block.kind == "h" or prose:
                    found.append((block.kind, block.level, text))
            if title_only and not deciding:
                break
            continue
        if block.kind == "h" or (prose and block.kind != "code"):
            text = inline_text(block.markdown)
            if block.kind == "h" or text:
                found.append((block.kind, block.level, text))
    return Outline(title, found)
