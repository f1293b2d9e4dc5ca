"""A name that is no slug on disk (a title in any language, a slug in another case) resolved
through the index, or answered with suggestions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from glossary_cli.errors import NotFound
from glossary_cli.language.choice import in_wanted_language
from glossary_cli.language.preferences import Preferences
from glossary_cli.library.roots import Library
from glossary_cli.text.fold import fold_key
from glossary_cli.text.sanitize import visible

if TYPE_CHECKING:  # sqlite3 is loaded only where the index is used
    from glossary_cli.search.index import Index, Row

Warn = Callable[[str], None]

SUGGESTIONS = 3
SUGGESTION_CUTOFF = 75  # rapidfuzz scores 0..100; below this a "suggestion" is noise
# A name this close to a whole slug or title (rapidfuzz's ratio) is a typo of it: suggested
# before the articles a search of its words finds (`web servers` is `web_server` first).
NEAR_COPY = 85
TEXT_ONLY = 3  # Index.search's tier of a file that holds the words, but not in its title


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
        return [], [], suggestions(name, index)

    by_slug, by_title, suggested = use_index(library, warn, look)
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
    hint = f" (did you mean {', '.join(suggested)}?)" if suggested else ""
    raise NotFound(f"no article {visible(name)!r}{hint}")


def suggestions(name: str, index: Index, limit: int = SUGGESTIONS) -> list[str]:
    """What to suggest for a name no article has, best first: a near copy of a whole slug or
    title (a typo: `protocl`); then the articles that hold every word of the name, as `search`
    ranks them (`Cross-Origin Resource Sharing` is `cors`, whose title is only `CORS`), for
    a name of one word only those whose title holds it; then the slugs and titles that share
    a part of it. Only on the way to an error."""
    from glossary_cli.search.query import search_terms

    close = _close_names(name, index.names(), limit)
    terms = search_terms(name)
    # One word found only in an article's text is weak evidence, the more so as a word typed
    # finds the words it begins (`nope` is in Finnish `nopeasti`): it counts in a title alone.
    found = [
        match
        for match in index.search(terms, fold_key(name), limit)
        if len(terms) > 1 or match.tier < TEXT_ONLY
    ]
    # An article found both ways is shown as the name it is close to (its title, say).
    shown_as = {slug: shown for shown, slug, _ in close}
    ranked = [
        *((shown, slug) for shown, slug, whole in close if whole >= NEAR_COPY),
        *((shown_as.get(match.slug, visible(match.slug)), match.slug) for match in found),
        *((shown, slug) for shown, slug, _ in close),
    ]
    out: list[str] = []
    slugs: set[str] = set()
    for shown, slug in ranked:
        if slug not in slugs and len(out) < limit:
            slugs.add(slug)
            out.append(shown)
    return out


def suggest(name: str, names: list[tuple[str, str]], limit: int = SUGGESTIONS) -> list[str]:
    """Slugs and titles close to `name`, closest first."""
    return [shown for shown, _, _ in _close_names(name, names, limit)]


def _close_names(
    name: str, names: list[tuple[str, str]], limit: int
) -> list[tuple[str, str, float]]:
    """Slugs and titles close to `name`: (what to show, its slug, how close the whole of it
    is, 0..100), one per slug, closest first (the matcher's import is paid on the way to an
    error alone)."""
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
    # Ties (a word inside several names scores alike) go to the name closest as a whole.
    scored = [(score, fuzz.ratio(wanted, key), key) for key, score, _ in found]
    scored.sort(key=lambda item: (-item[0], -item[1]))
    out: list[tuple[str, str, float]] = []
    slugs: set[str] = set()
    for _, whole, key in scored:
        shown, slug = choices[key]
        if slug not in slugs:
            slugs.add(slug)
            out.append((visible(shown), slug, whole))
        if len(out) == limit:
            break
    return out
