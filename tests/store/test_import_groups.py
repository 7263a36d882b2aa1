"""Importing with the process pool writes files in groups (one transaction for several files),
and a user still gets what one transaction per file gave: a file reported done is in the
library, whole; a file another process stored meanwhile is a duplicate that costs no other
file; a failing file leaves nothing behind and costs no file before it; cancel keeps whole
files only; an edit made meanwhile waits for one group, not for the import. On SQLite and
PostgreSQL alike (the edit's wait: SQLite only)."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pytest
from sqlalchemy import event, func, insert, select

from desktop.store import importer
from desktop.store.db import open_store
from desktop.store.importer import import_paths
from desktop.store.models import ExtractionRun, Item, Report
from desktop.store.ops import Operations

FILES = 12


@pytest.fixture
def folder(tmp_path: Path, seeds_dir: Path) -> Path:
    """Twelve different reports (one seed's text with a different ending each)."""
    folder = tmp_path / "reports"
    folder.mkdir()
    text = (seeds_dir / "002_59c7d4ea9493623a.txt").read_text(encoding="utf-8")
    for i in range(FILES):
        (folder / f"r{i:02d}.txt").write_text(text + f"\n附件{i}", encoding="utf-8")
    return folder


@pytest.fixture
def groups(monkeypatch):
    """``groups(files)``: groups of at most ``files`` files, whatever the machine's speed (a
    file waits for its group to fill, and no group is cut short by the time it takes)."""

    def set_size(files: int) -> None:
        monkeypatch.setattr(importer, "GROUP_FILES", files)
        monkeypatch.setattr(importer, "GROUP_WAIT_SECONDS", 600.0)
        monkeypatch.setattr(importer, "GROUP_WRITE_SECONDS", 600.0)

    return set_size


def _reports_per_commit(store) -> list[int]:
    """The number of reports each committed transaction of ``store`` inserted, from now on."""
    commits: list[int] = []
    inserted = [0]

    @event.listens_for(store.engine, "before_cursor_execute")
    def _count(conn, cursor, statement, *args) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO REPORTS"):
            inserted[0] += 1

    @event.listens_for(store.engine, "commit")
    def _commit(conn) -> None:
        if inserted[0]:
            commits.append(inserted[0])
        inserted[0] = 0

    @event.listens_for(store.engine, "rollback")
    def _rollback(conn) -> None:
        inserted[0] = 0

    return commits


def _label(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _whole(store, label: str) -> bool:
    """The file's report is in the library with its extraction run and items."""
    with store.session(readonly=True) as session:
        report_id = session.execute(select(Report.id).where(Report.file_name == label)).scalar_one_or_none()
        if report_id is None:
            return False
        runs = session.execute(
            select(func.count()).select_from(ExtractionRun).where(ExtractionRun.report_id == report_id)
        ).scalar()
        items = session.execute(select(func.count()).select_from(Item).where(Item.report_id == report_id)).scalar()
    return runs == 1 and items > 9


def _library(store) -> dict[str, tuple[int, int]]:
    """file name -> (extraction runs, items) of every report; and no rows without a report."""
    with store.session(readonly=True) as session:
        names = dict(session.execute(select(Report.id, Report.file_name)).all())
        runs = dict(
            session.execute(select(ExtractionRun.report_id, func.count()).group_by(ExtractionRun.report_id)).all()
        )
        items = dict(session.execute(select(Item.report_id, func.count()).group_by(Item.report_id)).all())
    assert set(runs) <= set(names) and set(items) <= set(names)
    return {name: (runs.get(rid, 0), items.get(rid, 0)) for rid, name in names.items()}


def test_groups_commit_together_and_progress_reports_committed_files(store, store_location, folder, groups):
    groups(5)
    commits = _reports_per_commit(store)
    files = sorted(folder.glob("*.txt"))
    calls = []
    other = open_store(store_location)  # another connection: sees committed rows only
    try:

        def progress(done: int, total: int, path: Path) -> None:
            calls.append((done, total, path, _whole(other, _label(path))))

        result = import_paths(store, [folder], workers=2, progress=progress)
    finally:
        other.close()
    assert commits == [5, 5, 2]
    assert calls == [(i + 1, FILES, path, True) for i, path in enumerate(files)]
    assert [p for p, _ in result.imported] == files and result.duplicates == [] and result.failed == []
    assert all(_whole(store, _label(path)) for path in files)


def test_a_group_commits_when_it_has_been_writing_long_enough(store, folder, groups, monkeypatch):
    groups(FILES)
    monkeypatch.setattr(importer, "GROUP_WRITE_SECONDS", 0.0)  # no edit waits behind more than one file
    commits = _reports_per_commit(store)
    result = import_paths(store, [folder], workers=2)
    assert commits == [1] * FILES
    assert len(result.imported) == FILES and all(_whole(store, _label(path)) for path in folder.glob("*.txt"))


def test_a_file_another_process_stored_meanwhile_is_a_duplicate_and_costs_no_other_file(
    store, store_location, folder, groups
):
    groups(FILES)  # all twelve in one group: the duplicate fails the group's transaction
    files = sorted(folder.glob("*.txt"))
    taken = files[4]
    stored = []

    def store_it_elsewhere() -> bool:
        # after the import read the library's hashes, before it writes: another reviewer
        # imports the same file
        if not stored:
            other = open_store(store_location)
            try:
                with other.session() as session:
                    stored.append(
                        session.connection()
                        .execute(
                            insert(Report.__table__),
                            [
                                {
                                    "file_name": "elsewhere.txt",
                                    "sha256": hashlib.sha256(taken.read_bytes()).hexdigest(),
                                    "text": taken.read_text(encoding="utf-8"),
                                    "encoding": "utf-8",
                                    "source_format": "txt",
                                    "state": "new",
                                    "flags": [],
                                    "version": 1,
                                }
                            ],
                        )
                        .inserted_primary_key[0]
                    )
            finally:
                other.close()
        return False

    done = []
    result = import_paths(
        store, [folder], workers=2, cancel=store_it_elsewhere, progress=lambda d, t, path: done.append(path)
    )
    assert result.duplicates == [(taken, stored[0])] and result.failed == []
    assert [p for p, _ in result.imported] == [p for p in files if p != taken]
    assert done == files
    library = _library(store)
    assert library.pop("elsewhere.txt") == (0, 0)  # the other process's report, nothing of ours added
    assert sorted(library) == sorted(_label(p) for p in files if p != taken)
    assert all(runs == 1 and items > 9 for runs, items in library.values())


def _failing_for(monkeypatch, label: str, times: int | None) -> None:
    """The write of the file ``label`` fails (after its rows went in) ``times`` times, or always."""
    original = importer.write_extraction
    failures = [0]

    def write_extraction(session, report_id, rows, summary, *args):
        run_id = original(session, report_id, rows, summary, *args)
        name = session.connection().execute(select(Report.file_name).where(Report.id == report_id)).scalar()
        if name == label and (times is None or failures[0] < times):
            failures[0] += 1
            raise RuntimeError("disk full")
        return run_id

    monkeypatch.setattr(importer, "write_extraction", write_extraction)


def test_a_failure_inside_a_group_costs_no_other_file(store, folder, groups, monkeypatch):
    groups(FILES)
    files = sorted(folder.glob("*.txt"))
    _failing_for(monkeypatch, _label(files[4]), times=1)  # fails in the group, not on its own
    done = []
    result = import_paths(store, [folder], workers=2, progress=lambda d, t, path: done.append(path))
    assert [p for p, _ in result.imported] == files and done == files
    library = _library(store)
    assert sorted(library) == sorted(_label(p) for p in files)
    assert all(runs == 1 and items > 9 for runs, items in library.values())


def test_a_file_that_cannot_be_written_leaves_no_rows_and_keeps_the_files_before_it(store, folder, groups, monkeypatch):
    groups(FILES)
    files = sorted(folder.glob("*.txt"))
    _failing_for(monkeypatch, _label(files[4]), times=None)
    done = []
    with pytest.raises(RuntimeError, match="disk full"):
        import_paths(store, [folder], workers=2, progress=lambda d, t, path: done.append(path))
    assert done == files[:4]  # written again one by one after the group failed, and reported
    library = _library(store)
    assert _label(files[4]) not in library
    assert sorted(library) == sorted(_label(p) for p in done)
    assert all(runs == 1 and items > 9 for runs, items in library.values())


@pytest.mark.sqlite_only  # SQLite's write lock; PostgreSQL locks rows, an edit does not wait for the import
def test_an_edit_made_during_the_import_waits_for_one_group_not_for_the_import(store, folder, groups, monkeypatch):
    groups(2)
    original = importer.write_extraction
    writing, asking = threading.Event(), threading.Event()
    done: list[Path] = []

    def slow_disk(*args):
        if len(done) == 2:  # the second group is being written: it holds the lock until the edit is asked
            writing.set()
            assert asking.wait(60)
        return original(*args)

    monkeypatch.setattr(importer, "write_extraction", slow_disk)
    files = sorted(folder.glob("*.txt"))
    edit: dict[str, int] = {}

    def reviewer() -> None:  # the window's edit, from another thread, on the same library
        writing.wait(timeout=60)
        with store.session(readonly=True) as session:
            item_id = (
                session.execute(
                    select(Item.id)
                    .join(Report, Item.report_id == Report.id)
                    .where(Report.file_name == _label(files[0]))
                )
                .scalars()
                .first()
            )
        edit["asked"] = len(done)
        asking.set()
        Operations(store, "alice").update_item(item_id, {"value": "edited"}, base_version=1)
        edit["saved"] = len(done)

    thread = threading.Thread(target=reviewer)
    thread.start()
    result = import_paths(store, [folder], workers=2, progress=lambda d, t, path: done.append(path))
    thread.join(timeout=60)
    assert len(result.imported) == FILES
    # saved once the group it waited for was written (2 files), not when the import ended
    assert edit["asked"] >= 2 and edit["saved"] - edit["asked"] <= 2
