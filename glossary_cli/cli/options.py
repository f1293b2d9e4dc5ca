"""The options and arguments the commands share, and the checks Click makes of their values."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Annotated, Optional

import typer

from glossary_cli.cli import completion
from glossary_cli.language.tags import WHITESPACE, InvalidLanguageTag, normalize_tag
from glossary_cli.output import Format
from glossary_cli.settings.display import ColorMode


def _check_tags(values: Sequence[str], param: typer.CallbackParam, lists: bool) -> None:
    """Each value one language tag (or, with `lists`, tags separated by commas), else a usage
    error naming the option as the reader knows it (`--lang`, not every spelling of it)."""
    hint = f"'{param.opts[0]}'" if param.opts else None
    for value in values:
        parts = value.split(",") if lists else [value]
        tags = [part.strip(WHITESPACE) for part in parts if part.strip(WHITESPACE)]
        try:
            if not tags:
                raise InvalidLanguageTag(value)
            for tag in tags:
                normalize_tag(tag)
        except InvalidLanguageTag as exc:
            raise typer.BadParameter(str(exc), param_hint=hint) from None


def language_tag(param: typer.CallbackParam, value: Optional[str]) -> Optional[str]:
    """--lang or --missing with one language tag."""
    _check_tags([] if value is None else [value], param, lists=False)
    return value


def language_list(param: typer.CallbackParam, value: Optional[str]) -> Optional[str]:
    """--lang with a tag or a comma-separated list of them (`it,fi`)."""
    _check_tags([] if value is None else [value], param, lists=True)
    return value


def language_tags(param: typer.CallbackParam, values: Optional[list[str]]) -> Optional[list[str]]:
    """--lang, repeatable, each a tag or a comma-separated list of them."""
    _check_tags(values or [], param, lists=True)
    return values


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
        callback=language_list,
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
        callback=language_tags,
        autocompletion=completion.languages,
    ),
]
PagerOption = Annotated[
    Optional[bool],
    typer.Option(
        "--pager/--no-pager",
        help="Page output taller than the terminal (GLOSSARY_PAGER, PAGER, less -FRX); "
        "default: the config file's 'pager', else on. Never when piped.",
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


class CheckFormat(str, Enum):
    """`check`'s formats: the usual ones, and GitHub Actions' annotations."""

    RICH = "rich"
    PLAIN = "plain"
    JSON = "json"
    MARKDOWN = "markdown"
    GITHUB = "github"


CheckFormatOption = Annotated[
    Optional[CheckFormat],
    typer.Option(
        "--format",
        "-f",
        help="Output format; default: rich on a terminal, plain when piped; github: GitHub "
        "Actions annotations (::error file=...,line=...::message).",
        case_sensitive=False,
        show_default=False,
    ),
]
ColorOption = Annotated[
    Optional[ColorMode],
    typer.Option(
        "--color",
        help="Colour: auto follows the terminal, NO_COLOR, FORCE_COLOR and TERM=dumb; always "
        "colours a pipe too; default: the config file's 'color', else auto.",
        case_sensitive=False,
        show_default=False,
    ),
]


def examples(*lines: str) -> str:
    """An epilog of examples, one per line (Typer keeps paragraphs split on blank lines)."""
    return "Examples:\n\n" + "\n\n".join(f"  {line}" for line in lines)
