"""Shell completion: slugs, titles, languages and sections for Tab, read cheaply, never an error.

Typer runs completion through Click's protocol (`_GLOSSARY_COMPLETE=complete_bash` and so on).
This module answers the three shells with classes of its own, which keep the words typed for
the callbacks and write plain text (Typer's zsh and fish classes render help through Rich).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING

import typer
from typer._click.core import Command, Context
from typer._click.shell_completion import CompletionItem, add_completion_class
from typer._completion_classes import BashComplete, FishComplete, ZshComplete
from typer.core import TyperGroup, TyperOption

from glossary_cli.cli.startup import read_words, with_default_command
from glossary_cli.errors import GlossaryError
from glossary_cli.text.sanitize import clean_line, one_line

if TYPE_CHECKING:
    from glossary_cli.language.preferences import Preferences
    from glossary_cli.library.roots import Library
    from glossary_cli.settings.resolved import Settings


class Shell(str, Enum):
    """The shells `glossary completion` writes a script for (cli/completion_scripts.py)."""

    BASH = "bash"
    ZSH = "zsh"
    FISH = "fish"


Item = tuple[str, str | None]  # a value and its help text, shown by zsh and fish

# The words before the one being completed, as the shell sent them. Click may not have parsed
# the positional slug yet while an option's value is completed, so the callbacks read it here.
_typed: list[str] | None = None
# Bash shows no help text, so it is spared reading every title.
_describe = True
# The run's settings (entry.run() built them): the environment and the settings file.
_settings: Settings | None = None


def answer(app: typer.Typer, words: list[str], settings: Settings) -> int:
    """Answer the shell's completion request (`_GLOSSARY_COMPLETE` is set); the exit status."""
    from typer.main import get_command

    global _settings
    _settings = settings
    command = get_command(app)  # this registers Typer's shell classes; ours then replace them
    for shell in (_Bash, _Zsh, _Fish):
        add_completion_class(shell, shell.name)
    try:
        command.main(args=words, prog_name="glossary", obj=settings)
    except SystemExit as done:
        status = done.code
        if isinstance(status, str):
            sys.stderr.write(status + "\n")
        return status if isinstance(status, int) else 0 if status is None else 1
    return 0


def _keep_words(
    compute: Callable[[list[str], str], list[CompletionItem]],
    args: list[str],
    incomplete: str,
    describe: bool,
) -> list[CompletionItem]:
    global _typed, _describe
    _typed, _describe = list(args), describe
    try:
        return compute(args, incomplete)
    except Exception:  # whatever went wrong, the shell gets no completions, not a traceback
        return []


def _as_run(cli: Command, args: list[str]) -> list[str]:
    """The words typed as a run reads them: `glossary NAME --lang <Tab>` completes as
    `glossary show NAME --lang` does (cli/startup.py's with_default_command, the one rule)."""
    commands = getattr(cli, "commands", {})
    return with_default_command(args, set(commands)) if commands else args


class _Bash(BashComplete):
    def get_completion_args(self) -> tuple[list[str], str]:
        args, incomplete = super().get_completion_args()
        return _as_run(self.cli, args), incomplete

    def get_completions(self, args: list[str], incomplete: str) -> list[CompletionItem]:
        return _keep_words(super().get_completions, args, incomplete, describe=False)

    def format_completion(self, item: CompletionItem) -> str:
        # Bash inserts the value as it stands: a title or a heading with spaces must come
        # quoted. After an opening `"` bash replaces only what follows it and closes it itself.
        value = clean_line(str(item.value))
        words = _settings.environ.get("COMP_WORDS", "") if _settings is not None else ""
        if _open_quote(words) == '"':
            return re.sub(r'(["\\$`])', r"\\\1", value)
        import shlex

        return shlex.quote(value) if value else value


def _open_quote(line: str) -> str | None:
    """The quote left open at the end of a shell line (`show "Vend`), if one is."""
    quote: str | None = None
    escaped = False
    for char in line:
        if escaped:
            escaped = False
        elif char == "\\" and quote != "'":
            escaped = True
        elif quote is None and char in "'\"":
            quote = char
        elif char == quote:
            quote = None
    return quote


class _Zsh(ZshComplete):
    def get_completion_args(self) -> tuple[list[str], str]:
        args, incomplete = super().get_completion_args()
        return _as_run(self.cli, args), incomplete

    def get_completions(self, args: list[str], incomplete: str) -> list[CompletionItem]:
        return _keep_words(super().get_completions, args, incomplete, describe=True)

    def format_completion(self, item: CompletionItem) -> str:
        value = _zsh_escape(str(item.value))
        return f'"{value}":"{_zsh_escape(item.help)}"' if item.help else f'"{value}"'


class _Fish(FishComplete):
    def get_completion_args(self) -> tuple[list[str], str]:
        args, incomplete = super().get_completion_args()
        return _as_run(self.cli, args), incomplete

    def get_completions(self, args: list[str], incomplete: str) -> list[CompletionItem]:
        return _keep_words(super().get_completions, args, incomplete, describe=True)

    def format_completion(self, item: CompletionItem) -> str:
        value = one_line(clean_line(str(item.value)))
        if item.help:
            return f"{value}\t{one_line(clean_line(item.help))}"
        return value


_ZSH_SPECIAL = frozenset("\\\"$`:'")


def _zsh_escape(text: str) -> str:
    """Text for Typer's zsh script, which evals `_arguments '*: :(("value":"help" ...))'`:
    single-quoted there, evaluated again inside double quotes by `_arguments`, and then split
    on unescaped colons by `_describe` (so a backslash is doubled twice)."""
    text = one_line(clean_line(text))
    if _ZSH_SPECIAL.isdisjoint(text):  # most slugs and titles: nothing to escape
        return text
    for char, escaped in (
        ("\\", "\\\\\\\\"),
        ('"', '\\"'),
        ("$", "\\$"),
        ("`", "\\`"),
        (":", "\\\\:"),
        ("'", "'\\''"),
    ):
        text = text.replace(char, escaped)
    return text


class _Line:
    """What the words typed so far say: extra article roots, the article, the language."""

    def __init__(self, articles: list[str], slug: str | None, lang: str | None) -> None:
        self.articles = articles
        self.slug = slug
        self.lang = lang

    @classmethod
    def read(cls, ctx: Context) -> _Line:
        root = ctx.find_root()
        if _typed is None:  # Typer's own classes (PowerShell's) do not hand the words over
            articles = list(root.params.get("articles") or [])
            # Click leaves the positional slug unparsed, in ctx.args, while an option is open.
            slug = ctx.params.get("slug") or (ctx.args[0] if ctx.args else None)
            lang = ctx.params.get("lang")
            if isinstance(lang, (list, tuple)):  # --lang repeatable (side by side): the last
                lang = lang[-1] if lang else None
            return cls(articles, slug, lang)
        group = root.command

        def options_of(word: str) -> dict[str, str]:
            sub = group.get_command(root, word) if isinstance(group, TyperGroup) else None
            return _value_options(sub) if sub is not None else {}

        typed = read_words(_typed, options_of)
        langs = typed.values.get("lang")
        lang = langs[-1] if langs else None  # the last --lang counts
        articles = typed.values.get("articles", [])
        return cls(articles, typed.positionals[0] if typed.positionals else None, lang)

    def settings(self) -> Settings:
        """The run's settings, with the --articles roots typed so far."""
        from glossary_cli.settings.resolved import Settings

        settings = _settings if _settings is not None else Settings.from_process()
        settings.articles = tuple(self.articles)
        return settings

    def library(self) -> Library:
        return self.settings().library()

    def chooser(self, strict: bool = False) -> Callable[[list[str]], str | None]:
        """Picks an article's language as the command would: --lang typed, else the reader's.

        Not strict (for titles), where the command would refuse the --lang typed (malformed,
        or a language the article lacks) the reader's language serves instead; strict (for
        sections), it picks nothing, as the command would show nothing.
        """
        from glossary_cli.language.choice import first_shown
        from glossary_cli.language.tags import InvalidLanguageTag

        settings = self.settings()
        reader = settings.preferences()
        typed: Preferences | None = reader
        if self.lang:
            try:
                typed = settings.preferences([self.lang])
            except InvalidLanguageTag:
                typed = None

        def pick(available: list[str]) -> str | None:
            shown = None if typed is None else first_shown(available, typed)
            if shown is None and not strict:
                shown = first_shown(available, reader)
            return shown

        return pick


def _value_options(command: Command) -> dict[str, str]:
    """Each spelling of the command's options that take a value, to the option's name."""
    return {
        spelling: str(param.name)
        for param in command.params
        if isinstance(param, TyperOption) and not param.is_flag and not param.count
        for spelling in param.opts
    }


def _indexed_names(library: Library) -> dict[str, dict[str, str]] | None:
    """Every slug's titles by language, from the names file the search index keeps, when it
    was written for these roots as they are now (a stat a root, a few for a language-first
    one); None otherwise."""
    from glossary_cli.library.layout import names_mark
    from glossary_cli.search import names_file
    from glossary_cli.search.scan import root_mtime

    if library.index_dir is None:
        return None
    roots = [str(root.path.resolve()) for root in library.roots]
    at = names_file.names_path(names_file.index_path(library.index_dir, roots))
    return names_file.read(at, roots, [names_mark(root, root_mtime(root)) for root in roots])


def _article_names(library: Library, prefix: str) -> list[str]:
    """The slugs starting with `prefix` in every root: folder listings, no file read. An
    entry that cannot be read is left out quietly (completion never warns)."""
    names: set[str] = set()
    for root in library.roots:
        names.update(library.term_names(root, prefix))
    return [name for name in sorted(names) if library.has(name)]


def _guarded(
    compute: Callable[[_Line, str], list[Item]],
) -> Callable[[typer.Context, str], list[Item]]:
    def callback(ctx: typer.Context, incomplete: str) -> list[Item]:
        try:
            return compute(_Line.read(ctx), incomplete)
        except Exception:  # a broken article or an odd line: complete nothing, quietly
            return []

    callback.__doc__ = compute.__doc__
    # Typer reads a callback's annotations for every parameter that uses it, on every run; as
    # resolved objects rather than strings (this module's __future__ import) they cost nothing.
    callback.__annotations__ = {"ctx": typer.Context, "incomplete": str, "return": list}
    return callback


def _slugs(line: _Line, incomplete: str) -> list[Item]:
    """Article names, each with its title in the reader's language; once something is typed,
    the titles in any language that start with it too (a title works wherever a slug does)."""
    library = line.library()
    indexed = _indexed_names(library)
    if indexed is not None:
        items = _slugs_indexed(indexed, incomplete, line)
    else:
        items = _slugs_listed(library, incomplete, line)
    if not incomplete:  # every name already: the titles would only double the list
        return items
    titles = indexed if indexed is not None else _every_title(library)
    return items + _titles_starting(titles, incomplete, {slug for slug, _ in items})


def _slugs_listed(library: Library, incomplete: str, line: _Line) -> list[Item]:
    """Article names from the folders, each title read from its file (zsh and fish only)."""
    names = _article_names(library, incomplete)
    if not _describe:
        return [(name, None) for name in names]
    from glossary_cli.reading import peek

    pick = line.chooser()
    items: list[Item] = []
    for name in names:
        title: str | None = None
        try:
            files = library.languages(name)
            tag = pick(sorted(files, key=str.casefold))
            title = peek.title(files[tag], name) if tag else None
        except (GlossaryError, OSError, ValueError):
            pass
        items.append((name, title))
    return items


def _every_title(library: Library) -> dict[str, dict[str, str]]:
    """Every article's title in each of its languages, read from the files (no names file):
    one quick read of each file's first lines."""
    from glossary_cli.reading import peek

    titles: dict[str, dict[str, str]] = {}
    for name in _article_names(library, ""):
        try:
            files = library.languages(name)
        except (GlossaryError, OSError, ValueError):
            continue
        titles[name] = {tag: peek.title(path, name) for tag, path in files.items()}
    return titles


def _titles_starting(
    titles: dict[str, dict[str, str]], incomplete: str, offered: set[str]
) -> list[Item]:
    """The titles, in any language, that start with what was typed, matched as `show` matches
    a title (case and accents aside), each with its slug beside it. The value keeps what was
    typed and goes on with the title, as for headings; a title that is a slug offered already,
    or one that names several articles (`show` would ask for the slug), is left out."""
    found: dict[str, set[str]] = {}
    for slug, by_language in titles.items():
        for title in set(by_language.values()):
            rest = _rest_after(title, incomplete)
            if rest is not None:
                found.setdefault(incomplete + rest, set()).add(slug)
    items: list[Item] = []
    for value, slugs in sorted(found.items()):
        if len(slugs) != 1 or value in offered:
            continue
        slug = next(iter(slugs))
        if not _describe and ("'" in value or '"' in value):
            # bash splits the word being completed at quotes (COMP_WORDBREAKS), and would
            # paste a quoted `Fil d'exécution` into the middle of itself; Typer keeps only
            # values that start with what was typed, so the slug cannot stand in: left out.
            continue
        items.append((value, slug))
    return items


def _slugs_indexed(names: dict[str, dict[str, str]], incomplete: str, line: _Line) -> list[Item]:
    """Article names and titles from the index's names file: no folder listed, no file read,
    however many slugs share the prefix."""
    slugs = sorted(slug for slug in names if slug.startswith(incomplete))
    if not _describe:
        return [(slug, None) for slug in slugs]
    pick = line.chooser()
    picked: dict[tuple[str, ...], str | None] = {}  # most articles share a few sets of languages
    items: list[Item] = []
    for slug in slugs:
        titles = names[slug]
        written = tuple(titles)  # the languages as the names file has them: sorted once a set
        if written not in picked:
            picked[written] = pick(sorted(titles, key=str.casefold))
        tag = picked[written]
        items.append((slug, titles[tag] if tag is not None else None))
    return items


def _languages(line: _Line, incomplete: str) -> list[Item]:
    """The languages of the article typed, with its title in each; else the library's."""
    library = line.library()
    if line.slug and library.has(line.slug):
        files = library.languages(line.slug)
        tags = [tag for tag in sorted(files, key=str.casefold) if tag.startswith(incomplete)]
        if not _describe:
            return [(tag, None) for tag in tags]
        from glossary_cli.reading import peek

        return [(tag, peek.title(files[tag], line.slug)) for tag in tags]
    counts: dict[str, int] = {}
    for name in _article_names(library, ""):
        try:
            for tag in library.languages(name):
                counts[tag] = counts.get(tag, 0) + 1
        except GlossaryError:
            continue
    return [
        (tag, f"{counts[tag]} article{'s' if counts[tag] != 1 else ''}")
        for tag in sorted(counts, key=str.casefold)
        if tag.startswith(incomplete)
    ]


def _sections(line: _Line, incomplete: str) -> list[Item]:
    """Section numbers with their headings; or, once a letter is typed, the headings."""
    if not line.slug:
        return []
    library = line.library()
    if not library.has(line.slug):
        return []
    files = library.languages(line.slug)
    tag = line.chooser(strict=True)(sorted(files, key=str.casefold))
    if tag is None:
        return []
    from glossary_cli.reading import peek

    numbered = peek.headings(files[tag])
    if not incomplete or incomplete[0].isdigit():
        return [(number, heading) for number, heading in numbered if number.startswith(incomplete)]
    items: list[Item] = []
    for number, heading in numbered:
        rest = _rest_after(heading, incomplete)
        if rest is not None:
            # The reader's own spelling of the start, so the shell keeps it; --section matches
            # headings without regard to case or accents anyway.
            items.append((incomplete + rest, number))
    return items


def _rest_after(heading: str, start: str) -> str | None:
    """What follows `start` in `heading`, matched as `--section` matches (text.fold, runs of
    whitespace as one space); None when `start` ends inside what one character folds to."""
    from glossary_cli.text.fold import fold_words, fold_words_with_origins, original_span

    wanted = fold_words(start)
    if not wanted:
        return None
    if start[-1].isspace():
        wanted += " "  # `capire ` is a whole word typed: it does not match `capirete`
    if not fold_words(heading).startswith(wanted):
        return None  # told at C speed; only a heading that matches is mapped back
    folded, origins = fold_words_with_origins(heading)
    end = len(wanted)
    if end < len(folded) and origins[end] == origins[end - 1]:
        return None  # `stras` of `Straße`: no spelling of the start ends there
    # The whole cluster of the last character matched, so no combining accent is left dangling.
    return heading[original_span(origins, len(heading), 0, end)[1] :]


def _sources(line: _Line, incomplete: str) -> list[Item]:
    """The names of the fetched sources (`update`, `source remove`), each with its URL."""
    from glossary_cli.sources.state import installed

    if _settings is None:
        return []
    return [
        (folder.name, record.url if record is not None and _describe else None)
        for folder, record in installed(_settings.data_dir())
        if folder.name.startswith(incomplete)
    ]


slugs = _guarded(_slugs)
sources = _guarded(_sources)
languages = _guarded(_languages)
sections = _guarded(_sections)
