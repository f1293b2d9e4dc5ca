"""UTF-8 whatever the locale: the process restarted in Python's UTF-8 mode where its locale is
not, and a word typed with bytes that are no UTF-8 refused as a usage error naming the byte."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from glossary_cli.errors import UsageProblem
from glossary_cli.text.sanitize import visible


def utf8_words(words: Sequence[str]) -> list[str]:
    """`words` as UTF-8 text. Python decodes arguments with surrogateescape, so a byte that is
    no UTF-8 (a name with a stray 0xFF) arrives as a lone surrogate, which no output, file
    name or SQLite query can encode: such a word is a usage error, naming the byte."""
    return [word if word.isascii() else _utf8(word) for word in words]


def _utf8(word: str) -> str:
    data = _bytes_of(word)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        shown = visible(data.decode("utf-8", "backslashreplace"))
        raise UsageProblem(f"invalid UTF-8 byte 0x{data[exc.start]:02x} in '{shown}'") from None


def _bytes_of(word: str) -> bytes:
    """The bytes a text stands for, its lone surrogates (from surrogateescape) as the bytes
    they replaced."""
    try:
        return word.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no decoding made (U+D800): invalid UTF-8 as well
        return word.encode("utf-8", "surrogatepass")


def restart_in_utf8_mode() -> None:
    """Run this process again in Python's UTF-8 mode (`-X utf8`) when it was started under a
    locale whose encoding is not UTF-8 and UTF-8 mode was turned off (LC_ALL=C with
    PYTHONUTF8=0; Python turns it on by itself for a plain C locale).

    Python reads arguments, environment variables and file names in the locale's encoding, so
    there `Łódź` typed, a folder named `Łódź` and a GLOSSARY_PATH with it would each be text
    of another kind, and SQLite and the file system would refuse one or the other. In UTF-8
    mode all of them are the UTF-8 they are on disk and on the terminal, as under any other
    locale. Only that rare start pays for a second interpreter; nowhere else does anything
    change (Windows' file names are Unicode already)."""
    if sys.flags.utf8_mode or os.name != "posix":
        return
    if sys.getfilesystemencoding().replace("-", "").lower() == "utf8":
        return
    orig_argv = getattr(sys, "orig_argv", None)
    if not sys.executable or not orig_argv:
        return  # an embedded interpreter: left as it is
    try:
        sys.stdout.flush()
        os.execv(sys.executable, [sys.executable, "-X", "utf8", *orig_argv[1:]])
    except OSError:
        pass  # carry on in this locale, as before
