"""An article's fields as one line of `list`'s plain output: written by the plain view, and kept
by the search index for each file, so that `list` writes its lines as SQLite gives them."""

from __future__ import annotations

from collections.abc import Iterable

from glossary_cli.text.sanitize import one_line


def listed_fields(title: str, description: str, keywords: Iterable[str]) -> str:
    """The title, description and keywords, each on one line, separated by tabs, the keywords
    by commas (the line's slug and language go before them)."""
    keys = ", ".join(one_line(word) for word in keywords)
    return f"{one_line(title)}\t{one_line(description)}\t{keys}"
