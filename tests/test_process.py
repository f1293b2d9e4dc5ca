"""The real program in a real process: pipes closed early, odd encodings, no home."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

GLOSSARY = [sys.executable, "-m", "glossary_cli"]


def clean_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LC_", "GLOSSARY_")) and k not in ("LANG", "LANGUAGE")
    }
    env.update(extra)
    return env


def run_shell(command: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run a shell pipeline, `glossary` standing for this interpreter's module."""
    glossary = " ".join(f"'{part}'" for part in GLOSSARY)
    return subprocess.run(
        ["bash", "-o", "pipefail", "-c", command.replace("glossary", glossary)],
        capture_output=True,
        text=True,
        env=clean_env(**env),
        cwd="/",
        timeout=60,
    )


@pytest.mark.parametrize(
    "command",
    [
        "show inside-sales --lang it",
        "show inside-sales --lang it --format rich --color always",
        "show inside-sales --lang it --format json",
        "sections inside-sales --lang it",
        "highlights inside-sales --lang it",
        "links inside-sales --lang it",
        "langs inside-sales",
    ],
)
def test_head_closes_the_pipe_without_a_traceback(command: str) -> None:
    result = run_shell(f"glossary {command} | head -1")
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 1


def test_a_large_output_into_a_closed_pipe(tmp_path: Path) -> None:
    # Far more than a pipe buffer, so the writer really meets the closed pipe.
    # 200 KB: under the size limit (256 KiB)
    body = "\n\n".join(f"## Part {i}\n\n" + "word " * 200 for i in range(200))
    (tmp_path / "big").mkdir()
    (tmp_path / "big" / "en.md").write_text(f"---\ntitle: Big\n---\n{body}\n")
    result = run_shell(f"glossary -a {tmp_path} show big | head -1")
    assert result.stdout == "Big\n"
    assert result.stderr == ""


def test_python_dash_m_and_version() -> None:
    result = subprocess.run([*GLOSSARY, "--version"], capture_output=True, text=True)
    assert result.stdout.startswith("glossary ")
    assert result.returncode == 0


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_an_encoding_that_cannot_show_the_text(encoding: str) -> None:
    result = subprocess.run(
        [*GLOSSARY, "show", "inside-sales", "--lang", "pl"],
        capture_output=True,
        env=clean_env(PYTHONIOENCODING=encoding),
        cwd="/",
    )
    assert result.returncode == 0
    assert result.stderr == b""
    first = result.stdout.decode(encoding).splitlines()[0]
    assert first == "Sprzeda? wewn?trzna"


def test_c_locale_and_no_home() -> None:
    env = clean_env(LANG="C")
    env.pop("HOME", None)
    result = subprocess.run(
        [*GLOSSARY, "show", "inside-sales", "--lang", "it"],
        capture_output=True,
        text=True,
        env=env,
        cwd="/",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Vendite interne\n")


def test_errors_are_one_line_and_named_exit_codes() -> None:
    missing = subprocess.run([*GLOSSARY, "show", "nope"], capture_output=True, text=True)
    assert (missing.returncode, missing.stderr) == (1, "glossary: error: no article 'nope'\n")
    usage = subprocess.run([*GLOSSARY, "show"], capture_output=True, text=True)
    assert usage.returncode == 2
    assert "Usage:" in usage.stderr
    assert "Traceback" not in usage.stderr


def test_the_package_runs_from_another_directory(tmp_path: Path) -> None:
    result = subprocess.run([*GLOSSARY, "langs"], capture_output=True, text=True, cwd=tmp_path)
    assert result.stdout.splitlines()[0] == "inside-sales\tfi\tit\tpl\tsv"
    assert REPO.exists()


def test_only_the_invoked_command_is_built_but_help_lists_them_all() -> None:
    listing = subprocess.run([*GLOSSARY, "--help"], capture_output=True, text=True).stdout
    for command in ("show", "sections", "highlights", "links", "langs"):
        assert f" {command} " in listing
    typo = subprocess.run([*GLOSSARY, "shw", "x"], capture_output=True, text=True)
    assert typo.returncode == 2
    assert "No such command 'shw'" in typo.stderr


def test_command_names_still_complete() -> None:
    env = clean_env(_GLOSSARY_COMPLETE="complete_bash", COMP_WORDS="glossary s", COMP_CWORD="1")
    script = Path(sys.executable).parent / "glossary"
    result = subprocess.run([script], capture_output=True, text=True, env=env)
    assert set(result.stdout.split()) >= {"show", "sections"}
