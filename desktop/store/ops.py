"""The one write API of the library: every reviewer action goes through :class:`Operations`.

Each operation is one short transaction (``BEGIN IMMEDIATE`` … ``COMMIT``): read the row,
check the version the caller based the edit on, write with ``UPDATE … WHERE id=? AND
version=?`` (and check that exactly one row changed, so two writers can never both win),
bump the version, append an :class:`~desktop.store.models.Edit` with the old and new
values, commit. A :class:`Change` is returned only after the commit returned, so when a
caller has one the edit is on disk.

On PostgreSQL (a team's shared library) write transactions run at READ COMMITTED and the
read of the row an operation changes is ``SELECT … FOR NO KEY UPDATE`` (nothing on SQLite,
where BEGIN IMMEDIATE already holds the write lock). Why row locks rather than REPEATABLE
READ with retries:

- The second of two concurrent edits of one item waits for the first one's commit, then
  reads the row as that commit left it, so its version check fails with the same
  ConflictError as on SQLite, naming the other reviewer and the value they saved (the
  edit history row commits with the item, so ``_last_editor`` sees it). Nothing is lost
  and nothing is retried.
- REPEATABLE READ would make that second edit fail with a serialization error instead;
  every operation would need a retry loop, and the message would come from the retry.
- Only the one row changes hands; edits of other items never wait. ``NO KEY`` leaves the
  key-share locks of foreign keys alone: adding an edit row for a report does not wait for
  a reviewer changing that report's state. The ``UPDATE … WHERE version=?`` rowcount check
  stays as a second line of defence (a writer that skips these operations).
- Undo and redo first take a transaction-scoped advisory lock for the reviewer, so two
  windows of one reviewer cannot pick the same edit from the history to undo.

Undo and redo walk the edit history, so they work across restarts and processes. They are
edits themselves (action ``undo``/``redo``, ``reverts`` = the edit replayed); the edit that
was undone gets ``undone = True``. Undo and redo act on this reviewer's own edits only and
are refused (:class:`ConflictError`) when someone else has changed the value since.

Whole operations (as Anki's ``CollectionOp``): an action that changes several items
(:meth:`Operations.assign_part`, :meth:`Operations.merge_heading`,
:meth:`Operations.split_part`, ``team.apply_agreed``) runs in one transaction and returns
the list of its changes; if any step is refused, nothing at all is saved. Its edits share
``edits.op`` (the id of the first), and undo and redo take the whole group back or forward,
again in one transaction.

No Qt here: the window feeds its QUndoStack from these calls.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, CursorResult, RowMapping, delete, false, func, insert, select, update

from .db import Store
from .models import ITEM_KINDS, REPORT_STATES, REVIEW_STATES, Edit, Item, Report, utcnow

__all__ = [
    "ITEM_KINDS",
    "REPORT_STATES",
    "REVIEW_STATES",
    "Change",
    "ConflictError",
    "InvalidEdit",
    "NotFound",
    "Operations",
    "PART_KEYS",
    "describe_item",
    "describe_value",
    "heading_level",
    "is_live",
    "is_reviewer_added",
    "plan_part_assignment",
    "position_order",
    "previous_same_level",
]

ITEMS = Item.__table__
REPORTS = Report.__table__
EDITS = Edit.__table__

# What an edit records of an item: its value, review state, provenance and span.
VALUE_FIELDS = ("data", "state", "source", "start", "end")
# The whole row (for adds and deletes, so that undo can put it back).
ROW_FIELDS = (
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
    "run_id",
    "version",
    "coder",
    "origin",
)
#: row fields added by later revisions: an older edit's snapshot lacks them (None)
_LATER_ROW_FIELDS = ("coder", "origin")
_ITEM_COLUMNS = [ITEMS.c[name] for name in ROW_FIELDS]
_REPORT_COLUMNS = [REPORTS.c.id, REPORTS.c.file_name, REPORTS.c.state, REPORTS.c.version]
UNDO_ACTIONS = ("undo", "redo")
_KIND_NAMES = {"metric": "指标", "field": "字段", "section": "章节", "part": "部分"}
#: The five parts of a report (ANNOTATION_GUIDE.md), in the order a report has them.
PART_KEYS = ("achievements", "leader_duty", "shortcomings", "next_year", "other")


class ConflictError(Exception):
    """Someone else changed the value first; nothing was saved. ``current`` is the row as it
    is now (an item or report dict, or None when it no longer exists)."""

    def __init__(self, message: str, current: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.current = current


class NotFound(LookupError):
    pass


class InvalidEdit(ValueError):
    """The edit makes no sense (unknown state or kind, deleting an extractor item, …)."""


@dataclass(frozen=True)
class Change:
    """What one saved edit changed, for the views."""

    edit_id: int
    report_id: int
    item_id: int | None
    action: str  # update | accept | reject | add | delete | state | undo | redo
    item: dict[str, Any] | None  # the item as it is now (None: deleted, or a report-level change)
    report_state: str | None  # the report's state when the change was to it


# ---------------------------------------------------------------- describing values


def _short(value: Any, limit: int = 60) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_value(data: Mapping[str, Any] | None) -> str:
    """The part of an item's value a researcher recognises: 52件, a title, a part name."""
    if data is None:
        return "(deleted)"
    if "value" in data:
        unit = data.get("unit") or ""
        value = data["value"]
        if "value_to" in data and data["value_to"] is not None:
            value = f"{value}–{data['value_to']}"
        return _short(f"{value}{unit}" if not isinstance(value, (dict, list)) else value)
    for key in ("title", "part", "text"):
        if data.get(key):
            return _short(data[key])
    return _short(dict(data))


def describe_item(row: Mapping[str, Any]) -> str:
    data = row.get("data") or {}
    name = _KIND_NAMES.get(row.get("kind", ""), str(row.get("kind")))
    if row.get("kind") == "metric":
        label = data.get("label") or data.get("indicator") or data.get("text")
    elif row.get("kind") == "field":
        label = row.get("key")
    elif row.get("kind") == "section":
        label = data.get("title")
    else:
        label = data.get("part")
    label = f" {_short(label, 40)}" if label else ""
    return f"{name}{label} (item {row.get('id')})"


def _state_text(row: Mapping[str, Any]) -> str:
    return f"{describe_value(row['data'])} [{row['state']}]"


# ---------------------------------------------------------------- rules of the items


def is_reviewer_added(item: Mapping[str, Any]) -> bool:
    """Items a reviewer added can be deleted; the extractor's are rejected instead."""
    return item.get("source") == "reviewer" and item.get("extracted") is None


def is_live(item: Mapping[str, Any]) -> bool:
    return item.get("state") != "rejected"


def heading_level(item: Mapping[str, Any]) -> int:
    level = (item.get("data") or {}).get("level")
    return level if isinstance(level, int) and not isinstance(level, bool) else 1


def position_order(item: Mapping[str, Any]) -> tuple[Any, Any]:
    start = item.get("start")
    return (start if start is not None else -1, item.get("id") or 0)


def plan_part_assignment(
    parts: Sequence[Mapping[str, Any]], start: int, end: int
) -> tuple[list[tuple[Mapping[str, Any], int, int]], list[Mapping[str, Any]], list[tuple[str, int, int]]]:
    """What making [start, end) a part of its own does to the live parts it overlaps, so that
    every character stays in exactly one part: (spans to update: (part, new start, new end),
    parts to remove, new parts for the tail of a part split in two: (part key, start, end))."""
    updates: list[tuple[Mapping[str, Any], int, int]] = []
    removals: list[Mapping[str, Any]] = []
    additions: list[tuple[str, int, int]] = []
    for part in parts:
        p_start, p_end = part.get("start"), part.get("end")
        if p_start is None or p_end is None or p_end <= start or p_start >= end:
            continue  # no overlap
        if start <= p_start and p_end <= end:
            removals.append(part)  # wholly inside the new part
        elif p_start < start and end < p_end:  # the new part splits it in two
            updates.append((part, p_start, start))
            additions.append(((part.get("data") or {}).get("part", "other"), end, p_end))
        elif p_start < start:
            updates.append((part, p_start, start))  # its tail overlaps: trimmed
        else:
            updates.append((part, end, p_end))  # its head overlaps: starts after the new part
    return updates, removals, additions


def previous_same_level(headings: Sequence[Mapping[str, Any]], item: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The nearest live heading of ``item``'s level before it, when no heading of a higher
    level stands between them (what a heading merges into)."""
    level = heading_level(item)
    before = [
        other
        for other in headings
        if is_live(other) and other["id"] != item["id"] and position_order(other) < position_order(item)
    ]
    for other in sorted(before, key=position_order, reverse=True):
        if heading_level(other) == level:
            return other
        if heading_level(other) < level:
            return None
    return None


# ---------------------------------------------------------------- rows and snapshots


def _snapshot(row: Mapping[str, Any]) -> dict[str, Any]:
    # "id" too: deleting an item sets edits.item_id to NULL, the snapshot still names it
    return {"id": row["id"], **{name: row[name] for name in VALUE_FIELDS}, "version": row["version"]}


def _full_snapshot(row: Mapping[str, Any]) -> dict[str, Any]:
    return {name: row[name] for name in ROW_FIELDS}


def _same_values(row: Mapping[str, Any] | None, snapshot: Mapping[str, Any] | None) -> bool:
    if row is None or snapshot is None:
        return row is None and snapshot is None
    return all(row[name] == snapshot.get(name) for name in VALUE_FIELDS)


def _snapshot_item_id(edit: RowMapping) -> int | None:
    item_id: int | None = edit["item_id"]
    if item_id is not None:
        return item_id
    for snap in (edit["old"], edit["new"]):
        if snap and snap.get("id") is not None:
            snapshot_id: int = snap["id"]
            return snapshot_id
    return None


def _new_id(result: CursorResult[*tuple[Any, ...]]) -> int:
    """The primary key of the one row an INSERT wrote."""
    key = result.inserted_primary_key
    assert key is not None  # None only for statements that are not an INSERT
    new_id: int = key[0]
    return new_id


def _as_utc(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).isoformat()  # PostgreSQL answers in the session's time zone


class Operations:
    """Every write of one reviewer. Thread-compatible (one transaction per call)."""

    def __init__(self, store: Store, reviewer: str) -> None:
        if not reviewer or not reviewer.strip():
            raise ValueError("a reviewer name is needed: every edit records who made it")
        self.store = store
        self.reviewer = reviewer.strip()
        # the transaction of the whole operation under way in this thread, and its edits' ids
        self._local = threading.local()

    # ------------------------------------------------------------ reading

    def item(self, item_id: int) -> dict[str, Any]:
        with self._read() as conn:
            return self._load_item(conn, item_id)

    def report(self, report_id: int) -> dict[str, Any]:
        with self._read() as conn:
            return self._load_report(conn, report_id)

    def history(self, report_id: int) -> list[dict[str, Any]]:
        """Every edit of a report, oldest first."""
        with self._read() as conn:
            rows = (
                conn.execute(select(EDITS).where(EDITS.c.report_id == report_id).order_by(EDITS.c.id)).mappings().all()
            )
        return [
            {
                "id": r["id"],
                "report_id": r["report_id"],
                "item_id": _snapshot_item_id(r),
                "target": r["target"],
                "action": r["action"],
                "old": r["old"],
                "new": r["new"],
                "reviewer": r["reviewer"],
                "at": _as_utc(r["at"]),
                "undone": bool(r["undone"]),
                "reverts": r["reverts"],
                "note": r["note"],
                "op": r["op"],
            }
            for r in rows
        ]

    def edit(self, edit_id: int) -> dict[str, Any] | None:
        """One edit of the history (as in :meth:`history`), None when there is no such edit."""
        with self._read() as conn:
            row = conn.execute(select(EDITS.c.report_id).where(EDITS.c.id == edit_id)).first()
        if row is None:
            return None
        return next((e for e in self.history(row.report_id) if e["id"] == edit_id), None)

    def undoable(self, limit: int = 200) -> list[dict[str, Any]]:
        """This reviewer's latest edits that are not undone, oldest first, one entry per whole
        operation: {"edit_id", "report_id", "action", "data", "state", "count"} (``data``: the
        value of the operation's last edit, None for a report's ``state``)."""
        with self._read() as conn:
            rows = conn.execute(
                select(EDITS.c.id, EDITS.c.report_id, EDITS.c.action, EDITS.c.new, EDITS.c.old, EDITS.c.op)
                .where(
                    EDITS.c.reviewer == self.reviewer, EDITS.c.undone == false(), EDITS.c.action.not_in(UNDO_ACTIONS)
                )
                .order_by(EDITS.c.id.desc())
                .limit(limit)
            ).all()
        out: list[dict[str, Any]] = []
        for row in reversed(rows):
            snapshot = row.new or row.old or {}
            data = snapshot.get("data") if "data" in snapshot else None
            if row.op is not None and out and out[-1]["op"] == row.op:
                out[-1].update(count=out[-1]["count"] + 1, data=data, edit_id=row.id)
                continue
            out.append(
                {
                    "edit_id": row.id,
                    "report_id": row.report_id,
                    "action": row.action,
                    "data": data,
                    "state": snapshot.get("state"),
                    "count": 1,
                    "op": row.op,
                }
            )
        return out

    # ------------------------------------------------------------ item edits

    def update_item(
        self,
        item_id: int,
        data: dict[str, Any],
        *,
        base_version: int,
        start: int | None = None,
        end: int | None = None,
        note: str | None = None,
    ) -> Change:
        """Replace the item's value (``start``/``end`` None: span unchanged). The item becomes
        ``corrected`` (a reviewer-added item stays ``added``) with source ``reviewer``."""
        if not isinstance(data, dict):
            raise InvalidEdit("an item's value is a JSON object (dict)")

        def values(row: Mapping[str, Any]) -> dict[str, Any]:
            out: dict[str, Any] = {
                "data": data,
                "source": "reviewer",
                "state": "added" if row["state"] == "added" else "corrected",
            }
            if start is not None:
                out["start"] = start
            if end is not None:
                out["end"] = end
            return out

        return self._edit_item(item_id, base_version, "update", values, describe_value(data), note)

    def accept(self, item_id: int, *, base_version: int, note: str | None = None) -> Change:
        return self._edit_item(item_id, base_version, "accept", lambda row: {"state": "accepted"}, "accept", note)

    def reject(self, item_id: int, *, base_version: int, note: str | None = None) -> Change:
        return self._edit_item(item_id, base_version, "reject", lambda row: {"state": "rejected"}, "reject", note)

    def add_item(
        self,
        report_id: int,
        kind: str,
        data: dict[str, Any],
        *,
        start: int | None = None,
        end: int | None = None,
        key: str | None = None,
        note: str | None = None,
        coder: str | None = None,
    ) -> Change:
        """A value the extractor missed: state ``added``, source ``reviewer``. ``coder``: the
        item goes into that reviewer's coding copy of a double-coded report
        (``desktop.store.team.coder_for``); None: a canonical item."""
        if kind not in ITEM_KINDS:
            raise InvalidEdit(f"unknown item kind {kind!r}; one of {', '.join(ITEM_KINDS)}")
        if not isinstance(data, dict):
            raise InvalidEdit("an item's value is a JSON object (dict)")
        with self._write() as conn:
            self._load_report(conn, report_id)
            change = self._insert_item(conn, report_id, kind, data, start, end, key, coder, note)
        return change

    def delete_item(self, item_id: int, *, base_version: int, note: str | None = None) -> Change:
        """Delete an item a reviewer added. Extractor items are rejected instead, never deleted."""
        with self._write() as conn:
            row = self._load_item(conn, item_id, lock=True)
            if not is_reviewer_added(row):
                raise InvalidEdit(f"{describe_item(row)} came from the extractor: reject it instead of deleting it")
            self._check_version(conn, row, base_version, "delete")
            change = self._remove(conn, row, note)
        return change

    # ------------------------------------------------------------ whole operations

    @contextlib.contextmanager
    def operation(self) -> Iterator[list[Change]]:
        """Every edit made inside (through this object, in this thread) is one transaction and
        one undo step: the caller appends the changes to the list it is given. An exception
        inside saves nothing at all."""
        if getattr(self._local, "edits", None) is not None:
            raise RuntimeError("whole operations do not nest")
        changes: list[Change] = []
        with self._write() as conn:
            self._local.edits = []
            try:
                yield changes
                edits = self._local.edits
                if len(edits) > 1:
                    conn.execute(update(EDITS).where(EDITS.c.id.in_(edits)).values(op=edits[0]))
            finally:
                self._local.edits = None

    def assign_part(
        self,
        report_id: int,
        key: str,
        start: int,
        end: int,
        *,
        seen: Mapping[int, int] | None = None,
        coder: str | None = None,
        note: str | None = None,
    ) -> list[Change]:
        """Make the text [start, end) a part ``key`` of its own: the live parts it overlaps
        are trimmed, split around it or removed (rejected; deleted when a reviewer added
        them), so that every character stays in exactly one part. A part with exactly that
        span changes its key instead. ``seen``: part id -> the version the caller showed; a
        part that has changed since (or that the caller did not know of) refuses the whole
        assignment. ``coder``: the parts of that reviewer's coding copy. One transaction."""
        if key not in PART_KEYS:
            raise InvalidEdit(f"unknown part {key!r}; one of {', '.join(PART_KEYS)}")
        if start is None or end is None or not 0 <= start < end:
            raise InvalidEdit("a part needs a span of text (start < end)")
        with self.operation() as changes:
            conn = self._local_conn()
            report = self._load_report(conn, report_id, lock=True)  # one assignment per report at a time
            parts = [p for p in self._items_of(conn, report["id"], "part", coder, lock=True) if is_live(p)]

            def checked(part: Mapping[str, Any], mine: str) -> Mapping[str, Any]:
                if seen is not None:
                    self._check_version(conn, part, seen.get(part["id"], -1), mine)
                return part

            same = next((p for p in parts if p["start"] == start and p["end"] == end), None)
            if same is not None:
                if (same["data"] or {}).get("part") != key:
                    checked(same, key)
                    changes.append(
                        self._write_item(
                            conn, same, self._corrected(same, {**same["data"], "part": key}), "update", note=note
                        )
                    )
                return changes
            updates, removals, additions = plan_part_assignment(parts, start, end)
            for part, new_start, new_end in updates:
                checked(part, f"{key} {start}–{end}")
                values = self._corrected(part, dict(part["data"] or {}))
                changes.append(
                    self._write_item(conn, part, {**values, "start": new_start, "end": new_end}, "update", note=note)
                )
            for part in removals:
                checked(part, f"{key} {start}–{end}")
                changes.append(self._remove(conn, part, note))
            for part_key, new_start, new_end in additions:
                changes.append(
                    self._insert_item(
                        conn, report["id"], "part", {"part": part_key}, new_start, new_end, None, coder, note
                    )
                )
            changes.append(self._insert_item(conn, report["id"], "part", {"part": key}, start, end, None, coder, note))
        return changes

    def split_part(self, item_id: int, at: int, *, base_version: int, note: str | None = None) -> list[Change]:
        """Split a part in two at the offset ``at``: it ends there, and a new part of the
        same kind runs from ``at`` to where it ended. One transaction."""
        with self.operation() as changes:
            conn = self._local_conn()
            row = self._load_item(conn, item_id, lock=True)
            if row["kind"] != "part" or not is_live(row):
                raise InvalidEdit(f"{describe_item(row)} is not a part that can be split")
            if row["start"] is None or not row["start"] < at < row["end"]:
                raise InvalidEdit(
                    f"{describe_item(row)} runs from {row['start']} to {row['end']}: it cannot be split at {at}"
                )
            self._check_version(conn, row, base_version, f"split at {at}")
            changes.append(
                self._write_item(
                    conn, row, {**self._corrected(row, dict(row["data"] or {})), "end": at}, "update", note=note
                )
            )
            changes.append(
                self._insert_item(
                    conn, row["report_id"], "part", dict(row["data"] or {}), at, row["end"], None, row["coder"], note
                )
            )
        return changes

    def merge_heading(self, item_id: int, *, base_version: int, note: str | None = None) -> list[Change]:
        """The heading's text joins the previous heading of its level (no higher heading
        between them): that heading now ends where this one ended, and this one is removed
        (rejected; deleted when a reviewer added it). One transaction."""
        with self.operation() as changes:
            conn = self._local_conn()
            row = self._load_item(conn, item_id, lock=True)
            if row["kind"] != "section" or not is_live(row):
                raise InvalidEdit(f"{describe_item(row)} is not a heading that can be merged")
            self._check_version(conn, row, base_version, "merge")
            headings = self._items_of(conn, row["report_id"], "section", row["coder"])
            previous = previous_same_level(headings, row)
            if previous is None:
                raise InvalidEdit(f"{describe_item(row)} has no previous heading of its level to merge with")
            previous = self._load_item(conn, previous["id"], lock=True)
            changes.append(self._remove(conn, row, note))
            end = max(previous["end"] or 0, row["end"] or 0)
            changes.append(
                self._write_item(
                    conn,
                    previous,
                    {**self._corrected(previous, dict(previous["data"])), "end": end},
                    "update",
                    note=note,
                )
            )
        return changes

    def _local_conn(self) -> Connection:
        conn: Connection = self._local.conn  # set by operation() around every caller
        return conn

    @staticmethod
    def _corrected(row: Mapping[str, Any], data: dict[str, Any]) -> dict[str, Any]:
        return {"data": data, "source": "reviewer", "state": "added" if row["state"] == "added" else "corrected"}

    def _remove(self, conn: Connection, row: Mapping[str, Any], note: str | None) -> Change:
        """Delete a reviewer's item, reject an extractor's."""
        if is_reviewer_added(row):
            self._delete_row(conn, row)
            edit_id = self._record(conn, row["report_id"], None, "item", "delete", _full_snapshot(row), None, note=note)
            return Change(edit_id, row["report_id"], row["id"], "delete", None, None)
        return self._write_item(conn, row, {"state": "rejected"}, "reject", note=note)

    def _insert_item(
        self,
        conn: Connection,
        report_id: int,
        kind: str,
        data: dict[str, Any],
        start: int | None,
        end: int | None,
        key: str | None,
        coder: str | None,
        note: str | None,
    ) -> Change:
        row: dict[str, Any] = {
            "report_id": report_id,
            "kind": kind,
            "key": key,
            "start": start,
            "end": end,
            "data": data,
            "extracted": None,
            "source": "reviewer",
            "state": "added",
            "confidence": None,
            "run_id": None,
            "version": 1,
            "coder": coder,
            "origin": None,
        }
        row["id"] = _new_id(conn.execute(insert(ITEMS), [{**row, "updated_at": utcnow()}]))
        edit_id = self._record(conn, report_id, row["id"], "item", "add", None, _full_snapshot(row), note=note)
        return Change(edit_id, report_id, row["id"], "add", dict(row), None)

    def _items_of(
        self, conn: Connection, report_id: int, kind: str, coder: str | None, *, lock: bool = False
    ) -> list[dict[str, Any]]:
        which = ITEMS.c.coder.is_(None) if coder is None else ITEMS.c.coder == coder
        query = select(*_ITEM_COLUMNS).where(ITEMS.c.report_id == report_id, ITEMS.c.kind == kind, which)
        if lock:
            query = query.with_for_update(key_share=True)
        return sorted((dict(r) for r in conn.execute(query).mappings()), key=position_order)

    # ------------------------------------------------------------ report state

    def set_report_state(self, report_id: int, state: str, *, base_version: int, note: str | None = None) -> Change:
        if state not in REPORT_STATES:
            raise InvalidEdit(f"unknown report state {state!r}; one of {', '.join(REPORT_STATES)}")
        with self._write() as conn:
            report = self._load_report(conn, report_id, lock=True)
            if report["version"] != base_version:
                raise self._report_conflict(conn, report, state)
            self._write_report_state(conn, report, state)
            edit_id = self._record(
                conn,
                report_id,
                None,
                "report",
                "state",
                {"state": report["state"], "version": report["version"]},
                {"state": state, "version": report["version"] + 1},
                note=note,
            )
            change = Change(edit_id, report_id, None, "state", None, state)
        return change

    # ------------------------------------------------------------ undo / redo

    def undo(self, report_id: int | None = None) -> Change | None:
        """Undo this reviewer's latest edit that is not undone (of that report, or overall):
        the last change of :meth:`undo_changes`, None when there is nothing to undo."""
        changes = self.undo_changes(report_id)
        return changes[-1] if changes else None

    def redo(self, report_id: int | None = None) -> Change | None:
        """Redo the edit this reviewer undid last, unless a new edit was made since."""
        changes = self.redo_changes(report_id)
        return changes[-1] if changes else None

    def undo_changes(self, report_id: int | None = None) -> list[Change]:
        """Undo this reviewer's latest operation that is not undone, every edit of it (latest
        first), in one transaction; [] when there is nothing to undo."""
        with self.operation() as changes:
            conn = self._local_conn()
            self._lock_history(conn)
            query = select(EDITS).where(
                EDITS.c.reviewer == self.reviewer, EDITS.c.undone == false(), EDITS.c.action.not_in(UNDO_ACTIONS)
            )
            if report_id is not None:
                query = query.where(EDITS.c.report_id == report_id)
            edit = conn.execute(query.order_by(EDITS.c.id.desc()).limit(1)).mappings().first()
            if edit is None:
                return changes
            for one in self._group(conn, edit, newest_first=True):
                changes.append(self._replay(conn, one, "undo"))
                conn.execute(update(EDITS).where(EDITS.c.id == one["id"]).values(undone=True))
        return changes

    def redo_changes(self, report_id: int | None = None) -> list[Change]:
        """Redo the operation this reviewer undid last (every edit of it, in order), unless a
        new edit was made since; [] when there is nothing to redo."""
        with self.operation() as changes:
            conn = self._local_conn()
            self._lock_history(conn)
            target = self._redo_target(conn, report_id)
            if target is None:
                return changes
            for one in self._group(conn, target, newest_first=False):
                changes.append(self._replay(conn, one, "redo"))
                conn.execute(update(EDITS).where(EDITS.c.id == one["id"]).values(undone=False))
        return changes

    def _group(self, conn: Connection, edit: RowMapping, *, newest_first: bool) -> list[RowMapping]:
        """The edits of ``edit``'s whole operation (just ``edit`` when it was alone)."""
        if edit["op"] is None:
            return [edit]
        order = EDITS.c.id.desc() if newest_first else EDITS.c.id
        return list(conn.execute(select(EDITS).where(EDITS.c.op == edit["op"]).order_by(order)).mappings())

    def _redo_target(self, conn: Connection, report_id: int | None) -> RowMapping | None:
        original = EDITS.alias("original")
        query = (
            select(EDITS.c.id, EDITS.c.action, EDITS.c.reverts, original.c.undone)
            .select_from(EDITS.outerjoin(original, original.c.id == EDITS.c.reverts))
            .where(EDITS.c.reviewer == self.reviewer)
        )
        if report_id is not None:
            query = query.where(EDITS.c.report_id == report_id)
        for row in conn.execute(query.order_by(EDITS.c.id.desc())):
            if row.action == "redo":
                continue
            if row.action == "undo":
                if row.undone:
                    return conn.execute(select(EDITS).where(EDITS.c.id == row.reverts)).mappings().one()
                continue
            return None  # a new edit since the last undo: nothing to redo
        return None

    def _replay(self, conn: Connection, edit: RowMapping, action: str) -> Change:
        """Undo (back to ``old``) or redo (forward to ``new``) one edit, if nobody changed it since."""
        restore, expected = (edit["old"], edit["new"]) if action == "undo" else (edit["new"], edit["old"])
        if edit["target"] == "report":
            report = self._load_report(conn, edit["report_id"], lock=True)
            if report["state"] != expected["state"]:
                who = self._last_editor(conn, None, edit["report_id"], report["version"])
                raise ConflictError(
                    f"report {report['file_name']} was set to {report['state']} by {who} after your edit; "
                    f"{action} (back to {restore['state']}) was not done",
                    dict(report),
                )
            self._write_report_state(conn, report, restore["state"])
            edit_id = self._record(
                conn,
                report["id"],
                None,
                "report",
                action,
                {"state": report["state"], "version": report["version"]},
                {"state": restore["state"], "version": report["version"] + 1},
                reverts=edit["id"],
            )
            return Change(edit_id, report["id"], None, action, None, restore["state"])

        item_id = _snapshot_item_id(edit)
        row = self._fetch_item(conn, item_id, lock=True)
        if not _same_values(row, expected):
            shown = row if row is not None else (expected or restore)
            if row is None:
                raise ConflictError(f"{describe_item(shown)} was deleted after your edit; {action} was not done")
            who = self._last_editor(conn, item_id, edit["report_id"], row["version"])
            raise ConflictError(
                f"{describe_item(shown)} was changed by {who} to {_state_text(row)} after your edit; "
                f"{action} was not done, so that change is kept",
                dict(row),
            )
        if restore is None:  # undo of an add, redo of a delete
            # expected is then the add's (or the delete's) snapshot, never None, so _same_values
            # above held only with a row
            assert row is not None
            self._delete_row(conn, row)
            edit_id = self._record(
                conn, row["report_id"], None, "item", action, _full_snapshot(row), None, reverts=edit["id"]
            )
            return Change(edit_id, row["report_id"], item_id, action, None, None)
        if row is None:  # undo of a delete, redo of an add: the same row again, same id
            new = {name: restore.get(name) if name in _LATER_ROW_FIELDS else restore[name] for name in ROW_FIELDS}
            new["version"] = restore["version"] + 1
            conn.execute(insert(ITEMS), [{**new, "updated_at": utcnow()}])
            edit_id = self._record(
                conn, new["report_id"], item_id, "item", action, None, _full_snapshot(new), reverts=edit["id"]
            )
            return Change(edit_id, new["report_id"], item_id, action, new, None)
        values = {name: restore[name] for name in VALUE_FIELDS}
        return self._write_item(conn, row, values, action, reverts=edit["id"])

    # ------------------------------------------------------------ internals

    @contextlib.contextmanager
    def _write(self) -> Iterator[Connection]:
        # SQLite: BEGIN IMMEDIATE … COMMIT (durable: synchronous=FULL). PostgreSQL: READ
        # COMMITTED, the changed row locked when it is read (module docstring). Inside a
        # whole operation: its transaction.
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            yield conn
            return
        with self.store.engine.begin() as conn:
            self._local.conn = conn
            try:
                yield conn
            finally:
                self._local.conn = None

    def _lock_history(self, conn: Connection) -> None:
        """PostgreSQL: one undo/redo of this reviewer at a time, until the commit."""
        if conn.dialect.name == "postgresql":
            key = int.from_bytes(
                hashlib.sha256(f"fazhi-undo:{self.reviewer}".encode()).digest()[:8], "big", signed=True
            )
            conn.execute(select(func.pg_advisory_xact_lock(key)))

    @contextlib.contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.store.engine.execution_options(fazhi_readonly=True).begin() as conn:
            yield conn

    def _edit_item(
        self,
        item_id: int,
        base_version: int,
        action: str,
        values: Callable[[Mapping[str, Any]], dict[str, Any]],
        mine: str,
        note: str | None,
    ) -> Change:
        with self._write() as conn:
            row = self._load_item(conn, item_id, lock=True)
            self._check_version(conn, row, base_version, mine)
            change = self._write_item(conn, row, values(row), action, note=note)
        return change

    def _write_item(
        self,
        conn: Connection,
        row: Mapping[str, Any],
        values: dict[str, Any],
        action: str,
        *,
        reverts: int | None = None,
        note: str | None = None,
    ) -> Change:
        version = row["version"] + 1
        result = conn.execute(
            update(ITEMS)
            .where(ITEMS.c.id == row["id"], ITEMS.c.version == row["version"])
            .values(**values, version=version, updated_at=utcnow())
        )
        if result.rowcount != 1:  # cannot happen under BEGIN IMMEDIATE or FOR NO KEY UPDATE: a second line
            current = self._fetch_item(conn, row["id"])
            raise ConflictError(
                f"{describe_item(row)} was changed by someone else while you were editing; your change was not saved",
                current,
            )
        new = {**row, **values, "version": version}
        edit_id = self._record(
            conn,
            row["report_id"],
            row["id"],
            "item",
            action,
            _snapshot(row),
            _snapshot(new),
            reverts=reverts,
            note=note,
        )
        return Change(edit_id, row["report_id"], row["id"], action, new, None)

    def _write_report_state(self, conn: Connection, report: Mapping[str, Any], state: str) -> None:
        result = conn.execute(
            update(REPORTS)
            .where(REPORTS.c.id == report["id"], REPORTS.c.version == report["version"])
            .values(state=state, version=report["version"] + 1)
        )
        if result.rowcount != 1:
            raise ConflictError(
                f"report {report['file_name']} was changed by someone else while you were "
                f"editing; your change ({state}) was not saved",
                self._load_report(conn, report["id"]),
            )

    def _delete_row(self, conn: Connection, row: Mapping[str, Any]) -> None:
        result = conn.execute(delete(ITEMS).where(ITEMS.c.id == row["id"], ITEMS.c.version == row["version"]))
        if result.rowcount != 1:
            raise ConflictError(
                f"{describe_item(row)} was changed by someone else while you were editing; it was not deleted",
                self._fetch_item(conn, row["id"]),
            )

    def _check_version(self, conn: Connection, row: Mapping[str, Any], base_version: int, mine: str) -> None:
        if row["version"] == base_version:
            return
        who = self._last_editor(conn, row["id"], row["report_id"], row["version"])
        raise ConflictError(
            f"{describe_item(row)} was changed by {who} to {_state_text(row)} while you were "
            f"editing; your change ({mine}) was not saved",
            dict(row),
        )

    def _report_conflict(self, conn: Connection, report: Mapping[str, Any], mine: str) -> ConflictError:
        who = self._last_editor(conn, None, report["id"], report["version"])
        return ConflictError(
            f"report {report['file_name']} was set to {report['state']} by {who} while you "
            f"were editing; your change ({mine}) was not saved",
            dict(report),
        )

    def _last_editor(self, conn: Connection, item_id: int | None, report_id: int, version: int | None = None) -> str:
        """Who made the row what it is now: the reviewer of its last edit, unless the row has
        moved on since that edit without one (re-extraction writes no edits)."""
        if item_id is not None:
            query = select(EDITS.c.reviewer, EDITS.c.new).where(EDITS.c.item_id == item_id)
        else:
            query = select(EDITS.c.reviewer, EDITS.c.new).where(
                EDITS.c.report_id == report_id, EDITS.c.target == "report"
            )
        last = conn.execute(query.order_by(EDITS.c.id.desc()).limit(1)).first()
        if last is None or (version is not None and (last.new or {}).get("version") not in (None, version)):
            return "another process (re-extraction or import)"
        reviewer: str = last.reviewer
        return reviewer

    def _record(
        self,
        conn: Connection,
        report_id: int,
        item_id: int | None,
        target: str,
        action: str,
        old: dict[str, Any] | None,
        new: dict[str, Any] | None,
        *,
        reverts: int | None = None,
        note: str | None = None,
    ) -> int:
        result = conn.execute(
            insert(EDITS),
            [
                {
                    "report_id": report_id,
                    "item_id": item_id,
                    "target": target,
                    "action": action,
                    "old": old,
                    "new": new,
                    "reviewer": self.reviewer,
                    "at": utcnow(),
                    "undone": False,
                    "reverts": reverts,
                    "note": note,
                }
            ],
        )
        edit_id = _new_id(result)
        edits = getattr(self._local, "edits", None)
        if edits is not None:
            edits.append(edit_id)
        return edit_id

    def _fetch_item(self, conn: Connection, item_id: int | None, *, lock: bool = False) -> dict[str, Any] | None:
        """The item row; ``lock``: the row this transaction is about to change (FOR NO KEY
        UPDATE on PostgreSQL, which waits for a concurrent writer's commit and then reads
        what it committed; SQLite renders no lock clause: BEGIN IMMEDIATE holds the file)."""
        if item_id is None:
            return None
        query = select(*_ITEM_COLUMNS).where(ITEMS.c.id == item_id)
        if lock:
            query = query.with_for_update(key_share=True)
        row = conn.execute(query).mappings().first()
        return dict(row) if row is not None else None

    def _load_item(self, conn: Connection, item_id: int, *, lock: bool = False) -> dict[str, Any]:
        row = self._fetch_item(conn, item_id, lock=lock)
        if row is None:
            raise NotFound(f"item {item_id} does not exist (deleted by another reviewer?)")
        return row

    def _load_report(self, conn: Connection, report_id: int, *, lock: bool = False) -> dict[str, Any]:
        query = select(*_REPORT_COLUMNS).where(REPORTS.c.id == report_id)
        if lock:
            query = query.with_for_update(key_share=True)
        row = conn.execute(query).mappings().first()
        if row is None:
            raise NotFound(f"report {report_id} does not exist")
        return dict(row)
