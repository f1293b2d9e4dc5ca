"""Where a source comes from (a git URL, an archive's URL, a local repository or archive
file), and fetching a copy of it into a folder: the one step `source add` and `update` share."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from glossary_cli.errors import FetchFailed, UsageProblem
from glossary_cli.settings.folders import user_path
from glossary_cli.sources import fetch_git
from glossary_cli.sources.state import TREE, Record
from glossary_cli.text.sanitize import visible

GIT_SCHEMES = ("https", "ssh", "git", "file")
# git's other way to write an ssh URL: `user@host:path` (a colon before any slash).
SCP_LIKE = re.compile(r"^[\w.-]+@[\w.-]+:(?!//)")


class Location(NamedTuple):
    kind: str  # "git" or "archive"
    url: str  # what is fetched, as recorded: a local path becomes a file:// URL


def locate(text: str) -> Location:
    """What the reader named, and how it is fetched: an http(s) URL that ends in `.zip`,
    `.tar.gz` or `.tgz` is an archive, other https, ssh, git and file URLs are git; a local
    path is a git repository (cloned) or an archive file (unpacked)."""
    from glossary_cli.sources.fetch_archive import archive_kind, check_url

    if not text.strip() or not text.isprintable():
        raise UsageProblem(f"'{visible(text)}' is no URL or path")
    if "://" in text:
        scheme = text.split("://", 1)[0].lower()
        if scheme in ("http", "https") and archive_kind(text):
            check_url(text)
            return Location("archive", text)
        if scheme in GIT_SCHEMES:
            return Location("git", text)
        raise UsageProblem(
            f"{visible(text)}: git sources are fetched over https, ssh, git or file, and "
            "archives (.zip, .tar.gz) over https"
        )
    if SCP_LIKE.match(text):
        return Location("git", text)
    path = Path(os.path.abspath(user_path(text)))
    if path.is_file() and archive_kind(path.name):
        return Location("archive", path.as_uri())
    if path.is_dir() and fetch_git.is_repository(path):
        return Location("git", path.as_uri())
    if path.is_dir():
        raise UsageProblem(
            f"{visible(str(path))} is a folder but no git repository: read it where it is "
            "with --articles, GLOSSARY_PATH or the settings file's paths"
        )
    raise UsageProblem(f"{visible(text)} is no URL, git repository or archive file")


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def fetch_copy(
    wanted: Record,
    copy: Path,
    environ: Mapping[str, str],
    terminal: bool,
    previous: Record | None = None,
) -> Record | None:
    """Fetch the source `wanted` describes into the empty folder `copy` (its `tree/`); the new
    record, or None when `previous` (the copy in use) is the same as what the server has."""
    try:
        if wanted.kind == "git":
            return _git(wanted, copy, environ, terminal, previous)
        return _archive(wanted, copy, environ, previous)
    except OSError as exc:  # writing the copy: a full disk, a folder that cannot be written
        where = visible(exc.filename or str(copy))
        raise FetchFailed(f"cannot write {where}: {exc.strerror or exc}") from None


def _git(
    wanted: Record, copy: Path, environ: Mapping[str, str], terminal: bool, previous: Record | None
) -> Record | None:
    if previous is not None and previous.revision:
        # One question to the server before any download: has the branch moved?
        tip = fetch_git.remote_revision(wanted.url, wanted.ref, environ, terminal)
        if tip == previous.revision:
            return None
    revision = fetch_git.clone(wanted.url, copy / TREE, wanted.ref, environ, terminal)
    if previous is not None and revision == previous.revision:
        return None
    fields = wanted.values()
    fields.update(revision=revision, updated=now(), added=wanted.added or now())
    return Record(**fields)


def _archive(
    wanted: Record, copy: Path, environ: Mapping[str, str], previous: Record | None
) -> Record | None:
    from glossary_cli.sources import fetch_archive

    file = copy / "archive"
    got: fetch_archive.Download | None
    if wanted.url.startswith("file:"):
        got = fetch_archive.copy_local(_local_path(wanted.url), file)
    else:
        same = previous is not None and previous.url == wanted.url
        got = fetch_archive.download(
            wanted.url,
            file,
            environ,
            previous.etag if same and previous else "",
            previous.last_modified if same and previous else "",
        )
    if got is None or (previous is not None and got.sha256 == previous.sha256):
        return None
    unpacked = copy / "unpacked"
    unpacked.mkdir()
    fetch_archive.extract(file, unpacked)
    os.unlink(file)
    os.rename(fetch_archive.single_folder(unpacked), copy / TREE)
    fields = wanted.values()
    fields.update(
        etag=got.etag,
        last_modified=got.last_modified,
        sha256=got.sha256,
        updated=now(),
        added=wanted.added or now(),
    )
    return Record(**fields)


def _local_path(url: str) -> Path:
    from urllib.request import url2pathname

    return Path(url2pathname(urlsplit(url).path))


def check_ref(location: Location, ref: str) -> None:
    if ref and location.kind != "git":
        raise UsageProblem(
            "--ref names a branch or tag of a git source, not of an archive", "--ref"
        )
    if ref and (ref.startswith("-") or not ref.isprintable() or " " in ref):
        raise UsageProblem(f"'{visible(ref)}' is no branch or tag", "--ref")
