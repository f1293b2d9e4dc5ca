"""Languages' names in their own language (autonyms), from Babel's CLDR data."""

from __future__ import annotations

from functools import cache


@cache
def language_name(tag: str) -> str:
    """`fi` -> `suomi`, `pt-BR` -> `português (Brasil)`; the tag itself when CLDR lacks it."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(tag.replace("-", "_"))
        name = locale.get_display_name(locale)
    except (UnknownLocaleError, ValueError, TypeError):
        return tag
    return name or tag
