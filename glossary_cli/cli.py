"""The command line: parse arguments, call the commands, hand results to a view, map errors."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FunctionType
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from glossary_cli import __version__, completion
from glossary_cli.errors import ExitStatus, GlossaryError, UsageProblem
from glossary_cli.output import ColorMode, Format, OutputContext

if TYPE_CHECKING:
    from glossary_cli.library import Library

app = typer.Typer(
    name="glossary",
    no_args_is_help=True,
    pretty_exceptions_enable=False,  # expected errors are one line; others are real bugs
    context_settings={"help_option_names": ["-h", "--help"]},
)

SlugArg = Annotated[
    str,
    typer.Argument(
        help="The article's name, e.g. inside-sales.",
        show_default=False,
        autocompletion=completion.slugs,
    ),
]
LangOption = Annotated[
    Optional[str],
    typer.Option(
        "--lang",
        "-l",
        help="Language tag (it, pt-BR, it_IT); default: GLOSSARY_LANG, then the locale.",
        show_default=False,
        autocompletion=completion.languages,
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
    ColorMode,
    typer.Option(
        "--color",
        help="Colour: auto follows the terminal, NO_COLOR, FORCE_COLOR and TERM=dumb.",
        case_sensitive=False,
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
    ctx.obj = list(articles or [])


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


def _library(ctx: typer.Context) -> Library:
    from glossary_cli.library import Library

    library = Library.from_environment(ctx.obj or [], os.environ)
    for warning in library.warnings:
        _warn(warning)
    return library


def _emit(result: object, fmt: Format | None, color: ColorMode) -> None:
    from glossary_cli.views import render

    render(result, OutputContext.detect(fmt, color))


def _article_command(
    ctx: typer.Context,
    slug: str,
    lang: str | None,
    fmt: Format | None,
    color: ColorMode,
    compute: Callable[..., object],
) -> None:
    """The shared path of commands that read one article: open it, compute, render."""
    from glossary_cli.commands import open_article
    from glossary_cli.language import InvalidLanguageTag

    library = _library(ctx)
    with _reported():
        try:
            opened = open_article(library, slug, lang, os.environ)
        except InvalidLanguageTag as exc:
            raise typer.BadParameter(str(exc), param_hint="'--lang'") from None
        if opened.notice:
            sys.stderr.write(f"glossary: {opened.notice}\n")
        result = compute(opened, library)
    _emit(result, fmt, color)


@app.command(
    epilog=_examples(
        "glossary show inside-sales --lang it",
        "glossary show inside-sales --section 2",
        "glossary show inside-sales --format json | jq .title",
    )
)
def show(
    ctx: typer.Context,
    slug: SlugArg,
    lang: LangOption = None,
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
    color: ColorOption = ColorMode.AUTO,
) -> None:
    """Show an article: title, description and every section, or one section of it."""
    from glossary_cli import commands

    _article_command(
        ctx, slug, lang, fmt, color, lambda opened, library: commands.show(opened, section, library)
    )


@app.command(
    epilog=_examples(
        "glossary sections inside-sales", "glossary sections inside-sales --lang fi | cut -f2"
    )
)
def sections(
    ctx: typer.Context,
    slug: SlugArg,
    lang: LangOption = None,
    fmt: FormatOption = None,
    color: ColorOption = ColorMode.AUTO,
) -> None:
    """List an article's numbered sections ('###' ones under theirs, as 2.1)."""
    from glossary_cli import commands

    _article_command(ctx, slug, lang, fmt, color, lambda opened, _: commands.sections(opened))


@app.command(
    epilog=_examples(
        "glossary highlights inside-sales --lang sv", "glossary highlights inside-sales | head -1"
    )
)
def highlights(
    ctx: typer.Context,
    slug: SlugArg,
    lang: LangOption = None,
    fmt: FormatOption = None,
    color: ColorOption = ColorMode.AUTO,
) -> None:
    """Show an article's key points, one per line when piped."""
    from glossary_cli import commands

    _article_command(ctx, slug, lang, fmt, color, lambda opened, _: commands.highlights(opened))


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
    color: ColorOption = ColorMode.AUTO,
) -> None:
    """List an article's links: text, target, and article, missing or external."""
    from glossary_cli import commands

    _article_command(ctx, slug, lang, fmt, color, commands.links)


@app.command(epilog=_examples("glossary langs", "glossary langs inside-sales"))
def langs(
    ctx: typer.Context,
    slug: Annotated[
        Optional[str],
        typer.Argument(
            help="An article; without one, every language in the library.",
            show_default=False,
            autocompletion=completion.slugs,
        ),
    ] = None,
    fmt: FormatOption = None,
    color: ColorOption = ColorMode.AUTO,
) -> None:
    """List the languages of an article (tag, name, title), or of the whole library."""
    from glossary_cli import commands

    library = _library(ctx)
    with _reported():
        result = commands.langs_all(library) if slug is None else commands.langs_of(library, slug)
    _emit(result, fmt, color)


def _evaluate_annotations() -> None:
    """Typer reads every command's annotations on every run (and every Tab), evaluating the
    strings this module's __future__ import leaves twice each. Evaluated once here, exactly
    as Typer's inspect.signature(eval_str=True) would, they spare ~1 ms per call."""
    import inspect

    for info in (*app.registered_commands, app.registered_callback):
        callback = info.callback if info is not None else None
        if isinstance(callback, FunctionType):
            callback.__annotations__ = inspect.get_annotations(callback, eval_str=True)


_evaluate_annotations()


def _prepare_streams() -> None:
    """Never crash on an encoding that cannot show a character: show a replacement instead."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


def main() -> None:
    """Console-script entry point: run the app, turning expected errors into one line."""
    _prepare_streams()
    if os.environ.get("_GLOSSARY_COMPLETE"):
        completion.answer(app)  # the shell asks for completions; this exits
    if hasattr(__import__("signal"), "SIGPIPE"):
        import signal

        # `glossary ... | head -1`: end quietly when the reader stops reading, like cat does.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        app(prog_name="glossary")
    except UsageProblem as exc:
        sys.stderr.write(f"glossary: error: {exc}\n")
        sys.exit(ExitStatus.USAGE)
    except GlossaryError as exc:
        sys.stderr.write(f"glossary: error: {exc}\n")
        sys.exit(exc.status)
    except BrokenPipeError:
        # Platforms without SIGPIPE: stop writing, and let the interpreter's final flush not fail.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(ExitStatus.OK)
