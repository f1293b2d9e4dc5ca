"""The search index: SQLite with FTS5 in the user's cache folder, one database per set of
article roots, brought up to date from the files' size, mtime and inode on every use.

A cache that cannot be used (corrupt, truncated, locked past the timeout, read-only, in a
folder that cannot be made) never fails a command: a broken file is deleted and rebuilt, and
failing that the index is built in memory for this run, with one warning."""

from __future__ import annotations

import marshal
import os
import sqlite3
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from glossary_cli.errors import BadArticle, GlossaryError
from glossary_cli.library.roots import MAX_ARTICLE_BYTES, Library, Root, outside_root, read_bytes
from glossary_cli.search.scan import (
    MARSHAL_VERSION,
    FileInfo,
    Hint,
    expected,
    flat,
    hint_of,
    observe,
    probe_paths,
    root_mtime,
    scan,
    settled,
)
from glossary_cli.text.fold import fold, fold_key

# Bump when what is stored changes (tables, extraction, folding): older files are rebuilt.
# 2: the frontmatter read as `show` reads it (metadata.py), control characters dropped first;
# no files linked from outside a root. 3: the warm check's paths and expected stats stored.
# 4: text folded as Unicode's compatibility caseless match (`™` as `tm`, marks in any order);
# the body read by reading/lines.py, whose inline text is the parser's (a lone `*` kept).
# 5: the files' ctime compared too (an edit that restores the mtime).
SCHEMA_VERSION = 5
BUSY_TIMEOUT_S = 10.0  # another run building the index cold holds the write lock this long
TRIGRAM = 3  # FTS5's trigram tokenizer matches terms of three characters or more
T = TypeVar("T")

_SCHEMA = (
    # The scan the index reflects, in one row. A warm run reads `roots`, `paths` and `expected`
    # and stats those paths to know that nothing changed (see scan.observe); a run that finds a
    # change reads `hint` and `folders` to scan again and apply the difference (scan.State).
    "CREATE TABLE state (id INTEGER PRIMARY KEY CHECK (id = 1),"
    " roots BLOB, hint BLOB, folders BLOB, paths BLOB, expected BLOB)",
    # One row per article file, small: `list` reads them all. The text is kept apart.
    """CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        slug TEXT NOT NULL,
        lang TEXT NOT NULL,
        title TEXT NOT NULL,
        title_key TEXT NOT NULL,
        slug_key TEXT NOT NULL,
        description TEXT NOT NULL,
        keywords TEXT NOT NULL,
        problem TEXT NOT NULL
    )""",
    "CREATE TABLE bodies (id INTEGER PRIMARY KEY, body TEXT NOT NULL)",
    "CREATE INDEX articles_title_key ON articles(title_key)",
    "CREATE INDEX articles_slug_key ON articles(slug_key)",
    # Folded text (lower case, no accents) in every column. The trigram tokenizer finds any
    # substring of three characters or more, so a word inside a Japanese sentence as well.
    "CREATE VIRTUAL TABLE fts USING fts5("
    "slug, title, keywords, description, body, tokenize = 'trigram')",
)
# bm25 weights, in the fts columns' order: a title match outweighs a body match.
BM25 = "bm25(fts, 6.0, 10.0, 5.0, 3.0, 1.0)"


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


class Index:
    """An open, up-to-date index; `where` is its file, or ":memory:"."""

    def __init__(self, connection: sqlite3.Connection, where: str) -> None:
        self.connection = connection
        self.where = where

    def rows(self, where: str = "", params: Iterable[object] = ()) -> list[Row]:
        cursor = self.connection.execute(
            "SELECT id, slug, lang, path, title, description, keywords, problem FROM articles "
            + where
            + " ORDER BY slug, lang",
            tuple(params),
        )
        return [
            Row(id, slug, lang, path, title, text, tuple(k for k in keys.split("\n") if k), problem)
            for id, slug, lang, path, title, text, keys, problem in cursor
        ]

    def named(self, name: str) -> tuple[list[Row], list[Row]]:
        """Files whose slug, then whose title, is `name` (case, accents, `-`/`_` aside)."""
        key = fold_key(name)
        return (
            self.rows("WHERE slug_key = ?", (key,)),
            self.rows("WHERE title_key = ?", (key,)),
        )

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

        Ranked in SQL, so that a common word matching thousands of files costs no Python per
        file: an article ranks by its best file, tier first (0: the title is the query or the
        slug is; 1: the title starts with it; 2: the title holds every term; 3: the rest), then
        bm25. Terms too short for the trigram index are looked for with LIKE, which reads
        every row (still milliseconds).
        """
        long = [t for t in terms if len(t) >= TRIGRAM]
        short = [t for t in terms if len(t) < TRIGRAM]
        phrase = " ".join(terms)
        params: dict[str, object] = {"phrase": phrase, "slug_key": slug_key, "limit": limit}
        where: list[str] = []
        if long:
            where.append("fts MATCH :query")
            params["query"] = " ".join('"' + t.replace('"', '""') + '"' for t in long)
        columns = ("fts.slug", "fts.title", "fts.keywords", "fts.description", "fts.body")
        for n, term in enumerate(short):
            pattern = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params[f"like{n}"] = f"%{pattern}%"
            # LIKE, not instr(): measured three times faster here (no counting characters).
            where.append("(" + " OR ".join(f"{c} LIKE :like{n} ESCAPE '\\'" for c in columns) + ")")
        if langs is not None:
            names = [f"lang{n}" for n in range(len(langs))]
            params.update(zip(names, langs, strict=True))
            where.append(f"a.lang IN ({', '.join(':' + name for name in names)})")
        for n, term in enumerate(terms):
            params[f"term{n}"] = term
        holds_all = " AND ".join(f"instr(fts.title, :term{n}) > 0" for n in range(len(terms)))
        tier = (
            "CASE WHEN fts.title = :phrase OR a.slug_key = :slug_key THEN 0"
            " WHEN substr(fts.title, 1, length(:phrase)) = :phrase THEN 1"
            f" WHEN {holds_all} THEN 2 ELSE 3 END"
        )
        score = BM25 if long else "0.0"
        cursor = self.connection.execute(
            f"""WITH m AS (
                SELECT a.id AS id, a.slug AS slug, a.lang AS lang, {tier} AS tier,
                    {score} AS score
                FROM fts JOIN articles a ON a.id = fts.rowid WHERE {" AND ".join(where)}
            ), best AS (
                SELECT slug, tier, score,
                    row_number() OVER (PARTITION BY slug ORDER BY tier, score) AS n
                FROM m
            ), top AS (
                SELECT slug, tier, score FROM best WHERE n = 1
                ORDER BY tier, score, slug LIMIT :limit
            )
            SELECT m.id, m.slug, m.lang, m.tier, m.score FROM top JOIN m USING (slug)
            ORDER BY top.tier, top.score, top.slug, m.tier, m.score, m.lang""",
            params,
        )
        return [Match(*row) for row in cursor]

    def texts(self, ids: Iterable[int]) -> dict[int, tuple[str, ...]]:
        """(title, description, keywords, body, path) of these files, as written."""
        wanted = list(ids)
        cursor = self.connection.execute(
            "SELECT id, title, description, keywords, body, path FROM articles JOIN bodies "
            f"USING (id) WHERE id IN ({', '.join('?' * len(wanted))})",
            wanted,
        )
        return {row[0]: row[1:] for row in cursor}


def index_path(folder: Path, roots: list[str]) -> Path:
    """One database per set of roots: their resolved paths, in order, name the file. (Two sets
    with one name would only cost rebuilds: what a run reads is checked against its own roots.
    So a checksum, cheaper to import than hashlib, is enough.)"""
    import zlib

    key = "\0".join(roots)
    digest = zlib.crc32(key.encode("utf-8", "surrogateescape"))
    return folder / f"index-{digest:08x}.sqlite3"


def use_index(library: Library, warn: Callable[[str], None], query: Callable[[Index], T]) -> T:
    """`query` run on this library's index, brought up to date first. The cache never fails a
    command: a damaged file is deleted and built anew; a cache that cannot be written or is
    locked too long gives way to an index built in memory for this run, with a warning."""
    roots = [str(root.path.resolve()) for root in library.roots]
    problem = ""
    path = None if library.index_dir is None else index_path(library.index_dir, roots)
    if path is not None:
        for attempt in range(2):
            connection = None
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                connection = _connect(str(path))
                refresh(connection, roots)
                return _read(connection, str(path), query)
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
        refresh(connection, roots)
        return _read(connection, ":memory:", query)
    except sqlite3.Error as exc:  # even in memory: this SQLite lacks FTS5 or its trigrams
        raise GlossaryError(
            f"searching needs SQLite 3.34 or later with FTS5; this Python has SQLite "
            f"{sqlite3.sqlite_version} ({_describe(exc)})"
        ) from None
    finally:
        connection.close()


def _read(connection: sqlite3.Connection, where: str, query: Callable[[Index], T]) -> T:
    """`query` in one read transaction: all its reads see one state of the index, whatever
    other runs write meanwhile (WAL keeps this snapshot for it), so that the row ids a search
    ranked are still there when it reads their texts."""
    connection.execute("BEGIN")
    try:
        return query(Index(connection, where))
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

    hint: Hint
    folders: bytes  # the marshalled scan.State
    files: dict[str, FileInfo]  # that state, file by file (scan.flat)
    paths: bytes  # the marshalled scan.ProbePaths
    expected: bytes


def _schema_is_current(connection: sqlite3.Connection) -> bool:
    return bool(connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION)


def _unchanged(connection: sqlite3.Connection, roots: list[str]) -> bool:
    """Whether the files are as the index last saw them: one row read, one stat a folder and
    a file, and nothing else (the path every warm search takes)."""
    if not _schema_is_current(connection):
        return False
    row = connection.execute("SELECT roots, paths, expected FROM state").fetchone()
    if row is None:
        return False
    try:
        if marshal.loads(row[0]) != roots:
            return False
        paths: Any = marshal.loads(row[1])
    except (ValueError, EOFError, TypeError):  # damaged: the slower path builds it anew
        return False
    well_formed = (
        isinstance(paths, list)
        and len(paths) == len(roots)
        and all(
            isinstance(p, tuple) and len(p) == 2 and all(isinstance(x, str) for x in p)
            for p in paths
        )
    )
    return well_formed and observe(roots, paths) == bytes(row[2])


def _load(connection: sqlite3.Connection, roots: list[str]) -> Stored | None:
    """The stored scan, if of this schema and these roots."""
    if not _schema_is_current(connection):
        return None
    row = connection.execute("SELECT roots, hint, folders, paths, expected FROM state").fetchone()
    try:
        if row is None or marshal.loads(row[0]) != roots:
            return None
        hint: Any = marshal.loads(row[1])
        if not isinstance(hint, list) or not all(isinstance(b, bytes) for b in row[2:]):
            return None
        files = flat(roots, marshal.loads(row[2]))
    except (ValueError, EOFError, TypeError, AttributeError):  # damaged: built anew
        return None
    return Stored(hint, row[2], files, row[3], row[4])


def refresh(connection: sqlite3.Connection, roots: list[str]) -> None:
    """Bring the index in line with the files: new ones read, changed ones re-read, gone ones
    dropped. A warm run reads one row and stats the files; it writes nothing."""
    if _unchanged(connection, roots):
        return
    marks = [root_mtime(root) for root in roots]  # before the scan: a later change shows
    stored = _load(connection, roots)
    now = scan(roots, stored.hint if stored else None)
    # What was stored too fresh to be trusted is -1 there, so it never equals a scan: it is
    # read again until it has settled.
    now_bytes = marshal.dumps(now, MARSHAL_VERSION)
    now_ns = time.time_ns()
    fresh = settled(now, now_ns)
    paths = marshal.dumps(probe_paths(fresh), MARSHAL_VERSION)
    expect = expected(fresh, marks, now_ns)
    if stored and (now_bytes, paths, expect) == (stored.folders, stored.paths, stored.expected):
        return  # nothing changed, but something is too fresh to trust yet
    connection.execute("BEGIN IMMEDIATE")  # one writer at a time; others wait (busy timeout)
    try:
        # Another run may have done the work while this one waited for the lock: look again.
        stored = _load(connection, roots)
        if stored is None:
            for table in ("fts", "bodies", "articles", "state"):
                connection.execute(f"DROP TABLE IF EXISTS {table}")
            for statement in _SCHEMA:
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        if stored is None or now_bytes != stored.folders:
            _apply(connection, roots, stored.files if stored else {}, flat(roots, now))
        connection.execute(
            "INSERT OR REPLACE INTO state (id, roots, hint, folders, paths, expected)"
            " VALUES (1, ?, ?, ?, ?, ?)",
            (
                marshal.dumps(roots),
                marshal.dumps(hint_of(fresh), MARSHAL_VERSION),
                marshal.dumps(fresh, MARSHAL_VERSION),
                paths,
                expect,
            ),
        )
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


def _apply(
    connection: sqlite3.Connection,
    roots: list[str],
    before: dict[str, FileInfo],
    after: dict[str, FileInfo],
) -> None:
    """Delete the rows of files gone or changed, and read the new and changed files."""
    ids = dict(connection.execute("SELECT path, id FROM articles"))
    for path, id in ids.items():
        if path not in after or before.get(path) != after[path]:
            for table in ("articles", "bodies"):
                connection.execute(f"DELETE FROM {table} WHERE id = ?", (id,))
            connection.execute("DELETE FROM fts WHERE rowid = ?", (id,))
    for path, info in after.items():
        if path not in ids or before.get(path) != info:
            _insert(connection, path, info, roots[info[2]])


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _insert(connection: sqlite3.Connection, path: str, info: FileInfo, root: str) -> None:
    from glossary_cli.search.extract import Extract, extract

    slug, lang, _, _, size, _, _ = info
    file = Path(path)
    owner = Root(Path(root), "index")
    if outside_root(owner, file.parent) or outside_root(owner, file):
        # Not an article here, as for `show` and `langs`: a downloaded glossary must not put
        # other files' text in search results (`glossary check` reports such links).
        return
    try:
        if not os.path.exists(file):
            return  # gone since the scan; the next run's scan will not list it
        # As `show` reads: never a FIFO or a device, never more than MAX_ARTICLE_BYTES.
        if size > MAX_ARTICLE_BYTES:
            raise ValueError("too large to read")
        raw = read_bytes(file, path).decode("utf-8")
    except UnicodeDecodeError as exc:  # worded as `show` words it
        got = Extract(slug, "", (), "", "", f"not UTF-8 text (byte {exc.start})")
    except BadArticle as exc:
        got = Extract(slug, "", (), "", "", exc.problem)
    except (OSError, ValueError) as exc:
        got = Extract(slug, "", (), "", "", _describe(exc))
    else:
        got = extract(raw, slug)
    description = got.description or got.intro
    keywords = "\n".join(got.keywords)
    id = connection.execute(
        "INSERT INTO articles (path, slug, lang, title, title_key, slug_key, description,"
        " keywords, problem) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            path,
            slug,
            lang,
            got.title,
            fold_key(got.title),
            fold_key(slug),
            description,
            keywords,
            got.problem,
        ),
    ).lastrowid
    connection.execute("INSERT INTO bodies (id, body) VALUES (?, ?)", (id, got.body))
    connection.execute(
        "INSERT INTO fts (rowid, slug, title, keywords, description, body)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (
            id,
            fold(slug),
            _one_line(fold(got.title)),
            fold(keywords),
            fold(description),
            fold(got.body),
        ),
    )
