"""Search across scripts: ``reports.normalised`` (the normalised text, when it differs from
the text as read) is indexed beside the text.

- ``reports.normalised``: filled here for the reports already there, by the column default
  (``desktop.store.searchtext``) for new ones.
- SQLite: the trigram index ``report_fts`` indexes text and normalised text together; the
  three triggers of revision 0003 that feed it are made again for that, and the index is
  rebuilt. Elsewhere the search reads both columns (``desktop.store.queries``).

Downgrade puts revision 0003's triggers and index back and drops the column.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

FTS_TRIGGERS = ("trg_reports_summary_insert", "trg_reports_fts_update", "trg_reports_summary_delete")
#: what report_fts indexes of a report (revision 0003: the text alone, padded)
INDEXED = "({row}.text || char(10, 10) || coalesce({row}.normalised || char(10, 10), ''))"


def _revision_0003() -> ModuleType:
    path = Path(__file__).with_name("0003_library_summary.py")
    spec = importlib.util.spec_from_file_location("_fazhi_revision_0003", path)
    assert spec is not None and spec.loader is not None  # a .py file beside this one
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _triggers() -> dict[str, str]:
    old = _revision_0003()
    out: dict[str, str] = {}
    for name in FTS_TRIGGERS:
        body = old.SQLITE_TRIGGERS[name]
        for row in ("NEW", "OLD"):
            body = body.replace(old._padded(f"{row}.text"), INDEXED.format(row=row))
        out[name] = body.replace("AFTER UPDATE OF text ON reports", "AFTER UPDATE OF text, normalised ON reports")
    return out


def _fill() -> None:
    from desktop.store.searchtext import search_form

    bind = op.get_bind()
    reports = sa.table(
        "reports", sa.column("id", sa.Integer), sa.column("text", sa.Text), sa.column("normalised", sa.Text)
    )
    ids = [row.id for row in bind.execute(sa.select(reports.c.id))]
    for report_id in ids:  # one text in memory at a time
        text = bind.execute(sa.select(reports.c.text).where(reports.c.id == report_id)).scalar_one()
        normalised = search_form(text)
        if normalised is not None:
            bind.execute(sa.update(reports).where(reports.c.id == report_id).values(normalised=normalised))


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for name in FTS_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.add_column("reports", sa.Column("normalised", sa.Text(), nullable=True))
    _fill()
    if sqlite:
        for name, body in _triggers().items():
            op.execute(f"CREATE TRIGGER {name} {body}")
        op.execute("INSERT INTO report_fts (report_fts) VALUES ('delete-all')")
        op.execute(f"INSERT INTO report_fts (rowid, text) SELECT id, {INDEXED.format(row='reports')} FROM reports")


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        old = _revision_0003()
        for name in FTS_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("ALTER TABLE reports DROP COLUMN normalised")
        for name in FTS_TRIGGERS:
            op.execute(f"CREATE TRIGGER {name} {old.SQLITE_TRIGGERS[name]}")
        op.execute("INSERT INTO report_fts (report_fts) VALUES ('delete-all')")
        op.execute(f"INSERT INTO report_fts (rowid, text) SELECT id, {old._padded('text')} FROM reports")
    else:
        op.drop_column("reports", "normalised")
