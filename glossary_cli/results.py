"""What the commands return and the views show: plain data, every result type in one place."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # only names for the type checker: importing this module loads no model
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


# --- one article: show, sections, highlights, langs SLUG, links ---------------------------------


class ShowResult(NamedTuple):
    article: Article
    section: Section | None = None
    missing: frozenset[str] = frozenset()  # link targets naming articles the library lacks


class SectionsResult(NamedTuple):
    article: Article


class HighlightsResult(NamedTuple):
    article: Article
    section: Section
    points: tuple[str, ...]


class LanguageRow(NamedTuple):
    tag: str
    name: str
    title: str  # the article's title in that language (langs SLUG)
    articles: int  # articles in that language (langs)
    path: str = ""
    problem: str | None = None  # why this translation cannot be read (langs SLUG)


class LangsResult(NamedTuple):
    slug: str | None
    rows: tuple[LanguageRow, ...]
    warnings: tuple[str, ...] = ()  # for stderr: translations that cannot be read


class LinksResult(NamedTuple):
    article: Article
    links: tuple[Link, ...]


class SideBySide(NamedTuple):
    """One command's results in several languages, in the order the reader asked for them."""

    results: tuple[ShowResult | SectionsResult | HighlightsResult, ...]  # all of one kind


# --- list and search --------------------------------------------------------------------------


class Entry(NamedTuple):
    """One article of `list`, in the language chosen for it."""

    slug: str
    lang: str
    title: str
    description: str  # the frontmatter's, else the first paragraph
    keywords: tuple[str, ...]
    languages: tuple[str, ...]
    fallback: bool  # the reader asked for a language this article lacks
    path: str


class ListResult(NamedTuple):
    entries: tuple[Entry, ...]
    asked: str | None  # the reader's first language, for the fallback note

    @property
    def notice(self) -> str | None:
        missing = sum(entry.fallback for entry in self.entries)
        if not missing or self.asked is None:
            return None
        total = len(self.entries)
        return (
            f"{missing} of {total} article{'s' if total != 1 else ''} "
            f"{'is' if missing == 1 else 'are'} not available in {self.asked}; "
            "listed in another language (see the language column)"
        )


class Hit(NamedTuple):
    """One article found, in one language, with the part of it that matched."""

    slug: str
    lang: str
    title: str
    title_marks: Marks
    field: str  # where the snippet comes from: description, keywords or body
    snippet: str
    marks: Marks
    path: str


class SearchResult(NamedTuple):
    query: str
    hits: tuple[Hit, ...]


# --- the library and the settings: langs, langs --missing, langs --explain, config -------------


class ArticleLanguages(NamedTuple):
    slug: str
    languages: tuple[str, ...]  # sorted by tag


class CoverageResult(NamedTuple):
    """Which article exists in which language: every article against every language."""

    languages: tuple[str, ...]  # every language of the library, sorted by tag
    names: tuple[str, ...]  # each language's name in itself, in the order of `languages`
    articles: tuple[ArticleLanguages, ...]  # sorted by slug

    def articles_in(self, tag: str) -> int:
        return sum(tag in entry.languages for entry in self.articles)


class MissingResult(NamedTuple):
    """The articles not yet translated into `lang`, with the languages they do have."""

    lang: str
    articles: tuple[ArticleLanguages, ...]
    total: int  # articles in the library


class ExplainRow(NamedTuple):
    """One step of the language choice: where a preference came from and what became of it."""

    source: str  # --lang, GLOSSARY_LANG, config, LANGUAGE, LC_ALL, LC_MESSAGES, LANG, fallback
    value: str | None  # as set; None when unset
    tags: tuple[str, ...]
    status: str  # used, skipped, unavailable
    note: str


class ExplainResult(NamedTuple):
    slug: str | None
    available: tuple[str, ...]  # the article's languages; empty without a slug
    rows: tuple[ExplainRow, ...]
    chosen: tuple[str, ...]  # the languages shown; empty without a slug or on an error
    error: str | None = None  # what the command would say instead of showing the article


class SettingsResult(NamedTuple):
    """The settings in force, each with where it came from (`glossary config`)."""

    path: str  # the config file, whether or not it exists
    exists: bool
    lang: tuple[tuple[str, str], ...]  # (tag, source), most preferred first; empty: fallback
    paths: tuple[tuple[str, str], ...]  # (folder, source), in the order they are searched
    color: tuple[str, str]
    pager: tuple[bool, str]
    pager_command: tuple[str, str]


# --- check ------------------------------------------------------------------------------------


class Finding(NamedTuple):
    """One problem: where (a file, or a term's folder), how bad, and what."""

    path: str
    line: int | None
    severity: str  # ERROR or WARNING
    message: str

    def __str__(self) -> str:
        """`path:line: severity: message`, the shape editors and CI logs know how to follow."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message}"


class CheckResult(NamedTuple):
    roots: tuple[str, ...]
    findings: tuple[Finding, ...]
    files: int  # article files read
    terms: int

    @property
    def error_count(self) -> int:
        return sum(1 for finding in self.findings if finding.severity == ERROR)

    @property
    def warning_count(self) -> int:
        return len(self.findings) - self.error_count
