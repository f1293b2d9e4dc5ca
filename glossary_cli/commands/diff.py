"""`glossary diff NAME --lang L`: what changed in the source-language article since the
translation into L was made, as git's unified diff of the source from that commit to HEAD."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from glossary_cli.commands.stale import RootHistory, root_of, row, source_language
from glossary_cli.errors import NotFound, UsageProblem
from glossary_cli.language.preferences import Preferences
from glossary_cli.language.tags import normalize_tag
from glossary_cli.library.roots import Library
from glossary_cli.results import DiffResult
from glossary_cli.text.sanitize import visible


def source_diff(
    library: Library,
    name: str,
    lang: str,
    prefs: Preferences,
    env: Mapping[str, str],
    warn: Callable[[str], None],
) -> DiffResult:
    """The diff of the article's source since its translation into `lang` was made; NotFound
    when the article lacks either, or its root is not in git (NoHistory)."""
    from glossary_cli.commands.article import locate

    slug, files, _ = locate(library, name, prefs, warn)
    tag = normalize_tag(lang)  # checked by the option's callback already
    if tag not in files:
        raise NotFound(f"{visible(slug)} is not available in {tag}")
    root = root_of(library, files[tag])
    source = source_language(root.path, files)
    if source is None:
        raise NotFound(
            f"{visible(slug)} has no source-language article (glossary.toml, else English)"
            " to compare with"
        )
    if tag == source:
        raise UsageProblem(f"{tag} is the source language: give a translation's", "'--lang'")
    history = RootHistory(root, env)
    found = history.compare(files[source], files[tag])
    if isinstance(found, str):
        raise NotFound(f"cannot compare {visible(slug)} ({tag}): {found}")
    source_key = history.key(files[source])
    warnings = []
    if found.foreign is not None:
        warnings.append(
            f"l10n.sourceCommit {found.foreign} is not in this history (made from another "
            "repository?); compared from the translation's last commit instead"
        )
    edited = history.is_edited(files[tag], files[source])
    if edited:
        warnings.append("uncommitted edits are not in this comparison: commit them first")
    text = history.repo.diff(found.base, found.base_path, source_key)
    return DiffResult(
        row(slug, tag, source, files[tag], found, edited),
        source_key,
        found.base_path,
        text,
        tuple(warnings),
    )
