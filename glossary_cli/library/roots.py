"""Where articles live: the article roots, the slugs and languages in them, and reading one."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from glossary_cli.errors import BadArticle, NotFound, UsageProblem
from glossary_cli.language.tags import InvalidLanguageTag, normalize_tag
from glossary_cli.library import layout as layouts
from glossary_cli.library.slugs import ARTICLE_SUFFIX, is_slug
from glossary_cli.library.walk import entries, is_file, is_folder, leads_outside
from glossary_cli.settings.folders import unknown_home
from glossary_cli.text.sanitize import visible

if TYPE_CHECKING:  # the document model is only needed once an article is read
    from glossary_cli.document.model import Article

# Larger files are refused rather than parsed: ten times MDN's largest article (26 KB), and
# small enough that reading/cost.py's budget is what bounds the markup in it.
MAX_ARTICLE_BYTES = 256 * 1024


def bundled_root() -> Path:
    """The articles shipped with the tool: inside the package when installed from a wheel,
    beside it in a source checkout or an editable install."""
    package_dir = Path(__file__).resolve().parent.parent
    inside = package_dir / "articles"
    return inside if inside.is_dir() else package_dir.parent / "articles"


class Root(NamedTuple):
    path: Path
    origin: str  # "--articles", "GLOSSARY_PATH", "bundled" or "check"

    @property
    def real(self) -> str:
        """The root with every symbolic link resolved: what "inside the root" is measured by
        (asked only about symbolic links, which are rare)."""
        return os.path.realpath(self.path)


Progress = Callable[[int, int], None]  # (files read, files to read)


class Library:
    """The article roots in use, first match wins, and the warnings met while opening them.

    `article_cache` is the folder of parsed articles (None: no caching); `index_dir` the folder
    of the search index (None: an index in memory, for this run only)."""

    def __init__(
        self,
        roots: list[Root],
        warnings: list[str] | None = None,
        article_cache: Path | None = None,
        index_dir: Path | None = None,
    ) -> None:
        self.roots = roots
        self.warnings = warnings if warnings is not None else []
        self.article_cache = article_cache
        self.index_dir = index_dir
        # How building the search index shows its progress (set by the command line on a
        # terminal): entered around the work, called with (files read, files to read).
        self.progress: Callable[[], AbstractContextManager[Progress]] | None = None
        self._has: dict[str, bool] = {}
        self._by_key: dict[str, str] | None = None  # folded folder name -> folder name
        self._layouts: dict[Path, layouts.Layout] = {}

    @classmethod
    def open(
        cls, candidates: Sequence[Root], article_cache: Path | None, index_dir: Path | None
    ) -> Library:
        """The library of these roots, in order; one that is no readable folder is left out
        with a warning, and a root given twice counts once."""
        library = cls([], None, article_cache, index_dir)
        layouts.remember_in(library.memo_dir)
        seen: set[Path] = set()
        for root in candidates:
            if not os.path.isdir(root.path):
                if unknown_home(root.path):
                    why = "is in the home folder of an unknown user"
                elif not os.path.exists(root.path):
                    why = "does not exist"
                else:
                    why = "is not a folder"
                library.warnings.append(
                    f"article root {visible(str(root.path))} ({root.origin}) {why}; skipped"
                )
                continue
            if not os.access(root.path, os.R_OK | os.X_OK):
                library.warnings.append(
                    f"article root {visible(str(root.path))} ({root.origin}) "
                    "is not readable; skipped"
                )
                continue
            key = root.path.resolve()
            if key not in seen:
                seen.add(key)
                library.roots.append(root)
                library.warnings += library.layout(root).problems
        return library

    def layout(self, root: Root) -> layouts.Layout:
        """How the root is laid out (library/layout.py), learnt once a run."""
        found = self._layouts.get(root.path)
        if found is None:
            found = self._layouts[root.path] = layouts.layout_of(root.path)
        return found

    @property
    def memo_dir(self) -> Path | None:
        """Where small remembered tables (language names) go: beside the parsed articles, and
        nowhere when those are not cached."""
        return None if self.article_cache is None else self.article_cache.parent

    def read(self, slug: str, lang: str, path: Path) -> Article:
        """One of this library's article files, parsed (through the parse cache)."""
        return read_article(slug, lang, path, self.article_cache)

    def find(self, slug: str) -> dict[str, Path] | None:
        """The article's files by language tag, from the first root that has the slug; None
        for a name that is no slug on disk. A few stat calls however large the library."""
        if not is_slug(slug):
            return None
        unreadable: tuple[str, str] | None = None  # the first term folder or file not read
        for root in self.roots:
            if self.layout(root).kind == layouts.LANGUAGE_FIRST:
                term = self._language_first_term(root, slug)
            else:
                folder = root.path / slug
                outside = outside_root(root, folder)
                if outside is not None:
                    raise BadArticle(visible(str(folder)), f"{outside}; not read")
                term = scan_term(root, folder)
            skipped = [(visible(str(path)), why) for path, why in term.outside] + term.broken
            if term.files:
                for shown, why in skipped:
                    self._skipped(shown, why)
                return term.files
            if unreadable is None and skipped:
                unreadable = skipped[0]
        if unreadable is not None:
            # The article is there but none of its files can be read: exit 3, not "no article".
            raise BadArticle(unreadable[0], f"{unreadable[1]}; not read")
        return None

    def root_of(self, slug: str) -> Root | None:
        """The root the article is read from: the first that has it."""
        return next((root for root in self.roots if self._in(root, slug)), None)

    def languages(self, slug: str) -> dict[str, Path]:
        """Like `find`, for a slug known to exist; NotFound if it has gone."""
        files = self.find(slug)
        if files is None:
            raise NotFound(f"no article '{visible(slug)}'")
        return files

    def has(self, slug: str) -> bool:
        """Whether some root has this article (a few stat calls, not a scan of the library)."""
        known = self._has.get(slug)
        if known is None:  # articles link to the same few terms again and again
            known = is_slug(slug) and any(self._in(root, slug) for root in self.roots)
            self._has[slug] = known
        return known

    def article_named(self, name: str) -> str | None:
        """The slug of the article a link names: the name itself when it is one, else the
        slug it is as a typed name is matched (text.fold's `fold_key`: case, accents, `_` for
        `-`), from one listing of each root, made on the first link that needs it."""
        if self.has(name):
            return name
        if self._by_key is None:
            self._by_key = {}
            for root in self.roots:
                for term_name in self.term_names(root, nested=False):
                    self._by_key.setdefault(name_key(term_name), term_name)
        found = self._by_key.get(name_key(name))
        return found if found is not None and self.has(found) else None

    def term_names(self, root: Root, prefix: str = "", nested: bool = True) -> list[str]:
        """The names of the root's terms that start with `prefix`, from listings of the
        folders that hold them (layout.names_starting for a language-first root; `nested`:
        with the terms in folders below), not checked to be terms: what cannot be read was
        told by slugs()."""
        layout = self.layout(root)
        if layout.kind == layouts.LANGUAGE_FIRST:
            names = layouts.names_starting(root.path, layout, prefix, nested)
        else:
            listing = entries(root.path)
            names = [e.name for e in listing if e.name.startswith(prefix) and is_folder(e)]
        return [name for name in names if is_slug(name)]

    def slugs(self) -> list[str]:
        """Every slug in every root, sorted, each once."""
        found: set[str] = set()
        for root in self.roots:
            if self.layout(root).kind == layouts.LANGUAGE_FIRST:
                found.update(self._language_first_terms(root))
                continue
            for entry in entries(root.path, self._skipped):
                if is_slug(entry.name) and is_folder(entry, self._skipped):
                    if self._in(root, entry.name):
                        found.add(entry.name)
        return sorted(found)

    def catalog(self) -> dict[str, tuple[str, ...]]:
        """Every slug with its language tags (sorted), from folder listings alone: no file is
        opened, so the coverage of a large library stays quick."""
        found: dict[str, tuple[str, ...]] = {}
        for root in self.roots:
            if self.layout(root).kind == layouts.LANGUAGE_FIRST:
                for slug, files in self._language_first_terms(root).items():
                    if slug not in found:
                        found[slug] = tuple(sorted((f.tag for f in files), key=str.casefold))
                continue
            for entry in entries(root.path, self._skipped):
                if entry.name in found or not is_slug(entry.name):
                    continue
                if not is_folder(entry, self._skipped):
                    continue
                tags = self._files_in(root, entry.name)
                if tags:
                    found[entry.name] = tuple(sorted(tags, key=str.casefold))
        return dict(sorted(found.items()))

    def terms(self, root: Root) -> dict[str, dict[str, Path]]:
        """Every term of one root with its files by language tag, sorted by slug, from folder
        listings alone (`langs --stale` compares files root by root)."""
        found: dict[str, dict[str, Path]] = {}
        if self.layout(root).kind == layouts.LANGUAGE_FIRST:
            for slug, term_files in self._language_first_terms(root).items():
                found[slug] = {f.tag: root.path / f.folder / f.name for f in term_files}
            return dict(sorted(found.items()))
        for entry in entries(root.path, self._skipped):
            if is_slug(entry.name) and is_folder(entry, self._skipped):
                files = self._files_in(root, entry.name)
                if files:
                    found[entry.name] = files
        return dict(sorted(found.items()))

    def _in(self, root: Root, slug: str) -> bool:
        return bool(self._files_in(root, slug))

    def _language_first_terms(self, root: Root) -> dict[str, list[layouts.TermFile]]:
        return layouts.terms(root.path, self.layout(root), self._skipped)

    def _language_first_term(self, root: Root, slug: str) -> TermFolder:
        """A term's files in a language-first root, as `scan_term` gives a slug folder's."""
        term = TermFolder({}, [], [], [])
        found = layouts.find_term(
            root.path, self.layout(root), slug, lambda shown, why: term.broken.append((shown, why))
        )
        for file in found:
            term.files[file.tag] = root.path / file.folder / file.name
        return term

    def _files_in(self, root: Root, slug: str) -> dict[str, Path]:
        """The term's files in this root; none, with a warning, for a folder linked outside it."""
        if self.layout(root).kind == layouts.LANGUAGE_FIRST:
            term = self._language_first_term(root, slug)
            for shown, why in term.broken:
                self._skipped(shown, why)
            return term.files
        folder = root.path / slug
        outside = outside_root(root, folder)
        if outside is not None:
            if os.path.isdir(folder):
                self.warn(f"{visible(str(folder))}: {outside}; skipped")
            return {}
        term = scan_term(root, folder)
        for shown, why in term.broken:
            self._skipped(shown, why)
        return term.files

    def warn(self, message: str) -> None:
        """Keep a warning for the command line to print, once."""
        if message not in self.warnings:
            self.warnings.append(message)

    def _skipped(self, shown: str, why: str) -> None:
        """An entry of a root that cannot be read (walk.Tell): a warning."""
        self.warn(f"{shown}: {why}; skipped")


def name_key(name: str) -> str:
    """text.fold's `fold_key` of a name, which is its lower case with `-` and `_` as spaces
    when the name is ASCII: `show` of a slug, whose links are nearly all ASCII, then loads no
    folding (tests/test_link_forms.py checks that the two agree)."""
    if name.isascii():
        return " ".join(name.lower().replace("-", " ").replace("_", " ").split())
    from glossary_cli.text.fold import fold_key

    return fold_key(name)


def check_name(name: str) -> None:
    """A name a reader can have meant: a slug or a title, so not empty, no control characters
    (no title has them: they are stripped when articles are read)."""
    if not name.strip():
        raise UsageProblem("the article name is empty")
    if visible(name) != name:
        # Quoted by hand: repr() would double the backslashes of the escapes visible() wrote.
        raise UsageProblem(f"'{visible(name)}' is not an article name: it has control characters")


class TermFolder(NamedTuple):  # not a dataclass: cheaper to define, and every `show` scans
    """What a term's folder holds: its translations, and the files that are not read."""

    files: dict[str, Path]  # by language tag
    outside: list[tuple[Path, str]]  # links out of the root
    ignored: list[tuple[Path, str]]  # other `.md` files, and why
    # What cannot be read (the folder itself, link loops, names that are not UTF-8): the path
    # as shown, and why (walk.Tell).
    broken: list[tuple[str, str]]


def scan_term(root: Root, folder: Path) -> TermFolder:
    """The `<lang>.md` files of a term's folder (whose own place the caller has checked)."""
    term = TermFolder({}, [], [], [])

    def broken(shown: str, why: str) -> None:
        term.broken.append((shown, why))

    # Sorted (by entries), so that of two names for one language (pt-BR.md, pt_BR.md) the
    # same one is read every time.
    for entry in entries(folder, broken):
        name = entry.name
        if not name.endswith(ARTICLE_SUFFIX):
            continue
        path = Path(entry.path)
        try:
            tag = normalize_tag(name[: -len(ARTICLE_SUFFIX)])
        except InvalidLanguageTag:
            term.ignored.append((path, "the name is not a language tag"))  # README.md and such
            continue
        # is_symlink() comes from the folder listing: no system call for the usual plain file.
        outside = outside_root(root, path) if entry.is_symlink() else None
        if outside is not None:
            term.outside.append((path, outside))
        elif not is_file(entry, broken):
            if os.path.exists(path):  # a link that loops or leads nowhere is told as broken
                term.ignored.append((path, "not a regular file"))
        elif tag in term.files:
            term.ignored.append((path, f"{term.files[tag].name} is language {tag} as well"))
        else:
            term.files[tag] = path
    return term


def outside_root(root: Root, path: Path) -> str | None:
    """Why `path` (in a folder inside `root`) is not read, when it is a symbolic link that leads
    outside the root; else None.

    A link inside a root (a second name for a term) is fine; one that leads out of it could
    make a downloaded glossary print any file the reader can read, so it is never followed."""
    if not os.path.islink(path):
        return None  # its folder is inside the root, so it is too
    return leads_outside(root.real, os.fspath(path))


def read_article(slug: str, lang: str, path: Path, cache: Path | None = None) -> Article:
    """Read and parse one article file, or take its parse from the cache folder `cache` when
    the file is unchanged there; any problem is a BadArticle naming the file."""
    shown = visible(str(path))
    try:
        info = os.stat(path)
    except OSError as exc:
        raise BadArticle(shown, f"cannot read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):  # checked again on the open file, when it is read
        raise BadArticle(shown, "not a regular file")
    if cache is None:
        return _parse_file(slug, lang, path, shown)
    from glossary_cli.reading import cache as parses

    cached = parses.load(cache, path, info)
    if cached is not None and cached.slug == slug and cached.lang == lang:
        return cached
    article = _parse_file(slug, lang, path, shown)
    parses.store(cache, path, info, article)
    return article


def _parse_file(slug: str, lang: str, path: Path, shown: str) -> Article:
    from glossary_cli.reading.markdown import parse_article

    data = read_bytes(path, shown)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise BadArticle(shown, f"not UTF-8 text (byte {exc.start})", line) from None
    return parse_article(text, slug=slug, lang=lang, path=shown)


def read_bytes(path: Path | str, shown: str) -> bytes:
    """The file's bytes, never more than MAX_ARTICLE_BYTES and only from a regular file: a FIFO
    would block and /dev/zero never end, and a size from stat can change before the read."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer (regular files ignore it).
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise BadArticle(shown, f"cannot read: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as file:
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise BadArticle(shown, "not a regular file")
            # As much as the file holds, and a byte more to see its end: a buffer of the
            # limit's size for every file cost more than reading it.
            want = min(info.st_size, MAX_ARTICLE_BYTES) + 1
            data = file.read(want)
            if len(data) == want and want <= MAX_ARTICLE_BYTES:  # it grew since fstat
                data += file.read(MAX_ARTICLE_BYTES + 1 - want)
        except OSError as exc:
            raise BadArticle(shown, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_ARTICLE_BYTES:
        raise BadArticle(shown, f"too large to read (over {MAX_ARTICLE_BYTES // 1024} KiB)")
    return data
