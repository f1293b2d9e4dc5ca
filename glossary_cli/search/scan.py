"""What article files exist and their size, mtime, inode and ctime (`scan`, run when something
changed), and the check before every search that nothing did (`compare_parts`): one stat a
path.

The ctime is compared as git compares it: `cp -p`, `touch -r` and unpacking an archive put
back the old mtime, and an edit may keep the size, but no program can set the ctime back."""

from __future__ import annotations

import os
import stat
import struct
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from functools import cache, partial
from itertools import starmap
from operator import attrgetter, itemgetter
from typing import NamedTuple, Optional

from glossary_cli.library import layout as layouts
from glossary_cli.library.slugs import ARTICLE_SUFFIX, SLUG

# A file's marks, as _FILE packs them: (mtime_ns, size, inode, ctime_ns).
FileMark = tuple[int, int, int, int]
_FILE = struct.Struct("=qqQq")
# A slug folder's state: (its mtime_ns, its article files' names joined by NUL (which no path
# holds), their marks packed in that order, 32 bytes a file). Three values a folder, not a
# tuple of six a file: the index loads, compares and stores the state several times faster,
# and what the warm check expects of the files is their marks joined.
Folder = tuple[int, str, bytes]
# Every root's folders by slug (a language-first root's: by their paths relative to the root,
# see library/layout.py), in root order. Plain lists, dicts and tuples, so that the
# index can keep it with `marshal`, which is fast and needs no import.
State = list[dict[str, Folder]]
# What a warm run stats, per root: its folders' and its files' paths relative to the root,
# each list joined by NUL (which no path holds), so that the list loads as one string.
ProbePaths = list[tuple[str, str]]

# A file or folder changed this recently may change again within the same mtime tick; its
# state is stored as unknown (-1), so that the next run looks again (git's "racy" rule).
RACY_WINDOW_NS = 2_000_000_000
# marshal format 2 has no back-references, so equal values always give equal bytes: a scan is
# compared with the stored one as bytes, without building stored values back.
MARSHAL_VERSION = 2
_DIR_FD = os.stat in os.supports_dir_fd and hasattr(os, "O_DIRECTORY")
# A descriptor that only names a folder (Linux): opening it needs no read permission.
_PATH_FLAGS = getattr(os, "O_PATH", os.O_RDONLY)


@cache
def language_of(file_name: str) -> str | None:
    """The language tag an article file name stands for, or None (README.md, notes.txt)."""
    from glossary_cli.language.tags import InvalidLanguageTag, normalize_tag

    if not file_name.endswith(ARTICLE_SUFFIX):
        return None
    try:
        return normalize_tag(file_name[: -len(ARTICLE_SUFFIX)])
    except InvalidLanguageTag:
        return None


def _listing(folder: str) -> list[tuple[str, str]]:
    """(file name, tag) of the article files in a folder; the first file of a tag wins."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    out: list[tuple[str, str]] = []
    tags: set[str] = set()
    for name in sorted(names):
        tag = language_of(name)
        if tag is not None and tag not in tags:
            tags.add(tag)
            out.append((name, tag))
    return out


def term_of(
    root: str, folder: str, name: str, layout: Optional[layouts.Layout] = None
) -> tuple[str, str]:
    """The (slug, language tag) of an article file of the state, by its folder and name
    (`layout`: the root's, when the caller has it)."""
    if layout is None:
        layout = layouts.layout_of(root)
    if layout.kind == layouts.SLUG_FIRST:
        return folder, language_of(name) or ""
    return layouts.term_of(layout, folder, name)


def scan(roots: Sequence[str], stored: Optional[State] = None) -> State:
    """The article files of each root; a slug in an earlier root hides it in later ones.

    With the `stored` state, a slug folder whose mtime has not changed is not listed
    again (adding, removing or renaming a file changes it); every file is still stat'ed, as
    an edit in place changes only the file. Stats go relative to the root's descriptor,
    which spares the kernel walking the whole path each time.
    """
    state: State = []
    seen: set[str] = set()
    for number, root in enumerate(roots):
        before = stored[number] if stored is not None and number < len(stored) else {}
        folders: dict[str, Folder] = {}
        state.append(folders)
        layout = layouts.layout_of(root)
        if layout.kind == layouts.LANGUAGE_FIRST:
            folders.update(_language_first(root, layout, seen))
            continue
        try:
            names = os.listdir(root)
        except OSError:
            continue
        fd = _open_folder(root)
        try:
            for slug in names:
                if slug in seen or not SLUG.match(slug):
                    continue
                folder = _folder(root, fd, slug, before.get(slug))
                if folder is None:
                    continue
                folders[slug] = folder
                if folder[1]:
                    seen.add(slug)
        finally:
            if fd >= 0:
                os.close(fd)
    return state


def _language_first(root: str, layout: layouts.Layout, seen: set[str]) -> dict[str, Folder]:
    """A language-first root's folders (library/layout.py) with their article files, less the
    slugs that an earlier root has (`seen`), which then gains this root's."""
    folders: dict[str, Folder] = {}
    claimed: set[str] = set()
    fd = _open_folder(root)
    try:
        for folder, terms in layouts.term_folders(root, layout):
            try:
                info = _stat(root, fd, folder)
            except OSError:
                continue
            names: list[str] = []
            marks: list[bytes] = []
            for term in terms:
                if term.slug in seen:
                    continue
                try:
                    found = _stat(root, fd, f"{folder}/{term.name}")
                except OSError:
                    continue
                if stat.S_ISREG(found.st_mode):
                    claimed.add(term.slug)
                    names.append(term.name)
                    marks.append(_marks_of(found))
            folders[folder] = (info.st_mtime_ns, "\0".join(names), b"".join(marks))
    finally:
        if fd >= 0:
            os.close(fd)
    seen |= claimed
    return folders


def _stat(root: str, fd: int, relative: str) -> os.stat_result:
    if fd >= 0:
        return os.stat(relative, dir_fd=fd)
    return os.stat(os.path.join(root, relative))


def _folder(root: str, fd: int, slug: str, before: Optional[Folder]) -> Optional[Folder]:
    try:
        info = _stat(root, fd, slug)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode):
        return None
    if before is not None and before[0] == info.st_mtime_ns:
        listing = _names(before[1])
    else:
        listing = [name for name, _ in _listing(os.path.join(root, slug))]
    names: list[str] = []
    marks: list[bytes] = []
    # The loop every scan runs thousands of times: one stat each, nothing else.
    prefix = slug + os.sep if fd >= 0 else os.path.join(root, slug, "")
    dir_fd = fd if fd >= 0 else None
    regular = stat.S_ISREG
    for name in listing:
        try:
            found = os.stat(prefix + name, dir_fd=dir_fd)
        except OSError:
            continue
        if regular(found.st_mode):
            names.append(name)
            marks.append(_marks_of(found))
    return info.st_mtime_ns, "\0".join(names), b"".join(marks)


def _marks_of(found: os.stat_result) -> bytes:
    """A file's marks, packed; a time that cannot be packed (past the year 2262) as unknown,
    which nothing matches: the warm check cannot pack it either, and then scans."""
    try:
        return _FILE.pack(found.st_mtime_ns, found.st_size, found.st_ino, found.st_ctime_ns)
    except struct.error:
        return _FILE.pack(-1, -1, 0, -1)


def _names(joined: str) -> list[str]:
    """A Folder's file names."""
    return joined.split("\0") if joined else []


def files_of(folder: Folder) -> list[tuple[str, FileMark]]:
    """A folder's article files, each (name, its marks)."""
    return list(zip(_names(folder[1]), _FILE.iter_unpack(folder[2]), strict=True))


def root_mtime(root: str) -> Optional[int]:
    """A root folder's mtime (adding, removing or renaming a slug folder changes it), or None
    when it is not a folder that can be listed."""
    try:
        info = os.stat(root)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or not os.access(root, os.R_OK | os.X_OK):
        return None
    return info.st_mtime_ns


def probe_paths(state: State) -> ProbePaths:
    """The folders and files a warm run stats to know that nothing changed since `state`."""
    return [
        (
            "\0".join(folders),
            # A folder's names joined by NUL become its paths joined by NUL: one replace each.
            "\0".join(
                slug + "/" + names.replace("\0", "\0" + slug + "/")
                for slug, (_, names, _) in folders.items()
                if names
            ),
        )
        for folders in state
    ]


# What the warm check sees, per root: None (not a folder), or its mtime, its folders' mtimes
# and its files' (mtime, size, inode, ctime), packed (_FOLDER, _FILE) in the probe paths'
# order. Packed as the stats come, so that a run keeps some 32 bytes a file and no Python
# object (keeping four ints and a tuple a file cost more than building them); compared as
# bytes, and unpacked only when something changed.
Observed = list[Optional[tuple[int, bytes, bytes]]]
_HEAD = struct.Struct("=?qII")  # root is a folder, its mtime, its folders, its files
_FOLDER = struct.Struct("=q")
_MTIME = attrgetter("st_mtime_ns")
_FIRST, _THIRD = itemgetter(0), itemgetter(2)
_FILE_MARK = attrgetter("st_mtime_ns", "st_size", "st_ino", "st_ctime_ns")


def expected(state: State, marks: Sequence[Optional[int]], now_ns: int) -> bytes:
    """What the warm check gives for `probe_paths(state)` while nothing changes. `marks` are the
    roots' mtimes taken before the scan; `state` is settled (see `settled`), and a mark as
    fresh is stored as -1 too, so that nothing too fresh to trust ever matches. b"" (which
    nothing matches) when a stat cannot be packed (a time past the year 2262)."""
    seen: Observed = []
    try:
        for folders, mark in zip(state, marks, strict=True):
            if mark is None:
                seen.append(None)
                continue
            seen.append(
                (
                    -1 if now_ns - mark < RACY_WINDOW_NS else mark,
                    b"".join(map(_FOLDER.pack, map(_FIRST, folders.values()))),
                    b"".join(map(_THIRD, folders.values())),
                )
            )
    except struct.error:
        return b""
    return packed(seen)


def packed(seen: Observed) -> bytes:
    """An observation as the bytes the index stores and compares."""
    out: list[bytes] = []
    for root in seen:
        if root is None:
            out.append(_HEAD.pack(False, 0, 0, 0))
            continue
        mark, folders, files = root
        heads = _HEAD.pack(True, mark, len(folders) // _FOLDER.size, len(files) // _FILE.size)
        out += (heads, folders, files)
    return b"".join(out)


def unpacked(data: bytes) -> Optional[Observed]:
    """`packed`'s bytes as an observation again; None when they are damaged."""
    seen: Observed = []
    at = 0
    try:
        while at < len(data):
            present, mark, folders, files = _HEAD.unpack_from(data, at)
            at += _HEAD.size
            if not present:
                seen.append(None)
                continue
            ends = (at + folders * _FOLDER.size, at + folders * _FOLDER.size + files * _FILE.size)
            if ends[1] > len(data):
                return None
            seen.append((mark, data[at : ends[0]], data[ends[0] : ends[1]]))
            at = ends[1]
    except struct.error:
        return None
    return seen


def _split(listed: str) -> list[str]:
    return listed.split("\0") if listed else []


# --------------------------------------------------------------------------- the check in parts

# The index keeps the probe paths and their expected stats in parts, in order (search/index.py,
# table `probe`): per root a head (its mtime, how many folders and files it has; no paths), then
# its folders, then its files, at most PROBE_PART paths a part. A warm run stats and compares
# one part at a time, so that what it holds does not grow with the library. The parts' expected
# stats joined are `expected`'s bytes; their paths joined by kind, `probe_paths`.
HEAD, FOLDERS, FILES = 0, 1, 2
PROBE_PART = 1024
_ABSENT = _HEAD.pack(False, 0, 0, 0)  # the head of a root that is not there


class Part(NamedTuple):
    """One part of the warm check: a root's head, or some of its folders' or files' paths."""

    root: int  # the root's number
    kind: int  # HEAD, FOLDERS or FILES
    paths: str  # relative to the root, joined by NUL; "" for a head
    expected: bytes  # what the warm check gives for it while nothing changes


def probe_parts(paths: ProbePaths, expect: bytes) -> list[Part]:
    """The probe paths and their expectation (`expected`'s bytes for them) cut into parts. An
    expectation that does not fit the paths (b"": a stat could not be packed) gives heads that
    nothing matches."""
    seen = unpacked(expect)
    if seen is None or len(seen) != len(paths):
        return [Part(number, HEAD, "", b"") for number in range(len(paths))]
    out: list[Part] = []
    for number, ((folders, files), root) in enumerate(zip(paths, seen, strict=True)):
        if root is None:
            out.append(Part(number, HEAD, "", _ABSENT))
            continue
        mark, folder_marks, file_marks = root
        counts = (len(folder_marks) // _FOLDER.size, len(file_marks) // _FILE.size)
        out.append(Part(number, HEAD, "", _HEAD.pack(True, mark, *counts)))
        out += _cut(number, FOLDERS, _split(folders), folder_marks, _FOLDER.size)
        out += _cut(number, FILES, _split(files), file_marks, _FILE.size)
    return out


def _cut(number: int, kind: int, names: list[str], marks: bytes, size: int) -> list[Part]:
    return [
        Part(
            number,
            kind,
            "\0".join(names[at : at + PROBE_PART]),
            marks[at * size : (at + PROBE_PART) * size],
        )
        for at in range(0, len(names), PROBE_PART)
    ]


def paths_of(parts: Sequence[Part], roots: int) -> ProbePaths:
    """The probe paths of so many roots, from their parts."""
    listed: list[tuple[list[str], list[str]]] = [([], []) for _ in range(roots)]
    for part in parts:
        if part.kind != HEAD:
            listed[part.root][part.kind - FOLDERS].append(part.paths)
    return [("\0".join(folders), "\0".join(files)) for folders, files in listed]


def file_paths(
    parts: Sequence[Part], wanted: Iterable[tuple[int, int]]
) -> dict[tuple[int, int], str]:
    """The paths of the files at these (root number, position among its files' paths): only
    the parts that hold them are split."""
    positions: dict[int, list[int]] = {}
    for number, position in wanted:
        positions.setdefault(number, []).append(position)
    for sought in positions.values():
        sought.sort()
    found: dict[tuple[int, int], str] = {}
    before: dict[int, int] = {}  # each root's files in its parts so far
    for part in parts:
        if part.kind != FILES:
            continue
        start = before.get(part.root, 0)
        end = before[part.root] = start + (part.paths.count("\0") + 1 if part.paths else 0)
        sought = positions.get(part.root, [])
        inside = sought[bisect_left(sought, start) : bisect_left(sought, end)]
        if inside:
            names = _split(part.paths)
            for position in inside:
                found[(part.root, position)] = names[position - start]
    return found


def compare_parts(roots: Sequence[str], parts: Iterable[Part]) -> tuple[int, Optional[list[bytes]]]:
    """The warm check, a part at a time: (how many parts gave what they expected before the
    first that did not, what stat gives for that part and each later one). (all, []) when
    nothing changed; (n, None) when a path stat'ed is gone. Parts must come in order, a
    root's head first (the index checks that as it reads them)."""
    matched = 0
    observed: Optional[list[bytes]] = None  # from the first part that differed on
    with ExitStack() as inside:
        stat_at: Optional[Callable[[str], os.stat_result]] = None
        for part in parts:
            if part.kind == HEAD:
                inside.close()  # back from the root before
                now = _observe_head(roots[part.root], part.expected)
                present = now != _ABSENT
                stat_at = inside.enter_context(_inside(roots[part.root])) if present else None
            elif stat_at is None:
                now = b""  # the root is gone: its paths were not looked at
            else:
                try:
                    now = _observe_paths(stat_at, part)
                except (OSError, struct.error):
                    return matched, None
            if observed is None and now == part.expected:
                matched += 1
            elif observed is None:
                observed = [now]
            else:
                observed.append(now)
    return matched, observed or []


def _observe_head(root: str, expect: bytes) -> bytes:
    """A root's head as stat gives it now, its counts those of the head expected (the paths
    stat'ed are the stored ones, so the counts are theirs)."""
    mark = root_mtime(root)
    if mark is None:
        return _ABSENT
    try:
        present, _, folders, files = _HEAD.unpack(expect)
    except struct.error:
        present = False
    return _HEAD.pack(True, mark, *((folders, files) if present else (0, 0)))


def _observe_paths(stat_at: Callable[[str], os.stat_result], part: Part) -> bytes:
    """One stat a path, in C loops (map, attrgetter, struct), packed as `expected` packs."""
    found = map(stat_at, _split(part.paths))
    if part.kind == FOLDERS:
        return b"".join(map(_FOLDER.pack, map(_MTIME, found)))
    return b"".join(starmap(_FILE.pack, map(_FILE_MARK, found)))


def observed_of(parts: Sequence[Part], seen: Sequence[bytes]) -> Observed:
    """What the check saw of every part (`seen`, in the parts' order), root by root."""
    heads: list[tuple[bool, int]] = []
    marks: list[tuple[list[bytes], list[bytes]]] = []
    for part, now in zip(parts, seen, strict=True):
        if part.kind == HEAD:
            present, mark, _, _ = _HEAD.unpack(now)
            heads.append((present, mark))
            marks.append(([], []))
        else:
            marks[-1][part.kind - FOLDERS].append(now)
    return [
        (mark, b"".join(folders), b"".join(files)) if present else None
        for (present, mark), (folders, files) in zip(heads, marks, strict=True)
    ]


def with_expected(parts: Sequence[Part], expect: bytes) -> list[Part]:
    """The parts with `expect` as their expectation, cut as theirs is (the same paths, with
    stats of the same sizes: files edited in place)."""
    out: list[Part] = []
    at = 0
    for part in parts:
        size = len(part.expected)
        out.append(part._replace(expected=expect[at : at + size]))
        at += size
    if at != len(expect):
        raise ValueError("the expectation does not fit the parts")
    return out


def file_mark(files: bytes, position: int) -> FileMark:
    """One file's (mtime, size, inode, ctime) of a root's packed file marks (Observed)."""
    found: FileMark = _FILE.unpack_from(files, position * _FILE.size)
    return found


def folder_mtimes(folders: bytes) -> list[int]:
    """A root's packed folder mtimes (Observed)."""
    return [mtime for (mtime,) in _FOLDER.iter_unpack(folders)]


def with_unsettled(seen: Observed, number: int, position: int) -> Observed:
    """`seen` with one file's size stored as unknown (-1): the file changed too recently to
    be trusted, and must not match next time (see RACY_WINDOW_NS)."""
    root = seen[number]
    assert root is not None
    mark, folders, files = root
    mtime, _, ino, ctime = file_mark(files, position)
    changed = bytearray(files)
    _FILE.pack_into(changed, position * _FILE.size, mtime, -1, ino, ctime)
    return [*seen[:number], (mark, folders, bytes(changed)), *seen[number + 1 :]]


@contextmanager
def _inside(root: str) -> Iterator[Callable[[str], os.stat_result]]:
    """A stat of paths relative to `root`, for the warm check's loop over every file.

    Where it can, the process works in `root` meanwhile and the stat is `os.stat` itself:
    the kernel then walks only the relative path, as with `dir_fd`, but a `dir_fd` given
    through `functools.partial` costs a keyword dictionary per call, which made the loop
    half as slow again as a plain stat per path. The working folder is put back after, by
    descriptor (O_PATH: no permission needed, and it works when the folder was deleted)."""
    here = root_fd = -1
    try:
        here = os.open(".", _PATH_FLAGS)
        root_fd = os.open(root, _PATH_FLAGS | os.O_DIRECTORY)
        os.fchdir(root_fd)
    except (OSError, AttributeError):  # no fchdir or no descriptor here: whole paths
        for fd in (here, root_fd):
            if fd >= 0:
                os.close(fd)
        yield partial(_stat, root, -1)
        return
    try:
        yield os.stat
    finally:
        try:
            os.fchdir(here)
        finally:
            os.close(here)
            os.close(root_fd)


def edited_in_place(seen: Observed, expected_bytes: bytes) -> Optional[list[tuple[int, int]]]:
    """The files that changed, as (root number, position in its probe paths), when nothing but
    files changed in place: every root and folder mtime as expected (so no file was added,
    removed or renamed). None when something else changed, or the expectation is damaged."""
    expect = unpacked(expected_bytes)
    if expect is None or len(expect) != len(seen):
        return None
    changed: list[tuple[int, int]] = []
    for number, (now, then) in enumerate(zip(seen, expect, strict=True)):
        if now is None or then is None:
            if now is not then:
                return None
            continue
        if now[0] != then[0] or now[1] != then[1] or len(now[2]) != len(then[2]):
            return None
        changed += [(number, position) for position in _differing(now[2], then[2])]
    return changed


def _differing(now: bytes, then: bytes) -> list[int]:
    """The positions of the file marks that differ between two packings of as many files;
    compared a block at a time, then mark by mark in the blocks that differ."""
    out: list[int] = []
    if now == then:
        return out
    a, b = memoryview(now), memoryview(then)
    size = _FILE.size
    block = size * 256
    for start in range(0, len(now), block):
        if a[start : start + block] != b[start : start + block]:
            for at in range(start, min(start + block, len(now)), size):
                if a[at : at + size] != b[at : at + size]:
                    out.append(at // size)
    return out


def _open_folder(path: str) -> int:
    if not _DIR_FD:
        return -1
    try:
        return os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return -1


def settled(state: State, now_ns: int) -> State:
    """The state to store: what changed too recently to be trusted marked unknown (-1): a
    folder's mtime, a file's size. A root with nothing that recent is kept as it is, and so
    is a folder."""
    out: State = []
    trusted = now_ns - RACY_WINDOW_NS  # an mtime after this is too recent
    for folders in state:
        if _newest(folders) <= trusted:
            out.append(folders)
            continue
        kept: dict[str, Folder] = {}
        for slug, folder in folders.items():
            mtime, names, marks = folder
            if mtime <= trusted and _newest({slug: folder}) <= trusted:
                kept[slug] = folder
                continue
            kept[slug] = (
                -1 if now_ns - mtime < RACY_WINDOW_NS else mtime,
                names,
                b"".join(
                    _FILE.pack(m, -1 if now_ns - m < RACY_WINDOW_NS else size, ino, ctime)
                    for m, size, ino, ctime in _FILE.iter_unpack(marks)
                ),
            )
        out.append(kept)
    return out


def _newest(folders: dict[str, Folder]) -> int:
    """The latest mtime among these folders and their files (those of the files read from
    their packed marks at once, every fourth 8-byte value)."""
    marks = memoryview(b"".join(map(_THIRD, folders.values()))).cast("q")
    return max(max(map(_FIRST, folders.values()), default=-1), max(marks[::4], default=-1))


FileInfo = tuple[str, str, int, int, int, int, int]


def flat(roots: Sequence[str], state: State) -> dict[str, FileInfo]:
    """path -> (slug, tag, root number, mtime_ns, size, inode, ctime_ns) of every file in a
    state (an empty state, for an index built anew, has no roots)."""
    out: dict[str, FileInfo] = {}
    for number, (root, folders) in enumerate(zip(roots, state, strict=False)):
        layout = layouts.layout_of(root)
        for folder, (_, names, marks) in folders.items():
            for name, (mtime, size, ino, ctime) in zip(
                _names(names), _FILE.iter_unpack(marks), strict=True
            ):
                slug, tag = term_of(root, folder, name, layout)
                out[os.path.join(root, folder, name)] = (slug, tag, number, mtime, size, ino, ctime)
    return out


def grown(
    roots: Sequence[str], stored: State, seen: Observed, expected_bytes: bytes = b""
) -> Optional[State]:
    """The state now, built from the stored scan and the warm check's stats (`seen`, taken
    for that scan's probe paths) when files and folders were only added or edited: a folder
    whose mtime moved is listed again, each root is listed for new slug folders, and every
    other file's stats are the check's own, so nothing else is stat'ed twice. None when the
    check does not fit the stored scan, or when there are several roots and a slug of one is
    in another (which hides which is the full scan's to decide). A folder whose files' stats
    are the ones the check expected (`expected_bytes`, see `expected`) keeps its stored list
    of files: nothing of it is unpacked."""
    then = unpacked(expected_bytes) or []
    if len(stored) != len(seen) or len(roots) != len(stored):
        return None
    if any(layouts.layout_of(root).kind != layouts.SLUG_FIRST for root in roots):
        return None  # a language-first root's new terms may be folders deep down: scan it
    claimed = [set(folders) for folders in stored]
    state: State = []
    for number, (root, folders, now) in enumerate(zip(roots, stored, seen, strict=True)):
        if now is None:
            if folders:
                return None
            state.append({})
            continue
        folder_marks = folder_mtimes(now[1])
        stored_bytes = sum(map(len, map(_THIRD, folders.values())))
        if len(folder_marks) != len(folders) or len(now[2]) != stored_bytes:
            return None
        before = then[number] if len(then) == len(seen) else None
        expected_files = b"" if before is None else before[2]
        try:
            names = os.listdir(root)
        except OSError:
            return None
        others = set().union(*(claimed[:number] + claimed[number + 1 :]))
        fd = _open_folder(root)
        try:
            grew: dict[str, Folder] = {}
            at = 0
            for (slug, folder), folder_mtime in zip(folders.items(), folder_marks, strict=True):
                mtime, files, marks = folder
                span = slice(at, at + len(marks))
                if folder_mtime == mtime:
                    if now[2][span] == expected_files[span]:
                        grew[slug] = folder  # as stored, and as the check saw them
                    else:
                        grew[slug] = (mtime, files, now[2][span])  # the check's stats
                else:
                    listed = _folder(root, fd, slug, None)
                    if listed is None or slug in others:
                        return None
                    grew[slug] = listed
                at += len(marks)
            for slug in names:
                if slug in grew or not SLUG.match(slug):
                    continue
                if slug in others:
                    return None
                listed = _folder(root, fd, slug, None)
                if listed is not None:
                    grew[slug] = listed
        finally:
            if fd >= 0:
                os.close(fd)
        state.append(grew)
    return state
