"""The frontmatter goes through python-frontmatter, with a YAML handler of our own."""

from __future__ import annotations

import frontmatter
import pytest
from frontmatter.default_handlers import YAMLHandler

from glossary_cli.reading import frontmatter as metadata
from glossary_cli.reading.frontmatter_rules import MAX_FRONTMATTER, Unreadable
from glossary_cli.reading.yaml_loader import HANDLER


def test_the_handler_is_python_frontmatters_and_works_with_it() -> None:
    assert isinstance(HANDLER, YAMLHandler)
    values, body = frontmatter.parse(
        "---\ntitle: T\nkeywords: [a, b]\n---\nBody\n", handler=HANDLER
    )
    assert (values, body) == ({"title": "T", "keywords": ["a", "b"]}, "Body")


def test_split_keeps_the_lines_and_accepts_yamls_end_marker() -> None:
    assert metadata.split("---\ntitle: T\n...\n# Body\n") == ("title: T\n", "# Body\n", [])
    assert metadata.split("---  \na: 1\n---") == ("a: 1\n", "", [])
    # Only a first line of `---` opens it: python-frontmatter's split() alone would take the
    # first two fences anywhere.
    assert metadata.split("Text\n---\na: 1\n---\n") == (None, "Text\n---\na: 1\n---\n", [])
    assert metadata.split("\n---\na: 1\n---\n")[0] is None
    unclosed = metadata.split("---\ntitle: T\n")
    assert unclosed[0] is None and unclosed[2][0].line == 1


def test_key_lines_and_problems_come_from_the_yaml_nodes() -> None:
    read = metadata.read("a: 1\nyes: no\ntitle: T\ntitle: U\n")
    assert read.title == "U"
    assert [(p.severity, p.line) for p in read.problems] == [("error", 3), ("warning", 5)]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("[" * 100_000, 2),  # libyaml's CSafeLoader crashes the process on this
        ("- a\n- b\n", 2),
        ("title: [unclosed\n", 3),
        ("x" * (MAX_FRONTMATTER + 1), 2),
    ],
)
def test_unreadable_frontmatter_is_an_error_with_its_line(text: str, line: int) -> None:
    with pytest.raises(Unreadable) as caught:
        HANDLER.load(text)
    assert caught.value.line == line
    assert isinstance(caught.value, ValueError)  # what the search index's reader catches
