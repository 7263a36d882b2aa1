"""Reading one report with everything a reviewer sees of it (no Qt): the text as read,
its state and flags, and every item with its review state."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from .db import Store
from .models import Item, Report

ITEM_COLUMNS = (
    "id",
    "report_id",
    "kind",
    "key",
    "start",
    "end",
    "data",
    "extracted",
    "source",
    "state",
    "confidence",
    "version",
    "coder",
    "origin",
)


@dataclass
class ReportRecord:
    id: int
    file_name: str
    text: str
    encoding: str
    source_format: str
    state: str
    version: int
    flags: list[dict[str, Any]]
    items: list[dict[str, Any]] = field(default_factory=list)
    coder: str | None = None  # whose coding copy ``items`` are (None: the canonical items)

    def items_of(self, kind: str) -> list[dict[str, Any]]:
        return [item for item in self.items if item["kind"] == kind]

    def item(self, item_id: int) -> dict[str, Any] | None:
        return next((item for item in self.items if item["id"] == item_id), None)

    def field_value(self, key: str) -> Any:
        for item in self.items:
            if item["kind"] == "field" and item["key"] == key and item["state"] != "rejected":
                return (item["data"] or {}).get("value")
        return None


def item_order(item: dict[str, Any]) -> tuple[str, int, int]:
    """How a report's items are kept: by kind, then position."""
    start = item["start"] if item["start"] is not None else -1
    return (item["kind"], start, item["id"])


def load_report(store: Store, report_id: int, coder: str | None = None) -> ReportRecord | None:
    """The report and its items (sorted by kind, then position), or None when it is gone.
    ``coder`` None: the canonical items (what the export writes); a reviewer's name: that
    reviewer's coding copy of a double-coded report (``desktop.store.team``)."""
    with store.session(readonly=True) as session:
        report = session.get(Report, report_id)
        if report is None:
            return None
        columns = [getattr(Item, name) for name in ITEM_COLUMNS]
        which = Item.coder.is_(None) if coder is None else Item.coder == coder
        rows = session.execute(select(*columns).where(Item.report_id == report_id, which)).all()
        record = ReportRecord(
            id=report.id,
            file_name=report.file_name,
            text=report.text,
            encoding=report.encoding,
            source_format=report.source_format,
            state=report.state,
            version=report.version,
            flags=list(report.flags or []),
            coder=coder,
        )
    record.items = sorted((dict(zip(ITEM_COLUMNS, row)) for row in rows), key=item_order)
    return record


def report_ids(store: Store) -> list[int]:
    with store.session(readonly=True) as session:
        return list(session.execute(select(Report.id).order_by(Report.id)).scalars())
