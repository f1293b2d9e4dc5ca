"""Hugo's syntax in Markdown: heading attributes (`## Heading {#id}`) and shortcodes
(`{{< name >}}`, `{{% name %}}`), which are markup for the site generator, not text."""

from __future__ import annotations

import re

# An attribute list at a heading's end: `{#id}`, `{.class}`, `{#id .class key=value}`.
_HEADING_ATTRIBUTES = re.compile(r"\{[#.][^{}\n]{0,500}\}")
# A shortcode, opening or closing, with its arguments; the arguments stop at the next brace,
# so an unclosed shortcode is scanned to the next `{` only.
# The white space around a closing tag's `/` is in its optional group, so that two `\s*` never
# meet across it (they would split a run of spaces every way).
SHORTCODE = re.compile(
    r"\{\{([<%])\s*(?:(/)\s*)?([\w./-]{1,100})(?![\w./-])[^{}\n]{0,1000}?[>%]\}\}"
)


def without_heading_attributes(heading: str) -> str:
    """A heading's text without the attribute list Hugo reads off its end."""
    # Looked for at the end only, from the last `{`: a pattern searched through the heading
    # would rescan a run of spaces from each of its positions.
    end = heading.rstrip(" \t")
    if not end.endswith("}"):
        return heading
    start = end.rfind("{")
    if start < 0 or _HEADING_ATTRIBUTES.fullmatch(end, start) is None:
        return heading
    return end[:start].rstrip(" \t")


def without_shortcodes(text: str) -> str:
    """Text with every shortcode tag dropped; what a paired shortcode encloses stays."""
    if "{{<" not in text and "{{%" not in text:
        return text
    pieces: list[str] = []
    done = 0
    for found in SHORTCODE.finditer(text):
        pieces.append(text[done : found.start()])
        done = found.end()
        if pieces[-1].endswith((" ", "\t")) and text[done : done + 1] in (" ", "\t"):
            done += 1  # `a {{< x >}} b` reads `a b`, not `a  b`
    pieces.append(text[done:])
    return "".join(pieces)


def shortcodes(text: str) -> list[tuple[int, str]]:
    """Each shortcode tag in `text` (not its closing tags): its offset and its name."""
    if "{{<" not in text and "{{%" not in text:
        return []
    return [(m.start(), m.group(3)) for m in SHORTCODE.finditer(text) if not m.group(2)]
