"""`glossary edit`: an article's file in the reader's editor ($VISUAL, else $EDITOR)."""

from __future__ import annotations

import shlex
import subprocess
from collections.abc import Mapping
from pathlib import Path

from glossary_cli.errors import BundledArticle, EditorFailed
from glossary_cli.language.preferences import Preferences
from glossary_cli.library.roots import Library
from glossary_cli.text.sanitize import visible


def article_file(library: Library, name: str, prefs: Preferences) -> Path:
    """The file of the article `name` in the language `show` would choose (--lang first). The
    file is not read: a broken article is what an author opens an editor to fix."""
    from glossary_cli.commands.article import choose_files

    slug, files, choices = choose_files(library, name, prefs, several=False)
    tag = choices[0].tag
    root = library.root_of(slug)
    if root is not None and root.origin == "bundled":
        # The bundle is the tool's own: an upgrade replaces it, and edits there would be lost.
        raise BundledArticle(
            f"{visible(slug)} ({tag}) is a bundled article, which glossary does not write to; "
            f"write your own with: glossary new {visible(slug)} --lang {tag} --articles DIR"
        )
    return files[tag]


def editor_command(environ: Mapping[str, str]) -> list[str]:
    """$VISUAL, else $EDITOR, split as a shell would split it (`code -w`), not run by one."""
    for variable in ("VISUAL", "EDITOR"):
        value = environ.get(variable, "").strip()
        if value:
            try:
                words = shlex.split(value)
            except ValueError as exc:
                raise EditorFailed(f"cannot read {variable}={visible(value)!r}: {exc}") from None
            if words:
                return words
    raise EditorFailed("no editor: set VISUAL or EDITOR (for example: export EDITOR=nano)")


def edit_file(command: list[str], path: Path) -> None:
    """Run the editor on the file and wait for it; its failure is an EditorFailed."""
    shown = visible(shlex.join(command))
    try:
        status = subprocess.call([*command, str(path)])
    except FileNotFoundError:
        raise EditorFailed(f"the editor {shown} was not found (VISUAL, EDITOR)") from None
    except OSError as exc:  # not executable, say
        raise EditorFailed(f"cannot run the editor {shown}: {exc.strerror or exc}") from None
    if status != 0:
        how = f"was stopped by signal {-status}" if status < 0 else f"exited with status {status}"
        raise EditorFailed(f"the editor {shown} {how}; {visible(str(path))} not checked")
