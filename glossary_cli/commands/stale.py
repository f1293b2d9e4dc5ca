"""`glossary langs --stale`: the translations older than their source-language article, in
roots that are git working trees, and how many source commits and lines each is behind.

A translation is compared from the commit its frontmatter's `l10n.sourceCommit` names when
this history has it, else from its own last commit, by date. Only commits count: uncommitted
edits are flagged (`edited`), never counted.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

from glossary_cli.errors import BadArticle
from glossary_cli.language.preferences import Preferences
from glossary_cli.library.history import Change, NoHistory, Repository
from glossary_cli.library.roots import Library, Root, read_bytes
from glossary_cli.reading.source_commit import source_commit
from glossary_cli.results import LAST_COMMIT, SOURCE_COMMIT, StaleResult, StaleTranslation
from glossary_cli.text.sanitize import visible


def source_language(root: Path, languages: Iterable[str]) -> str | None:
    """The language a root's translations are made from: its glossary.toml's
    `source_language`, else English among `languages` (library/layout.py owns both rules)."""
    from glossary_cli.library import layout

    return layout.layout_of(root).source_language or layout.english_among(languages)


class Comparison(NamedTuple):
    """A translation against its source: where it was made from and the source's commits since."""

    base: str
    how: str  # SOURCE_COMMIT or LAST_COMMIT
    since: int  # the base commit's date
    behind: tuple[Change, ...]  # the source's commits that changed it since the base, newest first
    base_path: str  # the source's path at the base commit
    foreign: str | None  # a sourceCommit this history lacks (then compared by date)


class RootHistory:
    """One root's git history, read once, against which its translations are compared."""

    def __init__(self, root: Root, env: Mapping[str, str]) -> None:
        self.root = root
        self.repo = Repository.of(root.path, env)  # NoHistory when it is not in git
        self.changes = self.repo.changes(root.path)
        self.edited = self.repo.edited(root.path)
        prefix = self.repo.key(root.path)
        self._prefix = "" if prefix == "." else prefix + "/"
        self._root = str(root.path).rstrip(os.sep) + os.sep

    def key(self, path: Path) -> str:
        """A file of the root as git names it. Its place under the root's own is tried first:
        resolving every link in every path costs a system call per folder of each, and only a
        term that is a link to another folder of the root needs it."""
        name = str(path)
        if name.startswith(self._root):
            key = self._prefix + name[len(self._root) :].replace(os.sep, "/")
            if key in self.changes:
                return key
        return self.repo.key(path)

    def compare(self, source: Path, translation: Path) -> Comparison | str:
        """The translation against the source; a string saying why it cannot be compared."""
        source_key = self.key(source)
        source_changes = self.changes.get(source_key, [])
        if not source_changes:
            return f"{visible(source_key)} has no commits"
        declared = source_commit(_text(translation))
        if declared is not None:
            base = self.repo.commit(declared)
            if base is not None:
                position = base.position
                after = [c for c in source_changes if self.repo.position(c.commit) < position]
                return _comparison(base.commit, SOURCE_COMMIT, base.time, after, source_key)
        own = [c for c in self.changes.get(self.key(translation), []) if c.content]
        if not own:
            return f"{visible(self.key(translation))} has no commits"
        last = own[0]
        after = [c for c in source_changes if c.time > last.time]
        return _comparison(last.commit, LAST_COMMIT, last.time, after, source_key, declared)

    def is_edited(self, *paths: Path) -> bool:
        return any(self.key(path) in self.edited for path in paths)


def _comparison(
    base: str,
    how: str,
    since: int,
    after: list[Change],
    source_key: str,
    foreign: str | None = None,
) -> Comparison:
    """`after`: the source's changes since the base, renames that changed no line included
    (the oldest one names the file as it was at the base)."""
    behind = tuple(change for change in after if change.content)
    base_path = after[-1].before if after else source_key
    return Comparison(base, how, since, behind, base_path, foreign)


def _text(path: Path) -> str:
    return read_bytes(path, visible(str(path))).decode("utf-8", "replace")


def row(
    slug: str, lang: str, source: str, path: Path, found: Comparison, edited: bool
) -> StaleTranslation:
    return StaleTranslation(
        slug,
        lang,
        source,
        visible(str(path)),
        found.base,
        found.how,
        found.since,
        len(found.behind),
        sum(change.lines for change in found.behind),
        edited,
    )


def root_of(library: Library, path: Path) -> Root:
    """The root a file of the library is in."""
    return next(root for root in library.roots if path.is_relative_to(root.path))


def stale(
    library: Library,
    name: str | None,
    prefs: Preferences,
    env: Mapping[str, str],
    warn: Callable[[str], None],
) -> StaleResult:
    """The translations behind their source in every root that is a git working tree (the
    article `name`'s alone when given); a warning for each root that is not."""
    from glossary_cli.commands.article import locate

    if name is None:
        # Not the bundled articles: they are the tool's, not the reader's to keep up to date.
        mine = [root for root in library.roots if root.origin != "bundled"]
        wanted = [(root, library.terms(root)) for root in mine]
    else:
        slug, files, _ = locate(library, name, prefs, warn)
        wanted = [(root_of(library, next(iter(files.values()))), {slug: files})]
    rows: list[StaleTranslation] = []
    warnings: list[str] = []
    compared = 0
    for root, terms in wanted:
        source = source_language(root.path, (tag for files in terms.values() for tag in files))
        if source is None:
            warnings.append(
                f"{visible(str(root.path))}: no source-language article (glossary.toml, else"
                " English) to compare with"
            )
            continue
        try:
            history = RootHistory(root, env)
        except NoHistory as exc:
            warnings.append(f"{exc}; its translations are not compared")
            continue
        foreign: list[str] = []
        uncommitted = 0
        for slug, files in terms.items():
            if source not in files:
                continue
            for lang, path in sorted(files.items()):
                if lang == source:
                    continue
                try:
                    found = history.compare(files[source], path)
                except BadArticle as exc:
                    warnings.append(f"{exc}; not compared")
                    continue
                if isinstance(found, str):
                    uncommitted += 1  # nothing to date it by
                    continue
                compared += 1
                if found.foreign is not None:
                    foreign.append(found.foreign)
                if found.behind:
                    edited = history.is_edited(path, files[source])
                    rows.append(row(slug, lang, source, path, found, edited))
        if foreign:
            warnings.append(_foreign_note(root, foreign))
        if uncommitted:
            warnings.append(
                f"{visible(str(root.path))}: {uncommitted} translation"
                f"{'s' if uncommitted > 1 else ''} not compared: not committed, or "
                "the source not committed"
            )
    return StaleResult(tuple(rows), compared, tuple(warnings))


def _foreign_note(root: Root, commits: list[str]) -> str:
    """One line for every sourceCommit this history lacks: MDN's name commits of the English
    repository, which a clone of the translations does not have."""
    if len(commits) == 1:
        which, its = f"a translation names an l10n.sourceCommit ({commits[0]})", "its"
    else:
        which, its = f"{len(commits)} translations name an l10n.sourceCommit", "their"
    return (
        f"{visible(str(root.path))}: {which} that is not in its history (made from another "
        f"repository?); compared by the date of {its} last commit instead"
    )
