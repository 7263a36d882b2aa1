"""Double coding: reviewers' own coding copies of a report's items, and assignments.

- ``items.coder``: NULL for the canonical items (what the export, the library, the insights
  and re-extraction read: every one of them now says ``coder IS NULL``); a reviewer's name
  for that reviewer's independent coding copy of a double-coded report
  (``desktop.store.team``). ``items.origin``: in a coding copy, the id of the canonical
  item it was copied from, so the two coders' copies of one extractor item match.
  Index (report_id, coder).
- ``assignments``: a report assigned to a reviewer by a lead (``double``: double coding),
  ``done`` when the reviewer finished; one row per (report, reviewer).
- SQLite: the ``report_summary`` triggers of revision 0003 counted every item; they are
  made again here counting canonical items only (pending counts and metadata fields).
  The columns are added with ALTER TABLE (no table rebuild), so the other triggers and the
  edits' foreign keys to ``items`` stay as they are.

Downgrade deletes the coding copies (they would become canonical items otherwise), drops
the columns and the table, and puts revision 0003's triggers back.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

#: metadata field (items.key) -> report_summary column (as in revision 0003)
FIELD_COLUMNS = {
    "title": "title",
    "issuer": "issuer",
    "region": "region",
    "province": "province",
    "level": "level",
    "report_year": "year",
}
_KEYS = ", ".join(f"'{key}'" for key in FIELD_COLUMNS)


def _field_value(report_id: str, key: str) -> str:
    """SQL: the value that counts for one metadata field of a report (canonical items only)."""
    return (
        f"(SELECT CASE WHEN json_valid(i.data) THEN json_extract(i.data, '$.value') END FROM items i "
        f"WHERE i.report_id = {report_id} AND i.kind = 'field' AND i.key = '{key}' "
        f"AND i.state != 'rejected' AND i.coder IS NULL ORDER BY i.id DESC LIMIT 1)"
    )


def _refresh_fields(report_id: str, changed_key: str | None) -> str:
    sets = []
    for key, col in FIELD_COLUMNS.items():
        value = _field_value(report_id, key)
        if changed_key is None:
            sets.append(f"{col} = {value}")
        else:
            sets.append(f"{col} = CASE WHEN {changed_key} = '{key}' THEN {value} ELSE {col} END")
    return f"UPDATE report_summary SET {', '.join(sets)} WHERE report_id = {report_id};"


def _canonical_field(row: str) -> str:
    return f"({row}.kind = 'field' AND {row}.key IN ({_KEYS}) AND {row}.coder IS NULL)"


def _canonical_pending(row: str) -> str:
    return f"({row}.state = 'pending' AND {row}.coder IS NULL)"


#: the items triggers of revision 0003, counting canonical items only (same names)
ITEM_TRIGGERS = {
    "trg_items_pending_insert": f"""
        AFTER INSERT ON items WHEN {_canonical_pending("NEW")} BEGIN
            UPDATE report_summary SET pending = pending + 1 WHERE report_id = NEW.report_id;
        END""",
    "trg_items_pending_delete": f"""
        AFTER DELETE ON items WHEN {_canonical_pending("OLD")} BEGIN
            UPDATE report_summary SET pending = pending - 1 WHERE report_id = OLD.report_id;
        END""",
    "trg_items_pending_update": f"""
        AFTER UPDATE OF state, report_id, coder ON items
        WHEN {_canonical_pending("OLD")} != {_canonical_pending("NEW")} OR OLD.report_id != NEW.report_id BEGIN
            UPDATE report_summary SET pending = pending - 1
            WHERE report_id = OLD.report_id AND {_canonical_pending("OLD")};
            UPDATE report_summary SET pending = pending + 1
            WHERE report_id = NEW.report_id AND {_canonical_pending("NEW")};
        END""",
    "trg_items_fields_insert": f"""
        AFTER INSERT ON items WHEN {_canonical_field("NEW")} BEGIN
            {_refresh_fields("NEW.report_id", "NEW.key")}
        END""",
    "trg_items_fields_delete": f"""
        AFTER DELETE ON items WHEN {_canonical_field("OLD")} BEGIN
            {_refresh_fields("OLD.report_id", "OLD.key")}
        END""",
    "trg_items_fields_update": f"""
        AFTER UPDATE OF data, state, kind, key, report_id, coder ON items
        WHEN {_canonical_field("NEW")} OR {_canonical_field("OLD")} BEGIN
            {_refresh_fields("OLD.report_id", None)}
            {_refresh_fields("NEW.report_id", None)}
        END""",
}


def _revision_0003() -> ModuleType:
    path = Path(__file__).with_name("0003_library_summary.py")
    spec = importlib.util.spec_from_file_location("_fazhi_revision_0003", path)
    assert spec is not None and spec.loader is not None  # a .py file beside this one
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    # ALTER TABLE … ADD COLUMN on every database (no batch rebuild: it would drop the triggers
    # and, with foreign keys on, null the edits' item ids while the old table is dropped)
    op.add_column("items", sa.Column("coder", sa.String(100), nullable=True))
    op.add_column("items", sa.Column("origin", sa.Integer(), nullable=True))
    op.create_index("ix_items_report_coder", "items", ["report_id", "coder"])
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("report_id", sa.Integer(), sa.ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
        sa.Column("reviewer", sa.String(100), nullable=False),
        sa.Column("double", sa.Boolean(), nullable=False),
        sa.Column("assigned_by", sa.String(100), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.UniqueConstraint("report_id", "reviewer", name="uq_assignments_report_reviewer"),
        sqlite_autoincrement=True,
    )
    if sqlite:
        for name, body in ITEM_TRIGGERS.items():
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
            op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.execute("DELETE FROM items WHERE coder IS NOT NULL")
    op.drop_table("assignments")
    if sqlite:
        for name in ITEM_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_items_report_coder", table_name="items")
    if sqlite:  # SQLite 3.35+: no table rebuild (see upgrade)
        op.execute("ALTER TABLE items DROP COLUMN origin")
        op.execute("ALTER TABLE items DROP COLUMN coder")
        previous = _revision_0003().SQLITE_TRIGGERS
        for name in ITEM_TRIGGERS:
            op.execute(f"CREATE TRIGGER {name} {previous[name]}")
    else:
        op.drop_column("items", "origin")
        op.drop_column("items", "coder")
