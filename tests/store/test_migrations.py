"""The schema's history: a library made by revision 0001 opens after an upgrade, data intact,
with a backup taken first (SQLite); the newest revision matches the models exactly. On
SQLite and PostgreSQL alike, except the file backup."""

from __future__ import annotations

import json
import sqlite3
import stat

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from desktop.store.db import alembic_config, current_revision, head_revision, open_store
from desktop.store.models import SQLITE_ONLY_TABLES, Base
from desktop.store.ops import Operations

#: an edit's time as the first release wrote it (PostgreSQL: the same instant, zone given)
EDIT_AT = {"sqlite": "2026-01-02 03:04:05", "postgresql": "2026-01-02 03:04:05+00"}


def make_0001_library(location, seed, backend="sqlite"):
    """A library as the first release left it: schema 0001, reports, items and one edit."""
    store = open_store(location, migrate=False)
    with store.engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001")
    assert current_revision(store.engine) == "0001"
    seeded = seed(store, reports=2, items=3)  # reports and items are unchanged since 0001
    item_id = seeded[0]["items"][0]
    old = {
        "id": item_id,
        "data": {"value": 52},
        "state": "pending",
        "source": "extractor",
        "start": 20,
        "end": 23,
        "version": 1,
    }
    new = {**old, "data": {"value": 60}, "state": "corrected", "source": "reviewer", "version": 2}
    with store.engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE items SET data=:data, state='corrected', source='reviewer', version=2, "
                'start=20, "end"=23 WHERE id=:id'
            ),
            {"data": json.dumps({"value": 60}), "id": item_id},
        )
        conn.execute(
            text("UPDATE items SET data=:data WHERE id=:id"),
            {"data": json.dumps({"value": 52}), "id": seeded[0]["items"][1]},
        )
        conn.execute(
            text(
                "INSERT INTO edits (report_id, item_id, target, action, old, new, reviewer, at, undone) "
                "VALUES (:r, :i, 'item', 'update', :old, :new, 'alice', :at, :undone)"
            ),
            {
                "r": seeded[0]["id"],
                "i": item_id,
                "old": json.dumps(old),
                "new": json.dumps(new),
                "at": EDIT_AT[backend],
                "undone": False,
            },
        )
    store.close()
    return seeded


def _rows(location, tables=("reports", "items", "edits")) -> dict[str, list]:
    store = open_store(location, migrate=False)
    try:
        with store.engine.connect() as conn:
            return {
                table: [tuple(row) for row in conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY id")]
                for table in tables
            }
    finally:
        store.close()


def test_a_0001_library_opens_after_the_upgrade_with_its_data(empty_location, seed, backend):
    seeded = make_0001_library(empty_location, seed, backend)
    before = _rows(empty_location)

    store = open_store(empty_location)
    try:
        assert current_revision(store.engine) == head_revision() != "0001"
        with store.engine.connect() as conn:
            reports = [tuple(r) for r in conn.exec_driver_sql("SELECT * FROM reports ORDER BY id")]
            assert [row[:-1] for row in reports] == before["reports"]  # + normalised (0006)
            assert {row[-1] for row in reports} == {None}  # simplified already: nothing more to index
            items = [tuple(r) for r in conn.exec_driver_sql("SELECT * FROM items ORDER BY id")]
            assert [row[:-2] for row in items] == before["items"]  # + coder and origin (0004): canonical items
            assert {row[-2:] for row in items} == {(None, None)}
            edits = conn.exec_driver_sql("SELECT * FROM edits ORDER BY id").all()
            assert [tuple(row)[:-2] for row in edits] == before["edits"]  # + note (0002) and op (0005)
            assert tuple(edits[0])[-2:] == (None, None)
        ops = Operations(store, "alice")
        item_id = seeded[0]["items"][0]
        assert ops.item(item_id)["data"] == {"value": 60}
        [edit] = ops.history(seeded[0]["id"])
        assert edit["reviewer"] == "alice" and edit["at"].startswith("2026-01-02T03:04:05")
        assert ops.undo().item["data"] == {"value": 52}  # the old release's history still works
        assert ops.update_item(seeded[1]["items"][0], {"value": 1}, base_version=1, note="checked").edit_id
    finally:
        store.close()


@pytest.mark.sqlite_only  # PostgreSQL: the upgrade is one transaction, rolled back whole on failure
def test_a_backup_is_taken_before_migrating(store_path, seed):
    make_0001_library(store_path, seed)
    open_store(store_path).close()
    backup = store_path.with_name(f"{store_path.name}.before-{head_revision()}.bak")
    assert backup.exists()
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    with sqlite3.connect(backup) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
        assert raw.execute("SELECT count(*) FROM items").fetchone()[0] == 6
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    open_store(store_path).close()  # already at head: no second backup
    assert len(list(store_path.parent.glob("*.bak"))) == 1


def test_the_newest_revision_matches_the_models(store):
    fts = {table.name for table in SQLITE_ONLY_TABLES}  # the trigram index and its backlog: SQLite only

    def include_object(obj, name, type_, reflected, compare_to) -> bool:
        return store.is_sqlite or type_ != "table" or name not in fts

    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": include_object})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_downgrade_and_upgrade_again(store, seeded):
    ops = Operations(store, "alice")
    ops.update_item(seeded[0]["items"][0], {"value": 60}, base_version=1)
    with store.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0001")
    assert current_revision(store.engine) == "0001"
    with store.engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    assert ops.item(seeded[0]["items"][0])["data"] == {"value": 60}
    assert len(ops.history(seeded[0]["id"])) == 1


def test_revisions_are_a_single_line():
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    assert len(script.get_heads()) == 1
    assert [rev.revision for rev in script.walk_revisions()][::-1] == [
        "0001",
        "0002",
        "0003",
        "0004",
        "0005",
        "0006",
        "0007",
    ]


def test_a_0002_library_with_reports_lists_and_searches_after_the_upgrade(empty_location, seeds_dir):
    """Revision 0003 fills the library's summary and search index from the reports already
    there (SQLite; elsewhere the rows are computed from the base tables: the same answers)."""
    from desktop.store.importer import import_paths
    from desktop.store.queries import LibraryFilter, count_reports, list_reports

    store_path = empty_location
    store = open_store(store_path)
    seeds = sorted(seeds_dir.glob("*.txt"))[:3]
    # imported by this release (its importer writes the newest columns), then taken back to
    # 0002: the library as that release left it, and every downgrade on the way tried
    imported = dict(import_paths(store, seeds, workers=1).imported)
    with store.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0002")
    jiangmen = imported[seeds[0]]
    with store.engine.begin() as conn:  # a reviewer's work before the upgrade
        conn.execute(
            text("UPDATE items SET state = 'rejected' WHERE report_id = :r AND key = 'title'"), {"r": jiangmen}
        )
        conn.execute(
            text("UPDATE items SET state = 'accepted' WHERE report_id = :r AND kind = 'metric'"), {"r": jiangmen}
        )
        pending = conn.execute(
            text("SELECT count(*) FROM items WHERE report_id = :r AND state = 'pending'"), {"r": jiangmen}
        ).scalar()
    store.close()

    store = open_store(store_path)
    try:
        assert current_revision(store.engine) == head_revision()
        rows = list_reports(store, LibraryFilter(), sort="year")
        assert [row.year for row in rows] == [2020, 2022, 2023]
        row = next(r for r in rows if r.id == jiangmen)
        assert (row.title, row.issuer, row.province, row.pending) == (None, "江门市人民政府", "广东省", pending)
        assert row.flags > 0
        assert [r.id for r in list_reports(store, LibraryFilter(search="汕尾市"))] == [imported[seeds[1]]]
        assert count_reports(store, LibraryFilter(search="江门")) == 1  # 1-2 characters
        # the triggers work from now on
        ops = Operations(store, "alice")
        ops.set_report_state(jiangmen, "done", base_version=1)
        assert count_reports(store, LibraryFilter(states=("done",))) == 1
    finally:
        store.close()


def test_the_head_constant_is_alembics_head():
    from desktop.store.migrations import HEAD

    assert HEAD == head_revision()
