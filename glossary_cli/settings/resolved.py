"""The settings of one run, built once from the flags, the environment and the settings file.

The command line builds a Settings (so does completion, for every Tab) and hands it down: the
modules below never read os.environ themselves, so a test or a caller can give them any
environment, and every path through the program sees the same settings."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from glossary_cli.settings.config_file import ConfigFile, config_path, load
from glossary_cli.settings.display import ColorMode, color_setting, pager_command, pager_setting
from glossary_cli.settings.folders import user_cache_dir, user_data_dir, user_path

if TYPE_CHECKING:
    from glossary_cli.language.preferences import Preferences
    from glossary_cli.library.roots import Library, Root


class Settings:
    """The flags given for this run, the environment, and the settings file (read on first
    use, and only when it exists)."""

    def __init__(
        self,
        environ: Mapping[str, str],
        articles: Sequence[str] = (),
        file: ConfigFile | None = None,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        self.environ = environ
        # --articles, in the order given: set once the command line is parsed
        self.articles = tuple(articles)
        self._file = file
        self._warn = warn  # told the settings file's problems, once, when it is read

    @classmethod
    def from_process(cls, warn: Callable[[str], None] | None = None) -> Settings:
        """The settings of this process: its environment, no flags yet."""
        return cls(os.environ, warn=warn)

    @property
    def file(self) -> ConfigFile:
        """The settings file's settings, read on first use; its problems go to `warn`."""
        if self._file is None:
            self._file = load(config_path(self.environ))
            if self._warn is not None:
                for message in self._file.warnings:
                    self._warn(message)
        return self._file

    def cache_dir(self) -> Path:
        """The user cache folder: the search index, the parsed articles, remembered names."""
        return user_cache_dir(self.environ)

    def data_dir(self) -> Path:
        """The user data folder: the sources `glossary source add` fetched."""
        return user_data_dir(self.environ)

    def article_cache(self) -> Path | None:
        """The folder of parsed articles, or None when GLOSSARY_NO_CACHE turns it off."""
        if self.environ.get("GLOSSARY_NO_CACHE"):
            return None
        return self.cache_dir() / "articles"

    def preferences(self, explicit: Sequence[str] = ()) -> Preferences:
        """The reader's languages: `explicit` (--lang, already valid tags), GLOSSARY_LANG, the
        settings file's `lang`, the locale."""
        from glossary_cli.language.preferences import preferences

        return preferences(explicit, self.environ, self.file.lang or ())

    def article_roots(self) -> list[Root]:
        """Where articles are looked for, first match wins: --articles, then GLOSSARY_PATH
        (else the settings file's `paths`: the environment overrides the file, as for every
        setting), then the fetched sources (by name), then the bundled articles."""
        from glossary_cli.library.roots import Root, bundled_root
        from glossary_cli.sources.state import source_roots

        roots = [Root(user_path(p), "--articles") for p in self.articles if p]
        if self.environ.get("GLOSSARY_PATH"):
            roots += [
                Root(user_path(p), "GLOSSARY_PATH")
                for p in self.environ["GLOSSARY_PATH"].split(os.pathsep)
                if p
            ]
        else:
            roots += [Root(user_path(p), "config") for p in self.file.paths or () if p]
        roots += source_roots(self.data_dir())
        roots.append(Root(bundled_root(), "bundled"))
        return roots

    def library(self) -> Library:
        """The library these settings name; unusable roots are left out, with a warning each."""
        from glossary_cli.library.roots import Library

        return Library.open(self.article_roots(), self.article_cache(), self.cache_dir())

    def color(self, flag: ColorMode | None) -> tuple[ColorMode, str]:
        """The colour mode in force and where it came from (see display.color_setting)."""
        return color_setting(flag, self.environ, self.file.color)

    def paging(self, flag: bool | None) -> tuple[bool, str]:
        """Whether long output is paged, and why."""
        return pager_setting(flag, self.file.pager, self.environ)

    def pager_command(self) -> tuple[str, str]:
        """The pager to run, and where it came from."""
        return pager_command(self.environ, self.file.pager_command)
