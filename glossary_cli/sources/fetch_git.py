"""Fetching a source with the `git` program: a shallow clone, made safe for strangers'
repositories: only the https, ssh, git and file protocols (never `ext::`), the URL after `--`,
no hooks or templates, no prompts when not on a terminal, no symbolic links checked out, and
none of the system's or the user's git settings."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

from glossary_cli.errors import FetchFailed
from glossary_cli.text.sanitize import visible

ALLOWED_PROTOCOLS = "https:ssh:git:file"
# The git settings of the environment that may stay: how to reach a server (ssh, certificates,
# proxies). Every other GIT_* variable is dropped: GIT_DIR, GIT_CONFIG_PARAMETERS,
# GIT_TEMPLATE_DIR and their kin could point git at other files or run other programs.
KEPT = frozenset(
    {"GIT_SSH", "GIT_SSH_COMMAND", "GIT_SSH_VARIANT", "GIT_SSL_CAINFO", "GIT_SSL_CAPATH"}
)
SAFE_CONFIG = (
    "-c",
    f"core.hooksPath={os.devnull}",  # no hook of any repository runs
    "-c",
    "core.symlinks=false",  # a link in the repository is checked out as a file holding its target
    "-c",
    "core.fsmonitor=false",
    "-c",
    "submodule.recurse=false",
    "-c",
    "protocol.allow=never",  # as GIT_ALLOW_PROTOCOL says, for a git that predates it
    *(
        arg
        for protocol in ALLOWED_PROTOCOLS.split(":")
        for arg in ("-c", f"protocol.{protocol}.allow=always")
    ),
)


def git_environment(environ: Mapping[str, str], terminal: bool) -> dict[str, str]:
    """The environment git runs in: the user's, without their git settings, with ours."""
    env = {
        key: value
        for key, value in environ.items()
        if not key.upper().startswith("GIT_") or key.upper() in KEPT
    }
    env.update(
        GIT_ALLOW_PROTOCOL=ALLOWED_PROTOCOLS,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,  # git 2.32 and later; older ones read ~/.gitconfig
        GIT_PROTOCOL_FROM_USER="0",
        LC_ALL="C",  # git's messages in English, which explain() reads
    )
    if not terminal:
        # Nobody can answer a prompt: git and ssh fail instead of waiting for one.
        env["GIT_TERMINAL_PROMPT"] = "0"
        env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")
    return env


def run_git(
    args: Sequence[str], environ: Mapping[str, str], terminal: bool, url: str
) -> subprocess.CompletedProcess[str]:
    """Run `git ARGS` safely; a failure is a FetchFailed that says what went wrong with `url`."""
    program = shutil.which("git", path=environ.get("PATH", os.defpath))
    if program is None:
        raise FetchFailed("git is not installed (no 'git' program on PATH); it fetches git sources")
    try:
        done = subprocess.run(
            [program, *SAFE_CONFIG, *args],
            env=git_environment(environ, terminal),
            stdin=None if terminal else subprocess.DEVNULL,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except OSError as exc:
        raise FetchFailed(f"cannot run git: {exc.strerror or exc}") from None
    if done.returncode != 0:
        raise FetchFailed(explain(done.stderr, url))
    return done


def clone(url: str, dest: Path, ref: str, environ: Mapping[str, str], terminal: bool) -> str:
    """A shallow clone of `url` (its branch or tag `ref`, else its default branch) into the
    empty folder `dest`; the commit checked out."""
    branch = ["--branch", ref] if ref else []
    run_git(
        [
            "clone",
            "--quiet",
            "--depth=1",
            "--single-branch",
            "--no-tags",
            "--template=",  # no hooks copied from a template folder either
            *branch,
            "--",
            url,
            str(dest),
        ],
        environ,
        terminal,
        url,
    )
    return revision(dest, environ, url)


def revision(tree: Path, environ: Mapping[str, str], url: str) -> str:
    """The commit checked out in a clone."""
    done = run_git(["-C", str(tree), "rev-parse", "HEAD"], environ, False, url)
    return done.stdout.strip()


def remote_revision(url: str, ref: str, environ: Mapping[str, str], terminal: bool) -> str | None:
    """The commit `ref` (else the default branch) names on the server now, asked without
    fetching anything; None when the server does not say."""
    done = run_git(["ls-remote", "--", url, ref or "HEAD"], environ, terminal, url)
    found: dict[str, str] = {}
    for line in done.stdout.splitlines():
        sha, _, name = line.partition("\t")
        found[name] = sha
    if not ref:
        return found.get("HEAD")
    for name in (f"refs/heads/{ref}", f"refs/tags/{ref}^{{}}", f"refs/tags/{ref}", ref):
        if name in found:
            return found[name]
    return None


def is_repository(path: Path) -> bool:
    """Whether a local folder is a git repository, with a work tree or bare."""
    return (path / ".git").exists() or ((path / "HEAD").is_file() and (path / "objects").is_dir())


# What git says, and what the reader is told: the first pattern that matches git's messages.
_MESSAGES = (
    (
        r"[Cc]ould not resolve host|[Nn]ame or service not known|nodename nor servname",
        "unknown host",
    ),
    (
        r"[Nn]etwork is unreachable|[Cc]ould not connect|[Ff]ailed to connect|"
        r"[Cc]onnection (refused|timed out)|[Oo]peration timed out",
        "cannot reach the server (no network?)",
    ),
    (r"[Rr]emote branch .* not found|couldn't find remote ref", "no such branch or tag"),
    (
        r"[Rr]epository .*not found|does not appear to be a git repository|"
        r"returned error: 404|HTTP 404|not found",
        "no git repository there",
    ),
    (r"transport '.*' not allowed|[Uu]nsupported protocol", "that protocol is not allowed"),
    (
        r"[Aa]uthentication failed|could not read Username|[Pp]ermission denied|"
        r"terminal prompts disabled",
        "the server asks for credentials",
    ),
)


def explain(stderr: str, url: str) -> str:
    """One line for a failed git command: what went wrong, the URL, and git's own words."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    said = next((line for line in lines if line.startswith(("fatal:", "error:"))), None)
    said = said or (lines[-1] if lines else "git failed")
    for pattern, meaning in _MESSAGES:
        if re.search(pattern, stderr):
            return f"{meaning}: {visible(url)} (git: {visible(said)})"
    return f"cannot fetch {visible(url)} (git: {visible(said)})"
