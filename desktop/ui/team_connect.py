"""File › Connect to Team Database…: host, port, database, user and a password that
is never stored; Test Connection runs in a worker thread."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from . import settings as S
from .settings import read as settings_read
from .settings import write as settings_write
from .team_common import _login, plain_error, probe_connection, team_url, url_parts
from .worker import Job

log = logging.getLogger(__name__)


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
        intro = QLabel(
            self.tr(
                "A library on a PostgreSQL server, shared by a team. Everyone's edits are saved "
                "there at once, with the reviewer's name."
            ),
            self,
        )
        intro.setWordWrap(True)
        outer.addWidget(intro)
        outer.addLayout(form)
        parts = url_parts(url) if url else {}
        self.host_edit = QLineEdit(parts.get("host") or settings_read(settings, S.TEAM_HOST), self)
        self.host_edit.setObjectName("teamHost")
        self.host_edit.setToolTip(self.tr("The server's name or address (a folder starting with / for a local socket)"))
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
        note = QLabel(
            self.tr(
                "The password is never stored. To connect without typing it, put it in libpq's "
                "password file, ~/.pgpass (one line: host:port:database:user:password, readable "
                "by you only)."
            ),
            self,
        )
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
        return team_url(
            self.host_edit.text(),
            self.port_spin.value(),
            self.database_edit.text(),
            self.user_edit.text(),
            self.password_edit.text(),
        )

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
        self.job.failed.connect(
            lambda error: self._show_result(
                False, self.tr("Cannot connect: %1").replace("%1", plain_error(error, secret))
            )
        )
        return self.job.start()

    def _tested(self, result: tuple[str, str | None, str]) -> None:
        version, revision, head = result
        if revision is None:
            where = self.tr("The database is empty: it becomes a library when you connect.")
        elif revision == head:
            where = self.tr("The database is a Fazhi Review library.")
        else:
            where = self.tr(
                "The database is a Fazhi Review library of another version (%1); it is upgraded "
                "when you connect, if this version knows it."
            ).replace("%1", str(revision))
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
