"""The pager: when it is used, which one, colours kept, and what happens when it cannot run."""

from __future__ import annotations

import io
import json
import os
import shlex
import sys
from pathlib import Path

import pytest

from glossary_cli.output import Format, OutputContext
from glossary_cli.settings.config_file import ConfigFile
from glossary_cli.settings.display import DEFAULT_PAGER, ColorMode, pager_command, pager_setting
from glossary_cli.settings.resolved import Settings
from glossary_cli.views.pager import paged, pager_environment, screen_rows
from glossary_cli.views.render import render

from conftest import article, on_terminal, write_article


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def fake_pager(out: Path) -> str:
    """A pager that writes what it is given to `out` (and shows nothing)."""
    script = f"import sys; open({str(out)!r}, 'wb').write(sys.stdin.buffer.read())"
    return shlex.join([sys.executable, "-c", script])


def detect(config: ConfigFile | None = None, **kwargs: object) -> OutputContext:
    options: dict[str, object] = {"stream": Tty(), "stdin": Tty()}
    options.update(kwargs)
    settings = Settings({}, file=config or ConfigFile(Path("none")))
    return OutputContext.detect(None, None, settings, **options)  # type: ignore[arg-type]


# --- when, and which ----------------------------------------------------------------------------


def test_on_by_default_off_when_asked() -> None:
    assert detect().pager == DEFAULT_PAGER
    assert detect(page=True).pager == DEFAULT_PAGER
    assert detect(page=False).pager is None
    assert detect(config=ConfigFile(Path("c"), True, pager=True)).pager == DEFAULT_PAGER
    assert detect(config=ConfigFile(Path("c"), True, pager=False)).pager is None
    assert detect(page=True, config=ConfigFile(Path("c"), True, pager=False)).pager is not None
    assert detect(page=False, config=ConfigFile(Path("c"), True, pager=True)).pager is None


@pytest.mark.parametrize(
    ("stdout_tty", "stdin_tty"), [(False, True), (True, False), (False, False)]
)
def test_never_without_a_terminal_on_both_ends(stdout_tty: bool, stdin_tty: bool) -> None:
    ctx = detect(
        page=True,
        stream=Tty() if stdout_tty else io.StringIO(),
        stdin=Tty() if stdin_tty else io.StringIO(),
    )
    assert ctx.pager is None


@pytest.mark.parametrize(
    ("env", "configured", "expected"),
    [
        ({}, None, (DEFAULT_PAGER, "default")),
        ({"PAGER": "more"}, None, ("more", "PAGER")),
        ({"PAGER": "more"}, "most", ("most", "config")),
        ({"PAGER": "more", "GLOSSARY_PAGER": "less -R"}, "most", ("less -R", "GLOSSARY_PAGER")),
        ({"PAGER": "", "GLOSSARY_PAGER": "  "}, None, (DEFAULT_PAGER, "default")),
    ],
)
def test_which_pager(
    env: dict[str, str], configured: str | None, expected: tuple[str, str]
) -> None:
    assert pager_command(env, configured) == expected


def test_pager_setting_sources() -> None:
    assert pager_setting(None, None) == (True, "default")
    assert pager_setting(None, False) == (False, "config")
    assert pager_setting(None, True) == (True, "config")
    assert pager_setting(False, True) == (False, "--no-pager")
    assert pager_setting(True, False) == (True, "--pager")
    # A dumb terminal cannot run less (it asks for RETURN): not paged unless asked for.
    assert pager_setting(None, None, {"TERM": "dumb"}) == (False, "TERM=dumb")
    assert pager_setting(True, None, {"TERM": "dumb"}) == (True, "--pager")
    assert pager_setting(None, True, {"TERM": "dumb"}) == (True, "config")


def test_less_is_told_to_keep_colours_unless_the_reader_set_options() -> None:
    assert pager_environment({})["LESS"] == "FRX"
    assert pager_environment({"LESS": "-i"})["LESS"] == "-i"


def test_less_is_told_the_text_is_utf8_unless_the_reader_chose_a_charset() -> None:
    # A locale that is not installed leaves less reading bytes as ASCII: <E3><82>...
    assert pager_environment({"LANG": "ja_JP.UTF-8"})["LESSCHARSET"] == "utf-8"
    assert pager_environment({}, "UTF8")["LESSCHARSET"] == "utf-8"
    assert "LESSCHARSET" not in pager_environment({}, "latin-1")
    assert pager_environment({"LESSCHARSET": "koi8-r"})["LESSCHARSET"] == "koi8-r"
    assert "LESSCHARSET" not in pager_environment({"LESSCHARDEF": "8bcccbcc18b95.."})


def test_screen_rows_count_wrapped_lines_and_not_escapes() -> None:
    assert screen_rows("a\n\nb\n", 80) == 3
    assert screen_rows("x" * 81 + "\n", 80) == 2
    assert screen_rows("\x1b[1m" + "x" * 80 + "\x1b[0m\n", 80) == 1
    assert screen_rows("x" * 500 + "\n", None) == 1
    # Cells, not characters: 50 Japanese characters take 100 cells, two rows at 80 columns;
    # a Hindi word (हिन्दी: six characters) takes five cells.
    assert screen_rows("日" * 50 + "\n", 80) == 2
    assert screen_rows("\x1b[1m" + "日" * 40 + "\x1b[0m\n", 80) == 1
    assert screen_rows("हिन्दी " * 13 + "\n", 80) == 1  # 78 cells, 91 characters


# --- paging a rendered result -------------------------------------------------------------------


def paged_context(command: str, lines: int, color: bool = True) -> OutputContext:
    return OutputContext(
        format=Format.RICH,
        color=color,
        width=60,
        stream=Tty(),
        pager=command,
        env={**os.environ, "LINES": str(lines)},
    )


def show_result(run) -> object:
    from glossary_cli.commands.article import open_article, show

    settings = Settings({}, file=ConfigFile(Path("none")))
    library = settings.library()
    return show(open_article(library, "inside-sales", settings.preferences(["it"])), None, library)


def test_long_output_goes_through_the_pager_with_its_colours(run, tmp_path: Path) -> None:
    out = tmp_path / "paged"
    ctx = paged_context(fake_pager(out), lines=10)
    render(show_result(run), ctx)
    assert ctx.stream.getvalue() == ""  # type: ignore[attr-defined]
    paged = out.read_text(encoding="utf-8")
    assert paged.startswith("\x1b[1;96mVendite interne\x1b[0m\n")
    direct = Tty()
    render(show_result(run), OutputContext(Format.RICH, True, 60, direct))
    assert paged == direct.getvalue()  # the same bytes as without the pager


def test_short_output_is_printed_directly(run, tmp_path: Path) -> None:
    out = tmp_path / "paged"
    ctx = paged_context(fake_pager(out), lines=1000)
    render(show_result(run), ctx)
    assert ctx.stream.getvalue().startswith("\x1b[1;96mVendite interne")  # type: ignore[attr-defined]
    assert not out.exists()


@pytest.mark.parametrize("command", ["no-such-pager-here -R", "'unclosed", ""])
def test_a_pager_that_does_not_exist_warns_and_prints_directly(
    run, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ctx = paged_context(command, lines=5, color=False)
    render(show_result(run), ctx)
    assert ctx.stream.getvalue().startswith("Vendite interne\n")  # type: ignore[attr-defined]
    err = capsys.readouterr().err
    assert err.startswith("glossary: warning: ")
    assert err.endswith("; printing directly\n")
    assert err.count("\n") == 1


# --- the real program at a terminal -------------------------------------------------------------


def at_terminal(*args: str, rows: int = 10, cols: int = 80, **env: str) -> tuple[int, bytes, str]:
    """Run glossary with a pseudo-terminal as stdin and stdout; stderr is captured apart."""
    full_env = {
        k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "PAGER", "LESS")
    }
    full_env.update(env)
    return on_terminal(*args, env=full_env, rows=rows, cols=cols)


def test_pager_at_a_real_terminal(tmp_path: Path) -> None:
    out = tmp_path / "paged"
    code, shown, err = at_terminal(
        "show", "inside-sales", "-l", "it", "--pager", GLOSSARY_PAGER=fake_pager(out)
    )
    assert (code, err) == (0, "")
    assert b"Vendite" not in shown  # the pager had it all
    paged = out.read_bytes()
    assert paged.startswith(b"\x1b[1;96mVendite interne\x1b[0m\n")  # colour kept
    assert max(len(line) for line in paged.decode().splitlines()) > 40


def test_pager_from_the_config_file_and_no_pager(tmp_path: Path) -> None:
    (tmp_path / "glossary").mkdir()
    out = tmp_path / "paged"
    (tmp_path / "glossary" / "config.toml").write_text(f"pager = {json.dumps(fake_pager(out))}\n")
    env = {"XDG_CONFIG_HOME": str(tmp_path)}
    code, shown, err = at_terminal("sections", "inside-sales", "-l", "it", rows=3, **env)
    assert (code, err, shown) == (0, "", b"")
    assert b"Cosa sono le vendite interne?" in out.read_bytes()
    out.unlink()
    code, shown, err = at_terminal(
        "sections", "inside-sales", "-l", "it", "--no-pager", rows=3, **env
    )
    assert b"Cosa sono le vendite interne?" in shown
    assert not out.exists()


def test_pager_that_quits_at_once_on_a_long_text(tmp_path: Path) -> None:
    # 200 KB: under the size limit (256 KiB)
    body = "\n\n".join(f"## Part {i}\n\n" + "word " * 200 for i in range(200))
    write_article(tmp_path, "big", "en", article("Big", body))
    code, shown, err = at_terminal(
        "-a", str(tmp_path), "show", "big", "--pager", GLOSSARY_PAGER="true"
    )
    assert (code, err, shown) == (0, "", b"")


def test_missing_pager_at_a_real_terminal() -> None:
    code, shown, err = at_terminal(
        "show", "inside-sales", "-l", "it", "--pager", GLOSSARY_PAGER="no-such-pager-xyz"
    )
    assert code == 0
    assert err == "glossary: warning: pager 'no-such-pager-xyz' not found; printing directly\n"
    assert b"Vendite interne" in shown


def test_piped_never_pages(run, tmp_path: Path) -> None:
    out = tmp_path / "paged"
    result = run(
        "show", "inside-sales", "-l", "it", "--pager", env={"GLOSSARY_PAGER": fake_pager(out)}
    )
    assert result.stdout.startswith("Vendite interne\n")
    assert not out.exists()


def test_colour_mode_and_format_untouched_by_paging() -> None:
    settings = Settings({}, file=ConfigFile(Path("none")))
    ctx = OutputContext.detect(
        None, ColorMode.NEVER, settings, page=True, stream=Tty(), stdin=Tty()
    )
    assert (ctx.format, ctx.color, ctx.pager) == (Format.RICH, False, DEFAULT_PAGER)


# --- paging by default, for every command that can print more than a screen ---------------------

LONG_COMMANDS = [
    ["show", "inside-sales", "-l", "it"],
    ["inside-sales", "-l", "it"],  # `glossary NAME` is `show NAME`
    ["sections", "inside-sales", "-l", "it"],
    ["highlights", "inside-sales", "-l", "it"],
    ["links", "inside-sales", "-l", "it"],
    ["langs"],
    ["list"],
    ["search", "sales"],
    ["check"],
]


@pytest.mark.parametrize("command", LONG_COMMANDS, ids=" ".join)
def test_output_taller_than_the_screen_is_paged_by_default(
    tmp_path: Path, command: list[str]
) -> None:
    out = tmp_path / "paged"
    code, shown, err = at_terminal(*command, rows=2, GLOSSARY_PAGER=fake_pager(out))
    assert (code, err, shown) == (0, "", b"")  # the terminal got nothing: the pager had it all
    assert b"\x1b[" in out.read_bytes()  # the terminal's rendering, colours and all


@pytest.mark.parametrize("command", LONG_COMMANDS, ids=" ".join)
def test_output_that_fits_and_no_pager_are_printed_directly(
    tmp_path: Path, command: list[str]
) -> None:
    out = tmp_path / "paged"
    code, shown, err = at_terminal(*command, rows=500, GLOSSARY_PAGER=fake_pager(out))
    assert (code, err) == (0, "")
    assert shown and not out.exists()
    code, shown, err = at_terminal(*command, "--no-pager", rows=2, GLOSSARY_PAGER=fake_pager(out))
    assert (code, err) == (0, "")
    assert shown and not out.exists()


def test_pager_from_pager_and_off_in_the_settings_file(tmp_path: Path) -> None:
    out = tmp_path / "paged"
    code, shown, _ = at_terminal("list", rows=2, PAGER=fake_pager(out))
    assert (code, shown) == (0, b"")
    assert b"inside-sales" in out.read_bytes()
    out.unlink()
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "config.toml").write_text("pager = false\n")
    code, shown, _ = at_terminal(
        "list", rows=2, PAGER=fake_pager(out), XDG_CONFIG_HOME=str(tmp_path)
    )
    assert b"inside-sales" in shown and not out.exists()
    code, shown, _ = at_terminal(
        "list", "--pager", rows=2, PAGER=fake_pager(out), XDG_CONFIG_HOME=str(tmp_path)
    )
    assert shown == b"" and out.exists()  # the flag beats the file


def big_library(root: Path, terms: int) -> Path:
    for n in range(terms):
        write_article(root, f"term-{n:04}", "en", article(f"Term {n}", f"Text of term {n}.\n"))
    return root


def test_a_long_list_streams_into_the_pager(tmp_path: Path) -> None:
    library = big_library(tmp_path / "lib", 700)
    out = tmp_path / "paged"
    code, shown, err = at_terminal(
        "-a", str(library), "list", "--format", "plain", rows=5, GLOSSARY_PAGER=fake_pager(out)
    )
    assert (code, err, shown) == (0, "", b"")
    rows = out.read_text().splitlines()
    assert len(rows) == 701 and rows[0].startswith("inside-sales\t")


def test_a_pager_quit_at_once_stops_a_long_list_quietly(tmp_path: Path) -> None:
    library = big_library(tmp_path / "lib", 700)
    code, shown, err = at_terminal(
        "-a", str(library), "list", "--format", "plain", rows=5, GLOSSARY_PAGER="true"
    )
    assert (code, err, shown) == (0, "", b"")


# --- the stream that holds output until it is taller than the screen ---------------------------


def test_held_until_taller_than_the_screen_then_streamed(tmp_path: Path) -> None:
    out = tmp_path / "paged"
    terminal = Tty()
    with paged(terminal, fake_pager(out), dict(os.environ), 10, 80, pytest.fail) as stream:
        for n in range(9):
            stream.write(f"line {n}\n")
        assert stream._pager is None  # type: ignore[attr-defined]  # 9 rows fit in 10
        stream.write("line 9\n")
        assert stream._pager is not None  # type: ignore[attr-defined]
        for n in range(10, 5000):
            stream.write(f"line {n}\n")
            assert not stream._held  # type: ignore[attr-defined]  # nothing held any more
    assert terminal.getvalue() == ""
    assert out.read_text() == "".join(f"line {n}\n" for n in range(5000))


def test_rows_are_counted_across_writes_and_wrapped_lines(tmp_path: Path) -> None:
    out = tmp_path / "paged"
    terminal = Tty()
    with paged(terminal, fake_pager(out), dict(os.environ), 3, 10, pytest.fail) as stream:
        stream.write("abc")  # one row in two writes, then a line not ended yet
        stream.write("def\n")
        stream.write("x" * 5)
    # Two rows fit a screen of three (the prompt takes the last); three would not.
    assert terminal.getvalue() == "abcdef\n" + "x" * 5
    assert not out.exists()
    with paged(terminal, fake_pager(out), dict(os.environ), 3, 10, pytest.fail) as stream:
        stream.write("abcdef\n")
        stream.write("x" * 15)  # 15 cells wrap into two rows of 10 columns
    assert out.read_text() == "abcdef\n" + "x" * 15


def test_a_pager_that_quits_ends_the_writing(tmp_path: Path) -> None:
    written = 0
    with paged(Tty(), "true", dict(os.environ), 2, 80, pytest.fail) as stream:
        for _ in range(100_000):  # far more than a pipe holds
            stream.write("x" * 79 + "\n")
            written += 1
    assert written < 100_000


def test_a_dumb_terminal_is_not_paged_unless_asked(tmp_path: Path) -> None:
    """less on TERM=dumb stops at 'terminal is not fully functional, press RETURN'."""
    out = tmp_path / "paged"
    code, shown, err = at_terminal(
        "show", "inside-sales", "-l", "it", rows=2, TERM="dumb", GLOSSARY_PAGER=fake_pager(out)
    )
    assert (code, err) == (0, "")
    assert b"Vendite" in shown and not out.exists()
    code, shown, err = at_terminal(
        "show",
        "inside-sales",
        "-l",
        "it",
        "--pager",
        rows=2,
        TERM="dumb",
        GLOSSARY_PAGER=fake_pager(out),
    )
    assert (code, err) == (0, "") and out.exists()
