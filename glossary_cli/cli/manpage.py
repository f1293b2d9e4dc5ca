"""The man page, glossary(1), written from the commands' own help: `python -m
glossary_cli.cli.manpage docs/man/glossary.1` (never imported by a run of glossary).

One source of truth: every line of the page comes from the Typer commands' docstrings, option
help and examples, so the page says what `--help` says; tests/test_manpage.py fails when the
committed page is not what this writes.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import typer.main
from typer._click.core import Command, Context
from typer.core import TyperGroup as Group

from glossary_cli import __version__
from glossary_cli.cli.app import COMMANDS, GROUPS, app


def page() -> str:
    """glossary.1 in roff (man(7) macros), for the commands as registered now."""
    app.registered_commands = list(COMMANDS)  # every command and group, whatever a run kept
    app.registered_groups = list(GROUPS)
    group = typer.main.get_command(app)
    assert isinstance(group, Group)
    root = Context(group, info_name="glossary", **group.context_settings)
    return "".join(f"{line}\n" for line in _lines(group, root))


def _lines(group: Group, root: Context) -> Iterator[str]:
    summary = (group.help or "").partition("\n\n")[0]
    yield '.TH GLOSSARY 1 "" "glossary ' + __version__ + '" "User Commands"'
    yield ".SH NAME"
    yield r"glossary \- " + _text(summary.rstrip("."))
    yield ".SH SYNOPSIS"
    yield r".B glossary"
    yield r"[\fIOPTIONS\fR] \fICOMMAND\fR [\fIARGS\fR]..."
    yield ".br"
    yield r".B glossary"
    yield r"\fINAME\fR [\fIOPTIONS\fR]"
    yield ".SH DESCRIPTION"  # the summary is the NAME line's
    yield from _paragraphs((group.help or "").partition("\n\n")[2])
    yield ".SH OPTIONS"
    yield from _options(group, root)
    yield ".SH COMMANDS"
    yield from _commands(group, root, "")
    yield ".SH SEE ALSO"
    yield "Each command's"
    yield r".BR \-\-help ;"
    yield "the project's README.md and docs/ for the details."


def _commands(group: Group, parent: Context, prefix: str) -> Iterator[str]:
    """Each command of `group`, and the commands of a group in it (`source add`) after it."""
    for name in group.list_commands(parent):
        command = group.get_command(parent, name)
        if command is None or command.hidden:
            continue
        context = Context(command, info_name=name, parent=parent, **command.context_settings)
        yield from _command(prefix + name, command, context)
        if isinstance(command, Group):
            yield from _commands(command, context, f"{prefix}{name} ")


def _command(name: str, command: Command, context: Context) -> Iterator[str]:
    arguments = " ".join(
        _text(param.make_metavar(context).strip("{}"))
        for param in command.get_params(context)
        if param.param_type_name == "argument"
    )
    yield f".SS {_text(f'glossary {name}')}"
    yield rf".B glossary {_text(name)}"
    yield rf"[\fIOPTIONS\fR] {arguments}".rstrip()
    yield ".PP"
    yield from _paragraphs(command.help or "")
    yield from _options(command, context)
    examples = (command.epilog or "").partition("Examples:")[2]
    if examples.strip():
        yield ".PP"
        yield "Examples:"
        for example in (line.strip() for line in examples.splitlines()):
            if example:
                yield ".RS"
                yield ".EX"
                yield _text(example)
                yield ".EE"
                yield ".RE"


def _options(command: Command, context: Context) -> Iterator[str]:
    for param in command.get_params(context):
        record = param.get_help_record(context)
        if record is None:
            continue
        names, help_text = record
        if param.param_type_name == "argument":
            names = names.strip("{}")
        yield ".TP"
        yield r"\fB" + _text(names) + r"\fR"
        yield _text(" ".join(help_text.split()))


def _paragraphs(text: str) -> Iterator[str]:
    for number, paragraph in enumerate(p for p in text.split("\n\n") if p.strip()):
        if number:
            yield ".PP"
        yield _text(" ".join(paragraph.split()))


def _text(text: str) -> str:
    """Plain text as roff shows it: backslashes and hyphens escaped, other scripts by code
    point, no line read as a request (a leading `.` or `'`)."""
    text = text.replace("\\", r"\e").replace("-", r"\-")
    # Characters past ASCII by their code point: groff without preconv reads bytes.
    text = re.sub(r"[^\x00-\x7f]", lambda match: f"\\[u{ord(match[0]):04X}]", text)
    return re.sub(r"^([.'])", r"\\&\1", text)


def main(argv: list[str]) -> int:
    """`python -m glossary_cli.cli.manpage [FILE]`: write the page to FILE, or print it."""
    text = page()
    if not argv:
        sys.stdout.write(text)
        return 0
    Path(argv[0]).parent.mkdir(parents=True, exist_ok=True)
    Path(argv[0]).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
