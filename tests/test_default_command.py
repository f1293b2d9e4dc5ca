"""`glossary NAME [options]` is `glossary show NAME [options]` when NAME is not a command."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import article, write_article


@pytest.mark.parametrize(
    "options",
    [
        [],
        ["--lang", "it"],
        ["-l", "fi", "--section", "2"],
        ["--format", "json"],
        ["--lang", "it,fi"],
        ["--format", "rich", "--color", "always"],
    ],
    ids=lambda o: " ".join(o) or "no options",
)
def test_a_name_is_shown_as_show_shows_it(run, options: list[str]) -> None:
    shown = run("show", "inside-sales", *options)
    short = run("inside-sales", *options)
    assert (short.exit_code, short.stdout, short.stderr) == (0, shown.stdout, shown.stderr)


def test_a_title_and_global_options_before_the_name(run, tmp_path: Path) -> None:
    write_article(tmp_path, "cors", "en", article("CORS", "Cross-Origin Resource Sharing.\n"))
    result = run("-a", str(tmp_path), "CORS", "--format", "plain")
    assert (result.exit_code, result.stdout) == (0, "CORS\n\nCross-Origin Resource Sharing.\n")
    assert run("Vendite interne").stdout.startswith("Vendite interne\n")


def test_an_unknown_name_fails_as_show_does(run) -> None:
    shown = run("show", "vendite intern")
    short = run("vendite intern")
    assert short.exit_code == shown.exit_code == 1
    assert short.stderr == shown.stderr
    assert short.stderr.startswith("glossary: error: no article 'vendite intern' (did you mean")


def test_commands_stay_commands_and_show_reaches_a_term_named_like_one(run, tmp_path: Path) -> None:
    write_article(tmp_path, "list", "en", article("List", "A term named like a command.\n"))
    listed = run("-a", str(tmp_path), "list")
    assert listed.exit_code == 0
    assert listed.stdout.splitlines()[0].startswith("inside-sales\t")  # the list command
    shown = run("-a", str(tmp_path), "show", "list")
    assert shown.stdout == "List\n\nA term named like a command.\n"


def test_a_mistyped_command_with_its_argument_is_still_no_such_command(run) -> None:
    result = run("serach", "sales")
    assert result.exit_code == 2
    assert "No such command 'serach'" in result.stderr


def test_help_says_so(run) -> None:
    result = run("--help", env={"COLUMNS": "200"})
    assert "glossary NAME [OPTIONS] is glossary show NAME [OPTIONS] when NAME is not a" in (
        result.stdout
    )
    assert "Usage: glossary [OPTIONS] NAME | COMMAND [ARGS]..." in result.stdout


def test_a_command_group_is_not_read_as_a_name() -> None:
    """`source` is a group of commands: alone, it is the group's usage, not a term to show."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "glossary_cli", "source"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Usage: glossary source" in done.stdout + done.stderr
    assert "no article" not in (done.stdout + done.stderr).lower()


def test_extra_words_after_a_name_are_shows_usage_error(run) -> None:
    """A name like no command, with more words: show's error, not "No such command"."""
    result = run("inside-sales", "extra")
    assert result.exit_code == 2
    assert "unexpected extra argument" in result.stderr
    assert "No such command" not in result.stderr
    mistyped = run("shw", "inside-sales")  # like a command: Click's hint stays
    assert mistyped.exit_code == 2 and "Did you mean 'show'?" in mistyped.stderr


def test_help_paragraphs_are_wrapped_by_the_terminal_not_the_docstring(run) -> None:
    """Typer keeps a docstring's line breaks: sentences were cut mid-line at 80 columns."""
    shown = run("--help", env={"COLUMNS": "200"}).stdout
    assert (
        "Articles come from --articles DIR, then GLOSSARY_PATH and the settings file, then the "
        "sources (glossary source add), then the bundled articles." in shown
    )
