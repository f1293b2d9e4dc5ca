"""`glossary config init`: a settings file that says, in comments, what each setting does."""

from __future__ import annotations

from pathlib import Path

from glossary_cli.commands.new import write_new

# Every setting commented out, so that the new file changes nothing until a line is
# uncommented; each example line, uncommented, is read as written (tests/test_authoring.py).
TEMPLATE = """\
# The settings of `glossary` (its docs/settings.md tells more about each).
# Uncomment a line to use it. The environment overrides this file, and flags override both;
# `glossary config` shows the settings in force and where each came from.

# Preferred languages, most preferred first (BCP 47 tags); GLOSSARY_LANG overrides them.
# lang = ["it", "fi"]

# Article folders, searched in this order before the bundled articles; a relative folder is
# read from this file's folder. GLOSSARY_PATH replaces them.
# paths = ["~/team-glossary"]

# Colour: "auto" (on a terminal), "always" or "never".
# color = "auto"

# Page long output on a terminal: true, false, or the pager to use ("less -R").
# pager = true
"""


def init(path: Path) -> Path:
    """Write the commented settings file at `path`, never over an existing one."""
    write_new(path, TEMPLATE)
    return path
