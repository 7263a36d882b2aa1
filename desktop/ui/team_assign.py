"""Team › Assign Reports…: a lead gives reports to one reviewer, or to two for
double coding."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .team_common import (
    TeamWindow,
    _cell,
    _report_title,
    _store_team,
    _table,
    format_report_ids,
    parse_report_ids,
    plain_error,
    reviewer_names,
)
from .worker import Job

if TYPE_CHECKING:
    from collections.abc import Callable

    from desktop.store.team import Assignment


log = logging.getLogger(__name__)


# ---------------------------------------------------------------- assigning


class AssignDialog(QDialog):
    """Give reports to one reviewer, or to two for double coding; the reports' assignments
    are listed below, with Unassign."""

    assigned = Signal(object)  # the result of the last assignment: (assignments, errors)

    def __init__(self, window: TeamWindow, report_ids: list[int], parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.review_window = window  # not self.window: that would hide QWidget.window()
        self.job: Job | None = None
        self.setWindowTitle(self.tr("Assign Reports"))
        self.resize(680, 460)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        ids_row = QHBoxLayout()
        self.ids_edit = QLineEdit(format_report_ids(report_ids), self)
        self.ids_edit.setObjectName("assignIds")
        self.ids_edit.setPlaceholderText(self.tr("Report ids, e.g. 3, 5-7"))
        self.filtered_button = QPushButton(self.tr("Reports the &Library Shows"), self)
        self.filtered_button.setToolTip(self.tr("Every report that passes the library's filter and search"))
        self.filtered_button.clicked.connect(self._use_filtered)
        ids_row.addWidget(self.ids_edit, 1)
        ids_row.addWidget(self.filtered_button)
        form.addRow(self.tr("Reports"), ids_row)
        names = reviewer_names(window.store, window.session.reviewer)
        self.first_combo = self._reviewer_combo(names, "assignFirst")
        self.second_combo = self._reviewer_combo(names, "assignSecond")
        self.second_combo.setCurrentText("")
        self.double_check = QCheckBox(
            self.tr("&Double coding: both code the report, each on a copy of their own"), self
        )
        self.double_check.setObjectName("assignDouble")
        self.double_check.toggled.connect(self._double_toggled)
        form.addRow(self.tr("Reviewer"), self.first_combo)
        form.addRow("", self.double_check)
        form.addRow(self.tr("Second reviewer"), self.second_combo)
        self._double_toggled(False)
        layout.addLayout(form)
        self.assign_button = QPushButton(self.tr("&Assign"), self)
        self.assign_button.setObjectName("assignButton")
        self.assign_button.setDefault(True)
        self.assign_button.clicked.connect(self.assign)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("assignResult")
        self.result_label.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.assign_button)
        row.addWidget(self.result_label, 1)
        layout.addLayout(row)
        self.table = _table(
            self,
            [
                self.tr("Report"),
                self.tr("File"),
                self.tr("Reviewer"),
                self.tr("Coding"),
                self.tr("Assigned by"),
                self.tr("Coding done"),
            ],
            "assignTable",
        )
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.unassign_button = QPushButton(self.tr("&Unassign"), self)
        self.unassign_button.clicked.connect(self.unassign_selected)
        bottom.addWidget(self.unassign_button)
        bottom.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        self.ids_edit.editingFinished.connect(self.refresh)
        self.refresh()

    def _reviewer_combo(self, names: list[str], name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItems(names)
        combo.setCurrentText("")
        return combo

    def _double_toggled(self, checked: bool) -> None:
        self.second_combo.setEnabled(checked)

    def _use_filtered(self) -> None:
        from desktop.store.queries import list_reports

        rows = list_reports(self.review_window.store, self.review_window.library.current_filter(), limit=1_000_000)
        self.ids_edit.setText(format_report_ids([row.id for row in rows]))
        self.refresh()

    def report_ids(self) -> list[int] | None:
        try:
            return parse_report_ids(self.ids_edit.text())
        except ValueError as error:
            self.result_label.setText(self.tr("Not a report id: %1").replace("%1", str(error)))
            return None

    def reviewers(self) -> list[str]:
        names = [self.first_combo.currentText().strip()]
        if self.double_check.isChecked():
            names.append(self.second_combo.currentText().strip())
        return names

    def assign(self) -> Job | None:
        team = _store_team()
        ids, reviewers = self.report_ids(), self.reviewers()
        if team is None or ids is None:
            return None
        if not ids:
            self.result_label.setText(self.tr("Enter the reports to assign."))
            return None
        if not all(reviewers):
            self.result_label.setText(
                self.tr("Enter the reviewer's name.")
                if len(reviewers) == 1
                else self.tr("Double coding needs two reviewers.")
            )
            return None
        if len(reviewers) == 2 and reviewers[0] == reviewers[1]:
            self.result_label.setText(self.tr("Double coding needs two different reviewers."))
            return None
        store, lead = self.review_window.store, self.review_window.session.reviewer

        def work(
            progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]
        ) -> tuple[list[Assignment], list[tuple[int, str]]]:
            made: list[Assignment] = []
            errors: list[tuple[int, str]] = []
            for n, report_id in enumerate(ids):
                if cancelled():
                    break
                try:
                    made.extend(team.assign(store, report_id, reviewers, by=lead))
                except Exception as error:  # a report that does not exist, already assigned otherwise
                    errors.append((report_id, plain_error(error)))
                progress(n + 1, len(ids), str(report_id))
            return made, errors

        self.assign_button.setEnabled(False)
        self.job = Job(work, self.tr("Assigning reports…"), self)
        self.job.finished.connect(self._assigned)
        self.job.failed.connect(self._failed)
        return self.job.start()

    def _assigned(self, result: tuple[list[Assignment], list[tuple[int, str]]]) -> None:
        made, errors = result
        self.assign_button.setEnabled(True)
        reports = sorted({a.report_id for a in made})
        reviewers = " · ".join(self.reviewers())
        text = self.tr("%1 reports assigned to %2.").replace("%1", str(len(reports))).replace("%2", reviewers)
        if len(self.reviewers()) == 2:
            text += " " + self.tr("Double coding: each reviewer codes a copy of their own.")
        if errors:
            text += "\n" + self.tr("Not assigned:") + " " + "; ".join(f"{rid}: {msg}" for rid, msg in errors)
        self.result_label.setText(text)
        self.refresh()
        self.review_window.library.reload()
        self.assigned.emit(result)

    def _failed(self, error: Exception) -> None:
        self.assign_button.setEnabled(True)
        self.result_label.setText(self.tr("Not assigned: %1").replace("%1", plain_error(error)))

    def refresh(self) -> None:
        team = _store_team()
        ids = self.report_ids() or []
        rows = []
        if team is not None:
            for report_id in ids[:500]:
                rows.extend(team.assignments(self.review_window.store, report_id=report_id))
        self.table.setRowCount(len(rows))
        for n, a in enumerate(rows):
            file_name = _report_title(self.review_window.store, a.report_id)[0]
            self.table.setItem(n, 0, _cell(a.report_id, (a.report_id, a.reviewer)))
            self.table.setItem(n, 1, _cell(file_name))
            self.table.setItem(n, 2, _cell(a.reviewer))
            self.table.setItem(n, 3, _cell(self.tr("double") if a.double else self.tr("single")))
            self.table.setItem(n, 4, _cell(a.assigned_by))
            self.table.setItem(n, 5, _cell("✓" if a.done else ""))
        self.table.resizeColumnsToContents()

    def unassign_selected(self) -> None:
        team = _store_team()
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if team is None or not rows:
            return
        pairs = [
            item.data(Qt.ItemDataRole.UserRole)  # (report id, reviewer)
            for row in rows
            if (item := self.table.item(row, 0)) is not None  # refresh() fills every row
        ]
        errors = []
        for report_id, reviewer in pairs:
            try:
                team.unassign(self.review_window.store, report_id, reviewer, by=self.review_window.session.reviewer)
            except Exception as error:  # their coding exists already, …
                errors.append(f"{report_id} {reviewer}: {plain_error(error)}")
        self.result_label.setText("; ".join(errors) if errors else self.tr("Unassigned."))
        self.refresh()
