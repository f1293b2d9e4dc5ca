"""A hostile article tree, written by the tests themselves, and checks for terminal safety."""

from __future__ import annotations

import gc
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from conftest import write_article

ESC = "\x1b"
# Colour, OSC 0 (window title), OSC 52 (clipboard), OSC 8 (a link) ended by ST, 8-bit CSI and
# OSC, NUL, BEL, DEL, NEL, a right-to-left override and a left-to-right isolate.
SEQUENCES = (
    f"{ESC}[31m{ESC}]0;pwned\x07{ESC}]52;c;SGVsbG8=\x07{ESC}]8;;http://evil.example{ESC}\\"
    "\x9b31m\x9d0;t\x9c\x00\x07\x7f\x85\u202e\u2066"
)
# The same, but with brackets balanced once the controls are gone, so that Markdown still
# reads the link it is in.
IN_LINKS = f"{ESC}[31m{ESC}]0;t\x07\x9b\x00\x07\x7f\x85\u202e\u2066"
# What may never be written raw: C0 but newline and tab, DEL, C1, bidi overrides and isolates.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# The only escape sequences the tool writes itself: SGR colours and OSC 8 links ended by ST.
OWN = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^;\x1b\x07]*;([^\x1b\x07]*)\x1b\\")


def unsafe(text: str, rich: bool = False) -> list[str]:
    """The control characters in output; with `rich`, after taking out the tool's own."""
    if rich:
        for match in OWN.finditer(text):
            url = match.group(1)  # None for a colour
            assert not url or re.fullmatch(r"https?://\S+", url), url
        text = OWN.sub("", text)
    return UNSAFE.findall(text)


# Every field of an article carries the sequences: title, description (through YAML's own
# escapes too), keywords, headings, body, list items, quotes, code, link text and targets,
# HTML character references.
ESCAPED_ARTICLE = f"""---
title: Ti{SEQUENCES}tle
description: "De \\e[31m \\x9b \\u202e \\a \\0 sc"
keywords: k1{SEQUENCES}, k2
---
Intro {SEQUENCES} &#x1b;[31m &#x9b; &#x202e; &amp; [li{SEQUENCES}nk](http://x{SEQUENCES}y/)
and [a](/ev{IN_LINKS}il) and [b](http://x&#x1b;y/ "t{SEQUENCES}") and [c{IN_LINKS}](/good)

## He{SEQUENCES}ading &#x1b;[2J

- first point {SEQUENCES} has four words
- second point with a [link](https://example.org/{IN_LINKS}) in it

## Other{SEQUENCES}

> quote {SEQUENCES}

`code{SEQUENCES}` and {{{{Glossary("te{SEQUENCES}rm", "macro{SEQUENCES}")}}}}

```{SEQUENCES}
fence {SEQUENCES}
```

### Sub{SEQUENCES}heading

Text.
"""


@dataclass(frozen=True)
class Case:
    """One hostile file: its content, and what `show` does with it."""

    content: str | bytes
    title: str | None = None  # first line of `show`, when it renders
    problem: str | None = None  # part of the one-line error, when it does not
    line: int | None = None  # the line the error names, when it names one


def _nested_yaml_bomb() -> str:
    lines = ["---", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    lines += ["title: *a9", "keywords: *a9", "description: *a9", "---", "Body."]
    return "\n".join(lines) + "\n"


# Headings a Tab press on `--section` reads (completion's cheap reader, not the parser): one of
# 96 KB of link openers, and one of 8,000 unclosed macros. Each took seconds of CPU. The first
# is 48 KB now, which the cost budget (reading/cost.py) accepts, so that `show` reads it too.
LONG_HEADING = "---\ntitle: Long heading\n---\n## " + "[a](" * 12_000 + "\n\nText.\n"
MACRO_HEADING = "---\ntitle: Macro heading\n---\n## " + '{{Glossary("' * 8_000 + "\n\nText.\n"

# Prose up to the size limit (256 KiB), read as any article is.
AT_THE_LIMIT = "---\ntitle: At the limit\n---\n" + ("word " * 20 + "\n\n") * 2_500

CASES: dict[str, Case] = {
    "escapes": Case(
        ESCAPED_ARTICLE, title="Ti[31m]0;pwned]52;c;SGVsbG8=]8;;http://evil.example\\31m0;ttle"
    ),
    "invalid-yaml": Case(
        "---\ntitle: [unclosed\n---\nBody.\n", problem="invalid frontmatter", line=3
    ),
    "yaml-tab-indent": Case("---\ntitle: a\n\tb: c\n---\n", problem="invalid frontmatter", line=3),
    "yaml-python-tag": Case(
        "---\ntitle: !!python/object/apply:os.system ['echo pwned']\n---\n",
        problem="invalid frontmatter",
        line=2,
    ),
    "yaml-two-documents": Case("---\ntitle: a\n...\n---\ntitle: b\n---\n", title="a"),
    "frontmatter-list": Case(
        "---\n- a\n- b\n---\nBody.\n", problem="frontmatter is a list", line=2
    ),
    "frontmatter-text": Case(
        "---\njust words\n---\nBody.\n", problem="frontmatter is text", line=2
    ),
    "yes-no-keys": Case("---\nyes: no\non: off\ntitle: Booleans\n---\nBody.\n", title="Booleans"),
    "list-title": Case("---\ntitle: [a, b]\n---\n# From the heading\n", title="From the heading"),
    "number-title": Case("---\ntitle: 1.10\ndescription: 42\n---\n", title="1.10"),
    "boolean-title": Case("---\ntitle: yes\n---\nBody.\n", title="boolean-title"),
    "mapping-values": Case(
        "---\ntitle: Typed\ndescription: {a: 1}\nkeywords: 7\n---\n", title="Typed"
    ),
    "date-title": Case("---\ntitle: 2024-01-01\n---\n", title="date-title"),
    "yaml-bomb": Case(_nested_yaml_bomb(), title="yaml-bomb"),
    # 30,000 levels crash libyaml's C loader (python-frontmatter's default) with SIGSEGV
    "yaml-deep-flow": Case(
        "---\ntitle: " + "[" * 30_000 + "\n---\n", problem="nested too deeply", line=2
    ),
    # a valid YAML list of 1,000,000 items took 29 s to load before the cap
    "yaml-huge": Case(
        "---\nt: [" + "a, " * 80_000 + "]\n---\n",
        problem="frontmatter too large (over 64 KiB)",
        line=2,
    ),
    "yaml-deep-block": Case(
        "---\n" + "- " * 5000 + "x\n---\n", problem="nested too deeply", line=2
    ),
    "bom": Case("\ufeff---\ntitle: With a BOM\n---\n## One\n\nText.\n", title="With a BOM"),
    "crlf": Case("---\r\ntitle: Windows\r\n---\r\n## One\r\n\r\nText.\r\n", title="Windows"),
    "no-frontmatter": Case("# From a heading\n\nText.\n", title="From a heading"),
    "no-title": Case("Just text.\n", title="no-title"),
    "unclosed-frontmatter": Case(
        "---\ntitle: never closed\n\nText.\n", title="unclosed-frontmatter"
    ),
    "empty": Case("", title="empty"),
    "not-utf8": Case(b"---\ntitle: caf\xe9\n---\n", problem="not UTF-8 text (byte 14)", line=2),
    "utf16": Case("title: x\n".encode("utf-16"), problem="not UTF-8 text (byte 0)", line=1),
    "at-the-limit": Case(AT_THE_LIMIT, title="At the limit"),
    "over-the-limit": Case("x" * (256 * 1024 + 1), problem="too large to read (over 256 KiB)"),
    "nested-quotes": Case(">" * 3000 + " deep\n", title="nested-quotes"),
    "nested-quote-lines": Case(
        "\n".join(">" * i + " x" for i in range(1, 701)), title="nested-quote-lines"
    ),
    "nested-lists": Case("- " * 3000 + "deep\n", title="nested-lists"),
    "nested-ordered": Case("1. " * 3000 + "deep\n", title="nested-ordered"),
    "nested-list-lines": Case(
        "\n".join("  " * i + "- x" for i in range(500)), title="nested-list-lines"
    ),
    "brackets": Case("[" * 20_000 + "\n", title="brackets"),
    "brackets-closed": Case("[" * 20_000 + "]" * 20_000 + "\n", title="brackets-closed"),
    "link-openers": Case("[a](" * 10_000 + "\n", title="link-openers"),
    "emphasis": Case("*a" * 20_000 + "\n", title="emphasis"),
    "macros": Case('{{Glossary("' * 20_000 + "\n", title="macros"),
    "long-link-target": Case("[a](/" + "aa-" * 80_000 + ")\n", title="long-link-target"),
    "html": Case("<" * 20_000 + "\n\n<div " + "a" * 100_000 + "\n", title="html"),
    "long-heading": Case(LONG_HEADING, title="Long heading"),
    "macro-heading": Case(MACRO_HEADING, title="Macro heading"),
}

# The hostile shapes at any size `n`, for complexity guards: each text is about n characters
# (or n lines), as a body and as one heading. A reader linear in its input reads 4n in about
# four times the work of n; a quadratic one, sixteen.
SHAPES: dict[str, Callable[[int], str]] = {
    "brackets": lambda n: "[" * n,
    "brackets-closed": lambda n: "[" * (n // 2) + "]" * (n // 2),
    "link-openers": lambda n: "[a](" * (n // 4),
    "image-openers": lambda n: "![a](" * (n // 5),
    "long-link-target": lambda n: "[a](/" + "aa-" * (n // 3) + ")",
    "emphasis": lambda n: "*a" * (n // 2),
    "underscores": lambda n: "_a" * (n // 2),
    "macros": lambda n: '{{Glossary("' * (n // 12),
    "macro-spaces": lambda n: "{{a" + " " * n + "x",
    "tags": lambda n: "<" * n,
    "tag-openers": lambda n: "<a" * (n // 2),
    "autolink-openers": lambda n: "<http:" * (n // 6),
    "comments": lambda n: "<!--" * (n // 4),
    "backticks": lambda n: "`" * n,
    "backtick-runs": lambda n: " ".join("`" * i for i in range(1, int((2 * n) ** 0.5))),
    "escapes": lambda n: "\\`" * (n // 2),
    "entities": lambda n: "&" * n,
    "closing-hashes": lambda n: "x" + " #" * (n // 2) + " y",
    "spaces": lambda n: "x" + " " * n + "y",
}
# Shapes of many lines.
LINE_SHAPES: dict[str, Callable[[int], str]] = {
    "nested-quote-lines": lambda n: "\n".join(">" * (i % 200) + " x" for i in range(n // 100)),
    "nested-list-lines": lambda n: "\n".join("  " * (i % 200) + "- x" for i in range(n // 200)),
    "table-rules": lambda n: "\n".join(" " * (i % 200) + "| --" for i in range(n // 100)),
    "fences": lambda n: "```\n" + "``\n" * (n // 3),
    "comment-lines": lambda n: "<!--\n" * (n // 5),
    "setext": lambda n: "a\n=\n" * (n // 4),
    "headings": lambda n: "## a\n" * (n // 5),
}


T = TypeVar("T")


def cpu_seconds(work: Callable[[], object]) -> float:
    """The least CPU time of three runs of `work` (the least is the one least disturbed), with
    the garbage collector paused: its passes grow with what is allocated, not with the work."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            started = time.process_time()
            work()
            best = min(best, time.process_time() - started)
    finally:
        gc.enable()
    return best


def grows_linearly(
    read: Callable[[T], object],
    input_of: Callable[[int], T],
    n: int,
    size: Callable[[T], int] = len,  # type: ignore[assignment]
) -> bool:
    """Whether reading an input of size 4n costs at most twice what linear growth from size n
    would: a quadratic reader costs four times that. CPU time, compared between two sizes in
    one process, never against a clock; a few milliseconds of slack absorb scheduling noise.
    A shared machine can still slow one measurement down, so a miss is measured again, up to
    three times: a quadratic reader misses every time."""
    small, large = input_of(n), input_of(4 * n)
    growth = size(large) / max(size(small), 1)
    for _ in range(3):
        small_cpu = cpu_seconds(lambda: read(small))
        large_cpu = cpu_seconds(lambda: read(large))
        if large_cpu <= 2 * growth * small_cpu + 0.005:
            return True
    return False


GOOD = "---\ntitle: Good\ndescription: A good article.\n---\n## One\n\n- one point in four words\n"


def write_hostile_tree(root: Path) -> Path:
    """Every case as its own term, plus good terms next to them."""
    for slug, case in CASES.items():
        write_article(root, slug, "en", case.content)
    write_article(root, "good", "en", GOOD)
    # One term whose translations are partly broken.
    write_article(root, "mixed", "en", GOOD)
    write_article(root, "mixed", "it", GOOD.replace("Good", "Buono"))
    write_article(root, "mixed", "fr", CASES["invalid-yaml"].content)
    write_article(root, "mixed", "de", CASES["not-utf8"].content)
    # A good article linking to the broken ones: they exist, so the links are to articles.
    links = " ".join(
        f"[{slug}](/{slug})" for slug in ("invalid-yaml", "not-utf8", "over-the-limit")
    )
    write_article(root, "linker", "en", f"---\ntitle: Linker\n---\n{links} [gone](/gone)\n")
    return root
