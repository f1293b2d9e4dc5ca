"""Start-up speed: what `glossary` does before Typer runs, so that a call builds only its command.

Every call and every Tab press pays for Typer's start-up, which turns every registered command
into a Click command and evaluates the commands' annotations. These tricks reach into Typer's
`registered_commands` and the commands' `__annotations__`, so they are pinned to the Typer
versions tests/test_startup.py checks them against; a new Typer needs that test run again.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Collection, Mapping, Sequence
from types import FunctionType
from typing import NamedTuple

import typer

# The Typer versions these tricks were checked with: a major.minor prefix of typer.__version__.
CHECKED_TYPER_VERSIONS = ("0.24", "0.25", "0.26", "0.27", "0.28")
# The global options that take a value, spelled as typed, by the option's name.
GLOBAL_OPTIONS = {"--articles": "articles", "-a": "articles"}
# `glossary NAME` is this command's; its options that take a value, as typed (checked against
# the command Typer builds by tests/test_startup.py), so that their values are not read as
# a second argument.
DEFAULT_COMMAND = "show"
DEFAULT_COMMAND_OPTIONS = {
    "--lang": "lang",
    "-l": "lang",
    "--section": "section",
    "-s": "section",
    "--format": "fmt",
    "-f": "fmt",
    "--color": "color",
}


class Typed(NamedTuple):
    """What the words of a command line say, read as Click will read them."""

    command: str | None  # the command word, if one was typed
    values: dict[str, list[str]]  # option name -> the values given, global ones and the command's
    positionals: list[str]  # the command's arguments
    command_at: int | None = None  # where the command word is among the words


def read_words(
    words: Sequence[str], options_of: Callable[[str], Mapping[str, str]] = lambda _: {}
) -> Typed:
    """Read `glossary [global options] COMMAND [options and arguments]`: `options_of(command)`
    gives the command's options that take a value (each spelling -> the option's name)."""
    takes: Mapping[str, str] = GLOBAL_OPTIONS
    command: str | None = None
    command_at: int | None = None
    values: dict[str, list[str]] = {}
    positionals: list[str] = []
    pending: str | None = None
    literal = False
    for at, word in enumerate(words):
        if pending is not None:
            values.setdefault(pending, []).append(word)
            pending = None
        elif not literal and word == "--":
            literal = True
        elif not literal and word.startswith("-") and word != "-":
            name, equals, value = word.partition("=")
            if name in takes:
                if equals:
                    values.setdefault(takes[name], []).append(value)
                else:
                    pending = takes[name]
            elif not word.startswith("--") and word[:2] in takes:  # -lit: -l it
                values.setdefault(takes[word[:2]], []).append(word[2:])
        elif command is None:
            command, command_at = word, at
            takes = options_of(word)
        else:
            positionals.append(word)
    return Typed(command, values, positionals, command_at)


def with_default_command(words: Sequence[str], commands: Collection[str]) -> list[str]:
    """`glossary NAME [options]` read as `glossary show NAME [options]`: DEFAULT_COMMAND put
    before NAME when NAME is no command. With more words after NAME, only when NAME is like
    no command: `glossary shw inside-sales` is still "No such command 'shw'. Did you mean
    'show'?", while `glossary inside-sales extra` is show's "unexpected extra argument"."""
    typed = read_words(words, lambda _: DEFAULT_COMMAND_OPTIONS)
    if typed.command is None or typed.command in commands:
        return list(words)
    if typed.positionals:
        import difflib  # only on this path, which ends in a usage error either way

        # Click's own "Did you mean" test: a word like a command is a mistyped command.
        if difflib.get_close_matches(typed.command, list(commands)):
            return list(words)
    at = typed.command_at
    assert at is not None
    return [*words[:at], DEFAULT_COMMAND, *words[at:]]


def invoked_command(words: Sequence[str]) -> str | None:
    """The command word in `glossary [global options] COMMAND ...`, if there is one."""
    return read_words(words).command


def words_typed(argv: Sequence[str], environ: Mapping[str, str]) -> list[str]:
    """The words before the cursor when completing (Typer's protocols), else the arguments."""
    if not environ.get("_GLOSSARY_COMPLETE"):
        return list(argv[1:])
    if "COMP_WORDS" in environ:  # bash: the words, and the index of the one being completed
        words = environ.get("COMP_WORDS", "").split()
        try:
            cursor = int(environ.get("COMP_CWORD", ""))
        except ValueError:
            return []
        return words[1:cursor]
    line = environ.get("_TYPER_COMPLETE_ARGS", "")  # zsh, fish: the line; its last word is partial
    words = line.split()
    return words[1:] if line.endswith(" ") else words[1:-1]


def keep_only(
    app: typer.Typer,
    commands: Sequence[typer.models.CommandInfo],
    command: str | None,
    groups: Sequence[typer.models.TyperInfo] = (),
) -> None:
    """Register only the command being run, of all the app's `commands` and `groups` (such as
    `source`): Typer turns every registered command into a Click command on each start, and
    only one of them runs. Unknown words keep them all, so that Click's own "No such command"
    and `--help` still see every command. (From the full lists each time: a second run in one
    process, a test's, sees all.)"""
    chosen = [info for info in commands if command_name(info) == command]
    chosen_groups = [info for info in groups if info.name == command]
    if not chosen and not chosen_groups:
        chosen, chosen_groups = list(commands), list(groups)
    app.registered_commands = chosen
    if groups:  # a caller that names no groups leaves them as they are
        app.registered_groups = chosen_groups


def command_name(info: typer.models.CommandInfo) -> str:
    """A registered command's name, as Typer derives it from the function when not given."""
    if info.name:
        return info.name
    return getattr(info.callback, "__name__", "").replace("_", "-")


def evaluate_annotations(app: typer.Typer) -> None:
    """Typer reads the commands' annotations on every run (and every Tab), evaluating the
    strings a `from __future__ import annotations` leaves, twice each. Evaluated once here,
    exactly as Typer's inspect.signature(eval_str=True) would, for the commands still
    registered."""
    for info in (*app.registered_commands, app.registered_callback):
        callback = info.callback if info is not None else None
        if isinstance(callback, FunctionType):
            callback.__annotations__ = inspect.get_annotations(callback, eval_str=True)


def prepare(
    app: typer.Typer,
    commands: Sequence[typer.models.CommandInfo],
    argv: Sequence[str],
    environ: Mapping[str, str],
    groups: Sequence[typer.models.TyperInfo] = (),
) -> None:
    """Everything above, for the command line `argv` (completion included)."""
    keep_only(app, commands, invoked_command(words_typed(argv, environ)), groups)
    evaluate_annotations(app)
