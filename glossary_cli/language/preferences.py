"""The reader's languages: --lang, then GLOSSARY_LANG, the config file's `lang` and the locale,
each step kept with what became of it. Pure: the environment is an argument."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from glossary_cli.language.tags import WHITESPACE as _WHITESPACE
from glossary_cli.language.tags import InvalidLanguageTag as InvalidLanguageTag
from glossary_cli.language.tags import normalize_tag

_ENVIRONMENT = ("GLOSSARY_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
FLAG = "--lang"  # the source of the languages the reader typed just now
CONFIG_SOURCE = "config"  # the step of the config file's `lang`, between GLOSSARY_LANG and LANGUAGE


class Step(NamedTuple):
    """One source of preferences as it was considered, for an 'explain' view."""

    source: str
    value: str | None
    tags: tuple[str, ...]
    note: str


class Preferences(NamedTuple):
    """The reader's languages: explicit ones from --lang, else those from the environment."""

    explicit: tuple[str, ...]
    preferred: tuple[tuple[str, str], ...]  # (tag, source); empty when `explicit` is not
    steps: tuple[Step, ...]

    @property
    def wishes(self) -> tuple[tuple[str, str], ...]:
        """Every language asked for, most wanted first, with where it came from."""
        return tuple((tag, FLAG) for tag in self.explicit) + self.preferred


def _split(value: str, separators: str) -> list[str]:
    for separator in separators[1:]:
        value = value.replace(separator, separators[0])
    return [entry.strip(_WHITESPACE) for entry in value.split(separators[0])]


def _list_step(source: str, value: str, separators: str) -> Step:
    """A step for a variable holding a list of tags, skipping empty and invalid entries."""
    tags: list[str] = []
    invalid: list[str] = []
    for entry in _split(value, separators):
        if not entry:
            continue
        try:
            tag = normalize_tag(entry)
        except InvalidLanguageTag:
            invalid.append(repr(entry))
            continue
        if tag not in tags:
            tags.append(tag)
    if not tags and not invalid:
        return Step(source, value, (), "empty")
    # A partly valid list still contributes its good entries; the note names the rest.
    note = f"not a language tag: {', '.join(invalid)}" if invalid else ""
    return Step(source, value, tuple(tags), note)


def _c_locale(value: str) -> str | None:
    """'C' or 'POSIX' when `value` names the portable locale (with any codeset), else None."""
    base = value.strip(_WHITESPACE).split("@", 1)[0].split(".", 1)[0]
    # glibc spells them in capitals only, but a lower-case spelling fails setlocale() and so
    # leaves the program in the C locale all the same.
    if base.upper() in ("C", "POSIX"):
        return base.upper()
    return None


def _environment_steps(env: Mapping[str, str]) -> list[Step]:
    steps: dict[str, Step] = {}
    for name in _ENVIRONMENT:
        value = env.get(name)
        if value is None:
            steps[name] = Step(name, None, (), "unset")
        elif not value.strip(_WHITESPACE):
            steps[name] = Step(name, value, (), "empty")

    if "GLOSSARY_LANG" not in steps:
        steps["GLOSSARY_LANG"] = _list_step("GLOSSARY_LANG", env["GLOSSARY_LANG"], ":,")

    # POSIX precedence: the first locale variable that is set and not empty is the locale, and
    # the later ones are not consulted at all, even when the winner turns out to be unusable.
    locale_name = next((name for name in _LOCALE_VARIABLES if name not in steps), None)
    portable: str | None = None
    if locale_name is not None:
        value = env[locale_name]
        portable = _c_locale(value)
        if portable is not None:
            steps[locale_name] = Step(locale_name, value, (), f"ignored: the locale is {portable}")
        else:
            try:
                steps[locale_name] = Step(locale_name, value, (normalize_tag(value),), "")
            except InvalidLanguageTag:
                steps[locale_name] = Step(locale_name, value, (), f"not a language tag: {value!r}")
        for name in _LOCALE_VARIABLES:
            if name not in steps:
                steps[name] = Step(name, env[name], (), f"ignored: {locale_name} is set")

    # gettext's rule: LANGUAGE only refines a real locale, so a C locale or none at all means
    # the program is meant to speak its own language, whatever LANGUAGE says.
    if "LANGUAGE" not in steps:
        value = env["LANGUAGE"]
        if locale_name is None:
            steps["LANGUAGE"] = Step("LANGUAGE", value, (), "ignored: no locale is set")
        elif portable is not None:
            steps["LANGUAGE"] = Step("LANGUAGE", value, (), f"ignored: the locale is {portable}")
        else:
            steps["LANGUAGE"] = _list_step("LANGUAGE", value, ":")

    return [steps[name] for name in _ENVIRONMENT]


def _configured_step(configured: Sequence[str], glossary_lang: Step) -> Step:
    """The config file's `lang`: the same setting as GLOSSARY_LANG, which overrides it."""
    value = ",".join(configured) if configured else None
    if not configured:
        return Step(CONFIG_SOURCE, None, (), "unset")
    if glossary_lang.tags:
        return Step(CONFIG_SOURCE, value, (), "overridden by GLOSSARY_LANG")
    return _list_step(CONFIG_SOURCE, ",".join(configured), ",")


def preferences(
    explicit: Sequence[str],
    env: Mapping[str, str],
    configured: Sequence[str] | None = None,
) -> Preferences:
    """The reader's languages from the --lang values and the environment, with how each counted.

    `configured` is the config file's `lang` list: it comes after GLOSSARY_LANG (which overrides
    it) and before the locale; None leaves the config out of the steps altogether.

    Raises InvalidLanguageTag for a bad --lang value: the reader typed it just now, so it is a
    usage error, whereas a bad environment entry is skipped because it may be years old.
    """
    explicit_tags: list[str] = []
    flag_steps: list[Step] = []
    for raw in explicit:
        tags = [normalize_tag(entry) for entry in _split(raw, ",") if entry]
        if not tags:
            raise InvalidLanguageTag(raw)
        explicit_tags.extend(tags)
        flag_steps.append(Step(FLAG, raw, tuple(tags), ""))
    if not flag_steps:
        flag_steps.append(Step(FLAG, None, (), "not given"))

    env_steps = _environment_steps(env)
    if configured is not None:
        # A setting the reader wrote down for this tool outranks the locale, which is the
        # whole system's; otherwise `lang` in the config would lose to almost every LANG.
        env_steps.insert(1, _configured_step(configured, env_steps[0]))
    if explicit_tags:
        env_steps = [
            step
            if step.note in ("unset", "empty")
            else Step(step.source, step.value, (), "overridden by --lang")
            for step in env_steps
        ]

    preferred: list[tuple[str, str]] = []
    seen: set[str] = set()
    for step in env_steps:
        for tag in step.tags:
            if tag not in seen:
                seen.add(tag)
                preferred.append((tag, step.source))

    return Preferences(
        explicit=tuple(explicit_tags),
        preferred=tuple(preferred),
        steps=(*flag_steps, *env_steps),
    )
