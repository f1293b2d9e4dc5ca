"""A root's git history, read with a few `git` processes whatever its size: which commits
changed each file (one `git log` for the whole root), the order of commits, uncommitted edits,
and the diff of one file since a commit.

Only `langs --stale` and `diff` import this module: no other command spawns git.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from bisect import bisect_left
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from glossary_cli.errors import ExitStatus, GlossaryError, ToolMissing
from glossary_cli.text.sanitize import visible

# Variables that point git at another repository than the one a root is in: set inside a git
# hook, say. The root alone decides which repository is read.
_ELSEWHERE = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
)
# What git prints must not depend on the reader's configuration: paths unquoted, relative to
# the top, no signatures in the log, `a/` and `b/` in a diff's headers.
_CONFIG = (
    "-c",
    "core.quotePath=false",
    "-c",
    "diff.relative=false",
    "-c",
    "log.showSignature=false",
    "-c",
    "diff.noprefix=false",
    "-c",
    "diff.mnemonicPrefix=false",
)
# A local repository answers well within this; a hung one (a stale network mount) must not
# hang the command for ever.
TIMEOUT = 300
_COMMIT_MARK = "\x01"  # starts each commit's header in the log, which no path token can


class NoHistory(GlossaryError):
    """The folder is not in a git working tree with commits: why, in one line."""

    status = ExitStatus.NOT_FOUND


class GitFailed(GlossaryError):
    """git ran but failed (a damaged repository, say): its own message, on one line."""

    status = ExitStatus.NOT_FOUND


class Change(NamedTuple):
    """One commit's change to one file."""

    commit: str
    time: int  # the committer date, in seconds since the epoch
    path: str  # the file's path from the repository's top, after the commit
    before: str  # its path before the commit (another one for a rename)
    lines: int  # lines added plus lines removed
    content: bool  # False for a rename that changed no line


class Commit(NamedTuple):
    commit: str
    position: int  # in the history's topological order from HEAD: 0 is HEAD, larger is older
    time: int


def git_environment(env: Mapping[str, str]) -> dict[str, str]:
    """The reader's environment for git, with a fixed locale and no pager or prompt."""
    out = {name: value for name, value in env.items() if name not in _ELSEWHERE}
    out.update(
        LC_ALL="C",
        LANGUAGE="",
        GIT_PAGER="cat",
        PAGER="cat",
        GIT_TERMINAL_PROMPT="0",
        GIT_OPTIONAL_LOCKS="0",  # `status` must not write the index of a tree it only reads
    )
    return out


def find_git(env: Mapping[str, str]) -> str:
    """The git program on the reader's PATH; ToolMissing when there is none."""
    found = shutil.which("git", path=env.get("PATH", os.defpath))
    if found is None:
        raise ToolMissing("git is not installed (or not on PATH): it is needed to read history")
    return found


class Repository:
    """The git working tree a folder is in, read at its HEAD."""

    def __init__(self, git: str, env: dict[str, str], top: Path, head: str) -> None:
        self.git = git
        self.env = env
        self.top = top
        self.head = head
        self._commits: dict[str, Commit] | None = None
        self._sorted: list[str] = []

    @classmethod
    def of(cls, folder: Path, env: Mapping[str, str]) -> Repository:
        """The working tree `folder` is in; NoHistory saying why there is none to read."""
        git = find_git(env)
        git_env = git_environment(env)
        # One call says whether it is a working tree, where its top is, and HEAD's commit (exit
        # status 1 and no third line when there is no commit yet).
        done = _run(
            git,
            git_env,
            folder,
            "rev-parse",
            "--is-inside-work-tree",
            "--show-toplevel",
            "--verify",
            "-q",
            "HEAD",
        )
        out = os.fsdecode(done.stdout).splitlines()
        shown = visible(str(folder))
        if done.returncode not in (0, 1) or not out or out[0] != "true":
            message = _first_line(done.stderr)
            if not out and "not a git repository" not in message:
                raise NoHistory(f"{shown}: git cannot read it: {message}")
            raise NoHistory(f"{shown} is not in a git working tree")
        if done.returncode == 1 or len(out) < 3:
            raise NoHistory(f"{shown} is in a git repository without commits")
        return cls(git, git_env, Path(out[1]), out[2])

    def key(self, path: Path) -> str:
        """A file's path as git names it: from the repository's top, with `/`."""
        return Path(os.path.relpath(os.path.realpath(path), self.top)).as_posix()

    def changes(self, folder: Path) -> dict[str, list[Change]]:
        """Every file under `folder` with commits, by its path now, with the commits that
        changed it, newest first: one `git log` for the whole folder. Renames are followed, so
        a file keeps the history it had under its former names."""
        out = self._git(
            folder,
            "log",
            "-z",
            "--date-order",  # children before parents: renames are undone in order
            f"--format={_COMMIT_MARK}%H %ct",
            "--raw",
            "--numstat",
            "-M",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            "HEAD",
            "--",
            ".",
        )
        return _read_log(out)

    def commit(self, name: str) -> Commit | None:
        """A commit of HEAD's history by its hash or a unique beginning of it; None when the
        history has none such (a commit of another repository, say)."""
        commits = self._history()
        found = commits.get(name)
        if found is not None or len(name) >= 40:
            return found
        start = bisect_left(self._sorted, name)
        matches = self._sorted[start : start + 2]
        matches = [one for one in matches if one.startswith(name)]
        return commits[matches[0]] if len(matches) == 1 else None

    def position(self, commit: str) -> int:
        return self._history()[commit].position

    def _history(self) -> dict[str, Commit]:
        """Every commit of HEAD's history in topological order: one `git rev-list`, run the
        first time a translation names its source commit."""
        if self._commits is None:
            out = self._git(self.top, "rev-list", "--topo-order", "--timestamp", self.head)
            self._commits = {}
            for position, line in enumerate(out.decode("ascii").splitlines()):
                time, commit = line.split(" ")
                self._commits[commit] = Commit(commit, position, int(time))
            self._sorted = sorted(self._commits)
        return self._commits

    def edited(self, folder: Path) -> set[str]:
        """The files under `folder` with uncommitted edits, staged or not, or not committed
        at all: one `git status`."""
        out = self._git(
            folder, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", "."
        )
        found: set[str] = set()
        tokens = iter(os.fsdecode(out).split("\0"))
        for token in tokens:
            if len(token) < 4:
                continue
            found.add(token[3:])
            if token[0] in "RC":  # a rename's or copy's former path follows
                next(tokens, None)
        return found

    def diff(self, base: str, before: str, after: str) -> str:
        """The unified diff of one file from `base` to HEAD; `before` is its path at `base`."""
        paths = [before] if before == after else [before, after]
        out = self._git(
            self.top,
            "diff",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            "-M",
            "--unified=3",
            "--src-prefix=a/",
            "--dst-prefix=b/",
            base,
            self.head,
            "--",
            *paths,
        )
        return out.decode("utf-8", "replace")

    def _git(self, folder: Path, *args: str) -> bytes:
        done = _run(self.git, self.env, folder, *args)
        if done.returncode != 0:
            raise GitFailed(
                f"git {args[0]} failed in {visible(str(folder))}: {_first_line(done.stderr)}"
            )
        return done.stdout


def _run(
    git: str, env: dict[str, str], folder: Path, *args: str
) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            [git, "--no-pager", *_CONFIG, "-C", str(folder), *args],
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
    except (FileNotFoundError, PermissionError) as exc:
        raise ToolMissing(f"git cannot be started: {exc.strerror or exc}") from None
    except subprocess.TimeoutExpired:
        raise GitFailed(f"git {args[0]} took over {TIMEOUT} s in {visible(str(folder))}") from None


def _first_line(stderr: bytes) -> str:
    lines = os.fsdecode(stderr).strip().splitlines()
    return visible(lines[0].removeprefix("fatal: ")) if lines else "no message"


def _read_log(out: bytes) -> dict[str, list[Change]]:
    """`git log -z --raw --numstat -M`, newest commit first, into each file's changes under
    its path now. A rename maps the former path to the file it became, for the older commits;
    a file deleted or added anew ends the history its path had before."""
    history: dict[str, list[Change]] = {}
    now: dict[str, str | None] = {}  # a path in older commits -> the path it has now
    tokens = os.fsdecode(out).split("\0")
    commit, time = "", 0
    entries: list[tuple[str, str, str]] = []  # (status, before, after)
    lines: dict[str, int] = {}  # after -> lines added and removed

    def apply() -> None:
        for status, before, after in entries:
            current = now.get(after, after)
            if current is None:  # a file deleted later: not one of today's
                continue
            kind = status[:1]
            if kind == "D":
                now[after] = None
                continue
            count = lines.get(after, 0)
            content = kind != "R" or status != "R100" or count > 0
            history.setdefault(current, []).append(
                Change(commit, time, after, before, count, content)
            )
            if kind in "AR":
                now[after] = None  # before this commit, no file of today had this path
            if kind == "R":
                now[before] = current

    index = 0
    while index < len(tokens):
        token = tokens[index].lstrip("\n")
        index += 1
        if token.startswith(_COMMIT_MARK):
            apply()
            commit, _, stamp = token[1:].partition(" ")
            time = int(stamp)
            entries, lines = [], {}
        elif token.startswith(":"):  # :mode mode hash hash STATUS, then one path or two
            status = token.rsplit(" ", 1)[-1]
            if status[:1] in ("R", "C"):
                before, after = tokens[index], tokens[index + 1]
                index += 2
            else:
                before = after = tokens[index]
                index += 1
            entries.append((status, before, after))
        elif token:  # added TAB removed TAB path, or TAB then the two paths of a rename
            added, removed, path = token.split("\t", 2)
            if not path:
                path = tokens[index + 1]
                index += 2
            lines[path] = _count(added) + _count(removed)
    apply()
    return history


def _count(field: str) -> int:
    return int(field) if field.isdigit() else 0  # `-` for a binary file
