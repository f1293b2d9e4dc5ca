"""Finding articles through the index: `list`, `search`, and a name that is not a slug (a title
in any language, a slug typed in another case) resolved, or answered with suggestions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from glossary_cli.errors import NotFound, UsageProblem
from glossary_cli.language.choice import Choice, choose_among, in_wanted_language, same_language
from glossary_cli.language.preferences import Preferences, preferences
from glossary_cli.language.tags import normalize_tag
from glossary_cli.library.roots import Library
from glossary_cli.results import Entry, Hit, ListResult, Marks, SearchResult
from glossary_cli.text.fold import fold, fold_key, fold_with_origins, original_span
from glossary_cli.text.sanitize import visible

if TYPE_CHECKING:  # sqlite3 is loaded only where the index is used
    from glossary_cli.search.index import Index, Match, Row

Warn = Callable[[str], None]

SNIPPET_WIDTH = 160  # characters of context around the first match
SUGGESTIONS = 3
SUGGESTION_CUTOFF = 75  # rapidfuzz scores 0..100; below this a "suggestion" is noise


# --- list -------------------------------------------------------------------------------------


def list_articles(
    library: Library, keyword: str | None, prefs: Preferences, warn: Warn
) -> ListResult:
    """Every article in the reader's language where it has it (--lang first, then the
    environment and the config file's `lang`, as for `show`), else in the fallback, noted."""
    from glossary_cli.search.index import use_index

    rows = use_index(library, warn, lambda index: index.rows())
    by_slug: dict[str, list[Row]] = {}
    for row in rows:
        by_slug.setdefault(row.slug, []).append(row)
        if row.problem:  # listed all the same, by its slug: the reader should hear why
            warn(f"{visible(row.path)}: {row.problem}")
    wanted_keyword = fold_key(keyword) if keyword is not None else None
    entries = []
    chosen: dict[tuple[str, ...], Choice] = {}
    for slug, files in by_slug.items():
        if wanted_keyword is not None and not any(
            fold_key(word) == wanted_keyword for row in files for word in row.keywords
        ):
            continue
        langs = tuple(row.lang for row in files)
        choice = chosen.get(langs)
        if choice is None:  # most articles share a few sets of languages: choose once each
            # --lang is a wish here, not a demand: an article without it is listed all the same
            choice = chosen[langs] = choose_among(sorted(langs, key=str.casefold), prefs)
        row = next(row for row in files if row.lang == choice.tag)
        entries.append(
            Entry(
                slug,
                choice.tag,
                row.title,
                row.description,
                row.keywords,
                tuple(sorted(langs, key=str.casefold)),
                choice.notify,
                row.path,
            )
        )
    if not entries:
        if keyword is not None:
            raise NotFound(f"no article has the keyword {visible(keyword)!r}")
        raise NotFound("the library has no articles")
    return ListResult(tuple(entries), prefs.wishes[0][0] if prefs.wishes else None)


# --- search -----------------------------------------------------------------------------------


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

    def run(index: Index) -> tuple[list[Match], dict[int, tuple[str, ...]]]:
        langs = None
        if asked is not None:
            langs = [tag for tag in index.languages() if same_language(asked, tag)]
            if not langs:
                return [], {}
        groups: dict[str, list[Match]] = {}
        for hit in index.search(terms, fold_key(query), limit, langs):
            groups.setdefault(hit.slug, []).append(hit)
        chosen: list[Match] = []
        for group in groups.values():
            # Shown in the reader's language when it matched there, else in English as `show`
            # falls back, else where it ranked best.
            mine = choose_among([m.lang for m in group], wishes).tag
            chosen.append(next(m for m in group if m.lang == mine))
        return chosen, index.texts(m.id for m in chosen)

    chosen, texts = use_index(library, warn, run)
    if not chosen:
        where = f" in {asked}" if asked else ""
        raise NotFound(f"no article matches {visible(query)!r}{where}")
    hits = []
    for found in chosen:
        title, description, keywords, body, path = texts[found.id]
        _, title_marks = snippet(title, terms, width=0)
        fields = (("description", description), ("keywords", keywords.replace("\n", ", ")))
        marks: Marks = ()
        field, text = "description", snippet(description, [])[0]
        for name, candidate in (*fields, ("body", body)):
            piece, found_marks = snippet(candidate, terms)
            if found_marks:
                field, text, marks = name, piece, found_marks
                break
        hits.append(Hit(found.slug, found.lang, title, title_marks, field, text, marks, path))
    return SearchResult(query, tuple(hits))


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


# --- names ------------------------------------------------------------------------------------


class Resolved(NamedTuple):
    slug: str
    languages: tuple[str, ...]  # the languages whose title the name is; empty for a slug


def resolve_name(library: Library, name: str, prefs: Preferences, warn: Warn) -> Resolved:
    """The article a name stands for when it is no slug on disk: a slug in another case or
    with `_` for `-`, or a title in any language; else NotFound with suggestions."""
    from glossary_cli.search.index import use_index

    def look(index: Index) -> tuple[list[Row], list[Row], list[str]]:
        by_slug, by_title = index.named(name)
        if by_slug or by_title:
            return by_slug, by_title, []
        return [], [], suggest(name, index.names())

    by_slug, by_title, suggestions = use_index(library, warn, look)
    for rows, by_title_too in ((by_slug, False), (by_title, True)):
        langs: dict[str, list[str]] = {}
        for row in rows:
            langs.setdefault(row.slug, []).append(row.lang)
        if len(langs) > 1:
            # The same title for two articles: the one titled so in the reader's language.
            langs = {slug: langs[slug] for slug in in_wanted_language(langs, prefs)}
        if len(langs) == 1:
            slug, tags = next(iter(langs.items()))
            return Resolved(slug, tuple(tags) if by_title_too else ())
        if langs:
            listed = "; ".join(
                f"{slug} ({', '.join(tags)})" for slug, tags in sorted(langs.items())
            )
            raise NotFound(f"{visible(name)!r} names several articles: {listed}; give its slug")
    hint = f" (did you mean {', '.join(suggestions)}?)" if suggestions else ""
    raise NotFound(f"no article {visible(name)!r}{hint}")


def suggest(name: str, names: list[tuple[str, str]], limit: int = SUGGESTIONS) -> list[str]:
    """Slugs and titles close to `name` (only on the way to an error, so the matcher's import
    is paid there alone)."""
    from rapidfuzz import fuzz, process

    choices: dict[str, tuple[str, str]] = {}  # folded name -> (what to show, slug)
    for slug, _ in names:
        choices.setdefault(fold_key(slug), (slug, slug))
    for slug, title in names:
        choices.setdefault(fold_key(title), (f"{title} ({slug})", slug))
    wanted = fold_key(name)
    if not wanted:
        return []
    # WRatio credits a query found inside a longer name; for one or two letters that credits
    # nearly everything, so those are compared whole.
    scorer = fuzz.WRatio if len(wanted) >= 3 else fuzz.ratio
    found = process.extract(
        wanted, list(choices), scorer=scorer, score_cutoff=SUGGESTION_CUTOFF, limit=limit * 4
    )
    out: list[str] = []
    slugs: set[str] = set()
    for key, _, _ in found:
        shown, slug = choices[key]
        if slug not in slugs:
            slugs.add(slug)
            out.append(visible(shown))
        if len(out) == limit:
            break
    return out
