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
