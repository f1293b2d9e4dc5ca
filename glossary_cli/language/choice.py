"""Which of an article's languages to show: the one rule every command follows, and the trace of
it that `glossary langs --explain` prints."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from glossary_cli.language.preferences import FLAG, Preferences, Step
from glossary_cli.language.tags import match, primary_language, script_of, scripts_differ

USED, SKIPPED, UNAVAILABLE = "used", "skipped", "unavailable"
FALLBACK = "fallback"  # the last step of every trace: what is shown when nothing asked for is
_FALLBACK_RULE = "English if {} has it, else its first language by tag"


class LanguageNotAvailable(LookupError):
    """The language asked for explicitly is not among the article's languages."""

    def __init__(self, requested: str, available: Sequence[str]) -> None:
        self.requested = requested
        self.available = tuple(sorted(available, key=str.casefold))
        super().__init__(f"not available in {requested!r} (available: {', '.join(self.available)})")


class Choice(NamedTuple):
    """The article language picked, and why."""

    tag: str
    requested: str | None
    source: str | None
    fell_back: bool
    notify: bool  # fell back although the reader asked for languages: they should hear it


class Traced(NamedTuple):
    """One step of a choice as it was considered: a step of the reader's preferences, or the
    fallback, with what became of it."""

    source: str  # --lang, GLOSSARY_LANG, config, LANGUAGE, LC_ALL, LC_MESSAGES, LANG, fallback
    value: str | None  # as set; None when unset
    tags: tuple[str, ...]
    status: str  # used, skipped, unavailable
    note: str


class Decision(NamedTuple):
    """The languages to show, and the trace of how they were chosen."""

    choices: tuple[Choice, ...]  # one per language shown; empty when `missing` is set
    missing: LanguageNotAvailable | None  # the first --lang language the article lacks
    trace: tuple[Traced, ...]  # every step of the preferences, then the fallback


def fallback(langs: Sequence[str]) -> str:
    """What to show a reader none of whose languages is among `langs`: English, the likeliest
    second language of a reader we cannot serve; else the first of `langs` as ordered."""
    return match("en", langs) or langs[0]


def covers(wanted: str, tag: str) -> bool:
    """Whether `tag` is the language `wanted` or a narrower form of it: `pt` covers `pt-BR`,
    `pt-BR` covers neither `pt` nor `pt-PT`. Both tags in canonical form. Chinese by its script,
    as `match` reads it: `zh-Hant` covers `zh-TW` and `zh-HK`; `zh` (Simplified) not `zh-TW`."""
    if scripts_differ(wanted, tag):
        return False
    lowered, tag_lowered = wanted.lower(), tag.lower()
    if tag_lowered == lowered or tag_lowered.startswith(lowered + "-"):
        return True
    # `zh-Hant` (a language and a script, nothing more) is met by `zh-TW`, written in it.
    parts = wanted.split("-")
    return (
        len(parts) == 2
        and len(parts[1]) == 4
        and primary_language(tag) == parts[0].lower()
        and script_of(tag) == parts[1]
    )


def same_language(asked: str, tag: str) -> bool:
    """`--lang pt` keeps pt-BR and pt-PT; `--lang pt-BR` keeps pt-BR and plain pt."""
    return covers(asked, tag) or covers(tag, asked)


def decide(
    available: Sequence[str], prefs: Preferences, *, several: bool = True, strict: bool = True
) -> Decision:
    """The languages to show of an article in `available`, with the trace of the choice.

    Each --lang language in turn (every one side by side when `several`, else the first);
    without --lang, the first language of GLOSSARY_LANG, the config file and the locale that
    the article has; else the fallback, taken from `available` in the order given (by tag, for
    an article). `strict`: a --lang language the article lacks is an error (`missing`), as for
    `show`; otherwise the --lang languages are wishes like the others, and any miss falls on.
    """
    if not available:
        raise ValueError("an article with no languages")
    trace: list[Traced] = []
    choices: list[Choice] = []
    missing: LanguageNotAvailable | None = None
    decided = False
    # how many --lang languages are still to show: all side by side, else only the first
    required = len(prefs.explicit) if several else min(1, len(prefs.explicit))
    for step in prefs.steps:
        extra = f"; {step.note}" if step.note else ""
        if not step.tags:
            trace.append(_traced(step, SKIPPED, step.note or "not given"))
        elif strict and step.source == FLAG:
            asked = step.tags[:required]
            required -= len(asked)
            if not asked:
                trace.append(_traced(step, SKIPPED, "not reached"))
                continue
            # --lang decides even when the article lacks its language: that is then an error
            decided = True
            found = [(tag, match(tag, available)) for tag in asked]
            for tag, got in found:
                if got is None:
                    missing = missing or LanguageNotAvailable(tag, available)
                # `--lang pt --lang pt-PT` on a `pt-BR` article would show one text twice
                elif all(choice.tag != got for choice in choices):
                    choices.append(Choice(got, tag, FLAG, fell_back=False, notify=False))
            lacking = [tag for tag, got in found if got is None]
            if lacking:
                note = f"not in the article: {', '.join(lacking)}{extra}"
                trace.append(_traced(step, UNAVAILABLE, note))
            else:
                shown = ", ".join(got for _, got in found if got)
                trace.append(_traced(step, USED, f"shows {shown}{extra}"))
        elif decided:
            trace.append(_traced(step, SKIPPED, "not reached"))
        else:
            for index, tag in enumerate(step.tags):
                got = match(tag, available)
                if got is not None:
                    # the step's earlier tags, none of which the article has
                    earlier = ", ".join(step.tags[:index])
                    before = f"; not in the article: {earlier}" if index else ""
                    trace.append(_traced(step, USED, f"shows {got}{before}{extra}"))
                    choices.append(Choice(got, tag, step.source, fell_back=False, notify=False))
                    decided = True
                    break
            else:
                note = f"not in the article: {', '.join(step.tags)}{extra}"
                trace.append(_traced(step, UNAVAILABLE, note))
    if decided:
        trace.append(Traced(FALLBACK, None, (), SKIPPED, "not reached"))
    else:
        tag = fallback(available)
        # Only a reader who asked for something deserves to hear they did not get it.
        asked_any = bool(prefs.explicit or prefs.preferred)
        choices.append(Choice(tag, None, None, fell_back=True, notify=asked_any))
        note = f"shows {tag}: {_FALLBACK_RULE.format('the article')}"
        trace.append(Traced(FALLBACK, None, (), USED, note))
    return Decision(() if missing else tuple(choices), missing, tuple(trace))


def _traced(step: Step, status: str, note: str) -> Traced:
    return Traced(step.source, step.value, step.tags, status, note)


def reader_trace(prefs: Preferences) -> tuple[Traced, ...]:
    """The trace with no article in view: each step's languages as preferences, in order, then
    the fallback rule."""
    trace = []
    for step in prefs.steps:
        if not step.tags:
            trace.append(_traced(step, SKIPPED, step.note or "not given"))
        else:
            extra = f"; {step.note}" if step.note else ""
            trace.append(_traced(step, USED, f"prefers {', '.join(step.tags)}{extra}"))
    note = f"when an article has none of these: {_FALLBACK_RULE.format('it')}"
    trace.append(Traced(FALLBACK, None, (), USED, note))
    return tuple(trace)


def _by_tag(available: Sequence[str]) -> list[str]:
    return sorted(available, key=str.casefold)


def choose(available: Sequence[str], prefs: Preferences) -> Choice:
    """The one article language to show (the first --lang); LanguageNotAvailable if the
    article lacks it."""
    decision = decide(_by_tag(available), prefs, several=False)
    if decision.missing is not None:
        raise decision.missing
    return decision.choices[0]


def choose_all(available: Sequence[str], prefs: Preferences) -> list[Choice]:
    """One choice per --lang language, for showing them side by side; else the single choice.
    LanguageNotAvailable for the first --lang language the article lacks."""
    decision = decide(_by_tag(available), prefs)
    if decision.missing is not None:
        raise decision.missing
    return list(decision.choices)


def first_shown(available: Sequence[str], prefs: Preferences) -> str | None:
    """The language `show` would open first; None where it would refuse (a --lang the article
    lacks)."""
    choices = decide(_by_tag(available), prefs, several=False).choices
    return choices[0].tag if choices else None


def choose_among(langs: Sequence[str], prefs: Preferences) -> Choice:
    """The first language asked for (--lang included) that `langs` has, else the fallback from
    `langs` in the order given; never an error. For a subset of an article's languages (the
    ones a search matched, best first), or for `list`, where --lang is a wish."""
    return decide(langs, prefs, several=False, strict=False).choices[0]


def in_wanted_language(candidates: Mapping[str, Sequence[str]], prefs: Preferences) -> list[str]:
    """Of several candidates (articles with the languages in question), those in the most wanted
    language any of them has; all of them when none is."""
    for tag, _ in prefs.wishes:
        mine = [key for key, langs in candidates.items() if match(tag, langs)]
        if mine:
            return mine
    return list(candidates)
