"""Whole operations: the edits one reviewer action wrote in one transaction share ``edits.op``.

An action that changes several items at once (assigning a part trims or splits the parts it
overlaps, merging headings, applying the agreed values of a double-coded report) is one
transaction in ``desktop.store.ops``; ``op`` = the id of its first edit, on each of its edits
(NULL for an action that wrote a single edit, as every edit before this revision did). Undo
and redo take a whole group back or forward in one transaction, so a composite edit can never
be half undone.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN without a table rebuild: the triggers and foreign keys on edits stay as they are
    op.add_column("edits", sa.Column("op", sa.Integer(), nullable=True))
    op.create_index("ix_edits_op", "edits", ["op"])


def downgrade() -> None:
    op.drop_index("ix_edits_op", table_name="edits")
    if op.get_bind().dialect.name == "sqlite":  # SQLite 3.35+: no table rebuild
        op.execute("ALTER TABLE edits DROP COLUMN op")
    else:
        op.drop_column("edits", "op")
