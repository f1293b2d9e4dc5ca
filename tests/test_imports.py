"""Each path loads only what it needs: startup is paid on every call and every Tab press.

Timings belong in bench/; these tests guard the modules a path imports, in a fresh process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# run() is main() without its last step (os._exit): the probe records the modules loaded after.
PROBE = """
import json, os, sys
sys.argv = ["glossary", *json.loads(os.environ["ARGS"])]
from glossary_cli.cli import run
run()
with open(os.environ["MODULES_OUT"], "w") as out:
    out.write(json.dumps(sorted(sys.modules)))
"""

PARSERS = {"mistune", "yaml", "frontmatter"}
HEAVY = {"babel", "sqlite3", "rich.markdown", "markdown_it", "pygments", "platformdirs"}


def modules_loaded(tmp_path: Path, *args: str) -> set[str]:
    out = tmp_path / "modules.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "GLOSSARY_"))}
    env.update(ARGS=json.dumps(args), MODULES_OUT=str(out), LANG="C.UTF-8")
    subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
        timeout=60,
    )
    names = set(json.loads(out.read_text()))
    return {name.split(".")[0] for name in names} | names


def warm(tmp_path: Path, *args: str) -> set[str]:
    modules_loaded(tmp_path, *args)  # fills the cache of parsed articles
    return modules_loaded(tmp_path, *args)


@pytest.mark.parametrize(
    "command",
    [
        ["show", "inside-sales", "--lang", "it"],
        ["inside-sales", "--lang", "it"],  # `glossary NAME`: show's path, nothing more
        ["sections", "inside-sales", "--lang", "it"],
        ["highlights", "inside-sales", "--lang", "it"],
        ["links", "inside-sales", "--lang", "it"],
        ["langs", "inside-sales"],
        ["langs"],
    ],
    ids=lambda c: " ".join(c),
)
def test_piped_commands_on_a_warm_cache_load_no_parser_and_no_rich(
    tmp_path: Path, command: list[str]
) -> None:
    loaded = warm(tmp_path, *command)
    assert "glossary_cli.views.plain" in loaded  # the probe really ran the command
    assert not loaded & (PARSERS | HEAVY | {"rich"})


def test_a_warm_search_with_a_snippet_from_a_body_loads_no_parser(tmp_path: Path) -> None:
    """The index keeps no bodies: a hit matched only in its text is read again from its file
    for the snippet, by lines (search/extract.py body_extract), without YAML or the parser."""
    loaded = warm(tmp_path, "search", "inside sales", "--format", "json")
    assert "glossary_cli.search.extract" in loaded  # a body was read for a snippet
    assert not loaded & (PARSERS | {"glossary_cli.reading.markdown", "rich"})


def test_a_cold_cache_parses_but_loads_no_rich(tmp_path: Path) -> None:
    loaded = modules_loaded(tmp_path, "show", "inside-sales", "--lang", "it")
    assert {"mistune", "frontmatter"} <= loaded
    assert "rich" not in loaded


def test_the_terminal_view_loads_rich_but_not_its_markdown_or_tables(tmp_path: Path) -> None:
    loaded = warm(tmp_path, "show", "inside-sales", "--lang", "it", "--format", "rich")
    assert "rich.console" in loaded
    assert not loaded & (PARSERS | HEAVY | {"rich.table", "fractions"})


def test_version_loads_nothing_of_ours_but_the_cli(tmp_path: Path) -> None:
    loaded = modules_loaded(tmp_path, "--version")
    assert not loaded & (
        PARSERS | HEAVY | {"rich", "glossary_cli.library.roots", "glossary_cli.document.model"}
    )


def test_reading_with_a_source_loads_nothing_that_fetches(tmp_path: Path) -> None:
    """Sources are read on every run (their records, without JSON); fetching them (urllib, the
    git runner, the archive readers) is for `source add` and `update` alone."""
    source = Path(os.environ["XDG_DATA_HOME"]) / "glossary" / "sources" / "team"
    (source / "tree" / "cluster").mkdir(parents=True)
    (source / "tree" / "cluster" / "en.md").write_text("---\ntitle: Cluster\n---\n\nA group.\n")
    (source / "source.txt").write_text("glossary-source 1\nname=team\nurl=file:///x\nkind=git\n")
    loaded = warm(tmp_path, "show", "cluster")
    assert "glossary_cli.sources.state" in loaded  # the source was read
    assert not loaded & {
        "urllib.request",
        "zipfile",
        "tarfile",
        "glossary_cli.sources.fetch",
        "glossary_cli.sources.store",
    }
    assert "sources" not in {name.split(".")[-1] for name in loaded if "commands" in name}


def test_the_default_command_loads_what_show_loads(tmp_path: Path) -> None:
    shown = warm(tmp_path, "show", "inside-sales", "--lang", "it")
    assert warm(tmp_path, "inside-sales", "--lang", "it") == shown


@pytest.mark.parametrize(
    "command",
    [["new", "api", "--lang", "en", "--articles", "{tmp}"], ["config", "path"]],
    ids=lambda c: " ".join(c[:2]),
)
def test_new_and_config_path_load_no_parser_rich_or_toml(
    tmp_path: Path, command: list[str]
) -> None:
    """They write or name a file: nothing of reading, showing or the settings file's TOML."""
    loaded = modules_loaded(tmp_path, *(word.format(tmp=tmp_path) for word in command))
    assert "glossary_cli" in loaded  # the probe ran
    assert not (loaded & (PARSERS | HEAVY | {"rich", "tomllib", "tomli"}))
