"""Article roots: GLOSSARY_PATH and --articles before the bundle; bad roots only warn."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from glossary_cli.errors import BadArticle
from glossary_cli.library.roots import MAX_ARTICLE_BYTES, read_bytes

from conftest import article, write_article


def test_glossary_path_overrides_the_bundle(run, tree: Path) -> None:
    write_article(tree, "inside-sales", "it", article("Mine", "Nostro testo.\n"))
    result = run("show", "inside-sales", env={"GLOSSARY_PATH": str(tree)})
    assert result.stdout.splitlines()[0] == "Mine"
    # the whole slug is overridden: the bundle's other languages are not mixed in
    assert run("langs", "inside-sales", env={"GLOSSARY_PATH": str(tree)}).stdout == (
        "it\titaliano\tMine\n"
    )


def test_roots_are_searched_in_order(run, tmp_path: Path) -> None:
    first, second, third = (tmp_path / n for n in ("first", "second", "third"))
    write_article(second, "t", "en", article("Second", "x\n"))
    write_article(third, "t", "en", article("Third", "x\n"))
    write_article(first, "t", "en", article("First", "x\n"))
    env = {"GLOSSARY_PATH": f"{second}{os.pathsep}{third}"}
    assert run("show", "t", env=env).stdout.splitlines()[0] == "Second"
    assert run("-a", str(first), "show", "t", env=env).stdout.splitlines()[0] == "First"
    assert run("-a", str(third), "-a", str(first), "show", "t").stdout.splitlines()[0] == "Third"


def test_missing_root_warns_and_the_rest_work(run, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = run(
        "show", "inside-sales", "--lang", "it", env={"GLOSSARY_PATH": f"{missing}{os.pathsep}"}
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "Vendite interne"
    assert result.stderr == (
        f"glossary: warning: article root {missing} (GLOSSARY_PATH) does not exist; skipped\n"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_unreadable_root_warns(run, tree: Path) -> None:
    tree.chmod(0)
    try:
        result = run("-a", str(tree), "show", "inside-sales", "--lang", "it")
    finally:
        tree.chmod(0o755)
    assert result.exit_code == 0
    assert "is not readable; skipped" in result.stderr


def test_a_file_as_root_warns(run, tmp_path: Path) -> None:
    file = tmp_path / "file"
    file.write_text("x")
    result = run("-a", str(file), "langs")
    assert result.exit_code == 0
    assert "is not a folder; skipped" in result.stderr


def test_non_article_files_are_ignored(run, tree: Path) -> None:
    write_article(tree, "t", "en", article("T", "x\n"))
    (tree / "t" / "README.md").write_text("not a translation")
    (tree / "t" / "notes.txt").write_text("nor this")
    assert run("-a", str(tree), "langs", "t").stdout == "en\tEnglish\tT\n"


# Slugs written in scripts whose words carry combining marks, which `\w` does not count as
# letters: Devanagari, Bengali, Tamil, Thai, and a Persian word with its ZWNJ.
NATIVE_SLUGS = {
    "hi": "क्लस्टर",
    "bn": "ক্লাস্টার",
    "ta": "கொத்து",
    "th": "คลัสเตอร์",
    "fa": "نرم\u200cافزار",
}


@pytest.mark.parametrize("lang", NATIVE_SLUGS)
def test_a_slug_in_a_script_with_combining_marks_is_a_term(run, tmp_path: Path, lang: str) -> None:
    slug = NATIVE_SLUGS[lang]
    root = tmp_path / "articles"
    write_article(root, slug, lang, article("Native", "Findable native text.\n"))
    write_article(root, "cloud", "en", article("Cloud", f"See [it](/{lang}/{slug}/).\n"))
    shown = run("-a", str(root), "show", slug)
    assert (shown.exit_code, shown.stderr) == (0, ""), shown.stderr
    assert shown.stdout.startswith("Native\n")
    assert f"{slug}\t{lang}\tNative" in run("-a", str(root), "list").stdout
    assert run("-a", str(root), "search", "findable").stdout.startswith(f"{slug}\t{lang}\t")
    assert f"\t/{lang}/{slug}/\tarticle" in run("-a", str(root), "links", "cloud").stdout
    assert run("-a", str(root), "check", str(root)).exit_code == 0


# --- read_bytes: the file's bytes up to the limit ------------------------------------------------


@pytest.mark.parametrize("size", [0, 1, 4096, MAX_ARTICLE_BYTES])
def test_read_bytes_reads_a_file_up_to_the_limit(tmp_path: Path, size: int) -> None:
    path = tmp_path / "en.md"
    path.write_bytes(b"x" * size)
    assert read_bytes(path, "en.md") == b"x" * size


def test_read_bytes_refuses_a_file_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "en.md"
    path.write_bytes(b"x" * (MAX_ARTICLE_BYTES + 1))
    with pytest.raises(BadArticle, match="too large"):
        read_bytes(path, "en.md")


@pytest.mark.parametrize("size", [100, MAX_ARTICLE_BYTES + 10])
def test_read_bytes_reads_on_when_the_file_grew_after_its_stat(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    # The read is sized by fstat; a file that grew since must still be read whole, or refused.
    path = tmp_path / "en.md"
    path.write_bytes(b"x" * size)
    real_fstat = os.fstat

    def stale_fstat(fd: int) -> os.stat_result:
        found = real_fstat(fd)
        return os.stat_result((found.st_mode, *found[1:6], 10, *found[7:]))

    monkeypatch.setattr(os, "fstat", stale_fstat)
    if size > MAX_ARTICLE_BYTES:
        with pytest.raises(BadArticle, match="too large"):
            read_bytes(path, "en.md")
    else:
        assert read_bytes(path, "en.md") == b"x" * size
