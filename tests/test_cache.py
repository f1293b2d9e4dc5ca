"""The cache of parsed articles is invisible: same output, fresh after edits, never fatal."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from glossary_cli.cli.startup import invoked_command

from conftest import article, write_article


def cache_files() -> list[Path]:
    root = Path(os.environ["XDG_CACHE_HOME"]) / "glossary" / "articles"
    return sorted(root.glob("*.marshal")) if root.exists() else []


def test_a_second_run_reads_the_cache_and_prints_the_same(run) -> None:
    first = run("show", "inside-sales", "--lang", "it", "-f", "json").stdout
    assert len(cache_files()) == 1
    assert run("show", "inside-sales", "--lang", "it", "-f", "json").stdout == first


def test_an_edited_article_is_read_again(run, tree: Path) -> None:
    path = write_article(tree, "t", "en", article("Before", "x\n"))
    assert run("-a", str(tree), "show", "t").stdout.startswith("Before\n")
    path.write_text(article("After, longer", "x\n"))
    assert run("-a", str(tree), "show", "t").stdout.startswith("After, longer\n")


@pytest.mark.parametrize("damage", [b"", b"garbage", b"\xe3\x00\x00\x00\x00\x01"])
def test_a_damaged_cache_entry_is_ignored(run, damage: bytes) -> None:
    expected = run("show", "inside-sales", "--lang", "fi").stdout
    (entry,) = cache_files()
    entry.write_bytes(damage)
    result = run("show", "inside-sales", "--lang", "fi")
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")


def test_an_unwritable_cache_is_bypassed(run, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be")
    result = run("show", "inside-sales", "--lang", "it", env={"XDG_CACHE_HOME": str(blocker)})
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith("Vendite interne\n")


def test_the_cache_can_be_turned_off(run) -> None:
    run("show", "inside-sales", "--lang", "it", env={"GLOSSARY_NO_CACHE": "1"})
    assert cache_files() == []


@pytest.mark.parametrize(
    ("words", "command"),
    [
        (["show", "x"], "show"),
        (["-a", "show", "langs"], "langs"),
        (["--articles", "d", "--", "sections"], "sections"),
        (["--articles=d", "links", "x"], "links"),
        (["--help"], None),
        ([], None),
    ],
)
def test_the_command_word_is_found_behind_global_options(
    words: list[str], command: str | None
) -> None:
    assert invoked_command(words) == command


def test_check_reads_the_same_problems_from_the_cache(run, tree: Path) -> None:
    # An article's problems (severity, message, line) are kept with its parse, for `check`.
    text = "---\ntitle: [a, b]\nDescription: x\n---\nText with \x1b[31m colour.\n"
    write_article(tree, "t", "en", text)
    first = run("check", str(tree))
    assert cache_files()
    second = run("check", str(tree))
    assert (second.exit_code, second.stdout) == (first.exit_code, first.stdout)
    assert second.exit_code == 1
    lines = second.stdout.splitlines()
    assert f"{tree}/t/en.md:2: error: title should be text, not a list" in lines
    assert (
        f"{tree}/t/en.md:3: warning: frontmatter key 'Description': did you mean description?"
        in lines
    )
    assert any(line.startswith(f"{tree}/t/en.md:5: warning: 1 control") for line in lines)
