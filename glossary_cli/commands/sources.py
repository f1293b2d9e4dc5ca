"""`glossary source add/list/remove` and `glossary update`: fetched sources, as plain results.

Only `add` and `update` touch the network; every copy is fetched beside its place and renamed
into it (sources/store.py), so that a failure or a kill leaves the previous copy whole."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from glossary_cli.errors import FetchFailed, NotFound, SourceRefused, UsageProblem
from glossary_cli.results import SourceRow, SourcesResult, SourceUpdate, UpdateResult
from glossary_cli.sources import contents
from glossary_cli.sources.fetch import check_ref, fetch_copy, locate
from glossary_cli.sources.state import (
    Record,
    check_name,
    check_subdir,
    installed,
    read_record,
    write_record,
)
from glossary_cli.sources.store import Store, remove_tree
from glossary_cli.text.sanitize import visible


def add(
    data_dir: Path,
    environ: Mapping[str, str],
    name: str,
    where: str,
    ref: str = "",
    subdir: str = "",
    terminal: bool = False,
) -> SourcesResult:
    """Fetch a new source into the data folder; it is read from the next command on."""
    check_name(name)
    subdir = check_subdir(subdir) if subdir else ""
    location = locate(where)
    check_ref(location, ref)
    wanted = Record(name, location.url, location.kind, ref=ref, subdir=subdir)
    with Store(data_dir) as store:
        if store.path(name).exists():
            raise UsageProblem(
                f"there is a source '{name}' already: 'glossary update {name}' fetches it again,"
                f" 'glossary source remove {name}' removes it"
            )
        copy = store.new_copy(name)
        try:
            record = fetch_copy(wanted, copy, environ, terminal)
            assert record is not None  # nothing to compare with: always a copy
            _require_articles(record, copy)
            _write_record(copy, record)
            store.install(name, copy)
        finally:
            remove_tree(copy)  # gone already when it was installed
    return SourcesResult((row(store.path(name), record),))


def _require_articles(record: Record, copy: Path) -> contents.Summary:
    where = visible(record.url)
    if record.subdir and not record.root(copy).is_dir():
        raise SourceRefused(f"{where} has no folder {visible(record.subdir)}; nothing fetched")
    if record.subdir:  # say where it looked: the folder asked for, not the whole repository
        where = f"{where} ({visible(record.subdir)})"
    return contents.require_articles(record.root(copy), where)


def _write_record(copy: Path, record: Record) -> None:
    try:
        write_record(copy, record)
    except OSError as exc:
        raise FetchFailed(f"cannot write {visible(str(copy))}: {exc.strerror or exc}") from None


def row(folder: Path, record: Record | None) -> SourceRow:
    """A source as `source list` shows it, counted from its copy."""
    if record is None:
        damaged = (
            f"its record is damaged; 'glossary source remove {folder.name}', then add it again"
        )
        return SourceRow(folder.name, "", "", "", "", 0, (), "", "", damaged)
    root = record.root(folder)
    problem = None
    if root.is_dir():
        found = contents.summary(root)
    else:  # deleted by hand: update fetches it again
        found = contents.Summary(0, ())
        problem = f"its copy is missing: 'glossary update {record.name}' fetches it again"
    return SourceRow(
        record.name,
        record.url,
        record.kind,
        record.ref,
        record.subdir,
        found.terms,
        found.languages,
        record.updated,
        revision(record),
        problem,
        layout=found.layout,
    )


def revision(record: Record) -> str:
    """Which copy it is: git's commit, or the archive's digest."""
    return record.revision or (f"sha256:{record.sha256}" if record.sha256 else "")


def listing(data_dir: Path) -> SourcesResult:
    """Every source, by name (the order they are read in)."""
    return SourcesResult(tuple(row(folder, record) for folder, record in installed(data_dir)))


def remove(data_dir: Path, name: str) -> None:
    """Remove a source and its copy."""
    check_name(name)
    with Store(data_dir) as store:
        if not store.path(name).is_dir():
            raise NotFound(f"no source '{name}'{_known(data_dir)}")
        store.remove(name)


def _known(data_dir: Path) -> str:
    names = [folder.name for folder, _ in installed(data_dir)]
    return f" (the sources are {', '.join(names)})" if names else " (there are no sources)"


def update(
    data_dir: Path, environ: Mapping[str, str], names: Sequence[str] = (), terminal: bool = False
) -> UpdateResult:
    """Fetch each source named (default: every one) again when it changed. A source that
    fails keeps its copy and is reported; the others are updated all the same."""
    for name in names:
        check_name(name)
    updates: list[SourceUpdate] = []
    with Store(data_dir) as store:
        present = {folder.name for folder, _ in installed(data_dir)}
        unknown = [name for name in names if name not in present]
        if unknown:
            raise NotFound(f"no source '{unknown[0]}'{_known(data_dir)}")
        for name in dict.fromkeys(names or sorted(present)):
            updates.append(_update_one(store, name, environ, terminal))
    return UpdateResult(tuple(updates))


def _update_one(
    store: Store, name: str, environ: Mapping[str, str], terminal: bool
) -> SourceUpdate:
    folder = store.path(name)
    record = read_record(folder)
    if record is None:
        return SourceUpdate(
            name,
            "failed",
            error=f"its record is damaged: 'glossary source remove {name}', then add it again",
            exit_status=SourceRefused.status,
        )
    shown = revision(record)
    copy = store.new_copy(name)
    # A copy that has gone (deleted by hand) is fetched again, whatever the server says.
    previous = record if record.root(folder).is_dir() else None
    try:
        fresh = fetch_copy(record, copy, environ, terminal, previous=previous)
        if fresh is None:
            return SourceUpdate(name, "unchanged", revision=shown)
        _require_articles(fresh, copy)
        changes = contents.changes(record.root(folder), fresh.root(copy))
        _write_record(copy, fresh)
        store.replace(name, copy)
    except (FetchFailed, SourceRefused) as exc:
        return SourceUpdate(name, "failed", revision=shown, error=str(exc), exit_status=exc.status)
    finally:
        remove_tree(copy)
    return SourceUpdate(
        name,
        "updated",
        changes.added,
        changes.changed,
        changes.removed,
        revision(fresh),
    )
