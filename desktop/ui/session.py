"""The window's one write API, in the manner of Anki's ``CollectionOp``.

Every reviewer action goes through :class:`ReviewSession`: it calls the store's
:class:`~desktop.store.ops.Operations` (one durable transaction that records the edit in the
history), pushes an :class:`EditCommand` on the ``QUndoStack`` and emits ``changed`` so that
every view updates the rows it shows. Undo and redo replay the store's history, so they
survive restarts: when a library is opened, this reviewer's latest edits are put back on the
stack as already done.

An edit of several items (assign a part, merge headings, split a part, apply the agreed
values) is one whole operation of the store (:meth:`ReviewSession.run_op`): one transaction,
one undo step, all or nothing.

A refused edit (someone else changed the item first, an edit that makes no sense) saves
nothing and is reported through ``refused`` with a message for the reviewer.

Every write runs in one background writer thread (:class:`Writer`), in the order asked: a
row lock on a team's PostgreSQL server can hold an edit for seconds, and the window keeps
painting meanwhile. The window waits for the result in a local event loop that leaves the
reviewer's keys and clicks queued until the edit is saved, so edits stay in order and each
is based on the one before; the changes are then applied on the GUI thread.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.store.db import Store
from desktop.store.ops import Change, ConflictError, InvalidEdit, NotFound, Operations, describe_value
from desktop.store.reports import ReportRecord, load_report

#: How many of this reviewer's own edits are put back on the undo stack when a library opens.
RESTORED_UNDO_DEPTH = 200
_REFUSALS = (ConflictError, InvalidEdit, NotFound)


def action_text(action: str, subject: str) -> str:
    """The undo stack's text for one edit: "Accept 52件", "Correct 调解成功率"."""
    names = {
        "accept": QCoreApplication.translate("ReviewSession", "Accept %1"),
        "reject": QCoreApplication.translate("ReviewSession", "Reject %1"),
        "update": QCoreApplication.translate("ReviewSession", "Correct %1"),
        "add": QCoreApplication.translate("ReviewSession", "Add %1"),
        "delete": QCoreApplication.translate("ReviewSession", "Delete %1"),
        "state": QCoreApplication.translate("ReviewSession", "Mark report %1"),
    }
    return names.get(action, "%1").replace("%1", subject)


class _Done(QObject):
    finished = Signal()


class Writer:
    """One background thread that runs the store's writes in order (never Qt from there)."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fazhi-writer")

    def run(self, write: Callable[[], Any]) -> Any:
        """``write()`` in the writer thread; the GUI thread keeps painting until it returns
        (user input waits). Its result, or its exception raised here."""
        future: Future[Any] = self._pool.submit(write)
        loop = QEventLoop()
        done = _Done()
        done.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
        future.add_done_callback(lambda _future: done.finished.emit())
        # the quit is queued: delivered inside exec even when the write finished before it
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        return future.result()

    def close(self) -> None:
        self._pool.shutdown(wait=True)


class EditCommand(QUndoCommand):
    """One saved edit. Pushing it does not redo it (it is already saved); undo and redo go
    through the store's history."""

    def __init__(self, session: ReviewSession, edit_id: int, report_id: int, text: str) -> None:
        super().__init__(text)
        self.session = session
        self.edit_id = edit_id
        self.report_id = report_id
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:  # the edit was saved before it was pushed
            self._pushed = True
            return
        if not self.session._replay("redo", self.text()):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self.session._replay("undo", self.text()):
            self.setObsolete(True)


class ReviewSession(QObject):
    """One reviewer's edits on one library."""

    changed = Signal(object)  # Change: after every saved edit, undo and redo
    libraryChanged = Signal()  # many reports at once: an import, a re-extraction
    refused = Signal(str)  # an edit that was not saved, and why
    saved = Signal(str)  # a short confirmation for the status bar
    replayed = Signal(object)  # list[Change] of an undo or redo: the window shows their item

    def __init__(self, store: Store, reviewer: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.ops = Operations(store, reviewer)
        self.writer = Writer()
        self.destroyed.connect(lambda *_: self.writer.close())
        self.undo_stack = QUndoStack(self)
        #: report id -> the coding copy (coder name) the reviewer works on, or None
        self.coder_of: Callable[[int], str | None] | None = None
        self._restore_undo_stack()

    @property
    def reviewer(self) -> str:
        return self.ops.reviewer

    def set_reviewer(self, reviewer: str) -> None:
        """Edits from now on are recorded under ``reviewer``; the undo stack is theirs."""
        self.ops = Operations(self.store, reviewer)
        self.undo_stack.clear()
        self._restore_undo_stack()

    # ------------------------------------------------------------------ reading

    def load_report(self, report_id: int, coder: str | None = None) -> ReportRecord | None:
        """The canonical items; ``coder``: that reviewer's coding copy of a double-coded report."""
        if coder is not None:
            return load_report(self.store, report_id, coder=coder)
        return load_report(self.store, report_id)

    # ------------------------------------------------------------------ writing

    def accept(self, item: dict[str, Any]) -> Change | None:
        return self._run("accept", item, lambda: self.ops.accept(item["id"], base_version=item["version"]))

    def reject(self, item: dict[str, Any]) -> Change | None:
        return self._run("reject", item, lambda: self.ops.reject(item["id"], base_version=item["version"]))

    def update(
        self, item: dict[str, Any], data: dict[str, Any], *, start: int | None = None, end: int | None = None
    ) -> Change | None:
        return self._run(
            "update",
            {**item, "data": data},
            lambda: self.ops.update_item(item["id"], data, base_version=item["version"], start=start, end=end),
        )

    def add(
        self,
        report_id: int,
        kind: str,
        data: dict[str, Any],
        *,
        start: int | None = None,
        end: int | None = None,
        key: str | None = None,
    ) -> Change | None:
        """A reviewer's item; it goes into their own copy when they double-code the report
        (``coder_of``, set by the team tools, names the copy)."""
        coder = self.coder_of(report_id) if self.coder_of is not None else None
        return self._run(
            "add",
            {"kind": kind, "data": data},
            lambda: self.ops.add_item(report_id, kind, data, start=start, end=end, key=key, coder=coder),
        )

    def delete(self, item: dict[str, Any]) -> Change | None:
        return self._run("delete", item, lambda: self.ops.delete_item(item["id"], base_version=item["version"]))

    def set_report_state(self, report_id: int, state: str, base_version: int) -> Change | None:
        return self._run(
            "state",
            {"data": {"text": state_name(state)}},
            lambda: self.ops.set_report_state(report_id, state, base_version=base_version),
        )

    @contextlib.contextmanager
    def macro(self, text: str) -> Iterator[None]:
        """Several edits that undo and redo as one (each is still its own transaction, saved
        at once): only for edits that stand on their own (an accept and the report's state)."""
        self.undo_stack.beginMacro(text)
        try:
            yield
        finally:
            self.undo_stack.endMacro()

    def run_op(self, text: str, write: Callable[[], list[Change]]) -> list[Change] | None:
        """A whole operation of the store (``write`` returns its changes): one undo step named
        ``text``. None when it was refused (nothing was saved); [] when there was nothing to do."""
        try:
            changes: list[Change] = self.writer.run(write)
        except _REFUSALS as error:
            self.refused.emit(str(error))
            return None
        if changes:
            self.undo_stack.push(EditCommand(self, changes[-1].edit_id, changes[-1].report_id, text))
            for change in changes:
                self.changed.emit(change)
            self.saved.emit(QCoreApplication.translate("ReviewSession", "Saved: %1").replace("%1", text))
        return changes

    def assign_part(
        self, report_id: int, key: str, start: int, end: int, seen: dict[int, int], text: str
    ) -> list[Change] | None:
        coder = self.coder_of(report_id) if self.coder_of is not None else None
        return self.run_op(text, lambda: self.ops.assign_part(report_id, key, start, end, seen=seen, coder=coder))

    def split_part(self, item: dict[str, Any], at: int, text: str) -> list[Change] | None:
        return self.run_op(text, lambda: self.ops.split_part(item["id"], at, base_version=item["version"]))

    def merge_heading(self, item: dict[str, Any], text: str) -> list[Change] | None:
        return self.run_op(text, lambda: self.ops.merge_heading(item["id"], base_version=item["version"]))

    def edit_of(self, edit_id: int) -> dict[str, Any] | None:
        """One edit of the history (its old and new values)."""
        return self.ops.edit(edit_id)

    def _run(self, action: str, item: dict[str, Any], write: Callable[[], Change]) -> Change | None:
        try:
            change: Change = self.writer.run(write)
        except _REFUSALS as error:
            self.refused.emit(str(error))
            return None
        text = action_text(action, describe_value(item.get("data")))
        self.undo_stack.push(EditCommand(self, change.edit_id, change.report_id, text))
        self.changed.emit(change)
        self.saved.emit(QCoreApplication.translate("ReviewSession", "Saved: %1").replace("%1", text))
        return change

    def _replay(self, action: str, text: str) -> bool:
        try:
            changes = self.writer.run(self.ops.undo_changes if action == "undo" else self.ops.redo_changes)
        except _REFUSALS as error:
            self.refused.emit(str(error))
            return False
        if not changes:
            return False
        for change in changes:
            self.changed.emit(change)
        self.replayed.emit(changes)
        if action == "undo":
            self.saved.emit(QCoreApplication.translate("ReviewSession", "Undone: %1").replace("%1", text))
        else:
            self.saved.emit(QCoreApplication.translate("ReviewSession", "Redone: %1").replace("%1", text))
        return True

    def _restore_undo_stack(self) -> None:
        """This reviewer's latest operations that are not undone, oldest first, as done commands."""
        for entry in self.ops.undoable(RESTORED_UNDO_DEPTH):
            data = entry["data"] if entry["data"] is not None else {"text": state_name(entry["state"] or "")}
            text = action_text(entry["action"], describe_value(data))
            self.undo_stack.push(EditCommand(self, entry["edit_id"], entry["report_id"], text))
        self.undo_stack.setClean()


def state_name(state: str) -> str:
    names = {
        "new": QCoreApplication.translate("ReviewSession", "new"),
        "in_review": QCoreApplication.translate("ReviewSession", "in review"),
        "done": QCoreApplication.translate("ReviewSession", "done"),
        "flagged": QCoreApplication.translate("ReviewSession", "flagged"),
        "pending": QCoreApplication.translate("ReviewSession", "pending"),
        "accepted": QCoreApplication.translate("ReviewSession", "accepted"),
        "corrected": QCoreApplication.translate("ReviewSession", "corrected"),
        "rejected": QCoreApplication.translate("ReviewSession", "rejected"),
        "added": QCoreApplication.translate("ReviewSession", "added"),
    }
    return names.get(state, state)
