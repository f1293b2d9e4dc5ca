"""The commands that read one article (show, sections, highlights, links, langs SLUG): an
article opened in the languages chosen, and what each command makes of it, as plain results."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from glossary_cli.document.highlights import find_highlights, points
from glossary_cli.document.links import article_links
from glossary_cli.document.model import Article, Section
from glossary_cli.errors import BadArticle, NotFound, UsageProblem
from glossary_cli.language.choice import Choice, choose, decide
from glossary_cli.language.preferences import Preferences
from glossary_cli.library.roots import Library, check_name
from glossary_cli.results import (
    HighlightsResult,
    LangsResult,
    LanguageRow,
    LinksResult,
    SectionsResult,
    ShowResult,
)
from glossary_cli.text.sanitize import visible


class Opened(NamedTuple):
    """An article in the language chosen, and the choice itself (for the fallback notice)."""

    article: Article
    choice: Choice
    available: tuple[str, ...]
    asked: str | None  # the reader's first preference, for the fallback notice

    @property
    def notice(self) -> str | None:
        """One line for stderr when the reader's locale asked for a language it lacks."""
        if not self.choice.notify:
            return None
        return (
            f"{self.article.slug} is not available in {self.asked}; showing "
            f"{self.article.lang} (available: {', '.join(self.available)})"
        )


def locate(
    library: Library, name: str, prefs: Preferences, warn: Callable[[str], None]
) -> tuple[str, dict[str, Path], tuple[str, ...]]:
    """The slug a name stands for, its files, and the languages whose title the name is.

    A slug on disk is found with a few stat calls, whatever the library's size; only another
    name (a title, a slug in another case) opens the search index.
    """
    check_name(name)
    files = library.find(name)
    if files is not None:
        return name, files, ()
    from glossary_cli.search.names import resolve_name

    resolved = resolve_name(library, name, prefs, warn)
    return resolved.slug, library.languages(resolved.slug), resolved.languages


def open_article(
    library: Library,
    name: str,
    prefs: Preferences,
    warn: Callable[[str], None] = lambda _: None,
) -> Opened:
    """Find the article and choose its language: --lang, then the language of the title the
    reader typed, then GLOSSARY_LANG, the config file's `lang`, the locale, a fallback."""
    return open_articles(library, name, prefs, False, warn)[0]


def open_articles(
    library: Library,
    name: str,
    prefs: Preferences,
    several: bool = True,
    warn: Callable[[str], None] = lambda _: None,
) -> tuple[Opened, ...]:
    """The article in each --lang language of `prefs` (several --lang values, or `it,fi`), in
    that order; with none, in the one language the environment chooses (or the language of the
    title the reader typed). Not `several`: only the first --lang language."""
    slug, files, choices = choose_files(library, name, prefs, several, warn)
    available = tuple(sorted(files, key=str.casefold))
    asked = prefs.preferred[0][0] if prefs.preferred else None
    return tuple(
        Opened(library.read(slug, choice.tag, files[choice.tag]), choice, available, asked)
        for choice in choices
    )


def choose_files(
    library: Library,
    name: str,
    prefs: Preferences,
    several: bool = True,
    warn: Callable[[str], None] = lambda _: None,
) -> tuple[str, dict[str, Path], tuple[Choice, ...]]:
    """The slug a name stands for, its files by language, and the languages chosen of them (as
    open_articles explains), without reading any file: `edit` opens a broken one too."""
    slug, files, title_langs = locate(library, name, prefs, warn)
    available = tuple(sorted(files, key=str.casefold))
    if title_langs and not prefs.explicit:
        # The reader named it in a language: answer in that one (in theirs, if the title is the
        # same in several), and no notice about the locale is due.
        choices: tuple[Choice, ...] = (choose(title_langs, prefs)._replace(notify=False),)
    else:
        decision = decide(available, prefs, several=several)
        if decision.missing is not None:
            raise NotFound(
                f"{visible(slug)} is not available in {decision.missing.requested} "
                f"(available: {', '.join(decision.missing.available)})"
            )
        choices = decision.choices
    return slug, files, choices


def show(opened: Opened, section: str | None, library: Library) -> ShowResult:
    chosen = None if section is None else find_section(opened.article, section)
    return ShowResult(opened.article, chosen, missing_targets(opened.article, library))


def show_each(opened: Sequence[Opened], section: str | None, library: Library) -> list[ShowResult]:
    """`show` in each language; a --section heading is written in one language, so the others
    show the section with the number it has there."""
    if section is None or len(opened) == 1:
        return [show(one, section, library) for one in opened]
    found: Section | None = None
    first_error: NotFound | None = None
    for one in opened:
        try:
            found = find_section(one.article, section)
            break
        except NotFound as exc:
            first_error = first_error or exc
    if found is None:
        assert first_error is not None
        raise first_error
    results = []
    for one in opened:
        try:
            chosen = find_section(one.article, section)
        except NotFound:
            chosen = find_section(one.article, found.number)
        results.append(ShowResult(one.article, chosen, missing_targets(one.article, library)))
    return results


def missing_targets(article: Article, library: Library) -> frozenset[str]:
    """The targets of the article's internal links to terms the library lacks."""
    return frozenset(
        link.target
        for link in article_links(article, library.article_named)
        if link.kind == "missing"
    )


def sections(opened: Opened) -> SectionsResult:
    if not opened.article.sections:
        raise NotFound(
            f"{opened.article.slug} ({opened.article.lang}) has no sections: it has no headings"
        )
    return SectionsResult(opened.article)


def highlights(opened: Opened) -> HighlightsResult:
    found = find_highlights(opened.article)
    if found is None:
        raise NotFound(
            f"{opened.article.slug} ({opened.article.lang}) has no highlights: "
            f"no section is a short list of key points"
        )
    return HighlightsResult(opened.article, found, tuple(points(found)))


def links(opened: Opened, library: Library) -> LinksResult:
    return LinksResult(opened.article, tuple(article_links(opened.article, library.article_named)))


def langs_of(
    library: Library, name: str, prefs: Preferences, warn: Callable[[str], None]
) -> LangsResult:
    """Each language of one article, with its own name and the article's title in it."""
    from glossary_cli.language.names import language_names

    slug, found, _ = locate(library, name, prefs, warn)
    files = sorted(found.items(), key=lambda kv: kv[0].casefold())
    names = language_names((tag for tag, _ in files), library.memo_dir)
    rows = []
    warnings = []
    for tag, path in files:
        try:
            title = library.read(slug, tag, path).title
            problem = None
        except BadArticle as exc:
            # One broken translation must not hide the others: listed, untitled, and named.
            title, problem = "", exc.problem
            warnings.append(str(exc))
        rows.append(LanguageRow(tag, names[tag], title, 1, visible(str(path)), problem))
    return LangsResult(slug, tuple(rows), tuple(warnings))


def find_section(article: Article, wanted: str) -> Section:
    """A section by number (`2`, `2.1`) or heading (exact, else a unique prefix), folded."""
    wanted = wanted.strip()
    every = article.all_sections()
    where = f"{article.slug} ({article.lang})"
    if wanted.lstrip("-").replace(".", "").isdigit():
        if wanted.startswith("-") or all(part.lstrip("0") == "" for part in wanted.split(".")):
            raise UsageProblem(f"--section takes a number from 1, or a heading; got {wanted}")
        for section in every:
            if section.number == wanted or section.number == _strip_zeros(wanted):
                return section
        count = len(article.sections)
        raise NotFound(
            f"{where} has no section {wanted}"
            + (f" (its sections are numbered 1 to {count})" if count else " (it has no sections)")
        )
    # Headings match as text.fold has it, with runs of whitespace read as one space. (Imported
    # here: `show` of a slug without --section loads no folding.)
    from glossary_cli.text.fold import fold_words

    folded = fold_words(wanted)
    exact = [s for s in every if fold_words(s.heading) == folded]
    if exact:
        return exact[0]
    prefixed = [s for s in every if fold_words(s.heading).startswith(folded)] if folded else []
    if len(prefixed) == 1:
        return prefixed[0]
    if len(prefixed) > 1:
        raise NotFound(
            f"{where}: '{visible(wanted)}' matches several sections: "
            + "; ".join(f"{s.number} {s.heading}" for s in prefixed)
        )
    raise NotFound(
        f"{where} has no section '{visible(wanted)}' (see: glossary sections "
        f"{article.slug} --lang {article.lang})"
    )


def _strip_zeros(number: str) -> str:
    return ".".join(str(int(part)) for part in number.split(".") if part)
