"""BCP 47 language tags: a tag or a POSIX locale name read, put in canonical form, matched.

Pure functions, no dataclasses: the library checks every article file name with them on each
run and each Tab, without loading the reader's preference chain (language.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from glossary_cli.errors import UsageProblem

# A POSIX locale name is `language[_territory][.codeset][@modifier]`; the codeset and modifier
# say nothing about the language, so they are split off before the tag is parsed.
_SHAPE = re.compile(
    r"(?P<base>[A-Za-z0-9_-]+)(?:\.(?P<codeset>[A-Za-z0-9_-]+))?(?:@(?P<modifier>[A-Za-z0-9_-]+))?"
)
# Only ASCII whitespace is stripped: str.strip() would also eat control characters such as
# \x1c..\x1f, which must be rejected, not silently accepted.
WHITESPACE = " \t\n\r\f\v"
# BCP 47 asks implementations to accept at least 35 characters; anything far longer is not a
# tag a person typed, and the cap keeps error messages and work bounded.
_MAX_LENGTH = 64
# For Chinese the region stands for the script, and the two scripts are two written languages
# to a reader: CLDR's likely subtags (zh -> zh-Hans-CN, zh-TW -> zh-Hant-TW, ...), for Chinese
# only, hard-coded rather than read from Babel (which `show` does not import). A tag whose
# script is known this way never matches a tag of the other script.
_LIKELY_SCRIPT = {
    ("zh", None): "Hans",
    ("zh", "TW"): "Hant",
    ("zh", "HK"): "Hant",
    ("zh", "MO"): "Hant",
    ("zh", "CN"): "Hans",
    ("zh", "SG"): "Hans",
}


class InvalidLanguageTag(UsageProblem, ValueError):
    """Text that is neither a BCP 47 language tag nor a POSIX locale name with a language
    (a usage problem when the reader typed it; the command line checks --lang values first)."""

    def __init__(self, text: str) -> None:
        shown = text if len(text) <= _MAX_LENGTH else text[:_MAX_LENGTH] + "..."
        super().__init__(f"{shown!r} is not a language tag")
        self.text = text


def _parse(raw: str) -> list[str]:
    """The canonical subtags of `raw`, or InvalidLanguageTag."""
    text = raw.strip(WHITESPACE)
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
    if script is None:
        script = _LIKELY_SCRIPT.get((subtags[0], region))
    return script, region


def script_of(tag: str) -> str | None:
    """The script `tag` is written in: its script subtag, else the likely one (Chinese: `zh-TW`
    is Hant, `zh` and `zh-CN` Hans); None when nothing says."""
    return _script_and_region(_parse(tag))[0]


def scripts_differ(first: str, second: str) -> bool:
    """Whether the two tags are known to be written in different scripts (`zh-CN`, `zh-TW`)."""
    one, other = script_of(first), script_of(second)
    return one is not None and other is not None and one != other


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
    pref_subtags = _parse(pref)
    pref_script, pref_region = _script_and_region(pref_subtags)

    def other_script(subtags: list[str]) -> bool:
        script = _script_and_region(subtags)[0]
        return pref_script is not None and script is not None and script != pref_script

    for candidate in fallbacks(pref):
        wanted = candidate.lower()
        for item, subtags, key in keyed:
            # `zh-TW`'s prefix `zh` is Simplified Chinese: no match for a reader of Traditional.
            if key == wanted and not other_script(subtags):
                return item
    # A language matches its regions and scripts: `pt` and `pt-PT` both read `pt-BR` well enough;
    # but not another script: Simplified Chinese is no answer to a reader of Traditional.
    ranked: list[tuple[bool, bool, str, str]] = []
    for item, subtags, key in keyed:
        if subtags[0] != pref_subtags[0] or other_script(subtags):
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
