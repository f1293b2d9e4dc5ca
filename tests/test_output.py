"""Terminal or pipe, colour or not: decided in one place (output.OutputContext)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from glossary_cli.output import Format, OutputContext, wants_color
from glossary_cli.settings.config_file import ConfigFile
from glossary_cli.settings.display import ColorMode
from glossary_cli.settings.resolved import Settings


def settings(environ: dict[str, str]) -> Settings:
    return Settings(environ, file=ConfigFile(Path("none")))


def auto(environ: dict[str, str], stream: io.StringIO) -> OutputContext:
    """The context without --format or --color, for this environment and stream."""
    return OutputContext.detect(None, ColorMode.AUTO, settings(environ), stream=stream)


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_terminal_gets_rich_and_pipe_gets_plain() -> None:
    assert auto({}, Tty()).format is Format.RICH
    assert auto({}, io.StringIO()).format is Format.PLAIN


def test_pipes_are_not_wrapped() -> None:
    assert auto({}, io.StringIO()).width is None
    assert auto({"COLUMNS": "33"}, Tty()).width == 33


@pytest.mark.parametrize(
    ("mode", "env", "tty", "expected"),
    [
        (ColorMode.AUTO, {}, True, True),
        (ColorMode.AUTO, {}, False, False),
        (ColorMode.AUTO, {"NO_COLOR": "1"}, True, False),
        (ColorMode.AUTO, {"NO_COLOR": ""}, True, True),  # an empty NO_COLOR is unset
        (ColorMode.AUTO, {"FORCE_COLOR": "1"}, False, True),
        (ColorMode.AUTO, {"TERM": "dumb"}, True, False),
        (ColorMode.AUTO, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),
        (ColorMode.ALWAYS, {"NO_COLOR": "1"}, False, True),
        (ColorMode.NEVER, {"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_colour_rules(mode: ColorMode, env: dict[str, str], tty: bool, expected: bool) -> None:
    assert wants_color(settings(env).color(mode)[0], tty) is expected


def test_colour_only_for_rich() -> None:
    ctx = OutputContext.detect(Format.PLAIN, ColorMode.ALWAYS, settings({}), stream=Tty())
    assert ctx.color is False


def test_force_color_through_the_cli(run) -> None:
    out = run("show", "inside-sales", "-l", "it", "-f", "rich", env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" in out
    out = run(
        "show", "inside-sales", "-l", "it", "-f", "rich", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}
    ).stdout
    assert "\x1b[" not in out


# --- --color always into a pipe -----------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["show", "inside-sales", "-l", "it"],
        ["inside-sales", "-l", "it"],
        ["sections", "inside-sales", "-l", "it"],
        ["langs"],
        ["list"],
        ["search", "sprzedaz"],
    ],
    ids=" ".join,
)
def test_color_always_renders_with_rich_into_a_pipe(run, command: list[str]) -> None:
    coloured = run(*command, "--color", "always")
    assert coloured.exit_code == 0
    assert "\x1b[" in coloured.stdout
    assert coloured.stdout == run(*command, "--color", "always", "--format", "rich").stdout
    # NO_COLOR gives way to the flag, as documented for every other case.
    assert run(*command, "--color", "always", env={"NO_COLOR": "1"}).stdout == coloured.stdout


def test_only_the_flag_turns_a_pipe_rich(run, tmp_path: Path) -> None:
    plain = run("show", "inside-sales", "-l", "it").stdout
    assert plain.startswith("Vendite interne\n") and "\x1b" not in plain
    for options, env in [
        (["--color", "never"], {}),
        (["--color", "auto"], {}),
        ([], {"FORCE_COLOR": "1"}),  # an environment (CI's) does not change what scripts read
        (["--color", "always", "--format", "plain"], {}),  # a format given wins
    ]:
        assert run("show", "inside-sales", "-l", "it", *options, env=env).stdout == plain
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "config.toml").write_text('color = "always"\n')
    configured = run("show", "inside-sales", "-l", "it", env={"XDG_CONFIG_HOME": str(tmp_path)})
    assert configured.stdout == plain
    as_json = run("show", "inside-sales", "-l", "it", "--color", "always", "--format", "json")
    assert as_json.stdout.startswith("{") and "\x1b" not in as_json.stdout


def test_color_always_through_a_real_pipe() -> None:
    import subprocess
    import sys

    glossary = f"'{sys.executable}' -m glossary_cli"
    result = subprocess.run(
        ["bash", "-c", f"{glossary} inside-sales -l it --color always | cat"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.startswith("\x1b[1;96mVendite interne\x1b[0m\n")
    assert result.stderr == ""
