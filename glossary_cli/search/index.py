"""The search index: SQLite with FTS5 in the user's cache folder, one database per set of
article roots, brought up to date from the files' size, mtime and inode on every use.

A cache that cannot be used (corrupt, truncated, locked past the timeout, read-only, in a
folder that cannot be made) never fails a command: a broken file is deleted and rebuilt, and
failing that the index is built in memory for this run, with one warning."""

from __future__ import annotations

import marshal
import os
import re
import sqlite3
import struct
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, TypeVar

from glossary_cli.errors import BadArticle, GlossaryError
from glossary_cli.library.layout import layout_of, names_mark
from glossary_cli.library.roots import (
    MAX_ARTICLE_BYTES,
    Library,
    Progress,
    Root,
    outside_root,
    read_bytes,
)
from glossary_cli.library.walk import is_text, shown_path
from glossary_cli.search import names_file
from glossary_cli.search.names_file import index_path, names_path
from glossary_cli.search.scan import (
    FILES,
    HEAD,
    MARSHAL_VERSION,
    RACY_WINDOW_NS,
    FileInfo,
    FileMark,
    Observed,
    Part,
    State,
    compare_parts,
    edited_in_place,
    expected,
    file_mark,
    file_paths,
    files_of,
    flat,
    grown,
    observed_of,
    packed,
    paths_of,
    probe_parts,
    probe_paths,
    root_mtime,
    scan,
    settled,
    term_of,
    with_expected,
    with_unsettled,
)
from glossary_cli.search.tokens import TOKENIZER, index_text, match_expression
from glossary_cli.text.fold import fold, fold_key
from glossary_cli.text.records import listed_fields
from glossary_cli.text.sanitize import one_line, visible

if TYPE_CHECKING:  # extract (and the reading it imports) is loaded only when a file is read
    from glossary_cli.search.extract import Extract

# Bump when what is stored changes (tables, extraction, folding): older files are rebuilt.
# 2: the frontmatter read as `show` reads it (metadata.py), control characters dropped first;
# no files linked from outside a root. 3: the warm check's paths and expected stats stored.
# 4: text folded as Unicode's compatibility caseless match (`™` as `tm`, marks in any order);
# the body read by reading/lines.py, whose inline text is the parser's (a lone `*` kept).
# 5: a paragraph's lines joined by CSS Text's rule (text/segments.py): no space in CJK text.
# 6: the files' ctime compared too (an edit that restores the mtime); words and bigrams
# (search/tokens.py) instead of trigrams, contentless, bodies compressed; titles' glosses.
# 7: Hugo heading attributes and shortcodes left out of the text (reading/hugo.py).
# 8: articles_slug covers what `list` reads first.
# 9: slugs with combining marks (library/roots.py SLUG): folders a stored scan had skipped.
# 10: roots in their layouts (library/layout.py): the state's roots name their layouts too.
# 11: no bodies stored (snippets read the hits' files again): a changed file's old words stay
# in the full-text table as a ghost row until the index is rebuilt (`ghosts`); ids never reused.
# 12: the warm check's expected stats packed (scan.packed), not marshalled. 13: `listed`.
# 14: those stats in parts (`expected`): an edit in place rewrites its part alone.
# 15: the names' token (`names_token`), by which the names file is patched, not rewritten;
# `terms`, each article's languages, for `list`. 16: a folder's files in the scan as their
# names and packed marks (scan.Folder), not a tuple each. 17: no hint (the scan has the
# names); the probe paths before the scan in the state row; the names' token in a table.
# 18: the probe paths and their expected stats together, in parts (`probe`): a warm run holds
# one part at a time.
SCHEMA_VERSION = 18
BUSY_TIMEOUT_S = 10.0  # another run building the index cold holds the write lock this long
T = TypeVar("T")

# The articles (slugs) with their languages, for `terms`: grouped as the covering index
# articles_slug gives them, by slug and then language, so nothing is sorted (a subquery with
# its own ORDER BY was sorted again, and SQLite does not promise that a sort keeps the order
# within a slug).
_LANGUAGES_OF = "SELECT slug, group_concat(lang, ' ') FROM articles {where} GROUP BY slug"
_SCHEMA = (
    # The scan the index reflects, in one row. A warm run reads `roots` alone (SQLite need not
    # read the pages of `folders` after it); a run that finds a change reads `folders` to scan
    # again and apply the difference (scan.State).
    "CREATE TABLE state (id INTEGER PRIMARY KEY CHECK (id = 1), roots BLOB, folders BLOB)",
    # Drawn anew whenever a slug, language or title changes: the names file
    # (search/names_file.py) written at the token before a change is patched with it. A row of
    # its own: writing it into the state row would write the whole row again.
    "CREATE TABLE names_token (id INTEGER PRIMARY KEY CHECK (id = 1), token BLOB NOT NULL)",
    # The warm check: the paths a warm run stats and what it expects them to give, in parts
    # (scan.Part) read in order, so that a run holds one part at a time. A file edited in place
    # changes one part, and only that part is written again (the whole, 32 bytes a file and
    # its path, made each edit copy megabytes into SQLite's log).
    "CREATE TABLE probe (part INTEGER PRIMARY KEY, root INTEGER NOT NULL, kind INTEGER NOT NULL,"
    " paths TEXT NOT NULL, expected BLOB NOT NULL)",
    # The names table: one small row per article file, which `list`, titles and the ranking of
    # titles read without touching the text. `title_fold` is the title folded, on one line;
    # `listed`, the title, description and keywords as `list` writes them (text/records.py),
    # so that its plain output is written as SQLite gives it.
    # AUTOINCREMENT: an id is never given again, as a ghost row of the full-text table (see
    # `ghosts`) may still hold it.
    """CREATE TABLE articles (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        path TEXT NOT NULL UNIQUE,
        slug TEXT NOT NULL,
        lang TEXT NOT NULL,
        title TEXT NOT NULL,
        title_fold TEXT NOT NULL,
        title_key TEXT NOT NULL,
        slug_key TEXT NOT NULL,
        description TEXT NOT NULL,
        keywords TEXT NOT NULL,
        listed TEXT NOT NULL,
        problem TEXT NOT NULL,
        digest BLOB NOT NULL
    )""",
    # The other names a title answers to: `클러스터 (Cluster)` is also `클러스터` and `cluster`.
    "CREATE TABLE title_keys (key TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (key, id))"
    " WITHOUT ROWID",
    # The full-text rows of files changed or gone since they were read. A contentless table
    # needs a row's words again to delete it (SQLite 3.43's contentless_delete is not here),
    # and keeping every body for that was 0.5 x the articles' size: the old row stays, matches
    # nothing that has a name in `articles`, and the index is built anew when ghosts grow past
    # an eighth of the files (GHOST_SHARE, GHOST_FLOOR).
    "CREATE TABLE ghosts (id INTEGER PRIMARY KEY)",
    # Covering for `list`'s languages of each article (Index.language_sets), read without
    # reading a row, and for finding the chosen file of each.
    "CREATE INDEX articles_slug ON articles(slug, lang, problem)",
    # Each article (slug) with its languages, in order, joined by spaces: `list` reads it
    # rather than grouping every file's row on every run. Written once an update has read its
    # files (_write_terms), for the slugs it touched: not by a trigger, nor a statement per
    # file, as any statement that may change several rows makes FTS5 flush what it holds in
    # memory, and a build then cost three times as much in SQLite.
    "CREATE TABLE terms (slug TEXT PRIMARY KEY, langs TEXT NOT NULL) WITHOUT ROWID",
    "CREATE INDEX articles_title_key ON articles(title_key)",
    "CREATE INDEX articles_slug_key ON articles(slug_key)",
    # Words (search/tokens.py): folded text, bigrams for unspaced scripts; contentless, as the
    # text is in `articles` and the files already. (detail=column would halve it, but without
    # positions bm25 cannot count a word's occurrences, nor a term of several words or
    # bigrams be matched as a phrase.)
    "CREATE VIRTUAL TABLE fts USING fts5("
    "slug, title, keywords, description, body, content='',"
    f' tokenize="{TOKENIZER}")',
)
# bm25 weights, in the fts columns' order: a title match outweighs a body match.
BM25 = "bm25(fts, 6.0, 10.0, 5.0, 3.0, 1.0)"
# Of a query's rows ranked by bm25 alone, this many per article wanted are read at first (an
# article has a file per language; more are read only when these hold too few articles).
ROWS_PER_ARTICLE = 4
# The index is built anew when its ghost rows outnumber both the files' rows divided by
# GHOST_SHARE and GHOST_FLOOR: they take room and count in bm25's statistics (how many files
# hold a word, their mean length). The floor spares a small library a rebuild for every edit
# (files too fresh to trust are re-read, and leave a ghost, on every run until they settle).
GHOST_SHARE = 8
GHOST_FLOOR = 100
# A change that touched at most this many (slug, language) pairs patches the names file, each
# pair looked up again; more, and every name is read out at once, which is then cheaper.
_PATCH_MOST = 2000
# The (slug, language) pairs whose title an update may have changed.
Touched = set[tuple[str, str]]
# Slugs whose `terms` are written by one statement: SQLite allows 999 parameters at least.
_TERMS_AT_ONCE = 500
_GLOSS = re.compile(r"(.+?) ?\(([^()]+)\)")


# NamedTuples, not dataclasses: they are made several times faster at import, which every
# search pays.
class Row(NamedTuple):
    """One article file as the index holds it."""

    id: int
    slug: str
    lang: str
    path: str
    title: str
    description: str
    keywords: tuple[str, ...]
    problem: str  # why the file could not be read, if it could not


class Match(NamedTuple):
    """A search match: which file, and how it ranked."""

    id: int
    slug: str
    lang: str
    tier: int
    score: float


_ROW_COLUMNS = "id, slug, lang, path, title, description, keywords, problem"
_DISTINCT_LANGUAGE_SETS = "SELECT DISTINCT langs FROM terms"
# CROSS JOIN keeps the terms' order as the outer loop: rows come by slug, never sorted again,
# and each chosen file is found by articles_slug (tests/test_search_scale.py).
_CHOSEN = (
    " FROM terms AS s"
    " CROSS JOIN temp.chosen AS c ON c.langs = s.langs"
    " CROSS JOIN articles AS a ON a.slug = s.slug AND a.lang = c.lang"
)
# (slug, language, title, description, keywords joined by newlines, path, the article's
# languages joined by spaces): what `list` shows of an article.
ChosenRow = tuple[str, str, str, str, str, str, str]
_CHOSEN_ROWS = (
    "SELECT a.slug, a.lang, a.title, a.description, a.keywords, a.path, s.langs" + _CHOSEN
)
# (slug, language, listed_fields of text/records.py, the article's languages joined by spaces):
# a line of `list`'s plain output, in three strings.
ChosenRecord = tuple[str, str, str, str]
_CHOSEN_RECORDS = "SELECT a.slug, a.lang, a.listed, s.langs" + _CHOSEN
# In articles_slug's order, which holds `problem`: no other file's row is read.
_PROBLEMS = "SELECT path, problem FROM articles WHERE problem != '' ORDER BY slug, lang"


def _row(
    id: int, slug: str, lang: str, path: str, title: str, text: str, keys: str, problem: str
) -> Row:
    return Row(id, slug, lang, path, title, text, keywords_of(keys), problem)


def keywords_of(stored: str) -> tuple[str, ...]:
    """The keywords as the index stores them (joined by newlines), one by one."""
    return tuple(filter(None, stored.split("\n")))


class Index:
    """An open, up-to-date index; `where` is its file, or ":memory:"."""

    def __init__(
        self, connection: sqlite3.Connection, where: str, roots: tuple[str, ...] = ()
    ) -> None:
        self.connection = connection
        self.where = where
        self.roots = roots  # the article roots, resolved: what a file is read again within

    def rows(self, where: str = "", params: Iterable[object] = ()) -> Iterator[Row]:
        """The files' rows by slug and language, one at a time (`list` streams them)."""
        cursor = self.connection.execute(
            f"SELECT {_ROW_COLUMNS} FROM articles {where} ORDER BY slug, lang", tuple(params)
        )
        return (_row(*found) for found in cursor)

    def language_sets(self) -> list[str]:
        """The sets of languages the articles have, each as its tags joined by spaces (few:
        most articles of a library share a handful)."""
        return [langs for (langs,) in self.connection.execute(_DISTINCT_LANGUAGE_SETS)]

    def chosen_rows(self, chosen: dict[str, str]) -> Iterator[ChosenRow]:
        """Each article's file in the language `chosen` gives for its set of languages (as
        `language_sets` writes it), by slug: one query, the choice joined in from a temporary
        table, so that no other file's row reaches Python. The rows come as the view writes
        them (`list` streams)."""
        rows: Iterator[ChosenRow] = self._chosen(chosen, _CHOSEN_ROWS)
        return rows

    def chosen_records(self, chosen: dict[str, str]) -> Iterator[ChosenRecord]:
        """As chosen_rows, each file's line of `list`'s plain output alone."""
        records: Iterator[ChosenRecord] = self._chosen(chosen, _CHOSEN_RECORDS)
        return records

    def _chosen(self, chosen: dict[str, str], query: str) -> sqlite3.Cursor:
        execute = self.connection.execute
        # A temporary table is no write to the index: a reader's transaction can make it.
        execute(
            "CREATE TEMP TABLE IF NOT EXISTS chosen"
            " (langs TEXT PRIMARY KEY, lang TEXT NOT NULL) WITHOUT ROWID"
        )
        execute("DELETE FROM chosen")
        self.connection.executemany("INSERT INTO chosen VALUES (?, ?)", chosen.items())
        return execute(query)

    def has_articles(self) -> bool:
        return self.connection.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is not None

    def problems(self) -> Iterator[tuple[str, str]]:
        """(path, problem) of every file that could not be read, by slug and language: the
        covering index articles_slug finds them without reading any other file's row."""
        return iter(self.connection.execute(_PROBLEMS))

    def named(self, name: str) -> tuple[list[Row], list[Row]]:
        """Files whose slug, then whose title, is `name` (case, accents, `-`/`_` aside); a
        title with a gloss in brackets, `클러스터 (Cluster)`, is also named by either part."""
        key = fold_key(name)
        by_title = list(self.rows("WHERE title_key = ?", (key,)))
        if not by_title:
            by_title = list(
                self.rows("WHERE id IN (SELECT id FROM title_keys WHERE key = ?)", (key,))
            )
        return list(self.rows("WHERE slug_key = ?", (key,))), by_title

    def names(self) -> list[tuple[str, str]]:
        """(slug, title) of every file, for "did you mean"."""
        return list(self.connection.execute("SELECT slug, title FROM articles"))

    def languages(self) -> list[str]:
        return [lang for (lang,) in self.connection.execute("SELECT DISTINCT lang FROM articles")]

    def search(
        self, terms: list[str], slug_key: str, limit: int, langs: list[str] | None = None
    ) -> list[Match]:
        """The files of the `limit` best articles that hold every (folded) term in some column,
        best article first, each article's files best first.

        An article ranks by its best file, tier first (0: the title is the query or the slug
        is; 1: the title starts with it; 2: the title holds every term; 3: the rest), then
        bm25. Ranked in two stages, so that a word in every article costs what a rare one
        does: the files whose title or slug holds the words (few), then the best files by
        bm25 alone, with the limit in the query; snippets are made for the hits alone.
        """
        expression = match_expression(terms)
        if expression is None:
            return []
        in_langs = ""
        params: list[object] = []
        if langs is not None:
            marks = ", ".join("?" * len(langs))
            in_langs = f" AND +rowid IN (SELECT id FROM articles WHERE lang IN ({marks}))"
            params = list(langs)
        execute = self.connection.execute
        # Stage 1: the files whose slug or title holds every word.
        titled = [
            rowid
            for (rowid,) in execute(
                f"SELECT rowid FROM fts WHERE fts MATCH ?{in_langs}",
                ["{slug title} : (" + expression + ")", *params],
            )
        ]
        scores: dict[int, float] = dict(self._scores(expression, titled))
        # Stage 2: the best files by bm25, as many as the articles wanted may need.
        wanted = limit
        rows = ROWS_PER_ARTICLE * limit
        while True:
            top = list(
                execute(
                    f"SELECT rowid, {BM25} AS score FROM fts WHERE fts MATCH ?{in_langs}"
                    " ORDER BY score LIMIT ?",
                    [expression, *params, rows],
                )
            )
            scores.update(top)
            names = self._names(scores)
            # A ghost's row (in `top`, not in `names`) takes a place but is no article.
            if len(top) < rows or len({names[id][0] for id, _ in top if id in names}) >= wanted:
                break
            rows *= 4
        ranked = self._ranked(scores, names, terms, slug_key)
        best: dict[str, tuple[int, float]] = {}
        for match in ranked:
            best.setdefault(match.slug, (match.tier, match.score))
        chosen = sorted(best, key=lambda slug: (*best[slug], slug))[:limit]
        if not chosen:
            return []
        # Every matching file of the chosen articles, for the language each is shown in.
        ids = [
            id
            for (id,) in execute(
                f"SELECT id FROM articles WHERE slug IN ({', '.join('?' * len(chosen))})"
                + (f" AND lang IN ({', '.join('?' * len(langs))})" if langs is not None else ""),
                [*chosen, *(langs or [])],
            )
            if id not in scores
        ]
        scores.update(self._scores(expression, ids))
        names = self._names(scores)
        order = {slug: n for n, slug in enumerate(chosen)}
        matches = [m for m in self._ranked(scores, names, terms, slug_key) if m.slug in order]
        matches.sort(key=lambda m: (order[m.slug], m.tier, m.score, m.lang))
        return matches

    def _scores(self, expression: str, ids: list[int]) -> list[tuple[int, float]]:
        """bm25 of these files for the whole query (the ones that match it): one pass over the
        query's matches, bm25 computed for these alone. (`+rowid`, not `rowid`: given the
        rowids, FTS5 would run the whole query again for each one.)"""
        if not ids:
            return []
        return self.connection.execute(
            f"SELECT rowid, {BM25} FROM fts WHERE fts MATCH ?"
            " AND +rowid IN (SELECT value FROM json_each(?))",
            [expression, "[" + ",".join(map(str, ids)) + "]"],
        ).fetchall()

    def _names(self, scores: dict[int, float]) -> dict[int, tuple[str, str, str, str]]:
        """(slug, lang, folded title, slug key) of these files."""
        ids = list(scores)
        out: dict[int, tuple[str, str, str, str]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for id, *names in self.connection.execute(
                "SELECT id, slug, lang, title_fold, slug_key FROM articles"
                f" WHERE id IN ({', '.join('?' * len(chunk))})",
                chunk,
            ):
                out[id] = (names[0], names[1], names[2], names[3])
        return out

    @staticmethod
    def _ranked(
        scores: dict[int, float],
        names: dict[int, tuple[str, str, str, str]],
        terms: list[str],
        slug_key: str,
    ) -> list[Match]:
        phrase = " ".join(terms)
        out = []
        for id, score in scores.items():
            if id not in names:
                continue
            slug, lang, title, key = names[id]
            if title == phrase or key == slug_key:
                tier = 0
            elif title.startswith(phrase):
                tier = 1
            elif all(term in title for term in terms):
                tier = 2
            else:
                tier = 3
            out.append(Match(id, slug, lang, tier, score))
        out.sort(key=lambda m: (m.tier, m.score, m.slug, m.lang))
        return out

    def texts(self, ids: Iterable[int]) -> dict[int, tuple[str, str, str, str, str]]:
        """(slug, title, description, keywords, path) of these files, as written."""
        wanted = list(ids)
        cursor = self.connection.execute(
            "SELECT id, slug, title, description, keywords, path FROM articles"
            f" WHERE id IN ({', '.join('?' * len(wanted))})",
            wanted,
        )
        return {id: (slug, title, text, keys, path) for id, slug, title, text, keys, path in cursor}

    def body(self, slug: str, path: str) -> str:
        """The body of an indexed file as the index reads it (for a snippet: the index keeps
        no bodies), read again from the file; "" when it is no longer readable (changed or
        gone since the index saw it, one more freshness case) or not inside its root."""
        root = max((r for r in self.roots if path.startswith(r + os.sep)), key=len, default=None)
        if root is None:
            return ""
        from glossary_cli.search.extract import body_extract

        got = read_extract(path, slug, root, reader=body_extract)
        return "" if got is None else got.body


def use_index(library: Library, warn: Callable[[str], None], query: Callable[[Index], T]) -> T:
    """`query` run on this library's index, brought up to date first. The cache never fails a
    command: a damaged file is deleted and built anew; a cache that cannot be written or is
    locked too long gives way to an index built in memory for this run, with a warning."""
    roots = []
    for root in library.roots:
        resolved = str(root.path.resolve())
        if is_text(resolved):
            roots.append(resolved)
        else:  # SQLite keeps text, and a path with bytes that are no UTF-8 is none
            warn(f"{visible(shown_path(resolved))}: the folder's path is not UTF-8 text; skipped")
    problem = ""
    path = None if library.index_dir is None else index_path(library.index_dir, roots)
    if path is not None:
        for attempt in range(2):
            connection = None
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                connection = _connect(str(path))
                with _building(library) as report:
                    refresh(connection, roots, names_path(path), report)
                return _read(connection, str(path), roots, query)
            except (sqlite3.Error, OSError) as exc:
                problem = _describe(exc)
                if attempt == 0 and _is_corrupt(exc):
                    if connection is not None:
                        connection.close()
                        connection = None
                    if _remove(path):
                        continue  # a damaged file: start it anew, once
                break
            finally:
                if connection is not None:
                    connection.close()
    if path is not None:
        warn(f"cannot use the search index {path} ({problem}); working without it for this run")
    connection = sqlite3.connect(":memory:", isolation_level=None)
    try:
        with _building(library) as report:
            refresh(connection, roots, None, report)
        return _read(connection, ":memory:", roots, query)
    except sqlite3.Error as exc:  # even in memory: this SQLite lacks FTS5 or its trigrams
        raise GlossaryError(
            f"searching needs SQLite 3.34 or later with FTS5; this Python has SQLite "
            f"{sqlite3.sqlite_version} ({_describe(exc)})"
        ) from None
    finally:
        connection.close()


def _building(library: Library) -> AbstractContextManager[Progress]:
    """The library's progress display around bringing the index up to date; it shows only
    when the work takes a while, and a warm run, which reads no file, reports nothing."""
    if library.progress is None:
        return nullcontext(_no_progress)
    return library.progress()


def _no_progress(done: int, total: int) -> None:
    pass


def _read(
    connection: sqlite3.Connection, where: str, roots: list[str], query: Callable[[Index], T]
) -> T:
    """`query` in one read transaction: all its reads see one state of the index, whatever
    other runs write meanwhile (WAL keeps this snapshot for it), so that the row ids a search
    ranked are still there when it reads their texts."""
    connection.execute("BEGIN")
    try:
        return query(Index(connection, where, tuple(roots)))
    finally:
        if connection.in_transaction:
            connection.execute("COMMIT")


def _connect(path: str) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        # WAL: a run reading the index is never blocked by one updating it, and the reverse.
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
    except BaseException:  # not a database, say: closed here, as the caller never gets it
        connection.close()
        raise
    return connection


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc) or type(exc).__name__


def _is_corrupt(exc: BaseException) -> bool:
    """Damage to the file itself, as opposed to a lock or a permission."""
    if not isinstance(exc, sqlite3.DatabaseError) or isinstance(exc, sqlite3.OperationalError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)  # Python 3.11+
    if code is not None:
        return code & 0xFF in (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB
    text = str(exc)
    return "malformed" in text or "not a database" in text


def _remove(path: Path) -> bool:
    try:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    except OSError:
        return False
    return True


class Stored(NamedTuple):
    """The state row: the scan the index reflects, and what a warm run checks."""

    state: State  # the scan
    folders: bytes  # the marshalled scan.State
    files: dict[str, FileInfo]  # that state, file by file (scan.flat)
    parts: list[Part]  # the warm check's


def _schema_is_current(connection: sqlite3.Connection) -> bool:
    return bool(connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION)


class Probe(NamedTuple):
    """What the warm check saw, when something changed: its parts (the paths it stats), what
    it expected of them, what it found."""

    parts: list[Part]
    expected: bytes
    seen: Observed | None  # None when a path stat'ed is gone


class _Damaged(Exception):
    """The stored parts of the warm check do not hang together: the index is built anew."""


_PARTS = "SELECT root, kind, paths, expected FROM probe ORDER BY part"


def _probe(connection: sqlite3.Connection, roots: list[str]) -> Probe | Literal[True] | None:
    """The warm check: one small row read, then the check's parts one at a time, one stat a
    folder and a file, and nothing else (the path every warm search takes). True when nothing
    changed; what it saw when something did; None when the index is of another schema, other
    roots, or damaged."""
    if not _schema_is_current(connection):
        return None
    row = connection.execute("SELECT roots FROM state").fetchone()
    try:
        if row is None or marshal.loads(row[0]) != _identity(roots):
            return None
        matched, rest = compare_parts(roots, _parts(connection, len(roots)))
        if rest == []:
            return True
        # Something changed: the parts again, whole, for the update. Those that matched gave
        # what they expected, so their stats are not taken twice.
        parts = list(_parts(connection, len(roots)))
    except (ValueError, EOFError, TypeError, _Damaged):  # damaged: the slower path builds it anew
        return None
    seen = None if rest is None else [part.expected for part in parts[:matched]] + rest
    return Probe(
        parts,
        b"".join(part.expected for part in parts),
        None if seen is None or len(seen) != len(parts) else observed_of(parts, seen),
    )


def _parts(connection: sqlite3.Connection, roots: int) -> Iterator[Part]:
    """The warm check's stored parts in order, each checked as it comes: every root's head in
    turn, each followed by that root's folders, then its files. Raises _Damaged when not."""
    last_root, last_kind = -1, HEAD
    for root, kind, paths, expect in connection.execute(_PARTS):
        if not (isinstance(paths, str) and isinstance(expect, bytes)):
            raise _Damaged
        if kind == HEAD:
            if root != last_root + 1:
                raise _Damaged
        elif root != last_root or not last_kind <= kind <= FILES:
            raise _Damaged
        last_root, last_kind = root, kind
        yield Part(root, kind, paths, expect)
    if last_root != roots - 1:
        raise _Damaged


def _expected(connection: sqlite3.Connection) -> bytes:
    """The stored expectation of the warm check, whole."""
    parts = connection.execute("SELECT expected FROM probe ORDER BY part")
    return b"".join(bytes(data) for (data,) in parts)


def _store_parts(connection: sqlite3.Connection, new: list[Part], old: list[Part] | None) -> None:
    """`new` stored as the warm check's parts, writing only those that differ from `old` (the
    stored ones; None: write them all)."""
    for number, part in enumerate(new):
        if old is None or number >= len(old) or old[number] != part:
            row = (number, *part)
            connection.execute("INSERT OR REPLACE INTO probe VALUES (?, ?, ?, ?, ?)", row)
    connection.execute("DELETE FROM probe WHERE part >= ?", (len(new),))


def _begin_unchanged(
    connection: sqlite3.Connection, probe: Probe, column: str
) -> tuple[Any, ...] | None:
    """A write transaction begun on the state the warm check read, and that state's `column`;
    None (nothing begun) when another run changed it meanwhile: then start again, in full."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        row = connection.execute(f"SELECT {column} FROM state").fetchone()
        unchanged = row is not None and _expected(connection) == probe.expected
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    if not unchanged:
        connection.execute("ROLLBACK")
        return None
    return tuple(row)


def _update_in_place(
    connection: sqlite3.Connection,
    roots: list[str],
    probe: Probe,
    names_at: Path | None,
    progress: Progress = _no_progress,
) -> bool:
    """Re-read the files edited in place, when nothing else changed: the warm check's stats
    name them, so nothing is scanned or listed again. False when more changed (or another run
    updated the index meanwhile): the full path then compares scans.

    The stored scan (`folders`) keeps these files' old stats; the next run that scans re-reads
    them once more, which costs a little and loses nothing."""
    if probe.seen is None:
        return False
    changed = edited_in_place(probe.seen, probe.expected)
    if not changed:
        return False
    if _begin_unchanged(connection, probe, "id") is None:  # no column needed: the check
        return False
    names_marks = _names_marks(roots, [None if stats is None else stats[0] for stats in probe.seen])
    try:
        now_ns = time.time_ns()
        paths = file_paths(probe.parts, changed)
        touched: Touched = set()
        seen = probe.seen
        for done, (number, position) in enumerate(changed):
            progress(done, len(changed))
            root_stats = seen[number]
            assert root_stats is not None  # edited_in_place compared it
            folder, name = paths[(number, position)].rsplit("/", 1)
            path = os.path.join(roots[number], folder, name)
            mtime, size, ino, ctime = file_mark(root_stats[2], position)
            info = (*term_of(roots[number], folder, name), number, mtime, size, ino, ctime)
            touched |= _replace(connection, path, info, roots[number])
            if now_ns - mtime < RACY_WINDOW_NS:  # too fresh to trust: looked at again
                seen = with_unsettled(seen, number, position)
        progress(len(changed), len(changed))
        try:
            parts = with_expected(probe.parts, packed(seen))
        except ValueError:  # stored parts that do not fit the stats: cut anew
            parts = probe_parts(paths_of(probe.parts, len(roots)), packed(seen))
        _store_parts(connection, parts, probe.parts)
        tokens = _record_names(connection, _names_token(connection), touched)
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    if names_at is not None and touched:
        _write_names(connection, roots, names_at, names_marks, now_ns, tokens, touched)
    return True


def _update_grown(
    connection: sqlite3.Connection,
    roots: list[str],
    probe: Probe,
    names_at: Path | None,
    progress: Progress = _no_progress,
) -> bool:
    """Read the files added (and those edited in place) without a second stat of every file:
    the warm check's stats stand for the files it looked at, and only the folders and roots
    whose mtime moved are listed again (scan.grown). False when more changed (a file or
    folder gone, another run updating the index meanwhile): the full path then compares
    scans."""
    if probe.seen is None:
        return False
    row = _begin_unchanged(connection, probe, "folders")
    if row is None:
        return False
    try:
        try:
            stored: Any = marshal.loads(row[0])
            now = grown(roots, stored, probe.seen, probe.expected)
            # Read here, where a damaged stored scan is caught.
            moved = [] if now is None else _moved(roots, stored, now)
        except (ValueError, EOFError, TypeError, AttributeError, struct.error):
            now = None
        if now is None:
            connection.execute("ROLLBACK")
            return False
        touched: Touched = set()
        for done, (number, root, slug, old, files) in enumerate(moved):
            progress(done, len(moved))
            for name in old.keys() - {name for name, _ in files}:  # gone meanwhile
                touched |= _replace(connection, os.path.join(root, slug, name), None, root)
            for name, marks in files:
                if old.get(name) != marks:
                    info = (*term_of(root, slug, name), number, *marks)
                    touched |= _replace(connection, os.path.join(root, slug, name), info, root)
        progress(len(moved), len(moved))
        now_ns = time.time_ns()
        fresh = settled(now, now_ns)
        root_marks = [None if stats is None else stats[0] for stats in probe.seen]
        connection.execute("UPDATE state SET folders = ?", (marshal.dumps(fresh, MARSHAL_VERSION),))
        parts = probe_parts(probe_paths(fresh), expected(fresh, root_marks, now_ns))
        _store_parts(connection, parts, probe.parts)
        tokens = _record_names(connection, _names_token(connection), touched)
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    if names_at is not None:
        names_marks = _names_marks(roots, root_marks)
        _write_names(connection, roots, names_at, names_marks, now_ns, tokens, touched)
    return True


def _moved(
    roots: list[str], stored: State, now: State
) -> list[tuple[int, str, str, dict[str, FileMark], list[tuple[str, FileMark]]]]:
    """The slug folders whose files changed between two scans, each as (root number, root,
    slug, its files before by name, its files now)."""
    return [
        (number, root, slug, dict(files_of(before.get(slug, (0, "", b"")))), files_of(folder))
        for number, (root, before, after) in enumerate(zip(roots, stored, now, strict=True))
        for slug, folder in after.items()
        if before.get(slug) != folder
    ]


def _replace(
    connection: sqlite3.Connection, path: str, info: FileInfo | None, root: str
) -> Touched:
    """The file's rows read again (or dropped, without `info`); the (slug, language) pairs
    whose names it changed."""
    if info is not None:
        return _touched(*_insert(connection, path, info, root))
    found = connection.execute("SELECT id FROM articles WHERE path = ?", (path,)).fetchone()
    return _touched(_delete(connection, found[0]) if found else [], [])


def _write_terms(connection: sqlite3.Connection, slugs: set[str] | None) -> None:
    """The `terms` rows of these slugs (None: of all) made again from their files' rows."""
    if slugs is None:
        connection.execute("DELETE FROM terms")
        connection.execute("INSERT INTO terms " + _LANGUAGES_OF.format(where=""))
        return
    ordered = sorted(slugs)
    for start in range(0, len(ordered), _TERMS_AT_ONCE):
        chunk = ordered[start : start + _TERMS_AT_ONCE]
        marks = ", ".join("?" * len(chunk))
        connection.execute(f"DELETE FROM terms WHERE slug IN ({marks})", chunk)
        where = f"WHERE slug IN ({marks})"
        connection.execute("INSERT INTO terms " + _LANGUAGES_OF.format(where=where), chunk)


def _touched(gone: list[tuple[str, str, str]], added: list[tuple[str, str, str]]) -> Touched:
    """The (slug, language) pairs named by rows gone and added, unless they name the same."""
    if sorted(gone) == sorted(added):
        return set()
    return {(slug, lang) for slug, lang, _ in (*gone, *added)}


def _record_names(
    connection: sqlite3.Connection, token: bytes, touched: Touched | None
) -> tuple[bytes, bytes]:
    """The change being written, which `touched` these (slug, language) pairs (None: it may
    have touched any), recorded in its transaction: the touched slugs' `terms` written again,
    and a new names' token drawn. (the token before, after)."""
    if touched is not None and not touched:
        return token, token
    _write_terms(connection, None if touched is None else {slug for slug, _ in touched})
    new = os.urandom(8)
    connection.execute("INSERT OR REPLACE INTO names_token (id, token) VALUES (1, ?)", (new,))
    return token, new


def _names_token(connection: sqlite3.Connection) -> bytes:
    """The names' token (b"" in an index that has none yet, which no names file has)."""
    row = connection.execute("SELECT token FROM names_token").fetchone()
    return b"" if row is None else bytes(row[0])


def _load(connection: sqlite3.Connection, roots: list[str]) -> Stored | None:
    """The stored scan, if of this schema and these roots."""
    if not _schema_is_current(connection):
        return None
    row = connection.execute("SELECT roots, folders FROM state").fetchone()
    try:
        if row is None or marshal.loads(row[0]) != _identity(roots):
            return None
        if not isinstance(row[1], bytes):
            return None
        state: Any = marshal.loads(row[1])
        if not isinstance(state, list):
            return None
        files = flat(roots, state)
        parts = list(_parts(connection, len(roots)))
    except (ValueError, EOFError, TypeError, AttributeError, _Damaged):  # damaged: built anew
        return None
    return Stored(state, row[1], files, parts)


def refresh(
    connection: sqlite3.Connection,
    roots: list[str],
    names_at: Path | None = None,
    progress: Progress = _no_progress,
) -> None:
    """Bring the index in line with the files: new ones read, changed ones re-read, gone ones
    dropped; and the names file at `names_at` with it. A warm run reads one row and stats the
    files; it writes nothing. Files edited in place are re-read without a scan. `progress`
    hears of each file read after a scan."""
    probe = _probe(connection, roots)
    if probe is True:
        return
    rebuild = False
    if probe is not None and probe.seen is not None:
        updated = _update_in_place(connection, roots, probe, names_at, progress) or (
            _update_grown(connection, roots, probe, names_at, progress)
        )
        if updated and not _haunted(connection):
            return
        rebuild = updated  # updated, but the ghosts are past their share
    marks = [root_mtime(root) for root in roots]  # before the scan: a later change shows
    names_marks = _names_marks(roots, marks)
    stored = _load(connection, roots)
    now = scan(roots, stored.state if stored else None)
    # What was stored too fresh to be trusted is -1 there, so it never equals a scan: it is
    # read again until it has settled.
    now_bytes = marshal.dumps(now, MARSHAL_VERSION)
    now_ns = time.time_ns()
    fresh = settled(now, now_ns)
    parts = probe_parts(probe_paths(fresh), expected(fresh, marks, now_ns))
    if stored and not rebuild and (now_bytes, parts) == (stored.folders, stored.parts):
        return  # nothing changed, but something is too fresh to trust yet
    connection.execute("BEGIN IMMEDIATE")  # one writer at a time; others wait (busy timeout)
    try:
        # Another run may have done the work while this one waited for the lock: look again.
        stored = _load(connection, roots)
        if stored is not None and rebuild and _haunted(connection):
            stored = None
        if stored is None:
            _create(connection)
        touched: Touched | None = set()  # None: everything
        if stored is None or now_bytes != stored.folders:
            before = stored.files if stored else {}
            touched = _apply(connection, roots, before, flat(roots, now), progress)
            if stored is not None and _haunted(connection):  # built anew instead
                stored = None
                _create(connection)
                touched = _apply(connection, roots, {}, flat(roots, now), progress)
        connection.execute(
            "INSERT OR REPLACE INTO state (id, roots, folders) VALUES (1, ?, ?)",
            (marshal.dumps(_identity(roots)), marshal.dumps(fresh, MARSHAL_VERSION)),
        )
        tokens = _record_names(connection, _names_token(connection), touched)
        _store_parts(connection, parts, stored.parts if stored is not None else None)
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    if stored is None:
        _compact(connection)
    if names_at is not None:
        _write_names(connection, roots, names_at, names_marks, now_ns, tokens, touched)


def _create(connection: sqlite3.Connection) -> None:
    """The index's tables, empty (whatever was there dropped)."""
    # `bodies`: schema 10's, dropped with it.
    for table in (
        *("fts", "ghosts", "bodies", "title_keys", "terms", "articles"),
        *("state", "expected", "probe", "names_token"),
    ):
        connection.execute(f"DROP TABLE IF EXISTS {table}")
    for statement in _SCHEMA:
        connection.execute(statement)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _names_marks(roots: list[str], marks: list[int | None]) -> list[int | None]:
    """What the names file is trusted by, from the roots' mtimes: a language-first root's
    language folders' mtimes count too (layout.names_mark)."""
    return [names_mark(root, mark) for root, mark in zip(roots, marks, strict=True)]


def _identity(roots: list[str]) -> list[str]:
    """What the stored state is of: the roots, each in its layout (library/layout.py)."""
    return [f"{root}\0{layout_of(root).signature}" for root in roots]


def _compact(connection: sqlite3.Connection) -> None:
    """The pages a build left free (the full-text table's merges free many) given back to the
    disk: some 5 % of the index after a build from nothing. Only a saving: a run reading the
    index meanwhile makes it wait, and then it is skipped."""
    try:
        connection.execute("VACUUM")
    except sqlite3.OperationalError:
        pass


def _write_names(
    connection: sqlite3.Connection,
    roots: list[str],
    at: Path,
    marks: list[int | None],
    now_ns: int,
    tokens: tuple[bytes, bytes],
    touched: Touched | None,
) -> None:
    """The names file for completion brought in line with the index and the roots' marks (a
    mark too fresh to trust is written as -1, which never matches). `marks` are
    `_names_marks`, taken before the scan; `tokens` the names' token before and after the
    change, which `touched` these (slug, language) pairs (None: any).

    A file of the token before is patched with the pairs touched, looked up again here: at
    50,000 terms, reading every name out of SQLite cost more than the rest of an update."""
    settled_marks = [None if m is None else -1 if now_ns - m < RACY_WINDOW_NS else m for m in marks]
    if touched is not None and len(touched) <= _PATCH_MOST:
        changes = {pair: _title_of(connection, *pair) for pair in touched}
        if names_file.patch(at, roots, settled_marks, tokens, changes):
            return
    # Read in one transaction, so that the token written is the one these names are of.
    connection.execute("BEGIN")
    try:
        token = _names_token(connection)
        names: names_file.Names = {}
        # In the order of ids, as _title_of takes them: of two files that give a slug the
        # same language (in two roots), the one read last counts.
        rows = connection.execute("SELECT slug, lang, title FROM articles ORDER BY id")
        for slug, lang, title in rows:
            names.setdefault(slug, {})[lang] = title
    finally:
        connection.execute("COMMIT")
    names_file.write(at, roots, settled_marks, token, names)


def _title_of(connection: sqlite3.Connection, slug: str, lang: str) -> str | None:
    """The title the names file gives (slug, language), as a whole write takes it; None when
    no file gives it any."""
    row = connection.execute(
        "SELECT title FROM articles WHERE slug = ? AND lang = ? ORDER BY id DESC LIMIT 1",
        (slug, lang),
    ).fetchone()
    return None if row is None else str(row[0])


def _apply(
    connection: sqlite3.Connection,
    roots: list[str],
    before: dict[str, FileInfo],
    after: dict[str, FileInfo],
    progress: Progress = _no_progress,
) -> Touched | None:
    """Delete the rows of files gone, and read the new and changed files; the (slug, language)
    pairs whose names changed (None, for an index built from nothing: all)."""
    ids = dict(connection.execute("SELECT path, id FROM articles"))
    gone: list[tuple[str, str, str]] = []
    added: list[tuple[str, str, str]] = []
    for path, id in ids.items():
        if path not in after:
            gone += _delete(connection, id)
    to_read = [
        (path, info) for path, info in after.items() if path not in ids or before.get(path) != info
    ]
    # Built from nothing, every name is new: none is kept to compare (at 50,000 terms they
    # were some 30 MB of the build's peak).
    anew = not ids
    for done, (path, info) in enumerate(to_read):
        progress(done, len(to_read))
        old, new = _insert(connection, path, info, roots[info[2]], known=path in ids)
        if not anew:
            gone += old
            added += new
    progress(len(to_read), len(to_read))
    return None if anew else _touched(gone, added)


def _fts_values(
    slug: str, title: str, keywords: str, description: str, body: str
) -> tuple[str, ...]:
    """The full-text columns of a file: folded, in the index's words."""
    return tuple(
        index_text(fold(text)) for text in (slug, one_line(title), keywords, description, body)
    )


def _delete(connection: sqlite3.Connection, id: int) -> list[tuple[str, str, str]]:
    """The file's rows gone, its full-text row left as a ghost; its (slug, language, title)."""
    found = connection.execute(
        "SELECT slug, lang, title FROM articles WHERE id = ?", (id,)
    ).fetchone()
    for table in ("articles", "title_keys"):
        connection.execute(f"DELETE FROM {table} WHERE id = ?", (id,))
    connection.execute("INSERT OR IGNORE INTO ghosts (id) VALUES (?)", (id,))
    return [] if found is None else [(found[0], found[1], found[2])]


def _haunted(connection: sqlite3.Connection, more: int = 0) -> bool:
    """Whether the ghost rows (with `more` to come) are past their share: then the index is
    built anew rather than updated."""
    (ghosts,) = connection.execute("SELECT count(*) FROM ghosts").fetchone()
    (files,) = connection.execute("SELECT count(*) FROM articles").fetchone()
    return bool(ghosts + more > max(GHOST_FLOOR, files // GHOST_SHARE))


def title_keys(title: str) -> list[str]:
    """The names a title answers to besides itself: without a trailing gloss in brackets,
    and the gloss (`클러스터 (Cluster)`: `클러스터` and `cluster`)."""
    found = _GLOSS.fullmatch(fold_key(title))
    return [found[1].strip(), found[2].strip()] if found else []


def _insert(
    connection: sqlite3.Connection, path: str, info: FileInfo, root: str, known: bool = True
) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """The file read into the index, in place of its rows if it had some (`known`: it may
    have); the (slug, language, title) of the rows it replaced, and its own if it is an
    article. A file read again that gives what its rows hold (touched, or re-read while too
    fresh to trust) keeps them: no ghost is left."""
    slug, lang, _, _, size, _, _ = info
    got = read_extract(path, slug, root, size)
    found = (
        connection.execute("SELECT id, digest FROM articles WHERE path = ?", (path,)).fetchone()
        if known
        else None
    )
    if got is None:
        return (_delete(connection, found[0]) if found else []), []
    description = got.description or got.intro
    keywords = "\n".join(got.keywords)
    values = _fts_values(slug, got.title, keywords, description, got.body)
    digest = _digest(got.title, description, keywords, got.problem, *values)
    if found and found[1] == digest:
        return [], []  # the same rows again: nothing of slug, language or title changed
    gone = _delete(connection, found[0]) if found else []
    id = connection.execute(
        "INSERT INTO articles (path, slug, lang, title, title_fold, title_key, slug_key,"
        " description, keywords, listed, problem, digest)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            path,
            slug,
            lang,
            got.title,
            one_line(fold(got.title)),
            fold_key(got.title),
            fold_key(slug),
            description,
            keywords,
            listed_fields(got.title, description, keywords_of(keywords)),
            got.problem,
            digest,
        ),
    ).lastrowid
    connection.executemany(
        "INSERT OR IGNORE INTO title_keys (key, id) VALUES (?, ?)",
        [(key, id) for key in title_keys(got.title)],
    )
    connection.execute(
        "INSERT INTO fts (rowid, slug, title, keywords, description, body)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (id, *values),
    )
    return gone, [(slug, lang, got.title)]


def _digest(*texts: str) -> bytes:
    """What a file's rows hold, in 8 bytes: a file read again that gives the same digest
    keeps its rows (its full-text row is not left as a ghost)."""
    from hashlib import blake2b

    return blake2b("\0".join(texts).encode("utf-8", "surrogatepass"), digest_size=8).digest()


def read_extract(
    path: str,
    slug: str,
    root: str,
    size: int = 0,
    reader: Callable[[str, str], Extract] | None = None,
) -> Extract | None:
    """What the index keeps of a file (search/extract.py, or `reader`'s part of it), its
    problem in it when it cannot be read; None when it is no article here (gone, or a link out
    of its root). `size` is its size from the scan, which a file over MAX_ARTICLE_BYTES is
    refused by before reading."""
    from glossary_cli.search.extract import Extract, extract

    folder = os.path.dirname(path)
    if os.path.islink(folder) or os.path.islink(path):  # rare: no Path made for the rest
        owner = Root(Path(root), "index")
        if outside_root(owner, Path(folder)) or outside_root(owner, Path(path)):
            # Not an article here, as for `show` and `langs`: a downloaded glossary must not
            # put other files' text in search results (`glossary check` reports such links).
            return None
    try:
        if not os.path.exists(path):
            return None  # gone since the scan; the next run's scan will not list it
        # As `show` reads: never a FIFO or a device, never more than MAX_ARTICLE_BYTES.
        if size > MAX_ARTICLE_BYTES:
            raise ValueError("too large to read")
        raw = read_bytes(path, path).decode("utf-8")
    except UnicodeDecodeError as exc:  # worded as `show` words it
        return Extract(slug, "", (), "", "", f"not UTF-8 text (byte {exc.start})")
    except BadArticle as exc:
        return Extract(slug, "", (), "", "", exc.problem)
    except (OSError, ValueError) as exc:
        return Extract(slug, "", (), "", "", _describe(exc))
    return (reader or extract)(raw, slug)
