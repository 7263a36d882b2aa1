"""Long work from the window: import with cancel, export through the dialog, bad input as
dialogs a researcher understands."""

from __future__ import annotations

import json
import logging

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.store.db import open_store
from desktop.ui import dialogs
from desktop.ui.dialogs import ExportDialog, ExportOptions

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support")


def test_cancelling_an_import_keeps_what_was_imported_and_nothing_half(
    qtbot, tmp_path, seeds_dir, open_window, monkeypatch
):
    shown = []
    monkeypatch.setattr(dialogs, "show_import_result", lambda parent, result: shown.append(result))
    store = open_store(tmp_path / "lib.sqlite3")
    try:
        window = open_window(store)
        job = window.import_paths([str(seeds_dir)])
        job.cancel()  # before the first file: the importer polls between files
        with qtbot.waitSignal(job.finished, timeout=120_000):
            pass
        result = shown[0]
        assert result.cancelled
        assert window.library.model.rowCount() == len(result.imported) < 5
        with store.session(readonly=True) as session:  # no report without its items
            rows = session.execute(
                __import__("sqlalchemy").text(
                    "SELECT COUNT(*) FROM reports r WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.report_id = r.id)"
                )
            ).scalar_one()
        assert rows == 0
    finally:
        store.close()


def test_export_from_the_window_writes_the_corrected_dataset(qtbot, seeded_library, open_window, tmp_path, monkeypatch):
    store, _ = seeded_library
    window = open_window(store)
    window.open_report(1)
    item = window._current()
    window.accept_current()
    out = tmp_path / "out" / "dataset.jsonl"
    out.parent.mkdir()
    monkeypatch.setattr(ExportDialog, "exec", lambda self: ExportDialog.DialogCode.Accepted)
    monkeypatch.setattr(
        ExportDialog, "options", lambda self: ExportOptions("jsonl", str(out), ["new", "in_review"], True)
    )
    finished = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: finished.append(args))
    window.export_dataset()
    with qtbot.waitSignal(window.job.finished, timeout=60_000):
        pass
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 5
    assert finished and str(out) in finished[0][2]
    assert item is not None


def test_a_file_that_is_not_a_library_is_refused_in_words(qtbot, seeded_library, open_window, tmp_path, monkeypatch):
    store, _ = seeded_library
    window = open_window(store)
    not_a_library = tmp_path / "notes.sqlite3"
    not_a_library.write_text("研究笔记", encoding="utf-8")
    messages = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: messages.append(text))
    assert not window.switch_library(str(not_a_library))
    assert "not an SQLite database" in messages[0] and str(not_a_library) in messages[0]
    assert not_a_library.read_text(encoding="utf-8") == "研究笔记"
    assert window.store is store  # still on the library it had


def test_an_unexpected_error_is_logged_and_shown_without_a_traceback(qtbot, tmp_path, monkeypatch, caplog):
    from desktop.ui import app

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append((self.text(), self.detailedText())))
    monkeypatch.setattr("sys.excepthook", None)
    app.install_excepthook(tmp_path / "fazhi-review.log")
    import sys

    with caplog.at_level(logging.ERROR, logger="desktop.ui"):
        try:
            raise RuntimeError("磁盘已满")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    text, details = shown[0]
    assert "磁盘已满" in text and "Traceback" not in text and "Everything you saved so far is kept" in text
    assert "Traceback" in details  # for the curious, behind "Show Details…"
    assert "磁盘已满" in caplog.text
