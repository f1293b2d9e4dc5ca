"""`glossary source add/list/remove` and `update` with git sources: local bare repositories
whose histories the tests make, reached through file:// (never the internet)."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from glossary_cli.errors import ExitStatus
from glossary_cli.sources import fetch_git

from conftest import Run, article
from git_repos import Repo, git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    made = Repo(tmp_path / "remote")
    made.write("cluster/en.md", article("Cluster", "A group of [nodes](/node/)."))
    made.write("cluster/it.md", article("Cluster (it)", "Un gruppo di nodi."))
    made.write("node/en.md", article("Node", "One machine."))
    made.write("README.md", "Not a term.\n")
    made.commit("first")
    return made


def data_dir() -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "glossary" / "sources"


def test_add_then_show_search_links_check_and_list(repo: Repo, run: Callable[..., Run]) -> None:
    added = run("source", "add", "team", repo.url)
    assert added.exit_code == 0, added.stderr
    revision = git("rev-parse", "HEAD", cwd=repo.work)
    assert added.stdout.split("\t") == [
        "team",
        repo.url,
        "2",
        "en,it",
        added.stdout.split("\t")[4],
        revision,
        "slug-first: <slug>/<lang>.md (detected)\n",
    ]
    assert run("show", "cluster", "--lang", "it").stdout.startswith("Cluster (it)\n")
    assert run("search", "machine").stdout.startswith("node\ten\tNode")
    assert run("links", "cluster", "--lang", "en").stdout == "nodes\t/node/\tarticle\n"
    assert run("check").exit_code == 0
    listed = run("source", "list")
    assert listed.stdout == added.stdout
    config = run("config").stdout
    assert f"paths\t{data_dir() / 'team' / 'tree'}\tsource team\n" in config


def test_sources_come_after_glossary_path_and_before_the_bundle(
    repo: Repo, run: Callable[..., Run], tree: Path
) -> None:
    (tree / "cluster").mkdir()
    (tree / "cluster" / "en.md").write_text(article("Mine", "Mine."), encoding="utf-8")
    repo.write("inside-sales/en.md", article("Source's inside sales", "From the source."))
    repo.commit()
    assert run("source", "add", "team", repo.url).exit_code == 0
    assert run(
        "show", "cluster", "--lang", "en", env={"GLOSSARY_PATH": str(tree)}
    ).stdout.startswith("Mine\n")
    assert run("show", "inside-sales", "--lang", "en").stdout.startswith("Source's inside sales")


def test_update_says_what_changed_and_the_index_follows(
    repo: Repo, run: Callable[..., Run]
) -> None:
    assert run("source", "add", "team", repo.url).exit_code == 0
    assert run("search", "machine").exit_code == 0  # the index is built with the first copy
    repo.write("pod/en.md", article("Pod", "A unit of deployment."))
    repo.write("cluster/it.md", article("Cluster (it)", "Un gruppo di macchine."))
    repo.remove("node")
    revision = repo.commit("second")
    updated = run("update")
    assert updated.exit_code == 0, updated.stderr
    assert updated.stdout == f"team\tupdated\t1\t1\t1\t{revision}\n"
    assert run("search", "deployment").stdout.startswith("pod\ten\tPod")
    assert run("search", "machine").exit_code == 1
    assert run("show", "node").exit_code == 1
    again = run("update", "team", "--format", "json")
    assert '"status": "unchanged"' in again.stdout


def test_update_reports_the_slugs_in_json(repo: Repo, run: Callable[..., Run]) -> None:
    assert run("source", "add", "team", repo.url).exit_code == 0
    repo.write("pod/en.md", article("Pod", "A pod."))
    repo.commit()
    import json

    (one,) = json.loads(run("update", "--format", "json").stdout)["sources"]
    assert (one["added"], one["changed"], one["removed"]) == (["pod"], [], [])


def test_ref_and_subdir(repo: Repo, run: Callable[..., Run]) -> None:
    repo.write("content/glossary/pod/en.md", article("Pod on stable", "Stable."))
    repo.commit("stable", branch="stable")
    added = run(
        "source", "add", "team", repo.url, "--ref", "stable", "--subdir", "content/glossary"
    )
    assert added.exit_code == 0, added.stderr
    assert added.stdout.split("\t")[2:4] == ["1", "en"]
    assert run("show", "pod").stdout.startswith("Pod on stable")
    assert run("show", "cluster").exit_code == 1  # outside the subfolder: not read


def test_a_repository_without_articles_is_refused_and_nothing_is_left(
    tmp_path: Path, run: Callable[..., Run]
) -> None:
    empty = Repo(tmp_path / "empty")
    empty.write("README.md", "# Just a readme\n")
    empty.commit()
    result = run("source", "add", "team", empty.url)
    assert result.exit_code == ExitStatus.SOURCE_REFUSED
    assert result.stderr == (
        f"glossary: error: {empty.url} holds no articles in any layout glossary reads;"
        " nothing taken\n"
    )
    assert [p.name for p in data_dir().iterdir()] == [".lock"]


def test_a_missing_subdir_is_refused(repo: Repo, run: Callable[..., Run]) -> None:
    result = run("source", "add", "team", repo.url, "--subdir", "docs")
    assert result.exit_code == ExitStatus.SOURCE_REFUSED
    assert "has no folder docs" in result.stderr
    assert not (data_dir() / "team").exists()


def test_no_repository_there(tmp_path: Path, run: Callable[..., Run]) -> None:
    url = (tmp_path / "nothing.git").as_uri()
    result = run("source", "add", "team", url)
    assert result.exit_code == ExitStatus.FETCH_FAILED
    assert result.stderr.startswith(f"glossary: error: no git repository there: {url} (git: ")
    assert result.stderr.count("\n") == 1


def test_no_branch_of_that_name(repo: Repo, run: Callable[..., Run]) -> None:
    result = run("source", "add", "team", repo.url, "--ref", "nosuch")
    assert result.exit_code == ExitStatus.FETCH_FAILED
    assert result.stderr.startswith("glossary: error: no such branch or tag: ")


def test_no_git_installed(repo: Repo, run: Callable[..., Run], tmp_path: Path) -> None:
    result = run("source", "add", "team", repo.url, env={"PATH": str(tmp_path / "empty-bin")})
    assert result.exit_code == ExitStatus.FETCH_FAILED
    assert result.stderr == (
        "glossary: error: git is not installed (no 'git' program on PATH); it fetches git sources\n"
    )


@pytest.mark.parametrize(
    "where",
    ["ext::sh -c touch% /tmp/owned", "http://example.org/glossary.git", "ftp://example.org/g.zip"],
)
def test_protocols_other_than_https_ssh_git_file_are_refused(
    where: str, run: Callable[..., Run]
) -> None:
    result = run("source", "add", "team", where)
    assert result.exit_code == ExitStatus.USAGE
    assert not (data_dir() / "team").exists()


def test_git_is_run_without_the_users_settings_hooks_or_templates(
    repo: Repo, run: Callable[..., Run], tmp_path: Path
) -> None:
    """A template folder with a hook, named by GIT_TEMPLATE_DIR and by the user's git settings,
    runs nothing; a URL that starts with a dash is no option (it comes after `--`)."""
    ran = tmp_path / "hook-ran"
    hooks = tmp_path / "template" / "hooks"
    hooks.mkdir(parents=True)
    hook = hooks / "post-checkout"
    hook.write_text(f"#!/bin/sh\ntouch {ran}\n")
    hook.chmod(0o755)
    home = tmp_path / "home"
    home.mkdir()
    (home / ".gitconfig").write_text(
        f"[init]\n\ttemplateDir = {tmp_path / 'template'}\n[core]\n\thooksPath = {hooks}\n"
    )
    env = {"GIT_TEMPLATE_DIR": str(tmp_path / "template"), "HOME": str(home)}
    assert run("source", "add", "team", repo.url, env=env).exit_code == 0
    assert not ran.exists()
    assert not (data_dir() / "team" / "tree" / ".git" / "hooks" / "post-checkout").exists()
    environment = fetch_git.git_environment(
        {"GIT_DIR": "/x", "GIT_CONFIG_PARAMETERS": "'core.x=1'", "GIT_SSH_COMMAND": "ssh -v"},
        terminal=False,
    )
    assert "GIT_DIR" not in environment and "GIT_CONFIG_PARAMETERS" not in environment
    assert environment["GIT_SSH_COMMAND"] == "ssh -v"  # how to reach a server stays the user's
    assert environment["GIT_ALLOW_PROTOCOL"] == "https:ssh:git:file"
    assert environment["GIT_TERMINAL_PROMPT"] == "0"
    assert "GIT_TERMINAL_PROMPT" not in fetch_git.git_environment({}, terminal=True)


def test_a_symbolic_link_in_the_repository_is_checked_out_as_a_file(
    repo: Repo, run: Callable[..., Run]
) -> None:
    os.symlink("/etc/passwd", repo.work / "cluster" / "fr.md")
    repo.commit()
    assert run("source", "add", "team", repo.url).exit_code == 0
    checked_out = data_dir() / "team" / "tree" / "cluster" / "fr.md"
    assert not checked_out.is_symlink()
    assert checked_out.read_text() == "/etc/passwd"


def test_names_are_checked_and_a_source_is_added_once(repo: Repo, run: Callable[..., Run]) -> None:
    for bad in ("../up", "Team", "-x", "a/b", ".hidden"):
        assert run("source", "add", "--", bad, repo.url).exit_code == ExitStatus.USAGE, bad
    assert run("source", "add", "team", repo.url).exit_code == 0
    again = run("source", "add", "team", repo.url)
    assert again.exit_code == ExitStatus.USAGE
    assert "there is a source 'team' already" in again.stderr


def test_remove(repo: Repo, run: Callable[..., Run]) -> None:
    assert run("source", "add", "team", repo.url).exit_code == 0
    assert run("source", "remove", "team").exit_code == 0
    assert run("show", "cluster").exit_code == 1
    assert run("source", "list").stdout == ""
    gone = run("source", "remove", "team")
    assert gone.exit_code == ExitStatus.NOT_FOUND
    assert gone.stderr == "glossary: error: no source 'team' (there are no sources)\n"
    assert run("update", "team").exit_code == ExitStatus.NOT_FOUND


def test_a_local_repository_path_is_cloned(repo: Repo, run: Callable[..., Run]) -> None:
    added = run("source", "add", "team", str(repo.work))
    assert added.exit_code == 0, added.stderr
    assert added.stdout.split("\t")[1] == repo.work.as_uri()
    plain = repo.work.parent / "plain"
    plain.mkdir()
    refused = run("source", "add", "plain", str(plain))
    assert refused.exit_code == ExitStatus.USAGE
    assert "is a folder but no git repository" in refused.stderr


def test_leftovers_of_an_interrupted_run_are_cleaned_or_put_back(
    repo: Repo, run: Callable[..., Run]
) -> None:
    assert run("source", "add", "team", repo.url).exit_code == 0
    sources = data_dir()
    (sources / ".new.half").mkdir()  # an add killed while fetching
    (sources / ".gone.old").mkdir()  # a remove killed while deleting
    os.rename(sources / "team", sources / ".old.team")  # an update killed between its renames
    assert run("show", "cluster").exit_code == 1  # not read while it is put aside
    assert run("update").stdout.startswith("team\tunchanged\t")
    assert sorted(p.name for p in sources.iterdir()) == [".lock", "team"]
    assert run("show", "cluster").exit_code == 0


def test_a_failed_update_keeps_the_copy_and_updates_the_others(
    repo: Repo, run: Callable[..., Run], tmp_path: Path
) -> None:
    other = Repo(tmp_path / "other")
    other.write("pod/en.md", article("Pod", "A pod."))
    other.commit()
    assert run("source", "add", "a-team", repo.url).exit_code == 0
    assert run("source", "add", "b-team", other.url).exit_code == 0
    shutil.rmtree(repo.bare)
    other.write("pod/en.md", article("Pod", "A pod, changed."))
    other.commit()
    result = run("update")
    assert result.exit_code == ExitStatus.FETCH_FAILED
    assert result.stderr.startswith("glossary: error: a-team: no git repository there: ")
    assert result.stdout.splitlines()[0].startswith("a-team\tfailed\t0\t0\t0\t")
    assert result.stdout.splitlines()[1].startswith("b-team\tupdated\t0\t1\t0\t")
    assert run("show", "cluster").exit_code == 0


@pytest.mark.parametrize(
    "stderr, meaning",
    [
        (
            "fatal: unable to access 'https://x.invalid/g.git/': Could not resolve host: x.invalid",
            "unknown host",
        ),
        (
            "ssh: Could not resolve hostname x.invalid: Name or service not known\n"
            "fatal: Could not read from remote repository.",
            "unknown host",
        ),
        (
            "fatal: unable to access 'https://example.org/g.git/': Failed to connect to "
            "example.org port 443 after 2 ms: Couldn't connect to server",
            "cannot reach the server (no network?)",
        ),
        (
            "remote: Repository not found.\n"
            "fatal: repository 'https://github.com/a/b.git/' not found",
            "no git repository there",
        ),
        (
            "fatal: could not read Username for 'https://github.com': terminal prompts disabled",
            "the server asks for credentials",
        ),
    ],
)
def test_gits_messages_are_told_in_one_line(stderr: str, meaning: str) -> None:
    told = fetch_git.explain(stderr, "https://x.invalid/g.git")
    assert told.startswith(f"{meaning}: https://x.invalid/g.git (git: ")
    assert "\n" not in told


@pytest.mark.parametrize("columns", [80, 100])
def test_the_rich_list_fits_the_terminal(repo: Repo, run: Callable[..., Run], columns: int) -> None:
    """Seven columns do not fit in 80: the revision gives way (plain and JSON keep it), and
    the day of the update is never cut."""
    assert run("source", "add", "team", repo.url).exit_code == 0
    shown = run("source", "list", "--format", "rich", env={"COLUMNS": str(columns)})
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in shown.stdout.splitlines()]
    assert all(len(line) <= columns for line in lines)
    assert "slug-first" in lines[1] and re.search(r"\d{4}-\d\d-\d\d", lines[1])
    assert ("Revision" in lines[0]) is (columns >= 100)


def test_a_copy_deleted_by_hand_is_reported_and_fetched_again(
    repo: Repo, run: Callable[..., Run]
) -> None:
    """The server says nothing changed, but the copy is gone: `update` fetches it all the same."""
    assert run("source", "add", "team", repo.url).exit_code == 0
    shutil.rmtree(data_dir() / "team" / "tree")
    listed = run("source", "list")
    assert "its copy is missing: 'glossary update team' fetches it again" in listed.stderr
    updated = run("update", "team")
    assert updated.exit_code == 0, updated.stderr
    assert updated.stdout.split("\t")[:2] == ["team", "updated"]
    assert run("show", "cluster").exit_code == 0
    assert run("source", "list").stderr == ""


def test_update_and_source_remove_complete_the_sources_names(
    repo: Repo, run: Callable[..., Run]
) -> None:
    import subprocess
    import sys

    assert run("source", "add", "team", repo.url).exit_code == 0
    assert run("source", "add", "other", repo.url).exit_code == 0
    for line in ("glossary update ", "glossary source remove t"):
        words = line.split(" ")
        env = dict(
            os.environ,
            _GLOSSARY_COMPLETE="complete_bash",
            COMP_WORDS=line,
            COMP_CWORD=str(len(words) - 1),
        )
        done = subprocess.run(
            [sys.executable, "-m", "glossary_cli"], env=env, capture_output=True, text=True
        )
        expected = ["other", "team"] if line.endswith(" ") else ["team"]
        assert done.stdout.split() == expected, line


def test_a_subdir_without_articles_is_named(repo: Repo, run: Callable[..., Run]) -> None:
    repo.write("docs/notes.md", "Not a term.\n")
    repo.commit("notes")
    refused = run("source", "add", "team", repo.url, "--subdir", "docs")
    assert refused.exit_code == ExitStatus.SOURCE_REFUSED
    assert f"{repo.url} (docs) holds no articles" in refused.stderr
