"""Long work (import, export, re-extraction) in a worker thread, with a progress dialog and
a Cancel button. The work itself is a plain function of the store layer: it gets a
``progress(done, total, text)`` callback and a ``cancelled()`` poll and never touches Qt;
only this module's thread object turns its calls into queued signals."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)

Work = Callable[[Callable[[int, int, str], None], Callable[[], bool]], Any]


class _WorkerThread(QThread):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        def progress(done: int, total: int, text: str = "") -> None:
            self.progressed.emit(done, total, str(text))

        try:
            result = self._work(progress, self._cancel.is_set)
        except Exception as error:  # shown to the reviewer by the caller; the thread must not die silently
            log.exception("background work failed")
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)


class Job(QObject):
    """Runs ``work`` in a thread; ``finished(result)`` or ``failed(exception)`` arrive in the
    GUI thread. With a ``parent_widget`` a modal progress dialog with Cancel is shown."""

    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int, str)

    def __init__(self, work: Work, title: str, parent_widget: QWidget | None = None) -> None:
        super().__init__(parent_widget)
        self._thread = _WorkerThread(work, self)
        self._thread.progressed.connect(self._on_progress)
        self._thread.succeeded.connect(self._on_success)
        self._thread.failed.connect(self._on_failure)
        self.dialog: QProgressDialog | None = None
        if parent_widget is not None:
            self.dialog = QProgressDialog(title, self.tr("Cancel"), 0, 0, parent_widget)
            self.dialog.setWindowTitle(title)
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(300)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.dialog.canceled.connect(self.cancel)

    def start(self) -> Job:
        self._thread.start()
        return self

    def cancel(self) -> None:
        self._thread.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText(self.tr("Cancelling after the current file…"))

    def wait(self, ms: int = 60_000) -> bool:
        return self._thread.wait(ms)

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if self.dialog is not None:
            self.dialog.setMaximum(max(total, 1))
            self.dialog.setValue(min(done, max(total, 1)))
            if text and not self._thread._cancel.is_set():
                self.dialog.setLabelText(text)
        self.progressed.emit(done, total, text)

    def _close(self) -> None:
        self._thread.wait()
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _on_success(self, result: Any) -> None:
        self._close()
        self.finished.emit(result)

    def _on_failure(self, error: Exception) -> None:
        self._close()
        self.failed.emit(error)
