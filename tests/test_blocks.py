"""Block structure as real glossaries write it (issue 12, point 4): GFM tables, callouts, MDN's
definition lists, footnotes, Hugo's heading attributes and shortcodes, in every format."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from glossary_cli.document.model import Callout, Definitions, Paragraph, Quote, Span, Table
from glossary_cli.reading import lines, peek
from glossary_cli.reading.markdown import parse_article

from conftest import MDN, write_article

BLOCKS = """\
---
title: Blocks
---

Application-Layer Protocol Negotiation[^1] picks a protocol[^why].

| Protocol | Identification sequence |
| :------- | ----------------------: |
| {{Glossary("HTTP", "HTTP/1.1")}} | `0x68 0x74 0x74 0x70` ("http/1.1") |
| HTTP/2 over cleartext {{Glossary("TCP")}}, a cell long enough to wrap on a terminal \
of eighty columns | `0x68 0x32 0x63` ("h2c") |

> [!NOTE]
> A note, written on two
> lines.

> [!WARNING]
> **Careful** here.

> An ordinary quote.

- **name**
  - : How can we refer to this thing?
- description
  - : How do we describe it?

## What it is {#what-it-is}

Text with {{< figure src="x.png" >}} a shortcode and {{% badge %}}a badge{{% /badge %}}.

## Also {.unnumbered}

More.

[^1]: Defined in RFC 7301.
[^why]: The second note.
"""


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    write_article(root, "blocks", "en", BLOCKS)
    return root


def test_the_model() -> None:
    article = parse_article(BLOCKS, slug="blocks", lang="en", path="x")
    kinds = [type(block) for block in article.intro]
    assert kinds == [Paragraph, Table, Callout, Callout, Quote, Definitions]
    table = article.intro[1]
    assert isinstance(table, Table)
    assert table.align == ("left", "right")
    assert [cell[0].text for cell in table.header] == ["Protocol", "Identification sequence"]
    assert table.rows[0][0][0].link == "/http"  # the macro is a link inside its cell
    note, warning = article.intro[2], article.intro[3]
    assert isinstance(note, Callout) and isinstance(warning, Callout)
    assert (note.kind, note.label, warning.label) == ("note", "Note", "Warning")
    assert note.blocks == (Paragraph((Span("A note, written on two lines."),)),)
    assert warning.blocks == (Paragraph((Span("Careful", "strong"), Span(" here."))),)
    definitions = article.intro[5]
    assert isinstance(definitions, Definitions)
    assert [d.term[0].text for d in definitions.items] == ["name", "description"]
    first = definitions.items[0].blocks[0]
    assert isinstance(first, Paragraph) and first.spans[0].text.startswith("How can we")
    assert [s.heading for s in article.sections] == ["What it is", "Also"]
    assert [n.number for n in article.footnotes] == [1, 2]
    assert [p.message for p in article.problems] == [
        "Hugo shortcode 'figure' is not shown (a site generator's markup)",
        "Hugo shortcode 'badge' is not shown (a site generator's markup)",
    ]
    assert {p.line for p in article.problems} == {28}


def test_plain(run, library: Path) -> None:
    result = run("-a", str(library), "show", "blocks")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Blocks\n\n"
        "Application-Layer Protocol Negotiation[1] picks a protocol[2].\n\n"
        "Protocol\tIdentification sequence\n"
        'HTTP/1.1\t0x68 0x74 0x74 0x70 ("http/1.1")\n'
        "HTTP/2 over cleartext TCP, a cell long enough to wrap on a terminal of eighty columns"
        '\t0x68 0x32 0x63 ("h2c")\n\n'
        "Note:\n    A note, written on two lines.\n\n"
        "Warning:\n    Careful here.\n\n"
        "    An ordinary quote.\n\n"
        "name\n    How can we refer to this thing?\n"
        "description\n    How do we describe it?\n\n"
        "What it is\n\nText with a shortcode and a badge.\n\n"
        "Also\n\nMore.\n\n"
        "[1] Defined in RFC 7301.\n"
        "[2] The second note.\n"
    )


def test_json(run, library: Path) -> None:
    data = json.loads(run("-a", str(library), "show", "blocks", "-f", "json").stdout)
    table = data["introduction"][1]
    assert table["type"] == "table"
    assert table["align"] == ["left", "right"]
    assert [cell["text"] for cell in table["header"]] == ["Protocol", "Identification sequence"]
    assert table["rows"][0][0] == {
        "text": "HTTP/1.1",
        "links": [{"text": "HTTP/1.1", "target": "/http"}],
    }
    assert len(table["rows"]) == 2 and all(len(row) == 2 for row in table["rows"])
    note = data["introduction"][2]
    assert (note["type"], note["kind"], note["label"]) == ("callout", "note", "Note")
    assert note["blocks"][0]["text"] == "A note, written on two lines."
    definitions = data["introduction"][5]
    assert definitions["type"] == "definitions"
    assert [item["term"]["text"] for item in definitions["items"]] == ["name", "description"]
    assert definitions["items"][1]["blocks"][0]["text"] == "How do we describe it?"
    assert [s["heading"] for s in data["sections"]] == ["What it is", "Also"]
    assert data["footnotes"] == [
        {
            "number": 1,
            "blocks": [{"type": "paragraph", "text": "Defined in RFC 7301.", "links": []}],
        },
        {"number": 2, "blocks": [{"type": "paragraph", "text": "The second note.", "links": []}]},
    ]


def test_markdown_whole_article_without_hugo_markup(run, library: Path) -> None:
    result = run("-a", str(library), "show", "blocks", "-f", "markdown")
    assert "| :------- | ----------------------: |" in result.stdout  # GFM, as written
    assert "> [!NOTE]" in result.stdout
    assert "## What it is\n" in result.stdout
    assert "## Also\n" in result.stdout
    assert "Text with a shortcode and a badge." in result.stdout
    assert "{{<" not in result.stdout and "{{%" not in result.stdout


def test_markdown_section_writes_the_blocks_back(tmp_path: Path, run) -> None:
    root = tmp_path / "articles"
    body = BLOCKS.replace("Application-Layer", "## First\n\nApplication-Layer")
    write_article(root, "blocks", "en", body)
    result = run("-a", str(root), "show", "blocks", "--section", "1", "-f", "markdown")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "## First\n\n"
        "Application-Layer Protocol Negotiation[^1] picks a protocol[^2].\n\n"
        "| Protocol | Identification sequence |\n"
        "| :-- | --: |\n"
        '| [HTTP/1.1](/http) | `0x68 0x74 0x74 0x70` ("http/1.1") |\n'
        "| HTTP/2 over cleartext [TCP](/tcp), a cell long enough to wrap on a terminal of "
        'eighty columns | `0x68 0x32 0x63` ("h2c") |\n\n'
        "> [!NOTE]\n> A note, written on two lines.\n\n"
        "> [!WARNING]\n> **Careful** here.\n\n"
        "> An ordinary quote.\n\n"
        "- **name**\n  - : How can we refer to this thing?\n"
        "- description\n  - : How do we describe it?\n\n"
        "[^1]: Defined in RFC 7301.\n"
        "[^2]: The second note.\n"
    )
    # and what it writes reads back as the same blocks
    again = parse_article(result.stdout, slug="blocks", lang="en", path="x")
    original = parse_article(body, slug="blocks", lang="en", path="x")
    assert again.sections[0].blocks == original.sections[0].blocks
    assert again.footnotes == original.footnotes


def test_a_section_alone_keeps_its_footnotes(tmp_path: Path, run) -> None:
    root = tmp_path / "articles"
    write_article(root, "t", "en", "## A\n\nOne[^a].\n\n## B\n\nTwo[^b].\n\n[^a]: A.\n[^b]: B.\n")
    assert run("-a", str(root), "show", "t", "--section", "2").stdout == "B\n\nTwo[2].\n\n[2] B.\n"


def _strip_ansi(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\", "", text)


def test_rich_golden(run, library: Path, update_golden: bool) -> None:
    """A table that wraps its cells, labelled callouts, terms with their definitions indented,
    footnotes at the end, at 80 columns."""
    args = ("-a", str(library), "show", "blocks", "-f", "rich", "--color", "always")
    result = run(*args, env={"COLUMNS": "80"})
    golden = Path(__file__).parent / "golden" / "show-blocks-en.ansi"
    if update_golden:
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")
    shown = _strip_ansi(result.stdout)
    assert max(len(line) for line in shown.splitlines()) <= 80
    # nothing of the long cell is cut: every word of it is there, wrapped inside its column
    words = " ".join(line.split("\u2502")[1] for line in shown.splitlines() if "\u2502" in line)
    assert "HTTP/2 over cleartext TCP, a cell long enough to wrap on a terminal of eighty" in (
        " ".join(words.split())
    )
    assert "\u2026" not in shown
    for expected in ("\u258c Note", "\u258c Warning", "name\n    How can we", "[1] Defined in"):
        assert expected in shown
    assert "{#" not in shown and "{{" not in shown and "[!NOTE]" not in shown


def test_side_by_side_keeps_the_footnotes(tmp_path: Path, run) -> None:
    root = tmp_path / "articles"
    write_article(root, "t", "en", "Text[^1].\n\n[^1]: English note.\n")
    write_article(root, "t", "it", "Testo[^1].\n\n[^1]: Nota italiana.\n")
    result = run("-a", str(root), "show", "t", "-l", "en,it", "-f", "rich", env={"COLUMNS": "80"})
    note_line = next(line for line in result.stdout.splitlines() if "English note" in line)
    assert "[1] Nota italiana." in note_line


HEADINGS = "## What it is {#what-it-is}\n### Deeper {#deeper .class}\n## Plain\n"


def test_heading_attributes_everywhere(tmp_path: Path, run) -> None:
    root = tmp_path / "articles"
    path = write_article(root, "t", "en", "---\ntitle: T\n---\n" + HEADINGS)
    assert run("-a", str(root), "sections", "t").stdout == (
        "1\tWhat it is\n1.1\tDeeper\n2\tPlain\n"
    )
    data = json.loads(run("-a", str(root), "sections", "t", "-f", "json").stdout)
    assert data["sections"][0]["heading"] == "What it is"
    assert run("-a", str(root), "show", "t", "--section", "what it is").exit_code == 0
    assert run("-a", str(root), "sections", "t", "-f", "markdown").stdout == (
        "- 1 What it is\n  - 1.1 Deeper\n- 2 Plain\n"
    )
    # completion and the index read the same headings
    assert peek.headings(path) == [("1", "What it is"), ("1.1", "Deeper"), ("2", "Plain")]
    found = lines.outline(HEADINGS.split("\n"), prose=False).blocks
    assert [text for _, _, text in found] == ["What it is", "Deeper", "Plain"]
    hits = run("-a", str(root), "search", "what", "-f", "json").stdout
    assert "{#" not in hits


def test_shortcodes_warned_by_check_with_their_line(tmp_path: Path, run) -> None:
    root = tmp_path / "articles"
    write_article(root, "t", "en", "---\ntitle: T\n---\nText.\n\n{{< youtube abc >}}\n")
    result = run("check", str(root))
    assert result.stdout == (
        f"{root}/t/en.md:6: warning: Hugo shortcode 'youtube' is not shown (a site generator's "
        "markup)\n"
    )
    assert run("-a", str(root), "show", "t").stdout == "T\n\nText.\n"


@pytest.mark.skipif(not MDN.is_dir(), reason=f"no MDN corpus at {MDN}")
def test_mdn_blocks_are_read_as_blocks() -> None:
    """Every MDN table, callout and definition list becomes its block: no `| --- |` row, no
    `[!NOTE]`, no `: ` definition is left in the text."""
    counts = {"table": 0, "callout": 0, "definitions": 0}
    leftovers = []
    for path in sorted(MDN.glob("*/*.md")):
        article = parse_article(
            path.read_text(encoding="utf-8"), slug=path.parent.name, lang=path.stem, path="x"
        )
        blocks = list(article.intro) + [b for s in article.all_sections() for b in s.blocks]
        pending = list(blocks)
        while pending:
            block = pending.pop()
            if isinstance(block, Table):
                counts["table"] += 1
            elif isinstance(block, Callout):
                counts["callout"] += 1
                pending.extend(block.blocks)
            elif isinstance(block, Definitions):
                counts["definitions"] += 1
                pending.extend(b for item in block.items for b in item.blocks)
            elif hasattr(block, "items"):
                pending.extend(b for item in block.items for b in item)  # type: ignore[union-attr]
            elif hasattr(block, "blocks"):
                pending.extend(block.blocks)  # type: ignore[union-attr]
            elif isinstance(block, Paragraph):
                text = "".join(span.text for span in block.spans)
                if re.search(r"\| *---|\[!(NOTE|WARNING)\]|^: ", text):
                    leftovers.append(f"{path.parent.name}/{path.name}")
    # user_agent: `{{RFC(2616, "", "14.43")}}: The header` is a macro that shows nothing (its
    # number is not quoted), then a colon: no definition list.
    assert sorted(set(leftovers)) == ["user_agent/de.md", "user_agent/en.md", "user_agent/ko.md"]
    assert counts["table"] >= 46 and counts["callout"] >= 58 and counts["definitions"] >= 93


# Hostile shapes of the syntax read here: the parser and the line reader stay linear.
BLOCK_SHAPES = {
    "shortcode-openers": lambda n: "{{< a" * (n // 5),
    "shortcode-unclosed": lambda n: "{{% a " + "x" * n,
    "shortcode-spaces": lambda n: "{{<" + " " * n + "x",
    "heading-attributes": lambda n: "## a " + "{#" * (n // 2),
    "footnote-refs": lambda n: "[^a]" * (n // 4) + "\n\n[^a]: x\n",
    "footnote-definitions": lambda n: "x[^a]\n\n" + "[^a]: x\n" * (n // 8),
    "table-rows": lambda n: "| a | b |\n| - | - |\n" + "| x | y |\n" * (n // 10),
    "table-cells": lambda n: "| a |\n| - |\n" + "| x " * (n // 4) + "|\n",
    "callouts": lambda n: "> [!NOTE]\n" * (n // 10),
    "definition-lines": lambda n: "- term\n  - : definition\n" * (n // 24),
}


@pytest.mark.parametrize("shape", sorted(BLOCK_SHAPES))
def test_block_syntax_is_read_in_linear_time(shape: str) -> None:
    from hostile import grows_linearly

    make = BLOCK_SHAPES[shape]
    assert grows_linearly(
        lambda text: parse_article(text, slug="s", lang="en", path="p"), make, 5000
    )
    assert grows_linearly(lambda text: list(lines.outline(text.split("\n"))), make, 5000)


def test_a_heading_of_spaces_and_braces_is_read_in_linear_time() -> None:
    from hostile import grows_linearly

    def heading(n: int) -> list[str]:
        return ["## {" + " " * n + "x {#a}"]

    assert grows_linearly(
        lambda text: list(lines.blocks(text)), heading, 20_000, size=lambda t: len(t[0])
    )


WIDE_TABLE = (
    "| " + " | ".join(f"`'{c}'`" for c in ":/?#[]@!$&") + " |\n"
    "| " + " | ".join("---" for _ in range(10)) + " |\n"
    "| " + " | ".join(f"%{ord(c):02X}" for c in ":/?#[]@!$&") + " |\n"
)


@pytest.mark.parametrize("width", ["40", "80"])
def test_a_table_too_wide_for_the_terminal_is_shown_as_records(tmp_path, run, width) -> None:
    """Ten columns cannot be drawn side by side in 40 columns (Rich would give them no width
    and drop their text): each row is shown as `header: cell` lines instead, nothing lost."""
    root = tmp_path / "articles"
    write_article(root, "t", "en", "---\ntitle: T\n---\n" + WIDE_TABLE)
    write_article(root, "t", "it", "---\ntitle: T\n---\nTesto.\n")
    for args in (("-l", "en"), ("-l", "en,it")):
        result = run("-a", str(root), "show", "t", *args, "-f", "rich", env={"COLUMNS": width})
        assert result.exit_code == 0, result.stderr
        shown = result.stdout
        assert all(len(line) <= int(width) for line in shown.splitlines())
        for c in ":/?#[]@!$&":
            if width == "40" or args == ("-l", "en,it"):
                assert f"'{c}': %{ord(c):02X}" in shown, shown
            else:  # drawn as a table where it fits
                assert f"%{ord(c):02X}" in shown and f"'{c}': " not in shown, shown
