"""The man page: written from the commands' help, committed, current, and read by man."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from glossary_cli.cli import manpage

from conftest import REPO

PAGE = REPO / "docs" / "man" / "glossary.1"
REGENERATE = "python -m glossary_cli.cli.manpage docs/man/glossary.1"


def test_the_committed_page_is_what_the_commands_help_says() -> None:
    assert PAGE.read_text(encoding="utf-8") == manpage.page(), (
        f"docs/man/glossary.1 is stale: run `{REGENERATE}` and commit it"
    )


def test_the_page_has_every_command_its_options_and_examples() -> None:
    import typer.main

    from glossary_cli.cli.app import app

    text = manpage.page()
    group = typer.main.get_command(app)
    for name in group.commands:  # type: ignore[attr-defined]
        assert f".SS glossary {name}\n" in text
    assert r"\fB\-l, \-\-lang TEXT\fR" in text
    assert r"glossary show inside\-sales \-\-lang it" + "\n" in text
    assert text.isascii()  # other scripts by code point: groff reads bytes without preconv


def test_groff_renders_the_page_without_a_warning() -> None:
    if shutil.which("groff") is None:
        pytest.skip("groff is not installed")
    result = subprocess.run(
        ["groff", "-man", "-Tutf8", "-ww", "-z", str(PAGE)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (0, "")


def test_man_shows_the_page() -> None:
    if shutil.which("man") is None:
        pytest.skip("man is not installed")
    result = subprocess.run(
        ["man", "-l", str(PAGE)],
        capture_output=True,
        text=True,
        env=dict(os.environ, MANPAGER="cat", PAGER="cat", MANWIDTH="80", LANG="C.UTF-8"),
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert "glossary show [OPTIONS] NAME" in result.stdout
    assert "glossary search 非同期 --lang ja" in result.stdout


def test_a_run_of_glossary_never_loads_the_generator() -> None:
    probe = (
        "import sys\n"
        "from glossary_cli.cli import run\n"
        "run(['completion', 'bash'])\n"
        "assert 'glossary_cli.cli.manpage' not in sys.modules\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
    )
    assert (result.returncode, result.stderr) == (0, "")
