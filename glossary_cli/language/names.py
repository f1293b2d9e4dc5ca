"""Languages' names in their own language (autonyms), from Babel's CLDR data, remembered."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

# Babel loads its CLDR data per locale, tens of milliseconds: names found once are kept in the
# cache folder, so `langs` on a warm cache does not import Babel at all.
_MEMO = "language-names"


def language_names(tags: Iterable[str], memo: Path | None = None) -> dict[str, str]:
    """`fi` -> `suomi`, `pt-BR` -> `português (Brasil)`; the tag itself when CLDR lacks it.
    Names are remembered in the folder `memo` (None: not remembered)."""
    from glossary_cli.reading import cache

    wanted = list(dict.fromkeys(tags))
    known = cache.load_memo(memo, _MEMO) if memo is not None else {}
    missing = [tag for tag in wanted if tag not in known]
    if missing:
        known.update((tag, _autonym(tag)) for tag in missing)
        if memo is not None:
            cache.store_memo(memo, _MEMO, known)
    return {tag: known[tag] for tag in wanted}


def _autonym(tag: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(tag.replace("-", "_"))
        name = locale.get_display_name(locale)
    except (UnknownLocaleError, ValueError, TypeError):
        return tag
    return name or tag
