"""The commands: each reads its options, calls the core with the run's settings, and hands
the result to the view of its format. Errors are left to the one boundary in entry.run()."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from typer.core import TyperCommand

from glossary_cli import __version__
from glossary_cli.cli import completion
from glossary_cli.cli.options import (
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
from glossary_cli.output import Format, OutputContext
from glossary_cli.settings.display import ColorMode
from glossary_cli.settings.resolved import Settings

if TYPE_CHECKING:
    from glossary_cli.commands.article import Opened
    from glossary_cli.library.roots import Library


class Command(TyperCommand):
    """Every command's edge with Click. A UsageProblem from the core (an argument that parses
    but makes no sense, such as --section 0) becomes Click's usage error, shown with the
    command's usage line, which needs the command's context; a status the command returns
    becomes the exit status. Every other GlossaryError goes on to entry.run()."""

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
    no_args_is_help=True,
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

    Articles come from --articles DIR, then GLOSSARY_PATH, then the bundled articles.

    Exit codes: 0 ok, 1 not found, 2 usage error, 3 unreadable article.
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
    library = _settings(ctx).library()
    _flush_warnings(library)
    return library


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
    lang: LangsOption = None,
    fmt: FormatOption = None,
    color: ColorOption = None,
    pager: PagerOption = None,
) -> None:
    """List an article's languages (tag, name, title), or which article is in which language.

    With no SLUG: on a terminal, a table of articles by languages with the missing ones
    marked; piped, one line per article. --missing LANG lists the articles without LANG;
    --explain shows how the language is chosen."""
    from glossary_cli.commands import article as commands
    from glossary_cli.commands import overview

    if lang and not explain:
        raise typer.BadParameter("--lang goes with --explain", param_hint="'--lang'")
    if missing is not None and (slug is not None or explain):
        raise typer.BadParameter(
            "--missing lists the whole library: not with SLUG or --explain",
            param_hint="'--missing'",
        )
    settings = _settings(ctx)
    library = _library(ctx)
    result: object
    try:
        if explain:
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


@app.command(
    cls=Command,
    epilog=examples("glossary config", "glossary config --format json | jq -r .file.path"),
)
def config(ctx: typer.Context, fmt: FormatOption = None, color: ColorOption = None) -> None:
    """Show the settings in force and where each came from: a flag, the environment, the
    config file (config.toml in your config folder: the first line names it), or the default."""
    from glossary_cli.commands import overview

    library = _library(ctx)
    result = overview.settings(_settings(ctx), library, color)
    _emit(ctx, result, fmt, color)


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
) -> None:
    """List every article: slug, language, title, description and keywords."""
    from glossary_cli.search.listing import list_articles

    settings = _settings(ctx)
    library = _library(ctx)
    preferred = settings.preferences([] if lang is None else [lang])
    # Written as the rows come from the index; the note on fallbacks comes after them.
    notice = list_articles(
        library, keyword, preferred, warn, lambda result: _emit(ctx, result, fmt, color)
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
) -> None:
    """Search every article in every language; title matches first, each hit with a snippet."""
    from glossary_cli.search.query import search as search_articles

    settings = _settings(ctx)
    library = _library(ctx)
    # search --lang filters the articles searched; the reader's languages pick each hit's.
    result = search_articles(library, query, lang, limit, settings.preferences(), warn)
    _emit(ctx, result, fmt, color)


@app.command(
    cls=Command,
    epilog=examples(
        "glossary check",
        "glossary check ~/team-glossary",
        "glossary check articles --format json | jq '.findings[]'",
    ),
)
def check(
    ctx: typer.Context,
    dirs: Annotated[
        Optional[list[str]],
        typer.Argument(
            metavar="[DIR]...",
            help="Article roots to check; default: every root in use.",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOption = None,
    color: ColorOption = None,
) -> int:
    """Check articles for authors: one line per problem; exit 1 on errors, 0 on warnings alone.

    Errors: a file that cannot be read or parsed, a frontmatter value of the wrong type.
    Warnings: links to terms the library lacks, translations missing or out of step, and more.
    """
    import os

    from glossary_cli.commands import check as checking
    from glossary_cli.library.roots import Root
    from glossary_cli.settings.folders import user_path
    from glossary_cli.text.sanitize import visible

    library = _library(ctx)
    roots = None
    if dirs:
        roots = [Root(user_path(d), "check") for d in dirs]
        for root in roots:
            if not os.path.isdir(root.path):
                raise typer.BadParameter(
                    f"{visible(str(root.path))} is not a folder", param_hint="DIR"
                )
    try:
        result = checking.check(library, roots)
    finally:
        _flush_warnings(library)
    _emit(ctx, result, fmt, color)
    return ExitStatus.CHECK_FAILED if result.error_count else ExitStatus.OK


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
