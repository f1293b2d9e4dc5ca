"""Sources from `.zip` and `.tar.gz` archives, served by a local HTTP server the tests start
on 127.0.0.1 (never the internet), and hostile archives refused with nothing written outside
the data folder."""

from __future__ import annotations

import io
import json
import os
import socket
import stat
import struct
import tarfile
import threading
import zipfile
import zlib
from collections.abc import Callable, Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from glossary_cli.errors import ExitStatus

from conftest import Run, article

FILES = {
    "glossary-main/cluster/en.md": article("Cluster", "A group of [nodes](/node/)."),
    "glossary-main/cluster/it.md": article("Cluster (it)", "Un gruppo."),
    "glossary-main/node/en.md": article("Node", "One machine."),
}


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (http.server's name)
        pass


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder served over HTTP on 127.0.0.1, and its base URL."""
    folder = tmp_path / "www"
    folder.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield folder, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def make_zip(path: Path, files: dict[str, str]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, text in files.items():
            zipped.writestr(name, text)


def make_tar(path: Path, files: dict[str, str]) -> None:
    with tarfile.open(path, "w:gz") as tar:
        for name, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def sources_dir() -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "glossary" / "sources"


@pytest.mark.parametrize("suffix, make", [(".zip", make_zip), (".tar.gz", make_tar)])
def test_add_an_archive_then_read_it(
    suffix: str,
    make: Callable[[Path, dict[str, str]], None],
    served: tuple[Path, str],
    run: Callable[..., Run],
) -> None:
    folder, base = served
    make(folder / f"glossary{suffix}", FILES)
    added = run("source", "add", "team", f"{base}/glossary{suffix}")
    assert added.exit_code == 0, added.stderr
    name, url, terms, languages, _, revision, _ = added.stdout.rstrip("\n").split("\t")
    assert (name, url, terms, languages) == ("team", f"{base}/glossary{suffix}", "2", "en,it")
    assert revision.startswith("sha256:")
    # GitHub's archives put everything in one folder: the copy's top is inside it.
    assert (sources_dir() / "team" / "tree" / "cluster" / "en.md").is_file()
    assert run("show", "cluster", "--lang", "it").stdout.startswith("Cluster (it)\n")
    assert run("search", "machine").stdout.startswith("node\ten\tNode")
    assert run("links", "cluster").stdout == "nodes\t/node/\tarticle\n"
    assert run("check").exit_code == 0
    assert not list(sources_dir().glob("team/archive*"))  # the download is not kept


def test_update_downloads_again_only_when_the_archive_changed(
    served: tuple[Path, str], run: Callable[..., Run]
) -> None:
    folder, base = served
    archive = folder / "glossary.zip"
    make_zip(archive, FILES)
    assert run("source", "add", "team", f"{base}/glossary.zip").exit_code == 0
    assert run("update").stdout.startswith("team\tunchanged\t0\t0\t0\tsha256:")  # 304
    changed = dict(FILES)
    del changed["glossary-main/node/en.md"]
    changed["glossary-main/pod/en.md"] = article("Pod", "A unit of deployment.")
    make_zip(archive, changed)
    later = archive.stat().st_mtime + 10  # Last-Modified counts whole seconds
    os.utime(archive, (later, later))
    updated = run("update", "--format", "json")
    assert updated.exit_code == 0, updated.stderr
    (one,) = json.loads(updated.stdout)["sources"]
    assert (one["status"], one["added"], one["changed"], one["removed"]) == (
        "updated",
        ["pod"],
        [],
        ["node"],
    )
    assert run("search", "deployment").stdout.startswith("pod\ten\tPod")


def test_a_local_archive_file(tmp_path: Path, run: Callable[..., Run]) -> None:
    archive = tmp_path / "glossary.tar.gz"
    make_tar(archive, FILES)
    added = run("source", "add", "team", str(archive))
    assert added.exit_code == 0, added.stderr
    assert added.stdout.split("\t")[1] == archive.as_uri()
    assert run("update").stdout.startswith("team\tunchanged\t")


def test_not_found_is_told(served: tuple[Path, str], run: Callable[..., Run]) -> None:
    _, base = served
    result = run("source", "add", "team", f"{base}/nothing.zip")
    assert result.exit_code == ExitStatus.FETCH_FAILED
    assert result.stderr == (
        f"glossary: error: {base}/nothing.zip: the server answered 404 File not found\n"
    )
    assert [p.name for p in sources_dir().iterdir()] == [".lock"]


def test_nobody_listening(run: Callable[..., Run]) -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    result = run("source", "add", "team", f"http://127.0.0.1:{port}/g.zip")
    assert result.exit_code == ExitStatus.FETCH_FAILED
    assert result.stderr == (
        f"glossary: error: 127.0.0.1 refused the connection: http://127.0.0.1:{port}/g.zip\n"
    )


def test_an_unknown_host(run: Callable[..., Run], monkeypatch: pytest.MonkeyPatch) -> None:
    def no_such_host(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)  # no query leaves the machine
    result = run("source", "add", "team", "https://glossary.invalid/g.zip")
    assert result.exit_code == ExitStatus.FETCH_FAILED
    assert result.stderr == (
        "glossary: error: unknown host glossary.invalid (or no network): "
        "https://glossary.invalid/g.zip\n"
    )


def test_plain_http_is_for_this_machine_only(run: Callable[..., Run]) -> None:
    result = run("source", "add", "team", "http://example.org/g.zip")
    assert result.exit_code == ExitStatus.USAGE
    assert "an archive is fetched over https" in result.stderr


def test_an_archive_without_articles(served: tuple[Path, str], run: Callable[..., Run]) -> None:
    folder, base = served
    make_zip(folder / "g.zip", {"site/README.md": "hello\n", "site/index.html": "<p>"})
    result = run("source", "add", "team", f"{base}/g.zip")
    assert result.exit_code == ExitStatus.SOURCE_REFUSED
    assert "holds no articles" in result.stderr
    assert [p.name for p in sources_dir().iterdir()] == [".lock"]


# --- hostile archives ---------------------------------------------------------------------


def zip_bomb(path: Path, size: int = 10 * 2**30) -> None:
    """A zip of one file that unpacks to `size` bytes of zeros (10 GiB: a 10 MB download),
    with honest zip64 sizes, built without compressing anything that large: after a full
    flush deflate starts afresh, so one compressed MiB repeats."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(2**20)) + compressor.flush(zlib.Z_FULL_FLUSH)
    data = block * (size // 2**20) + compressor.flush(zlib.Z_FINISH)
    name = b"bomb/en.md"
    zip64 = struct.pack("<HHQQ", 1, 16, size, len(data))
    local = struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, 45, 0, 8, 0, 0, 0, 0xFFFFFFFF, 0xFFFFFFFF, len(name), 20
    )
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII",
        0x02014B50,
        (3 << 8) | 45,
        45,
        0,
        8,
        0,
        0,
        0,  # the CRC is never reached: the limit stops the reading first
        0xFFFFFFFF,
        0xFFFFFFFF,
        len(name),
        20,
        0,
        0,
        0,
        (stat.S_IFREG | 0o644) << 16,
        0,
    )
    with open(path, "wb") as out:
        out.write(local + name + zip64 + data)
        start = out.tell()
        out.write(central + name + zip64)
        out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, 46 + len(name) + 20, start, 0))


def zip_with_link(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as zipped:
        zipped.writestr("g/cluster/en.md", article("Cluster", "x"))
        link = zipfile.ZipInfo("g/cluster/it.md")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zipped.writestr(link, "/etc/passwd")


def tar_with(path: Path, info: tarfile.TarInfo, data: bytes = b"") -> None:
    with tarfile.open(path, "w:gz") as tar:
        ok = tarfile.TarInfo("g/cluster/en.md")
        text = article("Cluster", "x").encode()
        ok.size = len(text)
        tar.addfile(ok, io.BytesIO(text))
        info.size = len(data) if info.isreg() else 0
        tar.addfile(info, io.BytesIO(data) if info.isreg() else None)


def symlink_member() -> tarfile.TarInfo:
    info = tarfile.TarInfo("g/cluster/it.md")
    info.type = tarfile.SYMTYPE
    info.linkname = "/etc/passwd"
    return info


def device_member() -> tarfile.TarInfo:
    info = tarfile.TarInfo("g/cluster/fr.md")
    info.type = tarfile.CHRTYPE
    info.devmajor, info.devminor = 1, 3
    return info


UP = "../" * 12 + "escaped-up.md"
HOSTILE: dict[str, tuple[str, Callable[[Path, Path], None], str]] = {
    "dot-dot": (
        ".zip",
        lambda path, _: make_zip(path, {"g/cluster/en.md": "x", UP: "owned"}),
        "an unsafe path",
    ),
    "absolute": (
        ".tar.gz",
        lambda path, home: tar_with(path, tarfile.TarInfo(str(home / "escaped-abs.md")), b"owned"),
        "an unsafe path",
    ),
    "zip-symlink": (".zip", lambda path, _: zip_with_link(path), "a link or a device"),
    "tar-symlink": (".tar.gz", lambda path, _: tar_with(path, symlink_member()), "a link"),
    "device": (".tar.gz", lambda path, _: tar_with(path, device_member()), "a link or a device"),
    "bomb": (".zip", lambda path, _: zip_bomb(path), "unpacks to more than 64 MiB"),
    "entries": (
        ".zip",
        lambda path, _: make_zip(path, {f"g/t{n}/en.md": "" for n in range(100_001)}),
        "more than 50,000 entries",
    ),
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_hostile_archives_are_refused_and_nothing_is_written_outside(
    kind: str, served: tuple[Path, str], run: Callable[..., Run], tmp_path: Path
) -> None:
    suffix, make, reason = HOSTILE[kind]
    folder, base = served
    make(folder / f"hostile{suffix}", tmp_path)
    result = run("source", "add", "team", f"{base}/hostile{suffix}")
    assert result.exit_code == ExitStatus.SOURCE_REFUSED, result.stderr
    assert reason in result.stderr and result.stderr.count("\n") == 1
    assert [p.name for p in sources_dir().iterdir()] == [".lock"]  # no copy, no leftover
    naive = sources_dir() / ".new.team" / "unpacked" / UP
    assert not os.path.lexists(os.path.normpath(naive))
    assert not (tmp_path / "escaped-abs.md").exists()
