"""The library view's summary: one narrow row per report, kept current by triggers, and a
trigram full-text index over the reports' text.

- ``report_summary``: per report its file name, state, import time, the six metadata fields
  the library table shows (title, issuer, region, province, level, year; a rejected field is
  null, several items for one field: the latest kept one wins, as in the export), the number
  of pending items and of extractor flags. Sorting, filtering and counting 10,000 reports
  then reads this small table instead of the reports' text and ~80 items per report.
- SQLite keeps it current with triggers on ``reports`` and ``items`` (every writer, in any
  process, any version of the code, goes through them). On other databases the table is
  created but not maintained: ``desktop.store.queries`` computes the rows from the base
  tables there.
- ``report_fts`` (SQLite only): a contentless FTS5 index with the trigram tokenizer over
  ``reports.text`` followed by two newlines (the text is not stored twice), kept current by
  the same triggers. Substring queries of 3 or more characters, Chinese included, are phrase
  queries on it; 1-2 character ones look up the trigrams that begin with them (the two
  newlines give the text's last characters trigrams of their own).

A later revision that rebuilds ``reports`` or ``items`` in batch mode (copy and move) drops
their triggers with the old table: it must create ``SQLITE_TRIGGERS`` of this revision again.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

#: metadata field (items.key) -> report_summary column
FIELD_COLUMNS = {
    "title": "title",
    "issuer": "issuer",
    "region": "region",
    "province": "province",
    "level": "level",
    "report_year": "year",
}


def _field_value(report_id: str, key: str) -> str:
    """SQL: the value that counts for one metadata field of a report (null when rejected)."""
    return (
        f"(SELECT CASE WHEN json_valid(i.data) THEN json_extract(i.data, '$.value') END FROM items i "
        f"WHERE i.report_id = {report_id} AND i.kind = 'field' AND i.key = '{key}' "
        f"AND i.state != 'rejected' ORDER BY i.id DESC LIMIT 1)"
    )


def _flag_count(flags: str) -> str:
    return (
        f"(CASE WHEN json_valid({flags}) AND json_type({flags}) = 'array' THEN json_array_length({flags}) ELSE 0 END)"
    )


def _refresh_fields(report_id: str, changed_key: str | None) -> str:
    """UPDATE of the summary's field columns; only the changed key's column when it is known."""
    sets = []
    for key, col in FIELD_COLUMNS.items():
        value = _field_value(report_id, key)
        if changed_key is None:
            sets.append(f"{col} = {value}")
        else:
            sets.append(f"{col} = CASE WHEN {changed_key} = '{key}' THEN {value} ELSE {col} END")
    return f"UPDATE report_summary SET {', '.join(sets)} WHERE report_id = {report_id};"


#: what report_fts indexes of a report's text
PADDED = "({text} || char(10, 10))"


def _padded(text: str) -> str:
    return PADDED.format(text=text)


_KEYS = ", ".join(f"'{key}'" for key in FIELD_COLUMNS)

SQLITE_TRIGGERS = {
    # ---- reports
    "trg_reports_summary_insert": f"""
        AFTER INSERT ON reports BEGIN
            INSERT INTO report_summary (report_id, file_name, state, imported_at, pending, flags)
            VALUES (NEW.id, NEW.file_name, NEW.state, NEW.imported_at, 0, {_flag_count("NEW.flags")});
            INSERT INTO report_fts (rowid, text) VALUES (NEW.id, {_padded("NEW.text")});
        END""",
    "trg_reports_summary_update": f"""
        AFTER UPDATE OF file_name, state, imported_at, flags ON reports BEGIN
            UPDATE report_summary SET file_name = NEW.file_name, state = NEW.state,
                imported_at = NEW.imported_at, flags = {_flag_count("NEW.flags")}
            WHERE report_id = NEW.id;
        END""",
    "trg_reports_fts_update": f"""
        AFTER UPDATE OF text ON reports BEGIN
            INSERT INTO report_fts (report_fts, rowid, text) VALUES ('delete', OLD.id, {_padded("OLD.text")});
            INSERT INTO report_fts (rowid, text) VALUES (NEW.id, {_padded("NEW.text")});
        END""",
    "trg_reports_summary_delete": f"""
        AFTER DELETE ON reports BEGIN
            DELETE FROM report_summary WHERE report_id = OLD.id;
            INSERT INTO report_fts (report_fts, rowid, text) VALUES ('delete', OLD.id, {_padded("OLD.text")});
        END""",
    # ---- items: pending counts
    "trg_items_pending_insert": """
        AFTER INSERT ON items WHEN NEW.state = 'pending' BEGIN
            UPDATE report_summary SET pending = pending + 1 WHERE report_id = NEW.report_id;
        END""",
    "trg_items_pending_delete": """
        AFTER DELETE ON items WHEN OLD.state = 'pending' BEGIN
            UPDATE report_summary SET pending = pending - 1 WHERE report_id = OLD.report_id;
        END""",
    "trg_items_pending_update": """
        AFTER UPDATE OF state, report_id ON items
        WHEN (OLD.state = 'pending') != (NEW.state = 'pending') OR OLD.report_id != NEW.report_id BEGIN
            UPDATE report_summary SET pending = pending - 1 WHERE report_id = OLD.report_id AND OLD.state = 'pending';
            UPDATE report_summary SET pending = pending + 1 WHERE report_id = NEW.report_id AND NEW.state = 'pending';
        END""",
    # ---- items: metadata fields
    "trg_items_fields_insert": f"""
        AFTER INSERT ON items WHEN NEW.kind = 'field' AND NEW.key IN ({_KEYS}) BEGIN
            {_refresh_fields("NEW.report_id", "NEW.key")}
        END""",
    "trg_items_fields_delete": f"""
        AFTER DELETE ON items WHEN OLD.kind = 'field' AND OLD.key IN ({_KEYS}) BEGIN
            {_refresh_fields("OLD.report_id", "OLD.key")}
        END""",
    "trg_items_fields_update": f"""
        AFTER UPDATE OF data, state, kind, key, report_id ON items
        WHEN (NEW.kind = 'field' AND NEW.key IN ({_KEYS})) OR (OLD.kind = 'field' AND OLD.key IN ({_KEYS})) BEGIN
            {_refresh_fields("OLD.report_id", None)}
            {_refresh_fields("NEW.report_id", None)}
        END""",
}


def upgrade() -> None:
    op.create_table(
        "report_summary",
        sa.Column(
            "report_id",
            sa.Integer(),
            sa.ForeignKey("reports.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Column("file_name", sa.String(500), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("issuer", sa.Text(), nullable=True),
        sa.Column("region", sa.Text(), nullable=True),
        sa.Column("province", sa.Text(), nullable=True),
        sa.Column("level", sa.Text(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("pending", sa.Integer(), nullable=False),
        sa.Column("flags", sa.Integer(), nullable=False),
    )
    if op.get_bind().dialect.name != "sqlite":
        return  # computed from the base tables by desktop.store.queries on other databases
    op.execute("CREATE VIRTUAL TABLE report_fts USING fts5(text, content='', tokenize='trigram', columnsize=0)")
    fields = ", ".join(f"{_field_value('r.id', key)}" for key in FIELD_COLUMNS)
    op.execute(f"""
        INSERT INTO report_summary (report_id, file_name, state, imported_at, pending, flags,
                                    {", ".join(FIELD_COLUMNS.values())})
        SELECT r.id, r.file_name, r.state, r.imported_at,
               (SELECT count(*) FROM items p WHERE p.report_id = r.id AND p.state = 'pending'),
               {_flag_count("r.flags")}, {fields}
        FROM reports r""")
    op.execute(f"INSERT INTO report_fts (rowid, text) SELECT id, {_padded('text')} FROM reports")
    for name, body in SQLITE_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS report_fts")
    op.drop_table("report_summary")
