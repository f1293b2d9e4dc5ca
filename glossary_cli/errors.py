"""The project's exceptions and its named exit codes (cli.entry.run maps them, in one place)."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """Exit codes of `glossary`; documented in docs/usage.md, "Exit codes"."""

    OK = 0
    NOT_FOUND = 1  # no such article, language, section, or nothing of the kind in the article
    USAGE = 2  # bad arguments (Typer/Click use 2 as well)
    BAD_ARTICLE = 3  # the article asked for exists but cannot be read or parsed
    # Something the command needs from outside could not be had: the `git` program (source add,
    # update, langs --stale, diff), or the network and the address of a source.
    FETCH_FAILED = 4  # a source could not be fetched: no git, no network, unknown host, 404
    SOURCE_REFUSED = 5  # a fetched source was refused: no articles, an unsafe or too large archive
    TOOL_MISSING = 4  # alias of 4: `git` is not installed (langs --stale, diff)
    # Aliases of 1, for the failures that are not a missing thing but are no usage error either.
    CHECK_FAILED = 1  # `glossary check` found errors
    WRITE_FAILED = 1  # stdout is closed or full
    FILE_EXISTS = 1  # `new` or `config init` would overwrite a file: refused
    EDITOR_FAILED = 1  # `edit`: no editor set, or it cannot be started or fails


class GlossaryError(Exception):
    """An expected failure: printed as one line on stderr, never as a traceback."""

    status: ExitStatus = ExitStatus.NOT_FOUND


class NotFound(GlossaryError):
    """The article, language, section or part asked for does not exist."""

    status = ExitStatus.NOT_FOUND


class BadArticle(GlossaryError):
    """An article file that cannot be read or parsed."""

    status = ExitStatus.BAD_ARTICLE

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        # `path:line: problem`, the shape compilers and `glossary check` use, when the line is known
        super().__init__(f"{path}:{line}: {problem}" if line else f"{path}: {problem}")
        self.path = path
        self.problem = problem
        self.line = line


class UsageProblem(GlossaryError):
    """An argument that is well-formed for the parser but makes no sense (say --section 0);
    `option` names it when the message does not."""

    status = ExitStatus.USAGE

    def __init__(self, message: str, option: str | None = None) -> None:
        super().__init__(message)
        self.option = option


class ToolMissing(GlossaryError):
    """A program the command needs (git) cannot be found or started."""

    status = ExitStatus.TOOL_MISSING


class NoArticles(GlossaryError):
    """`glossary check DIR` on a folder that holds no article: a wrong path, which must not
    pass in CI as a clean check would."""

    status = ExitStatus.USAGE


class OutputFailed(GlossaryError):
    """The output could not be written: stdout closed, a full disk."""

    status = ExitStatus.WRITE_FAILED

    @classmethod
    def writing(cls, exc: OSError | ValueError) -> OutputFailed:
        """The failure of a write to stdout, worded for the reader."""
        reason = exc.strerror if isinstance(exc, OSError) else None
        return cls(f"cannot write the output: {reason or exc}")


class FetchFailed(GlossaryError):
    """A source could not be fetched (`source add`, `update`): no `git` program, no network,
    an unknown host, nothing at that address. Trying again later may work."""

    status = ExitStatus.FETCH_FAILED


class SourceRefused(GlossaryError):
    """What a source holds was refused: no articles in it, or an archive that is unsafe (a path
    out of it, a link, a device) or too large. Trying again will not help."""

    status = ExitStatus.SOURCE_REFUSED


class FileExists(GlossaryError):
    """A file that `glossary new` or `glossary config init` would write is there already."""

    status = ExitStatus.FILE_EXISTS


class BundledArticle(GlossaryError):
    """`glossary edit` on a bundled article: the tool's own, replaced on upgrade, never written."""

    status = ExitStatus.EDITOR_FAILED


class EditorFailed(GlossaryError):
    """`glossary edit`: no editor is set, or it cannot be started, or it ends in failure."""

    status = ExitStatus.EDITOR_FAILED
