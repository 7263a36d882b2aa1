"""The five parts of the report (ANNOTATION_GUIDE.md), as spans in text order.

"Assign selection to part…" (Ctrl+Shift+P, or the keys 1-5 while the panel has focus) makes
the text selected in the report a part of its own: the parts it overlapped are trimmed,
split around it or rejected, so that every character stays in exactly one part. One undo
step."""
from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QCursor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QHeaderView, QLabel, QMenu, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop.ui.marks import PART_BACKGROUNDS, PART_KEYS, part_name
from desktop.ui.problems import problem_message

from .base import PROBLEM_SIGN, REJECTED_FOREGROUND, ItemPanel, Selection, is_live, item_order, struck_font

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


def plan_assignment(parts: list[dict], start: int, end: int) -> tuple[list[tuple[dict, int, int]], list[dict],
                                                                      list[tuple[str, int, int]]]:
    """What assigning [start, end) to a part does to the live parts it overlaps:
    (spans to update: (part, new start, new end), parts to remove, new parts to add for the
    tail of a part split in two: (part key, start, end))."""
    updates: list[tuple[dict, int, int]] = []
    removals: list[dict] = []
    additions: list[tuple[str, int, int]] = []
    for part in parts:
        p_start, p_end = part.get("start"), part.get("end")
        if p_start is None or p_end is None or p_end <= start or p_start >= end:
            continue  # no overlap
        if start <= p_start and p_end <= end:
            removals.append(part)  # wholly inside the new part
        elif p_start < start and end < p_end:  # the new part splits it in two
            updates.append((part, p_start, start))
            additions.append(((part.get("data") or {}).get("part", "other"), end, p_end))
        elif p_start < start:
            updates.append((part, p_start, start))  # its tail overlaps: trimmed
        else:
            updates.append((part, end, p_end))  # its head overlaps: starts after the new part
    return updates, removals, additions


class PartsPanel(ItemPanel):
    """The part spans (kind ``part``) in text order."""

    kinds = ("part",)

    def __init__(self, session, selection: Selection, parent: QWidget | None = None) -> None:
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
            action = self.make_action(self.tr("%1. %2").replace("%1", str(number)).replace("%2", part_name(key)),
                                      partial(self.assign_selection, key), str(number))
            action.setIcon(swatch(PART_BACKGROUNDS[key]))
            self.part_menu.addAction(action)
            self.part_actions[key] = action
        self.assign_action = self.make_action(self.tr("Assign selection to part…"), self.choose_part,
                                              "Ctrl+Shift+P", Qt.ShortcutContext.WindowShortcut)
        self.accept_action = self.make_action(self.tr("Accept"), self.accept_current)
        self.reject_action = self.make_action(self.tr("Reject part"), self.remove_current, "Delete")
        self.menu_actions = [self.assign_action]
        self.context_actions = [self.assign_action, None, self.accept_action, self.reject_action]

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
        return [self.tree.topLevelItem(i).data(COL_MARK, ID_ROLE) for i in range(self.tree.topLevelItemCount())]

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

    def _fill(self, row: QTreeWidgetItem, item: dict) -> None:
        key = (item.get("data") or {}).get("part") or ""
        start, end = item.get("start"), item.get("end")
        row.setText(COL_MARK, self.mark_text(item))
        row.setText(COL_PART, part_name(key))
        row.setIcon(COL_PART, swatch(PART_BACKGROUNDS.get(key, QColor("#ffffff"))))
        row.setText(COL_SPAN, f"{start}–{end}" if start is not None else "")
        preview = ""
        if self.record is not None and start is not None:
            preview = " ".join(self.record.text[start:start + PREVIEW_CHARS].split())
        row.setText(COL_TEXT, preview)
        tooltip = self.tooltip(item)
        font = self.tree.font()
        rejected = not is_live(item)
        for column in range(4):
            row.setToolTip(column, tooltip)
            row.setFont(column, struck_font(font) if rejected else font)
            if rejected:
                row.setForeground(column, REJECTED_FOREGROUND)
            elif column == COL_MARK:
                row.setForeground(column, self.mark_colour(item))

    def item_updated(self, item: dict, old: dict) -> None:
        row = self.rows.get(item["id"])
        if row is None or item.get("start") != old.get("start"):
            self.reload()  # the order may change
        else:
            self._fill(row, item)

    # ------------------------------------------------------------ actions

    def _current_changed(self, current: QTreeWidgetItem | None, previous) -> None:
        if current is not None:
            self.reviewer_selected(current.data(COL_MARK, ID_ROLE))

    def choose_part(self) -> QMenu:
        """The part chooser, at the mouse pointer (non-blocking)."""
        self.part_menu.popup(QCursor.pos())
        return self.part_menu

    def live_parts(self) -> list[dict]:
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
        updates, removals, additions = plan_assignment(self.live_parts(), start, end)
        with self.session.macro(self.tr("Assign to part %1").replace("%1", part_name(key))):
            for part, new_start, new_end in updates:
                current = self.items.get(part["id"], part)
                if self.remember(self.session.update(current, dict(current.get("data") or {}),
                                                     start=new_start, end=new_end)) is None:
                    return
            for part in removals:
                self.remove(self.items.get(part["id"], part))
            for part_key, new_start, new_end in additions:
                self.remember(self.session.add(self.record.id, "part", {"part": part_key},
                                               start=new_start, end=new_end))
            change = self.remember(self.session.add(self.record.id, "part", {"part": key}, start=start, end=end))
        if change is not None:
            self.select_item(change.item_id)
