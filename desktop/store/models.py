"""The library's schema: reports, extraction runs, the items reviewers curate, and the
history of every edit. SQLAlchemy 2 declarative models; Alembic migrations in
``desktop/store/migrations`` create and change these tables (never ``create_all`` on a
user's database).

Design:
- One ``items`` table for everything a reviewer curates (metadata fields, sections, parts,
  metrics): ``kind`` says which, ``key`` names a metadata field, ``data`` holds the item's
  value as JSON in the contract's shape (EXTRACTION_CONTRACT.md). One table keeps the
  edit, undo and conflict machinery the same for every kind.
- ``version`` increases with every write of an item: an edit names the version it was
  based on and is refused when another writer got there first (optimistic concurrency).
- ``edits`` is the history: old and new values, who, when. Undo and redo walk it, so they
  work across restarts and across processes.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import NullType

from .searchtext import default_normalised

ITEM_KINDS = ("field", "section", "part", "metric")
ITEM_SOURCES = ("extractor", "reviewer")
REVIEW_STATES = ("pending", "accepted", "corrected", "rejected", "added")
REPORT_STATES = ("new", "in_review", "done", "flagged")


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON}

    if TYPE_CHECKING:
        # Every model here is declared with __tablename__, so its __table__ is the Table itself
        # (SQLAlchemy types it FromClause, which insert/update/delete refuse).
        __table__: ClassVar[Table]


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Report(Base):
    __tablename__ = "reports"
    __table_args__ = {"sqlite_autoincrement": True}  # ids are never reused (history refers to them)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)  # the text as read: every offset refers to it
    # revision 0006: the normalised text when it differs from ``text`` (traditional script,
    # pinyin notes, mojibake), indexed for search beside it; NULL when the same
    normalised: Mapped[str | None] = mapped_column(Text, nullable=True, default=default_normalised)
    encoding: Mapped[str] = mapped_column(String(40))
    source_format: Mapped[str] = mapped_column(String(10))
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    state: Mapped[str] = mapped_column(String(20), default="new")  # REPORT_STATES
    flags: Mapped[list[Any]] = mapped_column(JSON, default=list)  # the extractor's flags
    version: Mapped[int] = mapped_column(Integer, default=1)

    items: Mapped[list[Item]] = relationship(back_populates="report", cascade="all, delete-orphan")
    runs: Mapped[list[ExtractionRun]] = relationship(back_populates="report", cascade="all, delete-orphan")


class ExtractionRun(Base):
    __tablename__ = "extraction_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    extractor_version: Mapped[str] = mapped_column(String(40))
    ran_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # what changed

    report: Mapped[Report] = relationship(back_populates="runs")


class Item(Base):
    __tablename__ = "items"
    __table_args__ = (
        Index("ix_items_report_kind", "report_id", "kind"),
        Index("ix_items_report_coder", "report_id", "coder"),  # revision 0004
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))  # ITEM_KINDS
    key: Mapped[str | None] = mapped_column(String(40), nullable=True)  # metadata field name
    start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # the value, in the contract's shape
    extracted: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)  # what the extractor said
    source: Mapped[str] = mapped_column(String(10), default="extractor")  # ITEM_SOURCES
    state: Mapped[str] = mapped_column(String(10), default="pending")  # REVIEW_STATES
    confidence: Mapped[float | None] = mapped_column(Float, nullable=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("extraction_runs.id"), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    # revision 0004, double coding (desktop.store.team): NULL = the canonical item (what the
    # export, the library and the insights read); a reviewer's name = that reviewer's own
    # coding copy of a double-coded report, invisible to everything but team.py
    coder: Mapped[str | None] = mapped_column(String(100), nullable=True)
    # a coding copy: the id of the canonical item it was copied from (matches the two
    # coders' copies of one extractor item); NULL for canonical items and items a coder added
    origin: Mapped[int | None] = mapped_column(Integer, nullable=True)

    report: Mapped[Report] = relationship(back_populates="items")


class Edit(Base):
    __tablename__ = "edits"
    __table_args__ = (
        Index("ix_edits_report", "report_id", "id"),
        Index("ix_edits_reviewer", "reviewer", "id"),  # revision 0002: undo/redo over one reviewer's edits
        Index("ix_edits_item", "item_id", "id"),  # revision 0002: an item's last editor; ON DELETE SET NULL
        Index("ix_edits_op", "op"),  # revision 0005: the edits of one whole operation
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="SET NULL"), nullable=True)
    target: Mapped[str] = mapped_column(String(10))  # "item" or "report"
    action: Mapped[str] = mapped_column(String(20))  # update | accept | reject | add | delete | state
    old: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)  # the row's values before
    new: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)  # and after
    reviewer: Mapped[str] = mapped_column(String(100))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), default=utcnow)
    undone: Mapped[bool] = mapped_column(default=False)  # undone edits are redone in order
    reverts: Mapped[int | None] = mapped_column(Integer, nullable=True)  # id of the edit an undo/redo replays
    note: Mapped[str | None] = mapped_column(Text, nullable=True)  # revision 0002: a reviewer's comment
    # revision 0005: the id of the first edit of the whole operation this edit belongs to
    # (assign a part, merge headings, …: one transaction, undone and redone as one); NULL
    # when the operation wrote this edit alone
    op: Mapped[int | None] = mapped_column(Integer, nullable=True)


class Assignment(Base):
    """Revision 0004: a report assigned to a reviewer by a lead. ``double``: the report is
    double-coded, the reviewer codes their own copy of its items (``items.coder``);
    otherwise they edit the canonical items. ``done``: the reviewer finished coding it."""

    __tablename__ = "assignments"
    __table_args__ = (
        UniqueConstraint("report_id", "reviewer", name="uq_assignments_report_reviewer"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    reviewer: Mapped[str] = mapped_column(String(100))
    double: Mapped[bool] = mapped_column(Boolean, default=False)
    assigned_by: Mapped[str] = mapped_column(String(100))
    assigned_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    done: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ReportSummary(Base):
    """One narrow row per report for the library table (revision 0003): the metadata fields it
    shows, the number of pending items and of extractor flags. On SQLite, triggers on
    ``reports`` and ``items`` keep it current; nothing writes it directly."""

    __tablename__ = "report_summary"

    report_id: Mapped[int] = mapped_column(
        ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    file_name: Mapped[str] = mapped_column(String(500))
    state: Mapped[str] = mapped_column(String(20))
    imported_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    issuer: Mapped[str | None] = mapped_column(Text, nullable=True)
    region: Mapped[str | None] = mapped_column(Text, nullable=True)
    province: Mapped[str | None] = mapped_column(Text, nullable=True)
    level: Mapped[str | None] = mapped_column(Text, nullable=True)
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    pending: Mapped[int] = mapped_column(Integer)
    flags: Mapped[int] = mapped_column(Integer)


# The trigram index over reports.text (revision 0003, SQLite only): a contentless FTS5 table and
# the shadow tables SQLite keeps for it. Declared only so that comparing this schema with a
# library's finds nothing missing; the migration creates them, never ``create_all``.
FTS_TABLES = (
    Table("report_fts", Base.metadata, Column("text", NullType())),
    Table(
        "report_fts_data",
        Base.metadata,
        Column("id", Integer, primary_key=True, nullable=True),
        Column("block", LargeBinary),
    ),
    Table(
        "report_fts_idx",
        Base.metadata,
        Column("segid", NullType(), primary_key=True),
        Column("term", NullType(), primary_key=True),
        Column("pgno", NullType()),
        sqlite_with_rowid=False,
    ),
    Table(
        "report_fts_config",
        Base.metadata,
        Column("k", NullType(), primary_key=True),
        Column("v", NullType()),
        sqlite_with_rowid=False,
    ),
)

# Revision 0007 (SQLite only, desktop.store.derived): the reports not yet in report_fts, and
# the reports whose summary row the importer fills itself inside its own transaction.
SEARCH_TABLES = (
    Table("search_backlog", Base.metadata, Column("report_id", Integer, primary_key=True, autoincrement=False)),
    Table("deferred_summaries", Base.metadata, Column("report_id", Integer, primary_key=True, autoincrement=False)),
)
#: the tables that exist on SQLite only
SQLITE_ONLY_TABLES = FTS_TABLES + SEARCH_TABLES
