"""Where articles live: the article roots, the slugs and languages in them, and reading one."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from glossary_cli.errors import BadArticle, NotFound, UsageProblem
from glossary_cli.language import InvalidLanguageTag, normalize_tag
from glossary_cli.model import Article
from glossary_cli.sanitize import visible

# A slug is one path component a reader can type: letters, digits and . _ ( ) + - but never a
# path separator, a leading dot or dash, or "..", so that no file outside a root is opened.
_SLUG = re.compile(r"^(?![.-])(?!.*\.\.)[\w.()+-]{1,200}$")
ARTICLE_SUFFIX = ".md"
MAX_ARTICLE_BYTES = 8 * 1024 * 1024  # larger files are refused rather than parsed


def bundled_root() -> Path:
    """The articles shipped with the tool: inside the package when installed from a wheel,
    beside it in a source checkout or an editable install."""
    package_dir = Path(__file__).resolve().parent
    inside = package_dir / "articles"
    return inside if inside.is_dir() else package_dir.parent / "articles"


@dataclass(frozen=True)
class Root:
    path: Path
    origin: str  # "--articles", "GLOSSARY_PATH", "bundled" or "check"

    @cached_property
    def real(self) -> str:
        """The root with every symbolic link resolved: what "inside the root" is measured by."""
        return os.path.realpath(self.path)


@dataclass
class Library:
    """The article roots in use, first match wins, and the warnings met while opening them."""

    roots: list[Root]
    warnings: list[str] = field(default_factory=list)
    _has: dict[str, bool] = field(default_factory=dict, repr=False)

    @classmethod
    def from_environment(
        cls, extra: Sequence[str], env: os._Environ[str] | dict[str, str]
    ) -> Library:
        """Roots from `--articles`, then GLOSSARY_PATH, then the bundle; unusable ones warn."""
        candidates = [Root(Path(p).expanduser(), "--articles") for p in extra if p]
        candidates += [
            Root(Path(p).expanduser(), "GLOSSARY_PATH")
            for p in env.get("GLOSSARY_PATH", "").split(os.pathsep)
            if p
        ]
        candidates.append(Root(bundled_root(), "bundled"))
        library = cls(roots=[])
        seen: set[Path] = set()
        for root in candidates:
            if not os.path.isdir(root.path):
                problem = "does not exist" if not os.path.exists(root.path) else "is not a folder"
                library.warnings.append(
                    f"article root {visible(str(root.path))} ({root.origin}) {problem}; skipped"
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
        return library

    def languages(self, slug: str) -> dict[str, Path]:
        """The article's files by language tag, from the first root that has the slug."""
        check_slug(slug)
        for root in self.roots:
            folder = root.path / slug
            outside = outside_root(root, folder)
            if outside is not None:
                raise BadArticle(visible(str(folder)), f"{outside}; not read")
            term = scan_term(root, folder)
            for path, why in term.outside:
                self.warn(f"{visible(str(path))}: {why}; skipped")
            if term.files:
                return term.files
        raise NotFound(f"no article '{visible(slug)}'" + _hint(self, slug))

    def has(self, slug: str) -> bool:
        """Whether some root has this article (a few stat calls, not a scan of the library)."""
        known = self._has.get(slug)
        if known is None:  # articles link to the same few terms again and again
            known = is_slug(slug) and any(self._in(root, slug) for root in self.roots)
            self._has[slug] = known
        return known

    def slugs(self) -> list[str]:
        """Every slug in every root, sorted, each once."""
        found: set[str] = set()
        for root in self.roots:
            for entry in scandir(root.path):
                if entry.is_dir() and is_slug(entry.name) and self._in(root, entry.name):
                    found.add(entry.name)
        return sorted(found)

    def _in(self, root: Root, slug: str) -> bool:
        folder = root.path / slug
        outside = outside_root(root, folder)
        if outside is not None:
            if os.path.isdir(folder):
                self.warn(f"{visible(str(folder))}: {outside}; skipped")
            return False
        return bool(scan_term(root, folder).files)

    def warn(self, message: str) -> None:
        """Keep a warning for the command line to print, once."""
        if message not in self.warnings:
            self.warnings.append(message)

    def iter_files(self) -> Iterator[tuple[str, str, Path]]:
        """(slug, lang, path) of every article in use, a slug's files from its first root."""
        for slug in self.slugs():
            for lang, path in sorted(self.languages(slug).items()):
                yield slug, lang, path


def is_slug(name: str) -> bool:
    return _SLUG.match(name) is not None


def check_slug(slug: str) -> None:
    if not is_slug(slug):
        raise UsageProblem(
            f"'{visible(slug)}' is not an article name (letters, digits, . _ ( ) + -; "
            "no path separators)"
        )


def scandir(path: Path) -> list[os.DirEntry[str]]:
    """A folder's entries sorted by name; none when it cannot be read."""
    try:
        with os.scandir(path) as entries:
            return sorted(entries, key=lambda entry: entry.name)
    except OSError:
        return []


@dataclass
class TermFolder:
    """What a term's folder holds: its translations, and the files that are not read."""

    files: dict[str, Path] = field(default_factory=dict)  # by language tag
    outside: list[tuple[Path, str]] = field(default_factory=list)  # links out of the root
    ignored: list[tuple[Path, str]] = field(default_factory=list)  # other `.md` files, and why


def scan_term(root: Root, folder: Path) -> TermFolder:
    """The `<lang>.md` files of a term's folder (whose own place the caller has checked)."""
    term = TermFolder()
    # Sorted (by scandir), so that of two names for one language (pt-BR.md, pt_BR.md) the
    # same one is read every time.
    for entry in scandir(folder):
        name = entry.name
        if not name.endswith(ARTICLE_SUFFIX):
            continue
        path = Path(entry.path)
        try:
            tag = normalize_tag(name[: -len(ARTICLE_SUFFIX)])
        except InvalidLanguageTag:
            term.ignored.append((path, "the name is not a language tag"))  # README.md and such
            continue
        outside = outside_root(root, path)
        if outside is not None:
            term.outside.append((path, outside))
        elif not _is_file(entry):
            term.ignored.append((path, "not a regular file"))
        elif tag in term.files:
            term.ignored.append((path, f"{term.files[tag].name} is language {tag} as well"))
        else:
            term.files[tag] = path
    return term


def _is_file(entry: os.DirEntry[str]) -> bool:
    """A regular file (through links): never a folder, a FIFO that blocks, or a device."""
    try:
        return entry.is_file()
    except OSError:
        return False


def outside_root(root: Root, path: Path) -> str | None:
    """Why `path` (in a folder inside `root`) is not read, when it is a symbolic link that leads
    outside the root; else None.

    A link inside a root (a second name for a term) is fine; one that leads out of it could
    make a downloaded glossary print any file the reader can read, so it is never followed."""
    if not os.path.islink(path):
        return None  # its folder is inside the root, so it is too
    real = os.path.realpath(path)
    if real == root.real or real.startswith(root.real.rstrip(os.sep) + os.sep):
        return None
    return f"a symbolic link to {visible(real)}, outside its article root"


def _hint(library: Library, slug: str) -> str:
    lowered = slug.casefold()
    near = [
        s for s in library.slugs() if s.casefold() == lowered or s.casefold().startswith(lowered)
    ]
    return f" (did you mean {', '.join(near[:3])}?)" if near else ""


def read_article(slug: str, lang: str, path: Path) -> Article:
    """Read and parse one article file; any problem is a BadArticle naming the file."""
    from glossary_cli.parser import parse_article

    shown = visible(str(path))
    data = _read_bytes(path, shown)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise BadArticle(shown, f"not UTF-8 text (byte {exc.start})", line) from None
    return parse_article(text, slug=slug, lang=lang, path=shown)


def _read_bytes(path: Path, shown: str) -> bytes:
    """The file's bytes, never more than MAX_ARTICLE_BYTES and only from a regular file: a FIFO
    would block and /dev/zero never end, and a size from stat can change before the read."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer (regular files ignore it).
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise BadArticle(shown, f"cannot read: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as file:
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise BadArticle(shown, "not a regular file")
            data = file.read(MAX_ARTICLE_BYTES + 1)
        except OSError as exc:
            raise BadArticle(shown, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_ARTICLE_BYTES:
        limit = MAX_ARTICLE_BYTES // (1024 * 1024)
        raise BadArticle(shown, f"too large to read (over {limit} MiB)")
    return data
