"""Hostile Markdown at the size limit: what `glossary show` and a cold `glossary search` cost.

Each family of pathological input (issue 16: brackets, `*`, CR, setext headings, link openers,
mixed emphasis, ATX headings, link reference definitions, a heading of spaces, ...) is written
twice: filling the article up to the size limit (MAX_ARTICLE_BYTES), and at the largest size
whose markup the cost budget (glossary_cli/reading/cost.py) still accepts, the costliest input
that is read rather than refused. Each runs as a whole process; its CPU time (user + sys) and
peak memory (ru_maxrss) come from os.wait4, for that child alone. The verdict compares them with
the target: at most 2 s of CPU and 200 MiB per command, or a refusal (exit 3) that costs under
0.1 s beyond the floor (`show` of a small article, measured in the same run).

    python bench/hostile.py                 # every family: a few minutes
    python bench/hostile.py --only stars,cr # some of them (see --list)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from glossary_cli.library.roots import MAX_ARTICLE_BYTES
from glossary_cli.reading.cost import BUDGET, cost

CPU_TARGET = 2.0  # seconds
MEMORY_TARGET = 200 * 1024 * 1024  # bytes
REFUSAL_TARGET = 0.1  # seconds beyond the floor
RUNS = 3  # of each command; the least CPU time counts
TIMEOUT = 120  # seconds; a run past it is stopped and counted as missing the target
HEAD = "---\ntitle: Hostile\n---\n"


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: unit * max(1, n // len(unit))


# Each family: a body of about n characters.
FAMILIES: dict[str, Callable[[int], str]] = {
    "brackets": _repeat("["),
    "stars": _repeat("*"),
    "underscores": _repeat("_"),
    "cr": _repeat("\r"),
    "blank-lines": _repeat("\n"),
    "setext": _repeat("a\n=\n"),
    "link-openers": _repeat("[a]("),
    "image-openers": _repeat("![a]("),
    "mixed-emphasis": _repeat("*a_b**c__"),
    "emphasis-runs": _repeat("*a"),
    "atx-headings": _repeat("## h\n"),
    "empty-headings": _repeat("#\n"),
    "link-references": lambda n: "".join(f"[r{i}]: /u\n" for i in range(n // 10)),
    "reference-links": lambda n: "[r]: /u\n" + "[x][r]" * (n // 6),
    "heading-spaces": lambda n: "## x" + " " * n + "y",
    "empty-items": _repeat("-\n"),
    "list-items": _repeat("- a\n"),
    "ordered-items": _repeat("1. a\n"),
    "quote-lines": _repeat(">\n"),
    "nested-quotes": _repeat(">"),
    "tags": _repeat("<a"),
    "backticks": _repeat("`a"),
    "entities": _repeat("&amp;"),
    "prose": _repeat("word " * 20 + "\n\n"),
    # the syntax of issue 12: GFM tables, footnotes, callouts, MDN definitions, Hugo markup
    "table-rows": lambda n: "| a | b |\n| - | - |\n" + "| c | d |\n" * (n // 10),
    "table-pipes": lambda n: "| a |\n| - |\n" + "|" * n,
    "wide-table": lambda n: "|" + " a |" * (n // 8) + "\n|" + " - |" * (n // 8) + "\n",
    "footnote-refs": lambda n: "[^1]: note\n" + "x[^1]" * (n // 5),
    "footnote-defs": lambda n: "".join(f"x[^{i}]\n\n[^{i}]: n\n\n" for i in range(n // 20)),
    "callouts": _repeat("> [!NOTE]\n> a\n\n"),
    "definitions": _repeat("- a\n  - : b\n"),
    "shortcodes": _repeat("{{% a b %}}\n"),
    "heading-attributes": _repeat("## h {#a .b}\n"),
}


def at_the_limit(family: Callable[[int], str]) -> str:
    """The family's article, as close to MAX_ARTICLE_BYTES as it comes without passing it."""
    room = MAX_ARTICLE_BYTES - len(HEAD.encode())
    body = family(room)
    while len(body.encode()) > room:
        body = body[: room - (len(body.encode()) - len(body))]
    return HEAD + body


def within_budget(family: Callable[[int], str]) -> str | None:
    """The family's largest article whose body the cost budget accepts; None when the one at
    the limit is accepted already (then it is that one)."""
    if cost(at_the_limit(family)[len(HEAD) :].replace("\r", "\n")) <= BUDGET:
        return None
    low, high = 1, MAX_ARTICLE_BYTES
    while low < high:  # the largest n with cost(family(n)) <= BUDGET
        middle = (low + high + 1) // 2
        if cost(family(middle).replace("\r", "\n")) <= BUDGET:
            low = middle
        else:
            high = middle - 1
    return HEAD + family(low)


def measure(args: list[str], env: dict[str, str]) -> tuple[int, float, int, float]:
    """(exit status, CPU seconds, peak memory in bytes, wall seconds) of one command."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [*_glossary(), *args],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = started + TIMEOUT
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            child.kill()
            pid, status, usage = os.wait4(child.pid, 0)
            status = -1
            break
        time.sleep(0.01)
    child.returncode = 0  # reaped by wait4 above
    cpu = usage.ru_utime + usage.ru_stime
    peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    code = status if status == -1 else os.waitstatus_to_exitcode(status)
    return code, cpu, peak, time.perf_counter() - started


def _glossary() -> list[str]:
    script = Path(sys.executable).with_name("glossary")
    return [str(script)] if script.exists() else [sys.executable, "-m", "glossary_cli"]


def _environment(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GLOSSARY_", "LC_"))}
    env.update(LANG="C.UTF-8", COLUMNS="100", XDG_CACHE_HOME=str(cache))
    env.update(XDG_CONFIG_HOME=str(cache / "config"))
    return env


def verdict(code: int, cpu: float, peak: int, floor: float) -> str:
    if code == 3:
        return "ok (refused)" if cpu - floor <= REFUSAL_TARGET else "MISSED (slow refusal)"
    if code < 0:
        return f"MISSED (stopped after {TIMEOUT} s)"
    if cpu <= CPU_TARGET and peak <= MEMORY_TARGET:
        return "ok"
    return "MISSED"


def run(names: list[str]) -> int:
    missed = 0
    with tempfile.TemporaryDirectory(prefix="glossary-hostile-") as temporary:
        base = Path(temporary)
        good = base / "good" / "articles"
        (good / "good").mkdir(parents=True)
        (good / "good" / "en.md").write_text("---\ntitle: Good\n---\nA good word.\n")
        floor = min(  # each with an empty cache, as every measured command has
            measure(["-a", str(good), "show", "good"], _environment(base / f"floor-{i}"))[1]
            for i in range(RUNS)
        )
        print(f"floor: `show` of a small article, cold cache, {floor:.3f} s CPU (least of 3)")
        print(f"limit: {MAX_ARTICLE_BYTES // 1024} KiB per file, cost budget {BUDGET:,}")
        print(f"target: {CPU_TARGET} s CPU and {MEMORY_TARGET >> 20} MiB, or a refusal (exit 3)")
        print(f"within {REFUSAL_TARGET} s of the floor\n")
        header = f"{'family':27} {'size':>8} {'cost':>11}  {'command':7} {'exit':>4} "
        print(header + f"{'CPU s':>7} {'MiB':>6}  verdict")
        for number, name in enumerate(names):
            family = FAMILIES[name]
            cases = [("limit", at_the_limit(family))]
            under = within_budget(family)
            if under is not None:
                cases.append(("budget", under))
            for which, text in cases:
                root = base / f"{number}-{which}" / "articles"
                (root / "hostile").mkdir(parents=True)
                (root / "hostile" / "en.md").write_bytes(text.encode())
                (root / "good").mkdir()
                (root / "good" / "en.md").write_text("---\ntitle: Good\n---\nA good word.\n")
                size = len(text.encode())
                body_cost = cost(text[len(HEAD) :].replace("\r", "\n"))
                for command, args in (
                    ("show", ["-a", str(root), "show", "hostile"]),
                    ("search", ["-a", str(root), "search", "good"]),
                ):
                    cache = root.parent / f"cache-{command}"  # empty: a cold index
                    # The least CPU of three runs (the least disturbed), the most memory.
                    runs = [measure(args, _environment(cache / str(i))) for i in range(RUNS)]
                    code = runs[0][0]
                    cpu = min(r[1] for r in runs)
                    peak = max(r[2] for r in runs)
                    result = verdict(code, cpu, peak, floor)
                    missed += result.startswith("MISSED")
                    label = f"{name} ({which})"
                    print(
                        f"{label:27} {size:8,} {body_cost:11,}  {command:7} {code:4} "
                        f"{cpu:7.2f} {peak / 2**20:6.0f}  {result}",
                        flush=True,
                    )
    print(f"\n{missed} missed" if missed else "\nevery family within the target")
    return 1 if missed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", default=[], help="families, comma-separated")
    parser.add_argument("--list", action="store_true", help="print the family names")
    options = parser.parse_args()
    if options.list:
        print("\n".join(FAMILIES))
        return 0
    names = [n for value in options.only for n in value.split(",") if n] or list(FAMILIES)
    unknown = [n for n in names if n not in FAMILIES]
    if unknown:
        parser.error(f"no family {', '.join(unknown)} (see --list)")
    return run(names)


if __name__ == "__main__":
    sys.exit(main())
