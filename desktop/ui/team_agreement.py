"""Team › Agreement…: agreement between the two coders of the double-coded
reports, as a table to read and a CSV to export."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from . import settings as S
from .settings import read as settings_read
from .settings import write as settings_write
from .team_common import FRAGILE_BACKGROUND, FRAGILE_N, TeamWindow, _cell, _store_team, _table, plain_error
from .worker import Job

if TYPE_CHECKING:
    from desktop.store.team import AgreementReport, AgreementRow

log = logging.getLogger(__name__)


# ---------------------------------------------------------------- agreement


#: the store's note that explains a figure rather than weakens it
BOUNDARY_NOTE = "disagreement is mostly about span boundaries"


def is_fragile(row: AgreementRow) -> bool:
    """A figure not to lean on: no value, fewer than FRAGILE_N units, or a caveat about it
    (every note of the store's but the one that says where disagreement lies)."""
    caveats = (row.note or "").replace(BOUNDARY_NOTE, "").strip("; ")
    return row.value is None or (row.n or 0) < FRAGILE_N or bool(caveats)


class AgreementDialog(QDialog):
    """Agreement between the two coders of double-coded reports: scope, measure, value, n,
    note (fragile figures tinted), Export CSV…. Computed in a worker thread."""

    computed = Signal(object)  # the AgreementReport shown

    def __init__(self, window: TeamWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.review_window = window  # not self.window: that would hide QWidget.window()
        self.report: AgreementReport | None = None
        self.job: Job | None = None
        self.setWindowTitle(self.tr("Agreement"))
        self.resize(820, 520)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Reports"), self))
        self.scope_combo = QComboBox(self)
        self.scope_combo.setObjectName("agreementScope")
        self.scope_combo.addItem(self.tr("Every double-coded report"), "all")
        self.scope_combo.addItem(self.tr("Double-coded reports the library shows"), "filter")
        self.scope_combo.currentIndexChanged.connect(lambda _n: self.compute())
        row.addWidget(self.scope_combo, 1)
        layout.addLayout(row)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("agreementSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary_label)
        self.table = _table(
            self,
            [self.tr("Scope"), self.tr("Measure"), self.tr("Value"), self.tr("n"), self.tr("Note")],
            "agreementTable",
        )
        self.table.setWordWrap(True)  # the notes are sentences
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self.table.horizontalHeader()
        header.sectionResized.connect(lambda *_args: self.table.resizeRowsToContents())
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        legend = QLabel(
            self.tr("Tinted rows: fewer than %1 units, no value or a caveat; read them with care.").replace(
                "%1", str(FRAGILE_N)
            ),
            self,
        )
        legend.setStyleSheet("color: #555;")
        layout.addWidget(legend)
        bottom = QHBoxLayout()
        self.export_button = QPushButton(self.tr("Export &CSV…"), self)
        self.export_button.setObjectName("agreementExport")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export_csv)
        refresh = QPushButton(self.tr("&Refresh"), self)
        refresh.clicked.connect(self.compute)
        bottom.addWidget(self.export_button)
        bottom.addWidget(refresh)
        bottom.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        bottom.addWidget(close)
        layout.addLayout(bottom)

    def compute(self) -> Job | None:
        team = _store_team()
        if team is None:
            return None
        if self.job is not None and self.job.is_running():
            return self.job
        store = self.review_window.store
        report_ids = None
        if self.scope_combo.currentData() == "filter":
            from desktop.store.queries import list_reports

            report_ids = [
                r.id for r in list_reports(store, self.review_window.library.current_filter(), limit=1_000_000)
            ]
        self.summary_label.setText(self.tr("Computing…"))
        self.job = Job(lambda progress, cancelled: team.agreement(store, report_ids), self.tr("Agreement…"), self)
        self.job.finished.connect(self.show_report)
        self.job.failed.connect(
            lambda error: self.summary_label.setText(
                self.tr("Could not compute the agreement: %1").replace("%1", plain_error(error))
            )
        )
        return self.job.start()

    def show_report(self, report: AgreementReport) -> None:
        self.report = report
        self.summary_label.setText(self.summary(report))
        self.table.setRowCount(len(report.rows))
        for n, row in enumerate(report.rows):
            if row.value is None:
                value = "—"
            elif row.measure == "percent":
                value = f"{row.value * 100:.1f}%"
            else:
                value = f"{row.value:.3f}"
            cells = [
                _cell(self.scope_text(row.scope)),
                _cell(self.measure_text(row.measure)),
                _cell(value),
                _cell(row.n),
                _cell(self.note_text(row.note)),
            ]
            cells[0].setToolTip(row.scope)
            cells[1].setToolTip(row.measure)
            cells[2].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            cells[3].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            fragile = is_fragile(row)
            for column, cell in enumerate(cells):
                if fragile:
                    cell.setBackground(FRAGILE_BACKGROUND)
                    cell.setToolTip(self.tr("A fragile figure: read it with care."))
                self.table.setItem(n, column, cell)
        self.table.resizeRowsToContents()
        self.export_button.setEnabled(bool(report.rows))
        self.computed.emit(report)

    def summary(self, report: AgreementReport) -> str:
        if not report.reports:
            return self.tr(
                "No report is double-coded by two reviewers yet: assign reports to two reviewers "
                "(Team › Assign Reports…), let both code them, then come back."
            )
        text = (
            self.tr("%1 double-coded reports; coders: %2.")
            .replace("%1", str(len(report.reports)))
            .replace("%2", ", ".join(report.coders))
        )
        if getattr(report, "undecided", 0):
            text += " " + self.tr("%1 matched items are left out: a coder has not decided them yet.").replace(
                "%1", str(report.undecided)
            )
        return (
            text
            + "\n"
            + self.tr(
                "Percent: the share of items both coders decided alike. Kappa: agreement "
                "beyond chance (1 perfect, 0 chance). Span F1: the same spans found (exact, "
                "or overlapping)."
            )
        )

    def scope_text(self, scope: str) -> str:
        from . import marks

        if scope.startswith("field:"):
            key = scope.split(":", 1)[1]
            if key == "categorical":
                return self.tr("Fields: categorical, pooled")
            return self.tr("Field: %1").replace("%1", marks.field_name(key))
        names = {
            "part": self.tr("Parts"),
            "indicator": self.tr("Indicators of metrics"),
            "section": self.tr("Headings"),
            "metric": self.tr("Metrics"),
        }
        return names.get(scope, scope)

    def measure_text(self, measure: str) -> str:
        names = {
            "percent": self.tr("percent agreement"),
            "kappa": self.tr("Cohen's kappa"),
            "span_f1": self.tr("span F1, exact"),
            "span_f1_relaxed": self.tr("span F1, overlapping"),
        }
        return names.get(measure, measure)

    def note_text(self, note: str | None) -> str:
        """The store's notes in the interface's language (unknown ones as they are)."""
        if not note:
            return ""
        known = {
            "no decided double-coded items yet": self.tr("no decided double-coded items yet"),
            "too few items to read much into": self.tr("too few items to read much into"),
            "one label dominates: kappa is unstable, look at percent agreement": self.tr(
                "one label dominates: kappa is unstable, look at percent agreement"
            ),
            (
                "kappa undefined: both coders used one label only (chance agreement is 1); look at percent agreement"
            ): self.tr(
                "kappa undefined: both coders used one label only (chance agreement is 1); look at percent agreement"
            ),
            BOUNDARY_NOTE: self.tr("disagreement is mostly about span boundaries"),
        }
        text = note
        for english, translated in known.items():
            text = text.replace(english, translated)
        return text

    def fragile_rows(self) -> list[int]:
        return [
            n
            for n in range(self.table.rowCount())
            if (item := self.table.item(n, 0)) is not None and item.background().color() == FRAGILE_BACKGROUND
        ]

    def export_csv(self, path: str | None = None) -> str | None:
        if self.report is None:
            return None
        if not path:
            start = settings_read(self.review_window.settings, S.AGREEMENT_CSV)
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export agreement"), start, self.tr("CSV files (*.csv)")
            )
        if not path:
            return None
        if not path.lower().endswith(".csv"):
            path += ".csv"
        try:
            self.report.to_csv(path)
        except OSError as error:
            QMessageBox.critical(self, self.tr("Export agreement"), str(error))
            return None
        settings_write(self.review_window.settings, S.AGREEMENT_CSV, path)
        self.summary_label.setText(self.summary(self.report) + "\n" + self.tr("Written to %1").replace("%1", path))
        return path
