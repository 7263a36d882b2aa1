"""The library: every report as a table to sort (header click), filter (state, province,
level, year, flagged) and search (text, file name, title, issuer; 250 ms after the last
keystroke). Double-click or Enter opens a report (``reportActivated``).

Reports an import left for the search index (``desktop.store.derived``) are indexed in the
background (:class:`BacklogIndexer`), and the view says "indexing N of M" meanwhile; a search
finds them all the same, only more slowly until then."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.store import queries
from desktop.store.db import Store
from desktop.store.derived import INDEX_BATCH, backlog_size, index_backlog
from desktop.store.ops import REPORT_STATES
from desktop.store.queries import LibraryFilter

from .library_model import COLUMNS, LibraryModel

SEARCH_DELAY_MS = 250
#: the background indexing starts this long after the window opens, not during its start
INDEX_DELAY_MS = 1500
#: pause after each indexing transaction: an edit waiting for SQLite's write lock polls for it
#: every 25 ms at first, and must find it free
INDEX_PAUSE_SECONDS = 0.03

log = logging.getLogger(__name__)


class BacklogIndexer(QObject):
    """Moves the reports waiting for the search index into it, in a background thread, a few
    reports per transaction with a pause after each, so that a reviewer's edit never waits
    long. ``start()`` when there may be new reports (the window opened, an import ended);
    reports imported while it runs are indexed in the same run. The work is the store's
    ``index_backlog``; this thread only turns its progress into a queued signal."""

    progressed = Signal(int, int)  # reports indexed, reports to index
    finished = Signal()

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> bool:
        """Index the backlog unless it is empty or being indexed; True when a run started."""
        if self.is_running():
            return False
        try:
            waiting = backlog_size(self.store)
        except Exception:  # a library gone or busy: the next start tries again
            log.warning("cannot read the search backlog", exc_info=True)
            return False
        if waiting == 0:
            return False
        self._stop.clear()
        self.progressed.emit(0, waiting)
        self._thread = threading.Thread(target=self._run, name="search-index", daemon=True)
        self._thread.start()
        return True

    def stop(self, timeout: float = 10.0) -> None:
        """Stop after the current transaction (what is indexed stays indexed)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        def progress(done: int, total: int) -> None:
            self.progressed.emit(done, total)
            self._stop.wait(INDEX_PAUSE_SECONDS)

        try:
            index_backlog(self.store, progress=progress, cancel=self._stop.is_set, batch=INDEX_BATCH)
        except Exception:  # busy or gone: what is indexed stays, the rest waits for the next start
            log.warning("search indexing stopped", exc_info=True)
        if not self._stop.is_set():
            self.finished.emit()


class LibraryView(QWidget):
    reportActivated = Signal(int)
    searchSubmitted = Signal(int, str)
    currentReportChanged = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.model = LibraryModel(store, self)

        self.state_combo = QComboBox(self)
        self.state_combo.setObjectName("stateFilter")
        self.province_combo = QComboBox(self)
        self.province_combo.setObjectName("provinceFilter")
        self.level_combo = QComboBox(self)
        self.level_combo.setObjectName("levelFilter")
        self.year_combo = QComboBox(self)
        self.year_combo.setObjectName("yearFilter")
        self.flags_check = QCheckBox(self.tr("Has flags"), self)
        self.flags_check.setObjectName("flagsFilter")
        self.flags_check.setToolTip(self.tr("Only reports with problems flagged by the extractor"))
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("search")
        self.search_edit.setPlaceholderText(self.tr("Search text, file, title, issuer…"))
        self.search_edit.setClearButtonEnabled(True)
        for combo in (self.state_combo, self.province_combo, self.level_combo, self.year_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self._apply_filter)

        self.table = QTableView(self)
        self.table.setObjectName("libraryTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # id order until a header is clicked
        self.table.setSortingEnabled(True)
        self._size_columns()
        self.table.doubleClicked.connect(self._activate)
        self.table.installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("reportCount")
        self.index_label = QLabel(self)
        self.index_label.setObjectName("searchIndexing")
        self.index_label.setVisible(False)
        self.indexer = BacklogIndexer(store, self)
        self.indexer.progressed.connect(self._show_indexing)
        self.indexer.finished.connect(lambda: self.index_label.setVisible(False))
        # the thread must not outlive the view (nor write to a library the window closed)
        indexer = self.indexer
        self.destroyed.connect(lambda *_: indexer.stop())

        # The search box gets a row of its own (with "has flags"): in a narrow dock it would shrink to nothing.
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for combo in (self.state_combo, self.province_combo, self.level_combo, self.year_combo):
            # the filters may shrink (their lists open full width): a dock narrow enough for a
            # 1366-pixel screen, in English too
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(4)
        for widget in (self.state_combo, self.province_combo, self.level_combo, self.year_combo):
            bar.addWidget(widget)
        bar.addStretch(1)
        search_row = QHBoxLayout()
        search_row.setContentsMargins(0, 0, 0, 0)
        search_row.addWidget(self.search_edit, 1)
        search_row.addWidget(self.flags_check)
        layout = QVBoxLayout(self)
        layout.addLayout(search_row)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        counts = QHBoxLayout()
        counts.setContentsMargins(0, 0, 0, 0)
        counts.addWidget(self.count_label)
        counts.addStretch(1)
        counts.addWidget(self.index_label)
        layout.addLayout(counts)

        self._fill_combos()
        for combo in (self.state_combo, self.province_combo, self.level_combo, self.year_combo):
            combo.currentIndexChanged.connect(self._apply_filter)
        self.flags_check.toggled.connect(self._apply_filter)
        self.search_edit.textChanged.connect(self.search_timer.start)
        self.search_edit.returnPressed.connect(self._search_now)
        self._kept: int | None = None
        self.model.modelAboutToBeReset.connect(self._keep_current)
        self.model.modelReset.connect(self._restore_current)
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        self.model.rowsRemoved.connect(self._update_count)
        self._update_count()

    # ------------------------------------------------------------ public

    def reload(self) -> None:
        """Read the library again (after an import): filter choices, rows, counts; the
        current report stays selected when it is still listed."""
        current = self.current_report_id()
        self._fill_combos()
        flt = self.current_filter()
        if flt != self.model.filter():
            self.model.set_filter(flt)
        else:
            self.model.reload()
        if current is not None:
            self.select_report(current)
        self._start_indexing()  # an import's new reports, or another program's

    def refresh_report(self, report_id: int) -> None:
        """Show one report's row as it is now (after an edit), in place."""
        self.model.refresh_report(report_id)
        self._update_count()

    def select_report(self, report_id: int) -> bool:
        """Make the report current and scroll to it; False when the filter hides it."""
        row = self.model.row_of(report_id)
        while row is None and self.model.canFetchMore():
            self.model.fetchMore()
            row = self.model.row_of(report_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)
        return True

    def current_report_id(self) -> int | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.report_id_at(index.row()) if index.isValid() else None

    def current_filter(self) -> LibraryFilter:
        state = self.state_combo.currentData()
        return LibraryFilter(
            states=(state,) if state else (),
            province=self.province_combo.currentData(),
            level=self.level_combo.currentData(),
            year=self.year_combo.currentData(),
            has_flags=True if self.flags_check.isChecked() else None,
            search=self.search_edit.text().strip(),
        )

    # ------------------------------------------------------------ internals

    def _fill_combos(self) -> None:
        facets = queries.facet_values(self.store)
        states = [(self.model.state_name(s), s) for s in REPORT_STATES]
        self._fill(self.state_combo, self.tr("All states"), states)
        self._fill(self.province_combo, self.tr("All provinces"), [(p, p) for p in facets["province"]])
        self._fill(self.level_combo, self.tr("All levels"), [(self.model.level_name(v), v) for v in facets["level"]])
        self._fill(self.year_combo, self.tr("All years"), [(str(y), y) for y in reversed(facets["year"])])

    @staticmethod
    def _fill(combo: QComboBox, everything: str, choices: Sequence[tuple[str, object]]) -> None:
        """Refill a combo, keeping its choice when that value is still offered."""
        current = combo.currentData()
        combo.blockSignals(True)
        try:
            combo.clear()
            combo.addItem(everything, None)
            for label, value in choices:
                combo.addItem(label, value)
            found = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(found, 0))
        finally:
            combo.blockSignals(False)

    def _keep_current(self) -> None:
        self._kept = self.current_report_id()

    def _restore_current(self) -> None:
        """After a sort or filter: the same report stays current when it is on the first page."""
        kept, self._kept = self._kept, None
        if kept is not None and self.model.row_of(kept) is not None:
            self.select_report(kept)

    def _size_columns(self) -> None:
        """File and title narrow (elided, whole on hover), the rest as wide as their header,
        so that state, decided, pending and flags stay in view in a dock of a 1366-pixel screen."""
        metrics = self.table.fontMetrics()
        char = metrics.horizontalAdvance("中")
        fixed = {"file_name": 4 * char, "title": 5 * char, "decided": metrics.horizontalAdvance("000 / 000  ")}
        least = {"flags": metrics.horizontalAdvance("000") + 32, "pending": metrics.horizontalAdvance("0000")}  # + icon
        for column, key in enumerate(COLUMNS):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            width = metrics.horizontalAdvance(title) + 2 * metrics.horizontalAdvance("M")  # room for the sort arrow
            self.table.setColumnWidth(column, fixed.get(key, max(width, least.get(key, 3 * char))))

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def first_report_id(self) -> int | None:
        return self.model.report_id_at(0) if self.model.rowCount() else None

    def _search_now(self) -> None:
        """Return in the search box: the list filtered at once, and the first hit opened."""
        self.search_timer.stop()
        self._apply_filter()
        first = self.first_report_id()
        if first is not None and self.search_edit.text().strip():
            self.table.selectRow(0)
            self.searchSubmitted.emit(first, self.search_edit.text().strip())

    def _apply_filter(self) -> None:
        self.search_timer.stop()
        self.model.set_filter(self.current_filter())

    def _update_count(self) -> None:
        shown = self.model.matching_count()
        total = self.model.total_count()
        text = self.tr("%1 of %n reports", "", total).replace("%1", f"{shown:,}")
        self.count_label.setText(text)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(INDEX_DELAY_MS, self._start_indexing)  # after the window's start

    def hideEvent(self, event: QHideEvent) -> None:
        # the library hidden or the window closed: indexing waits for the view to show again
        self.indexer.stop()
        self.index_label.setVisible(False)
        super().hideEvent(event)

    def _start_indexing(self) -> None:
        if self.isVisible():
            self.indexer.start()

    def _show_indexing(self, done: int, total: int) -> None:
        text = self.tr("Indexing for search: %1 of %2").replace("%1", f"{done:,}").replace("%2", f"{total:,}")
        self.index_label.setText(text)
        self.index_label.setToolTip(self.tr("Search already finds every report; it is faster for the reports indexed."))
        self.index_label.setVisible(True)

    def _activate(self, index: QModelIndex) -> None:
        report_id = self.model.report_id_at(index.row()) if index.isValid() else None
        if report_id is not None:
            self.reportActivated.emit(report_id)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        report_id = self.model.report_id_at(current.row()) if current.isValid() else None
        if report_id is not None:
            self.currentReportChanged.emit(report_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            index = self.table.currentIndex()
            if index.isValid():
                self._activate(index)
                return True
        return super().eventFilter(watched, event)


__all__ = ["COLUMNS", "LibraryView"]
