"""Fetching a source from a `.zip` or `.tar.gz` archive with the standard library: downloaded
over HTTPS (plain HTTP only from this machine), asked again only when it changed, and extracted
safely: regular files and folders only, never a path out of the copy, within limits of size
and number of files counted as they are written, whatever the archive's headers claim."""

from __future__ import annotations

import gzip
import hashlib
import os
import socket
import stat
import tarfile
import urllib.error
import urllib.request
import zipfile
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import IO, NamedTuple
from urllib.parse import urlsplit

from glossary_cli.errors import FetchFailed, SourceRefused, UsageProblem
from glossary_cli.text.sanitize import visible

# This module is imported by `source add` and `update` alone: its imports (urllib, ssl) cost
# no other command anything.
SUFFIXES = {".zip": "zip", ".tar.gz": "tar.gz", ".tgz": "tar.gz"}
LOOPBACK = ("127.0.0.1", "localhost", "::1")
# The limits: far above a real glossary (MDN's glossary in ten languages unpacks to 3,471 files
# and 17 MB), far below what would fill a disk or a day.
MAX_DOWNLOAD_BYTES = 256 * 1024 * 1024
MAX_TOTAL_BYTES = 512 * 1024 * 1024  # every file unpacked, counted as written
MAX_FILE_BYTES = 64 * 1024 * 1024  # one file unpacked
MAX_ENTRIES = 50_000
TIMEOUT = 30.0  # seconds without an answer from the server
CHUNK = 64 * 1024


class Download(NamedTuple):
    """An archive downloaded into a file, and what the server said of it."""

    path: Path
    etag: str
    last_modified: str
    sha256: str


def archive_kind(url: str) -> str | None:
    """ "zip" or "tar.gz" for a URL or a file name that ends like an archive, else None."""
    path = urlsplit(url).path.lower() if "://" in url else url.lower()
    return next((kind for suffix, kind in SUFFIXES.items() if path.endswith(suffix)), None)


def check_url(url: str) -> None:
    """An archive comes over HTTPS; plain HTTP only from this machine (tests, a local mirror)."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and parts.hostname in LOOPBACK:
        return
    raise UsageProblem(f"an archive is fetched over https, not {visible(url)}")


def download(
    url: str, dest: Path, environ: Mapping[str, str], etag: str = "", last_modified: str = ""
) -> Download | None:
    """Download `url` into the file `dest`; None when the server says that it has not changed
    since the download that gave `etag` and `last_modified`."""
    check_url(url)
    request = urllib.request.Request(url, headers={"User-Agent": "glossary"})
    if etag:
        request.add_header("If-None-Match", etag)
    if last_modified:
        request.add_header("If-Modified-Since", last_modified)
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler(_proxies(url, environ)), _SafeRedirects()
    )
    digest = hashlib.sha256()
    try:
        with opener.open(request, timeout=TIMEOUT) as response, open(dest, "xb") as out:
            size = 0
            while chunk := response.read(CHUNK):
                size += len(chunk)
                if size > MAX_DOWNLOAD_BYTES:
                    raise SourceRefused(
                        f"{visible(url)}: larger than {MAX_DOWNLOAD_BYTES // 2**20} MiB; refused"
                    )
                digest.update(chunk)
                out.write(chunk)
            headers = response.headers
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return None
        raise FetchFailed(f"{visible(url)}: the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise FetchFailed(_network_problem(url, exc.reason)) from None
    except OSError as exc:  # a timeout or a reset in the middle of the body
        raise FetchFailed(_network_problem(url, exc)) from None
    return Download(
        dest,
        _header(headers.get("ETag")),
        _header(headers.get("Last-Modified")),
        digest.hexdigest(),
    )


def copy_local(path: Path, dest: Path) -> Download:
    """An archive file on this machine, copied into the file `dest` (so that the copy in use
    never depends on the file staying where it is)."""
    digest = hashlib.sha256()
    size = 0
    try:
        with open(path, "rb") as source, open(dest, "xb") as out:
            while chunk := source.read(CHUNK):
                size += len(chunk)
                if size > MAX_DOWNLOAD_BYTES:
                    raise SourceRefused(
                        f"{visible(str(path))}: larger than {MAX_DOWNLOAD_BYTES // 2**20} MiB; "
                        "refused"
                    )
                digest.update(chunk)
                out.write(chunk)
    except OSError as exc:
        if exc.filename == str(dest):
            raise
        raise FetchFailed(f"cannot read {visible(str(path))}: {exc.strerror or exc}") from None
    return Download(dest, "", "", digest.hexdigest())


def _header(value: str | None) -> str:
    """A header kept in the record: one printable line, else nothing."""
    return value if value and value.isprintable() and len(value) < 1024 else ""


def _network_problem(url: str, reason: object) -> str:
    host = visible(urlsplit(url).hostname or url)
    if isinstance(reason, socket.gaierror):
        return f"unknown host {host} (or no network): {visible(url)}"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"{host} did not answer in {TIMEOUT:.0f} seconds: {visible(url)}"
    if isinstance(reason, ConnectionRefusedError):
        return f"{host} refused the connection: {visible(url)}"
    if isinstance(reason, OSError) and reason.strerror:
        return f"cannot reach {host} ({reason.strerror.lower()}; no network?): {visible(url)}"
    return f"cannot fetch {visible(url)}: {visible(str(reason))}"


def _proxies(url: str, environ: Mapping[str, str]) -> dict[str, str]:
    """The proxies of the environment (http_proxy, https_proxy, no_proxy), as urllib reads them
    but from the run's settings; none for this machine."""
    from urllib.request import proxy_bypass_environment  # type: ignore[attr-defined]

    proxies = {
        key[: -len("_proxy")].lower(): value
        for key, value in environ.items()
        if key.lower().endswith("_proxy") and value
    }
    host = urlsplit(url).hostname or ""
    if host in LOOPBACK or ("no" in proxies and proxy_bypass_environment(host, proxies)):
        return {}
    return {scheme: proxy for scheme, proxy in proxies.items() if scheme in ("http", "https")}


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects followed only to where a first request could go (never from https to http)."""

    def redirect_request(  # type: ignore[no-untyped-def]
        self, req, fp, code, msg, headers, newurl
    ) -> urllib.request.Request | None:
        try:
            check_url(newurl)
        except UsageProblem:
            raise FetchFailed(
                f"{visible(req.full_url)} redirects to {visible(newurl)}; not followed"
            ) from None
        return super().redirect_request(req, fp, code, msg, headers, newurl)


# --- extracting ---------------------------------------------------------------------------


def extract(archive: Path, dest: Path) -> None:
    """Unpack the archive into the empty folder `dest`, by what its bytes say it is."""
    with open(archive, "rb") as file:
        magic = file.read(4)
    if magic.startswith(b"PK"):
        _extract_zip(archive, dest)
    elif magic.startswith(b"\x1f\x8b"):
        _extract_tar(archive, dest)
    else:
        raise SourceRefused("the file downloaded is neither a .zip nor a .tar.gz archive")


class _Budget:
    """What has been unpacked so far, against the limits."""

    def __init__(self) -> None:
        self.entries = 0
        self.bytes = 0

    def entry(self, count: int = 1) -> None:
        self.entries += count
        if self.entries > MAX_ENTRIES:
            raise SourceRefused(f"the archive has more than {MAX_ENTRIES:,} entries; refused")

    def copy(self, source: IO[bytes], target: Path, name: str) -> None:
        """Write a file's bytes, counting each chunk as it is decompressed."""
        written = 0
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(target, flags | getattr(os, "O_NOFOLLOW", 0), 0o644)
        except FileExistsError:
            raise SourceRefused(f"the archive has {visible(name)} twice; refused") from None
        with os.fdopen(fd, "wb") as out:
            while chunk := source.read(CHUNK):
                written += len(chunk)
                self.bytes += len(chunk)
                if written > MAX_FILE_BYTES:
                    raise SourceRefused(
                        f"{visible(name)} unpacks to more than {MAX_FILE_BYTES // 2**20} MiB; "
                        "refused"
                    )
                if self.bytes > MAX_TOTAL_BYTES:
                    raise SourceRefused(
                        f"the archive unpacks to more than {MAX_TOTAL_BYTES // 2**20} MiB; refused"
                    )
                out.write(chunk)


def safe_parts(name: str) -> list[str]:
    """An entry's path as folder names inside the copy; SourceRefused for one that is absolute
    or leads out of it (`..`, a drive, a backslash, which is a separator on Windows)."""
    parts = [part for part in name.split("/") if part not in ("", ".")]
    if (
        name.startswith("/")
        or "\\" in name
        or ".." in parts
        or not parts
        or any(":" in part or not part.isprintable() for part in parts)
    ):
        raise SourceRefused(f"the archive has an unsafe path {visible(name)!r}; refused")
    return parts


def _folder(dest: Path, parts: list[str]) -> Path:
    """The folder `parts` inside dest, made as needed (only folders and files are ever made
    there, so no link can lead a path elsewhere)."""
    folder = dest
    for part in parts:
        folder = folder / part
        if not folder.is_dir():
            try:
                folder.mkdir()
            except FileExistsError:
                raise SourceRefused(
                    f"the archive has {visible(part)} as a file and a folder; refused"
                ) from None
    return folder


def _extract_zip(archive: Path, dest: Path) -> None:
    budget = _Budget()
    try:
        with zipfile.ZipFile(archive) as zipped:
            infos = zipped.infolist()
            budget.entry(len(infos))  # a zip lists its entries first: too many, and none is made
            for info in infos:
                parts = safe_parts(info.filename)
                # The file's type, where a Unix zip says it (Windows' zips say nothing: files).
                kind = stat.S_IFMT(info.external_attr >> 16)
                if info.is_dir():
                    _folder(dest, parts)
                    continue
                if kind and kind != stat.S_IFREG:
                    raise SourceRefused(
                        f"the archive has {visible(info.filename)!r}, which is a link or a device,"
                        " not a file; refused"
                    )
                target = _folder(dest, parts[:-1]) / parts[-1]
                with zipped.open(info) as source:
                    budget.copy(source, target, info.filename)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, EOFError, ValueError) as exc:
        raise SourceRefused(f"the archive is damaged: {visible(str(exc))}") from None
    except NotImplementedError as exc:  # a compression method the standard library lacks
        raise SourceRefused(f"the archive cannot be read: {visible(str(exc))}") from None


def _extract_tar(archive: Path, dest: Path) -> None:
    budget = _Budget()
    try:
        # A stream ("r|gz"): members are read in order, never all listed first, which would
        # decompress the whole archive before the limits could stop it.
        with tarfile.open(archive, mode="r|gz") as tar:
            for member in tar:
                budget.entry()
                parts = safe_parts(member.name)
                if member.isdir():
                    _folder(dest, parts)
                elif member.isreg():
                    source = tar.extractfile(member)
                    assert source is not None  # a regular file's data
                    target = _folder(dest, parts[:-1]) / parts[-1]
                    budget.copy(source, target, member.name)
                else:
                    raise SourceRefused(
                        f"the archive has {visible(member.name)!r}, which is a link or a device,"
                        " not a file; refused"
                    )
    except (tarfile.TarError, zlib.error, EOFError, gzip.BadGzipFile) as exc:
        raise SourceRefused(f"the archive is damaged: {visible(str(exc))}") from None


def single_folder(folder: Path) -> Path:
    """The one folder an archive holds when it holds nothing else (GitHub's archives put
    everything in `REPO-BRANCH/`), else the folder itself: the top of the copy."""
    entries = os.listdir(folder)
    if len(entries) == 1 and os.path.isdir(folder / entries[0]):
        return folder / entries[0]
    return folder
