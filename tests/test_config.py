"""The config file: lang, paths, color, pager; the environment overrides it, flags override both."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from glossary_cli.language.preferences import Step, preferences
from glossary_cli.settings import config_file as config_module

from conftest import article, has_escape, write_article

TITLE = {"it": "Vendite interne", "fi": "Sisäiset myynnit", "pl": "Sprzedaż wewnętrzna"}


def write_config(text: str | bytes) -> Path:
    path = config_module.config_path(os.environ)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def title(run, *args: str, env: dict[str, str] | None = None) -> str:
    result = run("show", "inside-sales", *args, env=env)
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()[0]


def test_the_file_is_in_the_xdg_config_folder() -> None:
    assert config_module.config_path(os.environ) == (
        Path(os.environ["XDG_CONFIG_HOME"]) / "glossary" / "config.toml"
    )


def test_no_file_no_settings_no_warning(run) -> None:
    result = run("config")
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        f"file\t{config_module.config_path(os.environ)}\tnot found",
        "lang\t\tdefault",
        f"paths\t{Path(__file__).resolve().parent.parent / 'articles'}\tbundled",
        "layout\tslug-first: <slug>/<lang>.md\tdetected",
        "color\tauto\tdefault",
        "pager\ton\tdefault",
        "pager-command\tless -FRX\tdefault",
    ]


def test_lang_comes_before_the_locale_and_after_glossary_lang(run) -> None:
    write_config('lang = ["de", "pl"]\n')
    assert title(run, env={"LANG": "it_IT.UTF-8"}) == TITLE["pl"]
    assert title(run, env={"LANG": "it_IT.UTF-8", "GLOSSARY_LANG": "fi"}) == TITLE["fi"]
    assert title(run, "--lang", "it") == TITLE["it"]
    rows = run("config", env={"LANG": "it_IT.UTF-8"}).stdout.splitlines()
    assert rows[1:4] == ["lang\tde\tconfig", "lang\tpl\tconfig", "lang\tit-IT\tLANG"]


def test_lang_as_a_comma_string(run) -> None:
    write_config('lang = "fi, it"\n')
    assert title(run) == TITLE["fi"]


def test_lang_chooses_the_language_of_list_and_search_too(run) -> None:
    write_config('lang = ["de", "fi"]\n')
    env = {"LANG": "it_IT.UTF-8"}
    assert run("list", env=env).stdout.split("\t")[1:3] == ["fi", TITLE["fi"]]
    assert run("list", env={**env, "GLOSSARY_LANG": "pl"}).stdout.split("\t")[1] == "pl"
    assert run("list", "--lang", "it", env=env).stdout.split("\t")[1] == "it"
    # Matched in every language, the hit is shown in the configured one; `--lang` filters.
    assert run("search", "inside-sales", env=env).stdout.split("\t")[1:3] == ["fi", TITLE["fi"]]
    assert run("search", "inside-sales", "--lang", "it", env=env).stdout.split("\t")[1] == "it"


def test_lang_in_the_explanation(run) -> None:
    write_config('lang = "pl"\n')
    out = run("langs", "--explain", "inside-sales", env={"GLOSSARY_LANG": "de"}).stdout
    rows = [line.split("\t") for line in out.splitlines()]
    assert rows[2] == ["config", "pl", "skipped", "overridden by GLOSSARY_LANG"]
    out = run("langs", "--explain", "inside-sales").stdout
    assert out.splitlines()[2] == "config\tpl\tused\tshows pl"


def test_configured_step_in_the_preferences() -> None:
    p = preferences([], {"LANG": "it_IT"}, ["pl", "de"])
    assert [s.source for s in p.steps][:4] == ["--lang", "GLOSSARY_LANG", "config", "LANGUAGE"]
    assert p.preferred == (("pl", "config"), ("de", "config"), ("it-IT", "LANG"))
    over = preferences([], {"GLOSSARY_LANG": "fi"}, ["pl"])
    assert over.steps[2] == Step("config", "pl", (), "overridden by GLOSSARY_LANG")
    flag = preferences(["sv"], {}, ["pl"])
    assert flag.steps[2] == Step("config", "pl", (), "overridden by --lang")
    assert preferences([], {}, []).steps[2] == Step("config", None, (), "unset")
    assert "config" not in [s.source for s in preferences([], {}).steps]


def test_paths_relative_to_the_file_and_overridden_by_glossary_path(run, tmp_path: Path) -> None:
    path = write_config('paths = ["mine", "~/nowhere-glossary-test"]\n')
    mine = path.parent / "mine"
    write_article(mine, "inside-sales", "it", article("Mine", "Testo.\n"))
    result = run("show", "inside-sales", "--lang", "it")
    assert result.stdout.splitlines()[0] == "Mine"
    assert result.stderr == (
        f"glossary: warning: article root {Path.home() / 'nowhere-glossary-test'} (config) "
        "does not exist; skipped\n"
    )
    other = tmp_path / "other"
    write_article(other, "inside-sales", "it", article("Other", "Testo.\n"))
    env = {"GLOSSARY_PATH": str(other)}
    assert run("show", "inside-sales", "-l", "it", env=env).stdout.splitlines()[0] == "Other"
    flag = tmp_path / "flag"
    write_article(flag, "inside-sales", "it", article("Flag", "Testo.\n"))
    assert run("-a", str(flag), "show", "inside-sales", "-l", "it").stdout.startswith("Flag\n")
    rows = run("-a", str(flag), "config").stdout.splitlines()
    assert [r for r in rows if r.startswith("paths")][:2] == [
        f"paths\t{flag}\t--articles",
        f"paths\t{mine}\tconfig",
    ]


@pytest.mark.parametrize(
    ("setting", "args", "env", "coloured", "source"),
    [
        ("always", [], {}, True, "config"),
        ("always", [], {"NO_COLOR": "1"}, False, "NO_COLOR"),
        ("always", [], {"TERM": "dumb"}, False, "TERM"),
        ("always", ["--color", "never"], {}, False, "--color"),
        ("never", [], {"FORCE_COLOR": "1"}, True, "FORCE_COLOR"),
        ("never", ["--color", "always"], {}, True, "--color"),
        ("NEVER", [], {}, False, "config"),
    ],
)
def test_color(
    run, setting: str, args: list[str], env: dict[str, str], coloured: bool, source: str
) -> None:
    write_config(f'color = "{setting}"\n')
    out = run("sections", "inside-sales", "-f", "rich", *args, env=env).stdout
    assert has_escape(out) is coloured
    rows = run("config", *args, "--format", "plain", env=env).stdout.splitlines()
    (row,) = [r for r in rows if r.startswith("color\t")]
    assert row.endswith(f"\t{source}")


def test_color_never_reaches_a_pipe_in_plain_format(run) -> None:
    write_config('color = "always"\n')
    assert not has_escape(run("show", "inside-sales").stdout)


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ('lang = "it"\ncolor = \n', 2, "invalid value; using the defaults"),
        ('lang = "it"\nlang = "fi"\n', 2, "cannot overwrite a value; using the defaults"),
        ('lang = ["it",\n', 1, "invalid value; using the defaults"),
        (b'lang = "it"\n\n\xff = 1\n', 3, "not UTF-8 text; using the defaults"),
    ],
)
def test_a_broken_file_warns_once_and_the_defaults_apply(
    run, text: str | bytes, line: int, problem: str
) -> None:
    path = write_config(text)
    result = run("show", "inside-sales", env={"LANG": "pl_PL.UTF-8"})
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == TITLE["pl"]  # the config's lang did not apply
    assert result.stderr == f"glossary: warning: {path}, line {line}: {problem}\n"


def test_bad_settings_warn_each_and_the_good_ones_apply(run) -> None:
    path = write_config(
        'lang = "fi"\ncolour = "never"\ncolor = "blue"\npaths = 3\npager = [1]\n[lang2]\nx = 1\n'
    )
    result = run("show", "inside-sales")
    assert result.stdout.splitlines()[0] == TITLE["fi"]
    assert result.stderr.splitlines() == [
        f"glossary: warning: {path}, line 2: unknown setting 'colour' "
        "(known: lang, paths, color, pager); ignored",
        f"glossary: warning: {path}, line 3: color: expected one of auto, always, never, "
        "got 'blue'; the default applies",
        f"glossary: warning: {path}, line 4: paths: expected a folder or a list of them, "
        "got a number; the default applies",
        f"glossary: warning: {path}, line 5: pager: expected true, false or a command, "
        "got a list; the default applies",
        f"glossary: warning: {path}: unknown setting 'lang2' (known: lang, paths, color, pager); "
        "ignored",
    ]


def test_a_bad_language_tag_in_the_file(run) -> None:
    path = write_config('\nlang = ["it", "x!"]\n')
    result = run("show", "inside-sales", env={"LANG": "pl_PL"})
    assert result.stdout.splitlines()[0] == TITLE["pl"]
    assert result.stderr == (
        f"glossary: warning: {path}, line 2: lang: 'x!' is not a language tag; "
        "the default applies\n"
    )


def test_control_characters_in_the_file_are_not_obeyed(run) -> None:
    write_config('"\x1b[31m" = 1\n'.replace("\x1b", "\\u001b"))
    result = run("config")
    assert not has_escape(result.stderr)
    assert "\\x1b[31m" in result.stderr


def test_a_folder_where_the_file_should_be(run) -> None:
    config_module.config_path(os.environ).mkdir(parents=True)
    result = run("show", "inside-sales", "-l", "it")
    assert result.exit_code == 0
    assert result.stderr.startswith("glossary: warning: ")
    assert "cannot read" in result.stderr


def test_pager_settings_and_sources(run) -> None:
    write_config('pager = "most -s"\n')
    rows = run("config", env={"PAGER": "more"}).stdout.splitlines()
    assert rows[-2:] == ["pager\ton\tconfig", "pager-command\tmost -s\tconfig"]
    rows = run("config", env={"GLOSSARY_PAGER": "less"}).stdout.splitlines()
    assert rows[-1] == "pager-command\tless\tGLOSSARY_PAGER"
    write_config("pager = false\n")
    rows = run("config", env={"PAGER": "more"}).stdout.splitlines()
    assert rows[-2:] == ["pager\toff\tconfig", "pager-command\tmore\tPAGER"]


def test_config_json(run) -> None:
    path = write_config('lang = "it"\ncolor = "never"\npager = true\n')
    data = json.loads(run("config", "-f", "json", env={"LANG": "fi_FI"}).stdout)
    assert data["schema"] == 1
    assert data["file"] == {"path": str(path), "exists": True}
    assert data["lang"] == [{"tag": "it", "source": "config"}, {"tag": "fi-FI", "source": "LANG"}]
    assert data["paths"][-1]["source"] == "bundled"
    assert data["color"] == {"value": "never", "source": "config"}
    assert data["pager"] == {"value": True, "source": "config"}
    assert data["pager_command"] == {"value": "less -FRX", "source": "default"}


def test_config_on_a_terminal(run) -> None:
    write_config('lang = "it"\n')
    out = run("config", "-f", "rich", env={"COLUMNS": "100"}).stdout
    lines = out.splitlines()
    assert lines[0].split() == ["Setting", "Value", "From"]
    assert lines[1].split() == ["file", str(config_module.config_path(os.environ)), "found"]
    assert lines[2].split() == ["lang", "it", "config"]


def test_no_toml_parser_and_no_read_without_a_file(tmp_path: Path) -> None:
    """Startup: with no config file the program only stats it; tomllib is never imported."""
    code = (
        "import sys\n"
        "from glossary_cli.cli import run\n"
        "sys.argv = ['glossary', 'sections', 'inside-sales', '--lang', 'it']\n"
        "run()\n"
        "print(sorted(m for m in ('tomllib', 'tomli') if m in sys.modules), file=sys.stderr)\n"
    )
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.stderr == "[]\n"
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "config.toml").write_text('lang = "it"\n')
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.stderr in ("['tomllib']\n", "['tomli']\n")
