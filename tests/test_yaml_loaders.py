"""libyaml reads shallow frontmatter, the pure-Python loader the rest: both must read alike.

The loader choice is a speed matter only: these tests fail when libyaml's reading of a
frontmatter (its values, its keys' lines, its problems, its error) differs from the pure-Python
loader's, on every MDN article, on the hostile tree and on YAML's corners.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from glossary_cli.reading import frontmatter as metadata
from glossary_cli.reading import yaml_loader
from glossary_cli.reading.frontmatter_rules import Unreadable
from glossary_cli.reading.lines import normalize_newlines
from glossary_cli.text.sanitize import clean_controls

from hostile import write_hostile_tree

REPO = Path(__file__).resolve().parent.parent
MDN = REPO.parent / "shared" / "corpora" / "mdn-glossary" / "articles"

CORNERS = [
    "title: T\nkeywords: [a, b]\n",
    "title: 日本語の\n  タイトル\nslug: x\n",  # folded lines, joined by the segment rule
    'title: "二行の\n  引用"\n',
    "title: >\n  折り畳み\n  の行\n",
    "title: |\n  literal\n  lines\n",
    "a: 1\nyes: no\ntitle: T\ntitle: U\n",  # a key read as a boolean; a key given twice
    "version: 1.10\nbig: 0x" + "f" * 4000 + "\n",  # numbers kept as written
    "date: 2024-02-30\n",  # an impossible date: the constructor's error
    "when: 2024-02-03\n",
    "base: &b {x: 1}\nmerged:\n  <<: *b\n  y: 2\n<<: *b\n",
    "\u202etitle: hidden\ntitle: T\n",  # an invisible character in a key
    "title: [unclosed\n",
    "- a\n- b\n",  # not a mapping
    "just text\n",
    "",
    "title: T\n\tbad: tab\n",
    "title: 'it''s'\nq: \"\\u00e9\\x41\"\n",
    "title: T\r\nslug: s\r\n",  # CRLF: left to the pure-Python loader
    "\ufefftitle: T\n",
    "title: a\u2028b\n",
    "? complex\n: key\n",
    "? [a, b]\n: c\n",
    "list:\n- - - x\n  - y\n",
    "deep: " + "[" * 30 + "]" * 30 + "\n",
    "deep: " + "[" * 60 + "]" * 60 + "\n",
    "deep: " + "[" * 150 + "]" * 150 + "\n",  # past the bound: the pure-Python loader
    "[" * 100_000,
    "- " * 60 + "x\n",
    "".join(" " * i + f"k{i}:\n" for i in range(40)) + " " * 40 + "v\n",
    "a: *undefined\n",
    "a: !!python/object:os.system x\n",
    "a: !custom x\n",
    "title: T\n---\nsecond: document\n",
    "key with spaces: v\n'quoted': v\n\"dq\": v\n",
    "null: ~\n1: one\n",
    "{title: T, slug: s}\n",
]


def reading(fm: str) -> object:
    """What the handler makes of `fm`: values, lines and problems, or its error and line."""
    try:
        return yaml_loader.HANDLER.load_with_lines(fm)
    except Unreadable as exc:
        return ("unreadable", str(exc), exc.line)


def alike(fm: str, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Whether both loaders read `fm` alike (the pure-Python one with libyaml taken away)."""
    fast = reading(fm)
    with monkeypatch.context() as patched:
        patched.setattr(yaml_loader, "_FastLoader", None)
        pure = reading(fm)
    return same(fast, pure, set())


def same(a: object, b: object, seen: set[tuple[int, int]]) -> bool:
    """a == b, each pair of shared parts compared once: a YAML alias bomb shares its lists
    nine ways ten deep, which == would walk billions of times."""
    if type(a) is not type(b):
        return False
    if not isinstance(a, (list, tuple, dict)):
        return a == b
    if (id(a), id(b)) in seen:
        return True
    seen.add((id(a), id(b)))
    if isinstance(a, dict):
        assert isinstance(b, dict)
        return a.keys() == b.keys() and all(same(a[k], b[k], seen) for k in a)
    assert isinstance(b, (list, tuple))
    return len(a) == len(b) and all(same(x, y, seen) for x, y in zip(a, b, strict=True))


def frontmatters(root: Path) -> Iterator[tuple[Path, str]]:
    """Each article's frontmatter as the reader hands it to YAML (reading/markdown.py)."""
    for path in sorted(root.glob("*/*.md")):
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue
        fm = metadata.split(clean_controls(normalize_newlines(text)))[0]
        if fm is not None:
            yield path, fm


pytestmark = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")


@pytest.mark.parametrize("fm", CORNERS)
def test_corners_read_alike(fm: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert alike(fm, monkeypatch)


def test_the_hostile_tree_reads_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    read = list(frontmatters(write_hostile_tree(tmp_path / "articles")))
    assert read
    for path, fm in read:
        assert alike(fm, monkeypatch), path


@pytest.mark.skipif(not MDN.is_dir(), reason="the MDN corpus is not beside the checkout")
def test_every_mdn_article_reads_alike_and_through_libyaml(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    read = list(frontmatters(MDN))
    assert len(read) > 3000
    for path, fm in read:
        assert alike(fm, monkeypatch), path
    # Real frontmatter is shallow: libyaml reads all of it (else this change bought nothing).
    assert all(yaml_loader._fast_load(fm) is not None for _, fm in read)


def test_deep_input_never_reaches_libyaml() -> None:
    for fm in ("[" * 100_000, "- " * 100_000 + "x", "{a: " * 5_000, "? " * 100_000):
        assert not yaml_loader._shallow(fm)
    assert yaml_loader._shallow("title: T\nkeywords:\n  - a\n  - b\n")
