"""The author's loop through the command line: `new`, `edit`, `render`, `config init/path`."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from glossary_cli.commands.config_init import TEMPLATE
from glossary_cli.settings.config_file import load

from conftest import BUNDLE, MDN, article, write_article

SECTIONS = "Intro [link](/inside-sales).\n\n## One\n\n- first point\n- second point\n\n## Two\n"


# -- new ----------------------------------------------------------------------------------------


def test_new_writes_an_article_that_checks_clean(run, tree: Path) -> None:
    result = run("new", "inside-selling", "--lang", "pt_br", "--articles", str(tree))
    path = tree / "inside-selling" / "pt-BR.md"  # the tag in its canonical form
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"{path}\n", "")
    text = path.read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "Inside selling"\ndescription: ""\nkeywords: []\n---\n')
    checked = run("check", str(path))
    assert (checked.exit_code, checked.stdout) == (0, "")
    shown = run("render", str(path))
    assert shown.stdout == "Inside selling\n"  # the guide is a comment: nothing else shows


def test_new_goes_into_the_first_writable_root_never_the_bundle(run, tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    env = {"GLOSSARY_PATH": f"{first}:{second}"}
    result = run("new", "api", "--lang", "en", env=env)
    assert result.stdout == f"{first / 'api' / 'en.md'}\n"
    nowhere = run("new", "api", "--lang", "en")  # only the bundle is in use
    assert nowhere.exit_code == 2
    assert "no article folder to write to" in nowhere.stderr


def test_new_passes_over_a_root_it_cannot_write(run, tmp_path: Path) -> None:
    locked, open_ = tmp_path / "locked", tmp_path / "open"
    locked.mkdir()
    open_.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("the tests run as a user who can write anywhere (root)")
        result = run("new", "api", "--lang", "en", env={"GLOSSARY_PATH": f"{locked}:{open_}"})
        assert result.stdout == f"{open_ / 'api' / 'en.md'}\n"
    finally:
        locked.chmod(stat.S_IRWXU)


def test_new_writes_beside_the_terms_other_languages(run, tmp_path: Path) -> None:
    """A second root with the slug would hide the term's other languages."""
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    write_article(second, "api", "en", article("API", "Text.\n"))
    result = run("new", "api", "--lang", "de", env={"GLOSSARY_PATH": f"{first}:{second}"})
    assert result.stdout == f"{second / 'api' / 'de.md'}\n"
    bundled = run("new", "inside-sales", "--lang", "de")
    assert bundled.exit_code == 2
    assert "bundled articles" in bundled.stderr
    assert not (BUNDLE / "inside-sales" / "de.md").exists()


def test_new_refuses_to_overwrite(run, tree: Path) -> None:
    path = write_article(tree, "api", "en", "mine\n")
    result = run("new", "api", "--lang", "en", "--articles", str(tree))
    assert result.exit_code == 1
    assert result.stderr == f"glossary: error: {path} exists already; not overwritten\n"
    assert path.read_text() == "mine\n"


@pytest.mark.parametrize(
    ("args", "wrong"),
    [
        (("../etc", "--lang", "en"), "is not an article name"),
        ((".hidden", "--lang", "en"), "is not an article name"),
        (("api", "--lang", "not a tag"), "--lang"),
        (("api", "--lang", "en", "--from", "x!"), "--from"),
        (("api", "--lang", "en", "--from", "en"), "--from"),
    ],
)
def test_new_validates_the_slug_and_tags(
    run, tree: Path, args: tuple[str, ...], wrong: str
) -> None:
    result = run("new", *args, "--articles", str(tree))
    assert result.exit_code == 2
    assert wrong in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tree.iterdir()) == []


def test_new_from_a_language_is_a_skeleton_of_its_structure(run, tree: Path) -> None:
    source = article("Lähde", SECTIONS + "\n```sh\n# not a heading\n```\n\nEnd --> here.\n")
    source = source.replace("title: Lähde", "title: Lähde\ndescription: Mitä se on.\nkeywords: a,b")
    write_article(tree, "term", "fi", source)
    result = run("new", "term", "--lang", "sv", "--from", "fi", "--articles", str(tree))
    path = tree / "term" / "sv.md"
    assert result.stdout == f"{path}\n"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(
        '---\ntitle: "Lähde"\n# description in fi: "Mitä se on."\ndescription: ""\n'
        'keywords: ["a", "b"]\ntranslated_from: fi\n---\n'
    )
    assert "## One\n" in text and "## Two\n" in text
    assert "<!-- fi:\n- first point\n- second point\n-->" in text
    assert "```sh\n# not a heading\n```" in text
    assert "End -- > here." in text  # `-->` in the text would close the comment early
    # The same sections, no text shown yet; check says the highlights list is still to write.
    sections = run("-a", str(tree), "sections", "term", "--lang", "sv")
    assert sections.stdout == "1\tOne\n2\tTwo\n"
    shown = run("render", str(path)).stdout
    assert "first point" not in shown and "End" not in shown
    assert run("check", str(path)).stdout == ""  # the same sections as fi.md


def test_a_skeleton_of_a_bundled_article_is_checked_against_its_source(run, tree: Path) -> None:
    shutil.copytree(BUNDLE / "inside-sales", tree / "inside-sales")
    result = run("new", "inside-sales", "-l", "de", "--from", "it", "--articles", str(tree))
    path = tree / "inside-sales" / "de.md"
    assert result.stdout == f"{path}\n"
    sections = [
        run("-a", str(tree), "sections", "inside-sales", "-l", lang).stdout
        for lang in "it de".split()
    ]
    assert sections[0] == sections[1]  # headings as they are, to translate in place
    checked = run("check", str(path))
    assert (checked.exit_code, checked.stderr) == (0, "")
    # Links are in comments until translated; the highlights list is still to write.
    assert checked.stdout == (
        f"{path}: warning: no highlights list, while fi.md, it.md, pl.md and 1 more have one\n"
    )


def test_new_from_a_language_the_term_lacks(run, tree: Path) -> None:
    write_article(tree, "term", "fi", article("T", "x\n"))
    result = run("new", "term", "--lang", "sv", "--from", "de", "--articles", str(tree))
    assert result.exit_code == 1
    assert result.stderr == "glossary: error: term is not available in de (available: fi)\n"
    missing = run("new", "nothing", "--lang", "sv", "--from", "de", "--articles", str(tree))
    assert (missing.exit_code, missing.stderr) == (1, "glossary: error: no article 'nothing'\n")
    assert not (tree / "term" / "sv.md").exists() and not (tree / "nothing").exists()


# -- edit ---------------------------------------------------------------------------------------


@pytest.fixture
def editor(tmp_path: Path) -> tuple[str, Path]:
    """An editor script that records its arguments, and writes what EDIT_WITH names."""
    record = tmp_path / "argv"
    script = tmp_path / "editor.sh"
    script.write_text(
        '#!/bin/sh\nprintf "%s\\n" "$@" > "$RECORD"\n'
        'for last; do :; done\n[ -n "$EDIT_WITH" ] && printf %b "$EDIT_WITH" > "$last"\nexit 0\n'
    )
    script.chmod(0o755)
    return str(script), record


def test_edit_opens_the_file_with_the_editors_arguments_then_checks_it(
    run, tree: Path, editor: tuple[str, Path]
) -> None:
    script, record = editor
    path = write_article(tree, "api", "en", article("API", "x\n"))
    write_article(tree, "api", "de", article("API", "x\n"))
    env = {"EDITOR": f"'{script}' -w --new-window", "RECORD": str(record)}
    result = run("-a", str(tree), "edit", "api", "--lang", "en", env=env)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert record.read_text().splitlines() == ["-w", "--new-window", str(path)]
    env |= {"VISUAL": f"{script} --visual", "EDIT_WITH": "---\\ntitle: [x\\n---\\n"}
    broken = run("-a", str(tree), "edit", "API", "--lang", "en", env=env)  # by title
    assert record.read_text().splitlines() == ["--visual", str(path)]  # VISUAL comes first
    assert broken.exit_code == 1
    assert broken.stdout.startswith(f"{path}:3: error: invalid frontmatter")
    github = run("-a", str(tree), "edit", "api", "-l", "en", "-f", "github", env=env)
    assert github.stdout.startswith(f"::error file={path},line=3::invalid frontmatter")


def test_edit_refuses_a_bundled_article(run, editor: tuple[str, Path]) -> None:
    """The bundle is the tool's own (an upgrade replaces it): no editor is started on it."""
    script, record = editor
    result = run(
        "edit", "inside-sales", "--lang", "it", env={"EDITOR": script, "RECORD": str(record)}
    )
    assert result.exit_code == 1
    assert "is a bundled article" in result.stderr
    assert "glossary new inside-sales --lang it --articles DIR" in result.stderr
    assert not record.exists()


def test_edit_opens_a_file_that_cannot_be_read(run, tree: Path, editor: tuple[str, Path]) -> None:
    """A broken article is what an author opens the editor to fix."""
    script, record = editor
    path = write_article(tree, "api", "en", "---\ntitle: [x\n---\n")
    env = {"EDITOR": script, "RECORD": str(record), "EDIT_WITH": "---\\ntitle: Fixed\\n---\\n"}
    result = run("-a", str(tree), "edit", "api", env=env)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert record.read_text() == f"{path}\n"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "glossary: error: no editor: set VISUAL or EDITOR (for example: export EDITOR=nano)"),
        ({"EDITOR": "  "}, "glossary: error: no editor: set VISUAL or EDITOR"),
        ({"EDITOR": "no-such-editor-here -w"}, "glossary: error: the editor no-such-editor-here"),
        ({"EDITOR": "false"}, "glossary: error: the editor false exited with status 1;"),
        ({"VISUAL": "vi 'unclosed"}, "glossary: error: cannot read VISUAL="),
    ],
)
def test_edit_without_a_working_editor(run, tree: Path, env: dict[str, str], message: str) -> None:
    write_article(tree, "api", "en", "---\ntitle: [x\n---\n")
    result = run("-a", str(tree), "edit", "api", env=env)
    assert result.exit_code == 1
    assert result.stdout == ""  # nothing checked
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1


def test_edit_a_language_the_article_lacks(run, tree: Path, editor: tuple[str, Path]) -> None:
    script, record = editor
    write_article(tree, "api", "en", article("API", "x\n"))
    result = run("-a", str(tree), "edit", "api", "--lang", "de", env={"EDITOR": script})
    assert result.exit_code == 1
    assert result.stderr == "glossary: error: api is not available in de (available: en)\n"
    assert not record.exists()


# -- render -------------------------------------------------------------------------------------


def test_render_a_file_outside_any_glossary_in_every_format(run, tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(article("Draft", "Intro.\n\n## Part\n\n- a point\n"), encoding="utf-8")
    assert run("render", str(draft)).stdout == "Draft\n\nIntro.\n\nPart\n\n\u2022 a point\n"
    data = json.loads(run("render", str(draft), "--format", "json").stdout)
    assert (data["slug"], data["lang"], data["title"]) == ("draft", "und", "Draft")
    assert run("render", str(draft), "-f", "markdown").stdout.startswith("---\ntitle: Draft")
    rich = run("render", str(draft), "-f", "rich", "--color", "always")
    assert "\x1b[" in rich.stdout and "Draft" in rich.stdout


def test_render_takes_its_slug_and_language_from_the_path(run) -> None:
    result = run("render", str(BUNDLE / "inside-sales" / "it.md"), "-f", "json")
    data = json.loads(result.stdout)
    assert (data["slug"], data["lang"], data["title"]) == ("inside-sales", "it", "Vendite interne")
    assert result.stdout == run("show", "inside-sales", "-l", "it", "-f", "json").stdout


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (b"---\ntitle: [x\n---\n", ":3: invalid frontmatter"),
        (b"\xff\xfe", ":1: not UTF-8 text (byte 0)"),
    ],
)
def test_render_a_bad_file(run, tmp_path: Path, text: bytes, error: str) -> None:
    path = tmp_path / "en.md"
    path.write_bytes(text)
    result = run("render", str(path))
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr.startswith(f"glossary: error: {path}{error}")
    assert result.stderr.count("\n") == 1


def test_render_a_missing_file_is_a_usage_error_and_a_folder_unreadable(
    run, tmp_path: Path
) -> None:
    """As for `check PATH`: a path that leads nowhere is a wrong argument (exit 2); a folder is
    there but cannot be read as an article (exit 3)."""
    missing = run("render", str(tmp_path / "none.md"))
    assert missing.exit_code == 2
    assert "does not exist" in " ".join(missing.stderr.replace("│", " ").split())
    result = run("render", str(tmp_path))
    assert result.exit_code == 3
    assert result.stderr.startswith(f"glossary: error: {tmp_path}: ")
    assert result.stderr.count("\n") == 1


def test_render_shows_no_escape_sequence_from_the_file(run, tmp_path: Path) -> None:
    path = tmp_path / "en.md"
    path.write_text(article("T\x1b]0;owned\x07", "Text \x1b[31mred.\n"), encoding="utf-8")
    for fmt in ("plain", "rich", "json", "markdown"):
        assert "\x1b]" not in run("render", str(path), "-f", fmt).stdout
        assert "\x1b[31m" not in run("render", str(path), "-f", fmt).stdout


# -- config init, config path --------------------------------------------------------------------


def test_config_path_names_the_file_read(run, tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path)}
    result = run("config", "path", env=env)
    assert (result.exit_code, result.stdout) == (0, f"{tmp_path / 'glossary' / 'config.toml'}\n")
    assert run("config", env=env).stdout.splitlines()[0].split("\t")[1] == result.stdout.strip()


def test_config_init_writes_a_file_the_reader_accepts(run, tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path), "HOME": str(tmp_path)}
    (tmp_path / "team-glossary").mkdir()  # the example of `paths`
    path = tmp_path / "glossary" / "config.toml"
    result = run("config", "init", env=env)
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"{path}\n", "")
    assert path.read_text(encoding="utf-8") == TEMPLATE
    read = load(path)
    assert read.exists and read.warnings == ()
    assert (read.lang, read.paths, read.color, read.pager) == (None, None, None, None)
    # Every setting is there, commented, and each example is read as written once uncommented.
    path.write_text(
        TEMPLATE.replace("\n# lang", "\nlang")
        .replace("\n# paths", "\npaths")
        .replace("\n# color", "\ncolor")
        .replace("\n# pager", "\npager")
    )
    read = load(path)
    assert read.warnings == ()
    assert (read.lang, read.color, read.pager) == (("it", "fi"), "auto", True)
    assert read.paths is not None and read.paths[0].endswith("team-glossary")
    shown = run("config", env=env)
    assert (shown.exit_code, shown.stderr) == (0, "")
    assert "lang\tit\tconfig" in shown.stdout


def test_config_init_refuses_to_overwrite(run, tmp_path: Path) -> None:
    path = tmp_path / "glossary" / "config.toml"
    path.parent.mkdir()
    path.write_text('color = "never"\n')
    result = run("config", "init", env={"XDG_CONFIG_HOME": str(tmp_path)})
    assert result.exit_code == 1
    assert result.stderr == f"glossary: error: {path} exists already; not overwritten\n"
    assert path.read_text() == 'color = "never"\n'


def test_config_with_an_unknown_action(run) -> None:
    result = run("config", "edit")
    assert result.exit_code == 2
    assert "'edit' is not one of" in result.stderr


# -- comments and skeletons -----------------------------------------------------------------


@pytest.mark.parametrize(
    "comment",
    [
        "<!-- a link [a](<https://e.org/a_(b)>) in a comment -->",  # a `>` inside
        "<!-- " + "long text " * 300 + "-->",  # longer than a tag is read
        "<!-- fi:\n- a list\n-\n-->",
    ],
    ids=["angle", "long", "list"],
)
def test_an_html_comment_shows_nothing(run, tmp_path: Path, comment: str) -> None:
    path = tmp_path / "en.md"
    path.write_text(article("T", f"Before.\n\n{comment}\n\nAfter.\n"), encoding="utf-8")
    assert run("render", str(path)).stdout == "T\n\nBefore.\n\nAfter.\n"


@pytest.mark.skipif(not MDN.is_dir(), reason="the MDN corpus is not here")
def test_a_skeleton_of_every_mdn_article_has_its_headings_and_shows_only_code() -> None:
    from glossary_cli.commands.new import skeleton
    from glossary_cli.document.model import CodeBlock
    from glossary_cli.reading.markdown import parse_article

    for path in sorted(MDN.glob("*/*.md")):
        source = parse_article(path.read_text("utf-8"), slug="s", lang=path.stem, path=str(path))
        made = parse_article(skeleton(source.source, path.stem), slug="s", lang="x", path="x")
        assert [s.heading for s in made.sections] == [s.heading for s in source.sections], path
        assert made.title == source.title, path
        assert not [p for p in made.problems if p.severity == "error"], path
        shown = list(made.intro) + [block for s in made.sections for block in s.blocks]
        assert all(isinstance(block, CodeBlock) for block in shown), path


def test_new_warns_when_the_term_is_in_another_root_too(run, tmp_path: Path) -> None:
    """The first root that has a term gives all its languages: a new file elsewhere hides (or
    is hidden by) the other root's, which the author must hear of."""
    made = run("new", "inside-sales", "--lang", "de", "--articles", str(tmp_path))
    assert made.exit_code == 0
    assert made.stdout == f"{tmp_path / 'inside-sales' / 'de.md'}\n"
    assert "inside-sales is in" in made.stderr and "(fi, it, pl, sv)" in made.stderr
    quiet = run("new", "fresh-term", "--lang", "en", "--articles", str(tmp_path))
    assert quiet.stderr == ""
