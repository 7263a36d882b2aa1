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

No Qt here: the window feeds its QUndoStack from these calls.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from .db import Store
from .models import ITEM_KINDS, REPORT_STATES, Edit, Item, Report, utcnow

ITEMS = Item.__table__
REPORTS = Report.__table__
EDITS = Edit.__table__

# What an edit records of an item: its value, review state, provenance and span.
VALUE_FIELDS = ("data", "state", "source", "start", "end")
# The whole row (for adds and deletes, so that undo can put it back).
ROW_FIELDS = ("id", "report_id", "kind", "key", "start", "end", "data", "extracted", "source", "state",
              "confidence", "run_id", "version", "coder", "origin")
#: row fields added by later revisions: an older edit's snapshot lacks them (None)
_LATER_ROW_FIELDS = ("coder", "origin")
_ITEM_COLUMNS = [ITEMS.c[name] for name in ROW_FIELDS]
_REPORT_COLUMNS = [REPORTS.c.id, REPORTS.c.file_name, REPORTS.c.state, REPORTS.c.version]
UNDO_ACTIONS = ("undo", "redo")
_KIND_NAMES = {"metric": "指标", "field": "字段", "section": "章节", "part": "部分"}


class ConflictError(Exception):
    """Someone else changed the value first; nothing was saved. ``current`` is the row as it
    is now (an item or report dict, or None when it no longer exists)."""

    def __init__(self, message: str, current: dict | None = None) -> None:
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
    item: dict | None  # the item as it is now (None: deleted, or a report-level change)
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


# ---------------------------------------------------------------- rows and snapshots


def _snapshot(row: Mapping[str, Any]) -> dict:
    # "id" too: deleting an item sets edits.item_id to NULL, the snapshot still names it
    return {"id": row["id"], **{name: row[name] for name in VALUE_FIELDS}, "version": row["version"]}


def _full_snapshot(row: Mapping[str, Any]) -> dict:
    return {name: row[name] for name in ROW_FIELDS}


def _same_values(row: Mapping[str, Any] | None, snapshot: Mapping[str, Any] | None) -> bool:
    if row is None or snapshot is None:
        return row is None and snapshot is None
    return all(row[name] == snapshot.get(name) for name in VALUE_FIELDS)


def _snapshot_item_id(edit: Mapping[str, Any]) -> int | None:
    if edit["item_id"] is not None:
        return edit["item_id"]
    for snap in (edit["old"], edit["new"]):
        if snap and snap.get("id") is not None:
            return snap["id"]
    return None


def _as_utc(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(dt.timezone.utc).isoformat()  # PostgreSQL answers in the session's time zone


class Operations:
    """Every write of one reviewer. Thread-compatible (one transaction per call)."""

    def __init__(self, store: Store, reviewer: str) -> None:
        if not reviewer or not reviewer.strip():
            raise ValueError("a reviewer name is needed: every edit records who made it")
        self.store = store
        self.reviewer = reviewer.strip()

    # ------------------------------------------------------------ reading

    def item(self, item_id: int) -> dict:
        with self._read() as conn:
            return self._load_item(conn, item_id)

    def report(self, report_id: int) -> dict:
        with self._read() as conn:
            return self._load_report(conn, report_id)

    def history(self, report_id: int) -> list[dict]:
        """Every edit of a report, oldest first."""
        with self._read() as conn:
            rows = conn.execute(select(EDITS).where(EDITS.c.report_id == report_id)
                                .order_by(EDITS.c.id)).mappings().all()
        return [{"id": r["id"], "report_id": r["report_id"], "item_id": _snapshot_item_id(r),
                 "target": r["target"], "action": r["action"], "old": r["old"], "new": r["new"],
                 "reviewer": r["reviewer"], "at": _as_utc(r["at"]), "undone": bool(r["undone"]),
                 "reverts": r["reverts"], "note": r["note"]} for r in rows]

    # ------------------------------------------------------------ item edits

    def update_item(self, item_id: int, data: dict, *, base_version: int, start: int | None = None,
                    end: int | None = None, note: str | None = None) -> Change:
        """Replace the item's value (``start``/``end`` None: span unchanged). The item becomes
        ``corrected`` (a reviewer-added item stays ``added``) with source ``reviewer``."""
        if not isinstance(data, dict):
            raise InvalidEdit("an item's value is a JSON object (dict)")

        def values(row: Mapping[str, Any]) -> dict:
            out = {"data": data, "source": "reviewer",
                   "state": "added" if row["state"] == "added" else "corrected"}
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

    def add_item(self, report_id: int, kind: str, data: dict, *, start: int | None = None,
                 end: int | None = None, key: str | None = None, note: str | None = None,
                 coder: str | None = None) -> Change:
        """A value the extractor missed: state ``added``, source ``reviewer``. ``coder``: the
        item goes into that reviewer's coding copy of a double-coded report
        (``desktop.store.team.coder_for``); None: a canonical item."""
        if kind not in ITEM_KINDS:
            raise InvalidEdit(f"unknown item kind {kind!r}; one of {', '.join(ITEM_KINDS)}")
        if not isinstance(data, dict):
            raise InvalidEdit("an item's value is a JSON object (dict)")
        with self._write() as conn:
            self._load_report(conn, report_id)
            row = {"report_id": report_id, "kind": kind, "key": key, "start": start, "end": end, "data": data,
                   "extracted": None, "source": "reviewer", "state": "added", "confidence": None,
                   "run_id": None, "version": 1, "coder": coder, "origin": None}
            row["id"] = conn.execute(insert(ITEMS), [{**row, "updated_at": utcnow()}]).inserted_primary_key[0]
            edit_id = self._record(conn, report_id, row["id"], "item", "add", None, _full_snapshot(row), note=note)
            change = Change(edit_id, report_id, row["id"], "add", dict(row), None)
        return change

    def delete_item(self, item_id: int, *, base_version: int, note: str | None = None) -> Change:
        """Delete an item a reviewer added. Extractor items are rejected instead, never deleted."""
        with self._write() as conn:
            row = self._load_item(conn, item_id, lock=True)
            if row["source"] != "reviewer" or row["extracted"] is not None:
                raise InvalidEdit(f"{describe_item(row)} came from the extractor: reject it instead of deleting it")
            self._check_version(conn, row, base_version, "delete")
            self._delete_row(conn, row)
            edit_id = self._record(conn, row["report_id"], None, "item", "delete", _full_snapshot(row), None,
                                   note=note)
            change = Change(edit_id, row["report_id"], item_id, "delete", None, None)
        return change

    # ------------------------------------------------------------ report state

    def set_report_state(self, report_id: int, state: str, *, base_version: int,
                         note: str | None = None) -> Change:
        if state not in REPORT_STATES:
            raise InvalidEdit(f"unknown report state {state!r}; one of {', '.join(REPORT_STATES)}")
        with self._write() as conn:
            report = self._load_report(conn, report_id, lock=True)
            if report["version"] != base_version:
                raise self._report_conflict(conn, report, state)
            self._write_report_state(conn, report, state)
            edit_id = self._record(conn, report_id, None, "report", "state",
                                   {"state": report["state"], "version": report["version"]},
                                   {"state": state, "version": report["version"] + 1}, note=note)
            change = Change(edit_id, report_id, None, "state", None, state)
        return change

    # ------------------------------------------------------------ undo / redo

    def undo(self, report_id: int | None = None) -> Change | None:
        """Undo this reviewer's latest edit that is not undone (of that report, or overall).
        None when there is nothing to undo."""
        with self._write() as conn:
            self._lock_history(conn)
            query = select(EDITS).where(EDITS.c.reviewer == self.reviewer, EDITS.c.undone == False,  # noqa: E712
                                        EDITS.c.action.not_in(UNDO_ACTIONS))
            if report_id is not None:
                query = query.where(EDITS.c.report_id == report_id)
            edit = conn.execute(query.order_by(EDITS.c.id.desc()).limit(1)).mappings().first()
            if edit is None:
                return None
            change = self._replay(conn, edit, "undo")
            conn.execute(update(EDITS).where(EDITS.c.id == edit["id"]).values(undone=True))
        return change

    def redo(self, report_id: int | None = None) -> Change | None:
        """Redo the edit this reviewer undid last, unless a new edit was made since."""
        with self._write() as conn:
            self._lock_history(conn)
            target = self._redo_target(conn, report_id)
            if target is None:
                return None
            change = self._replay(conn, target, "redo")
            conn.execute(update(EDITS).where(EDITS.c.id == target["id"]).values(undone=False))
        return change

    def _redo_target(self, conn: Connection, report_id: int | None) -> Mapping[str, Any] | None:
        original = EDITS.alias("original")
        query = (select(EDITS.c.id, EDITS.c.action, EDITS.c.reverts, original.c.undone)
                 .select_from(EDITS.outerjoin(original, original.c.id == EDITS.c.reverts))
                 .where(EDITS.c.reviewer == self.reviewer))
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

    def _replay(self, conn: Connection, edit: Mapping[str, Any], action: str) -> Change:
        """Undo (back to ``old``) or redo (forward to ``new``) one edit, if nobody changed it since."""
        restore, expected = (edit["old"], edit["new"]) if action == "undo" else (edit["new"], edit["old"])
        if edit["target"] == "report":
            report = self._load_report(conn, edit["report_id"], lock=True)
            if report["state"] != expected["state"]:
                who = self._last_editor(conn, None, edit["report_id"], report["version"])
                raise ConflictError(
                    f"report {report['file_name']} was set to {report['state']} by {who} after your edit; "
                    f"{action} (back to {restore['state']}) was not done", dict(report))
            self._write_report_state(conn, report, restore["state"])
            edit_id = self._record(conn, report["id"], None, "report", action,
                                   {"state": report["state"], "version": report["version"]},
                                   {"state": restore["state"], "version": report["version"] + 1},
                                   reverts=edit["id"])
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
                f"{action} was not done, so that change is kept", dict(row))
        if restore is None:  # undo of an add, redo of a delete
            self._delete_row(conn, row)
            edit_id = self._record(conn, row["report_id"], None, "item", action, _full_snapshot(row), None,
                                   reverts=edit["id"])
            return Change(edit_id, row["report_id"], item_id, action, None, None)
        if row is None:  # undo of a delete, redo of an add: the same row again, same id
            new = {name: restore.get(name) if name in _LATER_ROW_FIELDS else restore[name]
                   for name in ROW_FIELDS}
            new["version"] = restore["version"] + 1
            conn.execute(insert(ITEMS), [{**new, "updated_at": utcnow()}])
            edit_id = self._record(conn, new["report_id"], item_id, "item", action, None, _full_snapshot(new),
                                   reverts=edit["id"])
            return Change(edit_id, new["report_id"], item_id, action, new, None)
        values = {name: restore[name] for name in VALUE_FIELDS}
        return self._write_item(conn, row, values, action, reverts=edit["id"])

    # ------------------------------------------------------------ internals

    @contextlib.contextmanager
    def _write(self) -> Iterator[Connection]:
        # SQLite: BEGIN IMMEDIATE … COMMIT (durable: synchronous=FULL). PostgreSQL: READ
        # COMMITTED, the changed row locked when it is read (module docstring).
        with self.store.engine.begin() as conn:
            yield conn

    def _lock_history(self, conn: Connection) -> None:
        """PostgreSQL: one undo/redo of this reviewer at a time, until the commit."""
        if conn.dialect.name == "postgresql":
            key = int.from_bytes(hashlib.sha256(f"fazhi-undo:{self.reviewer}".encode()).digest()[:8], "big",
                                 signed=True)
            conn.execute(select(func.pg_advisory_xact_lock(key)))

    @contextlib.contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.store.engine.execution_options(fazhi_readonly=True).begin() as conn:
            yield conn

    def _edit_item(self, item_id: int, base_version: int, action: str,
                   values: Callable[[Mapping[str, Any]], dict], mine: str, note: str | None) -> Change:
        with self._write() as conn:
            row = self._load_item(conn, item_id, lock=True)
            self._check_version(conn, row, base_version, mine)
            change = self._write_item(conn, row, values(row), action, note=note)
        return change

    def _write_item(self, conn: Connection, row: Mapping[str, Any], values: dict, action: str, *,
                    reverts: int | None = None, note: str | None = None) -> Change:
        version = row["version"] + 1
        result = conn.execute(update(ITEMS).where(ITEMS.c.id == row["id"], ITEMS.c.version == row["version"])
                              .values(**values, version=version, updated_at=utcnow()))
        if result.rowcount != 1:  # cannot happen under BEGIN IMMEDIATE or FOR NO KEY UPDATE: a second line
            current = self._fetch_item(conn, row["id"])
            raise ConflictError(f"{describe_item(row)} was changed by someone else while you were editing; "
                                f"your change was not saved", current)
        new = {**row, **values, "version": version}
        edit_id = self._record(conn, row["report_id"], row["id"], "item", action, _snapshot(row), _snapshot(new),
                               reverts=reverts, note=note)
        return Change(edit_id, row["report_id"], row["id"], action, new, None)

    def _write_report_state(self, conn: Connection, report: Mapping[str, Any], state: str) -> None:
        result = conn.execute(update(REPORTS).where(REPORTS.c.id == report["id"],
                                                    REPORTS.c.version == report["version"])
                              .values(state=state, version=report["version"] + 1))
        if result.rowcount != 1:
            raise ConflictError(f"report {report['file_name']} was changed by someone else while you were "
                                f"editing; your change ({state}) was not saved",
                                self._load_report(conn, report["id"]))

    def _delete_row(self, conn: Connection, row: Mapping[str, Any]) -> None:
        result = conn.execute(delete(ITEMS).where(ITEMS.c.id == row["id"], ITEMS.c.version == row["version"]))
        if result.rowcount != 1:
            raise ConflictError(f"{describe_item(row)} was changed by someone else while you were editing; "
                                f"it was not deleted", self._fetch_item(conn, row["id"]))

    def _check_version(self, conn: Connection, row: Mapping[str, Any], base_version: int, mine: str) -> None:
        if row["version"] == base_version:
            return
        who = self._last_editor(conn, row["id"], row["report_id"], row["version"])
        raise ConflictError(f"{describe_item(row)} was changed by {who} to {_state_text(row)} while you were "
                            f"editing; your change ({mine}) was not saved", dict(row))

    def _report_conflict(self, conn: Connection, report: Mapping[str, Any], mine: str) -> ConflictError:
        who = self._last_editor(conn, None, report["id"], report["version"])
        return ConflictError(f"report {report['file_name']} was set to {report['state']} by {who} while you "
                             f"were editing; your change ({mine}) was not saved", dict(report))

    def _last_editor(self, conn: Connection, item_id: int | None, report_id: int,
                     version: int | None = None) -> str:
        """Who made the row what it is now: the reviewer of its last edit, unless the row has
        moved on since that edit without one (re-extraction writes no edits)."""
        if item_id is not None:
            query = select(EDITS.c.reviewer, EDITS.c.new).where(EDITS.c.item_id == item_id)
        else:
            query = select(EDITS.c.reviewer, EDITS.c.new).where(EDITS.c.report_id == report_id,
                                                                EDITS.c.target == "report")
        last = conn.execute(query.order_by(EDITS.c.id.desc()).limit(1)).first()
        if last is None or (version is not None and (last.new or {}).get("version") not in (None, version)):
            return "another process (re-extraction or import)"
        return last.reviewer

    def _record(self, conn: Connection, report_id: int, item_id: int | None, target: str, action: str,
                old: dict | None, new: dict | None, *, reverts: int | None = None, note: str | None = None) -> int:
        result = conn.execute(insert(EDITS), [{
            "report_id": report_id, "item_id": item_id, "target": target, "action": action, "old": old,
            "new": new, "reviewer": self.reviewer, "at": utcnow(), "undone": False, "reverts": reverts,
            "note": note}])
        return result.inserted_primary_key[0]

    def _fetch_item(self, conn: Connection, item_id: int | None, *, lock: bool = False) -> dict | None:
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

    def _load_item(self, conn: Connection, item_id: int, *, lock: bool = False) -> dict:
        row = self._fetch_item(conn, item_id, lock=lock)
        if row is None:
            raise NotFound(f"item {item_id} does not exist (deleted by another reviewer?)")
        return row

    def _load_report(self, conn: Connection, report_id: int, *, lock: bool = False) -> dict:
        query = select(*_REPORT_COLUMNS).where(REPORTS.c.id == report_id)
        if lock:
            query = query.with_for_update(key_share=True)
        row = conn.execute(query).mappings().first()
        if row is None:
            raise NotFound(f"report {report_id} does not exist")
        return dict(row)
