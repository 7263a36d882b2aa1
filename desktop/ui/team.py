"""Team mode in the window (issue 8): a library on a PostgreSQL server shared by a team.

- File › Connect to Team Database… (:class:`ConnectDialog`): host, port, database, user and
  a password that is never stored (libpq's ``~/.pgpass`` is used when it is left empty);
  "Test Connection" runs in a worker thread. Recent libraries keep the URL without its
  password (:func:`url_without_password`).
- Team › Assign Reports… (:class:`AssignDialog`): a lead gives reports to one reviewer, or to
  two for double coding (each codes a copy of their own of the extractor's items).
- Team › My Queue… (:class:`QueueDialog`): the reports assigned to a reviewer and not yet
  done; Team › Mark My Coding Done.
- Team › Agreement… (:class:`AgreementDialog`): agreement between the two coders of the
  double-coded reports, as a table to read and a CSV to export.
- Team › Adjudicate Report… (:class:`~desktop.ui.adjudication.AdjudicationDialog`): the two
  coders' values side by side with the source; the lead's choice is the final value.
- When the reviewer double-codes the report opened, the window loads their copy
  (:meth:`TeamTools.coder_for_open`).

The store side is ``desktop.store.team`` (imported when first needed, so that the window
starts as fast as before and still works on a library without team tables).
"""
from __future__ import annotations

import getpass
import logging
import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMessageBox, QPushButton,
                               QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from desktop.store.server import (CONNECT_TIMEOUT_S, DEFAULT_PORT, is_url, plain_error,  # noqa: F401 (re-exported)
                                  probe_connection, team_url, url_parts, url_password, url_without_password)

from . import settings as S
from .settings import read as settings_read
from .settings import write as settings_write
from .worker import Job

log = logging.getLogger(__name__)
#: an agreement figure computed from fewer units than this is shown as fragile
FRAGILE_N = 10
FRAGILE_BACKGROUND = QColor("#fff1c2")


def _store_team():
    """``desktop.store.team`` (imported when first needed: the window starts faster)."""
    from desktop.store import team

    return team


# ---------------------------------------------------------------- connect dialog


class ConnectDialog(QDialog):
    """Host, port, database, user, password (never stored); Test Connection in a worker."""

    tested = Signal(bool, str)  # ok, the message shown

    def __init__(self, settings: QSettings, parent: QWidget | None = None, url: str | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.job: Job | None = None
        self.setWindowTitle(self.tr("Connect to Team Database"))
        self.setMinimumWidth(560)
        outer = QVBoxLayout(self)
        form = QFormLayout()
        intro = QLabel(self.tr("A library on a PostgreSQL server, shared by a team. Everyone's edits are saved "
                               "there at once, with the reviewer's name."), self)
        intro.setWordWrap(True)
        outer.addWidget(intro)
        outer.addLayout(form)
        parts = url_parts(url) if url else {}
        self.host_edit = QLineEdit(parts.get("host") or settings_read(settings, S.TEAM_HOST), self)
        self.host_edit.setObjectName("teamHost")
        self.host_edit.setToolTip(self.tr("The server's name or address (a folder starting with / for a "
                                          "local socket)"))
        self.port_spin = QSpinBox(self)
        self.port_spin.setObjectName("teamPort")
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(int(parts.get("port") or settings_read(settings, S.TEAM_PORT)))
        self.database_edit = QLineEdit(parts.get("database") or settings_read(settings, S.TEAM_DATABASE), self)
        self.database_edit.setObjectName("teamDatabase")
        self.user_edit = QLineEdit(parts.get("user") or settings_read(settings, S.TEAM_USER) or _login(), self)
        self.user_edit.setObjectName("teamUser")
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("teamPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("Not stored; empty: use ~/.pgpass"))
        form.addRow(self.tr("Host"), self.host_edit)
        form.addRow(self.tr("Port"), self.port_spin)
        form.addRow(self.tr("Database"), self.database_edit)
        form.addRow(self.tr("User"), self.user_edit)
        form.addRow(self.tr("Password"), self.password_edit)
        note = QLabel(self.tr("The password is never stored. To connect without typing it, put it in libpq's "
                              "password file, ~/.pgpass (one line: host:port:database:user:password, readable "
                              "by you only)."), self)
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        outer.addWidget(note)
        self.test_button = QPushButton(self.tr("&Test Connection"), self)
        self.test_button.setObjectName("teamTest")
        self.test_button.clicked.connect(self.test)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("teamResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.result_label, 1)
        outer.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Connect"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        if parts and not self.password_edit.text():
            self.password_edit.setFocus()

    def url(self) -> str:
        """The URL with the password typed (for opening only: never written anywhere)."""
        return team_url(self.host_edit.text(), self.port_spin.value(), self.database_edit.text(),
                        self.user_edit.text(), self.password_edit.text())

    def _missing(self) -> str | None:
        if not self.host_edit.text().strip():
            return self.tr("Enter the server's host name.")
        if not self.database_edit.text().strip():
            return self.tr("Enter the name of the database.")
        return None

    def test(self) -> Job | None:
        missing = self._missing()
        if missing:
            self._show_result(False, missing)
            return None
        if self.job is not None and self.job.is_running():
            return self.job
        url, secret = self.url(), self.password_edit.text()
        self.test_button.setEnabled(False)
        self.result_label.setStyleSheet("")
        self.result_label.setText(self.tr("Connecting…"))
        self.job = Job(lambda progress, cancelled: probe_connection(url), self.tr("Testing the connection"))
        self.job.finished.connect(self._tested)
        self.job.failed.connect(lambda error: self._show_result(
            False, self.tr("Cannot connect: %1").replace("%1", plain_error(error, secret))))
        return self.job.start()

    def _tested(self, result) -> None:
        version, revision, head = result
        if revision is None:
            where = self.tr("The database is empty: it becomes a library when you connect.")
        elif revision == head:
            where = self.tr("The database is a Fazhi Review library.")
        else:
            where = self.tr("The database is a Fazhi Review library of another version (%1); it is upgraded "
                            "when you connect, if this version knows it.").replace("%1", str(revision))
        self._show_result(True, self.tr("Connected to PostgreSQL %1.").replace("%1", str(version)) + " " + where)

    def _show_result(self, ok: bool, message: str) -> None:
        self.test_button.setEnabled(True)
        self.result_label.setStyleSheet("color: #1b7f3b;" if ok else "color: #b3261e;")
        self.result_label.setText(message)
        self.adjustSize()
        self.tested.emit(ok, message)

    def _accept(self) -> None:
        missing = self._missing()
        if missing:
            QMessageBox.warning(self, self.windowTitle(), missing)
            return
        # everything but the password, for next time
        settings_write(self.settings, S.TEAM_HOST, self.host_edit.text().strip())
        settings_write(self.settings, S.TEAM_PORT, self.port_spin.value())
        settings_write(self.settings, S.TEAM_DATABASE, self.database_edit.text().strip())
        settings_write(self.settings, S.TEAM_USER, self.user_edit.text().strip())
        self.accept()

    def done(self, result: int) -> None:
        if self.job is not None and self.job.is_running():
            self.job.wait(2_000)
        super().done(result)


def _login() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment (some containers)
        return ""


# ---------------------------------------------------------------- helpers


def parse_report_ids(text: str) -> list[int]:
    """"3, 5-7 12" -> [3, 5, 6, 7, 12]; raises ValueError on anything else."""
    ids: list[int] = []
    for part in re.split(r"[,\s，、]+", text.strip()):
        if not part:
            continue
        match = re.fullmatch(r"(\d+)(?:[-–~](\d+))?", part)
        if match is None:
            raise ValueError(part)
        first, last = int(match.group(1)), int(match.group(2) or match.group(1))
        if last < first or last - first > 100_000:
            raise ValueError(part)
        ids.extend(range(first, last + 1))
    return list(dict.fromkeys(ids))


def format_report_ids(ids: list[int]) -> str:
    """[3, 5, 6, 7, 12] -> "3, 5-7, 12"."""
    out: list[str] = []
    ids = sorted(set(ids))
    n = 0
    while n < len(ids):
        m = n
        while m + 1 < len(ids) and ids[m + 1] == ids[m] + 1:
            m += 1
        out.append(str(ids[n]) if m == n else f"{ids[n]}-{ids[m]}")
        n = m + 1
    return ", ".join(out)


def reviewer_names(store, *also: str) -> list[str]:
    """Everyone who has edited this library or has been given reports, and ``also``."""
    from desktop.store.queries import reviewer_names as known

    return sorted(set(known(store)) | {name for name in also if name})


def _table(parent: QWidget, headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    return table


def _cell(text: Any, data: Any = None) -> QTableWidgetItem:
    item = QTableWidgetItem("" if text is None else str(text))
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


def _report_title(store, report_id: int) -> tuple[str, str, str]:
    """(file, title, state) of a report, for the lists."""
    from desktop.store.queries import report_row

    from .session import state_name

    row = report_row(store, report_id)
    if row is None:
        return ("?", "", "")
    return (row.file_name, row.title or "", state_name(row.state))


# ---------------------------------------------------------------- assigning


class AssignDialog(QDialog):
    """Give reports to one reviewer, or to two for double coding; the reports' assignments
    are listed below, with Unassign."""

    assigned = Signal(object)  # the result of the last assignment: (assignments, errors)

    def __init__(self, window, report_ids: list[int], parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window = window
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
        self.double_check = QCheckBox(self.tr("&Double coding: both code the report, each on a copy of their "
                                              "own"), self)
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
        self.table = _table(self, [self.tr("Report"), self.tr("File"), self.tr("Reviewer"), self.tr("Coding"),
                                   self.tr("Assigned by"), self.tr("Coding done")], "assignTable")
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

        rows = list_reports(self.window.store, self.window.library.current_filter(), limit=1_000_000)
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
            self.result_label.setText(self.tr("Enter the reviewer's name.") if len(reviewers) == 1 else
                                      self.tr("Double coding needs two reviewers."))
            return None
        if len(reviewers) == 2 and reviewers[0] == reviewers[1]:
            self.result_label.setText(self.tr("Double coding needs two different reviewers."))
            return None
        store, lead = self.window.store, self.window.session.reviewer

        def work(progress, cancelled):
            made, errors = [], []
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

    def _assigned(self, result) -> None:
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
        self.window.library.reload()
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
                rows.extend(team.assignments(self.window.store, report_id=report_id))
        self.table.setRowCount(len(rows))
        for n, a in enumerate(rows):
            file_name = _report_title(self.window.store, a.report_id)[0]
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
        pairs = [self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) for row in rows]
        errors = []
        for report_id, reviewer in pairs:
            try:
                team.unassign(self.window.store, report_id, reviewer, by=self.window.session.reviewer)
            except Exception as error:  # their coding exists already, …
                errors.append(f"{report_id} {reviewer}: {plain_error(error)}")
        self.result_label.setText("; ".join(errors) if errors else self.tr("Unassigned."))
        self.refresh()


# ---------------------------------------------------------------- queue


class QueueDialog(QDialog):
    """The reports given to a reviewer and not yet done; double-click or Enter opens one."""

    def __init__(self, window, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window = window
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
        self.table = _table(self, [self.tr("Report"), self.tr("File"), self.tr("Title"), self.tr("State"),
                                   self.tr("Coding")], "queueTable")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        layout.addWidget(self.table, 1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("queueCount")
        layout.addWidget(self.count_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Close,
                                   self)
        buttons.button(QDialogButtonBox.StandardButton.Open).clicked.connect(
            lambda: self.open_row(self.table.currentRow()))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.currentRow() >= 0:
            self.open_row(self.table.currentRow())
            return
        super().keyPressEvent(event)

    def report_ids(self) -> list[int]:
        return [self.table.item(n, 0).data(Qt.ItemDataRole.UserRole) for n in range(self.table.rowCount())]

    def refresh(self) -> None:
        team = _store_team()
        reviewer = self.reviewer_combo.currentText().strip()
        ids = team.queue(self.window.store, reviewer) if team is not None and reviewer else []
        double = {a.report_id for a in team.assignments(self.window.store, reviewer=reviewer) if a.double} \
            if ids else set()
        self.table.setRowCount(len(ids))
        for n, report_id in enumerate(ids):
            file_name, title, state = _report_title(self.window.store, report_id)
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
        report_id = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        opened = self.window.open_report(report_id)
        if opened:
            self.accept()
        return opened


# ---------------------------------------------------------------- agreement


#: the store's note that explains a figure rather than weakens it
BOUNDARY_NOTE = "disagreement is mostly about span boundaries"


def is_fragile(row) -> bool:
    """A figure not to lean on: no value, fewer than FRAGILE_N units, or a caveat about it
    (every note of the store's but the one that says where disagreement lies)."""
    caveats = (row.note or "").replace(BOUNDARY_NOTE, "").strip("; ")
    return row.value is None or (row.n or 0) < FRAGILE_N or bool(caveats)


class AgreementDialog(QDialog):
    """Agreement between the two coders of double-coded reports: scope, measure, value, n,
    note (fragile figures tinted), Export CSV…. Computed in a worker thread."""

    computed = Signal(object)  # the AgreementReport shown

    def __init__(self, window, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window = window
        self.report = None
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
        self.table = _table(self, [self.tr("Scope"), self.tr("Measure"), self.tr("Value"), self.tr("n"),
                                   self.tr("Note")], "agreementTable")
        self.table.setWordWrap(True)  # the notes are sentences
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self.table.horizontalHeader()
        header.sectionResized.connect(lambda *_args: self.table.resizeRowsToContents())
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        legend = QLabel(self.tr("Tinted rows: fewer than %1 units, no value or a caveat; read them with care.")
                        .replace("%1", str(FRAGILE_N)), self)
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
        store = self.window.store
        report_ids = None
        if self.scope_combo.currentData() == "filter":
            from desktop.store.queries import list_reports

            report_ids = [r.id for r in list_reports(store, self.window.library.current_filter(), limit=1_000_000)]
        self.summary_label.setText(self.tr("Computing…"))
        self.job = Job(lambda progress, cancelled: team.agreement(store, report_ids), self.tr("Agreement…"), self)
        self.job.finished.connect(self.show_report)
        self.job.failed.connect(lambda error: self.summary_label.setText(
            self.tr("Could not compute the agreement: %1").replace("%1", plain_error(error))))
        return self.job.start()

    def show_report(self, report) -> None:
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
            cells = [_cell(self.scope_text(row.scope)), _cell(self.measure_text(row.measure)), _cell(value),
                     _cell(row.n), _cell(self.note_text(row.note))]
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

    def summary(self, report) -> str:
        if not report.reports:
            return self.tr("No report is double-coded by two reviewers yet: assign reports to two reviewers "
                           "(Team › Assign Reports…), let both code them, then come back.")
        text = (self.tr("%1 double-coded reports; coders: %2.").replace("%1", str(len(report.reports)))
                .replace("%2", ", ".join(report.coders)))
        if getattr(report, "undecided", 0):
            text += " " + self.tr("%1 matched items are left out: a coder has not decided them yet.") \
                .replace("%1", str(report.undecided))
        return text + "\n" + self.tr("Percent: the share of items both coders decided alike. Kappa: agreement "
                                     "beyond chance (1 perfect, 0 chance). Span F1: the same spans found (exact, "
                                     "or overlapping).")

    def scope_text(self, scope: str) -> str:
        from . import marks

        if scope.startswith("field:"):
            key = scope.split(":", 1)[1]
            if key == "categorical":
                return self.tr("Fields: categorical, pooled")
            return self.tr("Field: %1").replace("%1", marks.field_name(key))
        names = {"part": self.tr("Parts"), "indicator": self.tr("Indicators of metrics"),
                 "section": self.tr("Headings"), "metric": self.tr("Metrics")}
        return names.get(scope, scope)

    def measure_text(self, measure: str) -> str:
        names = {"percent": self.tr("percent agreement"), "kappa": self.tr("Cohen's kappa"),
                 "span_f1": self.tr("span F1, exact"), "span_f1_relaxed": self.tr("span F1, overlapping")}
        return names.get(measure, measure)

    def note_text(self, note: str | None) -> str:
        """The store's notes in the interface's language (unknown ones as they are)."""
        if not note:
            return ""
        known = {
            "no decided double-coded items yet": self.tr("no decided double-coded items yet"),
            "too few items to read much into": self.tr("too few items to read much into"),
            "one label dominates: kappa is unstable, look at percent agreement":
                self.tr("one label dominates: kappa is unstable, look at percent agreement"),
            "kappa undefined: both coders used one label only (chance agreement is 1); look at percent agreement":
                self.tr("kappa undefined: both coders used one label only (chance agreement is 1); look at "
                        "percent agreement"),
            BOUNDARY_NOTE: self.tr("disagreement is mostly about span boundaries"),
        }
        text = note
        for english, translated in known.items():
            text = text.replace(english, translated)
        return text

    def fragile_rows(self) -> list[int]:
        return [n for n in range(self.table.rowCount())
                if self.table.item(n, 0).background().color() == FRAGILE_BACKGROUND]

    def export_csv(self, path: str | None = None) -> str | None:
        if self.report is None:
            return None
        if not path:
            start = settings_read(self.window.settings, S.AGREEMENT_CSV)
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export agreement"), start,
                                                  self.tr("CSV files (*.csv)"))
        if not path:
            return None
        if not path.lower().endswith(".csv"):
            path += ".csv"
        try:
            self.report.to_csv(path)
        except OSError as error:
            QMessageBox.critical(self, self.tr("Export agreement"), str(error))
            return None
        settings_write(self.window.settings, S.AGREEMENT_CSV, path)
        self.summary_label.setText(self.summary(self.report) + "\n" + self.tr("Written to %1").replace("%1", path))
        return path


# ---------------------------------------------------------------- the window's team tools


class TeamTools(QObject):
    """What team mode adds to the window: File › Connect to Team Database…, the Team menu,
    the double-coder's copy when a report opens, and a status-bar note while coding one."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.coder: str | None = None  # the copy the open report shows (None: the canonical items)
        self.adjudication = None
        self.connect_action = self._action(self.tr("Connect to &Team Database…"), self.connect_database)
        self.assign_action = self._action(self.tr("&Assign Reports…"), self.assign_reports)
        self.queue_action = self._action(self.tr("My &Queue…"), self.show_queue, "Ctrl+Shift+Q")
        self.coding_done_action = self._action(self.tr("Mark My &Coding Done"), self.mark_coding_done)
        self.agreement_action = self._action(self.tr("A&greement…"), self.show_agreement)
        self.adjudicate_action = self._action(self.tr("A&djudicate Report…"), self.adjudicate_report)
        self.coder_label = QLabel(window)
        self.coder_label.setObjectName("coderLabel")
        self.coder_label.setStyleSheet("color: #7b3fbf; font-weight: bold;")
        self.coder_label.hide()
        window.statusBar().addPermanentWidget(self.coder_label)
        window.library.model.modelReset.connect(self._forget_coder_if_closed)  # another library opened
        self._route_adds_to_copy(window.session)

    def _route_adds_to_copy(self, session) -> None:
        """Items a double-coder adds go into their copy of the open report."""
        def coder_of(report_id: int) -> str | None:
            record = self.window.record
            return record.coder if record is not None and record.id == report_id else None

        session.coder_of = coder_of

    def _action(self, text: str, slot: Callable, shortcut: str | None = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        return action

    def add_to_menus(self, file_menu) -> None:
        file_menu.insertAction(self.window.recent_menu.menuAction(), self.connect_action)
        bar = self.window.menuBar()
        self.menu = bar.addMenu(self.tr("&Team"))
        # after View, before Report (issue 9) and Help
        report_menu = getattr(getattr(self.window, "insights", None), "report_menu", None)
        help_menu = next((a.menu() for a in bar.actions()
                          if a.menu() is not None and self.window.shortcuts_action in a.menu().actions()), None)
        before = report_menu or help_menu
        if before is not None:
            bar.insertMenu(before.menuAction(), self.menu)
        for action in (self.assign_action, None, self.queue_action, self.coding_done_action, None,
                       self.agreement_action, self.adjudicate_action):
            self.menu.addSeparator() if action is None else self.menu.addAction(action)
        self.menu.aboutToShow.connect(self._update_actions)

    def _update_actions(self) -> None:
        has_team = _store_team() is not None
        record = self.window.record
        for action in (self.assign_action, self.queue_action, self.agreement_action):
            action.setEnabled(has_team)
        self.coding_done_action.setEnabled(has_team and record is not None)
        self.adjudicate_action.setEnabled(has_team and record is not None)

    # ------------------------------------------------------------ opening reports

    def coder_for_open(self, report_id: int) -> str | None:
        """The copy the window loads for ``report_id``: the reviewer's own when they
        double-code it, else None (the canonical items)."""
        # no fallback: showing a double-coder the canonical items would let them edit those
        coder = _store_team().coder_for(self.window.store, report_id, self.window.session.reviewer)
        self.coder = coder
        self.coder_label.setText(self.tr("Double coding: your own copy") if coder else "")
        self.coder_label.setToolTip(self.tr("You and another reviewer code this report separately; the lead "
                                            "adjudicates where you differ.") if coder else "")
        self.coder_label.setVisible(bool(coder))
        return coder

    def _forget_coder_if_closed(self) -> None:
        if self.window.record is None:
            self.coder = None
            self.coder_label.hide()

    # ------------------------------------------------------------ libraries

    def connect_database(self, url: str | None = None) -> bool:
        dialog = ConnectDialog(self.window.settings, self.window, url)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.window.switch_library(dialog.url())

    # ------------------------------------------------------------ team menu

    def _needs_team(self) -> Any:
        team = _store_team()
        if team is None:
            QMessageBox.information(self.window, self.tr("Team"),
                                    self.tr("This version of the library has no team features."))
        return team

    def assign_reports(self) -> AssignDialog | None:
        if self._needs_team() is None:
            return None
        ids = []
        current = self.window.library.current_report_id()
        if current is not None:
            ids.append(current)
        elif self.window.record is not None:
            ids.append(self.window.record.id)
        dialog = AssignDialog(self.window, ids)
        dialog.show()
        return dialog

    def show_queue(self) -> QueueDialog | None:
        if self._needs_team() is None:
            return None
        dialog = QueueDialog(self.window)
        dialog.show()
        return dialog

    def mark_coding_done(self) -> bool:
        team = self._needs_team()
        record = self.window.record
        if team is None or record is None:
            return False
        pending = len(self.window.review_queue())
        if pending and QMessageBox.question(
                self.window, self.tr("Mark my coding done"),
                self.tr("%1 items still need a decision. Mark your coding done anyway?").replace("%1", str(pending)),
        ) != QMessageBox.StandardButton.Yes:
            return False
        try:
            team.mark_coding_done(self.window.store, record.id, self.window.session.reviewer)
        except Exception as error:  # not assigned to this reviewer
            QMessageBox.warning(self.window, self.tr("Mark my coding done"), plain_error(error))
            return False
        self.window.saved_label.setText(self.tr("Your coding of %1 is done.").replace("%1", record.file_name))
        self.window.library.refresh_report(record.id)
        return True

    def show_agreement(self) -> AgreementDialog | None:
        if self._needs_team() is None:
            return None
        dialog = AgreementDialog(self.window)
        dialog.show()
        dialog.compute()
        return dialog

    def adjudicate_report(self, report_id: int | None = None):
        team = self._needs_team()
        if team is None:
            return None
        if report_id is None:
            if self.window.record is None:
                return None
            report_id = self.window.record.id
        from .adjudication import AdjudicationDialog

        try:
            rows = team.adjudication_rows(self.window.store, report_id)
        except ValueError:  # not coded by two reviewers
            rows = None
        if not rows:
            QMessageBox.information(self.window, self.tr("Adjudicate report"),
                                    self.tr("This report is not double-coded by two reviewers yet: there is "
                                            "nothing to adjudicate."))
            return None
        if self.adjudication is not None:
            self.adjudication.close()
        self.adjudication = AdjudicationDialog(self.window, report_id)
        self.adjudication.show()
        return self.adjudication


def install_team(window) -> TeamTools:
    return TeamTools(window)
