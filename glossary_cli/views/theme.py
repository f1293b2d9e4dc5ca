"""The terminal's look: every Rich style the views use, named for what it marks."""

from __future__ import annotations

from rich.style import Style

# An article and its parts
TITLE = Style(bold=True, color="bright_cyan")
DESCRIPTION = Style(italic=True)
KEYWORDS = Style(dim=True)
HEADING = Style(bold=True, color="yellow")
SUBHEADING = Style(bold=True)
NUMBER = Style(dim=True)
QUOTE = Style(italic=True, color="bright_black")
CODE = Style(color="green")
NOTE_MARK = Style(dim=True)  # a footnote's `[1]`, in the text and before the note
SPAN_STYLES = {
    "strong": Style(bold=True),
    "em": Style(italic=True),
    "code": CODE,
    "note": NOTE_MARK,
}
TERM = Style(bold=True)  # a definition list's term
TABLE_HEADER = Style(bold=True)
TABLE_BORDER = Style(dim=True)
# Callouts (`> [!NOTE]`): the bar and the label, by kind
CALLOUT = {
    "note": Style(color="blue", bold=True),
    "tip": Style(color="green", bold=True),
    "important": Style(color="magenta", bold=True),
    "warning": Style(color="yellow", bold=True),
    "caution": Style(color="red", bold=True),
}

# Links: to an article of the library, to the web, to an article the library lacks
LINK_ARTICLE = Style(color="cyan", underline=True)
LINK_OTHER = Style(color="blue", underline=True)
LINK_MISSING = Style(dim=True, underline=True)

# Languages: a translation that cannot be read; a language the reader did not ask for
UNREADABLE = Style(dim=True, italic=True)
FALLBACK = Style(dim=True, italic=True)

# Search matches, in titles and snippets
MATCH = Style(bold=True, reverse=True)

# `check`'s findings
LOCATION = Style(bold=True)
ERROR = Style(bold=True, color="red")
WARNING = Style(color="yellow")

# A source's diff since a translation was made (`glossary diff`)
DIFF_FILE = Style(bold=True)
DIFF_HUNK = Style(color="cyan")
DIFF_ADDED = Style(color="green")
DIFF_REMOVED = Style(color="red")

# The coverage grid's marks, and the steps of `langs --explain`
PRESENT = Style(color="green")
ABSENT = Style(color="red", bold=True)
STATUS = {
    "used": Style(color="green", bold=True),
    "skipped": Style(dim=True),
    "unavailable": Style(color="red"),
}
