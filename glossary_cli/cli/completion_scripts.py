"""The completion scripts for bash, zsh and fish, and installing one where its shell loads it.

Imported only by `glossary completion`: the Tab path (cli/completion.py) answers what these
scripts ask, through Typer's protocol (`_GLOSSARY_COMPLETE=complete_SHELL`, bash's COMP_WORDS
and COMP_CWORD, `_TYPER_COMPLETE_ARGS` for zsh and fish). Typer's own installer is not used:
its zsh script did nothing on the first Tab of a new shell (the file autoloaded from $fpath
only defined the function that completes), and it added a `zstyle` line to ~/.zshrc unasked.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from glossary_cli.errors import OutputFailed

BASH = r"""# Tab completion of glossary for bash (4.4 or later).
# Source it from ~/.bashrc, or save it as
# ${XDG_DATA_HOME:-~/.local/share}/bash-completion/completions/glossary
# (packagers: /usr/share/bash-completion/completions/glossary).
_glossary_completion() {
    # mapfile, not COMPREPLY=( $(...) ): a value is never split again or expanded as a glob.
    mapfile -t COMPREPLY < <(env COMP_WORDS="${COMP_WORDS[*]}" COMP_CWORD="$COMP_CWORD" \
        _GLOSSARY_COMPLETE=complete_bash "$1")
    # Nothing offered comes back as one empty line: an empty reply lets bash complete file
    # names (-o default), as `render FILE` and `--articles DIR` want.
    if [[ ${#COMPREPLY[@]} -eq 1 && -z ${COMPREPLY[0]} ]]; then COMPREPLY=(); fi
    return 0
}
complete -o default -F _glossary_completion glossary
"""

# The first line makes the file a completion function that compinit finds in $fpath, saved as
# `_glossary`. Loaded that way, the file's body runs on the first Tab and must complete then;
# evaluated (`eval "$(glossary completion zsh)"` after compinit), it registers the function.
ZSH = r"""#compdef glossary
# Tab completion of glossary for zsh.
# Save it as _glossary in a folder of $fpath before compinit runs
# (packagers: /usr/share/zsh/vendor-completions/_glossary or site-functions/_glossary),
# or put `eval "$(glossary completion zsh)"` in ~/.zshrc after compinit.
_glossary() {
  eval $(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}" _GLOSSARY_COMPLETE=complete_zsh glossary)
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _glossary "$@"
else
  compdef _glossary glossary
fi
"""

FISH = r"""# Tab completion of glossary for fish.
# Save it as ~/.config/fish/completions/glossary.fish
# (packagers: /usr/share/fish/vendor_completions.d/glossary.fish).
complete --command glossary --no-files --arguments "(env _GLOSSARY_COMPLETE=complete_fish _TYPER_COMPLETE_FISH_ACTION=get-args _TYPER_COMPLETE_ARGS=(commandline -cp) glossary)" --condition "env _GLOSSARY_COMPLETE=complete_fish _TYPER_COMPLETE_FISH_ACTION=is-args _TYPER_COMPLETE_ARGS=(commandline -cp) glossary"
"""  # noqa: E501 (one fish command)

SCRIPTS = {"bash": BASH, "zsh": ZSH, "fish": FISH}


def script(shell: str) -> str:
    """The completion script for `shell` (bash, zsh or fish), as `glossary completion` prints."""
    return SCRIPTS[shell]


class Installed(NamedTuple):
    """What an install did: the script written, and the line added to a startup file."""

    script: Path
    startup_file: Path | None  # the file the shell reads on start that loads the script
    line: str | None  # the line that loads it, which that file has (added now or before)
    added: bool  # whether the line was added now


def install(shell: str, environ: Mapping[str, str]) -> Installed:
    """Write the script where `shell` finds it in a new shell; for bash and zsh, add the line
    that loads it to the shell's startup file unless it is there already. Nothing else is
    changed (the same paths and lines as Typer's installer, so an earlier install is reused).
    A file that cannot be written raises OutputFailed, naming it."""
    try:
        return _install(shell, environ)
    except OSError as exc:
        from glossary_cli.text.sanitize import visible

        where = visible(str(exc.filename)) if exc.filename else "the completion script"
        raise OutputFailed(f"cannot write {where}: {exc.strerror or exc}") from None


def _install(shell: str, environ: Mapping[str, str]) -> Installed:
    home = Path(environ.get("HOME") or os.path.expanduser("~"))
    if shell == "fish":  # fish loads completions/glossary.fish by itself, on the first Tab
        config = environ.get("XDG_CONFIG_HOME", "")
        folder = Path(config) if os.path.isabs(config) else home / ".config"
        path = _write(folder / "fish" / "completions" / "glossary.fish", FISH)
        return Installed(path, None, None, False)
    if shell == "bash":
        path = _write(home / ".bash_completions" / "glossary.sh", BASH)
        quoted = "'" + str(path).replace("'", "'\\''") + "'"
        return _load_from(home / ".bashrc", f"source {quoted}", path)
    if shell == "zsh":
        path = _write(home / ".zfunc" / "_glossary", ZSH)
        zdotdir = environ.get("ZDOTDIR", "")
        startup = Path(zdotdir) if os.path.isabs(zdotdir) else home
        # compinit reads $fpath when it runs: the folder must be on it first (a compinit
        # earlier in the file does no harm; it only runs again).
        line = "fpath+=~/.zfunc; autoload -Uz compinit; compinit"
        return _load_from(startup / ".zshrc", line, path)
    raise ValueError(f"no completion script for {shell}")


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _load_from(startup: Path, line: str, written: Path) -> Installed:
    """`line` appended to the startup file unless one of its lines is that line already."""
    try:
        text = startup.read_text(encoding="utf-8", errors="surrogateescape")
    except FileNotFoundError:
        text = ""
    if line in (existing.strip() for existing in text.splitlines()):
        return Installed(written, startup, line, False)
    separator = "" if not text or text.endswith("\n") else "\n"
    with startup.open("a", encoding="utf-8") as file:
        file.write(f"{separator}{line}\n")
    return Installed(written, startup, line, True)


def report(installed: Installed) -> list[str]:
    """What an install says it did, every file it wrote or changed by name."""
    lines = [f"wrote {installed.script}"]
    if installed.startup_file is not None and installed.line is not None:
        if installed.added:
            lines.append(f"added this line to {installed.startup_file}:")
        else:
            lines.append(f"{installed.startup_file} has this line already (left as it was):")
        lines.append(f"  {installed.line}")
    lines.append("Tab completes glossary in a new shell.")
    return lines
