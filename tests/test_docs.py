"""The README documents every command and exit code, and CI runs the README's test command."""

from __future__ import annotations

import re

import pytest
import typer.main

from glossary_cli.cli.app import app
from glossary_cli.errors import ExitStatus

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def quick_start() -> list[str]:
    block = README.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [line for line in block.strip().splitlines() if line.strip()]


def test_quick_start_is_two_commands_and_ci_runs_the_second() -> None:
    install, test = quick_start()
    assert "glossary show inside-sales --lang it" in install
    assert "pytest" in test
    assert test in (REPO / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"`glossary {command}" in README


def test_every_exit_code_is_in_the_readme() -> None:
    for status in ExitStatus:
        assert re.search(rf"^\| {status.value} \| ", README, re.MULTILINE), status
