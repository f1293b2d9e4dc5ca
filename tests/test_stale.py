"""Stale translations (`langs --stale`) and a source's changes since a translation (`diff`), on
git repositories whose histories the tests make, commit by commit, with set dates."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from glossary_cli.errors import ExitStatus
from glossary_cli.reading.source_commit import source_commit

from conftest import MDN, Run, article, has_escape

GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="git is not installed")


class Repo:
    """A git repository in a temporary folder, its articles under `arts/`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.articles = path / "arts"
        self.articles.mkdir(parents=True)
        self.env = {
            "PATH": os.environ.get("PATH", os.defpath),
            "HOME": str(path),
            "GIT_CONFIG_NOSYSTEM": "1",
            "LC_ALL": "C",
        }
        self.git("init", "-q")

    def git(self, *args: str, date: str = "2024-01-01T00:00:00Z") -> str:
        env = dict(self.env, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
        command = [GIT or "git", "-c", "user.name=T", "-c", "user.email=t@example.com", *args]
        done = subprocess.run(
            command, cwd=self.path, env=env, capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    def write(self, slug: str, lang: str, text: str) -> Path:
        path = self.articles / slug / f"{lang}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def commit(self, date: str, message: str = "change") -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, date=date)
        return self.git("rev-parse", "HEAD")


def english(*paragraphs: str) -> str:
    return article("Term", "\n\n".join(paragraphs) + "\n")


def translated(title: str, body: str, source: str | None = None) -> str:
    meta = f"---\ntitle: {title}\n" + (f"l10n:\n  sourceCommit: {source}\n" if source else "")
    return meta + "---\n\n" + body + "\n"


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    if GIT is None:
        pytest.skip("git is not installed")
    return Repo(tmp_path / "repo")


def stale(
    run: Callable[..., Run], repo: Repo, *args: str, env: dict[str, str] | None = None
) -> Run:
    return run("--articles", str(repo.articles), "langs", "--stale", *args, env=env)


# -- by dates ------------------------------------------------------------------------------------


@needs_git
def test_a_translation_older_than_its_source_by_date_is_stale(
    repo: Repo, run: Callable[..., Run]
) -> None:
    repo.write("term", "en", english("One."))
    repo.write("term", "it", translated("Termine", "Uno."))
    repo.write("term", "fi", translated("Termi", "Yksi."))
    made = repo.commit("2024-01-01T00:00:00Z")
    repo.write("term", "en", english("One.", "Two."))
    repo.commit("2024-02-01T00:00:00Z")
    repo.write("term", "en", english("One, changed.", "Two."))
    repo.commit("2024-03-01T00:00:00Z")
    repo.write("term", "fi", translated("Termi", "Yksi.", None) + "\nKaksi.\n")
    repo.commit("2024-04-01T00:00:00Z")  # fi caught up: newer than its source

    result = stale(run, repo)

    assert result.exit_code == 0, result.stderr
    # 2 commits: 2 lines added, then 1 removed and 1 added
    assert result.stdout == f"term\tit\ten\t2\t4\t{made}\tdate\t-\n"
    assert result.stderr == ""


@needs_git
def test_one_article_alone_by_its_slug_or_title(repo: Repo, run: Callable[..., Run]) -> None:
    for slug in ("alpha", "beta"):
        repo.write(slug, "en", english("One."))
        repo.write(slug, "it", translated("Titolo " + slug, "Uno."))
    repo.commit("2024-01-01T00:00:00Z")
    for slug in ("alpha", "beta"):
        repo.write(slug, "en", english("Two."))
    repo.commit("2024-02-01T00:00:00Z")

    assert stale(run, repo).stdout.count("\n") == 2
    assert stale(run, repo, "beta").stdout.startswith("beta\tit\t")
    assert stale(run, repo, "Titolo alpha").stdout.startswith("alpha\tit\t")


# -- by l10n.sourceCommit ------------------------------------------------------------------------


@needs_git
def test_the_source_commit_a_translation_names_decides_over_dates(
    repo: Repo, run: Callable[..., Run]
) -> None:
    repo.write("term", "en", english("One."))
    first = repo.commit("2024-01-01T00:00:00Z")
    repo.write("term", "en", english("One.", "Two."))
    second = repo.commit("2024-02-01T00:00:00Z")
    # Both committed after the last change to the source: by date, neither would be stale.
    repo.write("term", "de", translated("Begriff", "Eins.", first))
    repo.write("term", "fr", translated("Terme", "Un. Deux.", second[:10]))  # abbreviated
    repo.commit("2024-03-01T00:00:00Z")

    result = stale(run, repo)

    assert result.stdout == f"term\tde\ten\t1\t2\t{first}\tsourceCommit\t-\n"
    data = json.loads(stale(run, repo, "--format", "json").stdout)
    assert data["compared"] == 2
    assert data["stale"][0]["since"] == "2024-01-01T00:00:00Z"


@needs_git
def test_a_source_commit_from_another_repository_is_a_note_and_dates_decide(
    repo: Repo, run: Callable[..., Run]
) -> None:
    elsewhere = "2547f622337d6cbf8c3794776b17ed377d6aad57"  # MDN's: in the English repository
    repo.write("term", "en", english("One."))
    repo.write("term", "de", translated("Begriff", "Eins.", elsewhere))
    repo.write("term", "fr", translated("Terme", "Un.", elsewhere))
    made = repo.commit("2024-01-01T00:00:00Z")
    repo.write("term", "en", english("Two."))
    repo.commit("2024-02-01T00:00:00Z")

    result = stale(run, repo)

    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"term\tde\ten\t1\t2\t{made}\tdate\t-",
        f"term\tfr\ten\t1\t2\t{made}\tdate\t-",
    ]
    (note,) = result.stderr.splitlines()
    assert "2 translations name an l10n.sourceCommit that is not in its history" in note


# -- renames, uncommitted edits, roots that are no git tree ---------------------------------------


@needs_git
def test_a_renamed_term_keeps_its_history_and_diff_names_the_old_path(
    repo: Repo, run: Callable[..., Run]
) -> None:
    repo.write("old-name", "en", english("One."))
    repo.write("old-name", "it", translated("Termine", "Uno."))
    made = repo.commit("2024-01-01T00:00:00Z")
    repo.write("old-name", "en", english("One.", "Two."))
    repo.commit("2024-02-01T00:00:00Z")
    repo.git("mv", "arts/old-name", "arts/new-name")
    repo.commit("2024-03-01T00:00:00Z")  # a rename changes no line: the translation is not newer

    assert stale(run, repo).stdout == f"new-name\tit\ten\t1\t2\t{made}\tdate\t-\n"
    result = run("--articles", str(repo.articles), "diff", "new-name", "--lang", "it")
    assert result.exit_code == 0, result.stderr
    assert "rename from arts/old-name/en.md\nrename to arts/new-name/en.md\n" in result.stdout
    assert result.stdout.endswith(" One.\n+\n+Two.\n")
    data = json.loads(
        run("-a", str(repo.articles), "diff", "new-name", "-l", "it", "-f", "json").stdout
    )
    assert data["base_path"] == "arts/old-name/en.md"
    assert data["source_path"] == "arts/new-name/en.md"


@needs_git
def test_uncommitted_edits_are_flagged_not_counted_and_new_files_are_not_compared(
    repo: Repo, run: Callable[..., Run]
) -> None:
    repo.write("term", "en", english("One."))
    repo.write("term", "it", translated("Termine", "Uno."))
    made = repo.commit("2024-01-01T00:00:00Z")
    repo.write("term", "en", english("Two."))
    repo.commit("2024-02-01T00:00:00Z")
    repo.write("term", "it", translated("Termine", "Due."))  # translated, not yet committed
    repo.write("term", "sv", translated("Term", "Ett."))  # never committed

    result = stale(run, repo)

    assert result.stdout == f"term\tit\ten\t1\t2\t{made}\tdate\tedited\n"
    assert result.stderr.splitlines() == [
        f"glossary: warning: {repo.articles}: 1 translation not compared: not committed, "
        "or the source not committed"
    ]


@needs_git
def test_a_root_that_is_no_git_tree_is_a_note_not_an_error(
    tmp_path: Path, run: Callable[..., Run]
) -> None:
    root = tmp_path / "plain"
    (root / "term").mkdir(parents=True)
    (root / "term" / "en.md").write_text(english("One."), encoding="utf-8")
    (root / "term" / "it.md").write_text(translated("Termine", "Uno."), encoding="utf-8")

    result = run("--articles", str(root), "langs", "--stale")

    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == (
        f"glossary: warning: {root} is not in a git working tree; "
        "its translations are not compared\n"
    )
    diff = run("--articles", str(root), "diff", "term", "--lang", "it")
    assert diff.exit_code == ExitStatus.NOT_FOUND
    assert diff.stderr == f"glossary: error: {root} is not in a git working tree\n"


@needs_git
def test_a_repository_without_commits_is_a_note(repo: Repo, run: Callable[..., Run]) -> None:
    repo.write("term", "en", english("One."))
    repo.write("term", "it", translated("Termine", "Uno."))

    result = stale(run, repo)

    assert (result.exit_code, result.stdout) == (0, "")
    assert "is in a git repository without commits" in result.stderr


def test_no_git_installed_is_one_error_line_and_exit_4(
    tmp_path: Path, run: Callable[..., Run]
) -> None:
    root = tmp_path / "arts"
    (root / "term").mkdir(parents=True)
    (root / "term" / "en.md").write_text(english("One."), encoding="utf-8")
    (root / "term" / "it.md").write_text(translated("Termine", "Uno."), encoding="utf-8")
    empty = tmp_path / "bin"
    empty.mkdir()

    for args in (["langs", "--stale"], ["diff", "term", "--lang", "it"]):
        result = run("--articles", str(root), *args, env={"PATH": str(empty)})
        assert result.exit_code == ExitStatus.TOOL_MISSING == 4
        assert result.stderr == (
            "glossary: error: git is not installed (or not on PATH): it is needed to read history\n"
        )


# -- diff ----------------------------------------------------------------------------------------


@needs_git
def test_diff_shows_the_source_since_the_commit_the_translation_names(
    repo: Repo, run: Callable[..., Run]
) -> None:
    repo.write("term", "en", english("One."))
    first = repo.commit("2024-01-01T00:00:00Z")
    repo.write("term", "en", english("One.", "Two."))
    repo.commit("2024-02-01T00:00:00Z")
    repo.write("term", "de", translated("Begriff", "Eins.", first))
    repo.write("term", "fr", translated("Terme", "Un.\n\nDeux."))
    repo.commit("2024-03-01T00:00:00Z")
    articles = str(repo.articles)

    result = run("-a", articles, "diff", "term", "--lang", "de")
    assert result.exit_code == 0
    assert result.stdout.startswith("diff --git a/arts/term/en.md b/arts/term/en.md\n")
    assert result.stdout.endswith("@@ -2,3 +2,5 @@\n title: Term\n ---\n One.\n+\n+Two.\n")

    current = run("-a", articles, "diff", "term", "--lang", "fr")  # up to date: nothing
    assert (current.exit_code, current.stdout, current.stderr) == (0, "", "")
    rich = run("-a", articles, "diff", "term", "--lang", "fr", "--format", "rich")
    assert rich.stdout == "term (fr) is up to date with en.\n"

    coloured = run("-a", articles, "diff", "term", "-l", "de", "-f", "rich", "--color", "always")
    assert "\x1b[32m+Two.\x1b[0m" in coloured.stdout
    markdown = run("-a", articles, "diff", "term", "-l", "de", "-f", "markdown").stdout
    assert markdown.startswith("```diff\n") and markdown.endswith("+Two.\n```\n")

    source = run("-a", articles, "diff", "term", "--lang", "en")
    assert source.exit_code == ExitStatus.USAGE and "en is the source language" in source.stderr
    absent = run("-a", articles, "diff", "term", "--lang", "ja")
    assert (absent.exit_code, absent.stderr) == (
        ExitStatus.NOT_FOUND,
        "glossary: error: term is not available in ja\n",
    )


@needs_git
def test_no_escape_sequence_from_a_source_reaches_the_output(
    repo: Repo, run: Callable[..., Run]
) -> None:
    repo.write("term", "en", english("One."))
    repo.write("term", "it", translated("Termine", "Uno."))
    repo.commit("2024-01-01T00:00:00Z")
    repo.write("term", "en", english("One.", "\x1b]8;;http://evil\x1b\\Two\x1b[2J\u202e."))
    repo.commit("2024-02-01T00:00:00Z")

    for fmt in ("plain", "rich", "markdown"):
        result = run("-a", str(repo.articles), "diff", "term", "-l", "it", "-f", fmt)
        assert result.exit_code == 0
        assert "Two" in result.stdout
        assert not has_escape(result.stdout) and "\u202e" not in result.stdout


# -- cost: git runs a fixed number of times, and only for these commands -------------------------


def counting_git(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """A PATH whose `git` logs each run, then runs the real one."""
    log = tmp_path / "git-runs.log"
    bin_dir = tmp_path / "counting-bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "git"
    wrapper.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\nexec "{GIT}" "$@"\n')
    wrapper.chmod(0o755)
    return {"PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}, log


@needs_git
@pytest.mark.parametrize("terms", [3, 60])
def test_git_runs_as_often_for_sixty_terms_as_for_three(
    repo: Repo, tmp_path: Path, run: Callable[..., Run], terms: int
) -> None:
    first = ""
    for number in range(terms):
        repo.write(f"term-{number}", "en", english("One."))
        repo.write(f"term-{number}", "it", translated("Termine", "Uno."))
        repo.write(f"term-{number}", "de", translated("Begriff", "Eins.", first or None))
    first = repo.commit("2024-01-01T00:00:00Z")
    for number in range(terms):
        repo.write(f"term-{number}", "en", english("Two."))
        repo.write(f"term-{number}", "de", translated("Begriff", "Eins.", first))
    repo.commit("2024-02-01T00:00:00Z")
    env, log = counting_git(tmp_path)

    result = stale(run, repo, env=env)

    assert result.stdout.count("\tit\t") == terms and result.stdout.count("\tde\t") == terms
    # rev-parse, log, status, and rev-list for the sourceCommits: whatever the number of files
    assert len(log.read_text().splitlines()) == 4


@needs_git
@pytest.mark.parametrize(
    "args", [["langs"], ["langs", "term"], ["show", "term"], ["list"], ["langs", "--missing", "de"]]
)
def test_other_commands_never_run_git(
    repo: Repo, tmp_path: Path, run: Callable[..., Run], args: list[str]
) -> None:
    repo.write("term", "en", english("One."))
    repo.commit("2024-01-01T00:00:00Z")
    env, log = counting_git(tmp_path)

    assert run("--articles", str(repo.articles), *args, env=env).exit_code == 0
    assert not log.exists()


@pytest.mark.parametrize("command", [["langs"], ["show", "inside-sales"], ["langs", "--explain"]])
def test_other_commands_do_not_import_the_history_module(
    tmp_path: Path, command: list[str]
) -> None:
    from test_imports import modules_loaded

    loaded = modules_loaded(tmp_path, *command)
    assert "glossary_cli.cli.app" in loaded  # the probe ran
    assert not loaded & {"glossary_cli.library.history", "glossary_cli.commands.stale"}


# -- l10n.sourceCommit, read by lines -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\ntitle: T\nl10n:\n  sourceCommit: ABCDEF1234\n---\n", "abcdef1234"),
        ("---\nl10n:\n  other: 1\n  sourceCommit: 'abcdef1'  # quoted\n---\n", "abcdef1"),
        ("---\nl10n:\n  deep:\n    sourceCommit: abcdef1\n---\n", None),
        ("---\nsourceCommit: abcdef1\n---\n", None),
        ("---\nl10n:\n  sourceCommit: not-a-hash\n---\n", None),
        ("---\nl10n:\n  sourceCommit: abcdef1\n", None),  # never closed: no frontmatter
        ("title: T\nl10n:\n  sourceCommit: abcdef1\n", None),
    ],
)
def test_the_source_commit_read_by_lines(text: str, expected: str | None) -> None:
    assert source_commit(text) == expected


@pytest.mark.skipif(not MDN.is_dir(), reason=f"the MDN corpus is not at {MDN}")
def test_the_line_reader_agrees_with_the_parser_on_the_mdn_corpus() -> None:
    import yaml

    from glossary_cli.reading.frontmatter import split

    read = 0
    for path in sorted(MDN.glob("*/*.md")):
        text = path.read_text(encoding="utf-8")
        yaml_text, _, _ = split(text)
        meta = yaml.safe_load(yaml_text) if yaml_text else None
        l10n = meta.get("l10n") if isinstance(meta, dict) else None
        expected = l10n.get("sourceCommit") if isinstance(l10n, dict) else None
        assert source_commit(text) == (str(expected).lower() if expected else None), path
        read += expected is not None
    assert read > 600  # MDN's translations name their source commit


@needs_git
def test_glossary_toml_names_the_source_language(repo: Repo, run: Callable[..., Run]) -> None:
    """A root translated from Italian: its glossary.toml says so, and English is a translation."""
    (repo.articles / "glossary.toml").write_text('source_language = "it"\n')
    repo.write("term", "it", translated("Termine", "Uno."))
    repo.write("term", "en", english("One."))
    repo.commit("2024-01-01T00:00:00Z")
    repo.write("term", "it", translated("Termine", "Uno.") + "\nDue.\n")
    repo.commit("2024-02-01T00:00:00Z")

    result = stale(run, repo, "--format", "json")

    assert result.exit_code == 0, result.stderr
    (row,) = json.loads(result.stdout)["stale"]
    assert (row["slug"], row["lang"], row["source"], row["commits"]) == ("term", "en", "it", 1)


@needs_git
def test_a_language_first_root_is_compared_whole(repo: Repo, run: Callable[..., Run]) -> None:
    """Hugo's content/<lang>/<slug>.md and page bundles: every translation compared, as in a
    slug-first root (the review found `langs --stale` comparing none of them)."""
    content = repo.articles / "content"
    for relative, text in {
        "en/term.md": english("One."),
        "it/term.md": translated("Termine", "Uno."),
        "en/other/index.md": english("Other."),
        "zh-cn/other/index.md": translated("其他", "其他。"),
    }.items():
        (content / relative).parent.mkdir(parents=True, exist_ok=True)
        (content / relative).write_text(text, encoding="utf-8")
    repo.commit("2024-01-01T00:00:00Z")
    (content / "en" / "term.md").write_text(english("One.", "Two."), encoding="utf-8")
    (content / "en" / "other" / "index.md").write_text(english("Other, changed."))
    repo.commit("2024-02-01T00:00:00Z")

    result = stale(run, repo, "--format", "json")

    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["compared"] == 2
    assert [(row["slug"], row["lang"]) for row in found["stale"]] == [
        ("other", "zh-CN"),
        ("term", "it"),
    ]
