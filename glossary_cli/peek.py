"""Read an article's title and headings cheaply, by scanning lines: for completion, on every Tab.

The parser (PyYAML, mistune) is the authority; this module agrees with it on ordinary articles
(a plain `title:` in the frontmatter, ATX `#` headings) and never fails: a file it cannot read
gives the slug as its title and no headings.
"""

from __future__ import annotations

import re
from pathlib import Path

from glossary_cli.sanitize import clean_line

# Enough for any real frontmatter and the first heading; a file whose frontmatter runs on past
# this is read again whole (up to the parser's own limit).
_HEAD_BYTES = 64 * 1024
_MAX_BYTES = 8 * 1024 * 1024  # library.MAX_ARTICLE_BYTES, not imported: this module stays small

# python-frontmatter's boundary: a line of three or more dashes.
_BOUNDARY = re.compile(r"-{3,}\s*")
_TITLE_KEY = re.compile(r"title[ \t]*:(?:[ \t]+(.*))?")
# YAML 1.1 (PyYAML) reads these plain scalars as null or booleans, and the parser then ignores
# the title, so this module must too.
_NOT_TEXT = frozenset(
    "~ null Null NULL true True TRUE false False FALSE".split()
    + "yes Yes YES no No NO on On ON off Off OFF".split()
)
_DATE = re.compile(r"\d{4}-\d\d?-\d\d?(?:[Tt ].*)?")  # a date or a timestamp to PyYAML
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})(.*)")
_THEMATIC_BREAK = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")
# Inline Markdown a heading may carry, reduced to the text it shows: links and images to their
# text, no tags, emphasis or code marks, escapes undone. Most headings have none, so these are
# compiled only when one does.
_MARKUP_CHARACTERS = frozenset("[<*_`\\")
_INLINE_PATTERNS = (
    (r"!?\[([^\]]*)\]\([^)]*\)", r"\1"),
    (r"<[^>]{0,2000}>", ""),
    (r"\*\*|__|(?<!\w)[*_]|[*_](?!\w)", ""),
    (r"`+", ""),
    (r"\\([!-/:-@\[-`{-~])", r"\1"),
)
_inline: list[tuple[re.Pattern[str], str]] = []


def _read(path: Path, limit: int) -> tuple[str, bool]:
    """Up to `limit` bytes of the file as text, and whether that is the whole file."""
    try:
        with open(path, "rb") as handle:
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
    if not _BOUNDARY.fullmatch(lines[0]):
        return None, text.split("\n")
    for end in range(1, len(lines)):
        if _BOUNDARY.fullmatch(lines[end]):
            return lines[1:end], lines[end + 1 :]
    return None, lines


def _yaml_title(frontmatter: list[str]) -> str | None:
    """The `title` as PyYAML would read a simple scalar; None when absent or not simple."""
    for index, line in enumerate(frontmatter):
        found = _TITLE_KEY.fullmatch(line)
        if found is None:
            continue
        value = (found.group(1) or "").strip()
        if value in ("", "|", ">", "|-", ">-", "|+", ">+"):
            # A block or multi-line plain scalar: its indented lines, folded into one.
            parts = []
            for following in frontmatter[index + 1 :]:
                if following.strip() and not following[:1].isspace():
                    break
                parts.append(following.strip())
            return " ".join(part for part in parts if part) or None
        if value[0] == '"':
            end = re.search(r'(?<!\\)(?:\\\\)*"', value[1:])
            if end is None:
                return None  # runs on over several lines: leave it to the parser
            inner = value[1 : 1 + end.end() - 1]
            return re.sub(r"\\(.)", r"\1", inner)
        if value[0] == "'":
            end = re.search(r"'(?!')", value[1:].replace("''", "\0\0"))
            if end is None:
                return None
            return value[1 : 1 + end.start()].replace("''", "'")
        if value[0] in "[{&*!%@`|>":
            return None  # a collection, an alias or a tag: not a title the parser accepts
        value = value.split(" #", 1)[0].rstrip()
        return None if value in _NOT_TEXT or _DATE.fullmatch(value) else value
    return None


def _heading(line: str) -> tuple[int, str] | None:
    found = _ATX.fullmatch(line)
    if found is None:
        return None
    return len(found.group(1)), inline_text(found.group(2) or "")


def inline_text(markdown: str) -> str:
    """The text a line of inline Markdown shows: links by their text, no emphasis or code marks."""
    text = markdown
    if not _MARKUP_CHARACTERS.isdisjoint(text):
        if not _inline:
            _inline.extend((re.compile(pattern), by) for pattern, by in _INLINE_PATTERNS)
        for pattern, by in _inline:
            text = pattern.sub(by, text)
    return clean_line(text).strip()


def _body_lines(path: Path) -> tuple[list[str] | None, list[str]]:
    text, whole = _read(path, _HEAD_BYTES)
    frontmatter, body = _split(text)
    if frontmatter is None and not whole and text.startswith("---"):
        text, _ = _read(path, _MAX_BYTES)  # a long frontmatter: read on to its end
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
        if not line.strip() or _THEMATIC_BREAK.fullmatch(line):
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
    text, _ = _read(path, _MAX_BYTES)
    _, body = _split(text)
    numbered: list[tuple[str, str]] = []
    tops = 0
    children = 0
    fence: tuple[str, int] | None = None
    seen_content = False
    title_taken = False
    for line in body:
        if fence is not None:
            closing = _FENCE.fullmatch(line)
            if (
                closing is not None
                and closing.group(1)[0] == fence[0]
                and len(closing.group(1)) >= fence[1]
                and not closing.group(2).strip()
            ):
                fence = None
            continue
        opening = _FENCE.fullmatch(line)
        if opening is not None and not (opening.group(1)[0] == "`" and "`" in opening.group(2)):
            fence = (opening.group(1)[0], len(opening.group(1)))
            seen_content = True
            continue
        heading = _heading(line)
        if heading is None:
            if line.strip() and not _THEMATIC_BREAK.fullmatch(line):
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
