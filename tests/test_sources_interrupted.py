"""A `glossary update` or `source add` killed mid-way (SIGKILL, in a real process) leaves every
source usable and nothing half-made; the next run cleans up after it."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import Run, article
from git_repos import Repo

GLOSSARY = [sys.executable, "-m", "glossary_cli"]


def sources_dir() -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "glossary" / "sources"


def start(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """glossary ARGS in a process group of its own (so that its git goes down with it)."""
    return subprocess.Popen(
        [*GLOSSARY, *args],
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def kill_when(process: subprocess.Popen[bytes], ready: Callable[[], bool]) -> None:
    """SIGKILL the process (and its children) once `ready()` holds, the point chosen."""
    deadline = time.monotonic() + 60
    while not ready():
        assert process.poll() is None, "it ended before the point where it was to be killed"
        assert time.monotonic() < deadline, "it never reached the point where it was to be killed"
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


@pytest.fixture
def slow_git(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """A `git` first on PATH that, for a clone, leaves a mark and then waits (to be killed)."""
    real = shutil.which("git")
    if real is None:
        pytest.skip("git is not installed")
    folder = tmp_path / "slow-bin"
    folder.mkdir()
    mark = tmp_path / "cloning"
    script = folder / "git"
    script.write_text(
        "#!/bin/sh\n"
        'for arg in "$@"; do\n'
        f'  if [ "$arg" = clone ]; then touch {mark}; sleep 60; fi\n'
        "done\n"
        f'exec {real} "$@"\n'
    )
    script.chmod(0o755)
    return {"PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"}, mark


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    made = Repo(tmp_path / "remote")
    made.write("cluster/en.md", article("Cluster", "The first copy."))
    made.commit()
    return made


def test_an_update_killed_while_cloning_leaves_the_source_usable(
    repo: Repo, slow_git: tuple[dict[str, str], Path], run: Callable[..., Run]
) -> None:
    env, mark = slow_git
    assert run("source", "add", "team", repo.url).exit_code == 0
    repo.write("cluster/en.md", article("Cluster", "The second copy."))
    repo.commit()
    kill_when(start("update", env=env), mark.exists)
    assert (sources_dir() / ".new.team").exists()  # the copy it was making, left behind
    assert "The first copy." in run("show", "cluster").stdout
    assert run("source", "list").stdout.startswith("team\t")
    updated = run("update")
    assert updated.stdout.startswith("team\tupdated\t0\t1\t0\t"), updated.stderr
    assert "The second copy." in run("show", "cluster").stdout
    assert sorted(p.name for p in sources_dir().iterdir()) == [".lock", "team"]


def test_an_add_killed_while_cloning_leaves_nothing(
    repo: Repo, slow_git: tuple[dict[str, str], Path], run: Callable[..., Run]
) -> None:
    env, mark = slow_git
    kill_when(start("source", "add", "team", repo.url, env=env), mark.exists)
    assert run("source", "list").stdout == ""
    assert run("show", "cluster").exit_code == 1
    assert run("source", "add", "team", repo.url).exit_code == 0
    assert sorted(p.name for p in sources_dir().iterdir()) == [".lock", "team"]


class Stalling(BaseHTTPRequestHandler):
    """Serves one zip; while `stall` is set, sends half of it and then waits."""

    body = b""
    stall = threading.Event()
    release = threading.Event()

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.send_response(200)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        if self.stall.is_set():
            self.wfile.write(self.body[: len(self.body) // 2])
            self.wfile.flush()
            self.release.wait(60)
            return
        self.wfile.write(self.body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def zipped(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("g/cluster/en.md", article("Cluster", text))
        archive.writestr("g/padding.txt", os.urandom(256 * 1024))  # a body that takes a while
    return buffer.getvalue()


@pytest.fixture
def stalling() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Stalling)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/glossary.zip"
    finally:
        Stalling.release.set()
        server.shutdown()
        server.server_close()
        Stalling.stall.clear()
        Stalling.release.clear()


def test_an_update_killed_while_downloading_leaves_the_source_usable(
    stalling: str, run: Callable[..., Run]
) -> None:
    Stalling.body = zipped("The first copy.")
    assert run("source", "add", "team", stalling).exit_code == 0
    Stalling.body = zipped("The second copy.")
    Stalling.stall.set()
    partial = sources_dir() / ".new.team" / "archive"
    kill_when(start("update"), lambda: partial.exists() and partial.stat().st_size > 0)
    assert "The first copy." in run("show", "cluster").stdout
    Stalling.stall.clear()
    updated = run("update")
    assert updated.stdout.startswith("team\tupdated\t0\t1\t0\tsha256:"), updated.stderr
    assert "The second copy." in run("show", "cluster").stdout
    assert sorted(p.name for p in sources_dir().iterdir()) == [".lock", "team"]
