"""Opening the library: pragmas, permissions, default location, backup and restore.

Tests of a SQLite file's properties are ``sqlite_only``; the rest run on both backends
(PostgreSQL's own opening behaviour: ``test_postgresql.py``)."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.store.db import default_database_path, head_revision, open_store, restore_store
from desktop.store.models import Report
from desktop.store.ops import Operations


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.sqlite_only
def test_every_connection_gets_the_pragmas(store):
    for readonly in (False, True):
        with store.session(readonly=readonly) as session:
            assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert session.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
            assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert session.execute(text("PRAGMA busy_timeout")).scalar() == 5000
    with store.engine.connect() as conn:  # Core connections too
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


@pytest.mark.sqlite_only
def test_file_and_wal_are_owner_only(store, store_path, seeded):
    assert store_path.parent.is_dir()
    Operations(store, "alice").accept(seeded[0]["items"][0], base_version=1)
    for suffix in ("", "-wal", "-shm"):
        path = Path(f"{store_path}{suffix}")
        assert path.exists(), path
        assert mode(path) == 0o600, (path, oct(mode(path)))


def test_an_existing_world_readable_file_is_tightened(tmp_path):
    path = tmp_path / "lib.sqlite3"
    sqlite3.connect(path).close()
    os.chmod(path, 0o644)
    open_store(path).close()
    assert mode(path) == 0o600


def test_default_location_is_the_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = default_database_path()
    assert path == tmp_path / "data" / "fazhi-review" / "library.sqlite3"
    store = open_store()
    try:
        assert store.path == path and path.exists()
    finally:
        store.close()


def test_url_location(tmp_path):
    path = tmp_path / "via-url.sqlite3"
    store = open_store(f"sqlite:///{path}")
    try:
        assert store.path == path and store.url.startswith("sqlite:///")
        with store.session(readonly=True) as session:
            assert session.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    finally:
        store.close()


def test_session_commits_or_rolls_back(store, seeded):
    report_id = seeded[0]["id"]
    with pytest.raises(RuntimeError), store.session() as session:
        session.get(Report, report_id).state = "flagged"
        raise RuntimeError("boom")
    with store.session() as session:
        assert session.get(Report, report_id).state == "new"
        session.get(Report, report_id).state = "done"
    with store.session(readonly=True) as session:
        assert session.get(Report, report_id).state == "done"


def test_readers_are_not_blocked_by_a_writer(store, seeded):
    with store.session() as writer:  # holds the write lock (BEGIN IMMEDIATE)
        writer.get(Report, seeded[0]["id"]).state = "flagged"
        writer.flush()
        with store.session(readonly=True) as reader:
            assert reader.get(Report, seeded[0]["id"]).state == "new"  # the last committed state


@pytest.mark.sqlite_only
def test_no_backup_for_a_new_or_current_library(store_path):
    open_store(store_path).close()
    open_store(store_path).close()
    assert not list(store_path.parent.glob("*.bak"))


@pytest.mark.sqlite_only
def test_backup_and_restore_round_trip(store, store_path, seeded, tmp_path):
    ops = Operations(store, "alice")
    item_id = seeded[0]["items"][0]
    ops.update_item(item_id, {"value": 60}, base_version=1)
    backup = tmp_path / "backups" / "copy.sqlite3"
    store.backup(backup)
    assert mode(backup) == 0o600
    assert not Path(f"{backup}-wal").exists()
    with sqlite3.connect(backup) as check:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    ops.update_item(item_id, {"value": 70}, base_version=2)
    store.close()

    restore_store(backup, store_path)
    assert mode(store_path) == 0o600
    kept = list(store_path.parent.glob("library.sqlite3.before-restore-*.bak"))
    assert len(kept) == 1 and mode(kept[0]) == 0o600  # the replaced library is kept
    reopened = open_store(store_path)
    try:
        assert Operations(reopened, "alice").item(item_id)["data"] == {"value": 60}
        assert len(Operations(reopened, "alice").history(seeded[0]["id"])) == 1
    finally:
        reopened.close()
    with sqlite3.connect(kept[0]) as check:
        assert check.execute("SELECT data FROM items WHERE id=?", (item_id,)).fetchone()[0] == '{"value": 70}'


@pytest.mark.sqlite_only
def test_restore_refuses_a_file_that_is_not_a_library(store, store_path, tmp_path):
    store.close()
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_bytes(b"not a database at all" * 100)
    before = store_path.read_bytes()
    with pytest.raises(ValueError):
        restore_store(bogus, store_path)
    assert store_path.read_bytes() == before
    with pytest.raises(FileNotFoundError):
        restore_store(tmp_path / "missing.sqlite3", store_path)


def test_a_path_that_is_not_a_library_is_refused_and_left_untouched(tmp_path):
    from desktop.store.db import NotALibrary, open_store

    document = tmp_path / "notes.txt"
    document.write_text("not a database", encoding="utf-8")
    document.chmod(0o644)
    with pytest.raises(NotALibrary):
        open_store(document)
    assert document.read_text(encoding="utf-8") == "not a database"
    assert document.stat().st_mode & 0o777 == 0o644
