"""Listing the folders of an article tree: link loops, dangling links, unreadable folders and
names that are not UTF-8 are each told once to the caller (`tell`), never an exception."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

from glossary_cli.text.sanitize import visible

# Told (the path as shown, what is wrong with it) for each entry that is left out.
Tell = Callable[[str, str], None]


def entries(folder: Path | str, tell: Tell | None = None) -> list[os.DirEntry[str]]:
    """The folder's entries sorted by name (so that every run reads them in one order), less
    those whose names are not UTF-8; none when the folder cannot be listed. Each of those is
    told to `tell`."""
    try:
        with os.scandir(folder) as listing:
            found = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        link = os.path.islink(folder)
        if link or exc.errno not in (errno.ENOENT, errno.ENOTDIR):  # else: no such folder
            _tell(tell, str(folder), problem(exc, link))
        return []
    kept = []
    for entry in found:
        if is_text(entry.name):
            kept.append(entry)
        else:
            # os.scandir gives the bytes that are no UTF-8 as lone surrogates: such a name can
            # be neither typed as a slug nor stored in the index, nor printed as it stands.
            _tell(tell, entry.path, "the name is not UTF-8 text")
    return kept


def is_folder(entry: os.DirEntry[str], tell: Tell | None = None) -> bool:
    """Whether the entry is a folder, following links; a link that loops or leads nowhere is
    no folder, and told to `tell`."""
    return _is_kind(entry, entry.is_dir, tell)


def is_file(entry: os.DirEntry[str], tell: Tell | None = None) -> bool:
    """Whether the entry is a regular file, following links (never a folder, a FIFO that
    blocks, or a device); a link that loops or leads nowhere is no file, and told to `tell`."""
    return _is_kind(entry, entry.is_file, tell)


def _is_kind(entry: os.DirEntry[str], test: Callable[[], bool], tell: Tell | None) -> bool:
    try:
        if test():
            return True
        if entry.is_symlink():
            os.stat(entry.path)  # raises for a link that loops or leads nowhere
    except OSError as exc:
        _tell(tell, entry.path, problem(exc, link=True))
    return False


def problem(exc: OSError, link: bool) -> str:
    """What an error met while listing or opening an entry (`link`: a symbolic link) means."""
    if exc.errno == errno.ELOOP:
        return "a symbolic link loop"
    if link and exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return "a symbolic link that leads nowhere"
    return f"cannot read: {exc.strerror or exc}"


def is_text(name: str) -> bool:
    """Whether a name the file system gave is UTF-8 text (no surrogates standing for bytes)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _tell(tell: Tell | None, path: str, what: str) -> None:
    if tell is not None:
        tell(visible(shown_path(path)), what)


def leads_outside(real_root: str, path: str) -> str | None:
    """Why `path`, a symbolic link, is not followed: it leads outside the root whose real path
    (every link resolved) is `real_root`; None when it stays inside. A link inside a root (a
    second name for a term) is fine; one out of it could make a downloaded glossary print any
    file the reader can read."""
    real = os.path.realpath(path)
    if real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep):
        return None
    return f"a symbolic link to {visible(real)}, outside its article root"


def shown_path(path: str) -> str:
    """A path as text to show: bytes that are no UTF-8 written as \\xff, not as surrogates that
    no output can encode."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
