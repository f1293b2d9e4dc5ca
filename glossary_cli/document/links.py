"""Classify an article's links: internal ones name another article, the rest are external."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from glossary_cli.document.model import Article, iter_spans

# Internal targets: /slug, /slug/, /<lang>/slug/, and MDN's /<lang>/docs/Glossary/Term.
_INTERNAL = re.compile(
    r"^/(?:(?P<lang>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)/)?"
    r"(?:docs/Glossary/)?(?P<slug>[^/#?\s]+)/?(?:#[^\s]*)?$"
)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class Link(NamedTuple):
    text: str
    target: str
    slug: str | None  # the article it names, for internal links
    exists: bool  # internal and in the library

    @property
    def kind(self) -> str:
        if self.slug is None:
            return "external"
        return "article" if self.exists else "missing"


def internal_slug(target: str) -> str | None:
    """The slug an internal link names, or None for URLs, anchors and other paths."""
    if _SCHEME.match(target) or target.startswith("//"):
        return None
    match = _INTERNAL.match(target)
    if match is None:
        return None
    slug = match.group("slug")
    if "docs/Glossary/" in target:
        slug = slug.lower()  # MDN's folder names are its glossary slugs, lowercased
    return slug


def article_links(article: Article, exists: Callable[[str], bool]) -> list[Link]:
    """Every link of the article in document order; `exists` tells which slugs are articles."""
    spans = list(iter_spans(article.intro))
    for section in article.all_sections():
        spans.extend(iter_spans(section.blocks))
    links: list[Link] = []
    previous_target: str | None = None
    for span in spans:
        if span.link is not None and span.link == previous_target and links:
            # one link whose text changes style midway arrives as several spans: join them
            last = links.pop()
            links.append(Link(last.text + span.text, last.target, last.slug, last.exists))
        elif span.link is not None:
            slug = internal_slug(span.link)
            links.append(Link(span.text, span.link, slug, slug is not None and exists(slug)))
        previous_target = span.link
    return [Link(" ".join(k.text.split()), k.target, k.slug, k.exists) for k in links]
