"""The one way the window and its add-ons make a menu or keyboard action."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def add_action(
    window: QWidget,
    text: str,
    slot: Callable[..., object],
    shortcuts: Sequence[str | QKeySequence | QKeySequence.StandardKey] = (),
    checkable: bool = False,
    tip: str = "",
) -> QAction:
    """An action owned by ``window`` and added to it, so that its shortcuts work wherever the focus is
    in that window (and nowhere else: a dialog's keys are its own)."""
    action = QAction(text, window)
    if shortcuts:
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.setCheckable(checkable)
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(slot)
    window.addAction(action)
    return action
