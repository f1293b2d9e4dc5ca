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
        if keyword is None:  # only the chosen language's text is read
            entries = entries_of(index.brief_rows(), None, prefs, warn, index.rows_by_id)
        else:
            entries = entries_of(index.rows(), keyword, prefs, warn)
        first = next(entries, None)
        if first is None:
            if keyword is not None:
                raise NotFound(f"no article has the keyword {visible(keyword)!r}")
            raise NotFound("the library has no articles")
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


def entries_of(
    rows: Iterable[Row],
    keyword: str | None,
    prefs: Preferences,
    warn: Warn,
    fill: Fill | None = None,
) -> Iterator[Entry]:
    """The entries of rows sorted by slug, made as the rows come: one article's rows are held
    at a time, never the library's. With `fill`, the rows are brief (Index.brief_rows: no
    title, description or keywords) and the chosen ones are read whole by `fill`, a batch at a
    time: the files in other languages are never read beyond their language."""
    wanted_keyword = fold_key(keyword) if keyword is not None else None
    chosen: dict[tuple[str, ...], Choice] = {}
    batch: list[tuple[Row, tuple[str, ...], Choice]] = []
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
            # --lang is a wish here, not a demand: an article without it is listed all the same
            choice = chosen[langs] = choose_among(list(langs), prefs)
        row = next(row for row in files if row.lang == choice.tag)
        if fill is None:
            yield _entry(row, langs, choice)
            continue
        batch.append((row, langs, choice))
        if len(batch) == FILL_BATCH:
            yield from _filled(batch, fill)
            batch = []
    if fill is not None:
        yield from _filled(batch, fill)


# Rows read whole at a time when `list` fills brief rows: one query each, few rows held.
FILL_BATCH = 500
Fill = Callable[[list[int]], "dict[int, Row]"]


def _filled(batch: list[tuple[Row, tuple[str, ...], Choice]], fill: Fill) -> Iterator[Entry]:
    whole = fill([row.id for row, _, _ in batch]) if batch else {}
    for row, langs, choice in batch:
        yield _entry(whole.get(row.id, row), langs, choice)


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
