"""Library-wide answers: which article has which language, what is missing, why a language
was chosen, and the settings in force."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from glossary_cli.errors import UsageProblem
from glossary_cli.language.choice import covers, decide, reader_trace
from glossary_cli.language.preferences import Preferences
from glossary_cli.language.tags import InvalidLanguageTag, normalize_tag
from glossary_cli.library import layout as layouts
from glossary_cli.library.roots import Library, Root
from glossary_cli.results import (
    ArticleLanguages,
    CoverageResult,
    ExplainResult,
    ExplainRow,
    MissingResult,
    RootLayout,
    SettingsResult,
)
from glossary_cli.text.sanitize import visible

if TYPE_CHECKING:
    from glossary_cli.settings.display import ColorMode
    from glossary_cli.settings.resolved import Settings


def coverage(library: Library) -> CoverageResult:
    """Every article against every language of the library (folder listings only), and each
    language's name for the views that show it."""
    from glossary_cli.language.names import language_names

    catalog = library.catalog()
    tags = sorted({tag for langs in catalog.values() for tag in langs}, key=str.casefold)
    names = language_names(tags, library.memo_dir)
    return CoverageResult(
        tuple(tags),
        tuple(names[tag] for tag in tags),
        tuple(ArticleLanguages(slug, langs) for slug, langs in catalog.items()),
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
        steps = tuple(ExplainRow(*step) for step in reader_trace(prefs))
        return ExplainResult(None, (), steps, (), layouts=root_layouts(library, library.roots))
    available = tuple(sorted(library.languages(slug), key=str.casefold))
    home = library.root_of(slug)
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
        root_layouts(library, [] if home is None else [home]),
    )


def root_layouts(library: Library, roots: Sequence[Root]) -> tuple[RootLayout, ...]:
    """Each root in its layout, as `config` and `langs --explain` state it."""
    found = []
    for root in roots:
        layout = library.layout(root)
        found.append((str(root.path), layout.kind, layouts.shape(layout), layouts.origin(layout)))
    return tuple(found)


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
        layouts=root_layouts(library, library.roots),
    )
