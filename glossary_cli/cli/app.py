"""The commands: each reads its options, calls the core with the run's settings, and hands
the result to the view of its format. Errors are left to the one boundary in entry.run()."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from typer.core import TyperCommand, TyperGroup

from glossary_cli import __version__
from glossary_cli.cli import completion
from glossary_cli.cli.options import (
    CheckFormat,
    CheckFormatOption,
    ColorOption,
    FormatOption,
    LangOption,
    LangsOption,
    PagerOption,
    SlugArg,
    examples,
    language_list,
    language_tag,
)
from glossary_cli.errors import ExitStatus, OutputFailed, UsageProblem
from glossary_cli.output import Format, OutputContext, shows_progress
from glossary_cli.settings.display import ColorMode
from glossary_cli.settings.resolved import Settings

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from rich.console import Console

    from glossary_cli.commands.article import Opened
    from glossary_cli.library.roots import Library, Progress
    from glossary_cli.results import CheckResult


def _reflowed(text: str | None) -> str | None:
    """A docstring's paragraphs each as one line: Typer's help keeps a docstring's single line
    breaks, which cut sentences at 80 columns; the terminal's width should wrap them."""
    if not text:
        return text
    return "\n\n".join(" ".join(part.split()) for part in text.split("\n\n"))


class Group(TyperGroup):
    """The root and `source`: their help reflowed as the commands' is."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = _reflowed(self.help)


class Command(TyperCommand):
    """Every command's edge with Click. A UsageProblem from the core (an argument that parses
    but makes no sense, such as --section 0) becomes Click's usage error, shown with the
    command's usage line, which needs the command's context; a status the command returns
    becomes the exit status. Every other GlossaryError goes on to entry.run()."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = _reflowed(self.help)

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            status = super().invoke(ctx)
        except UsageProblem as exc:
            raise typer.BadParameter(str(exc), ctx=ctx, param_hint=exc.option) from None
        if status:
            ctx.exit(int(status))
        return status


app = typer.Typer(
    name="glossary",
    cls=Group,
    no_args_is_help=True,
    subcommand_metavar="NAME | COMMAND [ARGS]...",  # NAME: `glossary NAME` is `show NAME`
    pretty_exceptions_enable=False,  # expected errors are one line; others are real bugs
    # `glossary completion SHELL` instead of Typer's --install-completion, whose zsh script
    # did nothing on a new shell's first Tab and which edited ~/.zshrc without saying so.
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"glossary {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    articles: Annotated[
        Optional[list[str]],
        typer.Option(
            "--articles",
            "-a",
            metavar="DIR",
            help="An extra article root for this run, consulted first (repeatable).",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Look a glossary term up in your language: in the terminal, or plain for scripts.

    glossary NAME [OPTIONS] is glossary show NAME [OPTIONS] when NAME is not a command.

    A term named like a command is shown with glossary show NAME.

    Articles come from --articles DIR, then GLOSSARY_PATH and the settings file, then the
    sources (glossary source add), then the bundled articles.

    Exit codes: 0 ok, 1 not found, 2 usage error, 3 unreadable article, 4 could not fetch
    or no git, 5 a fetched source refused.
    """
    _settings(ctx).articles = tuple(articles or ())


def _settings(ctx: typer.Context) -> Settings:
    """The run's settings, which entry.run() built and the root command completed."""
    settings = ctx.find_root().obj
    if not isinstance(settings, Settings):  # the app called without entry.run(): a test, say
        settings = ctx.find_root().obj = Settings.from_process(warn)
    return settings


def warn(message: str) -> None:
    sys.stderr.write(f"glossary: warning: {message}\n")


def _library(ctx: typer.Context) -> Library:
    settings = _settings(ctx)
    library = settings.library()
    if shows_progress(settings):  # a long index build draws a progress line on stderr
        library.progress = _progress_line(settings)
    _flush_warnings(library)
    return library


def _progress_line(settings: Settings) -> Callable[[], AbstractContextManager[Progress]]:
    from glossary_cli.output import progress_console
    from glossary_cli.views.progress import index_progress

    def console() -> Console:
        made = progress_console(settings)
        assert made is not None  # shows_progress said so
        return made

    return lambda: index_progress(console)


def _flush_warnings(library: Library) -> None:
    """Print the warnings the library has met so far (a bad root, a link out of a root)."""
    for message in library.warnings:
        warn(message)
    library.warnings.clear()


def _emit(
    ctx: typer.Context,
    result: object,
    fmt: Format | None,
    color: ColorMode | None,
    pager: bool | None = False,  # commands without --pager print a few lines: never paged
) -> None:
    """Print a result's warnings on stderr, then the result itself in its format on stdout."""
    from glossary_cli.views.render import render

    for message in getattr(result, "warnings", ()):
        warn(message)
    if sys.stdout is None:  # started with stdout closed (`glossary ... >&-`)
        raise OutputFailed("cannot write the output: stdout is closed")
    # A failed write (a full disk) goes up to entry.run(), which reports it.
    render(result, OutputContext.detect(fmt, color, _settings(ctx), page=pager))


def _article_command(
    ctx: typer.Context,
    slug: str,
    langs: Sequence[str],
    output: tuple[Format | None, ColorMode | None, bool | None],
    compute: Callable[[Sequence[Opened], Library], Sequence[object]],
    several: bool = True,
) -> None:
    """The shared path of commands that read one article: open it (in each language asked for
    when `several`), compute, render; two languages or more are shown side by side."""
    from glossary_cli.commands.article import open_articles
    from glossary_cli.results import SideBySide

    settings = _settings(ctx)
    library = _library(ctx)
    try:
        opened = open_articles(library, slug, settings.preferences(langs), several, warn)
        for one in opened:
            if one.notice:
                sys.stderr.write(f"glossary: {one.notice}\n")
        results = compute(opened, library)
    finally:
        _flush_warnings(library)
    result = results[0] if len(results) == 1 else SideBySide(tuple(results))  # type: ignore[arg-type]
    _emit(ctx, result, *output)


@app.command(
    cls=Command,
    epilog=examples(
        "glossary show inside-sales --lang it",
        "glossary show inside-sales --lang it --lang fi",
        "glossary show inside-sales --section 2",
        "glossary show inside-sales --format json | jq .title",
    ),
)
def show(
    ctx: typer.Context,
    slug: SlugArg,
    lang: LangsOption = None,
    section: Annotated[
        Optional[str],
        typer.Option(
            "--section",
            "-s",
            metavar="N|HEADING",
            help="Only this section: its number (see 'sections') or its heading.",
            show_default=False,
            autocompletion=completion.sections,
        ),
    ] = None,
    fmt: FormatOption = None,
    color: ColorOption = None,
    pager: PagerOption = None,
) -> None:
    """Show an article: title, description and every section, or one section of it.

    With two languages or more, they are shown side by side, section beside section."""
    from glossary_cli.commands import article as commands

    _article_command(
        ctx,
        slug,
        lang or [],
        (fmt, color, pager),
        lambda opened, library: commands.show_each(opened, section, library),
    )


@app.command(
    cls=Command,
    epilog=examples(
        "glossary sections inside-sales",
        "glossary sections inside-sales --lang fi | cut -f2",
        "glossary sections inside-sales --lang it,fi",
    ),
)
def sections(
    ctx: typer.Context,
    slug: SlugArg,
    lang: LangsOption = None,
    fmt: FormatOption = None,
    color: ColorOption = None,
    pager: PagerOption = None,
) -> None:
    """List an article's numbered sections ('###' ones under theirs, as 2.1)."""
    from glossary_cli.commands import article as commands

    _article_command(
        ctx,
        slug,
        lang or [],
        (fmt, color, pager),
        lambda opened, _: [commands.sections(one) for one in opened],
    )


@app.command(
    cls=Command,
    epilog=examples(
        "glossary highlights inside-sales --lang sv", "glossary highlights inside-sales | head -1"
    ),
)
def highlights(
    ctx: typer.Context,
    slug: SlugArg,
    lang: LangsOption = None,
    fmt: FormatOption = None,
    color: ColorOption = None,
    pager: PagerOption = None,
) -> None:
    """Show an article's key points, one per line when piped."""
    from glossary_cli.commands import article as commands

    _article_command(
        ctx,
        slug,
        lang or [],
        (fmt, color, pager),
        lambda opened, _: [commands.highlights(one) for one in opened],
    )


@app.command(
    cls=Command,
    epilog=examples(
        "glossary links inside-sales --lang pl", "glossary links inside-sales | grep -w missing"
    ),
)
def links(
    ctx: typer.Context,
    slug: SlugArg,
    lang: LangOption = None,
    fmt: FormatOption = None,
    color: ColorOption = None,
    pager: PagerOption = None,
) -> None:
    """List an article's links: text, target, and article, missing or external."""
    from glossary_cli.commands import article as commands

    _article_command(
        ctx,
        slug,
        [] if lang is None else [lang],
        (fmt, color, pager),
        lambda opened, library: [commands.links(one, library) for one in opened],
        several=False,
    )


@app.command(
    cls=Command,
    epilog=examples(
        "glossary langs",
        "glossary langs inside-sales",
        "glossary langs --missing de",
        "glossary langs --explain inside-sales",
        "glossary langs --stale",
    ),
)
def langs(
    ctx: typer.Context,
    slug: Annotated[
        Optional[str],
        typer.Argument(
            help="An article (slug or title); without one, every article against every language.",
            show_default=False,
            autocompletion=completion.slugs,
        ),
    ] = None,
    missing: Annotated[
        Optional[str],
        typer.Option(
            "--missing",
            "-m",
            metavar="LANG",
            help="List the articles not yet translated into LANG.",
            show_default=False,
            callback=language_tag,
        ),
    ] = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Show each step of the language choice (for SLUG, if given) and what it did.",
        ),
    ] = False,
    stale: Annotated[
        bool,
        typer.Option(
            "--stale",
            help="List the translations older than their source-language article (glossary.toml's "
            "source_language, else English), "
            "in roots kept in git (SLUG's alone, if given).",
        ),
    ] = False,
    lang: LangsOption = None,
    fmt: FormatOption = None,
    color: ColorOption = None,
    pager: PagerOption = None,
) -> None:
    """List an article's languages (tag, name, title), or which article is in which language.

    With no SLUG: on a terminal, a table of articles by languages with the missing ones
    marked; piped, one line per article. --missing LANG lists the articles without LANG;
    --explain shows how the language is chosen; --stale lists the translations behind their
    source, with the source's commits and lines since (see 'glossary diff')."""
    from glossary_cli.commands import article as commands
    from glossary_cli.commands import overview

    if lang and not explain:
        raise typer.BadParameter("--lang goes with --explain", param_hint="'--lang'")
    if stale and (missing is not None or explain):
        raise typer.BadParameter(
            "--stale is not with --missing or --explain", param_hint="'--stale'"
        )
    if missing is not None and (slug is not None or explain):
        raise typer.BadParameter(
            "--missing lists the whole library: not with SLUG or --explain",
            param_hint="'--missing'",
        )
    settings = _settings(ctx)
    library = _library(ctx)
    result: object
    try:
        if stale:
            from glossary_cli.commands.stale import stale as stale_translations

            result = stale_translations(
                library, slug, settings.preferences(), settings.environ, warn
            )
        elif explain:
            result = overview.explain(library, slug, settings.preferences(lang or []))
        elif missing is not None:
            result = overview.missing(library, missing)
        elif slug is None:
            result = overview.coverage(library)
        else:
            result = commands.langs_of(library, slug, settings.preferences(), warn)
    finally:
        _flush_warnings(library)
    _emit(ctx, result, fmt, color, pager)


class ConfigAction(str, Enum):
    INIT = "init"
    PATH = "path"


@app.command(
    cls=Command,
    epilog=examples(
        "glossary -a ~/team-glossary diff cluster --lang it",
        "glossary diff cluster --lang it --format json | jq -r .diff",
    ),
)
def diff(
    ctx: typer.Context,
    slug: SlugArg,
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            "-l",
            help="The translation: the source-language article's changes since it was made.",
            show_default=False,
            callback=language_tag,
            autocompletion=completion.languages,
        ),
    ],
    fmt: FormatOption = None,
    color: ColorOption = None,
    pager: PagerOption = None,
) -> None:
    """Show what changed in the source-language article since a translation was made: git's
    diff of the source from the commit the translation names (l10n.sourceCommit), else from
    the translation's last commit, to HEAD. Nothing when it is up to date."""
    from glossary_cli.commands.diff import source_diff

    settings = _settings(ctx)
    library = _library(ctx)
    try:
        result = source_diff(library, slug, lang, settings.preferences(), settings.environ, warn)
    finally:
        _flush_warnings(library)
    _emit(ctx, result, fmt, color, pager)


@app.command(
    cls=Command,
    epilog=examples(
        "glossary config",
        "glossary config --format json | jq -r .file.path",
        "glossary config path",
        "glossary config init",
    ),
)
def config(
    ctx: typer.Context,
    action: Annotated[
        Optional[ConfigAction],
        typer.Argument(
            help="init: write a settings file, every setting explained in a comment (never "
            "over an existing one); path: print where the settings file is read from.",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = None,
    color: ColorOption = None,
) -> None:
    """Show the settings in force and where each came from: a flag, the environment, the
    config file (config.toml in your config folder: the first line names it), or the default."""
    settings = _settings(ctx)
    if action is not None:
        from glossary_cli.settings.config_file import config_path

        path = config_path(settings.environ)
        if action is ConfigAction.INIT:
            from glossary_cli.commands.config_init import init

            init(path)
        _print_path(path)
        return
    from glossary_cli.commands import overview

    library = _library(ctx)
    result = overview.settings(settings, library, color)
    _emit(ctx, result, fmt, color)


def _print_path(path: object) -> None:
    """A path the command wrote or names, alone on its line, for scripts (`$(glossary ...)`)."""
    from glossary_cli.text.sanitize import visible

    if sys.stdout is None:
        raise OutputFailed("cannot write the output: stdout is closed")
    sys.stdout.write(f"{visible(str(path))}\n")


@app.command(
    cls=Command,
    name="list",
    epilog=examples(
        "glossary list --lang it",
        "glossary list --keyword business",
        "glossary list | cut -f1,3",
    ),
)
def list_(
    ctx: typer.Context,
    lang: Annotated[
        Optional[str],
        typer.Option(
            "--lang",
            "-l",
            help="Show each article in this language where it has it (else a fallback, "
            "noted); default: GLOSSARY_LANG, the config file, then the locale.",
            show_default=False,
            callback=language_list,
        ),
    ] = None,
    keyword: Annotated[
        Optional[str],
        typer.Option(
            "--keyword",
            "-k",
            help="Only articles with this keyword (or tag) in some language; case and accents "
            "aside.",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = None,
    color: ColorOption = None,
    pager: PagerOption = None,
) -> None:
    """List every article: slug, language, title, description and keywords."""
    from glossary_cli.search.listing import list_articles

    settings = _settings(ctx)
    library = _library(ctx)
    preferred = settings.preferences([] if lang is None else [lang])
    # Written as the rows come from the index; the note on fallbacks comes after them.
    notice = list_articles(
        library, keyword, preferred, warn, lambda result: _emit(ctx, result, fmt, color, pager)
    )
    if notice:
        sys.stderr.write(f"glossary: {notice}\n")


@app.command(
    cls=Command,
    epilog=examples(
        "glossary search sprzedaz",
        "glossary search 'inside sales' --limit 5",
        "glossary search 非同期 --lang ja",
        "glossary search cache --format json | jq -r '.hits[].slug'",
    ),
)
def search(
    ctx: typer.Context,
    query: Annotated[
        str,
        typer.Argument(
            metavar="QUERY",
            help="Words to find, all of them, in titles, descriptions, keywords and text; "
            "case and accents aside.",
            show_default=False,
        ),
    ],
    lang: Annotated[
        Optional[str],
        typer.Option(
            "--lang",
            "-l",
            help="Only articles in this language.",
            show_default=False,
            callback=language_tag,
        ),
    ] = None,
    limit: Annotated[
        int,
        typer.Option("--limit", "-n", min=1, help="At most this many articles."),
    ] = 20,
    fmt: FormatOption = None,
    color: ColorOption = None,
    pager: PagerOption = None,
) -> None:
    """Search every article in every language; title matches first, each hit with a snippet."""
    from glossary_cli.search.query import search as search_articles

    settings = _settings(ctx)
    library = _library(ctx)
    # search --lang filters the articles searched; the reader's languages pick each hit's.
    result = search_articles(library, query, lang, limit, settings.preferences(), warn)
    _emit(ctx, result, fmt, color, pager)


@app.command(
    cls=Command,
    epilog=examples(
        "glossary check",
        "glossary check ~/team-glossary",
        "glossary check articles/inside-sales/it.md",
        "glossary check articles --format json | jq '.findings[]'",
        "glossary check articles --format github",
    ),
)
def check(
    ctx: typer.Context,
    paths: Annotated[
        Optional[list[str]],
        typer.Argument(
            metavar="[PATH]...",
            help="Article roots (folders of <slug>/<lang>.md) or article files to check; "
            "default: every root in use.",
            show_default=False,
        ),
    ] = None,
    fmt: CheckFormatOption = None,
    color: ColorOption = None,
    pager: PagerOption = None,
) -> int:
    """Check articles for authors: one line per problem; exit 1 on errors, 0 on warnings alone.

    Errors: a file that cannot be read or parsed, a frontmatter value of the wrong type.
    Warnings: links to terms the library lacks, translations missing or out of step, and more.
    A folder given that holds no article is a usage error (exit 2).
    """
    result = _check_paths(ctx, paths or [])
    _emit_check(ctx, result, fmt, color, pager)
    return ExitStatus.CHECK_FAILED if result.error_count else ExitStatus.OK


def _check_paths(ctx: typer.Context, paths: Sequence[str]) -> CheckResult:
    """`check`'s findings in these folders (roots) and files; none given: every root in use."""
    import os

    from glossary_cli.commands import check as checking
    from glossary_cli.library.roots import Root
    from glossary_cli.settings.folders import unknown_home, user_path
    from glossary_cli.text.sanitize import visible

    library = _library(ctx)
    roots: list[Root] = []
    files = []
    for given in paths:
        path = user_path(given)
        if os.path.isdir(path):
            roots.append(Root(path, "check"))
        elif os.path.isfile(path):
            files.append(path)
        else:
            if unknown_home(path):
                why = "is in the home folder of an unknown user"
            elif not os.path.lexists(path):
                why = "does not exist"
            else:
                why = "is not a file or folder"
            raise typer.BadParameter(f"{visible(given)} {why}", param_hint="PATH")
    try:
        return checking.check(library, roots or None, files)
    finally:
        _flush_warnings(library)


# --- sources: fetched glossaries (the only commands that touch the network) -----------------

source_app = typer.Typer(
    name="source",
    cls=Group,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(
    source_app,
    name="source",
    help="Glossaries fetched from git or an archive into your data folder: add, list, remove. "
    "They are read after --articles, GLOSSARY_PATH and the settings file's paths, before "
    "the bundled articles.",
    epilog=examples(
        "glossary source add team https://github.com/acme/glossary.git",
        "glossary source list",
        "glossary source remove team",
    ),
)


def _on_terminal() -> bool:
    """Whether someone could answer git's questions (a password, a host key)."""
    return bool(sys.stdin and sys.stdin.isatty() and sys.stderr and sys.stderr.isatty())


@source_app.command(
    "add",
    cls=Command,
    epilog=examples(
        "glossary source add team https://github.com/acme/glossary.git",
        "glossary source add team git@github.com:acme/glossary.git --ref stable",
        "glossary source add hugo https://example.com/site.tar.gz --subdir content",
        "glossary source add local ~/src/glossary",
    ),
)
def source_add(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help="A name for it: lower-case letters, digits, '.', '_', '-'.",
            show_default=False,
        ),
    ],
    where: Annotated[
        str,
        typer.Argument(
            metavar="URL|PATH",
            help="A git URL (https, ssh, git, file), an https URL of a .zip or .tar.gz archive, "
            "or a local git repository or archive file.",
            show_default=False,
        ),
    ],
    ref: Annotated[
        Optional[str],
        typer.Option(
            "--ref",
            "-r",
            metavar="BRANCH",
            help="A git branch or tag; default: the repository's default branch.",
            show_default=False,
        ),
    ] = None,
    subdir: Annotated[
        Optional[str],
        typer.Option(
            "--subdir",
            metavar="DIR",
            help="The folder inside it that holds the articles; default: its top.",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = None,
    color: ColorOption = None,
) -> None:
    """Fetch a glossary (a shallow git clone, or an archive unpacked) and read it from now on."""
    from glossary_cli.commands import sources

    settings = _settings(ctx)
    result = sources.add(
        settings.data_dir(), settings.environ, name, where, ref or "", subdir or "", _on_terminal()
    )
    _emit(ctx, result, fmt, color)


@source_app.command(
    "list",
    cls=Command,
    epilog=examples("glossary source list", "glossary source list --format json | jq '.sources[]'"),
)
def source_list(ctx: typer.Context, fmt: FormatOption = None, color: ColorOption = None) -> None:
    """List the sources: name, URL, terms, languages, last update, revision, layout (offline)."""
    from glossary_cli.commands import sources

    _emit(ctx, sources.listing(_settings(ctx).data_dir()), fmt, color)


@source_app.command("remove", cls=Command, epilog=examples("glossary source remove team"))
def source_remove(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            help="The source to remove.", show_default=False, autocompletion=completion.sources
        ),
    ],
) -> None:
    """Remove a source and its copy (offline)."""
    from glossary_cli.commands import sources

    sources.remove(_settings(ctx).data_dir(), name)


@app.command(
    cls=Command,
    epilog=examples("glossary update", "glossary update team", "glossary update | cut -f1,2"),
)
def update(
    ctx: typer.Context,
    names: Annotated[
        Optional[list[str]],
        typer.Argument(
            metavar="[NAME]...",
            help="The sources to update; default: every one.",
            show_default=False,
            autocompletion=completion.sources,
        ),
    ] = None,
    fmt: FormatOption = None,
    color: ColorOption = None,
) -> int:
    """Fetch the sources again where they changed; a line each: terms added, changed, removed.

    A source that fails keeps the copy it had, and the exit status is 4 or 5."""
    from glossary_cli.commands import sources

    settings = _settings(ctx)
    result = sources.update(settings.data_dir(), settings.environ, names or [], _on_terminal())
    for one in result.updates:
        if one.error:
            sys.stderr.write(f"glossary: error: {one.name}: {one.error}\n")
    _emit(ctx, result, fmt, color)
    return max((one.exit_status for one in result.updates), default=ExitStatus.OK)


def _emit_check(
    ctx: typer.Context,
    result: CheckResult,
    fmt: CheckFormat | None,
    color: ColorMode | None,
    pager: bool | None = None,
) -> None:
    if fmt is CheckFormat.GITHUB:
        from glossary_cli.views import github

        if sys.stdout is None:
            raise OutputFailed("cannot write the output: stdout is closed")
        github.write(result, sys.stdout)
        return
    _emit(ctx, result, None if fmt is None else Format(fmt.value), color, pager)


@app.command(
    cls=Command,
    epilog=examples(
        "glossary new api --lang en --articles ~/team-glossary",
        "glossary new inside-sales --lang de --from it --articles articles",
    ),
)
def new(
    ctx: typer.Context,
    slug: Annotated[
        str,
        typer.Argument(
            metavar="SLUG",
            help="The new term's name: its folder (letters, digits and . _ ( ) + -).",
            show_default=False,
        ),
    ],
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            "-l",
            help="The language of the new file (it, pt-BR): its name, <lang>.md.",
            show_default=False,
            callback=language_tag,
        ),
    ],
    source: Annotated[
        Optional[str],
        typer.Option(
            "--from",
            metavar="LANG",
            help="Start from this language's article: its headings and code as they are, its "
            "text in comments to translate.",
            show_default=False,
            callback=language_tag,
            autocompletion=completion.languages,
        ),
    ] = None,
    folder: Annotated[
        Optional[str],
        typer.Option(
            "--articles",
            "-a",
            metavar="DIR",
            help="The article root to write into; default: the root that has the term, else "
            "the first writable root in use (never the bundled articles).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Start an article file, SLUG/LANG.md, and print its path; never over an existing file.

    With --from LANG, a translation skeleton of that language's article."""
    from glossary_cli.commands.new import new_article
    from glossary_cli.language.tags import normalize_tag
    from glossary_cli.settings.folders import user_path

    library = _library(ctx)
    path = new_article(
        library,
        slug,
        normalize_tag(lang),
        None if source is None else normalize_tag(source),
        None if folder is None else user_path(folder),
    )
    _flush_warnings(library)
    _print_path(path)


@app.command(
    cls=Command,
    epilog=examples(
        "glossary edit inside-sales --lang it",
        "EDITOR='code -w' glossary edit 'Vendite interne'",
    ),
)
def edit(
    ctx: typer.Context,
    slug: SlugArg,
    lang: LangOption = None,
    fmt: CheckFormatOption = None,
    color: ColorOption = None,
) -> int:
    """Open an article's file in your editor ($VISUAL, else $EDITOR), then check it.

    The exit status is check's: 1 when the file has errors. No editor set, or one that cannot
    be started or fails: exit 1, and nothing is checked."""
    from glossary_cli.commands.edit import article_file, edit_file, editor_command

    settings = _settings(ctx)
    library = _library(ctx)
    try:
        path = article_file(library, slug, settings.preferences([] if lang is None else [lang]))
    finally:
        _flush_warnings(library)
    edit_file(editor_command(settings.environ), path)
    result = _check_paths(ctx, [str(path)])
    _emit_check(ctx, result, fmt, color)
    return ExitStatus.CHECK_FAILED if result.error_count else ExitStatus.OK


@app.command(
    cls=Command,
    epilog=examples(
        "glossary render draft/it.md",
        "glossary render articles/inside-sales/fi.md --format json | jq .title",
    ),
)
def render(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            help="An article file, anywhere: no glossary needed.",
            show_default=False,
        ),
    ],
    fmt: FormatOption = None,
    color: ColorOption = None,
    pager: PagerOption = None,
) -> None:
    """Show an article file as 'show' would, in any format, without putting it in a glossary.

    Its language is its name's (it.md); its links are looked up beside its folder."""
    from glossary_cli.commands.render import render_file
    from glossary_cli.settings.folders import user_path

    _emit(ctx, render_file(user_path(file)), fmt, color, pager)


@app.command(
    cls=Command,
    name="completion",
    epilog=examples(
        "glossary completion zsh --install",
        'eval "$(glossary completion bash)"',
        "glossary completion fish > ~/.config/fish/completions/glossary.fish",
    ),
)
def completion_(
    ctx: typer.Context,
    shell: Annotated[
        completion.Shell,
        typer.Argument(metavar="SHELL", help="bash, zsh or fish.", show_default=False),
    ],
    install: Annotated[
        bool,
        typer.Option(
            "--install",
            help="Write the script where SHELL finds it in a new shell, add the line that "
            "loads it to ~/.bashrc or ~/.zshrc (not for fish), and say what was written where.",
        ),
    ] = False,
) -> None:
    """Print the shell completion script for SHELL (for packagers and dotfiles), or install it.

    Tab then completes commands, options, article names and titles, languages and sections."""
    from glossary_cli.cli import completion_scripts

    if not install:
        sys.stdout.write(completion_scripts.script(shell.value))
        return
    installed = completion_scripts.install(shell.value, _settings(ctx).environ)
    sys.stdout.write("".join(f"{line}\n" for line in completion_scripts.report(installed)))


# Every command, as registered: each run registers only the one it runs (startup.keep_only).
COMMANDS = tuple(app.registered_commands)
GROUPS = tuple(app.registered_groups)
