"""`glossary langs` across the library (coverage, --missing) and `langs --explain`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary_cli.commands.overview import explain
from glossary_cli.language.choice import choose
from glossary_cli.language.preferences import preferences
from glossary_cli.settings.config_file import ConfigFile
from glossary_cli.settings.resolved import Settings

from conftest import article, has_escape, write_article

BUNDLED = Path(__file__).resolve().parent.parent / "articles"


@pytest.fixture
def library_tree(tree: Path) -> Path:
    """Three articles in a few languages, beside the bundled inside-sales (fi, it, pl, sv)."""
    write_article(tree, "alpha", "en", article("Alpha", "A.\n"))
    write_article(tree, "alpha", "de", article("Alpha (de)", "A.\n"))
    write_article(tree, "beta", "pt-BR", article("Beta", "B.\n"))
    write_article(tree, "gamma-with-a-rather-long-name", "en", article("Gamma", "C.\n"))
    return tree


def test_coverage_piped_one_line_per_article(run, library_tree: Path) -> None:
    result = run("-a", str(library_tree), "langs")
    assert result.exit_code == 0
    assert result.stderr == ""
    # slug, then one field per language of the library (sorted): the tag, or - when missing
    assert result.stdout == (
        "alpha\tde\ten\t-\t-\t-\t-\t-\n"
        "beta\t-\t-\t-\t-\t-\tpt-BR\t-\n"
        "gamma-with-a-rather-long-name\t-\ten\t-\t-\t-\t-\t-\n"
        "inside-sales\t-\t-\tfi\tit\tpl\t-\tsv\n"
    )


def test_coverage_json(run, library_tree: Path) -> None:
    data = json.loads(run("-a", str(library_tree), "langs", "-f", "json").stdout)
    assert data["schema"] == 1
    assert [lang["tag"] for lang in data["languages"]] == [
        "de",
        "en",
        "fi",
        "it",
        "pl",
        "pt-BR",
        "sv",
    ]
    assert {"tag": "en", "name": "English", "articles": 2} in data["languages"]
    assert data["articles"][1] == {
        "slug": "beta",
        "languages": ["pt-BR"],
        "missing": ["de", "en", "fi", "it", "pl", "sv"],
    }


def test_coverage_on_a_terminal_marks_what_is_missing(run, library_tree: Path) -> None:
    result = run("-a", str(library_tree), "langs", "-f", "rich", env={"COLUMNS": "80"})
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Article", "de", "en", "fi", "it", "pl", "pt-BR", "sv"]
    assert lines[1].split() == [
        "alpha",
        "\u2713",
        "\u2713",
        "\u2717",
        "\u2717",
        "\u2717",
        "\u2717",
        "\u2717",
    ]
    assert lines[-1].split() == ["4", "1", "2", "1", "1", "1", "1", "1"]  # articles per language
    # each mark under its language's column
    header = lines[0]
    assert lines[2][header.index("pt-BR") + 2] == "\u2713"
    assert max(len(line) for line in lines) <= 80


def test_coverage_long_slug_on_a_narrow_terminal(run, library_tree: Path) -> None:
    lines = run("-a", str(library_tree), "langs", "-f", "rich", env={"COLUMNS": "40"}).stdout
    lines_list = lines.splitlines()
    assert max(len(line) for line in lines_list) <= 40
    # the slug is folded onto a line of its own, its marks after the rest of it
    first = next(i for i, line in enumerate(lines_list) if line.startswith("gamma"))
    assert "\u2713" not in lines_list[first]
    assert "\u2713" in lines_list[first + 1]
    assert (
        "".join(lines_list[first : first + 2])
        .replace(" ", "")
        .startswith("gamma-with-a-rather-long-name")
    )


def test_coverage_too_many_languages_for_the_width_lists_what_is_missing(
    run, library_tree: Path
) -> None:
    lines = run("-a", str(library_tree), "langs", "-f", "rich", env={"COLUMNS": "30"}).stdout
    assert "beta  \u2717 de, en, fi" in lines


def test_coverage_colour(run, library_tree: Path) -> None:
    out = run("-a", str(library_tree), "langs", "-f", "rich", "--color", "always").stdout
    assert "\x1b[32m\u2713" in out and "\x1b[1;31m\u2717" in out


def test_coverage_reads_no_article(run, library_tree: Path) -> None:
    """Folder listings only: an article that cannot be parsed does not slow or stop it."""
    write_article(library_tree, "broken", "en", b"\xff\xfe not text")
    result = run("-a", str(library_tree), "langs")
    assert result.exit_code == 0
    assert "broken\t-\ten\t" in result.stdout
    assert run("-a", str(library_tree), "show", "broken").exit_code == 3


def test_markdown_coverage_table(run) -> None:
    assert run("langs", "-f", "markdown").stdout == (
        "| article | `fi` | `it` | `pl` | `sv` |\n"
        "| --- | :-: | :-: | :-: | :-: |\n"
        "| inside-sales | \u2713 | \u2713 | \u2713 | \u2713 |\n"
    )


# --- --missing ----------------------------------------------------------------------------------


def test_missing_lists_articles_without_the_language(run, library_tree: Path) -> None:
    result = run("-a", str(library_tree), "langs", "--missing", "en")
    assert result.stdout == "beta\tpt-BR\ninside-sales\tfi,it,pl,sv\n"
    data = json.loads(run("-a", str(library_tree), "langs", "-m", "en", "-f", "json").stdout)
    assert data == {
        "schema": 1,
        "lang": "en",
        "articles": [
            {"slug": "beta", "languages": ["pt-BR"]},
            {"slug": "inside-sales", "languages": ["fi", "it", "pl", "sv"]},
        ],
    }


@pytest.mark.parametrize(
    ("lang", "lacking"),
    [
        ("pt", ["alpha", "gamma-with-a-rather-long-name", "inside-sales"]),  # pt-BR counts
        ("pt-BR", ["alpha", "gamma-with-a-rather-long-name", "inside-sales"]),
        ("pt_br", ["alpha", "gamma-with-a-rather-long-name", "inside-sales"]),
        ("pt-PT", ["alpha", "beta", "gamma-with-a-rather-long-name", "inside-sales"]),
        ("DE", ["beta", "gamma-with-a-rather-long-name", "inside-sales"]),
    ],
)
def test_missing_language_matching(run, library_tree: Path, lang: str, lacking: list[str]) -> None:
    out = run("-a", str(library_tree), "langs", "--missing", lang).stdout
    assert [line.split("\t")[0] for line in out.splitlines()] == lacking


def test_nothing_missing(run) -> None:
    result = run("langs", "--missing", "it")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    rich = run("langs", "--missing", "it", "-f", "rich").stdout
    assert rich == "Every article is in it (1).\n"


def test_missing_on_a_terminal(run, library_tree: Path) -> None:
    out = run("-a", str(library_tree), "langs", "-m", "en", "-f", "rich").stdout
    assert out.splitlines()[0] == "Not in en: 2 of 4 articles"
    assert "inside-sales" in out and "fi, it, pl, sv" in out


@pytest.mark.parametrize(
    "args",
    [
        ["langs", "--missing", "x!"],
        ["langs", "inside-sales", "--missing", "en"],
        ["langs", "--explain", "--missing", "en"],
        ["langs", "--lang", "it"],
    ],
)
def test_langs_usage_errors(run, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""


# --- --explain ----------------------------------------------------------------------------------


def test_explain_each_step(run) -> None:
    env = {"LANGUAGE": "de:sv", "LANG": "en_US.UTF-8", "LC_MESSAGES": ""}
    result = run("langs", "--explain", "inside-sales", env=env)
    assert result.exit_code == 0
    assert result.stdout == (
        "--lang\t\tskipped\tnot given\n"
        "GLOSSARY_LANG\t\tskipped\tunset\n"
        "config\t\tskipped\tunset\n"
        "LANGUAGE\tde:sv\tused\tshows sv; not in the article: de\n"
        "LC_ALL\t\tskipped\tunset\n"
        "LC_MESSAGES\t\tskipped\tempty\n"
        "LANG\ten_US.UTF-8\tskipped\tnot reached\n"
        "fallback\t\tskipped\tnot reached\n"
        f"layout\t{BUNDLED}\tslug-first\t<slug>/<lang>.md (detected)\n"  # where it is read from
    )


def test_explain_unavailable_then_fallback(run) -> None:
    out = run("langs", "--explain", "inside-sales", env={"GLOSSARY_LANG": "de,ja"}).stdout
    rows = [line.split("\t") for line in out.splitlines()][:-1]  # the last: the layout
    assert rows[1] == ["GLOSSARY_LANG", "de,ja", "unavailable", "not in the article: de, ja"]
    assert rows[-1] == [
        "fallback",
        "",
        "used",
        "shows fi: English if the article has it, else its first language by tag",
    ]


def test_explain_with_flags(run) -> None:
    result = run(
        "langs",
        "--explain",
        "inside-sales",
        "-l",
        "de",
        "-l",
        "it,fi",
        "-f",
        "json",
        env={"LANG": "sv_SE.UTF-8"},
    )
    data = json.loads(result.stdout)
    assert data["available"] == ["fi", "it", "pl", "sv"]
    statuses = [(s["source"], s["status"]) for s in data["steps"]]
    assert statuses[:3] == [
        ("--lang", "unavailable"),
        ("--lang", "used"),
        ("GLOSSARY_LANG", "skipped"),
    ]
    assert data["steps"][-2] == {
        "source": "LANG",
        "value": "sv_SE.UTF-8",
        "tags": [],
        "status": "skipped",
        "note": "overridden by --lang",
    }
    assert data["chosen"] == []
    assert data["error"] == "inside-sales is not available in de"
    ok = json.loads(run("langs", "--explain", "inside-sales", "-l", "it,fi", "-f", "json").stdout)
    assert (ok["chosen"], ok["error"]) == (["it", "fi"], None)


def test_explain_without_an_article(run) -> None:
    out = run("langs", "--explain", env={"GLOSSARY_LANG": "pt-BR", "LANG": "it_IT.UTF-8"}).stdout
    rows = [line.split("\t") for line in out.splitlines()]
    assert rows[1] == ["GLOSSARY_LANG", "pt-BR", "used", "prefers pt-BR"]
    assert rows[6] == ["LANG", "it_IT.UTF-8", "used", "prefers it-IT"]
    assert rows[-2][0:3] == ["fallback", "", "used"]
    assert rows[-1] == ["layout", str(BUNDLED), "slug-first", "<slug>/<lang>.md (detected)"]


def test_explain_on_a_terminal(run) -> None:
    out = run("langs", "--explain", "inside-sales", "-f", "rich", env={"LANG": "it_IT.UTF-8"})
    lines = out.stdout.splitlines()
    assert lines[0].split() == ["Step", "Value", "Status", "Why"]
    assert line_split(lines, "LANG ") == ["LANG", "it_IT.UTF-8", "used", "shows", "it"]
    assert lines[-1] == "inside-sales (fi, it, pl, sv): showing it"


def line_split(lines: list[str], start: str) -> list[str]:
    (found,) = [line for line in lines if line.strip().startswith(start)]
    return found.split()


def test_explain_escapes_control_characters(run) -> None:
    result = run("langs", "--explain", "inside-sales", env={"GLOSSARY_LANG": "\x1b[31mit"})
    assert not has_escape(result.stdout)
    assert "\\x1b[31mit" in result.stdout
    rich = run("langs", "--explain", "-f", "rich", env={"GLOSSARY_LANG": "\x1b[31mit"}).stdout
    assert not has_escape(rich)


def test_explain_unknown_article(run) -> None:
    result = run("langs", "--explain", "nope")
    assert result.exit_code == 1
    assert result.stderr == "glossary: error: no article 'nope'\n"


ENVIRONMENTS = [
    {},
    {"LANG": "C"},
    {"LANG": "it_IT.UTF-8"},
    {"LANG": "en_US.UTF-8"},
    {"LANGUAGE": "de:sv", "LANG": "fi_FI.UTF-8"},
    {"LANGUAGE": "sv", "LANG": "C.UTF-8"},
    {"GLOSSARY_LANG": "de,pl", "LC_ALL": "it_IT.UTF-8"},
    {"GLOSSARY_LANG": "x!,de", "LC_MESSAGES": "sv_FI", "LANG": "it_IT"},
    {"LC_ALL": "", "LC_MESSAGES": "pt_BR", "LANG": "fi"},
]


@pytest.mark.parametrize("env", ENVIRONMENTS)
@pytest.mark.parametrize("configured", [(), ("pl",), ("de", "sv")])
def test_explain_agrees_with_the_choice(env: dict[str, str], configured: tuple[str, ...]) -> None:
    library = Settings({}, file=ConfigFile(Path("none"))).library()
    available = sorted(library.languages("inside-sales"))
    prefs = preferences([], env, configured)
    result = explain(library, "inside-sales", prefs)
    expected = choose(available, prefs).tag
    assert result.chosen == (expected,)
    used = [row for row in result.rows if row.status == "used"]
    assert len(used) == 1
    assert used[0].note.startswith(f"shows {expected}")
