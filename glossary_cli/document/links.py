"""Classify an article's links: internal ones name another article, the rest are external.

One resolver for every way a glossary writes a link to another term: `/cluster/`,
`/it/cluster/`, `it/cluster/`, `../cluster/`, `cluster/`, `/pt-br//cluster/`, `/bn/cluster.md`,
`../cluster/it.md`, MDN's `/en-US/docs/Glossary/Cluster` and `{{Glossary("cluster")}}`, and a
nested term's `/en-US/docs/Glossary/Engine/JavaScript` (`engine-javascript`). The name
it finds is looked up as a typed name is (`Library.article_named`: case, `_` for `-`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple
from urllib.parse import unquote

from glossary_cli.document.model import Article, iter_spans

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# A language folder in a link's path: `it`, `pt-br`, `en-US`, `zh_Hant` (a primary subtag of
# two or three letters: longer words are article names, not languages).
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
_ARTICLE_FILE = re.compile(r"^(?:[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*|index)\.md$", re.I)
# A file beside the article (`diagram.png`, `page.html`): its name has an extension.
_FILE_EXTENSION = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,4}$")
# Runs of percent-encoded bytes outside ASCII: UTF-8 text (Devanagari, CJK) a reader can read.
_ENCODED_TEXT = re.compile(r"(?:%[89A-Fa-f][0-9A-Fa-f])+")

Resolve = Callable[[str], "str | None"]  # an article's name -> its slug in the library, or None


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


def display_target(target: str) -> str:
    """A link target with its percent-encoded text decoded (`/hi/%E0%A4%95/` is `/hi/क/`);
    encoded ASCII (`%20`, `%2F`) stays encoded, as it may change what the address means."""
    if "%" not in target:
        return target

    def decode(found: re.Match[str]) -> str:
        try:
            return unquote(found.group(0), errors="strict")
        except UnicodeDecodeError:
            return found.group(0)

    return _ENCODED_TEXT.sub(decode, target)


def internal_slug(target: str) -> str | None:
    """The article name an internal link's target gives (not yet looked up in the library), or
    None for URLs, anchors and paths that name no article."""
    parts = _named(target)
    return parts[0] if parts is not None and len(parts) == 1 else None


def nested_slug(target: str) -> str | None:
    """The name a link to a nested term gives, its folders joined by `-` as library/layout.py
    names nested terms (MDN's `/en-US/docs/Glossary/Engine/Rendering` and its macro's
    `/engine/rendering`: `engine-rendering`); None for other links. Only a name the library
    has counts: other paths of several folders are the site's, not terms."""
    parts = _named(target)
    return "-".join(parts) if parts is not None and len(parts) >= 2 else None


def _named(target: str) -> list[str] | None:
    """The parts of the article name a link's target gives (one, or the folders of a nested
    term); None for URLs, anchors and files."""
    if not target or target.startswith(("#", "//")) or _SCHEME.match(target):
        return None
    path = unquote(target.split("#", 1)[0].split("?", 1)[0])
    absolute = path.startswith("/")
    # `.` and `..` lead out of the article's folder (articles/<slug>/<lang>.md) to its siblings;
    # empty parts are repeated slashes.
    parts = [part for part in path.split("/") if part not in ("", ".", "..")]
    if len(parts) >= 2 and _ARTICLE_FILE.match(parts[-1]):
        parts.pop()  # cluster/it.md: the article's file in a language
    if len(parts) >= 2 and _LANGUAGE.match(parts[0]):
        parts.pop(0)
    mdn = len(parts) >= 3 and [p.lower() for p in parts[:2]] == ["docs", "glossary"]
    if mdn:
        parts = parts[2:]
    elif parts[:1] == ["docs"]:
        return None  # MDN's documentation (`/ja/docs/`), of which the glossary is one part
    if not parts or any(c.isspace() for part in parts for c in part):
        return None
    name = parts[-1]
    if name.lower().endswith(".md"):
        name = name[:-3]
    elif not absolute and not path.endswith("/") and _FILE_EXTENSION.search(name):
        return None  # `diagram.png` beside the article: a file, not a term
    parts[-1] = name
    if mdn:
        parts = [part.lower() for part in parts]  # MDN's folder names: its slugs, lowercased
    return parts if all(parts) else None


def resolve(target: str, article_named: Resolve) -> tuple[str | None, bool]:
    """(the slug, whether the library has it) for a link target: the slug is the library's
    own spelling when found, the name as written when missing, None for external links."""
    name = internal_slug(target)
    if name is None:
        nested = nested_slug(target)
        found = None if nested is None else article_named(nested)
        return (found, True) if found is not None else (None, False)
    found = article_named(name)
    return (found, True) if found is not None else (name, False)


def article_links(article: Article, article_named: Resolve) -> list[Link]:
    """Every link of the article in document order; `article_named` finds an article by a
    name as links write it (Library.article_named)."""
    spans = list(iter_spans(article.intro))
    for section in article.all_sections():
        spans.extend(iter_spans(section.blocks))
    for note in article.footnotes:
        spans.extend(iter_spans(note.blocks))
    links: list[Link] = []
    previous_target: str | None = None
    resolved: dict[str, tuple[str | None, bool]] = {}
    for span in spans:
        if span.link is not None and span.link == previous_target and links:
            # one link whose text changes style midway arrives as several spans: join them
            last = links.pop()
            links.append(Link(last.text + span.text, last.target, last.slug, last.exists))
        elif span.link is not None:
            if span.link not in resolved:
                resolved[span.link] = resolve(span.link, article_named)
            slug, exists = resolved[span.link]
            links.append(Link(span.text, span.link, slug, exists))
        previous_target = span.link
    return [Link(" ".join(k.text.split()), k.target, k.slug, k.exists) for k in links]
