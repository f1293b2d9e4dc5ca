"""One bad article never costs more than itself (issue 16): text that is no valid Unicode,
numbers of any size, invisible keys and look-alike titles, and markup too costly to read."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from conftest import REPO, article, write_article
from hostile import grows_linearly

GOOD = article("Articolo buono", "Testo buono.\n")


@pytest.fixture
def library(tree: Path) -> Path:
    write_article(tree, "good", "it", GOOD)
    return tree


def test_a_lone_surrogate_spoils_only_its_own_article(run, library) -> None:
    # A YAML escape makes a lone surrogate, which no encoder writes: it once broke `list`,
    # `search` and every title lookup, for every article.
    write_article(
        library,
        "bad",
        "it",
        '---\ntitle: "x\\uD800"\ndescription: "d\\uDC00"\nkeywords: ["k\\uD800", "e"]\n---\n'
        "Corpo &#xD800; qui.\n",
    )
    listed = run("-a", str(library), "list", "--format", "json")
    assert listed.exit_code == 0, listed.stderr
    rows = {row["slug"]: row for row in json.loads(listed.stdout)["articles"]}
    assert rows["good"]["title"] == "Articolo buono"
    assert rows["bad"]["title"] == "x\ufffd"
    found = run("-a", str(library), "search", "buono")
    assert found.exit_code == 0 and found.stdout.startswith("good\tit\tArticolo buono")
    by_title = run("-a", str(library), "show", "Articolo buono")
    assert by_title.exit_code == 0 and by_title.stdout.startswith("Articolo buono\n")
    for fmt in ("plain", "json", "markdown", "rich"):
        shown = run("-a", str(library), "show", "bad", "--format", fmt)
        assert shown.exit_code == 0, shown.stderr
        # `--format markdown` prints the source as written: the escape, not a surrogate
        assert "\ufffd" in shown.stdout or fmt == "markdown"
    checked = run("check", str(library))
    assert checked.exit_code == 1
    bad = f"{library}/bad/it.md"
    assert checked.stdout.splitlines()[:3] == [
        f"{bad}:2: error: title has a lone surrogate (U+D800), which is no character; "
        "shown as U+FFFD",
        f"{bad}:3: error: description has a lone surrogate (U+DC00), which is no character; "
        "shown as U+FFFD",
        f"{bad}:4: error: keywords has a lone surrogate (U+D800), which is no character; "
        "shown as U+FFFD",
    ]


def test_a_surrogate_pair_written_as_two_escapes_is_its_character(run, library) -> None:
    write_article(library, "emoji", "it", '---\ntitle: "a \\uD83D\\uDE00"\n---\nTesto.\n')
    shown = run("-a", str(library), "show", "emoji")
    assert shown.stdout.startswith("a \U0001f600\n")
    assert "surrogate" not in run("check", str(library)).stdout


@pytest.mark.parametrize(
    "value", ["0x" + "f" * 4000, "1" + "0" * 5000, "0" + "7" * 6000, "1.0e+99999", "1.10"]
)
def test_a_number_of_any_size_is_text_as_written(run, library, value) -> None:
    # `0x` and 4,000 hex digits was a traceback in `show` and `check` (Python's int-to-string
    # digit limit); 5,000 decimal digits a refusal.
    write_article(library, "number", "it", f"---\ntitle: {value}\n---\nTesto.\n")
    shown = run("-a", str(library), "show", "number")
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout.startswith(value + "\n")
    checked = run("check", str(library))
    assert "Traceback" not in checked.stderr
    assert (
        f"{library}/number/it.md:2: warning: title is read by YAML as a number (shown as "
        "written); quote it"
    ) in checked.stdout
    listed = run("-a", str(library), "list")
    assert f"number\tit\t{value}\t" in listed.stdout


@pytest.mark.parametrize("invisible", ["\u202e", "\u200b", "\u2066", "\u2060", "\u200d"])
@pytest.mark.parametrize("after", [True, False], ids=["after", "before"])
def test_a_key_with_an_invisible_character_is_not_the_key(run, library, invisible, after):
    lines = ["title: Vero", f"{invisible}title: Falso"]
    text = "---\n" + "\n".join(lines if after else lines[::-1]) + "\n---\nTesto.\n"
    write_article(library, "keys", "it", text)
    assert run("-a", str(library), "show", "keys").stdout.startswith("Vero\n")
    assert "keys\tit\tVero\t" in run("-a", str(library), "list").stdout
    checked = run("check", str(library))
    line = 3 if after else 2
    code = f"U+{ord(invisible):04X}"
    expected = (
        f"{library}/keys/it.md:{line}: error: frontmatter key 'title' has invisible "
        f"characters ({code}); ignored"
    )
    assert expected in checked.stdout.splitlines()


def test_invisible_characters_leave_titles_but_words_keep_theirs(run, library) -> None:
    # Zero-width space and direction marks go; ZWNJ, which Persian needs, stays.
    write_article(library, "zw", "it", '---\ntitle: "Ven\\u200bdite\\u200e"\n---\nTesto.\n')
    write_article(library, "fa", "fa", "---\ntitle: می\u200cخواهم\n---\nمتن.\n")
    assert run("-a", str(library), "show", "zw").stdout.startswith("Vendite\n")
    assert run("-a", str(library), "show", "fa").stdout.startswith("می\u200cخواهم\n")
    body = "---\ntitle: T\n---\nक्\u200dष and 👩\u200d💻.\n"
    write_article(library, "body", "it", body)
    assert "क्\u200dष and 👩\u200d💻." in run("-a", str(library), "show", "body").stdout


def test_check_warns_about_titles_that_look_alike(run, library) -> None:
    write_article(library, "spoof", "it", '---\ntitle: "ARTICOLO\\u200c buono"\n---\nX.\n')
    write_article(library, "same", "en", "---\ntitle: Articolo buono\n---\nX.\n")
    write_article(library, "other", "it", "---\ntitle: Articolo cattivo\n---\nX.\n")
    checked = run("check", str(library))
    lines = checked.stdout.splitlines()
    good, spoof, same = (f"{library}/{slug}" for slug in ("good/it.md", "spoof/it.md", "same"))
    assert (
        f"{good}: warning: title 'Articolo buono' looks the same as 'ARTICOLO\u200c buono', "
        f"the title of spoof ({spoof})"
    ) in lines
    assert (
        f"{spoof}: warning: title 'ARTICOLO\u200c buono' looks the same as 'Articolo buono', "
        f"the title of good ({good})"
    ) in lines
    assert (
        f"{same}/en.md: warning: title 'Articolo buono' is also the title of good ({good})"
    ) in lines
    assert not any(f"{library}/other/" in line and "title '" in line for line in lines)


# --------------------------------------------------------------------------- cost


def _bench() -> object:
    """bench/hostile.py, whose families of hostile Markdown the tests reuse (they time nothing)."""
    spec = importlib.util.spec_from_file_location("bench_hostile", REPO / "bench" / "hostile.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_hostile"] = module
    spec.loader.exec_module(module)
    return module


BENCH = _bench()
FAMILIES = sorted(BENCH.FAMILIES)  # type: ignore[attr-defined]


@pytest.mark.parametrize("family", FAMILIES)
def test_hostile_markup_at_the_limit_is_refused_or_within_the_budget(run, tree, family) -> None:
    # At 8 MiB, `[` took 52 s and 3.1 GB, `\r` 7.6 GB; the limit is now 256 KiB and what the
    # markup would cost is counted first (reading/cost.py): too much is a refusal, exit 3.
    from glossary_cli.reading.cost import BUDGET, cost

    text = BENCH.at_the_limit(BENCH.FAMILIES[family])  # type: ignore[attr-defined]
    write_article(tree, "hostile", "en", text)
    write_article(tree, "good", "en", GOOD)
    shown = run("-a", str(tree), "show", "hostile")
    body = text.split("---\n", 2)[2].replace("\r", "\n")
    if cost(body) > BUDGET:
        assert shown.exit_code == 3
        assert shown.stderr.startswith(f"glossary: error: {tree}/hostile/en.md: too much markup")
        assert shown.stderr.count("\n") == 1
        checked = run("check", str(tree))
        assert f"{tree}/hostile/en.md: error: too much markup to read (" in checked.stdout
    else:
        assert shown.exit_code == 0, shown.stderr
    # The index lists it by its slug at least, and the rest of the library still answers.
    assert run("-a", str(tree), "search", "buono").stdout.startswith("good\t")
    assert "hostile\ten\t" in run("-a", str(tree), "list").stdout


def test_the_budget_lets_every_real_article_through() -> None:
    from glossary_cli.reading.cost import BUDGET, cost

    mdn = REPO.parent / "shared" / "corpora" / "mdn-glossary" / "articles"
    paths = sorted(mdn.glob("*/*.md")) + sorted((REPO / "articles").glob("*/*.md"))
    if not paths:
        pytest.skip(f"the MDN corpus is not here ({mdn})")
    costliest = max(cost(path.read_text(encoding="utf-8")) for path in paths)
    assert costliest * 10 < BUDGET  # headroom: ten times the costliest real article


@pytest.mark.parametrize("family", FAMILIES)
def test_what_the_budget_counts_grows_linearly(family) -> None:
    # The refusal is counted in C, never by reading: linear in the size, and cheap.
    from glossary_cli.reading.cost import cost

    make = BENCH.FAMILIES[family]  # type: ignore[attr-defined]
    assert grows_linearly(cost, make, 20_000)


def test_json_escapes_del_and_the_c1_controls(run) -> None:
    """json escapes C0 but not DEL or C1 (U+009B is CSI): a query echoed back carries them."""
    result = run("search", "sales\x7f\x9b", "--format", "json")
    assert "\x7f" not in result.stdout and "\x9b" not in result.stdout
    assert "\\u007f\\u009b" in result.stdout
    assert json.loads(result.stdout)["query"] == "sales\x7f\x9b"  # the value is kept whole
