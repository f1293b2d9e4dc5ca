"""`glossary check` in CI and pre-commit: files as well as folders, a wrong folder is exit 2,
GitHub Actions annotations, and the repository's .pre-commit-hooks.yaml."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from glossary_cli.results import Finding
from glossary_cli.views.github import annotation

from conftest import REPO, article, write_article

BROKEN = "---\ntitle: [x\n---\n"


def test_a_folder_with_no_articles_is_a_usage_error(run, tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("# Notes\n")
    result = run("check", str(tmp_path))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"glossary: error: {tmp_path} holds no articles in any layout glossary reads"
        " (see docs/layouts.md)\n"
    )


def test_the_folder_above_a_root_names_the_root(run, tmp_path: Path) -> None:
    root = tmp_path / "glossary"
    write_article(root, "api", "en", article("API", "Text.\n"))
    (tmp_path / "README.md").write_text("# A repository\n")
    result = run("check", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"glossary: error: {tmp_path} holds no articles in any layout glossary reads; "
        f"{root} does: is that the article root?\n"
    )
    good = run("check", str(root))
    assert (good.exit_code, good.stdout) == (0, "")
    # One wrong folder among good ones still fails: a CI step must not pass on a typo.
    both = run("check", str(root), str(tmp_path / "glossary" / "api"))
    assert both.exit_code == 2


def test_a_root_whose_articles_cannot_be_read_is_no_usage_error(run, tmp_path: Path) -> None:
    write_article(tmp_path, "api", "en", BROKEN)
    result = run("check", str(tmp_path))
    assert result.exit_code == 1
    assert "invalid frontmatter" in result.stdout


def test_only_the_folders_given_are_checked(run, tmp_path: Path) -> None:
    other, mine = tmp_path / "other", tmp_path / "mine"
    write_article(other, "bad", "en", BROKEN)
    write_article(mine, "good", "en", article("Good", "[x](/inside-sales)\n"))
    result = run("check", str(mine), env={"GLOSSARY_PATH": str(other)})
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert run("check", env={"GLOSSARY_PATH": str(other)}).exit_code == 1


def test_files_are_checked_with_their_term(run, tree: Path) -> None:
    sections = "## One\n\nx\n\n## Two\n\ny\n"
    en = write_article(tree, "api", "en", article("API", sections + "[r](/rest)\n"))
    de = write_article(tree, "api", "de", article("API", "## Eins\n\nx\n"))
    fr = write_article(tree, "api", "fr", article("API", sections))
    write_article(tree, "other", "en", BROKEN)  # not given: not checked
    result = run("check", str(de), str(en))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{de}: warning: 1 section, while en.md, fr.md have 2",
        f"{en}:11: warning: links to 'rest' (/rest), which the library lacks",
    ]
    assert run("check", str(fr)).stdout == ""
    rich = run("check", str(fr), "--format", "rich")
    assert rich.stdout == "No problems in 1 file, 1 term.\n"


def test_files_that_are_no_articles(run, tree: Path) -> None:
    readme = tree / "api" / "README.md"
    write_article(tree, "api", "en", article("API", "x\n"))
    readme.write_text("Notes.\n")
    notes, english = tree / "notes.txt", tree / "api" / "english.md"
    notes.write_text("x")
    english.write_text("# English\n")
    result = run("check", str(readme), str(notes), str(english))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [  # README.md passes quietly, as in a tree
        f"{english}: warning: the name is not a language tag; not read",
        f"{notes}: warning: not an article file (<lang>.md); not read",
    ]
    missing = run("check", str(tree / "api" / "de.md"))
    assert missing.exit_code == 2
    assert "de.md does not exist" in " ".join(missing.stderr.replace("\u2502", " ").split())


def test_github_annotations(run, tmp_path: Path) -> None:
    root = tmp_path / "team,one:two"
    write_article(root, "api", "en", BROKEN)
    write_article(root, "api", "de", article("API", "[r](/rest)\n"))
    result = run("check", str(root), "--format", "github")
    assert result.exit_code == 1
    file = str(root).replace(",", "%2C").replace(":", "%3A")
    assert result.stdout.splitlines() == [
        f"::warning file={file}/api/de.md,line=4::links to 'rest' (/rest), which the library lacks",
        f"::error file={file}/api/en.md,line=3::invalid frontmatter: while parsing a flow "
        "sequence; expected ',' or ']', but got '<stream end>'",
    ]


def test_github_escapes_what_ends_a_command() -> None:
    finding = Finding("a%b,c:d\n.md", None, "warning", "50% done\r\nnext: a, b")
    assert annotation(finding) == "::warning file=a%25b%2Cc%3Ad%0A.md::50%25 done%0D%0Anext: a, b"


# -- pre-commit ---------------------------------------------------------------------------------

HOOKS = REPO / ".pre-commit-hooks.yaml"


def hook() -> dict[str, object]:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    found = hooks[0]
    assert isinstance(found, dict)
    return found


def test_the_pre_commit_hook_is_well_formed() -> None:
    found = hook()
    # What pre-commit requires of a hook, and what it installs it with.
    assert {"id", "name", "entry", "language"} <= set(found)
    assert found["id"] == "glossary-check"
    assert found["language"] == "python"  # pre-commit pip-installs this repository
    assert shlex.split(str(found["entry"]))[0] == "glossary"  # our console script
    # The root is checked whole (translations are compared; a language-first root's files are
    # named by their folders), when a commit changes a Markdown file.
    assert found["pass_filenames"] is False
    assert re.search(str(found["files"]), "glossary/api/en.md")
    assert not re.search(str(found["files"]), "docs/notes.txt")


def test_the_hook_runs_check_on_the_root_of_a_repository(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As pre-commit calls it: the entry and its args, in the repository's root."""
    write_article(tmp_path / "glossary", "api", "en", BROKEN)
    write_article(tmp_path / "glossary", "api", "de", article("API", "x\n"))
    write_article(tmp_path / "glossary", "cache", "en", article("Cache", "x\n"))
    (tmp_path / "glossary" / "api" / "README.md").write_text("Notes.\n")
    (tmp_path / "README.md").write_text("# Our glossary\n")
    monkeypatch.chdir(tmp_path)
    found = hook()
    entry = shlex.split(str(found["entry"]))
    # The articles in a folder of the repository: the hook's args must name it, as documented.
    wrong = run(*entry[1:], *found["args"])  # type: ignore[misc]
    assert wrong.exit_code == 2
    assert "glossary does: is that the article root?" in wrong.stderr
    command = [*entry, "glossary"]
    result = run(*command[1:])
    assert result.exit_code == 1  # pre-commit fails the commit
    assert result.stdout.splitlines() == [
        "glossary/api/en.md:3: error: invalid frontmatter: while parsing a flow sequence; "
        "expected ',' or ']', but got '<stream end>'",
        "glossary/cache: warning: no translation in de, which other terms here have",
    ]
    (tmp_path / "glossary" / "api" / "en.md").write_text(article("API", "x\n"))
    fixed = run(*command[1:])
    assert (fixed.exit_code, fixed.stderr) == (0, "")  # warnings alone pass
