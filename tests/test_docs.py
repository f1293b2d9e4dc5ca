"""The documents say what the program does: README.md and docs/*.md, checked against it.

- CI runs the test command of the README's Quick start; every command is in the README's command
  table and has `--help` with an example; every exit code is in docs/usage.md's table.
- Every ```console block is a transcript that is replayed: each `$ glossary ...` line is run
  in-process through the `run` fixture (piped output, from the repository's root, the bundled
  articles on GLOSSARY_PATH, no locale, no settings file), its `| head`, `| cut -f` and
  `| grep` filters applied here, and what it prints (stderr first, then stdout) must equal the
  lines shown under it EXACTLY, line for line, only trailing spaces and trailing empty lines
  aside. The convention is stated for authors in docs/development.md, "Examples that run".
- Every `glossary` line in a ```sh block names a command and options that exist.
- The module map in docs/development.md names every module of glossary_cli/, and only those.
- Every relative link in README.md, docs/*.md and bench/README.md leads to a file that exists,
  and its `#anchor` to a heading of that file.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
import typer.main

from glossary_cli.cli.app import app
from glossary_cli.errors import ExitStatus

from conftest import BUNDLE, REPO, Run

README_PATH = REPO / "README.md"
README = README_PATH.read_text(encoding="utf-8")
DOCS = sorted((REPO / "docs").glob("*.md"))
DOCUMENTS = [README_PATH, *DOCS]
LINKED_DOCUMENTS = [*DOCUMENTS, REPO / "bench" / "README.md"]
PACKAGE = REPO / "glossary_cli"

GROUP = typer.main.get_command(app)
COMMANDS = sorted(GROUP.commands)  # type: ignore[attr-defined]

FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
ASSIGNMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*=")


def relative(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def section(text: str, heading: str) -> str:
    """The text under a `##` heading, up to the next heading of that level or higher."""
    start = text.index(f"\n{heading}\n")
    end = re.search(r"^#{1,2} ", text[start + len(heading) + 2 :], re.MULTILINE)
    return text[start : start + len(heading) + 2 + end.start()] if end else text[start:]


def fenced_blocks(text: str) -> list[tuple[str, str, int]]:
    """Each fenced block: its info string's language, its body, the line its body starts on."""
    return [
        (match[1], match[2], text.count("\n", 0, match.start(2)) + 1)
        for match in FENCE.finditer(text)
    ]


def without_code(text: str) -> str:
    """The text with its fenced blocks blanked (their lines kept, so line numbers hold)."""
    return FENCE.sub(lambda match: "\n" * match[0].count("\n"), text)


# -- Quick start, commands, exit codes -------------------------------------------------------


def quick_start() -> list[str]:
    """Every command line of the Quick start's ```sh blocks, comments aside."""
    text = section(README, "## Quick start")
    return [
        line.split("  #", 1)[0].strip()
        for language, body, _ in fenced_blocks(text)
        if language == "sh"
        for line in body.splitlines()
        if line.strip()
    ]


def test_quick_start_installs_puts_glossary_on_path_and_ci_runs_its_tests() -> None:
    lines = quick_start()
    assert "pipx install ." in lines
    assert "pipx ensurepath" in lines
    assert any("python -m pip install ." in line for line in lines)
    assert any(line.startswith("source ") and "/activate" in line for line in lines)
    assert "glossary inside-sales --lang it" in lines  # the first thing a tldr user types
    (test,) = [line for line in lines if "pytest" in line]
    assert test.split("&& ", 1)[1] in (REPO / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme_command_table(command: str) -> None:
    table = section(README, "## Commands")
    assert re.search(rf"^\| `glossary {command}[ `]", table, re.MULTILINE), command


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str, run: Callable[..., Run]) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert f"glossary {command}" in result.stdout.split("Examples:", 1)[1]


def test_every_exit_code_is_in_the_usage_exit_code_table() -> None:
    table = section((REPO / "docs" / "usage.md").read_text(encoding="utf-8"), "## Exit codes")
    for status in ExitStatus:
        assert re.search(rf"^\| {status.value} \| ", table, re.MULTILINE), status


# -- Examples that run ------------------------------------------------------------------------


class Example(NamedTuple):
    where: str  # file:line, for the test's id and its failure message
    command: str
    shown: tuple[str, ...]


def console_examples() -> list[Example]:
    examples: list[Example] = []
    for path in DOCUMENTS:
        for language, body, first_line in fenced_blocks(path.read_text(encoding="utf-8")):
            if language != "console":
                continue
            block: list[Example] = []
            for offset, line in enumerate(body.splitlines()):
                where = f"{relative(path)}:{first_line + offset}"
                if line.startswith("$ "):
                    block.append(Example(where, line[2:], ()))
                elif block:
                    block[-1] = block[-1]._replace(shown=(*block[-1].shown, line))
                else:
                    raise AssertionError(f"{where}: output before any `$ ` line")
            examples.extend(block)
    return examples


def split_pipeline(command: str) -> list[list[str]]:
    """A shell line's commands, split at `|`, each as its words (quotes as the shell reads)."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars="|&;")
    lexer.whitespace_split = True
    commands: list[list[str]] = [[]]
    for token in lexer:
        if token == "|":
            commands.append([])
        elif token in ("&&", ";", "||", "&"):
            raise AssertionError(f"one pipeline per example: {command!r}")
        else:
            commands[-1].append(token)
    return commands


def head(lines: list[str], args: list[str]) -> list[str]:
    if args and args[0] == "-n":
        args = [f"-{args[1]}", *args[2:]]
    count = int(args[0][1:]) if args else 10
    return lines[:count]


def cut(lines: list[str], args: list[str]) -> list[str]:
    """`cut -f LIST` with tab as delimiter; a line without a tab is printed whole, as in cut."""
    spec = "".join(args)
    assert spec.startswith("-f"), f"only cut -f is supported: {args}"
    wanted: set[int] = set()
    for part in spec[2:].split(","):
        low, _, high = part.partition("-")
        last = int(high) if high else (10**6 if "-" in part else int(low))
        wanted.update(range(int(low), last + 1))
    return [
        "\t".join(field for number, field in enumerate(line.split("\t"), 1) if number in wanted)
        if "\t" in line
        else line
        for line in lines
    ]


def grep(lines: list[str], args: list[str]) -> list[str]:
    flags = {arg for arg in args if arg.startswith("-")}
    assert flags <= {"-v", "-w"}, f"only grep -v and -w are supported: {args}"
    (pattern,) = [arg for arg in args if not arg.startswith("-")]
    if "-w" in flags:
        pattern = rf"(?<!\w)(?:{pattern})(?!\w)"
    return [line for line in lines if bool(re.search(pattern, line)) != ("-v" in flags)]


FILTERS: dict[str, Callable[[list[str], list[str]], list[str]]] = {
    "head": head,
    "cut": cut,
    "grep": grep,
}


def visible(lines: list[str]) -> list[str]:
    """Lines as the reader compares them: trailing spaces and trailing empty lines aside."""
    lines = [line.rstrip() for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    return lines


EXAMPLES = console_examples()


def test_the_readme_session_runs_and_pipes() -> None:
    session = [example for example in EXAMPLES if example.where.startswith("README.md:")]
    assert len(session) >= 3
    assert any(" | " in example.command for example in session)


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.where for example in EXAMPLES])
def test_console_example_prints_what_the_document_shows(
    example: Example, run: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, *filters = split_pipeline(example.command)
    env = {"GLOSSARY_PATH": str(BUNDLE)}
    while first and ASSIGNMENT.match(first[0]):
        name, _, value = first.pop(0).partition("=")
        env[name] = value
    assert first[:1] == ["glossary"], f"{example.where}: a console example runs glossary"
    monkeypatch.chdir(REPO)
    result = run(*first[1:], env=env)
    stdout = result.stdout.splitlines()
    for name, *args in filters:
        assert name in FILTERS, f"{example.where}: no filter {name!r} in this test"
        stdout = FILTERS[name](stdout, args)
    printed = visible([*result.stderr.splitlines(), *stdout])
    assert printed == visible(list(example.shown)), example.where


# -- Commands and options in ```sh blocks -------------------------------------------------


def options_of(command: object) -> set[str]:
    names = {"-h", "--help"}
    for param in getattr(command, "params", ()):
        names.update(param.opts, param.secondary_opts)
    return {name for name in names if name.startswith("-")}


GLOBAL_OPTIONS = options_of(GROUP)


def shell_command_lines() -> list[tuple[str, list[str]]]:
    """Each `glossary ...` command in a ```sh or ```console block: where, and its arguments."""
    found: list[tuple[str, list[str]]] = []
    for path in DOCUMENTS:
        for language, body, first_line in fenced_blocks(path.read_text(encoding="utf-8")):
            if language not in ("sh", "console"):
                continue
            for offset, line in enumerate(body.splitlines()):
                if language == "console":
                    if not line.startswith("$ "):
                        continue
                    line = line[2:]
                lexer = shlex.shlex(line, posix=True, punctuation_chars="|&;")
                lexer.whitespace_split = True
                words: list[str] = []
                for token in [*lexer, "|"]:
                    if token not in ("|", "&&", "||", ";", "&"):
                        words.append(token)
                        continue
                    while words and ASSIGNMENT.match(words[0]):
                        words.pop(0)
                    if words and words[0].rsplit("/", 1)[-1] == "glossary":
                        found.append((f"{relative(path)}:{first_line + offset}", words[1:]))
                    words = []
    return found


SHELL_LINES = shell_command_lines()


@pytest.mark.parametrize("where, args", SHELL_LINES, ids=[where for where, _ in SHELL_LINES])
def test_shell_examples_name_commands_and_options_that_exist(where: str, args: list[str]) -> None:
    from glossary_cli.cli.startup import with_default_command

    words = iter(with_default_command(args, COMMANDS))  # `glossary NAME` is `glossary show NAME`
    command_name = None
    for word in words:
        if word in ("--articles", "-a"):
            next(words)
        elif word.startswith("-"):
            assert word.split("=", 1)[0] in GLOBAL_OPTIONS, f"{where}: {word}"
        else:
            command_name = word
            break
    if command_name is None:
        return
    assert command_name in COMMANDS, f"{where}: no command {command_name!r}"
    command = GROUP.commands[command_name]  # type: ignore[attr-defined]
    if hasattr(command, "commands"):  # a group (`source`): its command is the next word
        sub = next((word for word in words if not word.startswith("-")), None)
        assert sub in command.commands, f"{where}: {command_name} has no command {sub!r}"
        command = command.commands[sub]
    allowed = options_of(command)
    for word in words:
        if word.startswith("-") and word != "-":
            assert word.split("=", 1)[0] in allowed, f"{where}: {command_name} has no {word}"


# -- The module map -------------------------------------------------------------------------


def test_the_module_map_names_every_module_and_only_those() -> None:
    development = (REPO / "docs" / "development.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([^`]+\.py)` \|", section(development, "## Module map"), re.M)
    mapped = set(rows)
    modules = {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert len(rows) == len(mapped), "a module is listed twice in docs/development.md"
    assert mapped == modules, (
        f"add to docs/development.md's module map: {sorted(modules - mapped)}; "
        f"remove from it (no such module): {sorted(mapped - modules)}"
    )


# -- Links between the documents --------------------------------------------------------------


def anchors(path: Path) -> set[str]:
    """GitHub's anchors for a Markdown file's headings (outside fenced blocks)."""
    seen: dict[str, int] = {}
    found: set[str] = set()
    for line in without_code(path.read_text(encoding="utf-8")).splitlines():
        heading = re.match(r"#{1,6} +(.*?) *#* *$", line)
        if not heading:
            continue
        anchor = re.sub(r"[^\w\- ]", "", heading[1].lower()).replace(" ", "-")
        count = seen.get(anchor, 0)
        seen[anchor] = count + 1
        found.add(anchor if count == 0 else f"{anchor}-{count}")
    return found


def relative_links() -> list[tuple[str, str, Path]]:
    links: list[tuple[str, str, Path]] = []
    for path in LINKED_DOCUMENTS:
        text = without_code(path.read_text(encoding="utf-8"))
        text = re.sub(r"`[^`\n]*`", "", text)  # inline code is not a link
        for match in re.finditer(r"\]\(([^)\s]+)\)", text):
            target = match[1]
            if re.match(r"[a-z][a-z+.-]*:", target):  # https:, mailto:
                continue
            line = text.count("\n", 0, match.start()) + 1
            links.append((f"{relative(path)}:{line}", target, path))
    return links


LINKS = relative_links()


def test_the_readme_links_the_docs_index_and_the_index_links_every_document() -> None:
    def targets(source: Path) -> set[str]:
        return {target.split("#")[0] for _, target, path in LINKS if path == source}

    assert "docs/README.md" in targets(README_PATH)
    index = REPO / "docs" / "README.md"
    assert {doc.name for doc in DOCS if doc != index} <= targets(index)


@pytest.mark.parametrize("where, target, source", LINKS, ids=[where for where, _, _ in LINKS])
def test_relative_link_leads_to_a_file_and_heading_that_exist(
    where: str, target: str, source: Path
) -> None:
    file_part, _, anchor = target.partition("#")
    destination = (source.parent / file_part).resolve() if file_part else source
    assert destination.exists(), f"{where}: {file_part} does not exist"
    if anchor:
        assert destination.suffix == ".md", f"{where}: an anchor into {file_part}"
        assert anchor in anchors(destination), f"{where}: no heading #{anchor} in {file_part}"
