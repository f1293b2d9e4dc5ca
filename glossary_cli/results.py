"""What the commands return and the views show: plain data, every result type in one place."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only names for the type checker: importing this module loads no model
    from collections.abc import Iterable

    from glossary_cli.document.links import Link
    from glossary_cli.document.model import Article, Section

ERROR = "error"
WARNING = "warning"

Marks = tuple[tuple[int, int], ...]  # [start, end) offsets of search matches, in code points


def segments(text: str, marks: Marks) -> list[tuple[str, bool]]:
    """`text` cut into pieces, each with whether it is a match: what every view marks."""
    out: list[tuple[str, bool]] = []
    position = 0
    for start, end in marks:
        if start > position:
            out.append((text[position:start], False))
        out.append((text[start:end], True))
        position = end
    if position < len(text):
        out.append((text[position:], False))
    return out


class _Record:
    """Plain data in named fields, equal when their values are, as a NamedTuple would be.

    Results are classes with __slots__ rather than NamedTuples because every command imports
    this module, and a NamedTuple is many times dearer to define than a plain class. They are
    not tuples: read them by field name, never by position. Nothing writes to a result once
    it is made.
    """

    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple[object, ...]:
        """The values, in the order of __slots__ (and of the constructor's arguments)."""
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return (
            type(other) is type(self)
            and isinstance(other, _Record)
            and self._values() == other._values()
        )

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({shown})"


# --- one article: show, sections, highlights, langs SLUG, links ---------------------------------


class ShowResult(_Record):
    __slots__ = ("article", "section", "missing")

    def __init__(
        self,
        article: Article,
        section: Section | None = None,
        missing: frozenset[str] = frozenset(),  # link targets naming articles the library lacks
    ) -> None:
        self.article = article
        self.section = section
        self.missing = missing


class SectionsResult(_Record):
    __slots__ = ("article",)

    def __init__(
        self,
        article: Article,
    ) -> None:
        self.article = article


class HighlightsResult(_Record):
    __slots__ = ("article", "section", "points")

    def __init__(
        self,
        article: Article,
        section: Section,
        points: tuple[str, ...],
    ) -> None:
        self.article = article
        self.section = section
        self.points = points


class LanguageRow(_Record):
    __slots__ = ("tag", "name", "title", "articles", "path", "problem")

    def __init__(
        self,
        tag: str,
        name: str,
        title: str,  # the article's title in that language (langs SLUG)
        articles: int,  # articles in that language (langs)
        path: str = "",
        problem: str | None = None,  # why this translation cannot be read (langs SLUG)
    ) -> None:
        self.tag = tag
        self.name = name
        self.title = title
        self.articles = articles
        self.path = path
        self.problem = problem


class LangsResult(_Record):
    __slots__ = ("slug", "rows", "warnings")

    def __init__(
        self,
        slug: str | None,
        rows: tuple[LanguageRow, ...],
        warnings: tuple[str, ...] = (),  # for stderr: translations that cannot be read
    ) -> None:
        self.slug = slug
        self.rows = rows
        self.warnings = warnings


class LinksResult(_Record):
    __slots__ = ("article", "links")

    def __init__(
        self,
        article: Article,
        links: tuple[Link, ...],
    ) -> None:
        self.article = article
        self.links = links


class SideBySide(_Record):
    """One command's results in several languages, in the order the reader asked for them."""

    __slots__ = ("results",)

    def __init__(
        self,
        results: tuple[ShowResult | SectionsResult | HighlightsResult, ...],  # all of one kind
    ) -> None:
        self.results = results


# --- list and search --------------------------------------------------------------------------


class Entry(_Record):
    """One article of `list`, in the language chosen for it."""

    __slots__ = (
        "slug",
        "lang",
        "title",
        "description",
        "keywords",
        "languages",
        "fallback",
        "path",
    )

    def __init__(
        self,
        slug: str,
        lang: str,
        title: str,
        description: str,  # the frontmatter's, else the first paragraph
        keywords: tuple[str, ...],
        languages: tuple[str, ...],
        fallback: bool,  # the reader asked for a language this article lacks
        path: str,
    ) -> None:
        self.slug = slug
        self.lang = lang
        self.title = title
        self.description = description
        self.keywords = keywords
        self.languages = languages
        self.fallback = fallback
        self.path = path


class ListResult(_Record):
    """Every article listed. `entries` may be a one-pass iterator (`list` streams them from the
    index as the view writes them): a view reads it once, in order. `records`, when given, is
    another one for the plain view: each article's line (slug, language, listed_fields) as
    the index keeps it (text/records.py), no field made one by one; a view reads one of them."""

    __slots__ = ("entries", "asked", "records")

    def __init__(
        self,
        entries: Iterable[Entry],
        asked: str | None,  # the reader's first language, for the fallback note
        records: Iterable[str] | None = None,
    ) -> None:
        self.entries = entries
        self.asked = asked
        self.records = records


class Hit(_Record):
    """One article found, in one language, with the part of it that matched."""

    __slots__ = ("slug", "lang", "title", "title_marks", "field", "snippet", "marks", "path")

    def __init__(
        self,
        slug: str,
        lang: str,
        title: str,
        title_marks: Marks,
        field: str,  # where the snippet comes from: description, keywords or body
        snippet: str,
        marks: Marks,
        path: str,
    ) -> None:
        self.slug = slug
        self.lang = lang
        self.title = title
        self.title_marks = title_marks
        self.field = field
        self.snippet = snippet
        self.marks = marks
        self.path = path


class SearchResult(_Record):
    __slots__ = ("query", "hits")

    def __init__(
        self,
        query: str,
        hits: tuple[Hit, ...],
    ) -> None:
        self.query = query
        self.hits = hits


# --- the library and the settings: langs, langs --missing, langs --explain, config -------------


class ArticleLanguages(_Record):
    __slots__ = ("slug", "languages")

    def __init__(
        self,
        slug: str,
        languages: tuple[str, ...],  # sorted by tag
    ) -> None:
        self.slug = slug
        self.languages = languages


class CoverageResult(_Record):
    """Which article exists in which language: every article against every language."""

    __slots__ = ("languages", "names", "articles")

    def __init__(
        self,
        languages: tuple[str, ...],  # every language of the library, sorted by tag
        names: tuple[str, ...],  # each language's name in itself, in the order of `languages`
        articles: tuple[ArticleLanguages, ...],  # sorted by slug
    ) -> None:
        self.languages = languages
        self.names = names
        self.articles = articles

    def articles_in(self, tag: str) -> int:
        return sum(tag in entry.languages for entry in self.articles)


class MissingResult(_Record):
    """The articles not yet translated into `lang`, with the languages they do have."""

    __slots__ = ("lang", "articles", "total")

    def __init__(
        self,
        lang: str,
        articles: tuple[ArticleLanguages, ...],
        total: int,  # articles in the library
    ) -> None:
        self.lang = lang
        self.articles = articles
        self.total = total


class ExplainRow(_Record):
    """One step of the language choice: where a preference came from and what became of it."""

    __slots__ = ("source", "value", "tags", "status", "note")

    def __init__(
        self,
        source: str,  # --lang, GLOSSARY_LANG, config, LANGUAGE, LC_ALL, LC_MESSAGES, LANG, fallback
        value: str | None,  # as set; None when unset
        tags: tuple[str, ...],
        status: str,  # used, skipped, unavailable
        note: str,
    ) -> None:
        self.source = source
        self.value = value
        self.tags = tags
        self.status = status
        self.note = note


# A root's layout as `config` and `langs --explain` state it (library/layout.py): (the root,
# its kind, where a term's file is, and whether glossary.toml said so or it was detected).
RootLayout = tuple[str, str, str, str]


class ExplainResult(_Record):
    __slots__ = ("slug", "available", "rows", "chosen", "error", "layouts")

    def __init__(
        self,
        slug: str | None,
        available: tuple[str, ...],  # the article's languages; empty without a slug
        rows: tuple[ExplainRow, ...],
        chosen: tuple[str, ...],  # the languages shown; empty without a slug or on an error
        error: str | None = None,  # what the command would say instead of showing the article
        # the root the article is read from (every root without a slug), in its layout
        layouts: tuple[RootLayout, ...] = (),
    ) -> None:
        self.slug = slug
        self.available = available
        self.rows = rows
        self.chosen = chosen
        self.error = error
        self.layouts = layouts


class SettingsResult(_Record):
    """The settings in force, each with where it came from (`glossary config`)."""

    __slots__ = ("path", "exists", "lang", "paths", "color", "pager", "pager_command", "layouts")

    def __init__(
        self,
        path: str,  # the config file, whether or not it exists
        exists: bool,
        lang: tuple[tuple[str, str], ...],  # (tag, source), most preferred first; empty: fallback
        paths: tuple[tuple[str, str], ...],  # (folder, source), in the order they are searched
        color: tuple[str, str],
        pager: tuple[bool, str],
        pager_command: tuple[str, str],
        layouts: tuple[RootLayout, ...] = (),  # each of `paths` in its layout
    ) -> None:
        self.layouts = layouts
        self.path = path
        self.exists = exists
        self.lang = lang
        self.paths = paths
        self.color = color
        self.pager = pager
        self.pager_command = pager_command


# --- check ------------------------------------------------------------------------------------


class Finding(_Record):
    """One problem: where (a file, or a term's folder), how bad, and what."""

    __slots__ = ("path", "line", "severity", "message")

    def __init__(
        self,
        path: str,
        line: int | None,
        severity: str,  # ERROR or WARNING
        message: str,
    ) -> None:
        self.path = path
        self.line = line
        self.severity = severity
        self.message = message

    def __str__(self) -> str:
        """`path:line: severity: message`, the shape editors and CI logs know how to follow."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message}"


class CheckResult(_Record):
    __slots__ = ("roots", "findings", "files", "terms")

    def __init__(
        self,
        roots: tuple[str, ...],
        findings: tuple[Finding, ...],
        files: int,  # article files read
        terms: int,
    ) -> None:
        self.roots = roots
        self.findings = findings
        self.files = files
        self.terms = terms

    @property
    def error_count(self) -> int:
        return sum(1 for finding in self.findings if finding.severity == ERROR)

    @property
    def warning_count(self) -> int:
        return len(self.findings) - self.error_count


# --- history: langs --stale, diff -------------------------------------------------------------

SOURCE_COMMIT = "sourceCommit"  # compared from the commit the translation's frontmatter names
LAST_COMMIT = "date"  # compared by date, from the translation's last commit


class StaleTranslation(_Record):
    """A translation and how far its source-language article has moved on since it was made."""

    __slots__ = (
        "slug",
        "lang",
        "source",
        "path",
        "base",
        "how",
        "since",
        "commits",
        "lines",
        "edited",
    )

    def __init__(
        self,
        slug: str,
        lang: str,
        source: str,  # the source language's tag
        path: str,  # the translation's file
        base: str,  # the commit the source is compared from
        how: str,  # SOURCE_COMMIT or LAST_COMMIT
        since: int,  # the base commit's date, in seconds since the epoch
        commits: int,  # the source's commits since the base
        lines: int,  # lines added and removed in them
        edited: bool,  # the translation or its source has uncommitted edits, not counted
    ) -> None:
        self.slug = slug
        self.lang = lang
        self.source = source
        self.path = path
        self.base = base
        self.how = how
        self.since = since
        self.commits = commits
        self.lines = lines
        self.edited = edited


class StaleResult(_Record):
    """The translations behind their source (sorted by slug and language), of those compared."""

    __slots__ = ("rows", "compared", "warnings")

    def __init__(
        self,
        rows: tuple[StaleTranslation, ...],
        compared: int,  # translations compared
        warnings: tuple[str, ...] = (),  # for stderr: roots not in git, commits not found
    ) -> None:
        self.rows = rows
        self.compared = compared
        self.warnings = warnings


class DiffResult(_Record):
    """What changed in the source-language article since a translation was made."""

    __slots__ = ("translation", "source_path", "base_path", "diff", "warnings")

    def __init__(
        self,
        translation: StaleTranslation,  # commits 0 when it is up to date
        source_path: str,  # the source file now, from the repository's top
        base_path: str,  # the source file at the base commit (renamed since, or the same)
        diff: str,  # git's unified diff, as it printed it; empty when nothing changed
        warnings: tuple[str, ...] = (),
    ) -> None:
        self.translation = translation
        self.source_path = source_path
        self.base_path = base_path
        self.diff = diff
        self.warnings = warnings


# --- sources ----------------------------------------------------------------------------------


class SourceRow(_Record):
    """A fetched source (`glossary source list`, `source add`): where it came from, what it
    holds now, and which copy it is."""

    __slots__ = (
        "name",
        "url",
        "kind",
        "ref",
        "subdir",
        "terms",
        "languages",
        "updated",
        "revision",
        "problem",
        "layout",
    )

    def __init__(
        self,
        name: str,
        url: str,
        kind: str,  # "git" or "archive"
        ref: str,  # the branch or tag asked for; empty: the default branch
        subdir: str,  # the folder of the articles inside the copy; empty: its top
        terms: int,
        languages: tuple[str, ...],  # sorted tags
        updated: str,  # when the copy was fetched (UTC, ISO 8601)
        revision: str,  # git: the commit; an archive: "sha256:" and the file's digest
        problem: str | None = None,  # why the source cannot be read (a damaged record), if so
        layout: str = "",  # how its articles are laid out (library/layout.py's describe)
    ) -> None:
        self.name = name
        self.url = url
        self.kind = kind
        self.ref = ref
        self.subdir = subdir
        self.terms = terms
        self.languages = languages
        self.updated = updated
        self.revision = revision
        self.problem = problem
        self.layout = layout


class SourcesResult(_Record):
    __slots__ = ("sources", "warnings")

    def __init__(self, sources: tuple[SourceRow, ...]) -> None:
        self.sources = sources
        self.warnings = tuple(f"source {row.name}: {row.problem}" for row in sources if row.problem)


class SourceUpdate(_Record):
    """What `glossary update` did to one source."""

    __slots__ = (
        "name",
        "status",
        "added",
        "changed",
        "removed",
        "revision",
        "error",
        "exit_status",
    )

    def __init__(
        self,
        name: str,
        status: str,  # "updated", "unchanged" or "failed"
        added: tuple[str, ...] = (),  # slugs
        changed: tuple[str, ...] = (),
        removed: tuple[str, ...] = (),
        revision: str = "",  # of the copy in use now
        error: str | None = None,  # why it failed (the copy in use is the previous one)
        exit_status: int = 0,  # the failure's (errors.ExitStatus)
    ) -> None:
        self.name = name
        self.status = status
        self.added = added
        self.changed = changed
        self.removed = removed
        self.revision = revision
        self.error = error
        self.exit_status = exit_status


class UpdateResult(_Record):
    __slots__ = ("updates",)

    def __init__(self, updates: tuple[SourceUpdate, ...]) -> None:
        self.updates = updates
