"""`glossary check`: what is wrong in article trees, as findings for the views to print."""

from __future__ import annotations

import itertools
import os
import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import unquote

from glossary_cli.document.highlights import find_highlights
from glossary_cli.document.links import Resolve, article_links
from glossary_cli.document.model import Article
from glossary_cli.errors import BadArticle, NoArticles
from glossary_cli.library import layout as layouts
from glossary_cli.library.roots import Library, Root, TermFolder, outside_root, scan_term
from glossary_cli.library.slugs import ARTICLE_SUFFIX, is_slug
from glossary_cli.library.walk import entries, is_folder
from glossary_cli.results import ERROR, WARNING, CheckResult, Finding
from glossary_cli.text.fold import fold_key
from glossary_cli.text.sanitize import visible
from glossary_cli.text.unicode import without_format

# A Markdown link's target as written: `](target` or `](<target>`.
_LINK_TARGET = re.compile(r"\]\(\s*<?((?:[^\s()<>]|\([^\s()<>]{0,200}\)){1,2000})")

# How many entries of a folder, and of each folder in it, are looked at for an article root
# below it: enough for a repository's top level.
_LOOK_BELOW = 200

Reader = Callable[[str, str, Path], Article]  # Library.read: slug, language, file


def check(
    library: Library, roots: Sequence[Root] | None = None, files: Sequence[Path] = ()
) -> CheckResult:
    """Check every term in `roots` (default: the library's roots, when no `files` are given
    either) and each article file of `files`. Links count as found when the checked roots,
    the files' roots or the library have the article, as for a reader with `-a DIR`.

    A root given that holds no article (`/tmp`, or the folder above a root) is NoArticles:
    a CI step with a wrong path must not pass."""
    checked = list(library.roots if roots is None and not files else roots or ())
    file_roots = [Root(path.parent.parent, "check") for path in files]
    scope = Library(roots=checked + file_roots + [r for r in library.roots if r not in checked])
    findings: list[Finding] = []
    files_read = terms = 0
    told = {root.path.resolve() for root in library.roots}  # their layouts' problems, on opening
    for root in checked:
        tree = _Tree()
        layout = scope.layout(root)
        if root.path.resolve() not in told:
            for problem in layout.problems:
                library.warn(problem)
        if layout.kind == layouts.LANGUAGE_FIRST:
            tree.by_language = True
            _check_language_first(root, layout, scope.article_named, library.read, tree)
        else:
            _check_root(root, scope.article_named, library.read, tree)
        if roots is not None and not tree.files and not _errors(tree.findings):
            raise NoArticles(_no_articles(root.path))
        _compare_languages(tree)
        _compare_titles(tree)
        findings += tree.findings
        files_read += tree.files
        terms += tree.terms
    if files:
        tree = _check_files(files, scope.article_named, library.read)
        findings += tree.findings
        files_read += tree.files
        terms += tree.terms
    findings.sort(key=lambda f: (f.path, f.line or 0))
    shown = tuple(visible(str(r.path)) for r in checked) + tuple(visible(str(f)) for f in files)
    return CheckResult(shown, tuple(findings), files_read, terms)


def _errors(findings: Sequence[Finding]) -> int:
    return sum(1 for finding in findings if finding.severity == ERROR)


def _no_articles(path: Path) -> str:
    """Why a folder given to check is refused, with the article root below it if there is one
    (in any layout that library/layout.py reads)."""
    message = f"{visible(str(path))} holds no articles in any layout glossary reads"
    for entry in itertools.islice(entries(path), _LOOK_BELOW):
        below = Path(entry.path)
        if entry.name.startswith(".") or not is_folder(entry):
            continue
        if layouts.detect(below) is not None:
            return f"{message}; {visible(str(below))} does: is that the article root?"
    return message + " (see docs/layouts.md)"


def _check_files(paths: Sequence[Path], exists: Resolve, read: Reader) -> _Tree:
    """Each file as part of its term (compared with the term's other translations), its own
    findings kept. A file whose name is no language tag is a warning, a README.md is passed
    over quietly, as in a tree."""
    tree = _Tree()
    wanted: dict[Path, set[str]] = {}  # each term folder -> its files asked for, as shown
    for path in paths:
        if path.name.endswith(ARTICLE_SUFFIX):
            wanted.setdefault(path.parent, set()).add(visible(str(path)))
        else:
            tree.add(path, WARNING, f"not an article file (<lang>{ARTICLE_SUFFIX}); not read")
    for folder, shown in wanted.items():
        term = _Tree()
        if not is_slug(folder.name):
            for name in sorted(shown):
                if Path(name).name.lower() != "readme.md":
                    term.add(name, WARNING, "its folder's name is no article name; not read")
        else:
            root = Root(folder.parent, "check")
            _check_term(folder.name, folder, scan_term(root, folder), exists, read, term)
        tree.findings += [f for f in term.findings if f.path in shown]
        tree.files += len(shown & term.read_files)
        tree.terms += bool(term.terms)
    return tree


class _Tree:
    """Findings of one root, and the languages of each of its terms to compare at the end."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.files = 0
        self.read_files: set[str] = set()  # the article files read, as shown
        self.terms = 0
        self.languages: dict[Path, set[str]] = {}
        # each title as compared (folded, no format characters) -> (slug, title, path)
        self.titles: dict[str, list[tuple[str, str, str]]] = {}
        # A language-first root's files are named by their folders' languages, not <lang>.md.
        self.by_language = False

    def add(self, path: Path | str, severity: str, message: str, line: int | None = None) -> None:
        shown = path if isinstance(path, str) else visible(str(path))
        self.findings.append(Finding(shown, line, severity, message))

    def skipped(self, shown: str, why: str) -> None:
        """An entry that cannot be read (walk.Tell): an error when it is a folder that cannot
        be listed (its articles go unchecked), a warning for a link loop, a link to nothing, a
        name that is not UTF-8."""
        severity = ERROR if why.startswith("cannot read") else WARNING
        self.add(shown, severity, f"{why}; not read")


def _check_root(root: Root, exists: Resolve, read: Reader, tree: _Tree) -> None:
    for entry in entries(root.path, tree.skipped):
        folder = Path(entry.path)
        if entry.name.startswith(".") or not is_folder(entry, tree.skipped):
            continue  # .git, README.md, LICENSE: not terms
        if not is_slug(entry.name):
            if any(e.name.endswith(ARTICLE_SUFFIX) for e in entries(folder)):
                tree.add(folder, WARNING, "the folder name is not an article name; not read")
            continue
        outside = outside_root(root, folder)
        if outside is not None:
            tree.add(folder, ERROR, f"{outside}; not read")
            continue
        if entry.is_symlink() and os.path.dirname(os.path.realpath(folder)) == root.real:
            continue  # a second name for a term of this root, checked under its own name
        _check_term(folder.name, folder, scan_term(root, folder), exists, read, tree)


def _check_language_first(
    root: Root, layout: layouts.Layout, exists: Resolve, read: Reader, tree: _Tree
) -> None:
    """A language-first root's terms (library/layout.py); a term's languages are compared as
    a slug folder's are, and told at its source-language file (else its first)."""
    source = layouts.source_language(root.path)
    for slug, files in sorted(layouts.terms(root.path, layout, tree.skipped).items()):
        paths = {file.tag: root.path / file.folder / file.name for file in files}
        term = TermFolder(dict(sorted(paths.items())), [], [], [])
        shown = paths.get(source or "") or next(iter(term.files.values()))
        _check_term(slug, shown, term, exists, read, tree)


def _check_term(
    slug: str, folder: Path, term: TermFolder, exists: Resolve, read: Reader, tree: _Tree
) -> None:
    """One term's files (`folder`: where its findings about the whole term are told)."""
    for path, why in term.outside:
        tree.add(path, ERROR, f"{why}; not read")
    for shown, why in term.broken:
        tree.skipped(shown, why)
    for path, why in term.ignored:
        if path.name.lower() != "readme.md":
            tree.add(path, WARNING, f"{why}; not read")
    if not term.files:
        return
    tree.terms += 1
    tree.languages[folder] = set(term.files)
    articles: dict[str, Article] = {}
    for tag, path in term.files.items():
        tree.files += 1
        tree.read_files.add(visible(str(path)))
        try:
            article = read(slug, tag, path)
        except BadArticle as exc:
            tree.add(exc.path, ERROR, exc.problem, exc.line)
            continue
        articles[tag] = article
        key = fold_key(without_format(article.title))
        tree.titles.setdefault(key, []).append((slug, article.title, article.path))
        for problem in article.problems:
            tree.add(article.path, problem.severity, problem.message, problem.line)
        _check_links(article, exists, tree)
    _compare_translations(articles, tree)


def _check_links(article: Article, exists: Resolve, tree: _Tree) -> None:
    """A link to a term the library lacks is a warning: glossaries link ahead."""
    seen: set[str] = set()
    for link in article_links(article, exists):
        if link.kind != "missing" or link.target in seen or link.slug is None:
            continue
        seen.add(link.target)
        line = _line_of(article.source, link.target, link.slug)
        message = f"links to '{visible(link.slug)}' ({link.target}), which the library lacks"
        tree.add(article.path, WARNING, message, line)


def _line_of(source: str, target: str, slug: str) -> int | None:
    """The line where a link is written: the parser keeps no positions, so look for it."""
    # As a Markdown link first: a bare `/api` may also sit inside an earlier URL.
    index = next(
        (i for needle in (f"]({target}", f"<{target}>", target) if (i := source.find(needle)) >= 0),
        -1,
    )
    if index < 0:  # written encoded (the target is shown decoded), or in another case of hex
        wanted = unquote(target)
        index = next(
            (m.start() for m in _LINK_TARGET.finditer(source) if unquote(m.group(1)) == wanted),
            -1,
        )
    if index < 0:  # MDN's {{Glossary("Term")}} macro: the target was made from the term
        pattern = r"\{\{\s*glossary\s*\(\s*[\"']\s*" + re.escape(slug).replace("_", "[ _]")
        match = re.search(pattern, source, re.IGNORECASE)
        index = match.start() if match else -1
    return source.count("\n", 0, index) + 1 if index >= 0 else None


def _compare_translations(articles: dict[str, Article], tree: _Tree) -> None:
    """A section or a highlights list that one translation has and another lacks."""
    if len(articles) < 2:
        return
    counts = {tag: len(article.sections) for tag, article in articles.items()}
    # Most translations agree with the original; on a tie, the longer one is the fuller text.
    usual = max(Counter(counts.values()).items(), key=lambda item: (item[1], item[0]))[0]
    having = [tag for tag in sorted(counts) if counts[tag] == usual]
    for tag in sorted(counts):
        if counts[tag] != usual:
            tree.add(
                articles[tag].path,
                WARNING,
                f"{_sections(counts[tag])}, while {_names(having, tree)} {_have(having)} {usual}",
            )
    highlights = {tag: find_highlights(article) is not None for tag, article in articles.items()}
    if any(highlights.values()) and not all(highlights.values()):
        having = [tag for tag in sorted(highlights) if highlights[tag]]
        for tag in sorted(highlights):
            if not highlights[tag]:
                message = f"no highlights list, while {_names(having, tree)} {_have(having)} one"
                tree.add(articles[tag].path, WARNING, message)


def _compare_titles(tree: _Tree) -> None:
    """Two terms whose titles read the same (case, accents, width and invisible characters
    aside): a reader typing the title finds either, and one may be made to pass for the other."""
    for found in tree.titles.values():
        if len({slug for slug, _, _ in found}) < 2:
            continue
        for slug, title, path in found:
            others: dict[str, tuple[str, str, str]] = {}  # each other term's first article
            for other in found:
                if other[0] != slug:
                    others.setdefault(other[0], other)
            for other_slug, other_title, other_path in others.values():
                how = (
                    "is also"
                    if other_title == title
                    else f"looks the same as '{visible(other_title)}',"
                )
                message = f"title '{visible(title)}' {how} the title of {other_slug} ({other_path})"
                tree.add(path, WARNING, message)


def _compare_languages(tree: _Tree) -> None:
    """A term missing some of the languages that the other terms of its root have."""
    every = set().union(*tree.languages.values()) if tree.languages else set()
    for folder, languages in tree.languages.items():
        missing = sorted(every - languages, key=str.casefold)
        if missing:
            message = f"no translation in {', '.join(missing)}, which other terms here have"
            tree.add(folder, WARNING, message)


def _sections(count: int) -> str:
    # Top-level sections: `##` ones, or `###` ones in an article without `##` (numbering.py).
    if not count:
        return "no sections"
    return f"{count} section" + ("" if count == 1 else "s")


def _names(tags: list[str], tree: _Tree) -> str:
    suffix = "" if tree.by_language else ARTICLE_SUFFIX
    shown = [f"{tag}{suffix}" for tag in tags[:3]]
    return ", ".join(shown) + (f" and {len(tags) - 3} more" if len(tags) > 3 else "")


def _have(tags: list[str]) -> str:
    return "has" if len(tags) == 1 else "have"
