"""Library-wide answers: which article has which language, what is missing, why a language
was chosen, and the settings in force."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from glossary_cli.errors import UsageProblem
from glossary_cli.language.choice import covers, decide, reader_trace
from glossary_cli.language.preferences import Preferences
from glossary_cli.language.tags import InvalidLanguageTag, normalize_tag
from glossary_cli.library.roots import Library
from glossary_cli.text.sanitize import visible

if TYPE_CHECKING:
    from glossary_cli.settings.display import ColorMode
    from glossary_cli.settings.resolved import Settings


class ArticleLanguages(NamedTuple):
    slug: str
    languages: tuple[str, ...]  # sorted by tag


class CoverageResult(NamedTuple):
    """Which article exists in which language: every article against every language."""

    languages: tuple[str, ...]  # every language of the library, sorted by tag
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


def coverage(library: Library) -> CoverageResult:
    """Every article against every language of the library (folder listings only)."""
    catalog = library.catalog()
    tags = sorted({tag for langs in catalog.values() for tag in langs}, key=str.casefold)
    return CoverageResult(
        tuple(tags), tuple(ArticleLanguages(slug, langs) for slug, langs in catalog.items())
    )


def missing(library: Library, lang: str) -> MissingResult:
    """The articles without `lang`. A bare language counts any of its regions (`pt` is met by
    `pt-BR`); a region asks for that region alone (`pt-PT` is not met by `pt-BR`)."""
    try:
        wanted = normalize_tag(lang)
    except InvalidLanguageTag as exc:
        raise UsageProblem(f"--missing: {exc}") from None
    catalog = library.catalog()
    lacking = tuple(
        ArticleLanguages(slug, langs)
        for slug, langs in catalog.items()
        if not any(covers(wanted, tag) for tag in langs)
    )
    return MissingResult(wanted, lacking, len(catalog))


def explain(library: Library, slug: str | None, prefs: Preferences) -> ExplainResult:
    """Each step of the language choice with its value and whether it was used, skipped, or
    names languages the article lacks; without a slug, the reader's preferences in order."""
    if slug is None:
        return ExplainResult(None, (), tuple(ExplainRow(*step) for step in reader_trace(prefs)), ())
    available = tuple(sorted(library.languages(slug), key=str.casefold))
    decision = decide(available, prefs)
    error = None
    if decision.missing is not None:
        error = f"{visible(slug)} is not available in {decision.missing.requested}"
    return ExplainResult(
        slug,
        available,
        tuple(ExplainRow(*step) for step in decision.trace),
        tuple(choice.tag for choice in decision.choices),
        error,
    )


class SettingsResult(NamedTuple):
    """The settings in force, each with where it came from (`glossary config`)."""

    path: str  # the config file, whether or not it exists
    exists: bool
    lang: tuple[tuple[str, str], ...]  # (tag, source), most preferred first; empty: fallback
    paths: tuple[tuple[str, str], ...]  # (folder, source), in the order they are searched
    color: tuple[str, str]
    pager: tuple[bool, str]
    pager_command: tuple[str, str]


def settings(current: Settings, library: Library, color: ColorMode | None) -> SettingsResult:
    """Flags, then the environment, then the config file, then the defaults, as they stand."""
    mode, mode_source = current.color(color)
    return SettingsResult(
        path=str(current.file.path),
        exists=current.file.exists,
        lang=current.preferences().preferred,
        paths=tuple((str(root.path), root.origin) for root in library.roots),
        color=(mode.value, mode_source),
        pager=current.paging(None),
        pager_command=current.pager_command(),
    )
