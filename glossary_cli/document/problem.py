"""A problem found in an article that could still be read, for `glossary check`."""

from __future__ import annotations

from typing import NamedTuple


class Problem(NamedTuple):
    """Something wrong in an article that could still be read, for `glossary check`."""

    severity: str  # "error" (a value the reader does not get as written) or "warning"
    message: str
    line: int | None = None  # 1-based line in the file, when known
