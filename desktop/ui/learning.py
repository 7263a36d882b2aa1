"""Learning from corrections: when a reviewer gives a metric an indicator (or changes its
indicator or label) and the catalogue would not name that label so, a bar above the text
proposes adding the label as a phrase of the indicator to the user catalogue
(``desktop.core.indicators``: a TOML file beside the bundled catalogue). The reviewer can
trim the phrase first, add it, or say "Not now" (not asked again for that pair in this
session). Re-extraction then uses the phrase: items no reviewer touched get the indicator.

Review › Indicator Catalogue… (:class:`CatalogueDialog`) lists the user catalogue's phrases
per indicator, to add, edit and remove; it saves to the same file.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.indicators import (
    RATE,
    CatalogueError,
    UserEntry,
    add_user_phrase,
    default_catalogue,
    literal_phrase,
    phrase_error,
    read_user_catalogue,
    user_catalogue_path,
    write_user_catalogue,
)
from desktop.store.ops import Change

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow
    from desktop.ui.session import ReviewSession


log = logging.getLogger(__name__)
MIN_LABEL = 2  # shorter labels name nothing


def indicator_name(key: str) -> str:
    indicator = default_catalogue().by_key.get(key)
    return f"{indicator.zh} ({key})" if indicator is not None else key


def catalogue_names(label: str, key: str) -> bool:
    """Would the catalogue give a number right after ``label`` the indicator ``key``?"""
    indicator = default_catalogue().by_key.get(key)
    if indicator is None:
        return True  # not an indicator of the catalogue: nothing to teach
    unit = "%" if indicator.unit_kind == RATE else "件"
    found, _strength = default_catalogue().classify(label, unit)
    return found == key


class LearningBar(QFrame):
    """The proposal: "“满意程度” [phrase] names 12345热线满意率. [Add to catalogue] [Not now]"."""

    addRequested = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LearningBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#LearningBar { background: #eef4ff; border: 1px solid #9db8e8; border-radius: 3px; }")
        self.key: str | None = None
        self.label = ""
        self.message = QLabel(self)
        self.message.setObjectName("learningMessage")
        self.message.setWordWrap(True)
        self.phrase_edit = QLineEdit(self)
        self.phrase_edit.setObjectName("learningPhrase")
        self.phrase_edit.setToolTip(self.tr("The words that name the indicator; trim them before adding"))
        self.add_button = QPushButton(self.tr("Add to Catalogue"), self)
        self.add_button.setObjectName("learningAdd")
        self.later_button = QPushButton(self.tr("Not Now"), self)
        self.later_button.setObjectName("learningLater")
        self.add_button.clicked.connect(self.addRequested)
        self.later_button.clicked.connect(self.dismissed)
        self.phrase_edit.returnPressed.connect(self.addRequested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        layout.addWidget(self.message, 2)
        layout.addWidget(self.phrase_edit, 1)
        layout.addWidget(self.add_button)
        layout.addWidget(self.later_button)
        self.hide()

    def propose(self, key: str, label: str) -> None:
        self.key, self.label = key, label
        self.message.setText(
            self.tr(
                "The catalogue does not know that “%1” names %2. Add the phrase to your "
                "catalogue, so that re-extraction finds it?"
            )
            .replace("%1", label)
            .replace("%2", indicator_name(key))
        )
        self.phrase_edit.setText(label)
        self.phrase_edit.setCursorPosition(0)  # the phrase from its start, not scrolled to its end
        width = self.phrase_edit.fontMetrics().horizontalAdvance(label + "MM")
        self.phrase_edit.setMinimumWidth(min(width, 360))
        self.show()

    def phrase(self) -> str:
        return self.phrase_edit.text().strip()


class CatalogueLearner(QObject):
    """Watches the session's edits and proposes phrases (see the module docstring)."""

    proposed = Signal(str, str)  # indicator, label
    learned = Signal(str, str)  # indicator, phrase written to the user catalogue
    message = Signal(str)  # for the status bar

    def __init__(self, session: ReviewSession, bar: LearningBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.bar = bar
        self.dismissed: set[tuple[str, str]] = set()
        session.changed.connect(self.on_changed)
        bar.addRequested.connect(self.add)
        bar.dismissed.connect(self.not_now)

    def _before(self, change: Change) -> dict[str, Any] | None:
        """The item's value before this edit (from the edit history)."""
        edit = self.session.edit_of(change.edit_id)
        old = edit["old"] if edit is not None else None
        return (old or {}).get("data") if isinstance(old, dict) else None

    def on_changed(self, change: Change) -> None:
        item = change.item
        if change.action != "update" or item is None or item.get("kind") != "metric":
            return
        data = item.get("data") or {}
        key = data.get("indicator")
        label = (data.get("label") or "").strip()
        if not key or len(label) < MIN_LABEL or (label, key) in self.dismissed:
            return
        before = self._before(change) or {}
        if before.get("indicator") == key and (before.get("label") or "").strip() == label:
            return  # the value changed, not what names it
        try:
            if catalogue_names(label, key):
                return
        except Exception:
            log.exception("cannot classify %r", label)
            return
        self.bar.propose(key, label)
        self.proposed.emit(key, label)

    def add(self) -> None:
        key, phrase = self.bar.key, self.bar.phrase()
        if key is None:
            return
        pattern = literal_phrase(phrase)
        try:
            added = add_user_phrase(key, pattern)
        except (CatalogueError, OSError) as error:
            QMessageBox.warning(self.bar.window(), self.tr("Catalogue not changed"), str(error))
            return
        self.bar.hide()
        self.dismissed.add((self.bar.label, key))
        if added:
            self.learned.emit(key, pattern)
            self.message.emit(
                self.tr("“%1” added to the catalogue as %2; Review › Re-extract This Report uses it.")
                .replace("%1", phrase)
                .replace("%2", indicator_name(key))
            )
        else:
            self.message.emit(self.tr("The catalogue already has “%1”.").replace("%1", phrase))

    def not_now(self) -> None:
        if self.bar.key is not None:
            self.dismissed.add((self.bar.label, self.bar.key))
        self.bar.hide()


def install_learning(window: MainWindow) -> CatalogueLearner:
    """The bar above the report's text, and the learner on the window's session."""
    central = window.centralWidget()
    layout = central.layout() if central is not None else None
    if not isinstance(layout, QBoxLayout):
        raise TypeError("the window's text has no box layout to take the learning bar")
    bar = LearningBar(central)
    layout.insertWidget(layout.indexOf(window.text_view), bar)
    learner = CatalogueLearner(window.session, bar, window)
    learner.message.connect(window.saved_label.setText)
    return learner


# ---------------------------------------------------------------- the catalogue dialog


class CatalogueDialog(QDialog):
    """The user catalogue's phrases, one a row: indicator, phrase (editable). Saved to the
    user file on Save; phrases are regular expressions as in the bundled catalogue, so a
    phrase added here is written as typed (``.{0,6}`` is a gap of up to 6 characters)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CatalogueDialog")
        self.setWindowTitle(self.tr("Indicator Catalogue"))
        self.resize(760, 480)
        self.path = user_catalogue_path()
        self.new_indicators: dict[str, UserEntry] = {}  # entries that define an indicator: kept as they are
        intro = QLabel(
            self.tr(
                "Phrases you taught the app, used with the bundled catalogue by every extraction "
                "and re-extraction.\nFile: %1"
            ).replace("%1", str(self.path) if self.path else "—"),
            self,
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 2, self)
        self.table.setObjectName("catalogueTable")
        self.table.setHorizontalHeaderLabels([self.tr("Indicator"), self.tr("Phrase")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)

        self.indicator_combo = QComboBox(self)
        self.indicator_combo.setObjectName("catalogueIndicator")
        for indicator in default_catalogue().indicators:
            self.indicator_combo.addItem(f"{indicator.zh} ({indicator.key})", indicator.key)
        self.phrase_edit = QLineEdit(self)
        self.phrase_edit.setObjectName("cataloguePhrase")
        self.phrase_edit.setPlaceholderText(self.tr("New phrase, e.g. 满意程度"))
        add = QPushButton(self.tr("&Add"), self)
        add.setObjectName("catalogueAdd")
        remove = QPushButton(self.tr("&Remove Selected"), self)
        remove.setObjectName("catalogueRemove")
        add.clicked.connect(self.add_row_from_inputs)
        self.phrase_edit.returnPressed.connect(self.add_row_from_inputs)
        remove.clicked.connect(self.remove_selected)
        adding = QHBoxLayout()
        adding.addWidget(self.indicator_combo, 1)
        adding.addWidget(self.phrase_edit, 1)
        adding.addWidget(add)
        adding.addWidget(remove)

        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(adding)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.load()

    def load(self) -> None:
        self.table.setRowCount(0)
        try:
            entries = read_user_catalogue(self.path)
        except CatalogueError as error:
            self.problem.setText(self.tr("The catalogue file cannot be read: %1").replace("%1", str(error)))
            entries = []
        for entry in entries:
            if entry.zh or entry.en or entry.unit_kind:
                self.new_indicators[entry.key] = UserEntry(entry.key, [], entry.zh, entry.en, entry.unit_kind)
            for phrase in entry.phrases:
                self.add_row(entry.key, phrase)

    def add_row(self, key: str, phrase: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        name = QTableWidgetItem(indicator_name(key))
        name.setData(Qt.ItemDataRole.UserRole, key)
        name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, 0, name)
        self.table.setItem(row, 1, QTableWidgetItem(phrase))

    def add_row_from_inputs(self) -> None:
        phrase = self.phrase_edit.text().strip()
        problem = phrase_error(phrase)
        if problem:
            self.problem.setText(self.tr("Not a phrase: %1").replace("%1", problem))
            return
        self.problem.setText("")
        self.add_row(self.indicator_combo.currentData(), phrase)
        self.phrase_edit.clear()

    def remove_selected(self) -> None:
        for row in sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def _phrase(self, row: int) -> str:
        """The phrase of a row as typed, without the spaces around it."""
        item = self.table.item(row, 1)  # add_row() gives every row both its cells
        return (item.text() if item is not None else "").strip()

    def entries(self) -> list[UserEntry]:
        """The rows as catalogue entries, one per indicator, in the order first seen."""
        out: dict[str, UserEntry] = {}
        for row in range(self.table.rowCount()):
            name = self.table.item(row, 0)
            phrase = self._phrase(row)
            if name is None or not phrase:
                continue
            key: str = name.data(Qt.ItemDataRole.UserRole)
            entry = out.get(key)
            if entry is None:
                defined = self.new_indicators.get(key)
                entry = out[key] = UserEntry(
                    key, [], *((defined.zh, defined.en, defined.unit_kind) if defined else (None, None, None))
                )
            if phrase not in entry.phrases:
                entry.phrases.append(phrase)
        for key, defined in self.new_indicators.items():  # an indicator defined here stays defined
            out.setdefault(key, UserEntry(key, [], defined.zh, defined.en, defined.unit_kind))
        return list(out.values())

    def save(self) -> None:
        for row in range(self.table.rowCount()):
            phrase = self._phrase(row)
            problem = phrase_error(phrase) if phrase else None
            if problem:
                self.problem.setText(
                    self.tr("Row %1: not a phrase: %2").replace("%1", str(row + 1)).replace("%2", problem)
                )
                self.table.selectRow(row)
                return
        try:
            write_user_catalogue(self.entries(), self.path)
        except (CatalogueError, OSError) as error:
            self.problem.setText(self.tr("Not saved: %1").replace("%1", str(error)))
            return
        self.accept()
