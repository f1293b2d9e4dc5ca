"""Read an article's title and headings cheaply, by scanning lines: for completion, on every Tab.

The parser (PyYAML, mistune) is the authority; this module agrees with it on ordinary articles
(a plain `title:` in the frontmatter, ATX `#` headings) and never fails: a file it cannot read
gives the slug as its title and no headings.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from glossary_cli.library.roots import MAX_ARTICLE_BYTES
from glossary_cli.text.sanitize import clean_line

# Enough for any real frontmatter and the first heading; a file whose frontmatter runs on past
# this is read again whole (up to the parser's own limit).
_HEAD_BYTES = 64 * 1024

# YAML 1.1 (PyYAML) reads these plain scalars as null or booleans, and the parser then ignores
# the title, so this module must too.
_NOT_TEXT = frozenset(
    "~ null Null NULL true True TRUE false False FALSE".split()
    + "yes Yes YES no No NO on On ON off Off OFF".split()
)
# Patterns are left for `re` to compile (and cache) when first used: compiling them all costs
# more than a completion that needs none of them (a title from the frontmatter, say).
_TITLE_KEYS = ("title", "'title'", '"title"')
_YAML_SPACE = " \t"  # YAML's white space; no-break spaces and the like are text
_DATE = r"\d{4}-\d\d?-\d\d?(?:[Tt ].*)?"  # a date or a timestamp to PyYAML
_YAML_ESCAPE = r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)"
_YAML_ESCAPES = dict(zip("0abtnvfreN_LP", "\0\a\b\t\n\v\f\r\x1b\x85\xa0\u2028\u2029", strict=True))
_ATX = r" {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*"
_FENCE = r" {0,3}(`{3,}|~{3,})(.*)"
# Inline Markdown a heading may carry, reduced to the text it shows, as the parser shows it:
# links and images by their text, no tags, no emphasis or code marks, MDN's macros by the text
# they display. Backslash escapes are kept apart first, so an escaped `*` stays.
_MARKUP_CHARACTERS = frozenset("[<*_`\\{")
# Kept as written: a backslash escape (its character) and a code span (its content).
_LITERAL = r"\\([!-/:-@\[-`{-~])|(`+)(.+?)\2(?!`)"
_INLINE_PATTERNS = (
    (r"!?\[([^\]]*)\]\([^)]*\)", r"\1"),
    (r"<[^>]{0,2000}>", ""),
)
# Emphasis marks, where they open or close a run (a lone `*` between spaces is text).
_EMPHASIS = {
    "*": ("*", r"\*+(?=\S)|(?<=\S)\*+"),
    "_": ("_", r"(?<!\w)_+(?=\S)|(?<=\S)_+(?!\w)"),
}
_MACRO = r"\{\{\s*([A-Za-z][\w-]*)\s*(?:\((.*?)\))?\s*\}\}"
_MACRO_ARGUMENT = r"""(["'])(.*?)\1"""


def _read(path: Path, limit: int) -> tuple[str, bool]:
    """Up to `limit` bytes of the file as text, and whether that is the whole file."""
    try:
        # Non-blocking, and only a regular file is read: a FIFO named en.md must not hang Tab.
        handle = os.fdopen(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb")
        with handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return "", True
            data = handle.read(limit + 1)
    except OSError:
        return "", True
    whole = len(data) <= limit
    text = data[:limit].decode("utf-8", errors="replace")
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"), whole


def _split(text: str) -> tuple[list[str] | None, list[str]]:
    """Frontmatter lines (None when there is none, or it is never closed) and body lines."""
    if not text.startswith("---"):
        return None, text.split("\n")
    lines = text.strip().split("\n")
    if not _is_boundary(lines[0]):
        return None, text.split("\n")
    for end in range(1, len(lines)):
        if _is_boundary(lines[end]):
            return lines[1:end], lines[end + 1 :]
    return None, lines


def _yaml_title(frontmatter: list[str]) -> str | None:
    """The `title` as PyYAML reads a scalar; None when absent or not text."""
    found = None
    for index, line in enumerate(frontmatter):
        key = next((k for k in _TITLE_KEYS if line.startswith(k)), "")
        after_key = line[len(key) :].lstrip(" \t") if key else ""
        if after_key.startswith(":") and after_key[1:2] in ("", " ", "\t"):
            # The last one, as PyYAML keeps the last of a repeated key.
            found, value = index, after_key[1:].strip(_YAML_SPACE)
    if found is None:
        return None
    parts = [value]
    for following in frontmatter[found + 1 :]:
        if following.strip(_YAML_SPACE) and following[:1] not in (" ", "\t"):
            break
        parts.append(following.strip(_YAML_SPACE))  # a continuation line
    if parts[0] in ("|", ">", "|-", ">-", "|+", ">+"):
        return " ".join(part for part in parts[1:] if part) or None
    value = ""
    for part in filter(None, parts):
        escaped_break = value[:1] == '"' and (len(value) - len(value.rstrip("\\"))) % 2 == 1
        # A line break folds into a space, unless a double-quoted line escapes it with `\`.
        value = value[:-1] + part if escaped_break else f"{value} {part}" if value else part
    if not value:
        return None
    if value[0] == '"':
        closing = re.search(r'(?<!\\)(?:\\\\)*"', value[1:])
        if closing is None:
            return None
        return re.sub(_YAML_ESCAPE, _unescape, value[1 : closing.end()])
    if value[0] == "'":
        closing = re.search(r"'(?!')", value[1:].replace("''", "\0\0"))
        if closing is None:
            return None
        return value[1 : 1 + closing.start()].replace("''", "'")
    if value[0] in "[{&*!%@`|>":
        return None  # a collection, an alias or a tag: not a title the parser accepts
    value = value.split(" #", 1)[0].rstrip(_YAML_SPACE)
    return None if value in _NOT_TEXT or re.fullmatch(_DATE, value) else value


def _unescape(escape: re.Match[str]) -> str:
    code = escape.group(1)
    if code[0] in "xuU" and len(code) > 1:
        return chr(int(code[1:], 16))
    return _YAML_ESCAPES.get(code, code)


def _is_boundary(line: str) -> bool:
    """python-frontmatter's boundary: a line of three or more dashes."""
    dashes = line.rstrip()
    return len(dashes) >= 3 and dashes.count("-") == len(dashes)


def _is_thematic_break(line: str) -> bool:
    """`---`, `***` or `___`, spaced or not: not content (and never a title)."""
    unindented = line.lstrip(" ")
    marks = unindented.replace(" ", "").replace("\t", "")
    return (
        len(line) - len(unindented) <= 3
        and len(marks) >= 3
        and marks[0] in "-*_"
        and marks.count(marks[0]) == len(marks)
    )


def _heading(line: str) -> tuple[int, str] | None:
    if not line.lstrip(" ").startswith("#"):
        return None
    found = re.fullmatch(_ATX, line)
    if found is None:
        return None
    return len(found.group(1)), inline_text(found.group(2) or "")


def inline_text(markdown: str) -> str:
    """The text a line of inline Markdown shows: links by their text, no emphasis or code marks."""
    if _MARKUP_CHARACTERS.isdisjoint(markdown):
        return clean_line(markdown).strip()
    shown: list[str] = []
    start = 0
    for literal in re.finditer(_LITERAL, markdown):
        shown.append(_without_markup(markdown[start : literal.start()]))
        escaped, code = literal.group(1), literal.group(3)
        shown.append(escaped if escaped is not None else _code_span(code))
        start = literal.end()
    shown.append(_without_markup(markdown[start:]))
    return clean_line("".join(shown)).strip()


def _code_span(code: str) -> str:
    # CommonMark strips one space from each side of a code span that has both.
    return code[1:-1] if len(code) > 2 and code[0] == code[-1] == " " else code


def _without_markup(text: str) -> str:
    for pattern, by in _INLINE_PATTERNS:
        text = re.sub(pattern, by, text)
    for mark, pattern in _EMPHASIS.values():
        # A single mark has nothing to pair with: it is text.
        if mark in text and len(re.findall(pattern, text)) > 1:
            text = re.sub(pattern, "", text)
    return re.sub(_MACRO, _macro_text, text)


def _macro_text(macro: re.Match[str]) -> str:
    """What an MDN macro displays: {{Glossary("term", "text")}} its text, else its first word."""
    arguments = [str(found[1]) for found in re.findall(_MACRO_ARGUMENT, macro.group(2) or "")]
    if macro.group(1).lower() == "glossary" and len(arguments) > 1:
        return arguments[1]
    return arguments[0] if arguments else ""


def _body_lines(path: Path) -> tuple[list[str] | None, list[str]]:
    text, whole = _read(path, _HEAD_BYTES)
    frontmatter, body = _split(text)
    if frontmatter is None and not whole and text.startswith("---"):
        text, _ = _read(path, MAX_ARTICLE_BYTES)  # a long frontmatter: read on to its end
        frontmatter, body = _split(text)
    return frontmatter, body


def title(path: Path, slug: str) -> str:
    """The article's title: frontmatter `title`, else a leading `#` heading, else the slug."""
    frontmatter, body = _body_lines(path)
    if frontmatter is not None:
        found = _yaml_title(frontmatter)
        if found is not None:
            shown = clean_line(found).strip()
            if shown:
                return shown
    for line in body:
        if not line.strip() or _is_thematic_break(line):
            continue
        heading = _heading(line)
        # Only a `#` heading before any other content is the title, as the parser reads it.
        if heading is not None and heading[0] == 1:
            if heading[1]:
                return heading[1]
            continue  # an empty `#` line, which the parser passes over too
        break
    return slug


def headings(path: Path) -> list[tuple[str, str]]:
    """The sections as `sections` numbers them: ("1", heading), ("2.1", heading), ..."""
    text, _ = _read(path, MAX_ARTICLE_BYTES)
    _, body = _split(text)
    numbered: list[tuple[str, str]] = []
    tops = 0
    children = 0
    fence: tuple[str, int] | None = None
    seen_content = False
    title_taken = False
    fence_pattern = re.compile(_FENCE)
    for line in body:
        if fence is not None:
            closing = fence_pattern.fullmatch(line)
            if (
                closing is not None
                and closing.group(1)[0] == fence[0]
                and len(closing.group(1)) >= fence[1]
                and not closing.group(2).strip()
            ):
                fence = None
            continue
        opening = fence_pattern.fullmatch(line) if line.lstrip(" ")[:1] in ("`", "~") else None
        if opening is not None and not (opening.group(1)[0] == "`" and "`" in opening.group(2)):
            fence = (opening.group(1)[0], len(opening.group(1)))
            seen_content = True
            continue
        heading = _heading(line)
        if heading is None:
            if line.strip() and not _is_thematic_break(line):
                seen_content = True
            continue
        level, text_ = heading
        if level == 1 and not title_taken and not seen_content and tops == 0:
            title_taken = bool(text_)  # the article's own title, not a section
            continue
        seen_content = True
        if level <= 2 or tops == 0:
            tops += 1
            children = 0
            numbered.append((str(tops), text_))
        else:
            children += 1
            numbered.append((f"{tops}.{children}", text_))
    return numbered
