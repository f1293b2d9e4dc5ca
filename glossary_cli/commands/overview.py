"""Library-wide answers: which article has which language, what is missing, why a language
was chosen, and the settings in force."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from glossary_cli.errors import UsageProblem
from glossary_cli.language.choice import (
    InvalidLanguageTag,
    LanguageNotAvailable,
    Step,
    choose_all,
    match,
    normalize_tag,
    preferences,
)
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
    key = wanted.lower()
    catalog = library.catalog()
    lacking = tuple(
        ArticleLanguages(slug, langs)
        for slug, langs in catalog.items()
        if not any(tag.lower() == key or tag.lower().startswith(key + "-") for tag in langs)
    )
    return MissingResult(wanted, lacking, len(catalog))


def explain(
    library: Library,
    slug: str | None,
    langs: Sequence[str],
    env: Mapping[str, str],
    configured: Sequence[str] | None = None,
) -> ExplainResult:
    """Each step of the language choice with its value and whether it was used, skipped, or
    names languages the article lacks; without a slug, the reader's preferences in order."""
    prefs = preferences(langs, env, configured)
    available = tuple(sorted(library.languages(slug), key=str.casefold)) if slug else ()
    chosen: tuple[str, ...] = ()
    error = None
    if slug is not None:
        try:
            chosen = tuple(choice.tag for choice in choose_all(available, prefs))
        except LanguageNotAvailable as exc:
            error = f"{visible(slug)} is not available in {exc.requested}"
    rows: list[ExplainRow] = []
    decided = False
    for step in prefs.steps:
        status, note = _explain_step(step, available if slug else None, decided)
        # --lang decides even when the article lacks its language: that is then an error
        if slug is not None and (status == "used" or (step.source == "--lang" and step.tags)):
            decided = True
        rows.append(ExplainRow(step.source, step.value, step.tags, status, note))
    if slug is None:
        rows.append(
            ExplainRow(
                "fallback",
                None,
                (),
                "used",
                "when an article has none of these: "
                "English if it has it, else its first language by tag",
            )
        )
    elif decided:
        rows.append(ExplainRow("fallback", None, (), "skipped", "not reached"))
    else:
        rows.append(
            ExplainRow(
                "fallback",
                None,
                (),
                "used",
                f"shows {chosen[0]}: English if the article has it, else its first language by tag",
            )
        )
    return ExplainResult(slug, available, tuple(rows), chosen, error)


def _explain_step(step: Step, available: Sequence[str] | None, decided: bool) -> tuple[str, str]:
    """(status, note) of one step, given the article's languages (None: no article)."""
    if not step.tags:
        return "skipped", step.note or "not given"
    extra = f"; {step.note}" if step.note else ""
    if available is None:
        return "used", f"prefers {', '.join(step.tags)}{extra}"
    if decided and step.source != "--lang":
        return "skipped", "not reached"
    found = [(tag, match(tag, available)) for tag in step.tags]
    lacking = [tag for tag, got in found if got is None]
    if step.source == "--lang":
        # every --lang language is shown, side by side: one the article lacks is an error
        if lacking:
            return "unavailable", f"not in the article: {', '.join(lacking)}{extra}"
        return "used", f"shows {', '.join(got for _, got in found if got)}{extra}"
    for index, (_, got) in enumerate(found):
        if got is not None:
            before = lacking[:index]  # the step's earlier tags, none of which the article has
            skipped = f"; not in the article: {', '.join(before)}" if before else ""
            return "used", f"shows {got}{skipped}{extra}"
    return "unavailable", f"not in the article: {', '.join(lacking)}{extra}"


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
