"""Changing the sources folder safely: one writer at a time, every copy made beside its place
and renamed into it, and what an interrupted run left behind cleaned up by the next one.

In `<data>/sources/`, `.new.NAME` is a copy being fetched, `.old.NAME` the copy an update is
replacing, `.gone.NAME` one being removed. A kill between the two renames of a swap leaves
`.old.NAME` without `NAME`: the next run puts it back."""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import IO

from glossary_cli.errors import FetchFailed
from glossary_cli.sources.state import sources_dir

NEW, OLD, GONE = ".new.", ".old.", ".gone."
LOCK = ".lock"


class Store:
    """The sources folder, locked for this process while the `with` block runs."""

    def __init__(self, data_dir: Path) -> None:
        self.folder = sources_dir(data_dir)
        self._lock: IO[bytes] | None = None

    def __enter__(self) -> Store:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._lock = open(self.folder / LOCK, "ab")  # noqa: SIM115 (held until __exit__)
        except OSError as exc:
            raise FetchFailed(f"cannot write to {self.folder}: {exc.strerror or exc}") from None
        if not _try_lock(self._lock):
            self._lock.close()
            raise FetchFailed("another glossary is changing the sources; try again when it is done")
        self.clean()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._lock is not None:
            self._lock.close()  # closing releases the lock; a killed process's is released too
            self._lock = None

    def path(self, name: str) -> Path:
        return self.folder / name

    def clean(self) -> None:
        """Remove what interrupted runs left (copies half made, copies half removed) and put
        back a copy whose replacement was cut short between its two renames."""
        try:
            for entry in sorted(os.listdir(self.folder)):
                path = self.folder / entry
                if entry.startswith(OLD) and not os.path.exists(self.folder / entry[len(OLD) :]):
                    os.rename(path, self.folder / entry[len(OLD) :])
                elif entry.startswith((NEW, OLD, GONE)):
                    remove_tree(path)
        except OSError as exc:
            raise FetchFailed(f"cannot clean up {self.folder}: {exc.strerror or exc}") from None

    def new_copy(self, name: str) -> Path:
        """An empty folder beside the source's place, to fetch a copy into."""
        path = self.folder / (NEW + name)
        remove_tree(path)
        path.mkdir()
        return path

    def install(self, name: str, copy: Path) -> None:
        """Make a new copy the source `name` (which does not exist): one rename."""
        with _writing(self.folder):
            os.rename(copy, self.path(name))

    def replace(self, name: str, copy: Path) -> None:
        """Put a new copy in place of the source's current one, which is removed."""
        old = self.folder / (OLD + name)
        with _writing(self.folder):
            os.rename(self.path(name), old)
            os.rename(copy, self.path(name))
            remove_tree(old)

    def remove(self, name: str) -> None:
        """Remove a source: renamed away first, so that it is gone at once even if the
        removal of its files is cut short."""
        gone = self.folder / (GONE + name)
        with _writing(self.folder):
            os.rename(self.path(name), gone)
            remove_tree(gone)


@contextmanager
def _writing(folder: Path) -> Iterator[None]:
    """A failure to change the sources folder, as one line (exit 4), not a traceback."""
    try:
        yield
    except OSError as exc:
        raise FetchFailed(f"cannot change {folder}: {exc.strerror or exc}") from None


def _try_lock(file: IO[bytes]) -> bool:
    """An exclusive lock on the open file, without waiting; where there is no fcntl (Windows),
    no lock."""
    try:
        import fcntl
    except ImportError:
        return True
    try:
        fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def remove_tree(path: Path) -> None:
    """Remove a folder and everything in it; nothing when it does not exist."""
    if os.path.islink(path):
        os.unlink(path)
        return
    if not os.path.isdir(path):
        return
    try:
        shutil.rmtree(path)
    except PermissionError:
        # git makes its objects read-only, and Windows deletes no read-only file.
        for folder, _, files in os.walk(path):
            for name in [".", *files]:
                os.chmod(os.path.join(folder, name), stat.S_IWRITE | stat.S_IREAD | stat.S_IEXEC)
        shutil.rmtree(path)
