"""The report's metadata: the nine fields of ANNOTATION_GUIDE.md, each with its value, its
review state and what the checks say about it. F2 (or a double-click) opens an editor that
fits the field; a value the checks object to is shown before it is saved, and saved only
after the reviewer confirms it."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.checks import LEVELS, YEAR_MAX, YEAR_MIN, Problem, validate_field
from desktop.core.gazetteer import default_gazetteer
from desktop.store.ops import is_live
from desktop.ui.marks import FIELD_KEYS, field_name, field_value_text
from desktop.ui.problems import problem_message

from .base import REJECTED_FOREGROUND, ItemPanel, Selection, struck_font

if TYPE_CHECKING:
    from desktop.ui.session import ReviewSession


ID_ROLE = Qt.ItemDataRole.UserRole
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
COL_MARK, COL_FIELD, COL_VALUE, COL_PROBLEMS = range(4)
SCRIPTS = ("simplified", "traditional")


@lru_cache(maxsize=1)
def _province_names() -> tuple[str, ...]:
    return tuple(d.name for d in default_gazetteer().provinces())


@lru_cache(maxsize=1)
def _place_names() -> tuple[str, ...]:
    names = {d.name for d in default_gazetteer().divisions}
    return tuple(sorted(names))


class FieldEditor(QDialog):
    """The editor of one field. Saving a value the checks object to takes two clicks: the
    first shows why ("Save anyway"), the second saves."""

    def __init__(self, key: str, value: Any, fields: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.fields = {k: v for k, v in fields.items() if k != key}
        self.confirmed = False
        self.problems: list[Problem] = []
        self.setWindowTitle(self.tr("Edit %1").replace("%1", field_name(key)))
        self.widget = self._make_widget(key, value)
        self.problems_label = QLabel(self)
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet("color: #b3261e")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(field_name(key), self.widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.buttons)
        self.refresh()

    # ------------------------------------------------------------ the editor widget

    def _make_widget(self, key: str, value: Any) -> QWidget:
        if key == "province":
            combo = QComboBox(self)
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.addItems(list(_province_names()))
            completer = combo.completer()  # an editable combo box has one
            if completer is not None:
                completer.setFilterMode(Qt.MatchFlag.MatchContains)
                completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            combo.setCurrentText("" if value is None else str(value))
            combo.currentTextChanged.connect(self.refresh)
            return combo
        if key == "level":
            combo = QComboBox(self)
            combo.addItem(self.tr("(unknown)"), None)
            names = {
                "province": self.tr("province"),
                "prefecture": self.tr("prefecture (地级市, 自治州)"),
                "county": self.tr("county (县, 县级市)"),
                "district": self.tr("district (市辖区)"),
                "zone": self.tr("zone (开发区, 高新区, 新区)"),
                "department": self.tr("department"),
                "township": self.tr("township"),
            }
            for level in LEVELS:
                combo.addItem(names.get(level, level), level)
            if value is not None and value not in LEVELS:
                combo.addItem(str(value), value)  # the extractor's odd value, shown as it is
            index = combo.findData(value)
            combo.setCurrentIndex(max(index, 0))
            combo.currentIndexChanged.connect(self.refresh)
            return combo
        if key == "script":
            combo = QComboBox(self)
            combo.addItem(self.tr("(unknown)"), None)
            combo.addItem(self.tr("simplified"), "simplified")
            combo.addItem(self.tr("traditional"), "traditional")
            if value is not None and value not in SCRIPTS:
                combo.addItem(str(value), value)
            combo.setCurrentIndex(max(combo.findData(value), 0))
            combo.currentIndexChanged.connect(self.refresh)
            return combo
        if key == "report_year":
            spin = QSpinBox(self)
            spin.setRange(YEAR_MIN - 1, YEAR_MAX)
            spin.setSpecialValueText(self.tr("(unknown)"))  # shown at the minimum: no year
            year = value if isinstance(value, int) and not isinstance(value, bool) else None
            spin.setValue(year if year is not None and YEAR_MIN <= year <= YEAR_MAX else YEAR_MIN - 1)
            spin.valueChanged.connect(self.refresh)
            return spin
        edit = QLineEdit(self)
        edit.setText("" if value is None else str(value))
        if key == "publish_date":
            edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
        if key == "region":
            completer = QCompleter(QStringListModel(list(_place_names()), edit), edit)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            edit.setCompleter(completer)
        edit.textChanged.connect(self.refresh)
        return edit

    def value(self) -> Any:
        widget = self.widget
        if isinstance(widget, QSpinBox):
            return None if widget.value() < YEAR_MIN else widget.value()
        if isinstance(widget, QComboBox) and not widget.isEditable():
            return widget.currentData()
        if isinstance(widget, QComboBox):
            text = widget.currentText()
        elif isinstance(widget, QLineEdit):
            text = widget.text()
        else:
            text = ""
        text = text.strip()
        return text or None

    def set_value(self, value: Any) -> None:
        widget = self.widget
        if isinstance(widget, QSpinBox):
            widget.setValue(value if value is not None else YEAR_MIN - 1)
        elif isinstance(widget, QComboBox) and not widget.isEditable():
            widget.setCurrentIndex(max(widget.findData(value), 0))
        elif isinstance(widget, QComboBox):
            widget.setCurrentText("" if value is None else str(value))
        elif isinstance(widget, QLineEdit):
            widget.setText("" if value is None else str(value))

    # ------------------------------------------------------------ checking and saving

    def refresh(self) -> None:
        """Check the value as it is now; a changed value needs confirming again."""
        self.problems = validate_field(self.key, self.value(), self.fields)
        self.confirmed = False
        self.save_button.setText(self.tr("Save"))
        self.problems_label.setText("\n".join(problem_message(p) for p in self.problems))
        self.problems_label.setVisible(bool(self.problems))

    def save(self) -> None:
        if self.problems and not self.confirmed:
            self.confirmed = True
            self.save_button.setText(self.tr("Save anyway"))
            self.problems_label.setText(
                "\n".join(problem_message(p) for p in self.problems)
                + "\n"
                + self.tr("Click “Save anyway” to keep this value.")
            )
            return
        self.accept()


class FieldsPanel(ItemPanel):
    """The metadata fields, one row each, in the guide's order."""

    kinds = ("field",)

    def __init__(self, session: ReviewSession, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(session, selection, parent)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["", self.tr("Field"), self.tr("Value"), self.tr("Problems")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setEditTriggers(QTreeWidget.EditTrigger.NoEditTriggers)
        self.tree.header().setSectionResizeMode(COL_MARK, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(COL_FIELD, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setColumnWidth(COL_VALUE, 240)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(lambda pos: self.show_context_menu(self.tree.viewport(), pos))
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemDoubleClicked.connect(lambda row, column: self._edit_row(row))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        self.rows: dict[str, QTreeWidgetItem] = {}
        #: The editor open now (None when none is).
        self.editor: FieldEditor | None = None

        self.edit_action = self.make_action(self.tr("Edit value…"), self.edit_current, "F2")
        self.accept_action = self.make_action(self.tr("Accept"), self.accept_current)
        self.reject_action = self.make_action(self.tr("Reject"), self.remove_current)
        self.menu_actions = [self.edit_action]
        self.context_actions = [self.edit_action, None, self.accept_action, self.reject_action]
        self.reload()

    # ------------------------------------------------------------ the interface

    def select_item(self, item_id: int) -> bool:
        for row in self.rows.values():
            if row.data(COL_MARK, ID_ROLE) == item_id:
                with self.quietly():
                    self.tree.setCurrentItem(row)
                    self.tree.scrollToItem(row)
                return True
        return False

    def edit_item(self, item_id: int) -> None:
        item = self.items.get(item_id)
        if item is not None:
            self.open_editor(item.get("key"))

    def item_ids(self) -> list[int]:
        out = []
        for index in range(self.tree.topLevelItemCount()):
            row = self.tree.topLevelItem(index)
            item_id = row.data(COL_MARK, ID_ROLE) if row is not None else None
            if item_id is not None:
                out.append(item_id)
        return out

    def current_item_id(self) -> int | None:
        row = self.tree.currentItem()
        return row.data(COL_MARK, ID_ROLE) if row is not None else None

    # ------------------------------------------------------------ showing

    def item_for(self, key: str) -> dict[str, Any] | None:
        """The item shown for a field: the live one (the latest added when there are several),
        else a rejected one."""
        candidates = [item for item in self.items.values() if item.get("key") == key]
        if not candidates:
            return None
        candidates.sort(key=lambda item: (is_live(item), item["id"]))
        return candidates[-1]

    def field_values(self) -> dict[str, Any]:
        out = {}
        for item in self.items.values():
            if item.get("key") and is_live(item):
                out[item["key"]] = (item.get("data") or {}).get("value")
        return out

    def _keys(self) -> list[str]:
        extra = sorted({item["key"] for item in self.items.values() if item.get("key")} - set(FIELD_KEYS))
        return list(FIELD_KEYS) + extra

    def reload(self) -> None:
        current = self.tree.currentItem()
        current_key = current.data(COL_MARK, KEY_ROLE) if current is not None else None
        with self.quietly():
            self.tree.clear()
            self.rows = {}
            for key in self._keys():
                row = QTreeWidgetItem()
                row.setData(COL_MARK, KEY_ROLE, key)
                row.setText(COL_FIELD, field_name(key))
                self.rows[key] = row
                self.tree.addTopLevelItem(row)
                self._fill(key)
            if current_key in self.rows:
                self.tree.setCurrentItem(self.rows[current_key])

    def _fill(self, key: str | None) -> None:
        row = self.rows.get(key) if key is not None else None
        if row is None or key is None:
            self.reload()
            return
        item = self.item_for(key)
        row.setData(COL_MARK, ID_ROLE, item["id"] if item is not None else None)
        value = (item.get("data") or {}).get("value") if item is not None else None
        row.setText(COL_VALUE, field_value_text(key, value))
        row.setText(COL_MARK, self.mark_text(item) if item is not None else "")
        problems = self.problems_of(item["id"]) if item is not None else []
        row.setText(COL_PROBLEMS, "; ".join(problem_message(p) for p in problems))
        tooltip = self.tooltip(item) if item is not None else self.tr("Not extracted: F2 adds it")
        font = self.tree.font()
        rejected = item is not None and not is_live(item)
        for column in range(4):
            row.setToolTip(column, tooltip)
            row.setFont(column, struck_font(font) if rejected else font)
            if rejected or (column == COL_VALUE and value is None):
                row.setForeground(column, REJECTED_FOREGROUND)
            elif column == COL_MARK and item is not None and (colour := self.mark_colour(item)) is not None:
                row.setForeground(column, colour)
            elif column == COL_PROBLEMS and (colour := self.mark_colour({"state": "rejected"})) is not None:
                row.setForeground(column, colour)
            else:
                row.setData(column, Qt.ItemDataRole.ForegroundRole, None)

    def item_added(self, item: dict[str, Any]) -> None:
        self._fill(item.get("key"))

    def item_removed(self, item_id: int, old: dict[str, Any]) -> None:
        self._fill(old.get("key"))

    def item_updated(self, item: dict[str, Any], old: dict[str, Any]) -> None:
        self._fill(item.get("key"))

    # ------------------------------------------------------------ editing

    def _current_changed(self, current: QTreeWidgetItem | None, previous: QTreeWidgetItem | None) -> None:
        if current is not None:
            self.reviewer_selected(current.data(COL_MARK, ID_ROLE))

    def _edit_row(self, row: QTreeWidgetItem) -> None:
        self.open_editor(row.data(COL_MARK, KEY_ROLE))

    def edit_current(self) -> None:
        row = self.tree.currentItem()
        if row is not None:
            self._edit_row(row)

    def open_editor(self, key: str | None) -> FieldEditor | None:
        """Open the editor of a field (window-modal, without blocking); saved when accepted."""
        if key is None or self.record is None:
            return None
        if self.editor is not None:
            self.editor.close()
        item = self.item_for(key)
        value = (item.get("data") or {}).get("value") if item is not None else None
        editor = FieldEditor(key, value, self.field_values(), self)
        editor.accepted.connect(lambda: self.save_field(key, editor.value()))
        editor.finished.connect(lambda result: self._editor_closed(editor))
        self.editor = editor
        editor.open()
        return editor

    def _editor_closed(self, editor: FieldEditor) -> None:
        if self.editor is editor:
            self.editor = None
        editor.deleteLater()

    def save_field(self, key: str, value: Any) -> None:
        """Save a field's value: a correction, a confirmation when it is unchanged, or a new
        item when the extractor found none."""
        if self.record is None:
            return
        item = self.item_for(key)
        if item is None:
            self.remember(self.session.add(self.record.id, "field", {"value": value}, key=key))
            return
        data = dict(item.get("data") or {})
        if data.get("value") == value and is_live(item):
            if item.get("state") == "pending":
                self.remember(self.session.accept(item))
            return
        data["value"] = value
        self.remember(self.session.update(item, data))
