"""The options and arguments the commands share, and the checks Click makes of their values."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from glossary_cli.cli import completion
from glossary_cli.language.tags import WHITESPACE, InvalidLanguageTag, normalize_tag
from glossary_cli.output import Format
from glossary_cli.settings.display import ColorMode


def language_tag(value: Optional[str]) -> Optional[str]:
    """A value that must be one language tag: a usage error naming its option otherwise."""
    if value is not None:
        try:
            normalize_tag(value)
        except InvalidLanguageTag as exc:
            raise typer.BadParameter(str(exc)) from None
    return value


def language_tags(values: Optional[list[str]]) -> Optional[list[str]]:
    """Values that are language tags or comma-separated lists of them (`it,fi`)."""
    for value in values or ():
        parts = [part.strip(WHITESPACE) for part in value.split(",") if part.strip(WHITESPACE)]
        if not parts:
            raise typer.BadParameter(str(InvalidLanguageTag(value)))
        for part in parts:
            language_tag(part)
    return values


def language_list(value: Optional[str]) -> Optional[str]:
    """One value that is a language tag or a comma-separated list of them."""
    language_tags(None if value is None else [value])
    return value


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


def examples(*lines: str) -> str:
    """An epilog of examples, one per line (Typer keeps paragraphs split on blank lines)."""
    return "Examples:\n\n" + "\n\n".join(f"  {line}" for line in lines)
