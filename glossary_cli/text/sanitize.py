"""Keep terminal control sequences in untrusted article text from ever reaching a terminal."""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, and the bidi embeddings, overrides and
# isolates that can make text read differently from what it is (Trojan Source). Left for `re`
# to compile (and cache) on first need: compiling them costs ~0.7 ms, on every run and every
# Tab, and text with nothing to remove (str.isprintable) never needs them.
_UNSAFE = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
_UNSAFE_IN_LINE = "[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
_CONTROLS = "[\x00-\x08\x0b-\x1f\x7f-\x9f]"  # _UNSAFE but the bidi characters


def clean_text(text: str) -> str:
    """Drop every control character but newline and tab (ESC goes, so no sequence survives)."""
    if _printable_lines(text):  # the common case, checked in C
        return text
    return re.sub(_UNSAFE, "", text)


def _printable_lines(text: str) -> bool:
    """Whether `text` has nothing but printable characters, newlines and tabs: then neither
    clean_text nor clean_controls changes it (a file's whole text is no longer scanned by a
    pattern for controls it does not have)."""
    return text.isprintable() or text.replace("\n", " ").replace("\t", " ").isprintable()


def clean_controls(text: str) -> str:
    """Drop the C0 and C1 controls but newline and tab, and keep the bidi characters: for the
    frontmatter, which YAML refuses with controls in it, and whose keys are then checked for
    invisible characters (reading/yaml_loader.py); its values are cleaned once read."""
    if _printable_lines(text):
        return text
    return re.sub(_CONTROLS, "", text)


def clean_line(text: str) -> str:
    """Like clean_text, for one-line fields (titles, headings): newlines and tabs become spaces."""
    if text.isprintable():
        return text
    text = re.sub(_UNSAFE, "", text)
    return " ".join(text.split()) if ("\n" in text or "\t" in text or "\r" in text) else text


def one_line(text: str) -> str:
    """`text` on one line: each run of white space (newlines, tabs, ideographic spaces) one
    space, none at either end, so that a record never breaks and tabs never split fields."""
    # Most texts are one line already, which C tells at once (`list` and completion make
    # thousands): a printable text has no white space but the ASCII space (every other is a
    # control or separator character).
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def visible(text: str) -> str:
    """Show user-supplied text in a message with its control characters escaped, not obeyed."""
    if text.isprintable():  # every character the pattern matches is unprintable
        return text
    return re.sub(
        _UNSAFE_IN_LINE,
        lambda m: (
            f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}"
        ),
        text,
    )


def control_characters(text: str) -> tuple[int, int, str] | None:
    """(offset of the first, how many, the first's code point as U+XXXX) of the characters
    clean_text drops, or None: for `glossary check`, which tells authors what readers lose."""
    first = re.search(_UNSAFE, text)
    if first is None:
        return None
    found = re.findall(_UNSAFE, text)
    return first.start(), len(found), f"U+{ord(first.group()):04X}"
