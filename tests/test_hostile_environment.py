"""What the environment or typed input can throw at a run (issue 16, findings 6 and 7): huge or
odd terminal sizes, bytes that are no UTF-8, the C locale without UTF-8 mode, `~` of an unknown
user, a settings file no parser should try, a full or closed stdout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import article, write_article

GLOSSARY = [sys.executable, "-m", "glossary_cli"]


def environment(**extra: str) -> dict[str, str]:
    """This process's environment without locale, glossary or Python I/O settings, plus `extra`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LC_", "GLOSSARY_", "PYTHONIO", "PYTHONUTF8"))
        and k not in ("LANG", "LANGUAGE", "COLUMNS", "LINES")
    }
    env.update(extra)
    return env


def glossary(*args: str | bytes, env: dict[str, str] | None = None, stdout: object = None):
    return subprocess.run(
        [*GLOSSARY, *args],
        stdout=subprocess.PIPE if stdout is None else stdout,
        stderr=subprocess.PIPE,
        env=env or environment(),
        timeout=120,
    )


C_LOCALE = {"LC_ALL": "C", "PYTHONUTF8": "0"}


# Finding 6: widths.


@pytest.mark.parametrize(
    "columns, width",
    [("99999999", 1000), ("1" + "0" * 5000, 80), ("0", 80), ("-5", 80), ("abc", 80), ("1", 20)],
)
def test_columns_are_clamped(run, columns: str, width: int) -> None:
    """COLUMNS=99999999 padded every line to that width: minutes and gigabytes."""
    result = run(
        "show", "inside-sales", "--lang", "it,fi", "--format", "rich", env={"COLUMNS": columns}
    )
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) == width


def test_lines_out_of_range_is_harmless(run) -> None:
    for lines in ("99999999", "-1", "x", "9" * 5000):
        result = run("show", "inside-sales", "-f", "rich", env={"LINES": lines, "COLUMNS": "80"})
        assert result.exit_code == 0 and result.stdout


# Finding 7: the words typed, and the C locale.


def test_a_name_with_bytes_that_are_no_utf8_is_a_usage_error() -> None:
    result = glossary("show", b"x\xff")
    assert result.returncode == 2
    assert result.stderr == b"glossary: error: invalid UTF-8 byte 0xff in 'x\\xff'\n"


def test_a_query_with_bytes_that_are_no_utf8_is_a_usage_error(run) -> None:
    result = run("search", "caf\udce9")  # as Python hands over the byte 0xE9 of Latin-1
    assert result.exit_code == 2
    assert result.stderr == "glossary: error: invalid UTF-8 byte 0xe9 in 'caf\\xe9'\n"


@pytest.mark.parametrize(
    "args, expected",
    [
        (("show", "Vendite interne"), "Vendite interne\n"),
        (("show", "Sisäiset myynnit"), "Sisäiset myynnit\n"),
        (("search", "sprzedaż"), "inside-sales\tpl\tSprzedaż wewnętrzna"),
        (("show", "inside-sales", "--section", "Sisämyynnin edut", "--lang", "fi"), "Sisämyynnin"),
    ],
)
def test_the_c_locale_without_utf8_mode_changes_nothing(args, expected: str) -> None:
    """Under LC_ALL=C PYTHONUTF8=0 a non-ASCII name or query was a traceback."""
    result = glossary(*args, env=environment(**C_LOCALE))
    assert result.stderr == b""
    assert result.returncode == 0
    assert result.stdout.decode("utf-8").startswith(expected)
    assert result.stdout == glossary(*args).stdout


def test_a_folder_with_a_non_ascii_name_under_the_c_locale(tmp_path: Path) -> None:
    root = tmp_path / "glossär"
    write_article(root, "café", "en", article("Café", "Körper.\n"))
    env = environment(**C_LOCALE)
    for args in (("show", "café"), ("list",), ("search", "körper"), ("check", str(root))):
        result = glossary("-a", str(root), *args, env=env)
        assert b"Traceback" not in result.stderr, result.stderr
        assert result.returncode == 0, (args, result.stderr)


def test_output_in_an_ascii_encoding_is_replaced_not_a_crash() -> None:
    result = glossary(
        "show", "inside-sales", "--lang", "fi", env=environment(PYTHONIOENCODING="ascii")
    )
    assert result.returncode == 0
    assert result.stdout.startswith(b"Sis?iset myynnit\n")


# Finding 7: paths from the user.


@pytest.mark.parametrize("where", ["--articles", "GLOSSARY_PATH", "config"])
def test_a_home_of_an_unknown_user_is_a_warning(run, where: str, tmp_path: Path) -> None:
    env: dict[str, str] = {}
    args: list[str] = []
    if where == "--articles":
        args = ["-a", "~nosuchuser-glossary/x"]
    elif where == "GLOSSARY_PATH":
        env["GLOSSARY_PATH"] = "~nosuchuser-glossary/x"
    else:
        config = Path(os.environ["XDG_CONFIG_HOME"]) / "glossary" / "config.toml"
        config.parent.mkdir(parents=True)
        config.write_text('paths = ["~nosuchuser-glossary/x"]\n')
    result = run(*args, "show", "inside-sales", "--lang", "it", env=env)
    assert result.exit_code == 0
    assert result.stderr == (
        f"glossary: warning: article root ~nosuchuser-glossary/x ({where}) is in the home "
        "folder of an unknown user; skipped\n"
    )
    assert result.stdout.startswith("Vendite interne\n")


def test_check_of_a_folder_in_an_unknown_home_is_a_usage_error(run) -> None:
    result = run("check", "~nosuchuser-glossary/x")
    assert result.exit_code == 2
    shown = " ".join(result.stderr.replace("\u2502", " ").split())
    assert "~nosuchuser-glossary/x is in the home folder of an unknown user" in shown


# Finding 7: a settings file no parser should try.


def _config(text: str) -> Path:
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "glossary" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(text)
    return config


@pytest.mark.parametrize(
    "text, problem",
    [
        ("a = " + "[" * 100_000 + "]" * 100_000 + "\n", "too many dotted keys"),
        ("a = " + "{b=" * 100_000 + "}" * 100_000 + "\n", "too many dotted keys"),
        ("a" + ".a" * 100_000 + " = 1\n", "too many dotted keys"),  # quadratic in tomllib
        ("[" + "a." * 100_000 + "b]\n", "too many dotted keys"),
        ("a = " + "[" * 900 + "]" * 900 + "\n", "nested too deeply"),  # under the count
    ],
    ids=["lists", "tables", "dotted-key", "table-header", "recursion"],
)
def test_a_settings_file_that_cannot_be_parsed_is_one_warning(run, text: str, problem: str) -> None:
    config = _config(text)
    result = run("show", "inside-sales", "--lang", "it")
    assert result.exit_code == 0
    assert result.stdout.startswith("Vendite interne\n")
    assert result.stderr.count("glossary: warning:") == 1
    assert result.stderr.startswith(f"glossary: warning: {config}: {problem}")
    assert result.stderr.endswith("; using the defaults\n")


def test_a_settings_file_with_many_paths_is_still_read(run, tmp_path: Path) -> None:
    """The count is of structure outside strings: dots in paths do not count."""
    root = tmp_path / "a.b.c"
    write_article(root, "dotted", "en", article("Dotted", "x\n"))
    paths = ", ".join(f'"{root}"' for _ in range(600))
    _config(f"paths = [{paths}]\n")
    result = run("show", "dotted")
    assert result.exit_code == 0 and result.stderr == ""


# Finding 7: a full or closed stdout, on every path.

EVERY_PATH = [
    ["--help"],
    ["-h"],
    ["--version"],
    ["-V"],
    ["completion", "bash"],
    ["show", "--help"],
    ["list", "-h"],
    ["show", "inside-sales"],
    ["langs"],
    ["config"],
]


@pytest.mark.parametrize("args", EVERY_PATH, ids=" ".join)
@pytest.mark.parametrize("stdout", ["full", "closed"])
def test_a_full_or_closed_stdout_is_exit_1_and_one_line(args: list[str], stdout: str) -> None:
    if stdout == "full" and not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    redirect = "> /dev/full" if stdout == "full" else ">&-"
    command = " ".join(f"'{part}'" for part in [*GLOSSARY, *args])
    result = subprocess.run(
        ["bash", "-c", f"{command} {redirect}"],
        capture_output=True,
        env=environment(),
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("glossary: error: cannot write the output: ")
