"""Shell completion through Click's real protocols in a subprocess, and through real shells."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import Run, article, write_article

GLOSSARY = [sys.executable, "-m", "glossary_cli"]
SHELLS = ("bash", "zsh", "fish")
SEED_TITLES = {
    "fi": "Sisäiset myynnit",
    "it": "Vendite interne",
    "pl": "Sprzedaż wewnętrzna",
    "sv": "Inneförsäljning",
}
IT_SECTIONS = [
    ("1", "Cosa sono le vendite interne?"),
    ("2", "Capire le vendite interne"),
    ("3", "Vantaggi delle vendite interne"),
    ("4", "Mette in risalto"),
]


@dataclass
class Answer:
    items: list[tuple[str, str | None]]  # value and help text, as the shell receives them
    stdout: str
    stderr: str
    returncode: int

    @property
    def values(self) -> list[str]:
        return [value for value, _ in self.items]

    @property
    def helps(self) -> dict[str, str | None]:
        return dict(self.items)


def complete(shell: str, line: str, env: dict[str, str] | None = None) -> Answer:
    """What `glossary` answers `shell` for `line`, the cursor at its end (Click's protocol)."""
    variables = dict(os.environ, _GLOSSARY_COMPLETE=f"complete_{shell}", **(env or {}))
    if shell == "bash":
        words = line.split(" ")
        variables.update(COMP_WORDS=" ".join(words), COMP_CWORD=str(len(words) - 1))
    else:
        variables.update(_TYPER_COMPLETE_ARGS=line, _TYPER_COMPLETE_FISH_ACTION="get-args")
    result = subprocess.run(
        GLOSSARY, capture_output=True, text=True, env=variables, cwd="/", timeout=60
    )
    return Answer(_items(shell, result.stdout), result.stdout, result.stderr, result.returncode)


def _items(shell: str, stdout: str) -> list[tuple[str, str | None]]:
    if shell == "bash":  # one value a line, quoted for bash where it must be
        return [(shlex.split(line)[0], None) for line in stdout.splitlines() if line]
    if shell == "fish":  # value TAB help
        return [
            (value, help or None)
            for value, _, help in (line.partition("\t") for line in stdout.splitlines() if line)
        ]
    # zsh: _arguments '*: :(("value":"help" ...))', undone layer by layer as zsh does.
    if not stdout.startswith("_arguments"):
        return []
    spec = shlex.split(stdout)[1]
    listed = spec[len("*: :((") : -len("))")]
    items = []
    for quoted in re.findall(r'"((?:[^"\\]|\\.)*)"(?::"((?:[^"\\]|\\.)*)")?', listed):
        value, help = (re.sub(r'\\([\\"$`])', r"\1", part) for part in quoted)
        items.append((_undescribe(value), _undescribe(help) or None))
    return items


def titled(title: str) -> str:
    """An article whose title is `title` exactly (single-quoted YAML keeps every character)."""
    return "---\ntitle: '" + title.replace("'", "''") + "'\n---\n"


def _undescribe(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)  # _describe's own escapes: \: and \\


# --- what completes ------------------------------------------------------------------------------


@pytest.mark.parametrize("shell", SHELLS)
def test_commands_complete(shell: str) -> None:
    answer = complete(shell, "glossary s")
    assert answer.values == ["show", "sections", "search", "source"]
    if shell != "bash":
        assert answer.helps["show"]


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize("command", ["show", "sections", "highlights", "links", "langs"])
def test_every_command_that_takes_a_slug_completes_it(shell: str, command: str) -> None:
    assert complete(shell, f"glossary {command} ins").values == ["inside-sales"]
    assert complete(shell, f"glossary {command} nothing-like-it").values == []


@pytest.mark.parametrize("shell", ["zsh", "fish"])
@pytest.mark.parametrize(
    ("line", "env", "title"),
    [
        ("glossary show ", {"LANG": "it_IT.UTF-8"}, SEED_TITLES["it"]),
        ("glossary show ", {"LANG": "it_IT.UTF-8", "GLOSSARY_LANG": "pl"}, SEED_TITLES["pl"]),
        ("glossary show ", {"LANGUAGE": "sv:it", "LANG": "fi_FI.UTF-8"}, SEED_TITLES["sv"]),
        ("glossary show ", {"LANG": "C"}, SEED_TITLES["fi"]),  # no English: the first tag
        ("glossary show --lang sv ", {"LANG": "it_IT.UTF-8"}, SEED_TITLES["sv"]),
        ("glossary show -l pl ", {}, SEED_TITLES["pl"]),
        ("glossary show --lang=it ", {}, SEED_TITLES["it"]),
        ("glossary show -lit ", {}, SEED_TITLES["it"]),
        # a language the article lacks, or no language at all: the reader's, as completion can
        ("glossary show --lang de ", {"LANG": "it_IT.UTF-8"}, SEED_TITLES["it"]),
        ("glossary show --lang x! ", {"LANG": "pl_PL.UTF-8"}, SEED_TITLES["pl"]),
        ("glossary langs ", {"LANG": "sv_SE.UTF-8"}, SEED_TITLES["sv"]),
    ],
)
def test_slugs_come_with_their_title_in_the_readers_language(
    shell: str, line: str, env: dict[str, str], title: str
) -> None:
    assert complete(shell, line, env).items == [("inside-sales", title)]


@pytest.mark.parametrize("shell", SHELLS)
def test_slugs_from_every_root_in_use(shell: str, tmp_path: Path) -> None:
    typed, listed, shadow = (tmp_path / name for name in ("typed", "listed", "shadow"))
    write_article(typed, "alpha", "en", article("Alpha", "x\n"))
    write_article(listed, "beta", "en", article("Beta", "x\n"))
    # The same slug in a root before the bundle: its title comes from that root, as `show` reads it.
    write_article(shadow, "inside-sales", "en", article("Inside Sales (ours)", "x\n"))
    (listed / "images").mkdir()  # a folder with no article file
    (listed / "notes").mkdir()
    (listed / "notes" / "todo.txt").write_text("not an article")  # no <lang>.md in it
    (listed / "README.md").write_text("# the root's own readme\n")
    env = {"GLOSSARY_PATH": f"{listed}{os.pathsep}{shadow}", "LANG": "en_US.UTF-8"}
    for line in (f"glossary -a {typed} show ", f"glossary --articles={typed} show "):
        answer = complete(shell, line, env)
        assert answer.values == ["alpha", "beta", "inside-sales"]
        if shell != "bash":
            assert answer.helps == {
                "alpha": "Alpha",
                "beta": "Beta",
                "inside-sales": "Inside Sales (ours)",
            }
    assert complete(shell, "glossary show ", env).values == ["beta", "inside-sales"]
    # A root that is not there is skipped without a word: nothing may reach the shell's screen.
    answer = complete(shell, f"glossary -a {tmp_path / 'nowhere'} show ", env)
    assert (answer.values, answer.stderr) == (["beta", "inside-sales"], "")


@pytest.mark.parametrize("shell", SHELLS)
def test_titles_complete_once_something_is_typed(shell: str, run: Run) -> None:
    """A title in any language names an article as its slug does: it completes, matched as
    `show` matches it (case and accents aside), the slug beside it in zsh and fish."""
    answer = complete(shell, "glossary show Vend", {"LANG": "fi_FI.UTF-8"})
    assert answer.items == [("Vendite interne", None if shell == "bash" else "inside-sales")]
    # What was typed is kept, and the title goes on from there (as for headings).
    (value,) = complete(shell, "glossary langs sisa").values
    assert value == "sisaiset myynnit"
    shown = run("show", value, "--format", "json")
    assert (shown.exit_code, shown.stderr) == (0, "")
    assert '"title": "Sisäiset myynnit"' in shown.stdout
    # Slugs first; a title only when something is typed, so a bare Tab lists each name once.
    assert complete(shell, "glossary show i", {"LANG": "sv_SE.UTF-8"}).values == [
        "inside-sales",
        "inneförsäljning",
    ]
    assert complete(shell, "glossary show ").values == ["inside-sales"]


def test_bash_quotes_a_title_and_closes_a_quote_left_open() -> None:
    assert complete("bash", "glossary show Vend").stdout == "'Vendite interne'\n"
    # After `"`, bash replaces what follows the quote and closes the quote itself.
    assert complete("bash", 'glossary show "Vend').stdout == "Vendite interne\n"


def test_bash_leaves_out_a_title_with_a_quote(tree: Path) -> None:
    """bash splits the word at quotes: a quoted `Fil d'exécution` would be pasted into itself."""
    write_article(tree, "thread", "fr", article("Fil d'exécution", "x\n"))
    write_article(tree, "file", "fr", article("Filtre", "x\n"))
    assert complete("bash", f"glossary -a {tree} show Fil").values == ["Filtre"]
    # zsh and fish quote it themselves, and keep the title.
    assert ("Fil d'exécution", "thread") in complete("fish", f"glossary -a {tree} show Fil").items


def test_a_title_of_two_articles_is_left_to_their_slugs(tree: Path) -> None:
    write_article(tree, "one", "en", article("Same Title", "x\n"))
    write_article(tree, "two", "en", article("Same Title", "x\n"))
    write_article(tree, "three", "en", article("Same Thing", "x\n"))
    assert complete("fish", f"glossary -a {tree} show Sam").items == [("Same Thing", "three")]


@pytest.mark.parametrize("shell", SHELLS)
def test_the_short_form_completes_as_show_does(shell: str) -> None:
    """`glossary NAME --lang <Tab>` is `glossary show NAME --lang <Tab>`."""
    short = complete(shell, "glossary inside-sales --lang ")
    assert short.values == ["fi", "it", "pl", "sv"]
    assert short.values == complete(shell, "glossary show inside-sales --lang ").values
    assert "--section" in complete(shell, "glossary inside-sales --se").values


@pytest.mark.parametrize("shell", SHELLS)
def test_lang_completes_the_languages_of_the_article_typed(shell: str) -> None:
    answer = complete(shell, "glossary show inside-sales --lang ")
    assert answer.values == ["fi", "it", "pl", "sv"]
    if shell != "bash":
        assert answer.helps == SEED_TITLES
    assert complete(shell, "glossary sections inside-sales -l i").values == ["it"]
    assert complete(shell, "glossary links inside-sales --lang p").values == ["pl"]


@pytest.mark.parametrize("shell", SHELLS)
def test_lang_without_a_known_article_completes_every_language_in_the_library(
    shell: str, tree: Path
) -> None:
    write_article(tree, "extra", "pt-BR", article("Vendas internas", "x\n"))
    write_article(tree, "extra", "it", article("Extra", "x\n"))
    for line in (
        f"glossary -a {tree} show --lang ",
        f"glossary -a {tree} show no-such-article --lang ",
        f"glossary -a {tree} highlights ../etc/passwd --lang ",
    ):
        answer = complete(shell, line)
        assert answer.values == ["fi", "it", "pl", "pt-BR", "sv"]
        assert answer.stderr == ""
        if shell != "bash":
            assert answer.helps["it"] == "2 articles"
            assert answer.helps["pt-BR"] == "1 article"


@pytest.mark.parametrize("shell", SHELLS)
def test_section_completes_numbers_with_their_headings(shell: str) -> None:
    answer = complete(shell, "glossary show inside-sales --lang it --section ")
    assert answer.values == [number for number, _ in IT_SECTIONS]
    if shell != "bash":
        assert answer.items == IT_SECTIONS
    assert complete(shell, "glossary show inside-sales -l it -s 3").values == ["3"]
    # the language the command would show: here the reader's
    answer = complete(shell, "glossary show inside-sales -s ", {"LANG": "it_IT.UTF-8"})
    assert answer.values == ["1", "2", "3", "4"]
    if shell != "bash":
        assert answer.helps["2"] == "Capire le vendite interne"


@pytest.mark.parametrize("shell", SHELLS)
def test_section_completes_subsection_numbers(shell: str, tree: Path) -> None:
    write_article(tree, "t", "en", article("T", "## One\n### One A\n### One B\n## Two\n"))
    answer = complete(shell, f"glossary -a {tree} show t --section 1")
    assert answer.values == ["1", "1.1", "1.2"]
    if shell != "bash":
        assert answer.helps["1.2"] == "One B"


@pytest.mark.parametrize("shell", SHELLS)
def test_section_completes_headings_once_a_letter_is_typed(shell: str, run: Run) -> None:
    answer = complete(shell, "glossary show inside-sales --lang it --section c")
    assert answer.values == ["cosa sono le vendite interne?", "capire le vendite interne"]
    # accents and case need not be typed; the value keeps what was typed, --section folds
    answer = complete(shell, "glossary show inside-sales --lang fi --section SISAMYYNNIN")
    assert answer.values == ["SISAMYYNNIN ymmärtäminen", "SISAMYYNNIN edut"]
    for value in answer.values:
        shown = run("show", "inside-sales", "--lang", "fi", "--section", value)
        assert shown.exit_code == 0
        assert shown.stdout.lower().startswith(value.lower().replace("sisamyynnin", "sisämyynnin"))


def test_bash_quotes_a_heading_so_it_stays_one_word() -> None:
    answer = complete("bash", "glossary show inside-sales --lang it --section Van")
    assert answer.stdout == "'Vantaggi delle vendite interne'\n"


@pytest.mark.parametrize("shell", SHELLS)
def test_section_completes_nothing_it_cannot_know(shell: str) -> None:
    # no article typed yet; an article that lacks the language asked for; no such article
    for line in (
        "glossary show --section ",
        "glossary show inside-sales --lang de --section ",
        "glossary show no-such --section ",
    ):
        answer = complete(shell, line)
        assert (answer.items, answer.stderr, answer.returncode) == ([], "", 0)


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize(
    ("option", "values"),
    [("--format", ["rich", "plain", "json", "markdown"]), ("--color", ["auto", "always", "never"])],
)
def test_options_with_fixed_values(shell: str, option: str, values: list[str]) -> None:
    assert complete(shell, f"glossary show inside-sales {option} ").values == values
    assert complete(shell, f"glossary langs {option} ").values == values


def test_fish_asks_first_whether_there_is_anything_to_complete() -> None:
    """fish's condition: status 0 when there are completions, 1 to fall back to file names."""
    env = dict(
        os.environ, _GLOSSARY_COMPLETE="complete_fish", _TYPER_COMPLETE_FISH_ACTION="is-args"
    )
    for line, status in (("glossary show ins", 0), ("glossary show zzz", 1), ("glossary -a ", 1)):
        env["_TYPER_COMPLETE_ARGS"] = line
        result = subprocess.run(GLOSSARY, capture_output=True, text=True, env=env, timeout=60)
        assert (result.returncode, result.stdout, result.stderr) == (status, "", ""), line


def test_without_the_words_typed_the_callbacks_read_what_click_parsed(run: Run, tree: Path) -> None:
    """Typer's own shell classes (PowerShell's, or any run in-process) do not hand the words
    over; the callbacks then go by Click's parse of the line."""
    write_article(tree, "t", "pt-BR", article("T", "## One\n## Two\n"))

    def completes(line: str) -> list[str]:
        words = line.split(" ")
        env = {"_GLOSSARY_COMPLETE": "complete_bash", "COMP_CWORD": str(len(words) - 1)}
        return run(env={**env, "COMP_WORDS": line}).stdout.split()

    assert completes(f"glossary -a {tree} show ") == ["inside-sales", "t"]
    assert completes(f"glossary -a {tree} show t --lang ") == ["pt-BR"]
    assert completes(f"glossary -a {tree} show t --section ") == ["1", "2"]
    assert completes(f"glossary -a {tree} show t -l pt --section ") == ["1", "2"]
    assert completes(f"glossary -a {tree} show t -l it --section ") == []


# --- bad input: complete what can be, never a traceback ----------------------------------------


@pytest.fixture
def broken(tree: Path) -> Path:
    write_article(tree, "invalid-utf8", "en", b"---\ntitle: Caf\xe9\n---\n## Men\xfa\n")
    write_article(tree, "broken-yaml", "en", "---\ntitle: [unclosed\n---\n## Only\n")
    write_article(tree, "empty", "en", "")
    (tree / "a-folder" / "en.md").mkdir(parents=True)  # where a file should be
    (tree / "dangling").mkdir()
    (tree / "dangling" / "en.md").symlink_to(tree / "nowhere.md")
    (tree / "fifo").mkdir()
    os.mkfifo(tree / "fifo" / "en.md")  # no writer: reading it would wait for ever
    write_article(tree, "fine", "en", article("Fine", "## Part\n"))
    return tree


@pytest.mark.parametrize("shell", SHELLS)
def test_broken_articles_complete_what_they_can(shell: str, broken: Path) -> None:
    answer = complete(shell, f"glossary -a {broken} show ", {"LANG": "en_US.UTF-8"})
    assert (answer.stderr, answer.returncode) == ("", 0)
    # A folder whose only `en.md` is a folder, a dangling link or a FIFO has no article
    # (`show` finds none there either), so it is not offered.
    assert answer.values == ["broken-yaml", "empty", "fine", "inside-sales", "invalid-utf8"]
    if shell != "bash":
        assert answer.helps["fine"] == "Fine"
        assert answer.helps["broken-yaml"] == "broken-yaml"  # unreadable: its slug stands in
        assert answer.helps["invalid-utf8"] == "Caf\ufffd"
    for slug in ("invalid-utf8", "broken-yaml", "empty", "a-folder", "dangling", "fifo", "fine"):
        for tail in ("--lang ", "--section ", "--section x"):
            answer = complete(shell, f"glossary -a {broken} show {slug} {tail}")
            assert (answer.stderr, answer.returncode) == ("", 0), (slug, tail)
    assert complete(shell, f"glossary -a {broken} show broken-yaml --section ").values == ["1"]


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize(
    "line",
    [
        "glossary show inside-sales --format bogus --lang ",
        "glossary show inside-sales --color --section ",
        "glossary --articles",
        "glossary -a",
        "glossary nosuchcommand ",
        "glossary show inside-sales extra words --lang ",
        "glossary show -- --lang ",
        'glossary show "inside-sales --lang ',
        "glossary show \x1b[31m --lang ",
    ],
)
def test_odd_lines_never_print_a_traceback(shell: str, line: str) -> None:
    answer = complete(shell, line)
    assert answer.returncode == 0
    assert answer.stderr == ""


@pytest.mark.parametrize("shell", SHELLS)
def test_no_control_character_reaches_the_shell(shell: str, tree: Path) -> None:
    write_article(tree, "evil", "en", '---\ntitle: "Evil\\e]0;owned\\a \\e[31mred"\n---\n')
    write_article(tree, "evil", "it", "---\ntitle: ok\n---\n## Bell\x07 and\x1b[2J clear\n")
    for line in ("glossary show ev", "glossary show evil --lang ", "glossary show evil -l it -s "):
        answer = complete(shell, f"glossary -a {tree} {line.removeprefix('glossary ')}")
        assert answer.items
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", answer.stdout)


def test_zsh_and_fish_keep_odd_titles_intact(tree: Path) -> None:
    odd = 'Cos\'è "this" $HOME `id` $(id) back\\slash: colon (paren) [x] *s* & | ; <>'
    write_article(tree, "odd", "en", titled(odd))
    for shell in ("zsh", "fish"):
        assert complete(shell, f"glossary -a {tree} show o").items == [("odd", odd)]


# --- what the completion path loads -------------------------------------------------------------

# Completion runs on every Tab: it reads slugs, titles and headings cheaply and must not load
# the parser, YAML, Markdown, Rich, Babel or SQLite (the guard Typer's test_rich_import keeps).
HEAVY = ("mistune", "yaml", "frontmatter", "rich", "markdown_it", "babel", "sqlite3")
HEAVY_OWN = ("glossary_cli.reading.markdown", "glossary_cli.document.model", "glossary_cli.views")

# Completion leaves through os._exit (no teardown); the modules are listed on the way out.
LOADED = """
import os, sys
leave = os._exit
def report_and_leave(status):
    sys.stderr.write(" ".join(sorted(sys.modules)))
    sys.stderr.flush()
    leave(status)
os._exit = report_and_leave
from glossary_cli.cli import main
main()
"""


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize(
    "line",
    [
        "glossary show ",
        "glossary langs in",
        "glossary show inside-sales --lang ",
        "glossary show inside-sales -l it --section ",
        "glossary show inside-sales -l it --section cap",
        "glossary show --",
        "glossary ",
    ],
)
def test_completion_loads_no_heavy_module(shell: str, line: str) -> None:
    env = dict(os.environ, _GLOSSARY_COMPLETE=f"complete_{shell}", LANG="it_IT.UTF-8")
    words = line.split(" ")
    env.update(COMP_WORDS=line, COMP_CWORD=str(len(words) - 1))
    env.update(_TYPER_COMPLETE_ARGS=line, _TYPER_COMPLETE_FISH_ACTION="get-args")
    result = subprocess.run(
        [sys.executable, "-c", LOADED], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.stdout  # it did complete something
    modules = result.stderr.split()
    assert "glossary_cli.cli.completion" in modules
    loaded = [m for m in modules if m.split(".")[0] in HEAVY or m.startswith(HEAVY_OWN)]
    assert loaded == []


# --- real shells --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def path_with_glossary(tmp_path_factory: pytest.TempPathFactory) -> str:
    """PATH with a `glossary` command first: the installed script, or one that runs this
    interpreter's module."""
    installed = Path(sys.executable).parent / "glossary"
    if installed.exists():
        folder = installed.parent
    else:
        folder = tmp_path_factory.mktemp("bin")
        script = folder / "glossary"
        script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m glossary_cli "$@"\n')
        script.chmod(0o755)
    return f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"


def need(shell: str) -> str:
    found = shutil.which(shell)
    if found is None:
        pytest.skip(f"{shell} is not installed (.ci/run installs it with apt-get when it can)")
    return found


def in_shell(
    argv: list[str], path: str, home: Path, **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv,
        capture_output=True,
        text=True,
        env=dict(os.environ, PATH=path, HOME=str(home), **env),
        cwd=home,
        timeout=60,
    )


BASH_COMPLETE = """
eval "$(glossary completion bash)"
read -ra COMP_WORDS <<< "$LINE"
[[ $LINE == *' ' ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
_glossary_completion glossary
(( ${#COMPREPLY[@]} )) && printf '%s\\n' "${COMPREPLY[@]}"
"""


def bash_completes(line: str, path: str, home: Path, **env: str) -> list[str]:
    result = in_shell([need("bash"), "--norc", "-c", BASH_COMPLETE], path, home, LINE=line, **env)
    assert result.stderr == ""
    return result.stdout.splitlines()


def test_real_bash(path_with_glossary: str, tmp_path: Path) -> None:
    path = path_with_glossary
    assert bash_completes("glossary sh", path, tmp_path) == ["show"]
    assert bash_completes("glossary show ins", path, tmp_path) == ["inside-sales"]
    assert bash_completes("glossary show inside-sales --lang ", path, tmp_path) == [
        "fi",
        "it",
        "pl",
        "sv",
    ]
    assert bash_completes("glossary show inside-sales -l it --section ", path, tmp_path) == [
        "1",
        "2",
        "3",
        "4",
    ]
    # The heading arrives quoted, so that bash inserts it as one word.
    (quoted,) = bash_completes("glossary show inside-sales -l it --section Van", path, tmp_path)
    words = in_shell(["bash", "-c", f"printf '%s\\n' {quoted}"], path, tmp_path).stdout
    assert words == "Vantaggi delle vendite interne\n"
    # Nothing to offer: an empty reply, so that bash completes file names itself (-o default).
    assert bash_completes("glossary render zzz", path, tmp_path) == []


ZSH_COMPLETE = r"""
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z 'stty columns 250; PS1=; autoload -Uz compinit && compinit -u -D'
zpty -w z 'eval "$(glossary completion zsh)"'
# Report each candidate zsh would list, with the text it would show beside it.
zpty -w z 'compadd() {
  local -A o; zparseopts -E -A o d: O: A: D:
  if (( ${+o[-O]} + ${+o[-A]} + ${+o[-D]} )); then builtin compadd "$@"; return; fi
  local -a h d; builtin compadd -A h "$@"; (( ${+o[-d]} )) && d=("${(@P)o[-d]}")
  local i; for i in {1..$#h}; do print -r -- "<<${h[$i]}>>${d[$i]}<<"; done
  print -r -- "@@TAB""DONE@@"
}'
zpty -w z 'print -r -- @@RE""ADY@@'
local out
zpty -r z out '*@@READY@@*'
zpty -n -w z "$LINE"$'\t'
zpty -r z out '*@@TABDONE@@*'
print -r -- "$out"
zpty -d z
"""


def zsh_completes(line: str, path: str, home: Path, **env: str) -> list[tuple[str, str]]:
    """Candidates and what zsh shows beside each (`value  -- help`), from a real zsh."""
    result = in_shell([need("zsh"), "-f", "-c", ZSH_COMPLETE], path, home, LINE=line, **env)
    shown = re.findall(r"<<([^<>\r\n]*)>>([^\r\n]*?)<<\r?$", result.stdout, re.MULTILINE)
    return [(value, display) for value, display in shown if value != "${h[$i]}"]


def test_real_zsh(path_with_glossary: str, tmp_path: Path) -> None:
    path = path_with_glossary
    (value, display), *_ = zsh_completes("glossary show ", path, tmp_path, LANG="it_IT.UTF-8")
    assert value == "inside-sales"
    assert re.fullmatch(r"inside-sales +-- Vendite interne", display)
    shown = zsh_completes("glossary show inside-sales -l pl -s ", path, tmp_path)
    assert [value for value, _ in shown] == ["1", "2", "3", "4"]
    assert shown[0][1].endswith("-- Co to jest sprzedaż wewnętrzna?")
    shown = zsh_completes("glossary show inside-sales --lang ", path, tmp_path)
    assert [value for value, _ in shown] == ["fi", "it", "pl", "sv"]


def test_real_zsh_shows_odd_titles_as_written(path_with_glossary: str, tmp_path: Path) -> None:
    odd = 'Cos\'è "this" $HOME `id` $(id) back\\slash: colon (paren) [x] & | ;'
    write_article(tmp_path, "odd", "en", titled(odd))
    shown = zsh_completes(f"glossary -a {tmp_path} show o", path_with_glossary, tmp_path)
    assert len(shown) == 1
    assert shown[0][0] == "odd"
    assert shown[0][1].split(" -- ", 1)[1] == odd


def fish_completes(line: str, path: str, home: Path, **env: str) -> list[str]:
    script = f"glossary completion fish | source; complete --do-complete={shlex.quote(line)}"
    result = in_shell([need("fish"), "--no-config", "-c", script], path, home, **env)
    assert result.stderr == ""
    return result.stdout.splitlines()


def test_real_fish(path_with_glossary: str, tmp_path: Path) -> None:
    path = path_with_glossary
    assert fish_completes("glossary show ins", path, tmp_path, LANG="pl_PL.UTF-8") == [
        "inside-sales\tSprzedaż wewnętrzna"
    ]
    assert fish_completes("glossary show inside-sales -l sv --section 1", path, tmp_path) == [
        "1\tVad är internförsäljning?"
    ]
    assert fish_completes("glossary show inside-sales --format j", path, tmp_path) == ["json"]
    assert fish_completes("glossary show inside-sales -l it -s capire", path, tmp_path) == [
        "capire le vendite interne\t2"
    ]


# --- the scripts, their install, and the first Tab in a new shell -------------------------------


@pytest.mark.parametrize("shell", SHELLS)
def test_completion_prints_the_script_for_packagers(shell: str) -> None:
    from glossary_cli.cli.completion_scripts import script

    result = subprocess.run(
        [*GLOSSARY, "completion", shell], capture_output=True, text=True, timeout=60
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == script(shell)
    assert f"_GLOSSARY_COMPLETE=complete_{shell}" in result.stdout


def test_completion_refuses_a_shell_it_has_no_script_for() -> None:
    result = subprocess.run(
        [*GLOSSARY, "completion", "tcsh"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "'tcsh' is not one of 'bash', 'zsh', 'fish'" in result.stderr
    assert result.stdout == ""


def files_under(home: Path) -> dict[str, bytes]:
    return {
        path.relative_to(home).as_posix(): path.read_bytes()
        for path in home.rglob("*")
        if path.is_file()
    }


STARTUP_FILES = {"bash": ".bashrc", "zsh": ".zshrc", "fish": None}


@pytest.mark.parametrize("shell", SHELLS)
def test_install_changes_only_what_it_prints(shell: str, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    startup = STARTUP_FILES[shell]
    if startup:  # the reader's own settings, with no newline at the end
        (home / startup).write_text("alias ll='ls -l'\nzstyle ':completion:*' verbose yes")
    before = files_under(home)
    env = {k: v for k, v in os.environ.items() if k not in ("ZDOTDIR", "XDG_CONFIG_HOME")}

    def install() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*GLOSSARY, "completion", shell, "--install"],
            capture_output=True,
            text=True,
            env=dict(env, HOME=str(home)),
            timeout=60,
        )

    result = install()
    assert (result.returncode, result.stderr) == (0, "")
    after = files_under(home)
    changed = sorted(name for name in after if before.get(name) != after[name])
    # Every file written or changed is named in what the install printed.
    assert changed == sorted(name for name in after if f"{home}/{name}" in result.stdout)
    script = {
        "bash": ".bash_completions/glossary.sh",
        "zsh": ".zfunc/_glossary",
        "fish": ".config/fish/completions/glossary.fish",
    }[shell]
    assert f"wrote {home}/{script}" in result.stdout
    assert (
        after[script].decode()
        == subprocess.run(
            [*GLOSSARY, "completion", shell], capture_output=True, text=True, timeout=60
        ).stdout
    )
    if startup:
        assert changed == sorted([script, startup])
        old = before[startup].decode() + "\n"
        added = after[startup].decode().removeprefix(old)
        assert after[startup].decode().startswith(old)  # the reader's lines are kept as they were
        # The line added is the one printed, and nothing else (no zstyle of its own).
        assert f"  {added.strip()}\n" in result.stdout
        assert added.count("\n") == 1
        # A second install finds the line and adds nothing.
        again = install()
        assert "has this line already" in again.stdout
        assert files_under(home)[startup] == after[startup]
    else:
        assert changed == [script]


def type_tab_and_enter(argv: list[str], typed: str, env: dict[str, str], cwd: Path) -> str:
    """What a terminal shows after `typed`, one Tab and Enter in a new interactive shell: the
    shell runs in a pseudo-terminal, as a person's would, reading its own startup files, and
    then runs the line as Tab left it."""
    import fcntl
    import pty
    import select
    import termios
    import time

    def read(master: int, until: bytes | None, quiet: float = 60.0) -> bytes:
        """Output until `until` shows, or none came for `quiet` seconds (a minute at most)."""
        out = b""
        end = time.monotonic() + 60
        while time.monotonic() < end and not (until and until in out):
            ready, _, _ = select.select([master], [], [], quiet)
            if not ready:
                break
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        return out

    master, child = pty.openpty()
    process = subprocess.Popen(
        argv,
        stdin=child,
        stdout=child,
        stderr=child,
        env=env,
        cwd=cwd,
        start_new_session=True,
        # The terminal is the shell's controlling terminal, as in a terminal window (fish
        # refuses to be interactive without one).
        preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
    )
    os.close(child)
    try:
        read(master, None, quiet=1.0)  # the shell starts, reads its startup files, prompts
        # Typed ahead, as a quick typist does: the shell reads Enter once Tab has completed.
        # Then a line the shell runs after that one (its quotes keep its echo apart).
        os.write(master, typed.encode() + b"\t\recho @@DO''NE@@\r")
        shown = read(master, until=b"@@DONE@@")
    finally:
        process.kill()
        process.wait()
        os.close(master)
    return shown.decode(errors="replace")


@pytest.mark.parametrize(
    ("shell", "typed", "title"),
    [
        ("bash", "glossary show ins", SEED_TITLES["fi"]),  # no locale: the first language
        ("bash", "glossary show Vend", SEED_TITLES["it"]),  # a title, quoted
        ("bash", 'glossary show "Vend', SEED_TITLES["it"]),  # after an open quote
        ("zsh", "glossary show ins", SEED_TITLES["fi"]),
        ("zsh", "glossary show inside-sales --lang s", SEED_TITLES["sv"]),
        ("zsh", "glossary show Vend", SEED_TITLES["it"]),
        ("fish", "glossary show ins", SEED_TITLES["fi"]),
        ("fish", "glossary show Vend", SEED_TITLES["it"]),
    ],
)
def test_the_first_tab_in_a_new_shell_completes(
    shell: str, typed: str, title: str, path_with_glossary: str, tmp_path: Path
) -> None:
    """After the documented install, the very first Tab of a new interactive shell completes
    the line, which then runs (zsh's first Tab used to only load the function that completes).
    """
    binary = need(shell)
    env = {k: v for k, v in os.environ.items() if k not in ("ZDOTDIR", "XDG_CONFIG_HOME")}
    env.update(HOME=str(tmp_path), PATH=path_with_glossary, TERM="xterm", LANG="C.UTF-8")
    env.update(GLOSSARY_PAGER="cat", PAGER="cat")  # never wait for a key
    installed = subprocess.run(
        ["glossary", "completion", shell, "--install"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert installed.returncode == 0, installed.stderr
    shown = type_tab_and_enter([binary, "-i"], typed, env, tmp_path)
    assert "@@DONE@@" in shown, shown  # the line ran, and the shell took the next one
    assert "error" not in shown, shown  # not `no article 'ins'`: Tab completed the name
    assert title in shown, shown
