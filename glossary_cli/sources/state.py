"""What the data folder says of each fetched source: its record (where it came from, which
revision, when), and the article roots of the sources, read cheaply on every run.

A source lives in `<data>/sources/NAME/`: its record in `source.txt` and the fetched copy in
`tree/`. The record travels with the copy, so that one rename installs or replaces both."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from glossary_cli.errors import UsageProblem

if TYPE_CHECKING:
    from glossary_cli.library.roots import Root

RECORD = "source.txt"
TREE = "tree"
# The record is `key=value` lines under this header: read on every run, so in a form that needs
# no import (JSON's costs every command and every Tab); no value holds a line break.
HEADER = "glossary-source 1"
FIELDS = (
    "name",
    "url",
    "kind",  # "git" or "archive"
    "ref",  # the branch or tag asked for; empty: the default branch
    "subdir",  # the folder inside the copy that holds the articles; empty: the top
    "revision",  # git: the commit checked out
    "etag",  # archive: what the server said of the file, to ask whether it changed
    "last_modified",
    "sha256",  # archive: of the file downloaded
    "added",  # when `source add` fetched it (UTC, ISO 8601)
    "updated",  # when its copy was last fetched
)
# A source's name is a folder name on every platform and a word to type: lower case ASCII.
NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")


class Record:
    """One source's record. Plain strings, empty where a field does not apply."""

    __slots__ = FIELDS
    name: str
    url: str
    kind: str
    ref: str
    subdir: str
    revision: str
    etag: str
    last_modified: str
    sha256: str
    added: str
    updated: str

    def __init__(self, name: str, url: str, kind: str, **fields: str) -> None:
        self.name = name
        self.url = url
        self.kind = kind
        for field in FIELDS[3:]:
            setattr(self, field, fields.get(field, ""))

    def values(self) -> dict[str, str]:
        return {field: getattr(self, field) for field in FIELDS}

    def root(self, folder: Path) -> Path:
        """The article root inside the source's folder."""
        tree = folder / TREE
        return tree / self.subdir if self.subdir else tree


def sources_dir(data_dir: Path) -> Path:
    """Where the sources live, in the user data folder."""
    return data_dir / "sources"


def check_name(name: str) -> None:
    """A source's name: lower-case letters, digits, `.`, `_` and `-`, up to 64, no `..`."""
    if not NAME.match(name) or ".." in name:
        raise UsageProblem(
            f"'{_shown(name)}' is no source name: use lower-case letters, digits, '.', '_' and '-'"
        )


def check_subdir(subdir: str) -> str:
    """A folder inside the copy, relative, without `..`: in `/` form, without slashes around."""
    parts = [part for part in subdir.replace("\\", "/").split("/") if part not in ("", ".")]
    if (
        subdir.startswith(("/", "\\"))
        or ".." in parts
        or any(not part.isprintable() or ":" in part for part in parts)
    ):
        raise UsageProblem(f"'{_shown(subdir)}' is no folder inside the source", "--subdir")
    return "/".join(parts)


def _shown(text: str) -> str:
    from glossary_cli.text.sanitize import visible

    return visible(text)


def format_record(record: Record) -> str:
    lines = [HEADER]
    for field, value in record.values().items():
        if "\n" in value or "\r" in value:
            raise ValueError(f"a line break in the source's {field}")
        lines.append(f"{field}={value}")
    return "\n".join(lines) + "\n"


def parse_record(text: str) -> Record | None:
    """The record in `text`, or None when it is not one (damaged, or of another version)."""
    lines = text.split("\n")
    if lines[0] != HEADER:
        return None
    values: dict[str, str] = {}
    for line in lines[1:]:
        key, equals, value = line.partition("=")
        if equals and key in FIELDS:
            values[key] = value
    name, url, kind = values.pop("name", ""), values.pop("url", ""), values.pop("kind", "")
    if not NAME.match(name) or kind not in ("git", "archive") or not url:
        return None
    try:
        if values.get("subdir") and check_subdir(values["subdir"]) != values["subdir"]:
            return None  # the folder would lead out of the copy: this record is not ours
    except UsageProblem:
        return None
    return Record(name, url, kind, **values)


def read_record(folder: Path) -> Record | None:
    """The record of the source in `folder`, or None when there is none that can be read."""
    try:
        with open(folder / RECORD, encoding="utf-8") as file:
            text = file.read(64 * 1024)
    except (OSError, UnicodeDecodeError):
        return None
    record = parse_record(text)
    return record if record is not None and record.name == folder.name else None


def write_record(folder: Path, record: Record) -> None:
    """Write the record into the source's folder (a copy being made: nothing reads it yet)."""
    (folder / RECORD).write_text(format_record(record), encoding="utf-8")


def installed(data_dir: Path) -> list[tuple[Path, Record | None]]:
    """Each source's folder and record (None: damaged), by name. Names that start with a dot
    are copies being made or replaced (store.py), never sources."""
    folder = sources_dir(data_dir)
    try:
        names = sorted(os.listdir(folder))
    except OSError:  # no sources yet, the usual case: one failed system call
        return []
    found: list[tuple[Path, Record | None]] = []
    for name in names:
        path = folder / name
        if NAME.match(name) and os.path.isdir(path):
            found.append((path, read_record(path)))
    return found


def source_roots(data_dir: Path) -> list[Root]:
    """The sources' article roots, by name (the first source with a term is read)."""
    from glossary_cli.library.roots import Root

    return [
        Root(record.root(path) if record else path / TREE, f"source {path.name}")
        for path, record in installed(data_dir)
    ]
