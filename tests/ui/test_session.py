"""The window's write API: every edit saved at once, on the undo stack, undoable after a restart."""

from __future__ import annotations

import pytest

from desktop.store.db import open_store
from desktop.store.importer import import_paths
from desktop.ui.session import ReviewSession


@pytest.fixture()
def library(tmp_path, seeds_dir):
    path = tmp_path / "lib.sqlite3"
    store = open_store(path)
    import_paths(store, [seeds_dir / "001_a08c839c0d0a26f1.txt"], workers=1)
    yield store, path
    store.close()


def _first_metric(session: ReviewSession) -> dict:
    record = session.load_report(1)
    return record.items_of("metric")[0]


def test_an_accept_is_saved_at_once_and_undone_through_the_stack(qtbot, library):
    store, _ = library
    session = ReviewSession(store, "张三")
    metric = _first_metric(session)
    with qtbot.waitSignal(session.changed) as changed:
        session.accept(metric)
    assert changed.args[0].item["state"] == "accepted"
    assert session.load_report(1).item(metric["id"])["state"] == "accepted"
    assert session.undo_stack.canUndo()
    session.undo_stack.undo()
    assert session.load_report(1).item(metric["id"])["state"] == "pending"
    session.undo_stack.redo()
    assert session.load_report(1).item(metric["id"])["state"] == "accepted"


def test_undo_survives_a_restart(qtbot, library):
    store, path = library
    session = ReviewSession(store, "张三")
    metric = _first_metric(session)
    session.update(
        metric,
        {**metric["data"], "value": 53},
    )
    store.close()

    reopened = open_store(path)
    try:
        again = ReviewSession(reopened, "张三")
        assert again.undo_stack.count() == 1
        assert "53" in again.undo_stack.undoText()
        again.undo_stack.undo()
        assert again.load_report(1).item(metric["id"])["data"]["value"] == metric["data"]["value"]
        # another reviewer's stack is their own
        assert ReviewSession(reopened, "李四").undo_stack.count() == 0
    finally:
        reopened.close()


def test_a_stale_edit_is_refused_with_a_message_and_nothing_is_pushed(qtbot, library):
    store, _ = library
    session = ReviewSession(store, "张三")
    other = ReviewSession(store, "李四")
    metric = _first_metric(session)
    other.reject(metric)
    with qtbot.waitSignal(session.refused) as refused:
        assert session.accept(metric) is None  # based on the old version
    assert "李四" in refused.args[0]
    assert session.undo_stack.count() == 0
    assert session.load_report(1).item(metric["id"])["state"] == "rejected"


def test_a_macro_undoes_as_one_step(qtbot, library):
    store, _ = library
    session = ReviewSession(store, "张三")
    record = session.load_report(1)
    first, second = record.items_of("metric")[:2]
    with session.macro("two"):
        session.accept(first)
        session.reject(second)
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    again = session.load_report(1)
    assert again.item(first["id"])["state"] == "pending"
    assert again.item(second["id"])["state"] == "pending"


def test_a_write_waiting_on_a_lock_leaves_the_window_running(qtbot, library):
    """Writes run in the writer thread: a write held up (a row lock on a team's server) does
    not stop the GUI thread's timers and painting; the GUI thread gets the result in order."""
    import threading

    from PySide6.QtCore import QThread, QTimer

    store, _ = library
    session = ReviewSession(store, "张三")
    metric = _first_metric(session)
    released = threading.Event()
    seen = {}

    def held_write():
        seen["thread"] = QThread.currentThread()
        seen["released"] = released.wait(timeout=20)  # only the GUI thread's timer releases it
        return session.ops.accept(metric["id"], base_version=metric["version"])

    QTimer.singleShot(50, released.set)
    change = session._run("accept", metric, held_write)
    assert seen["released"] is True  # the timer fired while the write was waiting
    assert seen["thread"] is not QThread.currentThread()
    assert change is not None and change.item["state"] == "accepted"
    assert session.load_report(1).item(metric["id"])["state"] == "accepted"
