"""Reviewers' notes on edits; indexes for undo/redo over one reviewer's edits and for an item's edits.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("edits") as batch:
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))
    op.create_index("ix_edits_reviewer", "edits", ["reviewer", "id"])
    op.create_index("ix_edits_item", "edits", ["item_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_edits_item", table_name="edits")
    op.drop_index("ix_edits_reviewer", table_name="edits")
    with op.batch_alter_table("edits") as batch:
        batch.drop_column("note")
