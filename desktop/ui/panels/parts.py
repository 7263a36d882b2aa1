"""The five parts of the report (ANNOTATION_GUIDE.md), as spans in text order.

"Assign selection to part…" (Ctrl+Shift+P, or the keys 1-5 while the panel has focus) makes
the text selected in the report a part of its own: the parts it overlapped are trimmed,
split around it or rejected, so that every character stays in exactly one part. One undo
step."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QCursor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QHeaderView, QLabel, QMenu, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop.store.ops import is_live
from desktop.ui.marks import PART_BACKGROUNDS, PART_KEYS, part_name
from desktop.ui.problems import problem_message

from .base import PROBLEM_SIGN, REJECTED_FOREGROUND, ItemPanel, Selection, item_order, struck_font

if TYPE_CHECKING:
    from desktop.ui.session import ReviewSession


ID_ROLE = Qt.ItemDataRole.UserRole
COL_MARK, COL_PART, COL_SPAN, COL_TEXT = range(4)
PREVIEW_CHARS = 24


def swatch(colour: QColor, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(colour)
    painter = QPainter(pixmap)  # an outline: the part colours are pale backgrounds
    painter.setPen(colour.darker(160))
    painter.drawRect(0, 0, size - 1, size - 1)
    painter.end()
    return QIcon(pixmap)


class PartsPanel(ItemPanel):
    """The part spans (kind ``part``) in text order."""

    kinds = ("part",)

    def __init__(self, session: ReviewSession, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(session, selection, parent)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["", self.tr("Part"), self.tr("Span"), self.tr("Begins with")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setEditTriggers(QTreeWidget.EditTrigger.NoEditTriggers)
        for column in (COL_MARK, COL_PART, COL_SPAN):
            self.tree.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(lambda pos: self.show_context_menu(self.tree.viewport(), pos))
        self.tree.currentItemChanged.connect(self._current_changed)
        #: The statutory parts the report lacks (the checks' part_missing), above the list.
        self.missing_label = QLabel(self)
        self.missing_label.setWordWrap(True)
        self.missing_label.setStyleSheet("color: #b3261e")
        self.missing_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.missing_label)
        layout.addWidget(self.tree)
        self.rows: dict[int, QTreeWidgetItem] = {}

        #: The part chooser: one action per part, keys 1-5 while the panel has focus.
        self.part_menu = QMenu(self.tr("Assign selection to part"), self)
        self.part_actions = {}
        for number, key in enumerate(PART_KEYS, start=1):
            action = self.make_action(
                self.tr("%1. %2").replace("%1", str(number)).replace("%2", part_name(key)),
                partial(self.assign_selection, key),
                str(number),
            )
            action.setIcon(swatch(PART_BACKGROUNDS[key]))
            self.part_menu.addAction(action)
            self.part_actions[key] = action
        self.assign_action = self.make_action(
            self.tr("Assign selection to part…"), self.choose_part, "Ctrl+Shift+P", Qt.ShortcutContext.WindowShortcut
        )
        self.split_action = self.make_action(
            self.tr("Split part at caret"), self.split_current, "Ctrl+Shift+K", Qt.ShortcutContext.WindowShortcut
        )
        self.accept_action = self.make_action(self.tr("Accept"), self.accept_current)
        self.reject_action = self.make_action(self.tr("Reject part"), self.remove_current, "Delete")
        self.menu_actions = [self.assign_action, self.split_action]
        self.context_actions = [self.assign_action, self.split_action, None, self.accept_action, self.reject_action]

    # ------------------------------------------------------------ the interface

    def select_item(self, item_id: int) -> bool:
        row = self.rows.get(item_id)
        if row is None:
            return False
        with self.quietly():
            self.tree.setCurrentItem(row)
            self.tree.scrollToItem(row)
        return True

    def edit_item(self, item_id: int) -> None:
        """A part is edited by choosing another part for its span."""
        if self.select_item(item_id):
            rect = self.tree.visualItemRect(self.rows[item_id])
            self.part_menu.popup(self.tree.viewport().mapToGlobal(rect.bottomLeft()))

    def item_ids(self) -> list[int]:
        rows = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [row.data(COL_MARK, ID_ROLE) for row in rows if row is not None]

    def current_item_id(self) -> int | None:
        row = self.tree.currentItem()
        return row.data(COL_MARK, ID_ROLE) if row is not None else None

    # ------------------------------------------------------------ showing

    def reload(self) -> None:
        current = self.current_item_id()
        with self.quietly():
            self.tree.clear()
            self.rows = {}
            for item in sorted(self.items.values(), key=item_order):
                row = QTreeWidgetItem()
                row.setData(COL_MARK, ID_ROLE, item["id"])
                self.tree.addTopLevelItem(row)
                self.rows[item["id"]] = row
                self._fill(row, item)
            if current in self.rows:
                self.tree.setCurrentItem(self.rows[current])
        self.report_problems_changed()

    def report_problems_changed(self) -> None:
        missing = [problem_message(p) for p in self.problems_of(None) if p.code == "part_missing"]
        self.missing_label.setText("\n".join(f"{PROBLEM_SIGN} {text}" for text in missing))
        self.missing_label.setVisible(bool(missing))

    def _fill(self, row: QTreeWidgetItem, item: dict[str, Any]) -> None:
        key = (item.get("data") or {}).get("part") or ""
        start, end = item.get("start"), item.get("end")
        row.setText(COL_MARK, self.mark_text(item))
        row.setText(COL_PART, part_name(key))
        row.setIcon(COL_PART, swatch(PART_BACKGROUNDS.get(key, QColor("#ffffff"))))
        row.setText(COL_SPAN, f"{start}–{end}" if start is not None else "")
        preview = ""
        if self.record is not None and start is not None:
            preview = " ".join(self.record.text[start : start + PREVIEW_CHARS].split())
        row.setText(COL_TEXT, preview)
        tooltip = self.tooltip(item)
        font = self.tree.font()
        rejected = not is_live(item)
        for column in range(4):
            row.setToolTip(column, tooltip)
            row.setFont(column, struck_font(font) if rejected else font)
            if rejected:
                row.setForeground(column, REJECTED_FOREGROUND)
            elif column == COL_MARK and (colour := self.mark_colour(item)) is not None:
                row.setForeground(column, colour)

    def item_updated(self, item: dict[str, Any], old: dict[str, Any]) -> None:
        row = self.rows.get(item["id"])
        if row is None or item.get("start") != old.get("start"):
            self.reload()  # the order may change
        else:
            self._fill(row, item)

    # ------------------------------------------------------------ actions

    def _current_changed(self, current: QTreeWidgetItem | None, previous: QTreeWidgetItem | None) -> None:
        if current is not None:
            self.reviewer_selected(current.data(COL_MARK, ID_ROLE))

    def choose_part(self) -> QMenu:
        """The part chooser, at the mouse pointer (non-blocking)."""
        self.part_menu.popup(QCursor.pos())
        return self.part_menu

    def live_parts(self) -> list[dict[str, Any]]:
        return sorted((item for item in self.items.values() if is_live(item)), key=item_order)

    def assign_selection(self, key: str) -> None:
        """Make the selected text a part ``key``: if it is the current part's span (no text
        selected), the current part changes to ``key``."""
        if self.record is None:
            return
        selected = self.selection()
        if selected is None:
            current = self.current_item()
            if current is not None and current.get("start") is not None and is_live(current):
                selected = (current["start"], current["end"], "")
            else:
                self.refuse(self.tr("Select the text of the part in the report first"))
                return
        start, end, _ = selected
        for part in self.live_parts():
            if part.get("start") == start and part.get("end") == end:
                if (part.get("data") or {}).get("part") != key:
                    self.remember(self.session.update(part, {**(part.get("data") or {}), "part": key}))
                return
        seen = {part["id"]: part["version"] for part in self.live_parts()}
        changes = self.session.assign_part(
            self.record.id, key, start, end, seen, self.tr("Assign to part %1").replace("%1", part_name(key))
        )
        for change in changes or []:
            self.remember(change)
        if changes and changes[-1].item_id is not None:
            self.select_item(changes[-1].item_id)

    def split_current(self) -> None:
        """Split the part the report's caret is in, at the caret."""
        at = self._caret() if self._caret is not None else None
        item = next(
            (
                part
                for part in self.live_parts()
                if at is not None and part.get("start") is not None and part["start"] < at < part["end"]
            ),
            None,
        )
        if item is None or at is None:
            self.refuse(self.tr("Put the caret inside a part, where it should be split"))
            return
        changes = self.session.split_part(
            item, at, self.tr("Split part %1").replace("%1", part_name((item.get("data") or {}).get("part") or ""))
        )
        for change in changes or []:
            self.remember(change)
        if changes and changes[-1].item_id is not None:
            self.select_item(changes[-1].item_id)
