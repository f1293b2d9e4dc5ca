"""Shared test helpers: a clean environment per test, a CLI runner, article trees on disk."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from glossary_cli.cli import entry

REPO = Path(__file__).resolve().parent.parent
BUNDLE = REPO / "articles"
SEED_LANGS = ("fi", "it", "pl", "sv")
MDN = REPO.parent / "shared" / "corpora" / "mdn-glossary" / "articles"

_ENV_TO_CLEAR = (
    "LANG",
    "LANGUAGE",
    "LC_ALL",
    "LC_MESSAGES",
    "GLOSSARY_LANG",
    "GLOSSARY_PATH",
    "NO_COLOR",
    "FORCE_COLOR",
    "TERM",
    "COLUMNS",
    "LINES",
    "PAGER",
    "GLOSSARY_PAGER",
)


@pytest.fixture(autouse=True)
def clean_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """Every test starts from no locale, no glossary settings, a private cache and no sources."""
    for name in _ENV_TO_CLEAR:
        monkeypatch.delenv(name, raising=False)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))  # no fetched sources of the user's
    yield


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def run() -> Callable[..., Run]:
    """Run `glossary ARGS` in-process through the real entry point (entry.run, as `main` does
    but for ending the process), as piped output (stdout is not a terminal)."""

    def invoke(*args: str, env: dict[str, str] | None = None) -> Run:
        with CliRunner().isolation(env=env) as (stdout, stderr, _):
            status = entry.run(list(args))
            sys.stdout.flush()
            sys.stderr.flush()
            out, err = stdout.getvalue(), stderr.getvalue()
        return Run(status, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"))

    return invoke


def write_article(root: Path, slug: str, lang: str, text: str | bytes) -> Path:
    path = root / slug / f"{lang}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def article(title: str, body: str, **meta: str) -> str:
    """An article's text: frontmatter with a title (and any other keys), then the body."""
    lines = ["---", f"title: {title}"] + [f"{k}: {v}" for k, v in meta.items()] + ["---", ""]
    return "\n".join(lines) + body


def has_escape(text: str) -> bool:
    return "\x1b" in text or "\x9b" in text


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """An empty article root."""
    root = tmp_path / "articles"
    root.mkdir()
    return root


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/*")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def on_terminal(
    *args: str,
    env: dict[str, str],
    rows: int = 24,
    cols: int = 80,
    stderr_apart: bool = True,
    timeout: float = 60,
) -> tuple[int, bytes, str]:
    """Run `python -m glossary_cli ARGS` with a pseudo-terminal of rows x cols as stdin and
    stdout (and stderr, unless `stderr_apart`); what the terminal got, and stderr when apart."""
    import fcntl
    import os
    import pty
    import struct
    import subprocess
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "glossary_cli", *args],
        stdin=slave,
        stdout=slave,
        stderr=subprocess.PIPE if stderr_apart else slave,
        env=env,
        cwd="/",
    )
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closed when the last process let go of it
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    err = ""
    if process.stderr is not None:
        with process.stderr:
            err = process.stderr.read().decode()
    return process.wait(timeout=timeout), shown, err
