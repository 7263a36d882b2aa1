"""Bulk import: the search index is filled after the import, the summaries once per group.

Storing a report cost more than extracting it, most of it in two kinds of trigger: the
trigram index of the report's text (about 4 ms for a 20,000-character report) and the summary
triggers that fired once per item (about 100 per report). This revision (SQLite only; other
databases have neither the index nor the triggers):

- ``search_backlog``: the reports not yet in ``report_fts``. A new report goes there instead
  of into the index; ``desktop.store.searchindex`` moves reports from the backlog into the
  index in short transactions after an import (the window does it in the background), and
  the library's search scans the backlog's texts meanwhile, so it always finds every report.
  A report changed or deleted while in the backlog is not taken out of the index (a
  contentless index must never be told to delete what it does not hold).
- ``deferred_summaries``: report ids whose ``report_summary`` row the importer fills itself,
  in one statement per group of files, before its transaction commits. The items triggers
  skip those reports. The importer adds and removes the ids inside its own write transaction,
  so no other connection ever sees one (``desktop.store.db`` repairs any left over).

Downgrade indexes the backlog and puts revision 0006's triggers back.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

#: what report_fts indexes of a report (as revision 0006)
INDEXED = "({row}.text || char(10, 10) || coalesce({row}.normalised || char(10, 10), ''))"
FLAG_COUNT = (
    "(CASE WHEN json_valid(NEW.flags) AND json_type(NEW.flags) = 'array' THEN json_array_length(NEW.flags) ELSE 0 END)"
)


def _not_deferred(row: str) -> str:
    return f"NOT EXISTS (SELECT 1 FROM deferred_summaries d WHERE d.report_id = {row}.report_id)"


def _indexed_delete(row: str) -> str:
    """Take ``row`` out of the index, unless it is still in the backlog (never indexed)."""
    return f"""INSERT INTO report_fts (report_fts, rowid, text)
            SELECT 'delete', {row}.id, {INDEXED.format(row=row)}
            WHERE NOT EXISTS (SELECT 1 FROM search_backlog b WHERE b.report_id = {row}.id);"""


REPORT_TRIGGERS = {
    "trg_reports_summary_insert": f"""
        AFTER INSERT ON reports BEGIN
            INSERT INTO report_summary (report_id, file_name, state, imported_at, pending, flags)
            VALUES (NEW.id, NEW.file_name, NEW.state, NEW.imported_at, 0, {FLAG_COUNT});
            INSERT INTO search_backlog (report_id) VALUES (NEW.id);
        END""",
    "trg_reports_fts_update": f"""
        AFTER UPDATE OF text, normalised ON reports BEGIN
            {_indexed_delete("OLD")}
            INSERT OR IGNORE INTO search_backlog (report_id) VALUES (NEW.id);
        END""",
    "trg_reports_summary_delete": f"""
        AFTER DELETE ON reports BEGIN
            DELETE FROM report_summary WHERE report_id = OLD.id;
            {_indexed_delete("OLD")}
            DELETE FROM search_backlog WHERE report_id = OLD.id;
            DELETE FROM deferred_summaries WHERE report_id = OLD.id;
        END""",
}
#: the items triggers that fire for every new item: skipped for a report being imported
DEFERRED_ITEM_TRIGGERS = ("trg_items_pending_insert", "trg_items_fields_insert")


def _revision(number: str, name: str) -> ModuleType:
    path = Path(__file__).with_name(f"{number}_{name}.py")
    spec = importlib.util.spec_from_file_location(f"_fazhi_revision_{number}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _item_triggers() -> dict[str, str]:
    old = _revision("0004", "double_coding").ITEM_TRIGGERS
    return {
        name: old[name].replace(" BEGIN", f" AND {_not_deferred('NEW')} BEGIN", 1) for name in DEFERRED_ITEM_TRIGGERS
    }


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.create_table("search_backlog", sa.Column("report_id", sa.Integer(), primary_key=True, autoincrement=False))
    op.create_table("deferred_summaries", sa.Column("report_id", sa.Integer(), primary_key=True, autoincrement=False))
    for name, body in {**REPORT_TRIGGERS, **_item_triggers()}.items():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(
        f"INSERT INTO report_fts (rowid, text) SELECT r.id, {INDEXED.format(row='r')} "
        "FROM reports r JOIN search_backlog b ON b.report_id = r.id"
    )
    previous_reports = _revision("0006", "normalised_search")._triggers()
    previous_items = _revision("0004", "double_coding").ITEM_TRIGGERS
    for name in REPORT_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(f"CREATE TRIGGER {name} {previous_reports[name]}")
    for name in DEFERRED_ITEM_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(f"CREATE TRIGGER {name} {previous_items[name]}")
    op.drop_table("deferred_summaries")
    op.drop_table("search_backlog")
