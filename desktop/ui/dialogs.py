"""The window's dialogs: export, preferences, the keyboard help sheet, the import summary."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.store.ops import REPORT_STATES

from . import settings as S
from .session import state_name
from .settings import read as settings_read
from .settings import write as settings_write

if TYPE_CHECKING:
    from desktop.store.importer import ImportReport


LANGUAGES = (("zh_CN", "中文"), ("en", "English"))  # each named in its own language


@dataclass
class ExportOptions:
    format: str
    path: str
    states: list[str]
    provenance: bool


class ExportDialog(QDialog):
    """Format, destination, which report states, provenance columns."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Export dataset"))
        form = QFormLayout(self)
        self.format_combo = QComboBox(self)
        self.format_combo.addItem(self.tr("JSON Lines (.jsonl)"), "jsonl")
        self.format_combo.addItem(self.tr("CSV, for Excel (two .csv files)"), "csv")
        self.format_combo.addItem(self.tr("Excel workbook (.xlsx)"), "xlsx")
        index = self.format_combo.findData(settings_read(settings, S.EXPORT_FORMAT))
        self.format_combo.setCurrentIndex(max(index, 0))
        self.format_combo.currentIndexChanged.connect(self._suggest_name)
        form.addRow(self.tr("Format"), self.format_combo)

        row = QHBoxLayout()
        self.path_edit = QLineEdit(self)
        self.path_edit.setText(settings_read(settings, S.EXPORT_PATH) or str(Path.home() / "fazhi-dataset.jsonl"))
        browse = QPushButton(self.tr("Choose…"), self)
        browse.clicked.connect(self._browse)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Save to"), row)

        self.state_boxes: dict[str, QCheckBox] = {}
        states_row = QHBoxLayout()
        chosen = settings_read(settings, S.EXPORT_STATES)  # all, as the command line
        for state in REPORT_STATES:
            box = QCheckBox(state_name(state), self)
            box.setChecked(state in chosen)
            self.state_boxes[state] = box
            states_row.addWidget(box)
        form.addRow(self.tr("Reports that are"), states_row)
        self.provenance_box = QCheckBox(self.tr("Add provenance columns (source, extractor's value, confidence)"), self)
        self.provenance_box.setChecked(settings_read(settings, S.EXPORT_PROVENANCE))
        form.addRow("", self.provenance_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._suggest_name()

    def _suggest_name(self) -> None:
        fmt = self.format_combo.currentData()
        path = Path(self.path_edit.text() or "fazhi-dataset")
        self.path_edit.setText(str(path.with_suffix(f".{fmt}")))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), self.path_edit.text())
        if path:
            self.path_edit.setText(path)
            self._suggest_name()

    def _accept(self) -> None:
        if not self.path_edit.text().strip():
            QMessageBox.warning(self, self.tr("Export dataset"), self.tr("Choose where to save the dataset."))
            return
        if not any(box.isChecked() for box in self.state_boxes.values()):
            QMessageBox.warning(self, self.tr("Export dataset"), self.tr("Choose at least one report state."))
            return
        options = self.options()
        settings_write(self.settings, S.EXPORT_FORMAT, options.format)
        settings_write(self.settings, S.EXPORT_PATH, options.path)
        settings_write(self.settings, S.EXPORT_STATES, options.states)
        settings_write(self.settings, S.EXPORT_PROVENANCE, options.provenance)
        self.accept()

    def options(self) -> ExportOptions:
        return ExportOptions(
            format=self.format_combo.currentData(),
            path=self.path_edit.text().strip(),
            states=[s for s, box in self.state_boxes.items() if box.isChecked()],
            provenance=self.provenance_box.isChecked(),
        )


class PreferencesDialog(QDialog):
    """The reviewer's name (recorded with every edit) and the interface language."""

    def __init__(self, settings: QSettings, reviewer: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Preferences"))
        form = QFormLayout(self)
        self.reviewer_edit = QLineEdit(reviewer, self)
        self.reviewer_edit.setPlaceholderText(self.tr("Your name, as recorded in the edit history"))
        form.addRow(self.tr("Reviewer"), self.reviewer_edit)
        self.language_combo = QComboBox(self)
        self.language_combo.addItem(self.tr("System language"), "")
        for code, name in LANGUAGES:
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(max(self.language_combo.findData(settings_read(settings, S.LANGUAGE)), 0))
        form.addRow(self.tr("Language"), self.language_combo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _accept(self) -> None:
        if not self.reviewer_edit.text().strip():
            QMessageBox.warning(self, self.tr("Preferences"), self.tr("Every edit records who made it: enter a name."))
            return
        self.accept()

    def apply(self) -> tuple[str, bool]:
        """Saves the choices; returns (reviewer, whether the language changed)."""
        reviewer = self.reviewer_edit.text().strip()
        language = self.language_combo.currentData()
        changed = language != settings_read(self.settings, S.LANGUAGE)
        settings_write(self.settings, S.REVIEWER, reviewer)
        settings_write(self.settings, S.LANGUAGE, language)
        return reviewer, changed


class ShortcutsDialog(QDialog):
    """The help sheet: every action with its keys."""

    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        layout = QVBoxLayout(self)
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for n, (action, keys) in enumerate(rows):
            self.table.setItem(n, 0, QTableWidgetItem(action))
            self.table.setItem(n, 1, QTableWidgetItem(keys))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 560)


def show_import_result(parent: QWidget, result: ImportReport) -> None:
    """What an import did, with the reason for every file that was not imported."""
    translate = QCoreApplication.translate
    text = (
        translate("ImportResult", "%1 reports imported, %2 duplicates skipped, %3 files could not be read.")
        .replace("%1", str(len(result.imported)))
        .replace("%2", str(len(result.duplicates)))
        .replace("%3", str(len(result.failed)))
    )
    if result.cancelled:
        text += "\n" + translate("ImportResult", "The import was cancelled; the files imported so far are kept.")
    icon = QMessageBox.Icon.Information if not result.failed else QMessageBox.Icon.Warning
    box = QMessageBox(icon, translate("ImportResult", "Import finished"), text, QMessageBox.StandardButton.Ok, parent)
    details = [f"{Path(path).name}: {reason}" for path, reason in result.failed]
    details += [
        translate("ImportResult", "%1: already in the library").replace("%1", Path(path).name)
        for path, _ in result.duplicates
    ]
    if details:
        box.setDetailedText("\n".join(details))
    box.exec()
