"""Read an article's title and headings cheaply, by scanning lines: for completion, on every Tab.

The parser (PyYAML, mistune) is the authority; this module reads the frontmatter's title with
reading/frontmatter_lines.py and the body with reading/lines.py, which agree with it on ordinary
articles, and never fails: a file it cannot read gives the slug as its title and no headings.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from glossary_cli.document.numbering import section_numbers
from glossary_cli.library.roots import MAX_ARTICLE_BYTES
from glossary_cli.reading import frontmatter_lines, lines
from glossary_cli.text.sanitize import clean_line
from glossary_cli.text.unicode import title_text

# Enough for any real frontmatter and the first heading; a file whose frontmatter runs on past
# this is read again whole (up to the parser's own limit).
_HEAD_BYTES = 64 * 1024


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
    return lines.normalize_newlines(text), whole


def _body_lines(path: Path) -> tuple[list[str] | None, list[str]]:
    text, whole = _read(path, _HEAD_BYTES)
    frontmatter, body = frontmatter_lines.split(text)
    if frontmatter is None and not whole and text.startswith("---"):
        text, _ = _read(path, MAX_ARTICLE_BYTES)  # a long frontmatter: read on to its end
        frontmatter, body = frontmatter_lines.split(text)
    return frontmatter, body


def title(path: Path, slug: str) -> str:
    """The article's title: frontmatter `title`, else a leading `#` heading, else the slug."""
    frontmatter, body = _body_lines(path)
    if frontmatter is not None:
        found = frontmatter_lines.yaml_title(frontmatter)
        if found is not None:
            shown = title_text(clean_line(found))
            if shown:
                return shown
    return title_text(lines.outline(body, prose=False, title_only=True).title) or slug


def headings(path: Path) -> list[tuple[str, str]]:
    """The sections as `sections` numbers them: ("1", heading), ("2.1", heading), ..."""
    text, _ = _read(path, MAX_ARTICLE_BYTES)
    _, body = frontmatter_lines.split(text)
    found = lines.outline(body, prose=False).blocks
    numbers = section_numbers([level for _kind, level, _heading in found])
    return [(number, heading) for number, (_, _, heading) in zip(numbers, found, strict=True)]
