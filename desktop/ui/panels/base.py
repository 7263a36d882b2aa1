"""What every panel beside the report text has in common.

A panel shows the items of some kinds of one report (:attr:`ItemPanel.kinds`), keeps its own
copy of them (``self.items``, by id: the versions its next edits are based on) and writes only
through the :class:`~desktop.ui.session.ReviewSession`. The window tells it about every saved
edit with :meth:`ItemPanel.apply_change`; the panel then redraws the rows that changed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from desktop.core.checks import Problem
from desktop.store.ops import Change, is_reviewer_added, position_order
from desktop.store.reports import ReportRecord
from desktop.ui.marks import state_colour, state_mark, state_tooltip
from desktop.ui.problems import problem_message, problems_by_item
from desktop.ui.session import ReviewSession

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent


Selection = Callable[[], "tuple[int, int, str] | None"]

#: Rows of rejected items: greyed (and struck through).
REJECTED_FOREGROUND = QColor("#9a9a9a")
#: Marks a row whose item has problems.
PROBLEM_SIGN = "⚠"


# the rules of the items have one home, the store's operations
item_order = position_order


def format_number(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if float(value).is_integer():
        return str(int(value))
    return str(round(value, 6))


def struck_font(font: QFont) -> QFont:
    font = QFont(font)
    font.setStrikeOut(True)
    return font


class ItemPanel(QWidget):
    """Base of the panels: the interface the window uses, and the shared plumbing."""

    itemSelected = Signal(int)  # the reviewer selected an item here (item id)

    kinds: tuple[str, ...] = ()

    def __init__(self, session: ReviewSession, selection: Selection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._selection = selection
        #: the caret's offset in the report text (set by the window), None when unknown
        self._caret: Callable[[], int | None] | None = None
        self.record: ReportRecord | None = None
        self.items: dict[int, dict[str, Any]] = {}
        self.problems: dict[int | None, list[Problem]] = {}
        self._quiet = 0
        #: The actions of the panel's context menu, in order (None: a separator).
        self.context_actions: list[QAction | None] = []
        #: The actions the window may put in its menus (see :meth:`actions_for_menu`).
        self.menu_actions: list[QAction] = []
        # action -> the shortcuts it wants, while the panel has focus (see _defer_shortcuts).
        self._wanted_shortcuts: dict[QAction, list[QKeySequence]] = {}

    # ------------------------------------------------------------ the window's interface

    def set_report(self, record: ReportRecord | None, problems: list[Problem]) -> None:
        self.record = record
        self.items = (
            {item["id"]: dict(item) for item in record.items if item["kind"] in self.kinds}
            if record is not None
            else {}
        )
        self.problems = problems_by_item(problems)
        with self.quietly():
            self.reload()

    def apply_change(self, change: Change, problems: list[Problem]) -> None:
        if self.record is None or change.report_id != self.record.id:
            return
        old_problems = self.problems
        self.problems = problems_by_item(problems)
        changed = self._absorb(change)
        with self.quietly():
            for item_id in self.items:
                if item_id != changed and old_problems.get(item_id) != self.problems.get(item_id):
                    self.item_updated(self.items[item_id], self.items[item_id])
            self.report_problems_changed()

    def set_problems(self, problems: list[Problem]) -> None:
        """The checks' findings for the report shown (at the window's start they follow the
        report): the rows whose findings changed are shown again."""
        old_problems = self.problems
        self.problems = problems_by_item(problems)
        with self.quietly():
            for item_id, item in self.items.items():
                if old_problems.get(item_id) != self.problems.get(item_id):
                    self.item_updated(item, item)
            self.report_problems_changed()

    def actions_for_menu(self) -> list[QAction]:
        """The panel's own actions, for the window's menus."""
        return list(self.menu_actions)

    def select_item(self, item_id: int) -> bool:
        raise NotImplementedError

    def edit_item(self, item_id: int) -> None:
        raise NotImplementedError

    def item_ids(self) -> list[int]:
        raise NotImplementedError

    # ------------------------------------------------------------ for subclasses

    def reload(self) -> None:
        """Show ``self.items`` afresh."""
        raise NotImplementedError

    def item_added(self, item: dict[str, Any]) -> None:
        self.reload()

    def item_removed(self, item_id: int, old: dict[str, Any]) -> None:
        self.reload()

    def item_updated(self, item: dict[str, Any], old: dict[str, Any]) -> None:
        """The item changed (or only its problems did: then ``item is old``)."""
        self.reload()

    def report_problems_changed(self) -> None:
        """Problems of the report as a whole (item None) may have changed."""

    def current_item_id(self) -> int | None:
        raise NotImplementedError

    def current_item(self) -> dict[str, Any] | None:
        item_id = self.current_item_id()
        return self.items.get(item_id) if item_id is not None else None

    @contextlib.contextmanager
    def quietly(self) -> Iterator[None]:
        """Selection changes made by the program, not the reviewer: no itemSelected."""
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1

    def reviewer_selected(self, item_id: int | None) -> None:
        if not self._quiet and item_id is not None:
            self.itemSelected.emit(item_id)

    def selection(self) -> tuple[int, int, str] | None:
        """The report text's selection (Python offsets), None when there is none."""
        selected = self._selection() if self._selection is not None else None
        if not selected:
            return None
        start, end, text = selected
        if end <= start:
            return None
        return start, end, text

    def refuse(self, message: str) -> None:
        """An action that cannot be done here: told through the session's refusal channel."""
        self.session.refused.emit(message)

    def problems_of(self, item_id: int | None) -> list[Problem]:
        return self.problems.get(item_id, [])

    def tooltip(self, item: dict[str, Any] | None) -> str:
        """The state's meaning and the item's problems, one per line."""
        if item is None:
            return ""
        state = item.get("state", "")
        lines = [f"{state_mark(state)} {state_tooltip(state)}"]
        confidence = item.get("confidence")
        if isinstance(confidence, int | float) and state == "pending":
            lines.append(self.tr("Extractor's confidence: %1").replace("%1", f"{confidence:.2f}"))
        lines += [f"{PROBLEM_SIGN} {problem_message(problem)}" for problem in self.problems_of(item.get("id"))]
        return "\n".join(lines)

    def mark_text(self, item: dict[str, Any] | None) -> str:
        if item is None:
            return ""
        mark = state_mark(item.get("state", ""))
        return f"{mark} {PROBLEM_SIGN}" if self.problems_of(item.get("id")) else mark

    @staticmethod
    def mark_colour(item: dict[str, Any] | None) -> QColor | None:
        return state_colour(item.get("state", "")) if item is not None else None

    # ------------------------------------------------------------ writing

    def remember(self, change: Change | None) -> Change | None:
        """Take in a change this panel just saved (the window's apply_change may come too:
        both are idempotent), so the next edit is based on the new version."""
        if change is not None and self.record is not None and change.report_id == self.record.id:
            with self.quietly():
                self._absorb(change)
        return change

    def accept_current(self) -> None:
        item = self.current_item()
        if item is not None and item.get("state") != "accepted":
            self.remember(self.session.accept(item))

    def remove(self, item: dict[str, Any]) -> Change | None:
        """Delete a reviewer's item, reject an extractor's."""
        if is_reviewer_added(item):
            return self.remember(self.session.delete(item))
        if item.get("state") == "rejected":
            return None
        return self.remember(self.session.reject(item))

    def remove_current(self) -> None:
        item = self.current_item()
        if item is not None:
            self.remove(item)

    def make_action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | str | None = None,
        context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut,
    ) -> QAction:
        """An action of this panel; its shortcut works while the panel has focus (``context``)."""
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(context)
            if context == Qt.ShortcutContext.WidgetWithChildrenShortcut:
                self._wanted_shortcuts[action] = [QKeySequence(shortcut)]
        action.triggered.connect(lambda checked=False: slot())
        self.addAction(action)
        return action

    def showEvent(self, event: QShowEvent) -> None:
        self._defer_shortcuts()
        super().showEvent(event)

    def _defer_shortcuts(self) -> None:
        """The window's own shortcuts win: a panel action whose key the window already uses
        for the whole window (F2: edit, Delete: reject) leaves the key to it, since two
        actions on one key would both be blocked as ambiguous."""
        window = self.window()
        taken: set[str] = set()
        if window is not self:
            for action in window.actions():
                if action.shortcutContext() in (
                    Qt.ShortcutContext.WindowShortcut,
                    Qt.ShortcutContext.ApplicationShortcut,
                ):
                    taken.update(s.toString() for s in action.shortcuts())
        for action, wanted in self._wanted_shortcuts.items():
            action.setShortcuts([s for s in wanted if s.toString() not in taken])

    def show_context_menu(self, widget: QWidget, position: QPoint) -> QMenu:
        menu = QMenu(self)
        for action in self.context_actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.popup(widget.mapToGlobal(position))
        return menu

    # ------------------------------------------------------------ internals

    def _absorb(self, change: Change) -> int | None:
        """Update ``self.items`` and the rows from one change; the id of the item redrawn."""
        item_id = change.item_id
        if item_id is None:
            return None
        old = self.items.get(item_id)
        new = change.item
        if new is None:
            if old is None:
                return None
            del self.items[item_id]
            self.item_removed(item_id, old)
            return item_id
        if new.get("kind") not in self.kinds:
            return None
        if old is not None and old.get("version", 0) >= new.get("version", 0):
            return None  # already shown (this panel saved it and took it in)
        new = dict(new)
        self.items[item_id] = new
        if old is None:
            self.item_added(new)
        else:
            self.item_updated(new, old)
        return item_id
