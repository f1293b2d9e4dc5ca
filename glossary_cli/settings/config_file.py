"""The settings file: where it lives, reading it only when it exists, and what it says."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from glossary_cli.language.tags import InvalidLanguageTag, normalize_tag
from glossary_cli.settings.folders import unknown_home, user_path
from glossary_cli.text.sanitize import visible

FILE_NAME = "config.toml"
KEYS = ("lang", "paths", "color", "pager")
COLORS = ("auto", "always", "never")
MAX_CONFIG_BYTES = 1024 * 1024  # a settings file is a few lines; anything this big is a mistake
_DEFAULTS = "; using the defaults"
# A settings file has four keys, a list of paths at most: this many dots (dotted keys,
# numbers) or brackets (lists, tables) outside strings is no settings file. See _too_complex.
MAX_STRUCTURE = 1000
_STRINGS = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'')
# tomllib and tomli end their messages with the position; the line is what a reader needs.
_POSITION = re.compile(r"\s*\((?:at line (\d+), column \d+|at (end of document))\)$")


class ConfigFile(NamedTuple):
    """What the settings file says; None for a setting it does not make (or makes wrongly)."""

    path: Path
    exists: bool = False
    lang: tuple[str, ...] | None = None  # canonical tags
    paths: tuple[str, ...] | None = None  # absolute, `~` expanded
    color: str | None = None  # one of COLORS
    pager: bool | None = None  # page long output on a terminal
    pager_command: str | None = None  # `pager = "less -R"` names the pager as well
    warnings: tuple[str, ...] = ()


def config_path(environ: Mapping[str, str]) -> Path:
    """`config.toml` in the user's config folder (XDG_CONFIG_HOME, ~/Library/..., %APPDATA%)."""
    from glossary_cli.settings.folders import user_config_dir

    return user_config_dir(environ) / FILE_NAME


def load(path: Path) -> ConfigFile:
    """The settings in `path`; a missing file is no settings at all.

    Only a file that exists is read, and only then is a TOML parser imported: every call of the
    program pays for this. A broken file is a warning naming the file and line; its settings
    then take their defaults.
    """
    try:
        os.stat(path)
    except OSError:
        return ConfigFile(path)
    shown = visible(str(path))
    read = read_toml(path, _DEFAULTS)
    if isinstance(read, str):
        return ConfigFile(path, True, warnings=(read,))
    text, table = read
    return _settings(path, shown, text, table)


def read_toml(path: Path, fallback: str) -> tuple[str, dict[str, Any]] | str:
    """A small TOML file's text and table, or one warning line naming the file (and line)
    and ending with `fallback` (what happens instead): the settings file and a root's
    glossary.toml are read this way, never raising."""
    shown = visible(str(path))
    try:
        if path.stat().st_size > MAX_CONFIG_BYTES:
            return f"{shown}: too large to be a config file"
        data = path.read_bytes()
    except OSError as exc:
        return f"{shown}: cannot read: {exc.strerror or exc}"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return f"{shown}, line {line}: not UTF-8 text{fallback}"
    complex_ = _too_complex(text)
    if complex_ is not None:
        return f"{shown}: {complex_}{fallback}"
    try:
        return text, _parse_toml(text)
    except ValueError as exc:  # TOMLDecodeError is a ValueError in tomllib and tomli alike
        return _syntax_warning(shown, text, exc, fallback)
    except RecursionError:  # `a = [[[[...` 100,000 deep: tomllib recurses once a level
        return f"{shown}: nested too deeply{fallback}"
    except Exception as exc:  # noqa: BLE001 (a config file never stops the program)
        problem = visible(f"{type(exc).__name__}: {exc}"[:200])
        return f"{shown}: cannot be read ({problem}){fallback}"


def _too_complex(text: str) -> str | None:
    """Why the text is no settings file, when its structure would cost the TOML parser more
    than a settings file can need: tomllib's time grows with the square of a dotted key's
    depth (`a.a.a...` 100,000 deep runs for minutes) and it recurses once per nested list or
    table. Counted outside quoted strings, where paths have their dots."""
    outside = _STRINGS.sub("", text)
    dots = outside.count(".")
    nesting = outside.count("[") + outside.count("{")
    if dots > MAX_STRUCTURE or nesting > MAX_STRUCTURE:
        return "too many dotted keys, lists or tables to be a settings file"
    return None


def _parse_toml(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # tomllib is the standard library's copy of tomli, from 3.11 on
        import tomli as tomllib

    table: dict[str, Any] = tomllib.loads(text)
    return table


def _syntax_warning(shown: str, text: str, exc: ValueError, fallback: str) -> str:
    message = str(exc)
    found = _POSITION.search(message)
    line: int | None = None
    if found is not None:
        message = message[: found.start()]
        # "at end of document": an unclosed string or list, reported where the text stops.
        line = int(found.group(1)) if found.group(1) else len(text.rstrip().splitlines()) or 1
    where = f"{shown}, line {line}" if line else shown
    message = message.rstrip(".")
    return f"{where}: {visible(message[:1].lower() + message[1:])}{fallback}"


def line_of(text: str, key: str) -> int | None:
    """The line where a top-level key is set, for a message (TOML parsers report no positions)."""
    pattern = re.compile(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*=", re.MULTILINE)
    found = pattern.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def _settings(path: Path, shown: str, text: str, table: Mapping[str, Any]) -> ConfigFile:
    warnings: list[str] = []
    values: dict[str, Any] = {}

    def problem(key: str, message: str) -> None:
        line = line_of(text, key)
        where = f"{shown}, line {line}" if line else shown
        warnings.append(f"{where}: {message}")

    for key, value in table.items():
        if key not in KEYS:
            problem(key, f"unknown setting {visible(key)!r} (known: {', '.join(KEYS)}); ignored")
            continue
        try:
            values.update(_READERS[key](value, path.parent))
        except ValueError as exc:
            problem(key, f"{key}: {exc}; the default applies")
    return ConfigFile(path, True, warnings=tuple(warnings), **values)


def _strings(value: Any, what: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    raise ValueError(f"expected {what} or a list of them, got {_type_name(value)}")


def _type_name(value: Any) -> str:
    names = {
        bool: "true/false",
        int: "a number",
        float: "a number",
        list: "a list",
        dict: "a table",
    }
    return names.get(type(value), type(value).__name__)


def _read_lang(value: Any, _: Path) -> dict[str, Any]:
    tags: list[str] = []
    for entry in _strings(value, "a language tag"):
        for part in entry.split(","):
            if not part.strip():
                continue
            try:
                tag = normalize_tag(part)
            except InvalidLanguageTag as exc:
                raise ValueError(str(exc)) from None
            if tag not in tags:
                tags.append(tag)
    return {"lang": tuple(tags)}


def _read_paths(value: Any, folder: Path) -> dict[str, Any]:
    # A relative folder is read from the config file's folder, not from wherever the reader
    # happens to run the program.
    # One whose `~` names an unknown home is kept as written, for Library.open to warn about.
    paths = []
    for entry in _strings(value, "a folder"):
        if entry:
            path = user_path(entry)
            paths.append(str(path if unknown_home(path) else folder / path))
    return {"paths": tuple(paths)}


def _read_color(value: Any, _: Path) -> dict[str, Any]:
    if not isinstance(value, str) or value.lower() not in COLORS:
        shown = visible(repr(value)) if isinstance(value, str) else _type_name(value)
        raise ValueError(f"expected one of {', '.join(COLORS)}, got {shown}")
    return {"color": value.lower()}


def _read_pager(value: Any, _: Path) -> dict[str, Any]:
    if isinstance(value, bool):
        return {"pager": value}
    if isinstance(value, str):
        command = value.strip()
        return {"pager": bool(command), "pager_command": command or None}
    raise ValueError(f"expected true, false or a command, got {_type_name(value)}")


_READERS = {"lang": _read_lang, "paths": _read_paths, "color": _read_color, "pager": _read_pager}
