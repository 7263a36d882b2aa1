"""The window's start: work deferred past its first paint (:class:`AfterFirstPaint`), and
when the window is usable, for the start-up benchmark (``fazhi-review gui --exit-when-ready``).

*Usable* means: the window is shown, enabled and not behind a modal dialog, a widget of it
holds the keyboard focus, and it has been painted with its content: the library's table
with its rows and, when a report is open, the report's text. The moment is taken when the
paint of the text (and of the library table) has finished, that is in the first turn of the
event loop after the paint event that showed them; a paint that comes before the content is
there does not count.

The window defers some start-up work past that paint (:meth:`MainWindow.after_first_paint`,
in a zero timer started from the same paint event). The probe's filter on the text is
installed after the window's, so Qt calls it first and its timer comes first: the moment
taken is the paint's end, before the deferred work. Then the probe waits until that work is
done (:meth:`MainWindow.startup_pending`) and the event queue is drained: *idle*."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from .main_window import MainWindow

#: give up (exit 1) when the window is not usable after this long
TIMEOUT_MS = 30_000


class AfterFirstPaint(QObject):
    """Work queued until ``widget`` is first painted, then run in the event loop's next turn
    (once that paint is on the screen); work queued after that runs at once."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.widget = widget
        self.work: list[Callable[[], None]] | None = []
        widget.installEventFilter(self)

    def add(self, work: Callable[[], None]) -> None:
        if self.work is None:
            work()
        else:
            self.work.append(work)

    def pending(self) -> bool:
        return bool(self.work)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.work is not None and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self.run)
        return False

    def run(self) -> None:
        """Run the queued work now (and any added later at once)."""
        if self.work is None:
            return
        work, self.work = self.work, None
        self.widget.removeEventFilter(self)
        for step in work:
            step()


def launched_at() -> float | None:
    """``time.time()`` of the launch, from the benchmark (FAZHI_LAUNCHED_AT), else None."""
    value = os.environ.get("FAZHI_LAUNCHED_AT")
    try:
        return float(value) if value else None
    except ValueError:
        return None


def is_usable(window: MainWindow) -> bool:
    """Shown, enabled, not behind a modal dialog, with the keyboard focus in it, the library's
    rows loaded and the open report's text in the text view."""
    return not why_not_usable(window)


def why_not_usable(window: MainWindow) -> str:
    """What keeps the window from being usable ("" when nothing does)."""
    if not window.isVisible() or window.isMinimized() or not window.isEnabled():
        return "not shown"
    if QApplication.activeModalWidget() is not None:
        return "behind a modal dialog"
    focus = window.focusWidget()
    if focus is None or not focus.isVisible():
        return "no keyboard focus"
    if window.record is not None:
        if window.library.model.rowCount() == 0:
            return "no rows in the library"
        if window.text_view.document().isEmpty():
            return "no report text"
    return ""


class UsableProbe(QObject):
    """Watches the paints of the report's text and of the library's table; once both were
    painted while the window was usable, calls ``on_usable(seconds since launch)``, then
    ``on_idle(seconds)`` when the deferred start-up work is done."""

    def __init__(
        self,
        window: MainWindow,
        on_usable: Callable[[float], None],
        on_idle: Callable[[float], None],
        launched: float | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.on_usable = on_usable
        self.on_idle = on_idle
        self.launched = launched if launched is not None else time.time()
        self.watched: list[QWidget] = [window.text_view.viewport(), window.library.table.viewport()]
        self.painted: set[int] = set()
        self.checking = False
        self.done = False
        for widget in self.watched:  # after the window's own filter: Qt calls the last installed first
            widget.installEventFilter(self)

    def elapsed(self) -> float:
        return time.time() - self.launched

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.done or event.type() != QEvent.Type.Paint:
            return False
        which = next((n for n, widget in enumerate(self.watched) if widget is watched), None)
        if which is not None:
            if is_usable(self.window):  # the content is there as this paint starts
                self.painted.add(which)
            if len(self.painted) == len(self.watched) and not self.checking:
                self.checking = True
                QTimer.singleShot(0, self._painted)  # after this paint and the flush to the screen
        return False

    def _painted(self) -> None:
        self.checking = False
        if self.done:
            return
        if not is_usable(self.window):  # changed since: wait for the next paint
            self.painted.clear()
            return
        self.done = True
        for widget in self.watched:
            widget.removeEventFilter(self)
        self.on_usable(self.elapsed())
        self._wait_idle()

    def _wait_idle(self) -> None:
        if self.window.startup_pending():
            QTimer.singleShot(0, self._wait_idle)
            return
        QCoreApplication.processEvents()
        self.on_idle(self.elapsed())


def exit_when_usable(app: QCoreApplication, window: MainWindow) -> UsableProbe:
    """Print "ready after X s" (launch to usable) and "idle after Y s", then quit with 0;
    quit with 1 when the window is not usable within TIMEOUT_MS."""
    launched = launched_at()

    def usable(seconds: float) -> None:
        if launched is not None:
            print(f"ready after {seconds:.3f} s", flush=True)

    def idle(seconds: float) -> None:
        if launched is not None:
            print(f"idle after {seconds:.3f} s", flush=True)
        app.exit(0)

    probe = UsableProbe(window, usable, idle, launched)

    def give_up() -> None:
        if not probe.done:
            why = why_not_usable(window) or "not painted"
            print(f"not usable after {probe.elapsed():.3f} s: {why}", flush=True)
            app.exit(1)

    QTimer.singleShot(TIMEOUT_MS, give_up)
    return probe
