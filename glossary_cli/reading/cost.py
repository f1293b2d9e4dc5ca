"""What reading a Markdown body will cost, counted before it is read: a body whose markup
would cost more than BUDGET is refused (exit 3, an error in `glossary check`).

mistune's work grows with the markup, not with the bytes: a line of `[a](` openers or a file
of empty list items costs some 30 times what prose of the same size does, and each blank line
or `*` becomes a token of its own. So the estimate counts what costs (lines, brackets,
emphasis runs, tags, backticks), each weighted by what it cost mistune at most, in
microseconds of CPU or per 200 bytes of memory, whichever is more (bench/hostile.py measures
every family). The counting is done by `str.count` and one regular expression, in C: a
refused file costs a few milliseconds.
"""

from __future__ import annotations

import re

from glossary_cli.reading.frontmatter_rules import Unreadable

# About a second of CPU and 100 MiB at most on the project's machine, for any mix of what is
# weighted. MDN's costliest article (26 KB, base64 in zh-CN) costs 88,485: 11 times under it.
BUDGET = 1_000_000

# What each counted thing weighs; `text` is every character.
WEIGHTS = {
    "text": 1,
    "lines": 80,  # a block each at most: a list item, a heading, a blank line's token
    "brackets": 20,  # `[`: a link text or a reference is looked for up to 999 characters on
    "link targets": 40,  # `](`: a target is read character by character
    "images": 15,  # `![`
    "tags": 8,  # `<`: an HTML tag or an autolink is tried
    "emphasis runs": 20,  # a run of `*` or `_`, matched against the others
    "emphasis marks": 8,  # each `*` or `_` is a token until it is matched
    "backticks": 12,  # a code span's closing run is looked for
}
_EMPHASIS_RUN = r"[*_]+"


def costs(body: str) -> dict[str, int]:
    """The counts that make up a body's cost, by what they count (see WEIGHTS)."""
    stars = body.count("*")
    underscores = body.count("_")
    return {
        "text": len(body),
        "lines": body.count("\n"),
        "brackets": body.count("["),
        "link targets": body.count("]("),
        "images": body.count("!["),
        "tags": body.count("<"),
        "emphasis runs": len(re.findall(_EMPHASIS_RUN, body)) if stars + underscores else 0,
        "emphasis marks": stars + underscores,
        "backticks": body.count("`"),
    }


def cost(body: str) -> int:
    """The estimated cost of reading `body` (line ends already `\\n`)."""
    return sum(WEIGHTS[name] * count for name, count in costs(body).items())


def check_cost(body: str) -> None:
    """Raise Unreadable when reading `body` would cost more than BUDGET, naming the costliest
    construct so that an author can see what to change."""
    counted = costs(body)
    total = sum(WEIGHTS[name] * count for name, count in counted.items())
    if total <= BUDGET:
        return
    worst = max(counted, key=lambda name: WEIGHTS[name] * counted[name])
    raise Unreadable(
        f"too much markup to read ({counted[worst]:,} {worst}; "
        f"cost {total:,} over the limit of {BUDGET:,})"
    )
