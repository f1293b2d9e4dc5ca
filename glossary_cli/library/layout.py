"""A root's layout: where its terms and their languages are (slug-first `<slug>/<lang>.md`, or
language-first `<lang>/<slug>.md` and `<lang>/<slug>/index.md`, in a content subfolder or not),
detected from a few folder listings or read from the root's `glossary.toml`.

Every reader of roots asks this module: the library (`find`, the catalog), the search index's
scan, completion's names file, `check` and `links`. Detection lists the root and at most a few
folders, never the whole tree, and is remembered while the root's mtime and its glossary.toml
stay as they were.

Language-first roots, as Hugo and MDN keep them (the folder names are examples):

    content/en/cluster.md                  Hugo: a page per term           slug cluster
    content/en/cluster/index.md            Hugo: a leaf bundle             slug cluster
    content/en/_index.md                   a section's own page            not a term
    files/en-us/glossary/engine/index.md   MDN: a section `glossary`       slug engine
    files/en-us/glossary/engine/javascript/index.md   nested               slug engine-javascript

A nested term's slug is its folders joined by `-` (MDN's `Glossary/Engine/JavaScript` is
`engine-javascript`). In a folder that has an `index.md` (a bundle), the other `.md` files are
its resources, not terms; its subfolders with an `index.md` are terms (MDN nests them so).
"""

from __future__ import annotations

import marshal
import os
import re
import stat
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from glossary_cli.language.tags import InvalidLanguageTag, normalize_tag
from glossary_cli.library.slugs import ARTICLE_SUFFIX as SUFFIX
from glossary_cli.library.slugs import is_slug
from glossary_cli.library.walk import (
    Tell,
    entries,
    is_file,
    is_folder,
    is_text,
    leads_outside,
    problem,
)

SLUG_FIRST = "slug-first"
LANGUAGE_FIRST = "language-first"
KINDS = (SLUG_FIRST, LANGUAGE_FIRST)
CONFIG_NAME = "glossary.toml"
CONFIG_KEYS = ("layout", "content", "section", "source_language")
# Where sites keep their pages: Hugo's content/, MDN's files/; else the root itself.
CONTENT_FOLDERS = ("content", "files")
# The folder inside each language folder that holds the glossary: MDN's `files/<lang>/glossary/`
# (beside web/, learn/ ...), a Hugo site's `content/<lang>/glossary/`.
SECTION_FOLDERS = ("glossary",)
INDEX_NAME = "index.md"
# How deep terms nest below a language's folder (MDN's deepest is 3: media/audio-visual_...).
MAX_NESTING = 4
# Language folders looked into to tell the layouts apart: enough to outvote an odd one.
SAMPLED_FOLDERS = 3
# Files and folders that are pages of the site, not terms (compared case-insensitively):
# templates (Hugo's archetypes/, a template.md) and read-me files.
NOT_TERMS = frozenset({"archetypes", "templates", "template", "readme", "index"})
# A language folder's name: a primary subtag of two or three letters, as links write them
# (`en-US`, `zh-cn`, `pt_BR`); longer words are folders of another kind.
_LANGUAGE_FOLDER = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")
# The same, finding such names among a folder's names joined by newlines.
_LANGUAGE_FOLDERS = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$", re.MULTILINE)
# A file name that says a slug-first root when detecting: a language of two letters (`en.md`,
# `pt-BR.md`). Three-letter names are more often terms (`api.md`, `css.md`) than languages.
_TRANSLATION = re.compile(r"^[A-Za-z]{2}(?:[-_][A-Za-z0-9]{1,8})*$")


class Layout(NamedTuple):
    """How one root is laid out, and where that was learnt (glossary.toml or the folders)."""

    kind: str  # SLUG_FIRST or LANGUAGE_FIRST
    content: str = ""  # the subfolder the slug or language folders are in, "/"-separated
    section: str = ""  # language-first: the folder inside each language folder (`glossary`)
    source_language: str | None = None  # from glossary.toml (see source_language())
    configured: bool = False  # kind, content or section were set by glossary.toml
    problems: tuple[str, ...] = ()  # glossary.toml's mistakes, one warning line each

    @property
    def signature(self) -> str:
        """What the search index is keyed by besides the root's path: another layout of the
        same folder is another set of articles."""
        return f"{self.kind}:{self.content}:{self.section}"


def describe(layout: Layout) -> str:
    """The layout in words, as `config` and `langs --explain` state it:
    `language-first: content/<lang>/<slug>.md or <slug>/index.md (detected)`."""
    return f"{layout.kind}: {shape(layout)} ({origin(layout)})"


def shape(layout: Layout) -> str:
    """Where a term's file is, relative to the root: `<slug>/<lang>.md`,
    `files/<lang>/glossary/<slug>.md or <slug>/index.md`."""
    where = f"{layout.content}/" if layout.content else ""
    if layout.kind == SLUG_FIRST:
        return f"{where}<slug>/<lang>.md"
    inside = f"<lang>/{layout.section}/" if layout.section else "<lang>/"
    return f"{where}{inside}<slug>.md or <slug>/index.md"


def origin(layout: Layout) -> str:
    """Where the layout was learnt: `glossary.toml`, or `detected` from the folders."""
    return CONFIG_NAME if layout.configured else "detected"


# --- detection ------------------------------------------------------------------------------

_known: dict[str, tuple[tuple[int, int], Layout]] = {}
# Detected layouts kept between runs (remember_in): a slug-first root has a folder per term,
# and listing thousands of them to find its layout again would cost every search and every
# Tab. Each is kept with what detection looked at, every folder it listed (or found missing)
# and glossary.toml, by mtime: while none of them changed, neither did the layout.
MEMO_NAME = "layouts.marshal"
Evidence = tuple[tuple[str, int], ...]
_memo_at: Path | None = None
_memo: dict[str, tuple[Evidence, tuple[Any, ...]]] | None = None
# A folder changed this recently may change again within its mtime's tick: not kept.
_RACY_NS = 2_000_000_000


def remember_in(folder: Path | None) -> None:
    """Keep detected layouts in `folder` (the cache folder), or, with None, in this run only."""
    global _memo_at, _memo
    _memo_at = None if folder is None else folder / MEMO_NAME
    _memo = None


def layout_of(root: Path | str) -> Layout:
    """The root's layout: its glossary.toml's, else detected from its folders. Remembered
    while the root's mtime and its glossary.toml's stay the same (two stats), and between runs
    while what detection looked at stays the same (remember_in)."""
    path = os.fspath(root)
    mark = (_mtime(path), _mtime(os.path.join(path, CONFIG_NAME)))
    known = _known.get(path)
    if known is not None and known[0] == mark and mark[0] >= 0:
        return known[1]
    found = _recalled(path)
    if found is None:
        looked = [path, os.path.join(path, CONFIG_NAME)]
        found = _configured(path, looked) if mark[1] >= 0 else _detected(path, looked)
        _remember(path, looked, found)
    _known[path] = (mark, found)
    return found


def _recalled(path: str) -> Layout | None:
    """The layout kept for `path` by an earlier run, if nothing it was learnt from changed."""
    global _memo
    if _memo_at is None:
        return None
    if _memo is None:
        _memo = {}
        try:
            loaded = marshal.loads(_memo_at.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            loaded = None
        if isinstance(loaded, dict):
            _memo = loaded
    kept = _memo.get(path)
    try:
        evidence, fields = kept  # type: ignore[misc]
        if all(_mtime(folder) == mtime for folder, mtime in evidence):
            return Layout(*fields)
    except (TypeError, ValueError):  # none kept, or not as this release keeps it
        pass
    return None


def _remember(path: str, looked: list[str], layout: Layout) -> None:
    """Keep `layout` for the next runs, unless something it was learnt from is too fresh to
    trust. A cache that cannot be written only costs the next run a detection."""
    global _memo
    if _memo_at is None:
        return
    now = time.time_ns()
    evidence = tuple((folder, _mtime(folder)) for folder in dict.fromkeys(looked))
    if any(now - mtime < _RACY_NS for _, mtime in evidence):
        return
    if _memo is None:
        _recalled(path)  # loads what is kept
    assert _memo is not None
    _memo[path] = (evidence, tuple(layout))
    for gone in [kept for kept in _memo if not os.path.isdir(kept)]:
        del _memo[gone]  # a root that is no more (a deleted checkout, a test's folder)
    temporary = _memo_at.with_name(f"{MEMO_NAME}.{os.getpid()}.tmp")
    try:
        _memo_at.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(marshal.dumps(_memo))
        os.replace(temporary, _memo_at)
    except OSError:
        temporary.unlink(missing_ok=True)


def detect(folder: Path | str) -> Layout | None:
    """The folder's layout when it holds articles in it; None when it has none in any known
    layout (for a fetched glossary: `source add` refuses such a folder)."""
    layout = layout_of(folder)
    return layout if has_terms(folder, layout) else None


def source_language(root: Path | str) -> str | None:
    """The language the root's translations are made from: its glossary.toml's
    `source_language`, else English (`en`, or the English tag the root uses: MDN's `en-US`)
    when the root has English articles, else None."""
    layout = layout_of(root)
    if layout.source_language is not None:
        return layout.source_language
    if layout.kind == LANGUAGE_FIRST:
        tags = [language.tag for language in language_folders(root, layout)]
    else:
        tags = sorted({tag for _, files in slug_first_terms(root) for tag in files})
    return english_among(tags)


def english_among(tags: Iterable[str]) -> str | None:
    """The source language when no glossary.toml names one: English, `en`, else the English
    tag the root uses (MDN's `en-US`); None when it has no English."""
    english = sorted(tag for tag in tags if tag == "en" or tag.startswith("en-"))
    return min(english, key=len) if english else None


def _mtime(path: str) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return -1


def _detected(root: str, looked: list[str]) -> Layout:
    """Language-first when the language-named folders of `content/`, `files/` or the root
    hold term files or folders rather than `<lang>.md` files; slug-first otherwise. Each
    folder listed, or found missing, is added to `looked`."""
    for content in (*CONTENT_FOLDERS, ""):
        found = _language_first_in(root, content, looked)
        if found is not None:
            return Layout(LANGUAGE_FIRST, content, found)
    return Layout(SLUG_FIRST)


def _language_first_in(root: str, content: str, looked: list[str]) -> str | None:
    """The section (`glossary` or "") when `content`'s folders look like a language-first
    layout; None when they do not. A few of the folders named as languages, and a few of
    the others, vote: for language-first when they hold term files or folders rather than
    `<lang>.md` files, for slug-first when they hold `<lang>.md` files (a slug-first root
    may have terms named like languages: `api/`, `dom/`).

    Every search detects its roots anew, and a slug-first root has a folder per term: the
    names are sieved by one regular expression over them all, and only the sampled ones are
    stat'ed, so that the cost does not grow with the terms."""
    folder = os.path.join(root, content) if content else root
    looked.append(folder)
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return None
    looks_like_language = set(_LANGUAGE_FOLDERS.findall("\n".join(names)))
    languages = _sample(
        folder, (n for n in names if n in looks_like_language and _folder_tag(n) is not None)
    )
    if not languages:
        return None
    others = _sample(
        folder,
        (
            n
            for n in names
            if not n.startswith((".", "_"))
            and (n not in looks_like_language or _folder_tag(n) is None)
        ),
    )
    votes = 0
    section = ""
    looked += (os.path.join(folder, sampled) for sampled in (*languages, *others))
    for sampled in (*languages, *others):
        tags = terms = 0
        for entry in entries(os.path.join(folder, sampled)):
            name = entry.name
            if name.startswith(("_", ".")):
                continue
            if name.endswith(SUFFIX) and _TRANSLATION.match(name[: -len(SUFFIX)]):
                tags += 1  # `en.md` in a term's folder: slug-first
            elif name.endswith(SUFFIX) or is_folder(entry):
                terms += 1
                if name.casefold() in SECTION_FOLDERS and not section:
                    section = name
        if tags and tags >= terms:
            votes -= 1
        elif terms and sampled in languages:
            votes += 1
    return section if votes > 0 else None


def _sample(folder: str, names: Iterable[str]) -> list[str]:
    """The first SAMPLED_FOLDERS of `names` that are folders (links followed) with UTF-8
    names."""
    found: list[str] = []
    for name in names:
        if is_text(name) and os.path.isdir(os.path.join(folder, name)):
            found.append(name)
            if len(found) == SAMPLED_FOLDERS:
                break
    return found


def _folder_tag(name: str) -> str | None:
    """The language tag a folder (or file) name stands for, or None."""
    if _LANGUAGE_FOLDER.match(name) is None:
        return None
    try:
        return normalize_tag(name)
    except InvalidLanguageTag:
        return None


def _configured(root: str, looked: list[str]) -> Layout:
    """The layout glossary.toml sets, completed by detection for what it leaves out; the
    detected one, with the file's problem, when it cannot be read."""
    from glossary_cli.settings.config_file import line_of, read_toml

    path = Path(root) / CONFIG_NAME
    shown = _shown(path)
    read = read_toml(path, "; the layout is detected")
    if isinstance(read, str):
        return _detected(root, looked)._replace(problems=(read,))
    text, table = read
    problems: list[str] = []
    values: dict[str, Any] = {}
    for key, value in table.items():
        line = line_of(text, key)
        where = f"{shown}, line {line}" if line else shown
        reader = _READERS.get(key)
        if reader is None:
            known = ", ".join(CONFIG_KEYS)
            problems.append(f"{where}: unknown key {_quoted(key)} (known: {known}); ignored")
            continue
        try:
            values[key] = reader(value, root)
        except ValueError as exc:
            problems.append(f"{where}: {key}: {exc}; ignored")
    detected = _detected(root, looked)
    kind = values.get("layout", detected.kind)
    content = values.get("content")
    section = values.get("section")
    if content is None:
        content = detected.content if kind == detected.kind else ""
        if kind == LANGUAGE_FIRST and kind != detected.kind:
            content = next((c for c in CONTENT_FOLDERS if os.path.isdir(Path(root, c))), "")
    if section is None:
        section = detected.section if (kind, content) == detected[:2] else ""
    return Layout(
        kind,
        content,
        section if kind == LANGUAGE_FIRST else "",
        values.get("source_language"),
        bool(values.keys() & {"layout", "content", "section"}),
        tuple(problems),
    )


def _shown(path: Path | str) -> str:
    from glossary_cli.text.sanitize import visible

    return visible(os.fspath(path))


def _quoted(text: str) -> str:
    from glossary_cli.text.sanitize import visible

    return visible(repr(text))


def _read_layout(value: Any, _: str) -> str:
    if not isinstance(value, str) or value not in KINDS:
        shown = _quoted(value) if isinstance(value, str) else type(value).__name__
        raise ValueError(f"expected {' or '.join(KINDS)}, got {shown}")
    return value


def _inside(value: str) -> str | None:
    """A relative folder as "/"-separated parts; None when it is absolute or climbs (`..`)."""
    parts = [p for p in value.replace("\\", "/").split("/") if p not in ("", ".")]
    if value.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", value) or ".." in parts:
        return None
    return "/".join(parts)


def _read_folder(value: Any, root: str) -> str:
    """A folder inside the root: never absolute, never `..`."""
    folder = _relative_folder(value, "a folder inside the root", "the root")
    if folder and not os.path.isdir(os.path.join(root, folder)):
        raise ValueError(f"{_quoted(value)} is not a folder in the root")
    return folder


def _read_section(value: Any, root: str) -> str:
    return _relative_folder(value, "a folder name", "a language's folder")


def _relative_folder(value: Any, expected: str, within: str) -> str:
    """`value` as a relative folder (see _inside); ValueError, worded with what was
    `expected` and what it must stay `within`, when it is no text or leaves that."""
    if not isinstance(value, str):
        raise ValueError(f"expected {expected}, got {type(value).__name__}")
    folder = _inside(value)
    if folder is None:
        raise ValueError(f"{_quoted(value)} is not a folder inside {within}")
    return folder


def _read_language(value: Any, _: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a language tag, got {type(value).__name__}")
    try:
        return normalize_tag(value)
    except InvalidLanguageTag as exc:
        raise ValueError(str(exc)) from None


_READERS = {
    "layout": _read_layout,
    "content": _read_folder,
    "section": _read_section,
    "source_language": _read_language,
}


# --- where the terms are ---------------------------------------------------------------------


class LanguageFolder(NamedTuple):
    """A language's folder in a language-first root, paths relative to the root."""

    folder: str  # `content/en-us`
    area: str  # where its terms are: the folder, or its section (`files/en-us/glossary`)
    tag: str  # the language tag the folder's name stands for (`en-US`)


class TermFile(NamedTuple):
    """One term's file in one language, as a language-first root holds it."""

    slug: str
    tag: str
    folder: str  # relative to the root, "/"-separated
    name: str  # the file's name in that folder
    depth: int  # how deep it nests (0: in the language's area); the shallower wins


def content_folder(root: Path | str, layout: Layout) -> str:
    """The folder the slug or language folders are in."""
    return os.path.join(root, layout.content) if layout.content else os.fspath(root)


def language_folders(
    root: Path | str, layout: Layout, tell: Tell | None = None
) -> list[LanguageFolder]:
    """A language-first root's languages, sorted by folder name; of two folders for one tag
    (`pt-BR`, `pt_br`) the first. A folder linked outside the root is left out, told."""
    real = os.path.realpath(root)
    found: list[LanguageFolder] = []
    tags: set[str] = set()
    for entry in entries(content_folder(root, layout), tell):
        tag = _folder_tag(entry.name)
        if tag is None or tag in tags or not is_folder(entry, tell):
            continue
        if entry.is_symlink() and _outside(real, entry.path, tell):
            continue
        tags.add(tag)
        folder = f"{layout.content}/{entry.name}" if layout.content else entry.name
        area = f"{folder}/{layout.section}" if layout.section else folder
        found.append(LanguageFolder(folder, area, tag))
    return found


def new_file(root: Path | str, layout: Layout, slug: str, tag: str) -> Path:
    """Where a new article (`glossary new`) goes in this root: `<slug>/<lang>.md` slug-first;
    language-first, `<slug>.md` in the language's folder (its section), a folder named in the
    style of the others (`zh-cn` when they are lower-case) when the language has none yet."""
    base = Path(content_folder(root, layout))
    if layout.kind == SLUG_FIRST:
        return base / slug / f"{tag}{SUFFIX}"
    folders = language_folders(root, layout)
    known = next((found for found in folders if found.tag == tag), None)
    if known is not None:
        return Path(root) / known.area / f"{slug}{SUFFIX}"
    names = [found.folder.rsplit("/", 1)[-1] for found in folders]
    name = tag.lower() if names and all(n == n.lower() for n in names) else tag
    area = base / name / layout.section if layout.section else base / name
    return area / f"{slug}{SUFFIX}"


def term_folders(
    root: Path | str, layout: Layout, tell: Tell | None = None
) -> list[tuple[str, list[TermFile]]]:
    """Every folder a language-first root's terms are in or may appear in, relative to the
    root, with the term files directly in it: adding or removing a term changes the mtime of
    one of these folders, which is what the search index watches. Of two files for one term
    and language the shallower wins, then the first met. Folders linked outside the root, link
    loops and names that are not UTF-8 are left out, told."""
    base = os.fspath(root)
    real = os.path.realpath(base)
    walked: list[tuple[str, list[TermFile]]] = [(layout.content, [])] if layout.content else []
    for language in language_folders(base, layout, tell):
        if layout.section:
            walked.append((language.folder, []))
        walked += _walk(base, real, language.area, language.tag, [], tell)
    best: dict[tuple[str, str], TermFile] = {}
    for _, files in walked:
        for file in files:
            known = best.get((file.slug, file.tag))
            if known is None or file.depth < known.depth:
                best[(file.slug, file.tag)] = file
    return [(folder, [f for f in files if best[(f.slug, f.tag)] is f]) for folder, files in walked]


def terms(root: Path | str, layout: Layout, tell: Tell | None = None) -> dict[str, list[TermFile]]:
    """A language-first root's terms: each slug's files, one a language."""
    found: dict[str, list[TermFile]] = {}
    for _, files in term_folders(root, layout, tell):
        for file in files:
            found.setdefault(file.slug, []).append(file)
    return found


def _walk(
    root: str, real: str, folder: str, tag: str, prefix: list[str], tell: Tell | None
) -> list[tuple[str, list[TermFile]]]:
    """The folder (with `prefix`, the folders it is nested in below the language's area) and
    the folders inside it, depth first in name order."""
    listing = entries(os.path.join(root, folder), tell)
    # A folder with an index.md is a term (a bundle): its other .md files are its resources.
    # The area's own index.md is its section's page.
    bundle = bool(prefix) and any(e.name == INDEX_NAME for e in listing)
    files: list[TermFile] = []
    inner: list[os.DirEntry[str]] = []
    for entry in listing:
        name = entry.name
        if name == INDEX_NAME:
            if bundle and _is_slug("-".join(prefix)) and _file_entry(entry, real, tell):
                files.append(TermFile("-".join(prefix), tag, folder, name, len(prefix) - 1))
        elif not _may_be_term(name):
            continue
        elif name.endswith(SUFFIX):
            slug = "-".join([*prefix, name[: -len(SUFFIX)]])
            if not bundle and _is_slug(slug) and _file_entry(entry, real, tell):
                files.append(TermFile(slug, tag, folder, name, len(prefix)))
        elif entry.is_symlink():
            # A folder linked below a language's folder is not followed (nor by `_folder_at`):
            # links back up would repeat the tree at every level.
            if is_folder(entry, tell):
                _outside(real, entry.path, tell)
        elif len(prefix) < MAX_NESTING and is_folder(entry, tell):
            inner.append(entry)
    walked = [(folder, files)]
    for entry in inner:
        walked += _walk(root, real, f"{folder}/{entry.name}", tag, [*prefix, entry.name], tell)
    return walked


def find_term(
    root: Path | str, layout: Layout, slug: str, tell: Tell | None = None
) -> list[TermFile]:
    """A language-first root's files of one term, one a language, as `term_folders` finds
    them, with a few stats a language: `<slug>.md`, `<slug>/index.md`, and for a slug with
    `-` the nested folders that exist (`engine/javascript/index.md`)."""
    if not _is_slug(slug):
        return []
    base = os.fspath(root)
    real = os.path.realpath(base)
    found = []
    for language in language_folders(base, layout, tell):
        for depth in range(MAX_NESTING + 1):
            places = _nested(base, real, language.area, [], slug, depth, language.tag, tell)
            file = next(places, None)
            if file is not None:
                found.append(file)
                break
    return found


def _nested(
    root: str,
    real: str,
    folder: str,
    prefix: list[str],
    rest: str,
    depth: int,
    tag: str,
    tell: Tell | None,
) -> Iterator[TermFile]:
    """The files `rest` may be in below `folder` with `depth` more folders between, in the
    order `_walk` meets them."""
    if depth == 0:
        if not _may_be_term(rest):
            return
        slug = "-".join([*prefix, rest])
        here = os.path.join(root, folder)
        bundle = bool(prefix) and os.path.lexists(os.path.join(here, INDEX_NAME))
        if not bundle and _file_at(os.path.join(here, rest + SUFFIX), real, tell):
            yield TermFile(slug, tag, folder, rest + SUFFIX, len(prefix))
        if len(prefix) < MAX_NESTING and _folder_at(os.path.join(here, rest), real, tell):
            inner = f"{folder}/{rest}"
            if _file_at(os.path.join(root, inner, INDEX_NAME), real, tell):
                yield TermFile(slug, tag, inner, INDEX_NAME, len(prefix))
        return
    if len(prefix) >= MAX_NESTING:
        return
    for at, char in enumerate(rest):
        head = rest[:at]
        if char != "-" or not _may_be_term(head):
            continue
        if _folder_at(os.path.join(root, folder, head), real, tell):
            inner = f"{folder}/{head}"
            yield from _nested(
                root, real, inner, [*prefix, head], rest[at + 1 :], depth - 1, tag, tell
            )


def term_of(layout: Layout, folder: str, name: str) -> tuple[str, str]:
    """The (slug, language tag) of a language-first root's term file, by its folder (relative
    to the root, as `term_folders` gives it) and name: what `term_folders` said of it."""
    skip = len(layout.content.split("/")) if layout.content else 0
    parts = folder.split("/")[skip:]
    tag = (_folder_tag(parts[0]) or "") if parts else ""
    nested = parts[1 + (len(layout.section.split("/")) if layout.section else 0) :]
    if name != INDEX_NAME:
        nested.append(name[: -len(SUFFIX)])
    return "-".join(nested), tag


def names_starting(
    root: Path | str, layout: Layout, prefix: str = "", nested: bool = True
) -> list[str]:
    """The names of a language-first root's terms that start with `prefix`, from listings of
    each language's area and of the folders below it whose names fit the prefix (with
    `nested`), unchecked: no file is opened. A superset of the terms' slugs."""
    found: set[str] = set()
    for language in language_folders(root, layout):
        depth = 0 if nested else MAX_NESTING
        _names_below(os.path.join(root, language.area), "", prefix, depth, found)
    return sorted(found)


def _names_below(folder: str, above: str, prefix: str, depth: int, found: set[str]) -> None:
    for entry in entries(folder):
        if not _may_be_term(entry.name):
            continue
        name = above + entry.name.removesuffix(SUFFIX)
        if name.startswith(prefix):
            found.add(name)
        # Below `engine` are `engine-javascript` and `engine-rendering`.
        if depth < MAX_NESTING and (name.startswith(prefix) or prefix.startswith(name + "-")):
            if is_folder(entry):
                _names_below(entry.path, name + "-", prefix, depth + 1, found)


def has_terms(root: Path | str, layout: Layout) -> bool:
    """Whether the root holds at least one article in its layout."""
    if layout.kind == SLUG_FIRST:
        return any(files for _, files in slug_first_terms(root))
    return any(files for _, files in term_folders(root, layout))


def slug_first_terms(root: Path | str) -> Iterator[tuple[str, list[str]]]:
    """A slug-first root's folders that are slugs, and the language tags of their files
    (not checked further: the library's own reading decides what is read)."""
    for entry in entries(root):
        if _is_slug(entry.name) and is_folder(entry):
            tags = [
                tag
                for inner in entries(entry.path)
                if inner.name.endswith(SUFFIX)
                and (tag := _folder_tag(inner.name[: -len(SUFFIX)])) is not None
            ]
            yield entry.name, tags


def names_mark(root: Path | str, mark: int | None) -> int | None:
    """What tells that the root's slugs may have changed, given its own mtime (`mark`, None
    for no readable folder): that mtime for a slug-first root, where every term is a folder
    of it; for a language-first one, the latest mtime of the root, its content folder, and
    each language's folder and area (a term nested deeper shows at the next search)."""
    if mark is None:
        return None
    layout = layout_of(root)
    if layout.kind == SLUG_FIRST:
        return mark
    base = os.fspath(root)
    folders = [content_folder(base, layout)]
    for language in language_folders(base, layout):
        folders += [os.path.join(base, language.folder), os.path.join(base, language.area)]
    return max(mark, *(_mtime(folder) for folder in folders))


def _may_be_term(name: str) -> bool:
    """Whether a file or folder name can be a term's: not `_index.md` or another `_`-file,
    not hidden, not a template or a read-me."""
    if not name or name.startswith(("_", ".")):
        return False
    stem = name[: -len(SUFFIX)] if name.endswith(SUFFIX) else name
    return stem.casefold() not in NOT_TERMS


def _is_slug(slug: str) -> bool:
    return is_slug(slug) and not slug.startswith("_")


def _outside(real_root: str, path: str, tell: Tell | None) -> bool:
    why = leads_outside(real_root, path)
    if why is not None and tell is not None:
        tell(_shown(path), why)
    return why is not None


def _file_entry(entry: os.DirEntry[str], real: str, tell: Tell | None) -> bool:
    if entry.is_symlink() and _outside(real, entry.path, tell):
        return False
    return is_file(entry, tell)


def _file_at(path: str, real: str, tell: Tell | None) -> bool:
    """Whether a regular file is at `path` (as `_file_entry` judges a listed one); nothing
    there is told to no one."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if stat.S_ISLNK(info.st_mode):
        if _outside(real, path, tell):
            return False
        try:
            info = os.stat(path)
        except OSError as exc:
            if tell is not None:
                tell(_shown(path), problem(exc, link=True))
            return False
    return stat.S_ISREG(info.st_mode)


def _folder_at(path: str, real: str, tell: Tell | None) -> bool:
    """Whether a folder that is no symbolic link is at `path` (as `_walk` follows them)."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if stat.S_ISLNK(info.st_mode):
        _outside(real, path, tell)
        return False
    return stat.S_ISDIR(info.st_mode)
