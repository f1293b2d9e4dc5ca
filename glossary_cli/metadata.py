"""An article's YAML frontmatter: where it is, its keys and their lines, and their types."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

from glossary_cli.model import Problem
from glossary_cli.sanitize import clean_line, clean_text, visible

# A frontmatter block: a first line of `---`, the YAML, and a line of `---` (or YAML's `...`).
_OPENING = re.compile(r"---[ \t]*")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
KNOWN_KEYS = ("title", "description", "keywords")
FIRST_LINE = 2  # the YAML starts on the file's second line, after the opening `---`
# Real frontmatter is a few lines (MDN's largest: 368 bytes). The pure-Python YAML loader reads
# some 100 KB a second on hostile input, so a cap keeps any article under a second or so.
MAX_FRONTMATTER = 64 * 1024

# What YAML made of a plain word, by the tag it resolved to, for messages.
_TAG_KINDS = {
    "bool": "a boolean",
    "int": "a number",
    "float": "a number",
    "null": "null (nothing)",
    "timestamp": "a date",
    "seq": "a list",
    "map": "a mapping",
    "binary": "binary data",
    "set": "a set",
    "omap": "a mapping",
    "pairs": "a list",
}


class Unreadable(Exception):
    """Frontmatter or Markdown that cannot be read at all; read_article makes it a BadArticle."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Metadata:
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
        return None, text, []
    closing = _CLOSING.search(text, first_break + 1)
    if closing is None:
        # Markdown reads the line as a thematic break, but an author likely forgot the fence.
        problem = Problem("warning", "starts with '---' but no line of '---' closes it", 1)
        return None, text, [problem]
    return text[first_break + 1 : closing.start()], text[closing.end() + 1 :], []


def read(yaml_text: str | None) -> Metadata:
    """Title, description and keywords from the frontmatter, each checked for its type.

    Raises Unreadable for YAML that does not parse or is not a mapping of keys to values."""
    if yaml_text is None or not yaml_text.strip():
        return Metadata()
    if len(yaml_text) > MAX_FRONTMATTER:
        message = f"frontmatter too large (over {MAX_FRONTMATTER // 1024} KiB)"
        raise Unreadable(message, FIRST_LINE)
    values, lines, problems = _load(yaml_text)
    for key, line in lines.items():
        lowered = key.strip().casefold()
        if key not in KNOWN_KEYS and lowered in KNOWN_KEYS and lowered not in lines:
            problems.append(
                Problem("warning", f"frontmatter key {_quoted(key)}: did you mean {lowered}?", line)
            )
    title = _text(values, lines, "title", problems)
    description = _text(values, lines, "description", problems)
    keywords = _keywords(values, lines, problems)
    return Metadata(title, description, keywords, tuple(problems), frozenset(lines))


def _load(yaml_text: str) -> tuple[dict[str, object], dict[str, int], list[Problem]]:
    """The mapping, each text key's line in the file, and problems with the keys."""
    import yaml

    # The pure-Python loader, never libyaml's CSafeLoader: deeply nested input (100,000 `[`)
    # crashes the C one with a segmentation fault, where this one raises RecursionError.
    loader = yaml.SafeLoader(yaml_text)
    try:
        node = loader.get_single_node()
        data = None if node is None else loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = "; ".join(part for part in (exc.context, exc.problem) if part)
        raise Unreadable(
            f"invalid frontmatter: {_one_line(what) or 'not YAML'}",
            None if mark is None else FIRST_LINE + mark.line,
        ) from None
    except RecursionError:
        raise Unreadable("invalid frontmatter: nested too deeply", FIRST_LINE) from None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
        # PyYAML's constructors raise these on values such as an impossible date.
        message = _one_line(str(exc)) or type(exc).__name__
        raise Unreadable(f"invalid frontmatter: {message}") from None
    finally:
        loader.dispose()
    if data is None:
        return {}, {}, []
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise Unreadable(
            f"frontmatter is {_kind(data)}, not a mapping of keys to values", FIRST_LINE
        )
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    for key_node, _ in node.value:
        line = FIRST_LINE + key_node.start_mark.line
        tag = str(key_node.tag).rsplit(":", 1)[-1]
        if tag == "merge":
            continue
        if tag != "str" or not isinstance(key_node, yaml.ScalarNode):
            # `yes: no` is {True: False} to YAML: the key the author wrote is gone.
            raw = key_node.value if isinstance(key_node, yaml.ScalarNode) else "..."
            kind = _TAG_KINDS.get(tag, "something other than text")
            message = f"frontmatter key {_quoted(str(raw))} is read by YAML as {kind}; quote it"
            problems.append(Problem("error", message, line))
            continue
        if key_node.value in lines:
            message = f"frontmatter key {_quoted(key_node.value)} appears twice; the last counts"
            problems.append(Problem("warning", message, line))
        lines.setdefault(key_node.value, line)
    values = {key: value for key, value in data.items() if isinstance(key, str)}
    return values, lines, problems


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
    if isinstance(value, str):
        return clean_line(value).strip()
    if isinstance(value, bool):
        message = f"{key} is read by YAML as a boolean ({str(value).lower()}); quote it"
        problems.append(Problem("error", message, line))
        return ""
    if isinstance(value, (int, float)):
        # Shown, but as YAML read it: `1.10` is 1.1 and `0x1F` is 31.
        message = f"{key} is read by YAML as the number {value}; quote it to keep it as written"
        problems.append(Problem("warning", message, line))
        return str(value)
    problems.append(Problem("error", f"{key} should be text, not {_kind(value)}", line))
    return ""


def _keywords(
    values: dict[str, object], lines: dict[str, int], problems: list[Problem]
) -> tuple[str, ...]:
    """Keywords: a comma-separated text or a list of words."""
    value, line = values.get("keywords"), lines.get("keywords")
    if value is None:
        return ()
    items: Iterable[object]
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, list):
        items = value
        if not all(_is_word(item) for item in value):
            message = "keywords should be a list of words; some items are not words"
            problems.append(Problem("error", message, line))
    else:
        message = f"keywords should be text or a list, not {_kind(value)}"
        problems.append(Problem("error", message, line))
        return ()
    words = (clean_line(str(item)).strip() for item in items if _is_word(item))
    return tuple(word for word in words if word)


def _is_word(item: object) -> bool:
    return isinstance(item, (str, int, float)) and not isinstance(item, bool)


def _kind(value: object) -> str:
    """What a YAML value is, in words."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return "a date"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return "text"
    return f"a {type(value).__name__}"


def _quoted(key: str) -> str:
    return f"'{visible(key)}'"


def _one_line(text: str) -> str:
    return " ".join(clean_text(text).split())[:300]
