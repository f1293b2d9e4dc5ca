"""One Settings object per run: every path (commands, completion, `glossary config`) reads the
flags, the environment and the settings file through it, and nothing below reads os.environ."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest
from test_completion import complete

from glossary_cli.settings.config_file import ConfigFile
from glossary_cli.settings.resolved import Settings

from conftest import REPO, article, write_article

PACKAGE = REPO / "glossary_cli"


def write_config(text: str) -> Path:
    folder = Path(os.environ["XDG_CONFIG_HOME"]) / "glossary"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def city(tree: Path) -> Path:
    write_article(tree, "city", "pl", article("Miasto", "## Łódź\n\nText.\n"))
    write_article(tree, "city", "en", article("City", "## Lodz\n\nText.\n"))
    return tree


@pytest.mark.parametrize("shell", ["bash", "fish"])
def test_completion_reads_the_settings_files_paths(shell: str, city: Path) -> None:
    write_config(f'paths = ["{city}"]\n')
    assert "city" in complete(shell, "glossary show ci").values


def test_completion_titles_follow_the_settings_files_lang(city: Path) -> None:
    write_config(f'paths = ["{city}"]\nlang = "pl"\n')
    assert complete("fish", "glossary show ci").helps["city"] == "Miasto"
    write_config(f'paths = ["{city}"]\nlang = "en"\n')
    assert complete("fish", "glossary show ci").helps["city"] == "City"


def test_commands_read_the_settings_files_paths_and_lang(run, city: Path) -> None:
    write_config(f'paths = ["{city}"]\nlang = "pl"\n')
    assert run("show", "city").stdout.startswith("Miasto\n")
    assert run("sections", "city").stdout == "1\tŁódź\n"


def test_the_environment_outranks_the_settings_file(city: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    write_article(other, "town", "en", article("Town", "x\n"))
    file = ConfigFile(Path("c"), True, lang=("pl",), paths=(str(city),))
    settings = Settings({"GLOSSARY_PATH": str(other), "GLOSSARY_LANG": "en"}, file=file)
    assert [root.origin for root in settings.article_roots()] == ["GLOSSARY_PATH", "bundled"]
    assert settings.preferences().preferred[0] == ("en", "GLOSSARY_LANG")
    plain = Settings({}, file=file)
    assert [root.origin for root in plain.article_roots()] == ["config", "bundled"]
    assert plain.preferences().preferred[0] == ("pl", "config")


def test_the_settings_file_is_read_once_and_its_problems_told_once(run) -> None:
    write_config("colour = 'never'\n")
    result = run("show", "inside-sales", "--lang", "it")
    assert result.exit_code == 0
    assert result.stderr.count("unknown setting 'colour'") == 1


def _reads_environ(tree: ast.AST) -> list[int]:
    """Lines that read os.environ or call os.getenv."""
    lines = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in ("environ", "getenv", "environb")
            and isinstance(node.value, ast.Name)
            and node.value.id == "os"
        ):
            lines.append(node.lineno)
    return lines


def test_only_the_settings_read_the_processs_environment() -> None:
    readers = {
        str(path.relative_to(PACKAGE)): lines
        for path in PACKAGE.rglob("*.py")
        if (lines := _reads_environ(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert list(readers) == ["settings/resolved.py"], readers
