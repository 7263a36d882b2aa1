"""Adjudicating a double-coded report (Team › Adjudicate Report…): the two coders' values
side by side, the final value beside them, and the report's text below with the selected
row's span highlighted.

Keys: 1 takes coder A's value, 2 coder B's, F2 or E edits the final value, Tab or N goes to
the next disagreement (Shift+Tab or P to the previous one). Every decision is written
through ``desktop.store.team.adjudicate`` with the lead's :class:`~desktop.store.ops.Operations`
and pushed on the window's undo stack (Ctrl+Z in the window undoes it); a refused write
(someone changed the item first) is explained by the window, as every refused edit is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.store.ops import describe_value
from desktop.store.reports import ReportRecord

from . import marks
from .report_view import ReportTextView
from .team_common import TeamWindow, _store_team, plain_error

if TYPE_CHECKING:
    from desktop.store.ops import Change
    from desktop.store.team import AdjudicationRow

DISAGREE_BACKGROUND = QColor("#fdeeee")
DECIDED_MARK = "●"
COLUMNS = ("mark", "what", "a", "b", "final")


def row_data(value: dict[str, Any] | None) -> dict[str, Any] | None:
    """The data dict of a coder's value, whether the row holds the value or the whole item."""
    if isinstance(value, dict) and "data" in value and ("kind" in value or "id" in value):
        return value.get("data")
    return value


def row_state(value: dict[str, Any] | None) -> str | None:
    """The review state of a coder's item, when the row holds the item."""
    if isinstance(value, dict) and "data" in value and "state" in value:
        return value.get("state")
    return None


def value_text(kind: str, key: str | None, value: dict[str, Any] | None) -> str:
    """A coder's value (or the final one) as the lead reads it, with its review mark:
    ○ not decided yet, ✓ accepted, ✎ corrected, ✚ added, ✗ rejected."""
    if value is None:
        return QCoreApplication.translate("AdjudicationDialog", "— (not in this copy)")
    data = row_data(value) or {}
    state = row_state(value)
    mark = f"{marks.state_mark(state)} " if state else ""
    if state == "rejected":
        return (
            mark + QCoreApplication.translate("AdjudicationDialog", "rejected") + f" ({_plain_value(kind, key, data)})"
        )
    return mark + _plain_value(kind, key, data)


def _plain_value(kind: str, key: str | None, data: dict[str, Any]) -> str:
    if kind == "part":
        text = marks.part_name(data.get("part", ""))
    elif kind == "field":
        text = marks.field_value_text(key or "", data.get("value"))
    elif kind == "section":
        level = data.get("level")
        text = (f"{level}. " if level is not None else "") + str(data.get("title") or describe_value(data))
    else:
        text = describe_value(data)
        if kind == "metric":
            text += "".join(f" · {data[k]}" for k in ("label", "indicator") if data.get(k))
    return text


def what_text(row: AdjudicationRow, text: str = "") -> str:
    """The row's subject: the field's name, or the kind and the words of the span."""
    if row.kind == "field":
        return marks.field_name(row.key or "")
    names = {
        "metric": QCoreApplication.translate("AdjudicationDialog", "Metric"),
        "section": QCoreApplication.translate("AdjudicationDialog", "Heading"),
        "part": QCoreApplication.translate("AdjudicationDialog", "Part"),
    }
    name = names.get(row.kind, str(row.kind))
    if text and row.start is not None and row.end is not None and row.end > row.start:
        words = text[row.start : row.end].strip().replace("\n", " ")
        if len(words) > 30:
            words = words[:29] + "…"
        return f"{name}: {words}"
    return name


class FinalValueDialog(QDialog):
    """The final value's main fields: a line per plain value of the data (numbers stay
    numbers, yes/no a check box); nested values are kept as they are."""

    def __init__(self, kind: str, data: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Final Value"))
        self.kind = kind
        self.base = dict(data)
        self.editors: dict[str, QComboBox | QCheckBox | QLineEdit] = {}
        form = QFormLayout(self)
        keys = [k for k, v in data.items() if v is None or isinstance(v, (str, int, float, bool))]
        if kind == "metric":
            for key in ("value", "unit", "label", "indicator"):
                if key not in keys:
                    keys.append(key)
        if kind == "part" and "part" not in keys:
            keys.insert(0, "part")
        for key in keys:
            value = data.get(key)
            editor: QComboBox | QCheckBox | QLineEdit
            if kind == "part" and key == "part":
                editor = QComboBox(self)
                for part in marks.PART_KEYS:
                    editor.addItem(marks.part_name(part), part)
                editor.setCurrentIndex(max(editor.findData(value), 0))
            elif isinstance(value, bool):
                editor = QCheckBox(self)
                editor.setChecked(value)
            else:
                editor = QLineEdit("" if value is None else str(value), self)
            editor.setObjectName(f"final_{key}")
            self.editors[key] = editor
            form.addRow(key, editor)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def value(self) -> dict[str, Any]:
        out = dict(self.base)
        for key, editor in self.editors.items():
            if isinstance(editor, QComboBox):
                out[key] = editor.currentData()
            elif isinstance(editor, QCheckBox):
                out[key] = editor.isChecked()
            else:
                out[key] = _typed(editor.text().strip(), self.base.get(key), key)
        return out


def _typed(text: str, before: Any, key: str) -> Any:
    """The text typed for a value, as the type it had (a number stays a number)."""
    if text == "":
        return None
    if (
        isinstance(before, (int, float))
        and not isinstance(before, bool)
        or (before is None and key in ("value", "value_to", "level"))
    ):
        try:
            number = float(text.replace(",", ""))
        except ValueError:
            return text
        return int(number) if number.is_integer() and not (isinstance(before, float) and "." in text) else number
    return text


class AdjudicationDialog(QDialog):
    """The rows of one double-coded report: A, B and the final value; the text below."""

    adjudicated = Signal(object)  # the Change written

    def __init__(self, window: TeamWindow, report_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.review_window = window  # not self.window: that would hide QWidget.window()
        self.report_id = report_id
        self.rows: list[AdjudicationRow] = []  # every row of the report
        self.shown: list[AdjudicationRow] = []  # the rows in the table (disagreements, or all)
        self.setWindowTitle(self.tr("Adjudicate Report"))
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.resize(1100, 760)
        layout = QVBoxLayout(self)
        self.title_label = QLabel(self)
        self.title_label.setObjectName("adjudicationTitle")
        self.title_label.setWordWrap(True)
        layout.addWidget(self.title_label)
        top = QHBoxLayout()
        self.agreements_check = QCheckBox(self.tr("Show &agreements too"), self)
        self.agreements_check.setObjectName("showAgreements")
        self.agreements_check.toggled.connect(lambda _on: self.reload())
        self.count_label = QLabel(self)
        self.count_label.setObjectName("adjudicationCount")
        top.addWidget(self.agreements_check)
        top.addStretch(1)
        top.addWidget(self.count_label)
        layout.addLayout(top)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.table = QTableWidget(0, len(COLUMNS), splitter)
        self.table.setObjectName("adjudicationTable")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab: the next disagreement
        self.table.setWordWrap(False)  # one line a row; the whole value on hover
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for column in (2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda row, _c, _pr, _pc: self._row_changed(row))
        self.text_view = ReportTextView(splitter)
        self.text_view.setObjectName("adjudicationText")
        self.text_view.itemClicked.connect(self._text_clicked)
        splitter.addWidget(self.table)
        splitter.addWidget(self.text_view)
        splitter.setSizes([360, 360])
        layout.addWidget(splitter, 1)

        buttons = QHBoxLayout()
        self.take_a_button = QPushButton(self.tr("Take A (1)"), self)
        self.take_b_button = QPushButton(self.tr("Take B (2)"), self)
        self.edit_button = QPushButton(self.tr("Edit Final… (F2)"), self)
        self.next_button = QPushButton(self.tr("Next Disagreement (Tab)"), self)
        self.apply_agreed_button = QPushButton(self.tr("Apply Agreed Values"), self)
        self.apply_agreed_button.setToolTip(
            self.tr("Write every value both coders agree on to the final items (one undo step)")
        )
        for button in (
            self.take_a_button,
            self.take_b_button,
            self.edit_button,
            self.next_button,
            self.apply_agreed_button,
        ):
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            buttons.addWidget(button)
        self.take_a_button.clicked.connect(lambda: self.take("a"))
        self.take_b_button.clicked.connect(lambda: self.take("b"))
        self.edit_button.clicked.connect(self.edit_final)
        self.next_button.clicked.connect(lambda: self.next_disagreement(+1))
        self.apply_agreed_button.clicked.connect(self.apply_agreed)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        hint = QLabel(
            self.tr(
                "1: take A · 2: take B · F2 or E: edit the final value · Tab or N: next "
                "disagreement · Ctrl+Z in the window undoes"
            ),
            self,
        )
        hint.setStyleSheet("color: #555;")
        layout.addWidget(hint)

        for keys, slot in (
            (("1",), lambda: self.take("a")),
            (("2",), lambda: self.take("b")),
            (("F2", "E"), self.edit_final),
            (("N",), lambda: self.next_disagreement(+1)),
            (("P",), lambda: self.next_disagreement(-1)),
        ):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
                shortcut.activated.connect(slot)
        window.session.changed.connect(self._changed)
        self._load_text()
        self.reload()
        self.next_disagreement(+1, from_row=-1)

    # ------------------------------------------------------------ loading

    def _load_text(self) -> None:
        record = self.review_window.session.load_report(self.report_id)
        self.record = record
        if record is None:
            self.title_label.setText(self.tr("The report no longer exists."))
            return
        title = record.field_value("title") or record.file_name
        self.title_label.setText(f"<b>{_escape(str(title))}</b> · {_escape(record.file_name)}")

    def reload(self) -> None:
        """Read the rows again, keep the selected one."""
        team = _store_team()
        current = self.current_row()
        keep = _row_key(current) if current is not None else None
        self.rows = team.adjudication_rows(self.review_window.store, self.report_id) if team is not None else []
        show_all = self.agreements_check.isChecked()
        self.shown = [row for row in self.rows if show_all or not row.agree]
        coders = next(((r.coder_a, r.coder_b) for r in self.rows if r.coder_a or r.coder_b), ("A", "B"))
        self.table.setHorizontalHeaderLabels(
            [
                "",
                self.tr("Item"),
                self.tr("A: %1").replace("%1", coders[0] or "A"),
                self.tr("B: %1").replace("%1", coders[1] or "B"),
                self.tr("Final"),
            ]
        )
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.shown))
        for n, row in enumerate(self.shown):
            decided = self._decided(row)
            mark = "=" if row.agree else (DECIDED_MARK if decided else "≠")
            cells = [
                QTableWidgetItem(mark),
                QTableWidgetItem(what_text(row, self.record.text if self.record else "")),
                QTableWidgetItem(value_text(row.kind, row.key, row.a)),
                QTableWidgetItem(value_text(row.kind, row.key, row.b)),
                QTableWidgetItem(value_text(row.kind, row.key, row.final) if row.final is not None else ""),
            ]
            cells[0].setToolTip(
                self.tr("The coders agree")
                if row.agree
                else self.tr("Decided")
                if decided
                else self.tr("The coders differ")
            )
            for column, cell in enumerate(cells):
                if column and cell.text():
                    cell.setToolTip(cell.text())
                if not row.agree and not decided:
                    cell.setBackground(DISAGREE_BACKGROUND)
                self.table.setItem(n, column, cell)
        self.table.blockSignals(False)
        disagreements = [r for r in self.rows if not r.agree]
        open_ = [r for r in disagreements if not self._decided(r)]
        self.count_label.setText(
            self.tr("%1 disagreements, %2 to decide; %3 rows in all")
            .replace("%1", str(len(disagreements)))
            .replace("%2", str(len(open_)))
            .replace("%3", str(len(self.rows)))
        )
        self._show_spans()
        index = next((n for n, row in enumerate(self.shown) if keep is not None and _row_key(row) == keep), None)
        if index is not None:
            self.select_row(index)
        elif self.shown:
            self.select_row(0)

    @staticmethod
    def _decided(row: AdjudicationRow) -> bool:
        """The canonical item carries a decision (the lead's, or an earlier reviewer's): it is
        no longer the extractor's pending value."""
        return row.final is not None and row_state(row.final) not in (None, "pending")

    def _show_spans(self) -> None:
        """The rows' spans as items of the text view (ids: table rows + 1)."""
        if self.record is None:
            return
        items = []
        for n, row in enumerate(self.shown):
            if row.start is None or row.end is None:
                continue
            data = row_data(row.final) or row_data(row.b) or row_data(row.a) or {}
            items.append(
                {
                    "id": n + 1,
                    "report_id": self.report_id,
                    "kind": row.kind,
                    "key": row.key,
                    "start": row.start,
                    "end": row.end,
                    "data": data,
                    "extracted": None,
                    "source": "reviewer",
                    "state": "accepted" if row.agree else "pending",
                    "confidence": None,
                    "version": 1,
                }
            )
        shown = ReportRecord(
            id=self.record.id,
            file_name=self.record.file_name,
            text=self.record.text,
            encoding=self.record.encoding,
            source_format=self.record.source_format,
            state=self.record.state,
            version=self.record.version,
            flags=[],
            items=items,
        )
        self.text_view.set_record(shown)

    # ------------------------------------------------------------ selection

    def current_row(self) -> AdjudicationRow | None:
        n = self.table.currentRow()
        return self.shown[n] if 0 <= n < len(self.shown) else None

    def select_row(self, n: int) -> None:
        self.table.setCurrentCell(n, 1)
        self._row_changed(n)

    def _row_changed(self, n: int) -> None:
        if not 0 <= n < len(self.shown):
            return
        row = self.shown[n]
        item = self.table.item(n, 0)
        if item is not None:  # reload() fills every cell of the rows it shows
            self.table.scrollToItem(item)
        if row.start is not None and row.end is not None:
            if not self.text_view.select_item(n + 1):
                self.text_view.select_text(row.start, row.end)
                self.text_view.centerCursor()
        else:
            self.text_view.select_item(None)

    def _text_clicked(self, item_id: int) -> None:
        if 1 <= item_id <= len(self.shown):
            self.select_row(item_id - 1)

    def next_disagreement(self, step: int = +1, from_row: int | None = None) -> bool:
        """The next row where the coders differ (undecided ones first), cyclically."""
        if not self.shown:
            return False
        start = self.table.currentRow() if from_row is None else from_row
        count = len(self.shown)
        for want_open in (True, False):
            for k in range(1, count + 1):
                n = (start + step * k) % count
                row = self.shown[n]
                if not row.agree and (not want_open or not self._decided(row)):
                    self.select_row(n)
                    return True
        return False

    def focusNextPrevChild(self, next_: bool) -> bool:
        self.next_disagreement(+1 if next_ else -1)
        return True

    # ------------------------------------------------------------ deciding

    def take(self, choice: str) -> Change | None:
        return self.adjudicate(choice)

    def edit_final(self) -> Change | None:
        row = self.current_row()
        if row is None:
            return None
        base = row_data(row.final) or row_data(row.b) or row_data(row.a) or {}
        dialog = FinalValueDialog(row.kind, base, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.adjudicate(dialog.value())

    def adjudicate(self, choice: str | dict[str, Any]) -> Change | None:
        """Write the final value of the current row: "a", "b" or a data dict. Goes through the
        window's session, so it is on the undo stack and every view updates."""
        team = _store_team()
        row = self.current_row()
        if team is None or row is None:
            return None
        session = self.review_window.session
        shown: dict[str, Any] | None
        if isinstance(choice, dict):
            shown = choice
        else:  # "a" or "b" (anything else is refused by the store when written)
            side = row.a if choice == "a" else row.b if choice == "b" else None
            shown = row_data(side) if side is not None and row_state(side) != "rejected" else None
        subject = {"data": shown if shown is not None else {"text": self.tr("rejected")}}

        def write() -> Change:
            change: Change | None = team.adjudicate(session.ops, self.report_id, row, choice)
            if change is None:
                raise _NothingToWrite
            return change

        try:
            # the window's write path: saved, on the undo stack, every view told; a conflict
            # (someone changed the canonical item since) is refused with their value
            change = session._run("update", subject, write)
        except _NothingToWrite:
            change = None
            self.review_window.saved_label.setText(
                self.tr("Nothing to write: no final item, and the choice rejects it.")
            )
        except Exception as error:
            QMessageBox.warning(self, self.tr("Not saved"), plain_error(error))
            self.reload()
            return None
        self.reload()
        if change is not None:
            self.adjudicated.emit(change)
            self.next_disagreement(+1)
        return change

    def apply_agreed(self) -> int:
        """Every value both coders agree on that is not final yet, written as one undo step."""
        team = _store_team()
        if team is None:
            return 0
        session = self.review_window.session
        changes = session.run_op(self.tr("Apply agreed values"), lambda: team.apply_agreed(session.ops, self.report_id))
        changes = changes or []
        self.reload()
        self.review_window.saved_label.setText(self.tr("%1 agreed values applied").replace("%1", str(len(changes))))
        return len(changes)

    def _changed(self, change: Change) -> None:
        if getattr(change, "report_id", None) == self.report_id and self.isVisible():
            if change.action in ("undo", "redo"):
                self.reload()

    def done(self, result: int) -> None:
        try:
            self.review_window.session.changed.disconnect(self._changed)
        except (RuntimeError, TypeError):
            pass
        super().done(result)


class _NothingToWrite(Exception):
    """adjudicate() had nothing to write (rejecting an item that has no canonical item)."""


def _row_key(row: AdjudicationRow) -> tuple[object, ...]:
    return (row.kind, row.key, row.origin, row.start, row.end)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
