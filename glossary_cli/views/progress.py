"""The progress line on stderr while the search index is built: only once the work has taken
about half a second, and gone again when it is done (Rich, imported only then)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID

# A build quicker than this shows nothing: a line that flashes by is noise.
SHOW_AFTER_S = 0.5
LABEL = "Indexing the articles"


@contextmanager
def index_progress(
    console: Callable[[], Console],
    clock: Callable[[], float] = time.monotonic,
    after: float = SHOW_AFTER_S,
) -> Iterator[Callable[[int, int], None]]:
    """A progress report for one build (library/roots.py's Progress: files read, files to
    read), its clock started now: the line is drawn on the `console` (made only when needed)
    at the first report `after` seconds or more from now, and taken away at the end."""
    line = _Line(console, clock, after)
    try:
        yield line.report
    finally:
        line.close()


class _Line:
    def __init__(self, console: Callable[[], Console], clock: Callable[[], float], after: float):
        self._console, self._clock = console, clock
        self._due = clock() + after
        self._progress: RichProgress | None = None
        self._task: TaskID | None = None

    def report(self, done: int, total: int) -> None:
        if self._progress is None:
            if done >= total or self._clock() < self._due:
                return
            self._open(done, total)
        assert self._progress is not None and self._task is not None
        # Drawn by Rich's own refresh, a few times a second, not on every file.
        self._progress.update(self._task, completed=done, total=total)

    def _open(self, done: int, total: int) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self._progress = Progress(
            TextColumn(LABEL),
            BarColumn(),
            MofNCompleteColumn(),
            console=self._console(),
            transient=True,  # the line goes when the work is done: the output follows
            refresh_per_second=8,
        )
        self._task = self._progress.add_task(LABEL, completed=done, total=total)
        self._progress.start()

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
