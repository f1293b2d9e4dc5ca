"""`glossary check --format github`: each finding as a GitHub Actions workflow command, which
GitHub shows as an annotation on the file and line."""

from __future__ import annotations

from typing import IO

from glossary_cli.results import CheckResult, Finding


def _data(text: str) -> str:
    """A command's message, escaped as GitHub's runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A property's value (file=...): in these `:` and `,` end the value unless escaped."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """`::error file=PATH,line=N::MESSAGE` (or `::warning`), the line left out when unknown."""
    properties = f"file={_property(finding.path)}"
    if finding.line:
        properties += f",line={finding.line}"
    return f"::{finding.severity} {properties}::{_data(finding.message)}"


def write(result: CheckResult, stream: IO[str]) -> None:
    for finding in result.findings:
        stream.write(annotation(finding) + "\n")
