"""Library-wide answers: which article has which language, what is missing, why a language
was chosen, and the settings in force."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

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
from glossary_cli.results import (
    ArticleLanguages,
    CoverageResult,
    ExplainResult,
    ExplainRow,
    MissingResult,
    SettingsResult,
)
from glossary_cli.text.sanitize import visible

if TYPE_CHECKING:
    from glossary_cli.output import ColorMode
    from glossary_cli.settings.config_file import Config


def coverage(library: Library) -> CoverageResult:
    """Every article against every language of the library (folder listings only), and each
    language's name for the views that show it."""
    from glossary_cli.language.names import language_names

    catalog = library.catalog()
    tags = sorted({tag for langs in catalog.values() for tag in langs}, key=str.casefold)
    names = language_names(tags)
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


def settings(
    config: Config, library: Library, env: Mapping[str, str], color: ColorMode | None
) -> SettingsResult:
    """Flags, then the environment, then the config file, then the defaults, as they stand."""
    from glossary_cli.output import color_setting, pager_command, pager_setting

    mode, mode_source = color_setting(color, env, config.color)
    return SettingsResult(
        path=str(config.path),
        exists=config.exists,
        lang=preferences([], env, config.lang or ()).preferred,
        paths=tuple((str(root.path), root.origin) for root in library.roots),
        color=(mode.value, mode_source),
        pager=pager_setting(None, config.pager),
        pager_command=pager_command(env, config.pager_command),
    )
