"""Hostile articles: nothing reaches the terminal raw, a bad file is one line, the rest works."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import article, write_article
from hostile import (
    CASES,
    LINE_SHAPES,
    SEQUENCES,
    SHAPES,
    grows_linearly,
    unsafe,
    write_hostile_tree,
)

FORMATS = ("plain", "json", "markdown", "rich")
COMMANDS = ("show", "sections", "highlights", "links", "langs")
SLOW = ("at-the-limit", "over-the-limit", "yaml-deep-flow")  # two formats only: quicker


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_hostile_tree(tmp_path_factory.mktemp("hostile") / "articles")


def fmt_args(fmt: str) -> tuple[str, ...]:
    return ("--format", fmt) + (("--color", "always") if fmt == "rich" else ())


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", COMMANDS)
def test_control_sequences_never_reach_stdout_or_stderr(run, hostile, command, fmt) -> None:
    result = run("-a", str(hostile), command, "escapes", *fmt_args(fmt))
    assert result.exit_code == 0, result.stderr
    assert unsafe(result.stdout, rich=fmt == "rich") == []
    assert unsafe(result.stderr) == []
    assert "pwned" in result.stdout or command != "show"  # what is left shows as text
    assert "\x1b]0;" not in result.stdout and "\x1b]52;" not in result.stdout
    if fmt == "json":
        json.loads(result.stdout)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "args", [("list",), ("search", "pwned"), ("langs",), ("show", "Ti[31m]0;pwned]52;c;")]
)
def test_the_search_index_keeps_no_control_sequence(run, hostile, args, fmt) -> None:
    # `list` and `search` read articles for the index, not through the parser: the same
    # characters are dropped there, and a title with them cleaned finds its article.
    name = args[1] if args[0] == "show" else None
    if name is not None:
        title = json.loads(run("-a", str(hostile), "show", "escapes", "-f", "json").stdout)
        args = ("show", title["title"])
    result = run("-a", str(hostile), *args, *fmt_args(fmt))
    assert result.exit_code == 0, result.stderr
    assert unsafe(result.stdout, rich=fmt == "rich") == []
    assert unsafe(result.stderr) == []
    if args[0] != "langs":
        assert "pwned" in result.stdout


def test_the_index_reads_every_bad_file(hostile) -> None:
    from glossary_cli.search.extract import extract

    for slug in sorted(set(CASES) - set(SLOW)):
        try:
            raw = (hostile / slug / "en.md").read_bytes().decode("utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        assert extract(raw, slug).title


# 1,000 lines indented ever deeper took 15 s, 20,000 `[` on a line 1.5 s, before the index's
# patterns were made linear: the work must grow with the input, not with its square.
@pytest.mark.parametrize("shape", sorted(SHAPES) + sorted(LINE_SHAPES))
def test_the_index_reads_hostile_shapes_in_linear_time(shape: str) -> None:
    from glossary_cli.search.extract import extract

    make = SHAPES.get(shape) or LINE_SHAPES[shape]
    assert grows_linearly(lambda text: extract(text, "slug"), make, 20_000)


# mistune's pattern for a heading's closing `#`s rescans a run of spaces from each of its
# positions: a heading of 96,000 spaces took `show` minutes, until the parser read it in
# linear time (reading/markdown.py).
@pytest.mark.parametrize(
    ("shape", "prefix"),
    [(shape, "") for shape in sorted(SHAPES) + sorted(LINE_SHAPES)]
    + [(shape, "## ") for shape in sorted(SHAPES)],
)
def test_the_parser_reads_hostile_shapes_in_linear_time(shape: str, prefix: str) -> None:
    from glossary_cli.reading.markdown import parse_article

    make = SHAPES.get(shape) or LINE_SHAPES[shape]
    assert grows_linearly(
        lambda text: parse_article(text, slug="s", lang="en", path="p"),
        lambda n: prefix + make(n),
        5_000,
    )


@pytest.mark.parametrize(
    "heading",
    ["# a #", "## a ##  ", "# #", "### a#", "# a \\#", "#", "##  b  ###  ", "# a\t#\t", "# ###"]
    + ["## a # b", "#### x" + " " * 50 + "y", "# " + "#" * 7, "##\t#\t", "# a #b"],
)
def test_headings_read_as_mistune_reads_them(heading: str) -> None:
    # reading/markdown.py replaces mistune's rule for closing `#`s with a linear one: the same
    # tokens, for every kind of closing sequence.
    import mistune

    from glossary_cli.reading.markdown import _parse_markdown

    stock = mistune.create_markdown(renderer=None)
    assert _parse_markdown(heading) == stock(heading)


def test_every_field_is_cleaned_but_kept(run, hostile) -> None:
    data = json.loads(run("-a", str(hostile), "show", "escapes", "--format", "json").stdout)
    assert data["title"].startswith("Ti[31m]0;pwned]52;c;") and data["title"].endswith("tle")
    # YAML's escapes \e, \x9b, \u202e, \a and \0 decoded, and the characters dropped
    assert data["description"] == "De [31m     sc"
    assert data["keywords"][1] == "k2" and data["keywords"][0].startswith("k1[31m]0;pwned")
    heading = data["sections"][0]["heading"]
    assert heading.startswith("He[31m]0;pwned") and heading.endswith("ading [2J")
    intro = data["introduction"][0]
    assert "&amp;" not in intro["text"] and " & " in intro["text"]  # references decoded
    assert "\u203a" in intro["text"]  # &#x9b; is a C1 code point, which HTML reads as "›"
    links = {link["text"]: link["target"] for link in intro["links"]}
    assert links["a"] == "/ev%5B31m%5D0;til"  # mistune percent-encodes the brackets
    assert links["b"] == "http://xy/"
    assert links["c[31m]0;t"] == "/good"
    targets = list(links.values())
    for target in targets:
        assert unsafe(target) == []
    everything = json.dumps(data, ensure_ascii=False)
    assert unsafe(everything.replace("\n", "")) == []


def test_the_rich_view_writes_only_its_own_links(run, hostile) -> None:
    out = run("-a", str(hostile), "show", "escapes", "--format", "rich", "--color", "always")
    assert "\x1b]8;id=" in out.stdout  # its own OSC 8, for web links
    assert "evil.example\x1b" not in out.stdout
    assert unsafe(out.stdout, rich=True) == []


@pytest.mark.parametrize(
    "args",
    [
        ("show", "escapes", "--section", SEQUENCES),
        ("show", "escapes", "--section", "He" + SEQUENCES),
        ("show", f"no{SEQUENCES}such"),
        ("show", "escapes", "--lang", f"en{SEQUENCES}"),
        ("show", "escapes", "--format", f"json{SEQUENCES}"),
        ("show", "escapes", f"--x{SEQUENCES}"),
        (f"sh{SEQUENCES}ow",),
        ("check", f"/nowhere/{SEQUENCES}"),
    ],
    ids=["section", "section-prefix", "slug", "lang", "format", "option", "command", "check-dir"],
)
def test_control_characters_in_arguments_are_shown_escaped(run, hostile, args) -> None:
    result = run("-a", str(hostile), *args)
    assert result.exit_code in (1, 2)
    assert unsafe(result.stderr) == []
    assert "Traceback" not in result.stderr


def test_a_root_named_with_control_characters(run, tmp_path: Path) -> None:
    name = SEQUENCES.replace("/", "").replace("\x00", "")  # the two bytes no file name holds
    root = tmp_path / f"ro{name}ot"
    write_article(root, "t", "en", "---\ntitle: [broken\n---\n")
    for args in (("show", "t"), ("langs", "t"), ("check", str(root))):
        result = run("-a", str(root), *args)
        assert "\\x1b" in result.stderr + result.stdout
        assert unsafe(result.stderr) == [] and unsafe(result.stdout) == []
    missing = run("-a", str(root / name), "langs")
    assert "does not exist" in missing.stderr and unsafe(missing.stderr) == []


@pytest.mark.parametrize("slug", sorted(CASES))
def test_each_bad_file_renders_or_is_one_line(run, hostile, slug) -> None:
    case = CASES[slug]
    path = hostile / slug / "en.md"
    for fmt in ("plain", "json") if slug in SLOW else FORMATS:
        result = run("-a", str(hostile), "show", slug, *fmt_args(fmt))
        assert "Traceback" not in result.stderr
        assert unsafe(result.stdout, rich=fmt == "rich") == []
        if case.problem is None:
            assert result.exit_code == 0, result.stderr
            assert result.stderr == ""
            if fmt == "plain":
                assert result.stdout.splitlines()[0] == case.title
        else:
            where = f"{path}:{case.line}" if case.line else f"{path}"
            assert result.exit_code == 3
            assert result.stdout == ""
            assert result.stderr.startswith(f"glossary: error: {where}: ")
            assert case.problem in result.stderr
            assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "slug", [s for s in sorted(CASES) if CASES[s].problem is None and s not in SLOW]
)
@pytest.mark.parametrize("command", ("sections", "highlights", "links", "langs"))
def test_other_commands_on_a_bad_file_never_crash(run, hostile, slug, command) -> None:
    result = run("-a", str(hostile), command, slug)
    assert result.exit_code in (0, 1), result.stderr
    assert result.stderr.count("\n") <= 1
    assert "Traceback" not in result.stderr
    assert unsafe(result.stdout) == [] and unsafe(result.stderr) == []


def test_no_frontmatter_crlf_and_bom_are_read_as_meant(run, hostile) -> None:
    assert run("-a", str(hostile), "sections", "crlf").stdout == "1\tOne\n"
    assert run("-a", str(hostile), "sections", "bom").stdout == "1\tOne\n"
    shown = run("-a", str(hostile), "show", "no-frontmatter").stdout
    assert shown == "From a heading\n\nText.\n"


def test_a_bad_file_never_stops_the_listing(run, hostile) -> None:
    result = run("-a", str(hostile), "langs", "--format", "json")
    assert result.exit_code == 0
    assert result.stderr == ""
    # every term has English: the broken ones are counted, since listing does not read them
    languages = {row["tag"]: row["articles"] for row in json.loads(result.stdout)["languages"]}
    assert languages["en"] == len(CASES) + 3


def test_langs_of_a_term_with_broken_translations(run, hostile) -> None:
    result = run("-a", str(hostile), "langs", "mixed")
    assert result.exit_code == 0
    assert result.stdout == (
        "de\tDeutsch\t\nen\tEnglish\tGood\nfr\tfrançais\t\nit\titaliano\tBuono\n"
    )
    assert result.stderr.splitlines() == [
        f"glossary: warning: {hostile}/mixed/de.md:2: not UTF-8 text (byte 14)",
        f"glossary: warning: {hostile}/mixed/fr.md:3: invalid frontmatter: while parsing a "
        "flow sequence; expected ',' or ']', but got '<stream end>'",
    ]
    data = json.loads(run("-a", str(hostile), "langs", "mixed", "--format", "json").stdout)
    problems = {row["tag"]: row.get("problem") for row in data["languages"]}
    assert problems == {
        "de": "not UTF-8 text (byte 14)",
        "en": None,
        "fr": problems["fr"],
        "it": None,
    }
    assert problems["fr"].startswith("invalid frontmatter")
    rich = run("-a", str(hostile), "langs", "mixed", "--format", "rich")
    assert "not UTF-8 text" in rich.stdout and "Buono" in rich.stdout


def test_the_good_translations_of_a_broken_term_still_show(run, hostile) -> None:
    assert run("-a", str(hostile), "show", "mixed", "--lang", "it").stdout.startswith("Buono\n")
    broken = run("-a", str(hostile), "show", "mixed", "--lang", "fr")
    assert broken.exit_code == 3
    assert broken.stderr.count("\n") == 1 and "mixed/fr.md:3: invalid frontmatter" in broken.stderr


def test_links_to_broken_articles_are_links_to_articles(run, hostile) -> None:
    result = run("-a", str(hostile), "links", "linker")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.splitlines() == [
        "invalid-yaml\t/invalid-yaml\tarticle",
        "not-utf8\t/not-utf8\tarticle",
        "over-the-limit\t/over-the-limit\tarticle",
        "gone\t/gone\tmissing",
    ]


@pytest.mark.parametrize("name", ["a\x1bb", "a\x00b", "", "  "])
def test_names_that_cannot_be_article_names(run, hostile, name) -> None:
    for command in ("show", "sections", "links", "langs"):
        result = run("-a", str(hostile), command, name)
        assert result.exit_code == 2, (command, name, result.stderr)
        assert "article name" in result.stderr
        assert unsafe(result.stderr) == []


# Names that are no slug may be titles (`TCP/IP`, since `list` and `search`): they are looked
# up as titles, never used as paths, and are not found.
@pytest.mark.parametrize("name", ["a/b", "a\\b", "..", "../articles", ".hidden", "x" * 201, "-"])
def test_names_that_are_not_slugs_are_never_paths(run, hostile, name) -> None:
    for command in ("show", "sections", "links", "langs"):
        result = run("-a", str(hostile), command, name)
        assert result.exit_code == 1, (command, name, result.stderr)
        assert result.stderr.startswith("glossary: error: no article ")
        assert result.stdout == ""
        assert unsafe(result.stderr) == []


@pytest.mark.parametrize("slug", ["-x", "--"])
def test_slugs_that_look_like_options(run, hostile, slug) -> None:
    result = run("-a", str(hostile), "show", slug)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("lang", ["", "e", "english!", "../en", "it--IT", "x" * 300, "en\x1b"])
def test_malformed_language_tags(run, hostile, lang) -> None:
    result = run("-a", str(hostile), "show", "good", "--lang", lang)
    assert result.exit_code == 2
    assert "Invalid value for '--lang'" in result.stderr
    assert unsafe(result.stderr) == []


@pytest.mark.parametrize(
    ("section", "code", "message"),
    [
        ("0", 2, "--section takes a number from 1, or a heading; got 0"),
        ("-1", 2, "--section takes a number from 1, or a heading; got -1"),
        ("0.0", 2, "--section takes a number from 1"),
        ("99", 1, "good (en) has no section 99 (its sections are numbered 1 to 1)"),
        ("1.5", 1, "good (en) has no section 1.5"),
        ("no such heading", 1, "good (en) has no section 'no such heading'"),
        ("\x1b[2J", 1, "good (en) has no section '\\x1b[2J'"),
    ],
)
def test_bad_sections(run, hostile, section, code, message) -> None:
    result = run("-a", str(hostile), "show", "good", "--section", section)
    assert result.exit_code == code
    assert message in result.stderr
    assert unsafe(result.stderr) == []


@pytest.mark.parametrize("fmt", ["html", "", "JSONX"])
def test_unknown_formats(run, hostile, fmt) -> None:
    result = run("-a", str(hostile), "show", "good", "--format", fmt)
    assert result.exit_code == 2
    assert "is not one of" in result.stderr


# Symbolic links: inside a root they are names like any other; out of it, never followed.


@pytest.fixture
def linked(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    secret = tmp_path / "private"
    secret.mkdir()
    (secret / "en.md").write_text("---\ntitle: SECRET\n---\nSECRET TEXT\n")
    write_article(root, "real", "en", article("Real", "## One\n\nText.\n"))
    write_article(root, "real", "it", article("Reale", "## Uno\n\nTesto.\n"))
    (root / "alias").symlink_to("real")  # a second name, inside the root
    (root / "real" / "pt.md").symlink_to("it.md")  # a shared translation, inside
    (root / "escape").symlink_to(secret)  # a term folder that leads out
    (root / "real" / "de.md").symlink_to(secret / "en.md")  # a translation that leads out
    return root


def test_links_inside_the_root_are_followed(run, linked) -> None:
    assert run("-a", str(linked), "show", "alias", "--lang", "en").stdout.startswith("Real\n")
    assert run("-a", str(linked), "show", "real", "--lang", "pt").stdout.startswith("Reale\n")


def test_a_folder_linked_out_of_the_root_is_never_read(run, linked) -> None:
    result = run("-a", str(linked), "show", "escape")
    assert result.exit_code == 3
    assert result.stderr == (
        f"glossary: error: {linked}/escape: a symbolic link to {linked.parent}/private, "
        "outside its article root; not read\n"
    )
    listing = run("-a", str(linked), "langs")
    assert listing.exit_code == 0
    assert "SECRET" not in listing.stdout
    assert f"{linked}/escape: a symbolic link" in listing.stderr


def test_a_translation_linked_out_of_the_root_is_never_read(run, linked) -> None:
    result = run("-a", str(linked), "langs", "real")
    assert result.exit_code == 0
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == ["en", "it", "pt"]
    assert result.stderr == (
        f"glossary: warning: {linked}/real/de.md: a symbolic link to "
        f"{linked.parent}/private/en.md, outside its article root; skipped\n"
    )
    shown = run("-a", str(linked), "show", "real", "--lang", "de")
    assert shown.exit_code == 1
    assert "SECRET" not in shown.stdout + shown.stderr
    assert "not available in de (available: en, it, pt)" in shown.stderr
    for command in ("show", "sections", "links", "highlights"):
        out = run("-a", str(linked), command, "real", "--format", "json")
        assert "SECRET" not in out.stdout


def test_list_and_search_show_nothing_of_a_link_out_of_the_root(run, linked) -> None:
    listed = run("-a", str(linked), "list", "--format", "json")
    assert listed.exit_code == 0
    assert {row["slug"] for row in json.loads(listed.stdout)["articles"]} == {
        "alias",
        "real",
        "inside-sales",
    }
    for query in ("secret", "SECRET TEXT"):
        found = run("-a", str(linked), "search", query)
        assert found.exit_code == 1 and "SECRET" not in found.stdout
    by_title = run("-a", str(linked), "show", "SECRET")
    assert by_title.exit_code == 1 and "SECRET TEXT" not in by_title.stdout + by_title.stderr
    assert "SECRET" not in run("-a", str(linked), "search", "text", "-f", "json").stdout


def test_check_reports_links_out_of_the_root(run, linked) -> None:
    result = run("check", str(linked))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"{linked}/escape: error: a symbolic link to {linked.parent}/private, " in lines[0]
    assert any(line.startswith(f"{linked}/real/de.md: error: a symbolic link") for line in lines)
    assert "SECRET" not in result.stdout


def test_fifos_and_folders_named_like_articles_are_not_read(run, tree: Path) -> None:
    write_article(tree, "t", "en", article("T", "Text.\n"))
    os.mkfifo(tree / "t" / "it.md")  # opening it to read would wait for a writer forever
    (tree / "t" / "fi.md").mkdir()
    result = run("-a", str(tree), "langs", "t")
    assert result.stdout == "en\tEnglish\tT\n"
    assert run("-a", str(tree), "show", "t", "--lang", "it").exit_code == 1
    check = run("check", str(tree))
    assert f"{tree}/t/it.md: warning: not a regular file; not read" in check.stdout


def test_reading_a_fifo_directly_is_a_bad_article(tree: Path) -> None:
    from glossary_cli.errors import BadArticle
    from glossary_cli.library.roots import read_article

    os.mkfifo(tree / "pipe.md")
    with pytest.raises(BadArticle, match="not a regular file"):
        read_article("t", "en", tree / "pipe.md")
