"""The report's outline: its headings as a tree by level (1 一、, 2 （一）, 3 1., 4 一是/(1)).

The reviewer promotes and demotes headings (Ctrl+Left / Ctrl+Right), corrects a title in
place (F2), adds a heading the extractor missed from the text selected in the report
(Ctrl+Shift+H), deletes or rejects one (Delete) and merges one into the previous heading of
its level (Ctrl+J)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop.store.corrections import parse_heading
from desktop.store.ops import heading_level, is_live

from .base import REJECTED_FOREGROUND, ItemPanel, Selection, item_order, struck_font

if TYPE_CHECKING:
    from desktop.ui.session import ReviewSession


ID_ROLE = Qt.ItemDataRole.UserRole
COL_MARK, COL_NUMBER, COL_TITLE = range(3)
MAX_LEVEL = 4


class OutlinePanel(ItemPanel):
    """The headings (kind ``section``) as a tree."""

    kinds = ("section",)

    def __init__(self, session: ReviewSession, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(session, selection, parent)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["", self.tr("No."), self.tr("Heading")])
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setEditTriggers(QTreeWidget.EditTrigger.NoEditTriggers)
        self.tree.setExpandsOnDoubleClick(False)  # a double-click edits the title
        self.tree.header().setSectionResizeMode(COL_MARK, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(COL_NUMBER, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(lambda pos: self.show_context_menu(self.tree.viewport(), pos))
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemChanged.connect(self._title_edited)
        self.tree.itemDoubleClicked.connect(lambda node, column: self.edit_item(node.data(COL_MARK, ID_ROLE)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        self.nodes: dict[int, QTreeWidgetItem] = {}
        self._filling = 0

        window = Qt.ShortcutContext.WindowShortcut
        self.level_up_action = self.make_action(self.tr("Raise level"), lambda: self.change_level(-1), "Ctrl+Left")
        self.level_down_action = self.make_action(self.tr("Lower level"), lambda: self.change_level(+1), "Ctrl+Right")
        self.edit_title_action = self.make_action(self.tr("Edit title"), self.edit_current, "F2")
        self.add_action = self.make_action(
            self.tr("Add heading from selection"), self.add_from_selection, "Ctrl+Shift+H", window
        )
        self.delete_action = self.make_action(self.tr("Delete heading"), self.remove_current, "Delete")
        self.merge_action = self.make_action(self.tr("Merge with previous heading"), self.merge_with_previous, "Ctrl+J")
        self.accept_action = self.make_action(self.tr("Accept"), self.accept_current)
        self.menu_actions = [
            self.level_up_action,
            self.level_down_action,
            self.edit_title_action,
            self.add_action,
            self.merge_action,
            self.delete_action,
        ]
        self.context_actions = [
            self.edit_title_action,
            self.level_up_action,
            self.level_down_action,
            None,
            self.add_action,
            self.merge_action,
            None,
            self.accept_action,
            self.delete_action,
        ]

    # ------------------------------------------------------------ the interface

    def select_item(self, item_id: int) -> bool:
        node = self.nodes.get(item_id)
        if node is None:
            return False
        with self.quietly():
            self.tree.setCurrentItem(node)
            self.tree.scrollToItem(node)
        return True

    def edit_item(self, item_id: int) -> None:
        node = self.nodes.get(item_id)
        item = self.items.get(item_id)
        if node is None or item is None:
            return
        with self.quietly():
            self.tree.setCurrentItem(node, COL_TITLE)
        self.tree.editItem(node, COL_TITLE)

    def item_ids(self) -> list[int]:
        out: list[int] = []

        def walk(node: QTreeWidgetItem | None) -> None:
            if node is None:
                return
            out.append(node.data(COL_MARK, ID_ROLE))
            for index in range(node.childCount()):
                walk(node.child(index))

        for index in range(self.tree.topLevelItemCount()):
            walk(self.tree.topLevelItem(index))
        return out

    def current_item_id(self) -> int | None:
        node = self.tree.currentItem()
        return node.data(COL_MARK, ID_ROLE) if node is not None else None

    # ------------------------------------------------------------ showing

    def reload(self) -> None:
        current = self.current_item_id()
        self._filling += 1
        try:
            with self.quietly():
                self.tree.clear()
                self.nodes = {}
                stack: list[tuple[int, QTreeWidgetItem]] = []
                for item in sorted(self.items.values(), key=item_order):
                    level = self._level(item)
                    while stack and stack[-1][0] >= level:
                        stack.pop()
                    node = QTreeWidgetItem()
                    node.setData(COL_MARK, ID_ROLE, item["id"])
                    node.setFlags(node.flags() | Qt.ItemFlag.ItemIsEditable)
                    if stack:
                        stack[-1][1].addChild(node)
                    else:
                        self.tree.addTopLevelItem(node)
                    stack.append((level, node))
                    self.nodes[item["id"]] = node
                    self._fill(node, item)
                self.tree.expandAll()
                if current in self.nodes:
                    self.tree.setCurrentItem(self.nodes[current])
        finally:
            self._filling -= 1

    _level = staticmethod(heading_level)

    def _fill(self, node: QTreeWidgetItem, item: dict[str, Any]) -> None:
        self._filling += 1
        try:
            data = item.get("data") or {}
            node.setText(COL_MARK, self.mark_text(item))
            node.setText(COL_NUMBER, str(data.get("number") or ""))
            node.setText(COL_TITLE, str(data.get("title") or ""))
            tooltip = self.tooltip(item)
            if data.get("inferred"):
                tooltip += "\n" + self.tr("Heading without a number (inferred)")
            font = self.tree.font()
            rejected = not is_live(item)
            for column in range(3):
                node.setToolTip(column, tooltip)
                node.setFont(column, struck_font(font) if rejected else font)
                if rejected:
                    node.setForeground(column, REJECTED_FOREGROUND)
                elif column == COL_MARK and (colour := self.mark_colour(item)) is not None:
                    node.setForeground(column, colour)
        finally:
            self._filling -= 1

    def _structural(self, item: dict[str, Any], old: dict[str, Any]) -> bool:
        return self._level(item) != self._level(old) or item.get("start") != old.get("start")

    def item_added(self, item: dict[str, Any]) -> None:
        self.reload()

    def item_removed(self, item_id: int, old: dict[str, Any]) -> None:
        self.reload()

    def item_updated(self, item: dict[str, Any], old: dict[str, Any]) -> None:
        node = self.nodes.get(item["id"])
        if node is None or self._structural(item, old):
            self.reload()
        else:
            self._fill(node, item)

    # ------------------------------------------------------------ actions

    def _current_changed(self, current: QTreeWidgetItem | None, previous: QTreeWidgetItem | None) -> None:
        if current is not None:
            self.reviewer_selected(current.data(COL_MARK, ID_ROLE))

    def edit_current(self) -> None:
        item_id = self.current_item_id()
        if item_id is not None:
            self.edit_item(item_id)

    def _title_edited(self, node: QTreeWidgetItem, column: int) -> None:
        if self._filling or column != COL_TITLE:
            return
        item = self.items.get(node.data(COL_MARK, ID_ROLE))
        if item is None:
            return
        title = node.text(COL_TITLE).strip()
        data = dict(item.get("data") or {})
        if title and title != data.get("title"):
            data["title"] = title
            self.remember(self.session.update(item, data))
        current = self.items.get(item["id"])
        if current is not None and self.nodes.get(item["id"]) is node:
            self._fill(node, current)  # the saved title, or the old one when nothing was saved

    def change_level(self, step: int) -> None:
        """Promote (-1: towards 一、) or demote (+1) the current heading."""
        item = self.current_item()
        if item is None:
            return
        level = min(MAX_LEVEL, max(1, self._level(item) + step))
        if level == self._level(item):
            return
        data = dict(item.get("data") or {})
        data["level"] = level
        self.remember(self.session.update(item, data))

    def add_from_selection(self) -> None:
        """A heading the extractor missed: the selected text, its number parsed off."""
        if self.record is None:
            return
        selected = self.selection()
        if selected is None:
            self.refuse(self.tr("Select the heading in the report text first"))
            return
        start, end, text = selected
        number, level, title = parse_heading(text)
        if not title:
            self.refuse(self.tr("The selection holds no heading title"))
            return
        if level is None:
            current = self.current_item()
            level = self._level(current) if current is not None else 1
        data = {"level": level, "number": number, "title": title, "inferred": number is None}
        change = self.remember(self.session.add(self.record.id, "section", data, start=start, end=end))
        if change is not None and change.item_id is not None:
            self.select_item(change.item_id)

    def merge_with_previous(self) -> None:
        """The current heading's text joins the previous heading of its level: that heading
        now ends where this one ended, and this one is rejected (deleted when a reviewer
        added it). One operation of the store, one undo step."""
        item = self.current_item()
        if item is None or not is_live(item):
            return
        changes = self.session.merge_heading(
            item, self.tr("Merge heading %1").replace("%1", str(item["data"].get("title") or ""))
        )
        for change in changes or []:
            self.remember(change)
        if changes and changes[-1].item_id is not None:
            self.select_item(changes[-1].item_id)
