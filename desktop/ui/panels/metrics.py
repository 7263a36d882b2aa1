"""The report's metrics as a sortable table.

Value, unit, label and approx are corrected in place; the indicator is chosen from the
catalogue with type-ahead (key, Chinese or English name). "Add metric from selection"
(Ctrl+Shift+M) reads the number and unit of the text selected in the report; Delete rejects
a metric (deletes one a reviewer added). Sorting by confidence puts the doubtful first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.indicators import Indicator, default_catalogue
from desktop.store.corrections import metric_from_selection, parse_value, reread_span  # noqa: F401 (re-exported)
from desktop.store.ops import is_live

from .base import REJECTED_FOREGROUND, ItemPanel, Selection, format_number, item_order

if TYPE_CHECKING:
    from PySide6.QtGui import QHideEvent, QResizeEvent, QShowEvent

    from desktop.ui.session import ReviewSession


ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("mark", "text", "value", "unit", "approx", "label", "indicator", "confidence")
(COL_MARK, COL_TEXT, COL_VALUE, COL_UNIT, COL_APPROX, COL_LABEL, COL_INDICATOR, COL_CONFIDENCE) = range(len(COLUMNS))
EDITABLE = (COL_VALUE, COL_UNIT, COL_LABEL, COL_INDICATOR)
VISUAL_ORDER = (COL_MARK, COL_LABEL, COL_INDICATOR, COL_VALUE, COL_UNIT, COL_APPROX, COL_TEXT, COL_CONFIDENCE)
#: the columns sized to their contents (while the panel is shown)
CONTENT_COLUMNS = (COL_MARK, COL_VALUE, COL_UNIT, COL_APPROX, COL_CONFIDENCE, COL_TEXT)
INDICATOR_WIDTH = 150
#: below this width the label column would be too narrow to read: Text and Confidence hide
LABEL_MIN_WIDTH = 110
_STATE_ORDER = {"pending": 0, "corrected": 1, "added": 2, "accepted": 3, "rejected": 4}


def indicator_text(key: str | None) -> str:
    """ "行政机关负责人出庭应诉率": the name the reports use; the key for an unknown one, "" for none."""
    if not key:
        return ""
    indicator = default_catalogue().by_key.get(key)
    return indicator.zh if indicator is not None else key


def indicator_tooltip(key: str | None) -> str:
    indicator = default_catalogue().by_key.get(key) if key else None
    return f"{indicator.zh}\n{indicator.en}\n{indicator.key}" if indicator is not None else (key or "")


_INITIALS: dict[str, str] = {}


def pinyin_initials(name: str) -> str:
    """ "行政机关负责人出庭应诉率" -> "xzjgfzrctysl": what a reviewer types without an input method."""
    if name not in _INITIALS:
        from pypinyin import Style, lazy_pinyin  # loaded when the chooser first opens

        _INITIALS[name] = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")).casefold()
    return _INITIALS[name]


def indicator_choices() -> list[tuple[str, str]]:
    """(text shown in the chooser, key) for every indicator of the catalogue: the Chinese name
    first, then the pinyin initials and the key (the type-ahead matches any part of it)."""
    return [(f"{i.zh}  {pinyin_initials(i.zh)}  {i.key}", i.key) for i in default_catalogue().indicators]


def resolve_indicator(text: str) -> str | None:
    """The indicator a reviewer typed: a chooser entry, a key, a Chinese or English name, or
    part of one (the first in catalogue order); None for an empty text or no match."""
    typed = text.strip().casefold()
    if not typed:
        return None
    indicators = default_catalogue().indicators
    for shown, key in indicator_choices():
        if typed == shown.casefold():
            return key

    def names(indicator: Indicator) -> tuple[str, ...]:
        return (indicator.key, indicator.zh, indicator.en, pinyin_initials(indicator.zh))

    for indicator in indicators:
        if typed in (name.casefold() for name in names(indicator)):
            return indicator.key
    for indicator in indicators:
        if any(name.casefold().startswith(typed) for name in names(indicator)):
            return indicator.key
    for indicator in indicators:
        if any(typed in name.casefold() for name in names(indicator)):
            return indicator.key
    return None


class MetricsModel(QAbstractTableModel):
    """One row per metric item, in text order; edits go to the panel, which saves them."""

    def __init__(self, panel: MetricsPanel) -> None:
        super().__init__(panel)
        self.panel = panel
        self.rows: list[dict[str, Any]] = []
        self._headers = [
            "",
            self.tr("Text"),
            self.tr("Value"),
            self.tr("Unit"),
            self.tr("Approx."),
            self.tr("Label"),
            self.tr("Indicator"),
            self.tr("Confidence"),
        ]

    # ------------------------------------------------------------ contents

    def set_items(self, items: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = sorted(items, key=item_order)
        self.endResetModel()

    def row_of(self, item_id: int) -> int:
        return next((row for row, item in enumerate(self.rows) if item["id"] == item_id), -1)

    def insert_item(self, item: dict[str, Any]) -> None:
        row = next((i for i, other in enumerate(self.rows) if item_order(other) > item_order(item)), len(self.rows))
        self.beginInsertRows(QModelIndex(), row, row)
        self.rows.insert(row, item)
        self.endInsertRows()

    def remove_item(self, item_id: int) -> None:
        row = self.row_of(item_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()

    def update_item(self, item: dict[str, Any]) -> None:
        row = self.row_of(item["id"])
        if row < 0:
            self.insert_item(item)
            return
        if item.get("start") != self.rows[row].get("start"):
            self.remove_item(item["id"])
            self.insert_item(item)
            return
        self.rows[row] = item
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # ------------------------------------------------------------ Qt's model interface

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        if index.column() == COL_APPROX:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        item = self.rows[index.row()]
        data = item.get("data") or {}
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, data, column)
        if role == Qt.ItemDataRole.EditRole:
            if column == COL_VALUE:
                return self._value_text(data)
            if column == COL_INDICATOR:
                return data.get("indicator") or ""
            if column in (COL_UNIT, COL_LABEL):
                return str(data.get(COLUMNS[column]) or "")
            return self._display(item, data, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == COL_APPROX:
            return Qt.CheckState.Checked if data.get("approx") else Qt.CheckState.Unchecked
        if role == ID_ROLE:
            return item["id"]
        if role == SORT_ROLE:
            return self._sort_key(item, data, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_INDICATOR and data.get("indicator"):
                return indicator_tooltip(data.get("indicator")) + "\n\n" + self.panel.tooltip(item)
            return self.panel.tooltip(item)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not is_live(item):
                return REJECTED_FOREGROUND
            if column == COL_MARK:
                return self.panel.mark_colour(item)
            return None
        if role == Qt.ItemDataRole.FontRole and not is_live(item):
            font = QFont(self.panel.font())
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_VALUE, COL_CONFIDENCE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _value_text(data: dict[str, Any]) -> str:
        text = format_number(data.get("value"))
        if data.get("value_to") is not None:
            text += "–" + format_number(data.get("value_to"))
        return text

    def _display(self, item: dict[str, Any], data: dict[str, Any], column: int) -> str:
        if column == COL_MARK:
            return self.panel.mark_text(item)
        if column == COL_VALUE:
            return self._value_text(data)
        if column == COL_APPROX:
            return ""
        if column == COL_INDICATOR:
            return indicator_text(data.get("indicator"))
        if column == COL_CONFIDENCE:
            confidence = item.get("confidence")
            return f"{confidence:.2f}" if isinstance(confidence, int | float) else ""
        return str(data.get(COLUMNS[column]) or "")

    def _sort_key(self, item: dict[str, Any], data: dict[str, Any], column: int) -> Any:
        if column == COL_MARK:
            return _STATE_ORDER.get(item["state"], 9) * 10 - (1 if self.panel.problems_of(item["id"]) else 0)
        if column == COL_VALUE:
            value = data.get("value")
            return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else float("-inf")
        if column == COL_APPROX:
            return 1 if data.get("approx") else 0
        if column == COL_CONFIDENCE:
            confidence = item.get("confidence")
            # A reviewer's own metrics have no confidence: they are the least doubtful.
            return float(confidence) if isinstance(confidence, int | float) else 2.0
        return self._display(item, data, column)

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if not index.isValid():
            return False
        item = self.rows[index.row()]
        column = index.column()
        if column == COL_APPROX and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
            return self.panel.save_edit(item, COL_APPROX, checked)
        if role != Qt.ItemDataRole.EditRole or column not in EDITABLE:
            return False
        return self.panel.save_edit(item, column, value)


class MetricsProxy(QSortFilterProxyModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if type(a) is not type(b):
            return str(a) < str(b)
        if a == b:  # ties in text order
            return left.row() < right.row()
        return bool(a < b)


class IndicatorDelegate(QStyledItemDelegate):
    """An editable combo box of the catalogue's indicators, with type-ahead on any part of
    the key, the Chinese or the English name."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # "none" shows as an empty text: the first key typed starts the search, not "(none)x"
        combo.addItem("", None)
        line = combo.lineEdit()  # an editable combo box has one
        if line is not None:
            line.setPlaceholderText(self.tr("(none)"))
        combo.setMinimumContentsLength(12)
        for shown, key in indicator_choices():
            combo.addItem(shown, key)
        completer = QCompleter(combo.model(), combo)
        completer.setCompletionColumn(0)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        combo.setCompleter(completer)

        def finish(*_args: object) -> None:  # Return, or a choice from the type-ahead list: saved at once
            if combo.property("finished"):
                return
            combo.setProperty("finished", True)
            self.commitData.emit(combo)
            self.closeEditor.emit(combo, QAbstractItemDelegate.EndEditHint.NoHint)

        if line is not None:
            line.returnPressed.connect(finish)
        completer.activated.connect(finish)
        combo.activated.connect(finish)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if not isinstance(editor, QComboBox):  # the editor createEditor made is one
            return
        key = index.data(Qt.ItemDataRole.EditRole) or None
        position = editor.findData(key)
        editor.setCurrentIndex(max(position, 0))
        if key is not None and position < 0:
            editor.setEditText(key)
        line = editor.lineEdit()
        if line is not None:
            line.selectAll()  # a key typed replaces the value shown

    def setModelData(
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        if not isinstance(editor, QComboBox):  # the editor createEditor made is one
            return
        text = editor.currentText()
        if not text.strip():  # none
            key = ""
        else:
            key = resolve_indicator(text) or ""
            panel = self.parent()
            if text.strip() and not key and isinstance(panel, MetricsPanel):
                panel.refuse(self.tr("No indicator matches “%1”").replace("%1", text.strip()))
                return
        model.setData(index, key, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        editor.setGeometry(option.rect)


class MetricsPanel(ItemPanel):
    """The metrics (kind ``metric``) as a table."""

    kinds = ("metric",)

    def __init__(self, session: ReviewSession, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(session, selection, parent)
        self._fit_when_shown = False  # fit_columns() was asked while out of sight
        self.model = MetricsModel(self)
        self.proxy = MetricsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # text order until a header is clicked
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        # what a decision needs first (label, indicator, value, unit), the span's text and the
        # confidence last: those two give way when the panel is narrow (a 1366-pixel screen)
        self._order_columns()
        self._size_to_contents(False)  # sized to their contents while shown (showEvent)
        header.setSectionResizeMode(COL_LABEL, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_INDICATOR, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.view.setColumnWidth(COL_INDICATOR, INDICATOR_WIDTH)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 6)
        self.indicator_delegate = IndicatorDelegate(self)
        self.view.setItemDelegateForColumn(COL_INDICATOR, self.indicator_delegate)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(lambda pos: self.show_context_menu(self.view.viewport(), pos))
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.setFocusProxy(self.view)  # Ctrl+4 puts the keys in the table

        self.edit_action = self.make_action(self.tr("Edit value"), self.edit_current, "F2")
        self.approx_action = self.make_action(self.tr("Toggle approx."), self.toggle_approx_current)
        self.add_action = self.make_action(
            self.tr("Add metric from selection"),
            self.add_from_selection,
            "Ctrl+Shift+M",
            Qt.ShortcutContext.WindowShortcut,
        )
        self.accept_action = self.make_action(self.tr("Accept"), self.accept_current)
        self.reject_action = self.make_action(self.tr("Reject metric"), self.remove_current, "Delete")
        self.doubtful_first_action = self.make_action(self.tr("Sort doubtful first"), self.sort_doubtful_first)
        self.text_order_action = self.make_action(self.tr("Sort in text order"), self.sort_text_order)
        self.menu_actions = [self.add_action, self.doubtful_first_action, self.text_order_action]
        self.context_actions = [
            self.edit_action,
            self.approx_action,
            self.accept_action,
            self.reject_action,
            None,
            self.add_action,
            None,
            self.doubtful_first_action,
            self.text_order_action,
        ]

    # ------------------------------------------------------------ the interface

    def _proxy_index(self, item_id: int, column: int = COL_VALUE) -> QModelIndex:
        row = self.model.row_of(item_id)
        if row < 0:
            return QModelIndex()
        return self.proxy.mapFromSource(self.model.index(row, column))

    def select_item(self, item_id: int) -> bool:
        index = self._proxy_index(item_id, COL_VALUE)  # shown at any width; F2 there edits the value
        if not index.isValid():
            return False
        with self.quietly():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
        return True

    def edit_item(self, item_id: int) -> None:
        index = self._proxy_index(item_id, COL_VALUE)
        if index.isValid():
            with self.quietly():
                self.view.setCurrentIndex(index)
            self.view.edit(index)

    def item_ids(self) -> list[int]:
        return [self.proxy.index(row, 0).data(ID_ROLE) for row in range(self.proxy.rowCount())]

    def current_item_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    # ------------------------------------------------------------ showing

    def reload(self) -> None:
        self.model.set_items(list(self.items.values()))
        self._order_columns()  # a model reset forgets the header's order
        self.fit_columns()

    def _order_columns(self) -> None:
        header = self.view.horizontalHeader()
        for visual, column in enumerate(VISUAL_ORDER):
            if header.visualIndex(column) != visual:
                header.moveSection(header.visualIndex(column), visual)

    def item_added(self, item: dict[str, Any]) -> None:
        self.model.insert_item(item)

    def item_removed(self, item_id: int, old: dict[str, Any]) -> None:
        self.model.remove_item(item_id)

    def item_updated(self, item: dict[str, Any], old: dict[str, Any]) -> None:
        self.model.update_item(item)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def showEvent(self, event: QShowEvent) -> None:
        self._size_to_contents(True)
        super().showEvent(event)
        if self._fit_when_shown:
            self.fit_columns()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._size_to_contents(False)

    def _size_to_contents(self, on: bool) -> None:
        """The short columns fit their contents, but only while the panel is in sight: Qt
        measures every row of a column sized to its contents after each change of the
        table, a tab out of sight too (30 ms on a report with 134 metrics, each time a report
        opens)."""
        mode = QHeaderView.ResizeMode.ResizeToContents if on else QHeaderView.ResizeMode.Interactive
        header = self.view.horizontalHeader()
        for column in CONTENT_COLUMNS:
            if header.sectionResizeMode(column) != mode:
                header.setSectionResizeMode(column, mode)

    def fit_columns(self) -> None:
        """Every column a decision needs stays in view, without scrolling sideways: the
        span's text and the confidence give way first, then the indicator narrows.

        Measuring the columns' contents reads every row (tens of milliseconds on a report
        with hundreds of metrics), so a panel out of sight (another tab, a window not shown
        yet: the window's start) does it when it is shown."""
        if not self.isVisible():
            self._fit_when_shown = True
            return
        self._fit_when_shown = False
        header = self.view.horizontalHeader()
        available = self.view.viewport().width()
        fixed = sum(header.sectionSize(c) for c in (COL_MARK, COL_VALUE, COL_UNIT, COL_APPROX))
        optional = sum(
            max(header.sectionSizeFromContents(c).width(), self.view.sizeHintForColumn(c))
            for c in (COL_TEXT, COL_CONFIDENCE)
        )
        roomy = available - fixed - INDICATOR_WIDTH - optional >= LABEL_MIN_WIDTH
        for column in (COL_TEXT, COL_CONFIDENCE):
            self.view.setColumnHidden(column, not roomy)
        room = available - fixed - LABEL_MIN_WIDTH
        self.view.setColumnWidth(COL_INDICATOR, max(80, min(INDICATOR_WIDTH, room)))

    def sort_doubtful_first(self) -> None:
        self.view.sortByColumn(COL_CONFIDENCE, Qt.SortOrder.AscendingOrder)

    def sort_text_order(self) -> None:
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.proxy.sort(-1)

    # ------------------------------------------------------------ editing

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if current.isValid():
            self.reviewer_selected(current.data(ID_ROLE))

    def edit_current(self) -> None:
        item_id = self.current_item_id()
        if item_id is None:
            return
        index = self.view.currentIndex()
        if index.column() not in EDITABLE:
            index = index.siblingAtColumn(COL_VALUE)
        self.view.edit(index)

    def toggle_approx_current(self) -> None:
        item = self.current_item()
        if item is not None:
            self.toggle_approx(item)

    def toggle_approx(self, item: dict[str, Any]) -> bool:
        """Approx. on or off (the key X, or Space on the Approx. cell)."""
        item = self.items.get(item["id"], item)
        return self.save_edit(item, COL_APPROX, not (item.get("data") or {}).get("approx"))

    def save_edit(self, item: dict[str, Any], column: int, value: Any) -> bool:
        """A value typed in a cell: the whole new data dict is saved. False when refused."""
        item = self.items.get(item["id"], item)
        data = dict(item.get("data") or {})
        if column == COL_VALUE:
            parsed = parse_value(str(value))
            if parsed is None:
                self.refuse(self.tr("Not a number: %1").replace("%1", str(value)))
                return False
            data["value"], value_to = parsed
            if value_to is not None or "value_to" in data:
                data["value_to"] = value_to
        elif column == COL_APPROX:
            data["approx"] = bool(value)
        elif column == COL_INDICATOR:
            data["indicator"] = value or None
        else:
            data[COLUMNS[column]] = str(value).strip()
        if data == (item.get("data") or {}):
            return False
        return self.remember(self.session.update(item, data)) is not None

    def add_from_selection(self) -> None:
        """A metric the extractor missed, read from the text selected in the report."""
        if self.record is None:
            return
        selected = self.selection()
        if selected is None:
            self.refuse(self.tr("Select the number and its unit in the report text first"))
            return
        start, end, _ = selected
        metric = metric_from_selection(self.record.text, start, end)
        if metric is None:
            self.refuse(self.tr("No number in the selection"))
            return
        data = {
            "text": metric.text,
            "value": metric.value_json(),
            "unit": metric.unit,
            "approx": metric.approx,
            "label": metric.label,
            "indicator": metric.indicator,
        }
        if metric.value_to is not None:
            data["value_to"] = int(metric.value_to) if float(metric.value_to).is_integer() else metric.value_to
        change = self.remember(self.session.add(self.record.id, "metric", data, start=metric.start, end=metric.end))
        if change is not None and change.item_id is not None:
            # selected (the window follows) with its label's editor open: an added metric
            # is named next
            self.select_item(change.item_id)
            self.reviewer_selected(change.item_id)
            label = self._proxy_index(change.item_id, COL_LABEL)
            with self.quietly():
                self.view.setCurrentIndex(label)
            self.view.setFocus()
            self.view.edit(label)
