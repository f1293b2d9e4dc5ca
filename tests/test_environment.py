"""A hostile environment, in real processes: closed pipes and streams, odd encodings, no home."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import write_article
from hostile import CASES, ESCAPED_ARTICLE, GOOD, unsafe

GLOSSARY = [sys.executable, "-m", "glossary_cli"]


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("env") / "articles"
    write_article(root, "escapes", "en", ESCAPED_ARTICLE)
    write_article(root, "good", "en", GOOD)
    write_article(root, "broken", "en", CASES["invalid-yaml"].content)
    write_article(root, "big", "en", CASES["at-the-limit"].content)
    return root


def environment(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LC_", "GLOSSARY_", "PYTHONIO")) and k not in ("LANG", "LANGUAGE")
    }
    env.update(extra)
    return env


def shell(command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """A shell command line, `glossary` standing for this interpreter's module."""
    glossary = " ".join(f"'{part}'" for part in GLOSSARY)
    return subprocess.run(
        ["bash", "-c", command.replace("glossary", glossary)],
        capture_output=True,
        env=env or environment(),
        cwd="/",
        timeout=120,
    )


def assert_no_traceback(result: subprocess.CompletedProcess[bytes]) -> None:
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")
    assert b"Exception ignored" not in result.stderr, result.stderr.decode(errors="replace")


@pytest.mark.parametrize(
    "args",
    [
        "show escapes",
        "show escapes --format rich --color always",
        "show big",
        "show big --format json",
        "links escapes",
        "check {root}",
        "langs",
    ],
)
def test_head_closes_the_pipe_quietly(root: Path, args: str) -> None:
    result = shell(f"glossary -a {root} {args.format(root=root)} | head -1")
    assert_no_traceback(result)
    assert result.stderr == b""
    assert len(result.stdout.splitlines()) == 1


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize(
    "args", ["show escapes", "show escapes --format rich", "langs escapes", "check {root}"]
)
def test_an_encoding_that_cannot_show_the_text(root: Path, encoding: str, args: str) -> None:
    env = environment(PYTHONIOENCODING=encoding, COLUMNS="80")
    result = shell(f"glossary -a {root} {args.format(root=root)}", env)
    assert_no_traceback(result)
    assert result.returncode in (0, 1)
    text = result.stdout.decode(encoding)
    assert unsafe(text, rich=True) == []
    if args == "show escapes":
        assert "?" in text  # "›" and "中" have no place in the encoding: replaced, not a crash


@pytest.mark.parametrize(
    "env_change",
    [
        {"LANG": "C"},
        {"LANG": "C", "LC_ALL": "POSIX", "LANGUAGE": "xx"},
        {"LANG": "!!", "GLOSSARY_LANG": "\x1b[31m"},
        {"HOME": ""},
        {"HOME": "/nonexistent", "XDG_CACHE_HOME": "/nonexistent/cache"},
    ],
    ids=["C", "POSIX", "garbage-locale", "empty-home", "missing-home"],
)
def test_locale_and_home(root: Path, env_change: dict[str, str]) -> None:
    for args, code in ((f"check {root}", 1), ("show escapes --format rich", 0)):
        result = shell(f"glossary -a {root} {args}", environment(**env_change))
        assert_no_traceback(result)
        assert result.returncode == code, (args, result.stderr)
        assert unsafe(result.stderr.decode()) == []


def test_no_home_at_all(root: Path) -> None:
    env = environment()
    env.pop("HOME", None)
    env.pop("XDG_CACHE_HOME", None)
    result = shell(f"glossary -a {root} show good && glossary -a '~/nowhere' langs", env)
    assert_no_traceback(result)
    assert result.returncode == 0
    assert result.stdout.startswith(b"Good\n")


def test_a_read_only_home_and_cache(root: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / ".cache").mkdir(parents=True)
    (home / ".cache").chmod(0o555)
    home.chmod(0o555)
    try:
        env = environment(HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"))
        for args, code in (("show good", 0), ("langs", 0), (f"check {root}", 1)):
            result = shell(f"glossary -a {root} {args}", env)
            assert_no_traceback(result)
            assert result.returncode == code
        # The caches (parsed articles) are skipped where they cannot be written; root can.
        if os.geteuid() != 0:
            assert list((home / ".cache").iterdir()) == []
    finally:
        home.chmod(0o755)
        (home / ".cache").chmod(0o755)


def test_stdout_closed(root: Path) -> None:
    result = shell(f"glossary -a {root} show good >&-")
    assert_no_traceback(result)
    assert result.returncode == 1
    assert result.stderr == b"glossary: error: cannot write the output: stdout is closed\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("args", ["show good", "show big", "show good --format rich"])
def test_stdout_full(root: Path, args: str) -> None:
    result = shell(f"glossary -a {root} {args} > /dev/full")
    assert_no_traceback(result)
    assert result.returncode == 1
    assert result.stderr == b"glossary: error: cannot write the output: No space left on device\n"


def test_stderr_closed(root: Path) -> None:
    for args, code in (("show nope", 1), ("show broken", 3), ("langs nope", 1), ("show good", 0)):
        result = shell(f"glossary -a {root} {args} 2>&-")
        assert result.returncode == code, args
        assert_no_traceback(result)


def test_control_characters_in_real_arguments(root: Path) -> None:
    for args in (["show", "\x1b[31m"], ["show", "good", "--section", "\x1b]0;x\x07"]):
        result = subprocess.run(
            [*GLOSSARY, "-a", str(root), *args], capture_output=True, env=environment()
        )
        assert result.returncode in (1, 2)
        assert unsafe(result.stderr.decode()) == []
        assert_no_traceback(result)
