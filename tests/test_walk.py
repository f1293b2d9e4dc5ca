"""A root with entries that cannot be read: link loops, dangling links, unreadable folders and
files, names that are not UTF-8. Each is one warning; every other article still works."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import article, write_article

COMMANDS = (
    ("langs",),
    ("langs", "--missing", "fi"),
    ("langs", "good"),
    ("check", "{root}"),
    ("list",),
    ("search", "findable"),
    ("show", "good"),
    ("sections", "good"),
)


def _library(root: Path) -> Path:
    write_article(root, "good", "en", article("Good", "## One\n\nFindable text.\n"))
    write_article(root, "other", "en", article("Other", "## One\n\nMore text.\n"))
    return root


def _loop(root: Path) -> str:
    (root / "loopa").symlink_to("loopb")
    (root / "loopb").symlink_to("loopa")
    return f"{root}/loopa: a symbolic link loop"


def _dangling(root: Path) -> str:
    (root / "dangling").symlink_to("nowhere")
    return f"{root}/dangling: a symbolic link that leads nowhere"


def _dangling_translation(root: Path) -> str:
    (root / "good" / "fi.md").symlink_to("nowhere.md")
    return f"{root}/good/fi.md: a symbolic link that leads nowhere"


def _looping_translation(root: Path) -> str:
    (root / "good" / "fi.md").symlink_to("fi.md")
    return f"{root}/good/fi.md: a symbolic link loop"


def _not_utf8_folder(root: Path) -> str:
    folder = os.fsencode(root) + b"/x\xff"
    os.mkdir(folder)
    with open(folder + b"/en.md", "w") as file:
        file.write("---\ntitle: X\n---\nx\n")
    return f"{root}/x\\xff: the name is not UTF-8 text"


def _not_utf8_file(root: Path) -> str:
    with open(os.fsencode(root) + b"/good/\xfe.md", "w") as file:
        file.write("x\n")
    return f"{root}/good/\\xfe.md: the name is not UTF-8 text"


HAZARDS = {
    "loop": _loop,
    "dangling": _dangling,
    "dangling-translation": _dangling_translation,
    "looping-translation": _looping_translation,
    "not-utf8-folder": _not_utf8_folder,
    "not-utf8-file": _not_utf8_file,
}
# What only some commands meet: a hazard in a term folder is met by the commands that list
# that folder; one at the top of the root by those that list the root.
LISTS_THE_ROOT = {("langs",), ("langs", "--missing", "fi"), ("check", "{root}")}


@pytest.mark.parametrize("hazard", HAZARDS)
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_an_entry_that_cannot_be_read_is_one_warning(run, tree, hazard, command) -> None:
    root = _library(tree)
    said = HAZARDS[hazard](root)
    args = [part.format(root=root) for part in command]
    result = run("-a", str(root), *args)
    assert "Traceback" not in result.stderr
    assert result.exit_code == 0, result.stderr
    if command in (("list",), ("search", "findable")):
        assert "good" in result.stdout  # the index skips what it cannot list, quietly
        return
    if command[0] != "check":  # which prints only problems
        assert any(word in result.stdout for word in ("good", "Good", "One"))
    in_term = "/good/" in said
    if command == ("check", "{root}"):
        assert f"{said.replace(': ', ': warning: ', 1)}; not read" in result.stdout.splitlines()
    elif in_term or command in LISTS_THE_ROOT:
        assert result.stderr.count(said) == 1, result.stderr
        assert f"glossary: warning: {said}; skipped\n" in result.stderr
    if command[0] == "langs" and len(command) == 1:
        assert "other" in result.stdout


def test_a_loop_at_the_top_of_a_root_leaves_langs_and_check_working(run, tree) -> None:
    """Finding 4 of issue 16: ELOOP from DirEntry.is_dir() was a traceback."""
    root = _library(tree)
    _loop(root)
    for args in (("langs",), ("langs", "--missing", "fi")):
        result = run("-a", str(root), *args)
        assert result.exit_code == 0, result.stderr
        assert "good" in result.stdout and "other" in result.stdout
    checked = run("check", str(root), "--format", "json")
    assert checked.exit_code == 0
    assert json.loads(checked.stdout)["terms"] == 2


def test_a_term_folder_that_loops_is_a_bad_article(run, tree) -> None:
    root = _library(tree)
    _loop(root)
    result = run("-a", str(root), "show", "loopa")
    assert result.exit_code == 3
    assert result.stderr == f"glossary: error: {root}/loopa: a symbolic link loop; not read\n"


def test_the_only_translation_linked_out_of_its_root_is_a_bad_article(run, tree) -> None:
    """Finding 8 of issue 16: `en.md -> /etc/passwd` exited 1, "no article"."""
    secret = tree.parent / "secret.md"
    secret.write_text("---\ntitle: SECRET\n---\nSECRET\n")
    (tree / "leak").mkdir()
    (tree / "leak" / "en.md").symlink_to(secret)
    for command in ("show", "sections", "langs"):
        result = run("-a", str(tree), command, "leak")
        assert result.exit_code == 3, (command, result.stderr)
        assert result.stderr == (
            f"glossary: error: {tree}/leak/en.md: a symbolic link to {secret}, "
            "outside its article root; not read\n"
        )
        assert "SECRET" not in result.stdout


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_an_unreadable_folder_and_file(run, tree) -> None:
    root = _library(tree)
    write_article(root, "locked", "en", article("Locked", "Findable too.\n"))
    write_article(root, "sealed", "en", article("Sealed", "Findable too.\n"))
    (root / "sealed" / "en.md").chmod(0)
    (root / "locked").chmod(0)
    try:
        langs = run("-a", str(root), "langs")
        assert langs.exit_code == 0
        assert "good" in langs.stdout and "sealed" in langs.stdout
        assert f"glossary: warning: {root}/locked: cannot read: Permission denied; skipped\n" in (
            langs.stderr
        )
        check = run("check", str(root))
        assert f"{root}/locked: error: cannot read: Permission denied; not read" in check.stdout
        assert f"{root}/sealed/en.md: error: cannot read" in check.stdout
        assert run("-a", str(root), "show", "sealed").exit_code == 3
        listed = run("-a", str(root), "list", "-f", "json")
        assert {"good", "other"} <= {a["slug"] for a in json.loads(listed.stdout)["articles"]}
        assert run("-a", str(root), "search", "findable").exit_code == 0
    finally:
        (root / "locked").chmod(0o755)
        (root / "sealed" / "en.md").chmod(0o644)


def test_an_unreadable_folder_simulated(run, tree, monkeypatch) -> None:
    """The same as root can see it: listing the folder fails as it would without permission."""
    root = _library(tree)
    write_article(root, "locked", "en", article("Locked", "x\n"))
    real_scandir = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if os.fspath(path).endswith("/locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    langs = run("-a", str(root), "langs")
    assert langs.exit_code == 0 and "good" in langs.stdout and "locked" not in langs.stdout
    assert langs.stderr == (
        f"glossary: warning: {root}/locked: cannot read: Permission denied; skipped\n"
    )
    check = run("check", str(root))
    assert check.exit_code == 1
    assert f"{root}/locked: error: cannot read: Permission denied; not read" in check.stdout
    shown = run("-a", str(root), "show", "locked")
    assert shown.exit_code == 3
    assert "cannot read: Permission denied" in shown.stderr


def test_completion_skips_what_it_cannot_read(tree) -> None:
    from glossary_cli.cli.completion import _article_names
    from glossary_cli.library.roots import Library, Root

    root = _library(tree)
    _loop(root)
    _dangling(root)
    _not_utf8_folder(root)
    library = Library.open([Root(root, "--articles")], None, None)
    assert _article_names(library, "") == ["good", "other"]
    assert library.warnings == []  # completion never warns


@pytest.mark.parametrize("command", (("list",), ("search", "findable")), ids=" ".join)
def test_a_root_whose_own_path_is_not_utf8_is_skipped_by_the_index(run, tree, command) -> None:
    """SQLite keeps paths as text: a root at a path with bytes that are no UTF-8 was a
    UnicodeEncodeError in `list` and `search`. Now it is one warning, and the other roots
    are still listed and searched."""
    _library(tree / "good-root")
    odd = os.fsencode(tree) + b"/l\xffib"
    os.makedirs(odd + b"/odd")
    with open(odd + b"/odd/en.md", "w") as file:
        file.write("---\ntitle: Odd\n---\nFindable too.\n")
    # Through GLOSSARY_PATH: typed in argv, such bytes are a usage error before anything runs.
    paths = os.pathsep.join((os.fsdecode(odd), str(tree / "good-root")))
    result = run(*command, env={"GLOSSARY_PATH": paths})
    assert "Traceback" not in result.stderr
    assert result.exit_code == 0, result.stderr
    assert "good" in result.stdout
    warning = f"glossary: warning: {tree}/l\\xffib: the folder's path is not UTF-8 text; skipped\n"
    assert warning in result.stderr
