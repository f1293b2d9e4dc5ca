"""Which language to show: BCP 47 tags, the reader's preferences from flags and environment, and the choice among an article's languages."""  # noqa: E501

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

# A POSIX locale name is `language[_territory][.codeset][@modifier]`; the codeset and modifier
# say nothing about the language, so they are split off before the tag is parsed.
_SHAPE = re.compile(
    r"(?P<base>[A-Za-z0-9_-]+)(?:\.(?P<codeset>[A-Za-z0-9_-]+))?(?:@(?P<modifier>[A-Za-z0-9_-]+))?"
)
# Only ASCII whitespace is stripped: str.strip() would also eat control characters such as
# \x1c..\x1f, which must be rejected, not silently accepted.
_WHITESPACE = " \t\n\r\f\v"
# BCP 47 asks implementations to accept at least 35 characters; anything far longer is not a
# tag a person typed, and the cap keeps error messages and work bounded.
_MAX_LENGTH = 64
_ENVIRONMENT = ("GLOSSARY_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
CONFIG_SOURCE = "config"  # the step of the config file's `lang`, between GLOSSARY_LANG and LANGUAGE
# A region often implies the script of Chinese; without this a reader in Taiwan asking for
# `zh-TW` would be given Simplified Chinese just because `zh-Hans` sorts first.
_LIKELY_SCRIPT = {
    ("zh", "TW"): "Hant",
    ("zh", "HK"): "Hant",
    ("zh", "MO"): "Hant",
    ("zh", "CN"): "Hans",
    ("zh", "SG"): "Hans",
}


class InvalidLanguageTag(ValueError):
    """Text that is neither a BCP 47 language tag nor a POSIX locale name with a language."""

    def __init__(self, text: str) -> None:
        shown = text if len(text) <= _MAX_LENGTH else text[:_MAX_LENGTH] + "..."
        super().__init__(f"{shown!r} is not a language tag")
        self.text = text


class LanguageNotAvailable(LookupError):
    """The language asked for explicitly is not among the article's languages."""

    def __init__(self, requested: str, available: Sequence[str]) -> None:
        self.requested = requested
        self.available = tuple(sorted(available, key=str.casefold))
        super().__init__(f"not available in {requested!r} (available: {', '.join(self.available)})")


class Step(NamedTuple):
    """One source of preferences as it was considered, for an 'explain' view."""

    source: str
    value: str | None
    tags: tuple[str, ...]
    note: str


class Preferences(NamedTuple):
    """The reader's languages: explicit ones from --lang, else those from the environment."""

    explicit: tuple[str, ...]
    preferred: tuple[tuple[str, str], ...]
    steps: tuple[Step, ...]


class Choice(NamedTuple):
    """The article language picked, and why."""

    tag: str
    requested: str | None
    source: str | None
    fell_back: bool
    notify: bool


def _parse(raw: str) -> list[str]:
    """The canonical subtags of `raw`, or InvalidLanguageTag."""
    text = raw.strip(_WHITESPACE)
    if len(text) > _MAX_LENGTH:
        raise InvalidLanguageTag(raw)
    shape = _SHAPE.fullmatch(text)
    if shape is None:
        raise InvalidLanguageTag(raw)
    parts = shape.group("base").replace("_", "-").split("-")
    language, rest = parts[0], parts[1:]
    # The character class above is ASCII, so isalpha/isdigit/isalnum cannot admit other scripts.
    if not (2 <= len(language) <= 3 and language.isalpha()):
        raise InvalidLanguageTag(raw)
    subtags = [language.lower()]
    if rest and len(rest[0]) == 4 and rest[0].isalpha():
        subtags.append(rest.pop(0).title())
    if rest and (
        (len(rest[0]) == 2 and rest[0].isalpha()) or (len(rest[0]) == 3 and rest[0].isdigit())
    ):
        subtags.append(rest.pop(0).upper())
    seen: set[str] = set()
    for variant in rest:
        variant = variant.lower()
        is_variant = (5 <= len(variant) <= 8 and variant.isalnum()) or (
            len(variant) == 4 and variant[0].isdigit() and variant.isalnum()
        )
        # BCP 47 forbids repeating a variant; an empty subtag (`it--IT`, `it-`) also lands here.
        if not is_variant or variant in seen:
            raise InvalidLanguageTag(raw)
        seen.add(variant)
        subtags.append(variant)
    return subtags


def normalize_tag(raw: str) -> str:
    """`raw` (a BCP 47 tag or POSIX locale name) as a BCP 47 tag in canonical casing."""
    return "-".join(_parse(raw))


def primary_language(tag: str) -> str:
    """The language subtag of `tag`: 'pt-BR' -> 'pt'."""
    return _parse(tag)[0]


def fallbacks(tag: str) -> list[str]:
    """`tag` and its ever shorter prefixes, most specific first (RFC 4647 lookup)."""
    subtags = _parse(tag)
    return ["-".join(subtags[:n]) for n in range(len(subtags), 0, -1)]


def _script_and_region(subtags: Sequence[str]) -> tuple[str | None, str | None]:
    script = next((s for s in subtags[1:] if len(s) == 4 and s.isalpha()), None)
    region = next(
        (s for s in subtags[1:] if (len(s) == 2 and s.isalpha()) or (len(s) == 3 and s.isdigit())),
        None,
    )
    if script is None and region is not None:
        script = _LIKELY_SCRIPT.get((subtags[0], region))
    return script, region


def _try_parse(text: str) -> list[str] | None:
    try:
        return _parse(text)
    except InvalidLanguageTag:
        return None


def match(pref: str, available: Sequence[str]) -> str | None:
    """The element of `available` that best serves a reader who prefers `pref`, if any."""
    # Article languages come from file names and front matter, so a malformed one is possible;
    # it cannot be told apart from a look-alike reliably, so it never matches.
    keyed: list[tuple[str, list[str], str]] = []
    for item in available:
        subtags = _try_parse(item)
        if subtags is not None:
            keyed.append((item, subtags, "-".join(subtags).lower()))
    for candidate in fallbacks(pref):
        wanted = candidate.lower()
        for item, _, key in keyed:
            if key == wanted:
                return item
    # A language matches its regions and scripts: `pt` and `pt-PT` both read `pt-BR` well enough.
    pref_subtags = _parse(pref)
    pref_script, pref_region = _script_and_region(pref_subtags)
    ranked: list[tuple[bool, bool, str, str]] = []
    for item, subtags, key in keyed:
        if subtags[0] != pref_subtags[0]:
            continue
        script, region = _script_and_region(subtags)
        # Script before region: a reader of Traditional Chinese in China still reads Hant best.
        ranked.append(
            (
                pref_script is None or script != pref_script,
                pref_region is None or region != pref_region,
                key,
                item,
            )
        )
    return min(ranked)[3] if ranked else None


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
        flag_steps.append(Step("--lang", raw, tuple(tags), ""))
    if not flag_steps:
        flag_steps.append(Step("--lang", None, (), "not given"))

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


def _sorted(available: Sequence[str]) -> list[str]:
    return sorted(available, key=str.casefold)


def choose(available: Sequence[str], prefs: Preferences) -> Choice:
    """The article language to show, given the article's languages and the reader's."""
    if not available:
        raise ValueError("an article with no languages")
    if prefs.explicit:
        requested = prefs.explicit[0]
        tag = match(requested, available)
        if tag is None:
            raise LanguageNotAvailable(requested, available)
        return Choice(tag, requested, "--lang", fell_back=False, notify=False)
    for requested, source in prefs.preferred:
        tag = match(requested, available)
        if tag is not None:
            return Choice(tag, requested, source, fell_back=False, notify=False)
    # English is the likeliest second language of a reader we cannot serve; failing that, a
    # stable pick. Only a reader who asked for something deserves to hear they did not get it.
    fallback = match("en", available) or _sorted(available)[0]
    return Choice(fallback, None, None, fell_back=True, notify=bool(prefs.preferred))


def choose_all(available: Sequence[str], prefs: Preferences) -> list[Choice]:
    """One choice per --lang tag, for showing languages side by side; else the single choice."""
    if not available:
        raise ValueError("an article with no languages")
    if not prefs.explicit:
        return [choose(available, prefs)]
    choices: list[Choice] = []
    for requested in prefs.explicit:
        tag = match(requested, available)
        if tag is None:
            raise LanguageNotAvailable(requested, available)
        # `--lang pt --lang pt-PT` on a `pt-BR` article would show one text twice side by side.
        if all(choice.tag != tag for choice in choices):
            choices.append(Choice(tag, requested, "--lang", fell_back=False, notify=False))
    return choices
