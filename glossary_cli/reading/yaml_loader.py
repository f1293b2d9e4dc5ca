"""python-frontmatter's YAML handler, loading as `glossary check` and hostile files need."""

from __future__ import annotations

import re
from typing import NamedTuple

import yaml
from frontmatter.default_handlers import YAMLHandler

from glossary_cli.document.problem import Problem
from glossary_cli.reading.frontmatter_rules import (
    FENCE,
    FIRST_LINE,
    MAX_FRONTMATTER,
    Number,
    Unreadable,
    kind,
    one_line,
    quoted,
)
from glossary_cli.text.segments import join_breaks, segment_break
from glossary_cli.text.unicode import format_characters, without_format

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


class _Loader(yaml.SafeLoader):
    """PyYAML's pure-Python SafeLoader, numbers kept as written (see Number)."""


def _number(loader: yaml.SafeLoader, node: yaml.Node) -> Number:
    # Never int() or float(): `0x` and 4,000 hex digits is an int Python cannot print
    # (its int-to-string digit limit), 5,000 decimal digits one it cannot even read.
    return Number(loader.construct_scalar(node))  # type: ignore[arg-type]


_Loader.add_constructor("tag:yaml.org,2002:int", _number)
_Loader.add_constructor("tag:yaml.org,2002:float", _number)

_FastLoader: type[yaml.CSafeLoader] | None = None
if yaml.__with_libyaml__:

    class _CLoader(yaml.CSafeLoader):
        """libyaml's parser with the same constructors: several times faster, for frontmatter
        that cannot nest deeply (see _shallow)."""

    _CLoader.add_constructor("tag:yaml.org,2002:int", _number)
    _CLoader.add_constructor("tag:yaml.org,2002:float", _number)
    _FastLoader = _CLoader

# Nesting depth below which both loaders read alike: the pure-Python one raises RecursionError
# some hundreds of levels deep, libyaml stops at 1,000 (0.2.6) or crashes (0.2.5).
_SHALLOW = 100
# An indicator that can open a block collection on the same line as its parent (`- - x`).
_INDICATOR = re.compile(r"[-?:][ \t]")
_INDENT = re.compile(r"^ +", re.MULTILINE)
# Line breaks the two loaders might count differently, and the byte order mark: the
# pure-Python loader reads those.
_UNUSUAL = ("\r", "\x85", "\u2028", "\u2029", "\ufeff")


def _shallow(fm: str) -> bool:
    """True when `fm` cannot nest more than _SHALLOW levels deep. A bound, not a parse: each
    flow level needs a `[` or `{`; along a chain of block collections the columns grow (a
    sequence may share its mapping's column once), and each one starts either a line at one
    of the indents present or after an indicator on its parent's line."""
    flows = fm.count("[") + fm.count("{")
    if flows >= _SHALLOW:
        return False
    indent = max(map(len, _INDENT.findall(fm)), default=0)
    blocks = 2 * (indent + 1 + len(_INDICATOR.findall(fm)))
    return flows + blocks < _SHALLOW and not any(mark in fm for mark in _UNUSUAL)


class Loaded(NamedTuple):
    values: dict[str, object]  # the text keys and their values
    lines: dict[str, int]  # each text key's line in the file
    problems: list[Problem]  # keys YAML does not read as text, keys given twice


class FrontmatterHandler(YAMLHandler):
    """YAMLHandler with its own loading, for three reasons:

    - libyaml (CSafeLoader) only for frontmatter that cannot nest deeply (_shallow), and the
      pure-Python SafeLoader for the rest and for anything in error: libyaml crashes (a
      segmentation fault, 0.2.5) or stops (0.2.6) on deeply nested input such as 100,000 `[`,
      where the pure-Python one raises RecursionError, which is reported; numbers kept as
      written (Number) by both;
    - keys compared without their format characters: `\\u202etitle` is not `title` (it is
      reported and ignored);
    - the YAML's nodes, not only its values: each key's line, and the keys YAML reads as
      something other than text (`yes: no` is {True: False}), for `glossary check`.

    Its split() is python-frontmatter's, on fences of `---` (and `...` to close, as in YAML);
    the caller checks that the first line is one, which detect() would do.
    """

    FM_BOUNDARY = FENCE

    def load(self, fm: str, **kwargs: object) -> dict[str, object]:
        """The frontmatter's text keys and values (what frontmatter.parse() expects)."""
        return self.load_with_lines(fm).values

    def load_with_lines(self, fm: str) -> Loaded:
        """The mapping, each text key's line in the file, and problems with the keys; raises
        Unreadable for YAML that does not parse or is not a mapping. `fm` starts on line 2."""
        if len(fm) > MAX_FRONTMATTER:
            message = f"frontmatter too large (over {MAX_FRONTMATTER // 1024} KiB)"
            raise Unreadable(message, FIRST_LINE)
        fast = _fast_load(fm)
        if fast is not None:
            node, data = fast
        else:
            node, data = _load(fm)
        if data is None:
            return Loaded({}, {}, [])
        if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
            raise Unreadable(
                f"frontmatter is {kind(data)}, not a mapping of keys to values", FIRST_LINE
            )
        return _read_keys(fm, node, data)


def _fast_load(fm: str) -> tuple[yaml.Node | None, object] | None:
    """The node and value by libyaml, or None when the pure-Python loader must read `fm`: it
    may nest deeply, libyaml is missing, or it failed (the pure-Python loader's messages are
    the ones glossary reports, so it reads anything in error again)."""
    if _FastLoader is None or not _shallow(fm):
        return None
    loader = _FastLoader(fm)
    try:
        node = loader.get_single_node()
        return node, None if node is None else loader.construct_document(node)
    except Exception:  # noqa: BLE001 - any failure is read again, and reported, below
        return None
    finally:
        loader.dispose()


def _load(fm: str) -> tuple[yaml.Node | None, object]:
    """The node and value by the pure-Python loader, its failures as Unreadable."""
    loader = _Loader(fm)
    try:
        node = loader.get_single_node()
        return node, None if node is None else loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = "; ".join(part for part in (exc.context, exc.problem) if part)
        raise Unreadable(
            f"invalid frontmatter: {one_line(what) or 'not YAML'}",
            None if mark is None else FIRST_LINE + mark.line,
        ) from None
    except RecursionError:
        raise Unreadable("invalid frontmatter: nested too deeply", FIRST_LINE) from None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
        # PyYAML's constructors raise these on values such as an impossible date.
        message = one_line(str(exc)) or type(exc).__name__
        raise Unreadable(f"invalid frontmatter: {message}") from None
    finally:
        loader.dispose()


def _read_keys(fm: str, node: yaml.MappingNode, data: dict[object, object]) -> Loaded:
    """The text keys' values and lines, and the problems with the keys, off the node."""
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    folded: dict[str, str] = {}
    for key_node, value_node in node.value:
        value = data.get(key_node.value) if isinstance(key_node, yaml.ScalarNode) else None
        if isinstance(value, str) and isinstance(value_node, yaml.ScalarNode):
            folded[key_node.value] = _rejoined(fm, value, value_node)
        line = FIRST_LINE + key_node.start_mark.line
        tag = str(key_node.tag).rsplit(":", 1)[-1]
        if tag == "merge":
            continue
        if tag != "str" or not isinstance(key_node, yaml.ScalarNode):
            # `yes: no` is {True: False} to YAML: the key the author wrote is gone.
            raw = key_node.value if isinstance(key_node, yaml.ScalarNode) else "..."
            what = _TAG_KINDS.get(tag, "something other than text")
            message = f"frontmatter key {quoted(str(raw))} is read by YAML as {what}; quote it"
            problems.append(Problem("error", message, line))
            continue
        hidden = format_characters(key_node.value)
        if hidden:
            # It looks like another key (`title`) and must never stand in for it.
            shown = quoted(without_format(key_node.value))
            message = (
                f"frontmatter key {shown} has invisible characters ({', '.join(hidden)}); ignored"
            )
            problems.append(Problem("error", message, line))
            continue
        if key_node.value in lines:
            message = f"frontmatter key {quoted(key_node.value)} appears twice; the last counts"
            problems.append(Problem("warning", message, line))
        lines.setdefault(key_node.value, line)
    values: dict[str, object] = {
        # lines that YAML folded, joined again by the segment-break rule
        key: folded.get(key, value)
        for key, value in data.items()
        # a Number key is YAML's number, reported above; a merged key is no node here
        if type(key) is str and not format_characters(key)
    }
    return Loaded(values, lines, problems)


def _rejoined(fm: str, value: str, node: yaml.ScalarNode) -> str:
    """A text value written over several lines, its line breaks joined as the Markdown's are
    (text/segments.py): YAML folds each into a space, even between two Chinese characters."""
    start, end = node.start_mark, node.end_mark
    if start.line == end.line:
        return value
    if node.style == "|":  # a literal block keeps its breaks as they are in the source
        return join_breaks(value)
    source = fm[start.index : end.index].split("\n")
    if node.style == ">":
        source = source[1:]  # the block's header
    lines = [line.strip(" \t") for line in source]
    if node.style in ("'", '"'):
        lines[0], lines[-1] = lines[0][1:], lines[-1][:-1]  # the quotes
    # Each line's text is found in the value, in order (a line with escapes is not, and the
    # rest is left as YAML read it); the one space or break YAML made between two lines goes
    # when the rule removes it.
    gone: list[int] = []
    done = 0
    previous = ""
    for line in filter(None, lines):
        found = value.find(line, done)
        if found < 0:
            break
        if previous and found - done == 1 and not segment_break(previous, line):
            gone.append(done)
        done, previous = found + len(line), line
    for at in reversed(gone):
        value = value[:at] + value[at + 1 :]
    return value


HANDLER = FrontmatterHandler()
