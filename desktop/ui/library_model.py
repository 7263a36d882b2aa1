"""Every report of the library as a table model: lazy (pages of 200 rows fetched as the view
scrolls), sorted and filtered in SQL by :mod:`desktop.store.queries`.

Rows that need a reviewer's attention are marked: the pending count in bold, a warning icon
beside the count of extractor flags. ``refresh_report`` updates one row in place after an
edit; the row stays where it is (even when it no longer passes the filter) until the next
``reload``/``set_filter``/``sort``, so the table does not jump under the reviewer's cursor.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from desktop.store import queries
from desktop.store.db import Store
from desktop.store.queries import LibraryFilter, LibraryRow
from desktop.ui import marks

Index = QModelIndex | QPersistentModelIndex

#: (sort key in queries.SORT_KEYS, LibraryRow attribute) per column
# what a reviewer decides by first (visible in a narrow dock), the report's details after
COLUMNS = ("file_name", "title", "state", "decided", "pending", "flags", "issuer", "region", "year", "level")
NUMERIC = frozenset({"year", "decided", "pending", "flags"})
ReportIdRole = Qt.ItemDataRole.UserRole + 1


class LibraryModel(QAbstractTableModel):
    PAGE = 200

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._filter = LibraryFilter()
        self._sort = "id"
        self._descending = False
        self._rows: list[LibraryRow] = []
        self._row_of: dict[int, int] = {}
        self._matching = 0  # reports passing the filter
        self._total = 0  # reports in the library
        self._bold: QFont | None = None
        self._flag_icon: QIcon | None = None
        self._load()

    # ------------------------------------------------------------ words

    def column_title(self, column: int) -> str:
        key = COLUMNS[column]
        titles = {
            "file_name": self.tr("File"),
            "title": self.tr("Title"),
            "issuer": self.tr("Issuer"),
            "region": self.tr("Region"),
            "year": self.tr("Year"),
            "level": self.tr("Level"),
            "state": self.tr("State"),
            "pending": self.tr("Pending"),
            "flags": self.tr("Flags"),
            "decided": self.tr("Decided"),
        }
        return titles[key]

    def state_name(self, state: str) -> str:
        names = {
            "new": self.tr("New"),
            "in_review": self.tr("In review"),
            "done": self.tr("Done"),
            "flagged": self.tr("Flagged"),
        }
        return names.get(state, state)

    def level_name(self, level: str | None) -> str:
        return marks.level_name(level)

    # ------------------------------------------------------------ loading

    def _load(self) -> None:
        self._rows = queries.list_reports(
            self.store, self._filter, sort=self._sort, descending=self._descending, offset=0, limit=self.PAGE
        )
        self._row_of = {row.id: i for i, row in enumerate(self._rows)}
        if len(self._rows) < self.PAGE:
            self._matching = len(self._rows)
        else:
            self._matching = queries.count_reports(self.store, self._filter)
        self._total = self._matching if self._filter.is_empty() else queries.count_reports(self.store, LibraryFilter())

    def reload(self) -> None:
        """Read the first page again (after an import, or edits made elsewhere)."""
        self.beginResetModel()
        self._load()
        self.endResetModel()

    def set_filter(self, flt: LibraryFilter) -> None:
        if flt == self._filter:
            return
        self._filter = flt
        self.reload()

    def filter(self) -> LibraryFilter:
        return self._filter

    def sort_key(self) -> tuple[str, bool]:
        """(queries.SORT_KEYS key, descending)."""
        return self._sort, self._descending

    def matching_count(self) -> int:
        """Reports passing the filter (loaded or not)."""
        return self._matching

    def total_count(self) -> int:
        """Reports in the library."""
        return self._total

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's own signature; an invalid QModelIndex is never mutated
        return not parent.isValid() and len(self._rows) < self._matching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008 - Qt's own signature; an invalid QModelIndex is never mutated
        if parent.isValid():
            return
        page = queries.list_reports(
            self.store,
            self._filter,
            sort=self._sort,
            descending=self._descending,
            offset=len(self._rows),
            limit=self.PAGE,
        )
        page = [row for row in page if row.id not in self._row_of]  # the library changed meanwhile
        if not page:
            self._matching = len(self._rows)  # fewer than counted (deleted meanwhile): stop asking
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        for i, row in enumerate(page, first):
            self._row_of[row.id] = i
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column] if 0 <= column < len(COLUMNS) else "id"
        if key == "decided":  # fewest pending first is most decided first
            key, order = (
                "pending",
                (Qt.SortOrder.DescendingOrder if order == Qt.SortOrder.AscendingOrder else Qt.SortOrder.AscendingOrder),
            )
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._sort, self._descending):
            return
        self._sort, self._descending = key, descending
        self.reload()

    # ------------------------------------------------------------ rows

    def report_id_at(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, report_id: int) -> int | None:
        """The row showing the report, None when it is not loaded (or filtered out)."""
        return self._row_of.get(report_id)

    def library_row(self, row: int) -> LibraryRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def refresh_report(self, report_id: int) -> None:
        """Read one report's row again and show it in place (no reset, selection kept)."""
        row = self._row_of.get(report_id)
        if row is None:
            return
        fresh = queries.report_row(self.store, report_id)
        if fresh is None:  # deleted
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self._row_of = {r.id: i for i, r in enumerate(self._rows)}
            self._matching -= 1
            self._total -= 1
            self.endRemoveRows()
            return
        if fresh == self._rows[row]:
            return
        self._rows[row] = fresh
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # ------------------------------------------------------------ Qt model

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own signature; an invalid QModelIndex is never mutated
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own signature; an invalid QModelIndex is never mutated
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.column_title(section)
            if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section] == "pending":
                return self.tr("Items not yet reviewed")
            if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section] == "flags":
                return self.tr("Problems the extractor flagged")
            if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section] == "decided":
                return self.tr("Items decided / all items of the report")
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, key)
        if role == ReportIdRole:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "pending" and row.pending:
                return self.tr("%n item(s) not yet reviewed", "", row.pending)
            if key == "flags" and row.flags:
                return self.tr("%n problem(s) flagged by the extractor", "", row.flags)
            if key in ("file_name", "title", "issuer"):
                return self._display(row, key) or None
            return None
        if role == Qt.ItemDataRole.FontRole and key == "pending" and row.pending and row.state != "done":
            return self._bold_font()
        if role == Qt.ItemDataRole.DecorationRole and key == "flags" and row.flags:
            return self._warning_icon()
        if role == Qt.ItemDataRole.TextAlignmentRole and key in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: LibraryRow, key: str) -> str:
        if key == "state":
            return self.state_name(row.state)
        if key == "level":
            return self.level_name(row.level)
        if key == "decided":
            return f"{row.decided} / {row.total}"
        value = getattr(row, key)
        return "" if value is None else str(value)

    def _bold_font(self) -> QFont:
        if self._bold is None:
            self._bold = QFont()
            self._bold.setBold(True)
        return self._bold

    def _warning_icon(self) -> QIcon | None:
        if self._flag_icon is None:
            app = QApplication.instance()
            if not isinstance(app, QApplication):  # no widgets (a pure model test): no icon
                return None
            self._flag_icon = app.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self._flag_icon
