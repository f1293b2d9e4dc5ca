"""`glossary check`: one line per problem, errors exit 1, warnings alone exit 0, JSON too."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from glossary_cli.commands.check import check
from glossary_cli.library.roots import Library, Root

from conftest import BUNDLE, SEED_LANGS, article, write_article
from hostile import CASES, unsafe, write_hostile_tree

LINE = re.compile(
    r"^(?P<path>[^:]+?)(?::(?P<line>\d+))?: (?P<severity>error|warning): (?P<msg>.+)$"
)

SECTIONS = "## One\n\n- the first of the points\n- the second of the points\n\n## Two\n\nText.\n"


@pytest.fixture
def authored(tree: Path) -> Path:
    """A small team glossary with one problem of each kind, at known lines."""
    write_article(
        tree,
        "api",
        "en",
        article("API", SECTIONS + "\nSee [cache](/cache) and [rest](/rest).\n## Three\n\nx\n"),
    )
    write_article(tree, "api", "de", "---\nyes: no\ntitle: API\n---\n" + SECTIONS + "## Drei\n")
    write_article(tree, "api", "fr", article("API", "## Un\n\nTexte.\n\n## Deux\n\nTexte.\n"))
    write_article(tree, "cache", "en", article("Cache", "Text with \x1b[31mcolour.\n"))
    write_article(tree, "typed", "en", "---\ntitle: [a, b]\ndescription: 1.10\n---\n")
    write_article(tree, "typed", "de", "---\ntitle: Typed\nDescription: again\n---\n")
    write_article(tree, "typed", "fr", "---\ntitle: T\ntitle: T2\n---\n")
    (tree / "api" / "README.md").write_text("Notes for translators.\n")
    (tree / "api" / "english.md").write_text("# Not a language\n")
    write_article(tree, "api", "pt_BR", article("API", SECTIONS))
    write_article(tree, "api", "pt-BR", article("API", SECTIONS))
    write_article(tree, "Bad Name", "en", article("Bad", "x\n"))
    (tree / ".git").mkdir()
    (tree / ".git" / "en.md").write_text("not a term")
    return tree


def findings(stdout: str) -> list[tuple[str, str | None, str, str]]:
    out = []
    for line in stdout.splitlines():
        match = LINE.match(line)
        assert match, line
        out.append((match["path"], match["line"], match["severity"], match["msg"]))
    return out


def test_the_bundle_has_no_errors(run) -> None:
    result = run("check")
    assert result.exit_code == 0, result.stdout
    assert result.stderr == ""
    found = findings(result.stdout)
    assert found and all(severity == "warning" for _, _, severity, _ in found)
    # its seeds link to terms the bundle does not have yet: warnings, with their lines
    for path, line, _, message in found:
        assert path.startswith(str(BUNDLE / "inside-sales"))
        assert line is not None and message.startswith("links to '")
    assert {Path(path).stem for path, *_ in found} == set(SEED_LANGS)


def test_every_kind_of_problem_with_its_line(run, authored: Path) -> None:
    result = run("check", str(authored))
    assert result.exit_code == 1
    assert result.stderr == ""
    t = str(authored)
    assert result.stdout.splitlines() == [
        f"{t}/Bad Name: warning: the folder name is not an article name; not read",
        f"{t}/api/de.md:2: error: frontmatter key 'yes' is read by YAML as a boolean; quote it",
        f"{t}/api/en.md:13: warning: links to 'rest' (/rest), which the library lacks",
        f"{t}/api/english.md: warning: the name is not a language tag; not read",
        f"{t}/api/fr.md: warning: 2 sections, while de.md, en.md have 3",
        f"{t}/api/fr.md: warning: no highlights list, while de.md, en.md, pt-BR.md have one",
        f"{t}/api/pt-BR.md: warning: 2 sections, while de.md, en.md have 3",
        f"{t}/api/pt_BR.md: warning: pt-BR.md is language pt-BR as well; not read",
        f"{t}/cache: warning: no translation in de, fr, pt-BR, which other terms here have",
        f"{t}/cache/en.md:4: warning: 1 control character(s), the first U+001B, not shown",
        f"{t}/typed: warning: no translation in pt-BR, which other terms here have",
        f"{t}/typed/de.md:3: warning: frontmatter key 'Description': did you mean description?",
        f"{t}/typed/en.md:2: error: title should be text, not a list",
        f"{t}/typed/en.md:3: warning: description is read by YAML as a number "
        "(shown as written); quote it",
        f"{t}/typed/fr.md:3: warning: frontmatter key 'title' appears twice; the last counts",
    ]


def test_links_are_found_in_the_checked_folders_and_every_root_in_use(run, tree: Path) -> None:
    text = "[a](/inside-sales) [b](/local) [c](/nowhere) [d](/en-US/docs/Glossary/Nowhere)"
    write_article(tree, "local", "en", article("Local", "x\n"))
    write_article(tree, "t", "en", article("T", f"Intro.\n\n{text}\n[e](/nowhere)\n"))
    result = run("check", str(tree))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{tree}/t/en.md:6: warning: links to 'nowhere' (/nowhere), which the library lacks",
        f"{tree}/t/en.md:6: warning: links to 'nowhere' (/en-US/docs/Glossary/Nowhere), "
        "which the library lacks",
    ]


def test_macro_links_get_their_line(run, tree: Path) -> None:
    write_article(tree, "t", "en", article("T", 'A\n\nB {{Glossary("Round trip time")}}.\n'))
    result = run("check", str(tree))
    assert result.stdout == (
        f"{tree}/t/en.md:6: warning: links to 'round_trip_time' (/round_trip_time), "
        "which the library lacks\n"
    )


def test_warnings_alone_exit_zero(run, tree: Path) -> None:
    write_article(tree, "a", "en", article("A", "[x](/missing)\n"))
    write_article(tree, "b", "en", "")
    result = run("check", str(tree))
    assert result.exit_code == 0
    assert [f[2] for f in findings(result.stdout)] == ["warning", "warning"]
    assert f"{tree}/b/en.md: warning: the file is empty" in result.stdout


def test_no_problems_prints_nothing_when_piped(run, tree: Path) -> None:
    write_article(tree, "a", "en", article("A", "Text.\n"))
    result = run("check", str(tree))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    rich = run("check", str(tree), "--format", "rich")
    assert rich.stdout == "No problems in 1 file, 1 term.\n"


def test_default_is_every_root_in_use(run, tree: Path) -> None:
    write_article(tree, "t", "en", "---\ntitle: [x\n---\n")
    result = run("check", env={"GLOSSARY_PATH": str(tree)})
    assert result.exit_code == 1
    paths = {Path(path).parent.parent for path, *_ in findings(result.stdout)}
    assert paths == {tree, BUNDLE}


def test_several_folders(run, tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    write_article(first, "a", "en", "---\ntitle: [x\n---\n")
    write_article(second, "b", "en", article("B", "[a](/a)\n"))  # found in the other folder
    result = run("check", str(first), str(second))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{first}/a/en.md:3: error: invalid frontmatter: while parsing a flow sequence; "
        "expected ',' or ']', but got '<stream end>'"
    ]


def test_a_folder_that_does_not_exist_is_a_usage_error(run, tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "Invalid value for PATH" in result.stderr
    assert "does not exist" in " ".join(result.stderr.replace("\u2502", " ").split())


def test_json(run, authored: Path) -> None:
    plain = run("check", str(authored))
    result = run("check", str(authored), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["schema"] == 1
    assert data["roots"] == [str(authored)]
    assert (data["files"], data["terms"]) == (8, 3)
    assert (data["errors"], data["warnings"]) == (2, 13)
    assert len(data["findings"]) == len(plain.stdout.splitlines())
    first = data["findings"][0]
    assert first == {
        "path": f"{authored}/Bad Name",
        "line": None,
        "severity": "warning",
        "message": "the folder name is not an article name; not read",
    }
    assert data["findings"][1]["line"] == 2


def test_rich_and_markdown(run, authored: Path) -> None:
    rich = run("check", str(authored), "--format", "rich", "--color", "always")
    assert rich.exit_code == 1
    assert "\x1b[1;31merror\x1b[0m" in rich.stdout
    lines = rich.stdout.splitlines()
    summary = "\x1b[1;31m2 errors\x1b[0m, \x1b[33m13 warnings\x1b[0m in 8 files, 3 terms."
    assert lines[-1] == summary
    markdown = run("check", str(authored), "--format", "markdown").stdout.splitlines()
    assert markdown[1] == (
        f"- `{authored}/api/de.md:2` **error**: frontmatter key 'yes' is read by YAML as a "
        "boolean; quote it"
    )


def test_the_hostile_tree(run, tmp_path: Path) -> None:
    root = write_hostile_tree(tmp_path / "articles")
    result = run("check", str(root))
    assert result.exit_code == 1
    assert unsafe(result.stdout) == [] and result.stderr == ""
    found = findings(result.stdout)
    errors = {Path(path).parent.name for path, _, severity, _ in found if severity == "error"}
    unreadable = {slug for slug, case in CASES.items() if case.problem}
    typed = {"yes-no-keys", "list-title", "boolean-title", "mapping-values", "date-title"}
    assert errors == unreadable | typed | {"yaml-bomb", "mixed"}
    for path, line, _, _ in found:
        case = CASES.get(Path(path).parent.name)
        if case and case.problem and path.endswith("en.md"):
            assert line == (str(case.line) if case.line else None), path


def test_check_is_a_pure_function_of_the_tree(tree: Path) -> None:
    write_article(tree, "a", "en", article("A", "[x](/b)\n"))
    library = Library(roots=[])
    result = check(library, [Root(tree, "check")])
    assert [str(f) for f in result.findings] == [
        f"{tree}/a/en.md:4: warning: links to 'b' (/b), which the library lacks"
    ]
    assert (result.files, result.terms, result.error_count, result.warning_count) == (1, 1, 0, 1)
