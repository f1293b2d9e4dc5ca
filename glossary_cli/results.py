"""What `glossary check` found: plain data, cheap to import for the views."""

from __future__ import annotations

from typing import NamedTuple

ERROR = "error"
WARNING = "warning"


class Finding(NamedTuple):
    """One problem: where (a file, or a term's folder), how bad, and what."""

    path: str
    line: int | None
    severity: str  # ERROR or WARNING
    message: str

    def __str__(self) -> str:
        """`path:line: severity: message`, the shape editors and CI logs know how to follow."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message}"


class CheckResult(NamedTuple):
    roots: tuple[str, ...]
    findings: tuple[Finding, ...]
    files: int  # article files read
    terms: int

    @property
    def error_count(self) -> int:
        return sum(1 for finding in self.findings if finding.severity == ERROR)

    @property
    def warning_count(self) -> int:
        return len(self.findings) - self.error_count
