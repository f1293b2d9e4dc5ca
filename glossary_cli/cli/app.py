"""The command line: parse arguments, call the commands, hand results to a view, map errors."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from types import FunctionType
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer

from glossary_cli import __version__
from glossary_cli.cli import completion
from glossary_cli.errors import ExitStatus, GlossaryError, OutputFailed, UsageProblem
from glossary_cli.output import ColorMode, Format, OutputContext

if TYPE_CHECKING:
    from glossary_cli.commands.article import Opened
    from glossary_cli.library.roots import Library
    from glossary_cli.settings.config_file import Config

app = typer.Typer(
    name="glossary",
    no_args_is_help=True,
    pretty_exceptions_enable=False,  # expected errors are one line; others are real bugs
    context_settings={"help_option_names": ["-h", "--help"]},
)

SlugArg = Annotated[
    str,
    typer.Argument(
        metavar="NAME",
        help="The article: its slug (inside-sales) or its title in any language "
        "('Vendite interne'), case and accents aside.",
        show_default=False,
        autocompletion=completion.slugs,
    ),
]
LangOption = Annotated[
    Optional[str],
    typer.Option(
        "--lang",
        "-l",
        help="Language tag (it, pt-BR, it_IT); default: GLOSSARY_LANG, the config file, then "
        "the locale.",
        show_default=False,
        autocompletion=completion.languages,
    ),
]
LangsOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--lang",
        "-l",
        metavar="TEXT",
        help="Language tag (it, pt-BR, it_IT); repeat it or write it,fi for languages side by "
        "side. Default: GLOSSARY_LANG, the config file, then the locale.",
        show_default=False,
        autocompletion=completion.languages,
    ),
]
PagerOption = Annotated[
    Optional[bool],
    typer.Option(
        "--pager/--no-pager",
        help="Page long output on a terminal (GLOSSARY_PAGER, PAGER, less -FRX); "
        "default: the config file's 'pager', else off.",
        show_default=False,
    ),
]
FormatOption = Annotated[
    Optional[Format],
    typer.Option(
        "--format",
        "-f",
        help="Output format; default: rich on a terminal, plain when piped.",
        case_sensitive=False,
        show_default=False,
    ),
]
ColorOption = Annotated[
    Optional[ColorMode],
    typer.Option(
        "--color",
        help="Colour: auto follows the terminal, NO_COLOR, FORCE_COLOR and TERM=dumb; "
        "default: the config file's 'color', else auto.",
        case_sensitive=False,
        show_default=False,
    ),
]


def _examples(*lines: str) -> str:
    """An epilog of examples, one per line (Typer keeps paragraphs split on blank lines)."""
    return "Examples:\n\n" + "\n\n".join(f"  {line}" for line in lines)


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
    ctx.obj = State(list(articles or []))


@contextmanager
def _reported() -> Iterator[None]:
    """Expected failures become one line on stderr and their named exit code."""
    try:
        yield
    except UsageProblem as exc:
        raise typer.BadParameter(str(exc)) from None
    except GlossaryError as exc:
        sys.stderr.write(f"glossary: error: {exc}\n")
        raise typer.Exit(exc.status) from None


def _warn(message: str) -> None:
    sys.stderr.write(f"glossary: warning: {message}\n")


class State:
    """What the global options give every command, and the config file once it is read."""

    def __init__(self, articles: list[str], loaded: Config | None = None) -> None:
        self.articles = articles
        self.loaded = loaded


def _config(ctx: typer.Context) -> Config:
    """The config file's settings, read once per run; its problems are warnings."""
    from glossary_cli.settings import config_file as config

    state = _state(ctx)
    if state.loaded is None:
        state.loaded = config.load()
        for warning in state.loaded.warnings:
            _warn(warning)
    return state.loaded


def _state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State([])
    return root.obj


def _library(ctx: typer.Context) -> Library:
    from glossary_cli.library.roots import Library

    settings = _config(ctx)
    library = Library.from_environment(_state(ctx).articles, os.environ, settings.paths or ())
    _flush_warnings(library)
    return library


def _flush_warnings(library: Library) -> None:
    """Print the warnings the library has met so far (a bad root, a link out of a root)."""
    for warning in library.warnings:
        _warn(warning)
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

    for warning in getattr(result, "warnings", ()):
        _warn(warning)
    settings = _config(ctx)
    with _reported():
        if sys.stdout is None:  # started with stdout closed (`glossary ... >&-`)
            raise OutputFailed("cannot write the output: stdout is closed")
        try:
            render(result, OutputContext.detect(fmt, color, config=settings, page=pager))
            sys.stdout.flush()
        except BrokenPipeError:
            raise  # the reader stopped reading: main() ends quietly
        except OSError as exc:
            _discard_stdout()
            raise OutputFailed(f"cannot write the output: {exc.strerror or exc}") from None


def _discard_stdout() -> None:
    """Point stdout at the null device, so that the interpreter's last flush cannot fail too."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (tests): nothing is flushed at exit


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
    from glossary_cli.commands.article import SideBySide, open_articles
    from glossary_cli.language.preferences import InvalidLanguageTag, preferences

    library = _library(ctx)
    configured = _config(ctx).lang or ()
    try:
        with _reported():
            try:
                prefs = preferences(langs, os.environ, configured)
            except InvalidLanguageTag as exc:
                raise typer.BadParameter(str(exc), param_hint="'--lang'") from None
            opened = open_articles(library, slug, prefs, several, _warn)
            for one in opened:
                if one.notice:
                    sys.stderr.write(f"glossary: {one.notice}\n")
            results = compute(opened, library)
    finally:
        _flush_warnings(library)
    result = results[0] if len(results) == 1 else SideBySide(tuple(results))  # type: ignore[arg-type]
    _emit(ctx, result, *output)


@app.command(
    epilog=_examples(
        "glossary show inside-sales --lang it",
        "glossary show inside-sales --lang it --lang fi",
        "glossary show inside-sales --section 2",
        "glossary show inside-sales --format json | jq .title",
    )
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
    epilog=_examples(
        "glossary sections inside-sales",
        "glossary sections inside-sales --lang fi | cut -f2",
        "glossary sections inside-sales --lang it,fi",
    )
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
    epilog=_examples(
        "glossary highlights inside-sales --lang sv", "glossary highlights inside-sales | head -1"
    )
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
    epilog=_examples(
        "glossary links inside-sales --lang pl", "glossary links inside-sales | grep -w missing"
    )
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
    epilog=_examples(
        "glossary langs",
        "glossary langs inside-sales",
        "glossary langs --missing de",
        "glossary langs --explain inside-sales",
    )
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
    from glossary_cli.language.preferences import InvalidLanguageTag, preferences
    from glossary_cli.language.tags import normalize_tag

    if lang and not explain:
        raise typer.BadParameter("--lang goes with --explain", param_hint="'--lang'")
    if missing is not None and (slug is not None or explain):
        raise typer.BadParameter(
            "--missing lists the whole library: not with SLUG or --explain",
            param_hint="'--missing'",
        )
    library = _library(ctx)
    result: object
    try:
        with _reported():
            if explain:
                try:
                    prefs = preferences(lang or [], os.environ, _config(ctx).lang or ())
                except InvalidLanguageTag as exc:
                    raise typer.BadParameter(str(exc), param_hint="'--lang'") from None
                result = overview.explain(library, slug, prefs)
            elif missing is not None:
                try:
                    normalize_tag(missing)
                except InvalidLanguageTag as exc:
                    raise typer.BadParameter(str(exc), param_hint="'--missing'") from None
                result = overview.missing(library, missing)
            elif slug is None:
                result = overview.coverage(library)
            else:
                # no config `lang` here, as before: it only tells same-titled articles apart
                result = commands.langs_of(library, slug, preferences([], os.environ), _warn)
    finally:
        _flush_warnings(library)
    _emit(ctx, result, fmt, color, pager)


@app.command(
    epilog=_examples("glossary config", "glossary config --format json | jq -r .file.path")
)
def config(ctx: typer.Context, fmt: FormatOption = None, color: ColorOption = None) -> None:
    """Show the settings in force and where each came from: a flag, the environment, the
    config file (config.toml in your config folder: the first line names it), or the default."""
    from glossary_cli.commands import overview

    library = _library(ctx)
    result = overview.settings(_config(ctx), library, os.environ, color)
    _emit(ctx, result, fmt, color)


@app.command(
    name="list",
    epilog=_examples(
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
    from glossary_cli.language.preferences import InvalidLanguageTag, preferences
    from glossary_cli.search import finding

    library = _library(ctx)
    with _reported():
        try:
            prefs = preferences([] if lang is None else [lang], os.environ, _config(ctx).lang or ())
        except InvalidLanguageTag as exc:
            raise typer.BadParameter(str(exc), param_hint="'--lang'") from None
        result = finding.list_articles(library, keyword, prefs, _warn)
        if result.notice:
            sys.stderr.write(f"glossary: {result.notice}\n")
    _emit(ctx, result, fmt, color)


@app.command(
    epilog=_examples(
        "glossary search sprzedaz",
        "glossary search 'inside sales' --limit 5",
        "glossary search 非同期 --lang ja",
        "glossary search cache --format json | jq -r '.hits[].slug'",
    )
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
        typer.Option("--lang", "-l", help="Only articles in this language.", show_default=False),
    ] = None,
    limit: Annotated[
        int,
        typer.Option("--limit", "-n", min=1, help="At most this many articles."),
    ] = 20,
    fmt: FormatOption = None,
    color: ColorOption = None,
) -> None:
    """Search every article in every language; title matches first, each hit with a snippet."""
    from glossary_cli.language.preferences import InvalidLanguageTag, preferences
    from glossary_cli.search import finding

    library = _library(ctx)
    prefs = preferences([], os.environ, _config(ctx).lang or ())  # search --lang is a filter
    with _reported():
        try:
            result = finding.search(library, query, lang, limit, prefs, _warn)
        except InvalidLanguageTag as exc:
            raise typer.BadParameter(str(exc), param_hint="'--lang'") from None
    _emit(ctx, result, fmt, color)


@app.command(
    epilog=_examples(
        "glossary check",
        "glossary check ~/team-glossary",
        "glossary check articles --format json | jq '.findings[]'",
    )
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
) -> None:
    """Check articles for authors: one line per problem; exit 1 on errors, 0 on warnings alone.

    Errors: a file that cannot be read or parsed, a frontmatter value of the wrong type.
    Warnings: links to terms the library lacks, translations missing or out of step, and more.
    """
    from pathlib import Path

    from glossary_cli.commands import check as checking
    from glossary_cli.library.roots import Root
    from glossary_cli.text.sanitize import visible

    library = _library(ctx)
    roots = None
    if dirs:
        roots = [Root(Path(d).expanduser(), "check") for d in dirs]
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
    if result.error_count:
        raise typer.Exit(ExitStatus.CHECK_FAILED)


def _evaluate_annotations() -> None:
    """Typer reads the commands' annotations on every run (and every Tab), evaluating the
    strings this module's __future__ import leaves twice each. Evaluated once here, exactly
    as Typer's inspect.signature(eval_str=True) would, for the commands still registered."""
    import inspect

    for info in (*app.registered_commands, app.registered_callback):
        callback = info.callback if info is not None else None
        if isinstance(callback, FunctionType):
            callback.__annotations__ = inspect.get_annotations(callback, eval_str=True)


def _prepare_streams() -> None:
    """Never crash on an encoding that cannot show a character: show a replacement instead."""
    if sys.stderr is None:  # started with stderr closed: messages go nowhere, not to a crash
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (lives until exit)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


# Global options that take a value, to find the command word behind them.
_GLOBAL_OPTIONS_WITH_VALUE = ("--articles", "-a")


def invoked_command(words: list[str]) -> str | None:
    """The command word in `glossary [global options] COMMAND ...`, if there is one."""
    index = 0
    while index < len(words):
        word = words[index]
        if word == "--":
            return words[index + 1] if index + 1 < len(words) else None
        if word in _GLOBAL_OPTIONS_WITH_VALUE:
            index += 2
        elif word.startswith("-"):
            index += 1
        else:
            return word
    return None


def _words_typed(argv: list[str], env: os._Environ[str]) -> list[str]:
    """The words before the cursor when completing (Typer's protocols), else the arguments."""
    if not env.get("_GLOSSARY_COMPLETE"):
        return argv[1:]
    if "COMP_WORDS" in env:  # bash: the words, and the index of the one being completed
        words = env.get("COMP_WORDS", "").split()
        try:
            cursor = int(env.get("COMP_CWORD", ""))
        except ValueError:
            return []
        return words[1:cursor]
    line = env.get("_TYPER_COMPLETE_ARGS", "")  # zsh, fish: the line; its last word is partial
    words = line.split()
    return words[1:] if line.endswith(" ") else words[1:-1]


def _keep_only(command: str | None) -> None:
    """Build only the command being run: Typer turns every registered command into a Click
    command on each start, which costs about a millisecond a command on every call and Tab."""
    chosen = [info for info in app.registered_commands if _command_name(info) == command]
    if chosen:
        app.registered_commands = chosen


def _command_name(info: typer.models.CommandInfo) -> str:
    if info.name:
        return info.name
    callback = info.callback
    return getattr(callback, "__name__", "").replace("_", "-")


def main() -> NoReturn:
    """Console-script entry point: run, then end the process with the run's exit status."""
    _leave(run())


def run() -> int:
    """Run the command line in sys.argv and return its exit status; expected errors become
    one line on stderr. (Shell completion answers and ends the process itself.)"""
    _prepare_streams()
    if hasattr(__import__("signal"), "SIGPIPE"):
        import signal

        # `glossary ... | head -1`: end quietly when the reader stops reading, like cat does.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    _keep_only(invoked_command(_words_typed(sys.argv, os.environ)))
    _evaluate_annotations()
    if os.environ.get("_GLOSSARY_COMPLETE"):
        completion.answer(app)  # the shell asks for completions; this exits
    try:
        app(prog_name="glossary")
    except SystemExit as done:  # how Click ends every run, success included
        return _status(done.code)
    except UsageProblem as exc:
        sys.stderr.write(f"glossary: error: {exc}\n")
        return ExitStatus.USAGE
    except GlossaryError as exc:
        sys.stderr.write(f"glossary: error: {exc}\n")
        return exc.status
    except BrokenPipeError:
        # Platforms without SIGPIPE: stop writing, and let the last flush not fail.
        _discard_stdout()
    return ExitStatus.OK


def _status(code: object) -> int:
    """The exit status SystemExit(code) stands for, as Python itself reads it."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(f"{code}\n")  # sys.exit("message"): printed, and status 1
    return 1


def _leave(status: int) -> NoReturn:
    """Flush the output and end the process at once.

    The interpreter's own teardown (unloading Typer, Click and the rest module by module) costs
    about 8 ms of CPU, some 15% of a lookup, and has nothing left to do: every file was written
    in a `with` block, the index commits what it writes, the pager was waited for. Only the
    output buffers remain, and they are flushed here.
    """
    try:
        if sys.stdout is not None:  # None: started with stdout closed, already reported
            sys.stdout.flush()
    except BrokenPipeError:
        pass  # the reader stopped reading: not an error
    except (OSError, ValueError) as exc:
        sys.stderr.write(f"glossary: error: cannot write the output: {exc}\n")
        status = status or ExitStatus.WRITE_FAILED
    try:
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
    os._exit(status)
