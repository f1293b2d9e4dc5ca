"""Terminal text is shown whole and no wider than the terminal, in every script: lines break
between Chinese and Japanese characters (kinsoku kept), spacing vowel signs take their cell,
nothing is cut off with `…` (views/terminal_text.py)."""

from __future__ import annotations

import importlib.metadata
import io
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import rich.text
import wcwidth
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from glossary_cli.document.model import (
    Article,
    Block,
    Callout,
    Definitions,
    ListBlock,
    Paragraph,
    Quote,
    Table,
)
from glossary_cli.reading.markdown import parse_article
from glossary_cli.results import ShowResult, SideBySide
from glossary_cli.views import rich_view, terminal_text

from conftest import MDN

SCRIPTS = Path(__file__).parent / "fixtures" / "scripts"
GOLDEN = Path(__file__).parent / "golden"


def test_rich_is_a_version_the_replacements_were_checked_with() -> None:
    # terminal_text replaces rich.cells.get_character_cell_size and rich.text.divide_line: on a
    # new Rich, read those again, run these tests, then add its version there (and to the pin).
    version = importlib.metadata.version("rich")
    assert ".".join(version.split(".")[:2]) in terminal_text.CHECKED_RICH_VERSIONS
    assert rich.text.divide_line is terminal_text.divide_line  # rich_view installed them


# Widths tmux 3.3a gives (its cursor after printing each), the terminals' per-character rule.
@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("का", 2),  # Devanagari KA + the vowel sign AA (U+093E, Mc): one cell each
        ("हिन्दी", 5),
        ("বাংলা", 5),  # Bengali
        ("தமிழ்", 4),  # Tamil
        ("ภาษาไทย", 7),  # Thai: its vowel marks above (Mn) take none
        ("👍", 2),
        ("🇯🇵", 2),
        ("日本", 4),
        ("é", 1),
    ],
)
def test_widths_are_the_terminals(text: str, cells: int) -> None:
    assert cell_len(text) == cells
    assert cell_len(text) >= wcwidth.wcswidth(text)  # never narrower than wcwidth measures


JAPANESE = "「約束」、それは関数が返す。結果は（後で）届きます！" * 3


@pytest.mark.parametrize("width", range(6, 41))
def test_japanese_breaks_between_characters_and_never_before_closing_marks(width: int) -> None:
    lines = Text(JAPANESE).wrap(Console(width=width), width)
    shown = [line.plain for line in lines]
    assert "".join(shown) == JAPANESE  # every character, none added
    assert all(cell_len(line) <= width for line in shown)
    assert not any(line[0] in terminal_text.NO_LINE_START for line in shown)
    assert not any(line[-1] in terminal_text.NO_LINE_END for line in shown)
    # Filled: a line ends short only by what kinsoku keeps together.
    assert all(cell_len(line) >= width - 6 for line in shown[:-1])


def test_a_link_stays_in_its_sentence() -> None:
    text = "Promise は、ある 関数 が返す、呼び出された時点でまだ完了していない処理の結果"
    lines = [line.plain for line in Text(text).wrap(Console(width=40), 40)]
    assert lines[0].startswith("Promise は、ある 関数 が返す、")


def render(results: list[Article], width: int) -> str:
    console = Console(
        file=io.StringIO(), width=width, color_system=None, highlight=False, emoji=False
    )
    rich_view.render(SideBySide(tuple(ShowResult(one) for one in results)), _Context(console))
    out = console.file.getvalue()
    assert isinstance(out, str)
    return out


class _Context:
    """What rich_view.render asks of an OutputContext: a console."""

    def __init__(self, console: Console) -> None:
        self._console = console

    def console(self) -> Console:
        return self._console


def texts(article: Article, tables: bool | None = None) -> Iterator[str]:
    """Every text the article shows: title, description, headings, blocks; with `tables`,
    only the cells of its tables, or everything but them."""
    if tables is not True:
        yield article.title
        yield article.description
    yield from _blocks(article.intro, tables)
    for section in article.all_sections():
        if tables is not True:
            yield section.heading
        yield from _blocks(section.blocks, tables)


def _blocks(blocks: tuple[Block, ...], tables: bool | None = None) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, Paragraph):
            if tables is not True:
                yield "".join(span.text for span in block.spans)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from _blocks(item, tables)
        elif isinstance(block, (Quote, Callout)):
            yield from _blocks(block.blocks, tables)
        elif isinstance(block, Definitions):
            for item in block.items:
                if tables is not True:
                    yield "".join(span.text for span in item.term)
                yield from _blocks(item.blocks, tables)
        elif isinstance(block, Table):
            if tables is not False:
                for row in (block.header, *block.rows):
                    yield from ("".join(span.text for span in cell) for cell in row)
        elif tables is not True:
            yield block.text


def _dense(text: str) -> str:
    return "".join(text.split())


def problems(articles: list[Article], width: int) -> list[str]:
    """What is wrong with the columns side by side at `width`: a line wider than the terminal
    (by wcwidth, and by Rich's measure), a `…`, a text that is not shown whole in its column."""
    out = render(articles, width)
    found = [
        f"{wcwidth.wcswidth(line)} cells: {line}"
        for line in out.splitlines()
        if wcwidth.wcswidth(line) > width or cell_len(line) > width
    ]
    if "\u2026" in out and not any("\u2026" in t for one in articles for t in texts(one)):
        found.append("a … that is in no text")
    lines = out.splitlines()
    # The columns' separators, found by cells on the header line (the language tags): a table
    # inside a column draws `│` too.
    stops = [cell_len(lines[0][:at]) for at, char in enumerate(lines[0]) if char == "\u2502"]
    columns = ["" for _ in articles]
    for line in lines:
        for index, part in enumerate(_cut_at_cells(line, stops)):
            columns[index] += part + "\n"
    for article, column in zip(articles, columns, strict=True):
        shown = _dense(column.replace("\u258c", ""))  # a quote's bar starts each of its lines
        found += [
            f"{article.lang}: not shown whole: {text[:60]}"
            for text in texts(article, tables=False)
            if _dense(text) not in shown
        ]
        # A table's cells wrap inside their own columns, interleaved line by line: every
        # character of the cells is in the column at least as often as in the cells.
        missing = Counter(_dense("".join(texts(article, tables=True)))) - Counter(shown)
        if missing:
            found.append(f"{article.lang}: tables not shown whole: {''.join(missing)[:60]}")
    return found


def _cut_at_cells(line: str, stops: list[int]) -> list[str]:
    """`line` cut at the given cell offsets, each separator left out."""
    parts, start, cells = [], 0, 0
    for at, char in enumerate(line):
        if stops[len(parts) :] and cells == stops[len(parts)]:
            parts.append(line[start:at])
            start = at + 1
        cells += cell_len(char)
    parts.append(line[start:])
    return parts


def read(path: Path) -> Article:
    return parse_article(
        path.read_text(encoding="utf-8"), slug=path.parent.name, lang=path.stem, path=str(path)
    )


@pytest.mark.parametrize("width", [80, 100])
@pytest.mark.parametrize("lang", ["hi", "bn", "ta", "th", "ja", "zh-CN"])
def test_every_script_side_by_side_with_english(lang: str, width: int) -> None:
    articles = [read(SCRIPTS / "cloud" / "en.md"), read(SCRIPTS / "cloud" / f"{lang}.md")]
    assert problems(articles, width) == []
    assert problems(articles[1:], width) == []  # and alone


@pytest.mark.parametrize("lang", ["ja", "zh-CN", "hi"])
def test_golden_side_by_side_at_80_columns(run, lang: str, update_golden: bool) -> None:
    result = run(
        "--articles",
        str(SCRIPTS),
        "show",
        "cloud",
        "--lang",
        f"en,{lang}",
        "-f",
        "rich",
        env={"COLUMNS": "80"},
    )
    assert result.exit_code == 0, result.stderr
    golden = GOLDEN / f"side-by-side-cloud-en-{lang}.txt"
    if update_golden:
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")


# Every MDN term side by side with English at 80 columns would take a minute: every language's
# files are read, and every 7th pair of each language is shown (about 400 of 2,784).
# GLOSSARY_SWEEP_STRIDE=1 shows them all.
STRIDE = int(os.environ.get("GLOSSARY_SWEEP_STRIDE", "7"))


@pytest.mark.skipif(not MDN.is_dir(), reason=f"no MDN corpus at {MDN}")
def test_mdn_side_by_side_with_english_shows_everything_within_the_terminal() -> None:
    by_lang: dict[str, list[Path]] = {}
    for path in sorted(MDN.glob("*/*.md")):
        if path.stem != "en" and (path.parent / "en.md").exists():
            by_lang.setdefault(path.stem, []).append(path)
    assert len(by_lang) == 9
    wrong: list[str] = []
    for paths in by_lang.values():
        for path in paths[::STRIDE]:
            found = problems([read(path.parent / "en.md"), read(path)], 80)
            wrong += [f"{path.parent.name}/{path.name}: {problem}" for problem in found]
    assert wrong == []
