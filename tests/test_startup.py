"""The start-up tricks of glossary_cli/cli/startup.py reach into Typer: pinned and checked here."""

from __future__ import annotations

import inspect
from typing import Optional

import pytest
import typer

from glossary_cli.cli import startup
from glossary_cli.cli.app import COMMANDS, GROUPS, app


def test_typer_is_a_version_the_tricks_were_checked_with() -> None:
    # A new Typer may build commands or read annotations differently: run this file's tests
    # against it, then add its version to CHECKED_TYPER_VERSIONS (and pyproject's pin).
    major_minor = ".".join(typer.__version__.split(".")[:2])
    assert major_minor in startup.CHECKED_TYPER_VERSIONS


def test_keep_only_builds_the_one_command_and_unknown_words_keep_all() -> None:
    try:
        startup.keep_only(app, COMMANDS, "show")
        assert [startup.command_name(info) for info in app.registered_commands] == ["show"]
        startup.keep_only(app, COMMANDS, "list")  # a second run in the same process
        assert [startup.command_name(info) for info in app.registered_commands] == ["list"]
        startup.keep_only(app, COMMANDS, "shw")
        assert len(app.registered_commands) == len(COMMANDS)
        names = {startup.command_name(info) for info in COMMANDS}
        assert {"show", "list", "search", "langs", "check", "config"} <= names
    finally:
        app.registered_commands = list(COMMANDS)


def test_keep_only_builds_a_group_only_when_it_runs() -> None:
    try:
        startup.keep_only(app, COMMANDS, "show", GROUPS)
        assert app.registered_groups == []
        startup.keep_only(app, COMMANDS, "source", GROUPS)
        assert [info.name for info in app.registered_groups] == ["source"]
        assert app.registered_commands == []
        startup.keep_only(app, COMMANDS, "sorce", GROUPS)
        assert len(app.registered_groups) == len(GROUPS)
        assert len(app.registered_commands) == len(COMMANDS)
    finally:
        app.registered_commands = list(COMMANDS)
        app.registered_groups = list(GROUPS)


def test_evaluated_annotations_are_what_typer_would_evaluate() -> None:
    small = typer.Typer()

    @small.command()
    def greet(name: str, count: int = 1, lang: Optional[str] = None) -> None:
        """This module's __future__ import leaves these annotations as strings."""

    assert all(isinstance(value, str) for value in greet.__annotations__.values())
    expected = inspect.get_annotations(greet, eval_str=True)
    startup.evaluate_annotations(small)
    assert greet.__annotations__ == expected
    startup.evaluate_annotations(small)  # again, as every run in one process does
    assert greet.__annotations__ == expected


def test_every_command_is_built_from_its_evaluated_annotations() -> None:
    try:
        app.registered_commands = list(COMMANDS)
        startup.evaluate_annotations(app)
        for info in COMMANDS:
            assert info.callback is not None
            values = info.callback.__annotations__.values()
            assert not any(isinstance(value, str) for value in values), info.callback
        group = typer.main.get_command(app)
        assert isinstance(group, typer.core.TyperGroup)
        show = group.commands["show"]
        assert {"--lang", "--section", "--format", "--color", "--pager"} <= {
            opt for param in show.params for opt in getattr(param, "opts", [])
        }
    finally:
        app.registered_commands = list(COMMANDS)


def test_read_words_finds_the_command_its_options_and_arguments() -> None:
    def options_of(command: str) -> dict[str, str]:
        return {"--lang": "lang", "-l": "lang"} if command == "show" else {}

    typed = startup.read_words(
        ["-a", "/x", "--articles=/y", "show", "-lit", "slug", "--lang", "fi"], options_of
    )
    assert typed.command == "show"
    assert typed.values == {"articles": ["/x", "/y"], "lang": ["it", "fi"]}
    assert typed.positionals == ["slug"]
    assert startup.read_words(["--", "show"]).command == "show"


def test_the_default_commands_value_options_are_the_ones_typer_builds() -> None:
    from glossary_cli.cli.completion import _value_options

    try:
        app.registered_commands = list(COMMANDS)
        startup.evaluate_annotations(app)
        group = typer.main.get_command(app)
        assert isinstance(group, typer.core.TyperGroup)
        built = group.commands[startup.DEFAULT_COMMAND]
        assert startup.DEFAULT_COMMAND_OPTIONS == _value_options(built)  # type: ignore[arg-type]
    finally:
        app.registered_commands = list(COMMANDS)


COMMAND_WORDS = {"show", "list", "search"}


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["inside-sales"], ["show", "inside-sales"]),
        (["inside-sales", "--lang", "it"], ["show", "inside-sales", "--lang", "it"]),
        (["-a", "/x", "cors", "-f", "json"], ["-a", "/x", "show", "cors", "-f", "json"]),
        (["--articles=/x", "cors", "-lit"], ["--articles=/x", "show", "cors", "-lit"]),
        (["cors", "--section", "2"], ["show", "cors", "--section", "2"]),
        # Commands, options alone and typos with arguments are Click's to read.
        (["list", "--lang", "it"], ["list", "--lang", "it"]),
        (["search", "cors"], ["search", "cors"]),
        (["--help"], ["--help"]),
        ([], []),
        (["shw", "inside-sales"], ["shw", "inside-sales"]),
    ],
)
def test_a_name_that_is_no_command_is_shown(words: list[str], expected: list[str]) -> None:
    assert startup.with_default_command(words, COMMAND_WORDS) == expected
