"""An article's YAML frontmatter, read with python-frontmatter: where it is, its keys and
their lines, and their types."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from glossary_cli.document.problem import Problem
from glossary_cli.reading.frontmatter_rules import Number, kind, quoted
from glossary_cli.text.sanitize import clean_line
from glossary_cli.text.unicode import lone_surrogate, valid_text

# A frontmatter block: a first line of `---`, the YAML, and a line of `---` (or YAML's `...`).
_OPENING = re.compile(r"---[ \t]*")
KNOWN_KEYS = ("title", "description", "keywords", "tags")  # `tags`: MDN's word for keywords


class Metadata(NamedTuple):  # not a dataclass: cheaper to define, and `show` imports this
    """The frontmatter as the views need it, and what `glossary check` should say about it."""

    title: str = ""
    description: str = ""
    keywords: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    keys: frozenset[str] = frozenset()


def split(text: str) -> tuple[str | None, str, list[Problem]]:
    """(the frontmatter's YAML, or None when there is none; the Markdown body; problems)."""
    first_break = text.find("\n")
    if first_break < 0 or not _OPENING.fullmatch(text[:first_break]):
        # Checked here, as python-frontmatter's detect() would: given its handler, its split()
        # takes the first two fences wherever they are. No YAML is needed for such files.
        return None, text, []
    from glossary_cli.reading.yaml_loader import HANDLER

    try:
        yaml_text, body = HANDLER.split(text)
    except ValueError:  # no second fence
        # Markdown reads the line as a thematic break, but an author likely forgot the fence.
        problem = Problem("warning", "starts with '---' but no line of '---' closes it", 1)
        return None, text, [problem]
    # The fences' own line ends: the YAML starts on line 2, the body on the line after.
    return yaml_text.removeprefix("\n"), body.removeprefix("\n"), []


def read(yaml_text: str | None) -> Metadata:
    """Title, description and keywords from the frontmatter, each checked for its type.

    Raises Unreadable for YAML that does not parse or is not a mapping of keys to values."""
    if yaml_text is None or not yaml_text.strip():
        return Metadata()
    from glossary_cli.reading.yaml_loader import HANDLER

    values, lines, problems = HANDLER.load_with_lines(yaml_text)
    for key, line in lines.items():
        lowered = key.strip().casefold()
        if key not in KNOWN_KEYS and lowered in KNOWN_KEYS and lowered not in lines:
            problems.append(
                Problem("warning", f"frontmatter key {quoted(key)}: did you mean {lowered}?", line)
            )
    title = _text(values, lines, "title", problems)
    description = _text(values, lines, "description", problems)
    keywords = _keywords(values, lines, problems)
    return Metadata(title, description, keywords, tuple(problems), frozenset(lines))


def _text(
    values: dict[str, object], lines: dict[str, int], key: str, problems: list[Problem]
) -> str:
    """A one-line text field; a value of another type is a problem and reads as empty."""
    if key not in values:
        return ""
    value, line = values[key], lines.get(key)
    if value is None:
        if key == "title":
            problems.append(Problem("warning", "title is empty", line))
        return ""
    if isinstance(value, Number):
        # Shown as written (`1.10`, not YAML's 1.1), which other YAML readers would not do.
        message = f"{key} is read by YAML as a number (shown as written); quote it"
        problems.append(Problem("warning", message, line))
        return clean_line(value).strip()
    if isinstance(value, str):
        return _valid(value, key, line, problems)
    if isinstance(value, bool):
        message = f"{key} is read by YAML as a boolean ({str(value).lower()}); quote it"
        problems.append(Problem("error", message, line))
        return ""
    problems.append(Problem("error", f"{key} should be text, not {kind(value)}", line))
    return ""


def _valid(value: str, key: str, line: int | None, problems: list[Problem]) -> str:
    """A text value as valid Unicode, cleaned to one line; a lone surrogate (from a YAML
    escape such as `"\\uD800"`, which nothing can print) is shown as U+FFFD and reported."""
    surrogate = lone_surrogate(value)
    said = f"{key} has a lone surrogate"
    if surrogate is not None and not any(p.message.startswith(said) for p in problems):
        message = f"{said} ({surrogate}), which is no character; shown as U+FFFD"
        problems.append(Problem("error", message, line))
    return clean_line(valid_text(value)).strip()


def _keywords(
    values: dict[str, object], lines: dict[str, int], problems: list[Problem]
) -> tuple[str, ...]:
    """Keywords: a comma-separated text or a list of words (`tags` when there is no
    `keywords`, as in MDN's files)."""
    key = "keywords" if "keywords" in values else "tags"
    value, line = values.get(key), lines.get(key)
    if value is None:
        return ()
    items: Iterable[object]
    if isinstance(value, str) and not isinstance(value, Number):
        items = value.split(",")
    elif isinstance(value, list):
        items = value
        if not all(_is_word(item) for item in value):
            message = f"{key} should be a list of words; some items are not words"
            problems.append(Problem("error", message, line))
    else:
        message = f"{key} should be text or a list, not {kind(value)}"
        problems.append(Problem("error", message, line))
        return ()
    words = (_valid(item, key, line, problems) for item in items if isinstance(item, str))
    return tuple(word for word in words if word)


def _is_word(item: object) -> bool:
    return isinstance(item, str)  # numbers are Numbers, kept as written
