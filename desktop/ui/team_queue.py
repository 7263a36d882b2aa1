"""Team › My Queue…: the reports assigned to a reviewer and not yet done."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from .team_common import TeamWindow, _cell, _report_title, _store_team, _table, reviewer_names

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent


log = logging.getLogger(__name__)


# ---------------------------------------------------------------- queue


class QueueDialog(QDialog):
    """The reports given to a reviewer and not yet done; double-click or Enter opens one."""

    def __init__(self, window: TeamWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.review_window = window  # not self.window: that would hide QWidget.window()
        self.setWindowTitle(self.tr("My Queue"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Reviewer"), self))
        self.reviewer_combo = QComboBox(self)
        self.reviewer_combo.setObjectName("queueReviewer")
        self.reviewer_combo.setEditable(True)
        self.reviewer_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.reviewer_combo.addItems(reviewer_names(window.store, window.session.reviewer))
        self.reviewer_combo.setCurrentText(window.session.reviewer)
        self.reviewer_combo.currentTextChanged.connect(lambda _text: self.refresh())
        row.addWidget(self.reviewer_combo, 1)
        layout.addLayout(row)
        self.table = _table(
            self,
            [self.tr("Report"), self.tr("File"), self.tr("Title"), self.tr("State"), self.tr("Coding")],
            "queueTable",
        )
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        layout.addWidget(self.table, 1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("queueCount")
        layout.addWidget(self.count_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Open).clicked.connect(
            lambda: self.open_row(self.table.currentRow())
        )
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.currentRow() >= 0:
            self.open_row(self.table.currentRow())
            return
        super().keyPressEvent(event)

    def report_ids(self) -> list[int]:
        return [
            item.data(Qt.ItemDataRole.UserRole)
            for n in range(self.table.rowCount())
            if (item := self.table.item(n, 0)) is not None  # refresh() fills every row
        ]

    def refresh(self) -> None:
        team = _store_team()
        reviewer = self.reviewer_combo.currentText().strip()
        ids = team.queue(self.review_window.store, reviewer) if team is not None and reviewer else []
        double = (
            {a.report_id for a in team.assignments(self.review_window.store, reviewer=reviewer) if a.double}
            if ids
            else set()
        )
        self.table.setRowCount(len(ids))
        for n, report_id in enumerate(ids):
            file_name, title, state = _report_title(self.review_window.store, report_id)
            self.table.setItem(n, 0, _cell(report_id, report_id))
            self.table.setItem(n, 1, _cell(file_name))
            self.table.setItem(n, 2, _cell(title))
            self.table.setItem(n, 3, _cell(state))
            self.table.setItem(n, 4, _cell(self.tr("double") if report_id in double else self.tr("single")))
        self.table.resizeColumnsToContents()
        self.count_label.setText(self.tr("%1 reports to code").replace("%1", str(len(ids))))
        if ids:
            self.table.selectRow(0)

    def open_row(self, row: int) -> bool:
        if row < 0 or row >= self.table.rowCount():
            return False
        item = self.table.item(row, 0)
        if item is None:  # refresh() fills every row
            return False
        report_id: int = item.data(Qt.ItemDataRole.UserRole)
        opened = self.review_window.open_report(report_id)
        if opened:
            self.accept()
        return opened
