"""What a source's copy holds, read the way every root is read (the library's own reading,
so that a layout it understands counts here too): its terms and languages, and what changed
between two copies."""

from __future__ import annotations

import filecmp
from pathlib import Path
from typing import NamedTuple

from glossary_cli.errors import GlossaryError, SourceRefused
from glossary_cli.library.roots import Library, Root
from glossary_cli.text.sanitize import visible


class Summary(NamedTuple):
    terms: int
    languages: tuple[str, ...]  # sorted tags
    layout: str = ""  # library/layout.py's words for it: `language-first: content/<lang>/...`


class Changes(NamedTuple):
    added: tuple[str, ...]  # slugs
    changed: tuple[str, ...]
    removed: tuple[str, ...]


def library_of(root: Path) -> Library:
    """One source's root as a library of its own (no parse cache, no index)."""
    return Library.open([Root(root, "source")], None, None)


def summary(root: Path) -> Summary:
    """How many terms the copy has, in which languages (from folder listings alone)."""
    from glossary_cli.library import layout

    catalog = library_of(root).catalog()
    languages = sorted({tag for tags in catalog.values() for tag in tags}, key=str.casefold)
    return Summary(len(catalog), tuple(languages), layout.describe(layout.layout_of(root)))


def require_articles(root: Path, where: str) -> Summary:
    """The copy's summary; SourceRefused when it holds no article (a wrong URL or --subdir)."""
    if not root.is_dir():
        raise SourceRefused(f"{visible(where)} has no folder {visible(root.name)}; nothing taken")
    found = summary(root)
    if not found.terms:
        raise SourceRefused(
            f"{visible(where)} holds no articles in any layout glossary reads; nothing taken"
        )
    return found


def changes(old_root: Path, new_root: Path) -> Changes:
    """The terms added, removed, and changed (a language added or removed, or a file's bytes
    changed) from one copy to the next."""
    old, new = library_of(old_root), library_of(new_root)
    before, after = old.catalog(), new.catalog()
    changed = [slug for slug in sorted(before.keys() & after.keys()) if _differs(old, new, slug)]
    return Changes(
        tuple(sorted(after.keys() - before.keys())),
        tuple(changed),
        tuple(sorted(before.keys() - after.keys())),
    )


def _differs(old: Library, new: Library, slug: str) -> bool:
    """Whether a term's files differ between two copies (one that cannot be read: they do)."""
    try:
        old_files, new_files = old.find(slug) or {}, new.find(slug) or {}
        return old_files.keys() != new_files.keys() or any(
            not filecmp.cmp(path, new_files[tag], shallow=False) for tag, path in old_files.items()
        )
    except (GlossaryError, OSError):
        return True
