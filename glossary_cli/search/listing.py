"""`glossary list`: every article, in the reader's language where it has it, from the index."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import chain, groupby
from operator import attrgetter
from typing import TYPE_CHECKING

from glossary_cli.errors import NotFound
from glossary_cli.language.choice import Choice, choose_among
from glossary_cli.language.preferences import Preferences
from glossary_cli.library.roots import Library
from glossary_cli.results import Entry, ListResult
from glossary_cli.text.fold import fold_key
from glossary_cli.text.sanitize import visible

if TYPE_CHECKING:  # sqlite3 is loaded only where the index is used
    from glossary_cli.search.index import Index, Row

Warn = Callable[[str], None]


def list_articles(
    library: Library,
    keyword: str | None,
    prefs: Preferences,
    warn: Warn,
    show: Callable[[ListResult], None],
) -> str | None:
    """Every article in the reader's language where it has it (--lang first, then the
    environment and the config file's `lang`, as for `show`), else in the fallback, noted.

    `show` gets the result while the index is open, its entries a one-pass iterator made as
    the view writes them (memory does not grow with the library); the note on articles listed
    in another language, known once all are written, is returned."""
    from glossary_cli.search.index import use_index

    asked = prefs.wishes[0][0] if prefs.wishes else None
    tally = _Tally()

    def stream(index: Index) -> None:
        if keyword is None:  # only the chosen language's file is read
            if not index.has_articles():
                raise NotFound("the library has no articles")
            # Made only when a view reads them: the plain view reads the records, the others
            # the entries.
            show(
                ListResult(
                    tally.count(chosen_entries(index, prefs, warn)),
                    asked,
                    chosen_records(index, prefs, warn, tally),
                )
            )
            return
        entries = entries_of(index.rows(), keyword, prefs, warn)
        first = next(entries, None)
        if first is None:
            raise NotFound(f"no article has the keyword {visible(keyword)!r}")
        show(ListResult(tally.count(chain((first,), entries)), asked))

    use_index(library, warn, stream)
    return tally.notice(asked)


class _Tally:
    """How many entries went by, and how many of them in a fallback language."""

    def __init__(self) -> None:
        self.total = self.missing = 0

    def count(self, entries: Iterable[Entry]) -> Iterator[Entry]:
        for entry in entries:
            self.total += 1
            self.missing += entry.fallback
            yield entry

    def notice(self, asked: str | None) -> str | None:
        missing, total = self.missing, self.total
        if not missing or asked is None:
            return None
        return (
            f"{missing} of {total} article{'s' if total != 1 else ''} "
            f"{'is' if missing == 1 else 'are'} not available in {asked}; "
            "listed in another language (see the language column)"
        )


def chosen_entries(index: Index, prefs: Preferences, warn: Warn) -> Iterator[Entry]:
    """Every article in the language chosen for it, by slug, made as the index gives them:
    the index gives each article's chosen file alone (see _choices)."""
    from glossary_cli.search.index import keywords_of

    choices = _choices(index, prefs, warn)
    chosen = {text: choice.tag for text, (_, choice) in choices.items()}
    for slug, lang, title, description, keywords, path, langs_text in index.chosen_rows(chosen):
        langs, choice = choices[langs_text]
        yield Entry(
            slug, lang, title, description, keywords_of(keywords), langs, choice.notify, path
        )


def chosen_records(index: Index, prefs: Preferences, warn: Warn, tally: _Tally) -> Iterator[str]:
    """chosen_entries as the plain view's lines, straight from the index (its `listed`
    column): no field is made one by one. Counted into `tally` as they go."""
    choices = _choices(index, prefs, warn)
    chosen = {text: choice.tag for text, (_, choice) in choices.items()}
    notify = {text: choice.notify for text, (_, choice) in choices.items()}
    total = missing = 0
    try:
        for slug, lang, listed, langs_text in index.chosen_records(chosen):
            total += 1
            missing += notify[langs_text]
            yield f"{slug}\t{lang}\t{listed}"
    finally:
        tally.total += total
        tally.missing += missing


def _choices(
    index: Index, prefs: Preferences, warn: Warn
) -> dict[str, tuple[tuple[str, ...], Choice]]:
    """The language chosen for each set of languages the articles have (few: the choice is
    made once a set), with the set in order; the files that could not be read are told first
    (an article is listed all the same, by its slug)."""
    for path, problem in index.problems():
        warn(f"{visible(path)}: {problem}")
    choices: dict[str, tuple[tuple[str, ...], Choice]] = {}
    for langs_text in index.language_sets():
        # --lang is a wish here, not a demand: an article without it is listed all the same
        langs = tuple(sorted(langs_text.split(" "), key=str.casefold))
        choices[langs_text] = (langs, choose_among(list(langs), prefs))
    return choices


def entries_of(
    rows: Iterable[Row], keyword: str | None, prefs: Preferences, warn: Warn
) -> Iterator[Entry]:
    """The entries of rows sorted by slug (whole rows: `list --keyword` looks for the keyword
    in every language), made as the rows come: one article's rows are held at a time, never
    the library's."""
    wanted_keyword = fold_key(keyword) if keyword is not None else None
    chosen: dict[tuple[str, ...], Choice] = {}
    for _, group in groupby(rows, key=attrgetter("slug")):
        files = list(group)
        for row in files:
            if row.problem:  # listed all the same, by its slug: the reader should hear why
                warn(f"{visible(row.path)}: {row.problem}")
        if wanted_keyword is not None and not any(
            fold_key(word) == wanted_keyword for row in files for word in row.keywords
        ):
            continue
        langs = tuple(sorted((row.lang for row in files), key=str.casefold))
        choice = chosen.get(langs)
        if choice is None:  # most articles share a few sets of languages: choose once each
            choice = chosen[langs] = choose_among(list(langs), prefs)
        yield _entry(next(row for row in files if row.lang == choice.tag), langs, choice)


def _entry(row: Row, langs: tuple[str, ...], choice: Choice) -> Entry:
    return Entry(
        row.slug,
        choice.tag,
        row.title,
        row.description,
        row.keywords,
        langs,
        choice.notify,
        row.path,
    )
