"""`glossary search`: the best articles for a query, each with a snippet around its matches."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from glossary_cli.errors import NotFound, UsageProblem
from glossary_cli.language.choice import choose_among, same_language
from glossary_cli.language.preferences import Preferences, preferences
from glossary_cli.language.tags import normalize_tag
from glossary_cli.library.roots import Library
from glossary_cli.results import Hit, Marks, SearchResult
from glossary_cli.text.fold import fold, fold_key, fold_with_origins, original_span
from glossary_cli.text.sanitize import visible

if TYPE_CHECKING:  # sqlite3 is loaded only where the index is used
    from glossary_cli.search.index import Index, Match

Warn = Callable[[str], None]

SNIPPET_WIDTH = 160  # characters of context around the first match


def search_terms(query: str) -> list[str]:
    """The folded words of a query; each must occur, in any column, in any order."""
    terms: list[str] = []
    for term in fold(query).split():
        if term not in terms:
            terms.append(term)
    return terms


def search(
    library: Library,
    query: str,
    lang_filter: str | None,
    limit: int,
    prefs: Preferences,
    warn: Warn,
) -> SearchResult:
    """The `limit` best articles for `query`, each shown in the reader's language when it
    matched there. `lang_filter` (search --lang) keeps the articles in that language, any of
    its regions or its parent; it is then the one language wished for."""
    from glossary_cli.search.index import use_index

    terms = search_terms(query)
    if not terms:
        raise UsageProblem("the search query is empty")
    if limit < 1:
        raise UsageProblem(f"--limit takes a number from 1; got {limit}")
    asked = None if lang_filter is None else normalize_tag(lang_filter)
    # Every hit is in the filter's language then: it alone says which of its regions to show.
    wishes = preferences([asked], {}) if asked else prefs

    def run(index: Index) -> list[Hit]:
        langs = None
        if asked is not None:
            langs = [tag for tag in index.languages() if same_language(asked, tag)]
            if not langs:
                return []
        groups: dict[str, list[Match]] = {}
        for hit in index.search(terms, fold_key(query), limit, langs):
            groups.setdefault(hit.slug, []).append(hit)
        chosen: list[Match] = []
        for group in groups.values():
            # Shown in the reader's language when it matched there, else in English as `show`
            # falls back, else where it ranked best.
            mine = choose_among([m.lang for m in group], wishes).tag
            chosen.append(next(m for m in group if m.lang == mine))
        texts = index.texts(m.id for m in chosen)
        return [_hit(found, texts[found.id], terms, index.body) for found in chosen]

    hits = use_index(library, warn, run)
    if not hits:
        where = f" in {asked}" if asked else ""
        raise NotFound(f"no article matches {visible(query)!r}{where}")
    return SearchResult(query, tuple(hits))


def _hit(
    found: Match,
    text: tuple[str, str, str, str, str],
    terms: Sequence[str],
    body_of: Callable[[str, str], str],
) -> Hit:
    """A hit with its snippet: from the description, the keywords, or else the body, which
    is read from the file only then (the index keeps no bodies)."""
    slug, title, description, keywords, path = text
    _, title_marks = snippet(title, terms, width=0)
    fields = (("description", description), ("keywords", keywords.replace("\n", ", ")))
    for name, candidate in fields:
        piece, marks = snippet(candidate, terms)
        if marks:
            return Hit(found.slug, found.lang, title, title_marks, name, piece, marks, path)
    piece, marks = snippet(body_of(slug, path), terms)
    if marks:
        return Hit(found.slug, found.lang, title, title_marks, "body", piece, marks, path)
    no_marks: Marks = ()
    piece = snippet(description, [])[0]
    return Hit(found.slug, found.lang, title, title_marks, "description", piece, no_marks, path)


def snippet(text: str, terms: Sequence[str], width: int = SNIPPET_WIDTH) -> tuple[str, Marks]:
    """A piece of `text` on one line around the first match, cut at spaces where there are
    some (with `…` where cut), and the matches in it; width 0 keeps the whole text."""
    flat = " ".join(text.split())
    if not width or len(flat) <= width:
        return flat, tuple(_matches(flat, terms))
    # Bodies run to thousands of characters: find the first match in the whole text folded
    # at C speed, and map characters back one by one only around it.
    folded = fold(flat)
    found = [at for at in (folded.find(term) for term in terms) if at >= 0]
    spans: list[tuple[int, int]] = []
    if found:
        guess = min(found) * len(flat) // len(folded)
        low, high = max(0, guess - width), min(len(flat), guess + 2 * width)
        spans = [(a + low, b + low) for a, b in _matches(flat[low:high], terms)]
        if not spans:  # folding changed the length a lot before the match: map it all
            spans = _matches(flat, terms)
    first = spans[0][0] if spans else 0
    begin = max(0, first - width // 3)
    if begin:
        space = flat.find(" ", begin, first)
        begin = space + 1 if space >= 0 and space - begin < 20 else begin
    end = min(len(flat), begin + width)
    if end < len(flat):
        space = flat.rfind(" ", max(begin, end - 20), end)
        end = space if space > first else end
    before = "\u2026" if begin else ""
    after = "\u2026" if end < len(flat) else ""
    shift = len(before) - begin
    kept = tuple((a + shift, b + shift) for a, b in spans if a >= begin and b <= end)
    return before + flat[begin:end].strip() + after, kept


def _matches(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Where the (folded) terms occur in `text`, as [start, end) in the original, merged."""
    if not terms:
        return []
    folded, origins = fold_with_origins(text)
    spans: list[tuple[int, int]] = []
    for term in terms:
        start = folded.find(term)
        while start >= 0:
            end = start + len(term)
            spans.append(original_span(origins, len(text), start, end))
            start = folded.find(term, end)
    return _merged(spans)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out
