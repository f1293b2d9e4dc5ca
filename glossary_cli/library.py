"""Where articles live: the article roots, the slugs and languages in them, and reading one."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from glossary_cli.errors import BadArticle, NotFound, UsageProblem
from glossary_cli.sanitize import visible
from glossary_cli.tags import InvalidLanguageTag, normalize_tag

if TYPE_CHECKING:  # the document model is only needed once an article is read
    from glossary_cli.model import Article

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


class Root(NamedTuple):
    path: Path
    origin: str  # "--articles", "GLOSSARY_PATH" or "bundled"


class Library:
    """The article roots in use, first match wins, and the warnings met while opening them."""

    def __init__(self, roots: list[Root], warnings: list[str] | None = None) -> None:
        self.roots = roots
        self.warnings = warnings if warnings is not None else []

    @classmethod
    def from_environment(
        cls,
        extra: Sequence[str],
        env: os._Environ[str] | dict[str, str],
        configured: Sequence[str] = (),
    ) -> Library:
        """Roots from `--articles`, then GLOSSARY_PATH (else the config file's `paths`), then
        the bundle; unusable ones warn."""
        candidates = [Root(Path(p).expanduser(), "--articles") for p in extra if p]
        if env.get("GLOSSARY_PATH"):
            candidates += [
                Root(Path(p).expanduser(), "GLOSSARY_PATH")
                for p in env["GLOSSARY_PATH"].split(os.pathsep)
                if p
            ]
        else:  # the environment overrides the config file, as it does for every setting
            candidates += [Root(Path(p), "config") for p in configured if p]
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

    def find(self, slug: str) -> dict[str, Path] | None:
        """The article's files by language tag, from the first root that has the slug; None
        for a name that is no slug on disk. A few stat calls however large the library."""
        if not _SLUG.match(slug):
            return None
        for root in self.roots:
            files = _language_files(root.path / slug)
            if files:
                return files
        return None

    def languages(self, slug: str) -> dict[str, Path]:
        """Like `find`, for a slug known to exist; NotFound if it has gone."""
        files = self.find(slug)
        if files is None:
            raise NotFound(f"no article {visible(slug)!r}")
        return files

    def has(self, slug: str) -> bool:
        """Whether some root has this article (a few stat calls, not a scan of the library)."""
        if not _SLUG.match(slug):
            return False
        return any(_language_files(root.path / slug) for root in self.roots)

    def slugs(self) -> list[str]:
        """Every slug in every root, sorted, each once."""
        found: set[str] = set()
        for root in self.roots:
            for entry in _scandir(root.path):
                if entry.is_dir() and _SLUG.match(entry.name) and _language_files(Path(entry.path)):
                    found.add(entry.name)
        return sorted(found)

    def catalog(self) -> dict[str, tuple[str, ...]]:
        """Every slug with its language tags (sorted), from folder listings alone: no file is
        opened, so the coverage of a large library stays quick."""
        found: dict[str, tuple[str, ...]] = {}
        for root in self.roots:
            for entry in _scandir(root.path):
                if entry.name in found or not _SLUG.match(entry.name) or not entry.is_dir():
                    continue
                tags = _language_files(Path(entry.path))
                if tags:
                    found[entry.name] = tuple(sorted(tags, key=str.casefold))
        return dict(sorted(found.items()))

    def iter_files(self) -> Iterator[tuple[str, str, Path]]:
        """(slug, lang, path) of every article in use, a slug's files from its first root."""
        for slug in self.slugs():
            for lang, path in sorted(self.languages(slug).items()):
                yield slug, lang, path


def check_name(name: str) -> None:
    """A name a reader can have meant: a slug or a title, so not empty, no control characters
    (no title has them: they are stripped when articles are read)."""
    if not name.strip():
        raise UsageProblem("the article name is empty")
    if visible(name) != name:
        raise UsageProblem(f"{visible(name)!r} is not an article name: it has control characters")


def _scandir(path: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(path) as entries:
            return list(entries)
    except OSError:
        return []


def _language_files(folder: Path) -> dict[str, Path]:
    files: dict[str, Path] = {}
    for entry in _scandir(folder):
        name = entry.name
        if not name.endswith(ARTICLE_SUFFIX):
            continue
        try:
            tag = normalize_tag(name[: -len(ARTICLE_SUFFIX)])
        except InvalidLanguageTag:
            continue  # README.md and the like are not translations
        files.setdefault(tag, Path(entry.path))
    return files


def read_article(slug: str, lang: str, path: Path) -> Article:
    """Read and parse one article file, or take its parse from the cache when the file is
    unchanged; any problem is a BadArticle naming the file."""
    from glossary_cli import cache

    shown = visible(str(path))
    try:
        stat = path.stat()
    except OSError as exc:
        raise BadArticle(shown, f"cannot read: {exc.strerror or exc}") from None
    cached = cache.load(path, stat)
    if cached is not None and cached.slug == slug and cached.lang == lang:
        return cached
    article = _parse_file(slug, lang, path, shown, stat.st_size)
    cache.store(path, stat, article)
    return article


def _parse_file(slug: str, lang: str, path: Path, shown: str, size: int) -> Article:
    from glossary_cli.parser import parse_article

    if size > MAX_ARTICLE_BYTES:
        raise BadArticle(shown, f"too large to read ({size // 1024} KiB)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadArticle(shown, f"cannot read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadArticle(shown, f"not UTF-8 text (byte {exc.start})") from None
    return parse_article(text, slug=slug, lang=lang, path=shown)
