"""An article's frontmatter fields and its cleaned Markdown body, before any Markdown is parsed:
what `show`'s parser (reading/markdown.py) and the search index (search/extract.py) both start
from, in a module that imports neither the parser nor the document model."""

from __future__ import annotations

from typing import NamedTuple

from glossary_cli.document.problem import Problem
from glossary_cli.reading import frontmatter as metadata
from glossary_cli.reading.cost import check_cost
from glossary_cli.text.sanitize import clean_controls, clean_text


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
