"""The review window: the library on the left, the report's text in the middle, the panels
(fields, outline, parts, metrics) on the right, everything reachable from the keyboard.

The window is glue: views read from the store, every write goes through
:class:`~desktop.ui.session.ReviewSession`, and a ``changed`` signal updates exactly the rows
that changed."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QDragEnterEvent, QDropEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDockWidget,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.checks import Problem, check_report
from desktop.store.corrections import reread_span
from desktop.store.db import Store, open_store
from desktop.store.ops import Change
from desktop.store.queries import next_report_needing_review
from desktop.store.reports import ITEM_COLUMNS, ReportRecord, item_order
from desktop.store.searchtext import find_all
from desktop.store.server import is_url, plain_error, url_password, url_without_password

from . import marks
from . import settings as S
from .actions import add_action
from .learning import install_learning
from .library_view import LibraryView
from .panels.base import ItemPanel
from .panels.fields import FieldsPanel
from .panels.metrics import COL_APPROX, MetricsPanel
from .panels.outline import OutlinePanel
from .panels.parts import PartsPanel
from .problems import problem_message
from .report_view import ReportTextView
from .session import ReviewSession, state_name
from .settings import read as settings_read
from .settings import write as settings_write
from .startup import AfterFirstPaint
from .team_common import TeamWindow
from .worker import Job

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QMenu

    from desktop.store.importer import ImportReport


log = logging.getLogger(__name__)
MAX_RECENT = 8
PANEL_KEYS = ("fields", "outline", "parts", "metrics")
#: Review passes: which kinds of item Tab, A, R, S and the auto-advance visit.
PASS_KINDS = {
    "all": ("field", "section", "part", "metric"),
    "metrics": ("metric",),
    "headings": ("section",),
    "parts": ("part",),
    "fields": ("field",),
}


class MainWindow(TeamWindow):
    def __init__(self, store: Store, settings: QSettings, reviewer: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.store = store
        self.session = ReviewSession(store, reviewer, self)
        self.record: ReportRecord | None = None
        self.current_item: int | None = None
        self.problems: list[Problem] = []
        self.job: Job | None = None
        self.setAcceptDrops(True)
        self.setObjectName("MainWindow")
        self._build_views()
        #: start-up work the first paint does not need, run once the report's text is painted
        self._after_paint = AfterFirstPaint(self.text_view.viewport())
        self._build_actions()
        self._build_menus()
        self._connect_session()
        self.learning = install_learning(self)  # proposes catalogue phrases from corrections
        self._restore_layout()
        self._remember_library(store)
        self._update_title()
        self._show_empty_hint()
        # the keys a reviewer presses first (arrows, A, R) go to the report, not to the
        # library's first filter box, which an arrow key would change
        self.text_view.setFocus()
        # Tab moves between decisions, not between widgets: Qt gives Tab to focus
        # navigation before shortcuts, so it is taken here (editors keep their own Tab).
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # every event of the application comes here: all but key presses leave at once
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        if watched is getattr(self, "find_edit", None):
            if event.key() == Qt.Key.Key_Escape:
                self.find_edit.hide()
                self.text_view.setFocus()
                return True
            if (
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            ):
                self.find_in_report(self.find_edit.text(), backwards=True)
                return True
        if (
            event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
            and isinstance(watched, QWidget)
            and watched.window() is self
        ):
            open_editor = _cell_editor(watched)
            if open_editor is not None:  # Tab in a cell's editor: saved, and the next column's editor
                view, editor = open_editor
                backwards = event.key() == Qt.Key.Key_Backtab or bool(
                    event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                )
                editor.setProperty("finished", True)
                view.commitData(editor)
                view.closeEditor(
                    editor,
                    QAbstractItemDelegate.EndEditHint.EditPreviousItem
                    if backwards
                    else QAbstractItemDelegate.EndEditHint.EditNextItem,
                )
                return True
        if (
            event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
            and isinstance(watched, QWidget)
            and watched.window() is self
            and not _is_editor(watched)
            and not (event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        ):
            backwards = event.key() == Qt.Key.Key_Backtab or bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.move_to_item(-1 if backwards else +1)
            return True
        return super().eventFilter(watched, event)

    # ================================================================== building

    def _build_views(self) -> None:
        self.library = LibraryView(self.store, self)
        self.library.reportActivated.connect(self.open_report)
        self.library.searchSubmitted.connect(self.open_search_hit)
        self.library_dock = QDockWidget(self.tr("Library"), self)
        self.library_dock.setObjectName("LibraryDock")
        self.library_dock.setWidget(self.library)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.library_dock)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        self.report_title = QLabel(central)
        self.report_title.setObjectName("ReportTitle")
        self.report_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report_title.setWordWrap(True)  # a long title must not widen the text column past the docks
        self.report_problems = QLabel(central)
        self.report_problems.setObjectName("ReportProblems")
        self.report_problems.setStyleSheet("color: #b3261e;")
        self.report_problems.setWordWrap(True)
        self.text_view = ReportTextView(central)
        self.text_view.itemClicked.connect(lambda item_id: self.set_current_item(item_id, source="text"))
        # Ctrl+F: find in the open report, in any script; Return / Shift+Return: next / previous
        self.find_edit = QLineEdit(central)
        self.find_edit.setObjectName("FindInReport")
        self.find_edit.setPlaceholderText(self.tr("Find in this report (any script)…  Return: next, Esc: close"))
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.returnPressed.connect(lambda: self.find_in_report(self.find_edit.text()))
        self.find_edit.installEventFilter(self)
        self.find_edit.hide()
        layout.addWidget(self.report_title)
        layout.addWidget(self.find_edit)
        layout.addWidget(self.report_problems)
        layout.addWidget(self.text_view, 1)
        self.setCentralWidget(central)

        selection = self.text_view.selected_span
        self.metrics_panel = MetricsPanel(self.session, selection, self)
        self.panels: dict[str, ItemPanel] = {
            "fields": FieldsPanel(self.session, selection, self),
            "outline": OutlinePanel(self.session, selection, self),
            "parts": PartsPanel(self.session, selection, self),
            "metrics": self.metrics_panel,
        }
        self.panel_tabs = QTabWidget(self)
        self.panel_tabs.setObjectName("PanelTabs")
        names = {
            "fields": self.tr("Fields"),
            "outline": self.tr("Outline"),
            "parts": self.tr("Parts"),
            "metrics": self.tr("Metrics"),
        }
        for key, panel in self.panels.items():
            panel._caret = self.text_view.caret_offset
            self.panel_tabs.addTab(panel, names[key])
            panel.itemSelected.connect(lambda item_id: self.set_current_item(item_id, source="panel"))
        self.panel_dock = QDockWidget(self.tr("Review"), self)
        self.panel_dock.setObjectName("PanelDock")
        self.panel_dock.setWidget(self.panel_tabs)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel_dock)

        self.saved_label = QLabel(self)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("ProgressLabel")
        self.library_label = QLabel(self)
        self.statusBar().addWidget(self.saved_label, 1)
        self.statusBar().addPermanentWidget(self.progress_label)
        self.statusBar().addPermanentWidget(self.library_label)

    def _build_actions(self) -> None:
        def a(
            text: str,
            slot: Callable[..., object],
            shortcuts: Sequence[str | QKeySequence | QKeySequence.StandardKey] = (),
            checkable: bool = False,
            tip: str = "",
        ) -> QAction:
            return add_action(self, text, slot, shortcuts, checkable, tip)

        self.import_files_action = a(self.tr("Import &Files…"), self.import_files, ["Ctrl+O"])
        self.import_folder_action = a(self.tr("Import Fol&der…"), self.import_folder, ["Ctrl+Shift+O"])
        self.export_action = a(self.tr("&Export Dataset…"), self.export_dataset, ["Ctrl+E"])
        self.open_library_action = a(self.tr("Open &Library…"), self.choose_library, ["Ctrl+Shift+L"])
        self.new_library_action = a(self.tr("&New Library…"), self.new_library)
        self.backup_action = a(self.tr("&Back Up Library…"), self.backup_library)
        self.quit_action = a(self.tr("&Quit"), self.close, [QKeySequence.StandardKey.Quit])

        self.undo_action = self.session.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = self.session.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        self.accept_action = a(
            self.tr("&Accept"),
            self.accept_current,
            ["A"],
            tip=self.tr("Confirm the extractor's value and go to the next item"),
        )
        # Space accepts too, except on a metric's Approx. cell, where it ticks the box
        self.space_action = a(self.tr("Accept (Space)"), self.space_pressed, ["Space"])
        self.approx_action = a(
            self.tr("Toggle Appro&x."),
            self.toggle_approx,
            ["X"],
            tip=self.tr("Mark the metric's value as approximate (约, 余, 多) or not"),
        )
        self.start_left_action = a(
            self.tr("Span Start One Character Earlier"), lambda: self.move_span("start", -1), ["Alt+Left"]
        )
        self.start_right_action = a(
            self.tr("Span Start One Character Later"), lambda: self.move_span("start", +1), ["Alt+Right"]
        )
        self.end_left_action = a(
            self.tr("Span End One Character Earlier"), lambda: self.move_span("end", -1), ["Alt+Shift+Left"]
        )
        self.end_right_action = a(
            self.tr("Span End One Character Later"), lambda: self.move_span("end", +1), ["Alt+Shift+Right"]
        )
        self.reject_action = a(
            self.tr("&Reject"),
            self.reject_current,
            ["R", "Delete"],
            tip=self.tr("Turn the value down and go to the next item"),
        )
        self.edit_action = a(self.tr("&Edit"), self.edit_current, ["F2", "E"])
        self.preferences_action = a(self.tr("&Preferences…"), self.show_preferences, ["Ctrl+,"])

        # Tab itself is handled in eventFilter (a Tab shortcut would also fire in a cell's
        # editor, where Tab goes to the next cell); the menu shows the key after the tab stop.
        self.next_item_action = a(self.tr("&Next Item Needing a Decision") + "\tTab", lambda: self.move_to_item(+1))
        self.previous_item_action = a(
            self.tr("&Previous Item Needing a Decision") + "\tShift+Tab", lambda: self.move_to_item(-1)
        )
        self.lowest_first_action = a(
            self.tr("&Lowest Confidence First"), self._save_preferences_from_actions, checkable=True
        )
        self.lowest_first_action.setChecked(settings_read(self.settings, S.LOWEST_FIRST))
        self.skip_action = a(
            self.tr("&Skip (Decide Later)"),
            self.skip_current,
            ["S"],
            tip=self.tr("Leave the item pending and go to the next one"),
        )
        self.pass_group = QActionGroup(self)
        self.pass_actions: dict[str, QAction] = {}
        names = {
            "all": self.tr("&All Items"),
            "metrics": self.tr("&Metrics"),
            "headings": self.tr("&Headings"),
            "parts": self.tr("&Parts"),
            "fields": self.tr("&Fields"),
        }
        chosen = settings_read(self.settings, S.REVIEW_PASS)
        keys = {"all": "Alt+0", "fields": "Alt+1", "headings": "Alt+2", "parts": "Alt+3", "metrics": "Alt+4"}
        for key in PASS_KINDS:
            action = a(names[key], lambda _=False, k=key: self.set_review_pass(k), [keys[key]], checkable=True)
            action.setChecked(key == chosen)
            self.pass_group.addAction(action)
            self.pass_actions[key] = action
        if chosen not in PASS_KINDS:
            self.pass_actions["all"].setChecked(True)
        self.next_report_action = a(self.tr("Next &Report Needing Review"), self.next_report, ["N", "Ctrl+N"])
        self.done_action = a(self.tr("Mark Report &Done"), lambda: self.set_report_state("done"), ["Ctrl+D"])
        self.flag_action = a(
            self.tr("&Flag Report for Discussion"), lambda: self.set_report_state("flagged"), ["Ctrl+Shift+F"]
        )
        self.reopen_action = a(self.tr("Put Report Back &In Review"), lambda: self.set_report_state("in_review"))
        self.reextract_action = a(self.tr("Re-e&xtract This Report"), self.reextract_current)

        self.simplified_action = a(self.tr("Show &Simplified Text"), self.toggle_simplified, ["Ctrl+T"], checkable=True)
        self.find_action = a(self.tr("&Search Library"), self.focus_search, ["Ctrl+K"])
        self.find_in_report_action = a(self.tr("&Find in Report"), self.show_find_bar, [QKeySequence.StandardKey.Find])
        self.panel_actions = QActionGroup(self)
        for n, key in enumerate(PANEL_KEYS, 1):
            action = a(self.panel_tabs.tabText(n - 1), lambda _=False, k=key: self.show_panel(k), [f"Ctrl+{n}"])
            self.panel_actions.addAction(action)
        self.shortcuts_action = a(self.tr("&Keyboard Shortcuts"), self.show_shortcuts, ["F1"])
        self.about_action = a(self.tr("&About Fazhi Review"), self.show_about)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        for action in (self.import_files_action, self.import_folder_action, self.export_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.open_library_action)
        file_menu.addAction(self.new_library_action)
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addAction(self.backup_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        for entry in (
            self.undo_action,
            self.redo_action,
            None,
            self.accept_action,
            self.reject_action,
            self.edit_action,
            self.approx_action,
            None,
            self.start_left_action,
            self.start_right_action,
            self.end_left_action,
            self.end_right_action,
            None,
            self.preferences_action,
        ):
            edit_menu.addSeparator() if entry is None else edit_menu.addAction(entry)

        review_menu = bar.addMenu(self.tr("&Review"))
        self.pass_menu = review_menu.addMenu(self.tr("P&ass"))
        for action in self.pass_actions.values():
            self.pass_menu.addAction(action)
        for entry in (
            self.next_item_action,
            self.previous_item_action,
            self.skip_action,
            self.lowest_first_action,
            None,
            self.next_report_action,
            self.done_action,
            self.flag_action,
            self.reopen_action,
            None,
            self.reextract_action,
        ):
            review_menu.addSeparator() if entry is None else review_menu.addAction(entry)
        self.panel_menu = review_menu.addMenu(self.tr("&Item Actions"))
        for panel in self.panels.values():
            for action in getattr(panel, "actions_for_menu", lambda: [])():
                self.panel_menu.addAction(action)

        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.simplified_action)
        view_menu.addAction(self.find_action)
        view_menu.addAction(self.find_in_report_action)
        view_menu.addSeparator()
        for action in self.panel_actions.actions():
            view_menu.addAction(action)
        view_menu.addSeparator()
        library_toggle = self.library_dock.toggleViewAction()
        library_toggle.setShortcut(QKeySequence("Ctrl+L"))  # a small screen gives the text its room
        view_menu.addAction(library_toggle)
        view_menu.addAction(self.panel_dock.toggleViewAction())

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)
        self._build_insights_menu()
        self._build_team_menu(file_menu)

    # ---------------------------------------------------------------- the dataset view, indicator
    # catalogue and report summary live in dataset_menu.py, dataset_view.py and learning.py; team
    # mode in team.py and adjudication.py: each installs its own menus, so the window reads without them

    def _build_insights_menu(self) -> None:
        """View › Dataset… (Ctrl+Shift+D), Review › Indicator Catalogue…, Report › Share Summary…."""
        from .dataset_menu import Insights  # the dataset view itself is imported when first opened

        self.insights = Insights(self)
        self.insights.add_to_menus()

    def _build_team_menu(self, file_menu: QMenu) -> None:
        """File › Connect to Team Database…, the Team menu (assign, queue, agreement, adjudicate)."""
        from .team import install_team

        self.team = install_team(self)
        self.team.add_to_menus(file_menu)

    def _connect_session(self) -> None:
        self.session.changed.connect(self._on_changed)
        self.session.refused.connect(self._on_refused)
        self.session.saved.connect(self._on_saved)
        self.session.replayed.connect(self._on_replayed)

    # ================================================================== opening reports

    def open_report(self, report_id: int, *, keep_item: bool = False, check_after_paint: bool = False) -> bool:
        """Show the report; ``check_after_paint`` (the window's start): its text and items are
        painted first, the checks' findings follow (the gazetteer loads for them)."""
        # a reviewer who double-codes the report sees and edits their own copy
        try:
            record = self.session.load_report(report_id, self.team.coder_for_open(report_id))
        except Exception as error:  # a database error: said, never replaced by other data
            log.error("cannot open report %s: %s", report_id, error)
            QMessageBox.critical(self, self.tr("Cannot open report"), plain_error(error))
            return False
        if record is None:
            return False
        if self.record is None or self.record.id != record.id:
            self.learning.bar.hide()  # a proposal belongs to the report it came from
        self.record = record
        if check_after_paint:
            self.problems = []
            self.after_first_paint(lambda: self._check_later(record))
        else:
            self.problems = check_report(record.items, record.text)
        messages = self._messages_by_item()
        self.text_view.set_record(record, messages)
        for panel in self.panels.values():
            panel.set_report(record, self.problems)
        self._show_report_header()
        self.library.select_report(report_id)
        if not keep_item:
            self.current_item = None
            self.move_to_item(+1)
        settings_write(self.settings, S.LAST_REPORT, report_id)
        self._update_title()
        return True

    def _check_later(self, record: ReportRecord) -> None:
        """The checks of a report opened with ``check_after_paint``, unless another report
        was opened since (it has its own)."""
        if self.record is not record:
            return
        self.problems = check_report(record.items, record.text)
        self.text_view.set_problems(self._messages_by_item())
        for panel in self.panels.values():
            panel.set_problems(self.problems)
        self._show_report_header()
        current = self._current()
        if current is not None:
            self.saved_label.setText(self._describe(current))

    def _messages_by_item(self) -> dict[int | None, list[str]]:
        messages: dict[int | None, list[str]] = {}
        for problem in self.problems:
            messages.setdefault(problem.item_id, []).append(problem_message(problem))
        return messages

    def _show_report_header(self) -> None:
        record = self.record
        if record is None:
            self.report_title.setText("")
            self.report_problems.setText("")
            return
        title = record.field_value("title") or record.file_name
        decided, total = self.progress()
        self.report_title.setText(
            self.tr("<b>%1</b> · %2 · %3 of %4 items decided")
            .replace("%1", _escape(title))
            .replace("%2", state_name(record.state))
            .replace("%3", str(decided))
            .replace("%4", str(total))
        )
        self._show_progress()
        report_level = self._messages_by_item().get(None, [])
        self.report_problems.setText("⚠ " + "; ".join(report_level) if report_level else "")
        self.report_problems.setVisible(bool(report_level))

    def _show_empty_hint(self) -> None:
        if self.record is None:
            self.report_title.setText(
                self.tr(
                    "Import reports (File › Import, or drop files here), then double-click a report in the library."
                )
            )

    # ================================================================== current item

    def _panel_of(self, item: dict[str, Any]) -> str:
        return {"field": "fields", "section": "outline", "part": "parts", "metric": "metrics"}[item["kind"]]

    def set_current_item(self, item_id: int | None, *, source: str = "") -> None:
        self.current_item = item_id
        if self.record is None or item_id is None:
            self.text_view.select_item(None)
            return
        item = self.record.item(item_id)
        if item is None:
            return
        self.text_view.select_item(item_id, move_caret=source != "text")
        key = self._panel_of(item)
        if source != "panel":
            self.panel_tabs.setCurrentWidget(self.panels[key])
            self.panels[key].select_item(item_id)
        self.saved_label.setText(self._describe(item))

    def _describe(self, item: dict[str, Any]) -> str:
        messages = self._messages_by_item().get(item["id"], [])
        text = f"{marks.state_mark(item['state'])} {marks.state_tooltip(item['state'])}"
        return text + ("  ⚠ " + "; ".join(messages) if messages else "")

    def review_pass(self) -> str:
        return next((key for key, action in self.pass_actions.items() if action.isChecked()), "all")

    def set_review_pass(self, key: str) -> None:
        """Review › Pass: Tab, A, R, S and the auto-advance stay within these kinds of item."""
        self.pass_actions[key].setChecked(True)
        settings_write(self.settings, S.REVIEW_PASS, key)
        self._show_progress()
        current = self._current()
        if current is None or current["kind"] not in PASS_KINDS[key]:
            self.current_item = None
            self.move_to_item(+1)

    def progress(self, kinds: tuple[str, ...] | None = None) -> tuple[int, int]:
        """(decided, total) items of the open report (of ``kinds``, or all)."""
        if self.record is None:
            return 0, 0
        items = [i for i in self.record.items if kinds is None or i["kind"] in kinds]
        return sum(1 for i in items if i["state"] != "pending"), len(items)

    def _show_progress(self) -> None:
        if self.record is None:
            self.progress_label.setText("")
            return
        key = self.review_pass()
        decided, total = self.progress(PASS_KINDS[key])
        text = self.tr("Decided %1 / %2").replace("%1", str(decided)).replace("%2", str(total))
        if key != "all":
            text += " · " + _plain(self.pass_actions[key].text())
        self.progress_label.setText(text)

    def review_queue(self) -> list[int]:
        """The items of the review pass that still need a decision, in the order Tab visits
        them: text order (fields first), or lowest confidence first."""
        if self.record is None:
            return []
        kinds = PASS_KINDS[self.review_pass()]
        pending = [item for item in self.record.items if item["state"] == "pending" and item["kind"] in kinds]
        pending.sort(key=_confidence_order if self.lowest_first_action.isChecked() else _text_order)
        return [item["id"] for item in pending]

    def move_to_item(self, step: int) -> None:
        queue = self.review_queue()
        if not queue:
            self.set_current_item(None)
            if self.record is not None:
                self.saved_label.setText(
                    self.tr("Nothing left to decide in this report: Ctrl+D marks it done, N opens the next one.")
                )
            return
        if self.current_item in queue:
            index = (queue.index(self.current_item) + step) % len(queue)
        else:
            index = self._queue_index_after(queue, step)
        self.set_current_item(queue[index])

    def _queue_index_after(self, queue: list[int], step: int) -> int:
        """Where the current item (already decided, or none) sits in the queue's order."""
        if self.current_item is None or self.record is None or self.lowest_first_action.isChecked():
            return 0 if step > 0 else len(queue) - 1
        current = self.record.item(self.current_item)
        if current is None:
            return 0
        key = _text_order(current)
        orders = [_text_order(item) if (item := self.record.item(item_id)) is not None else key for item_id in queue]
        later = [n for n, order in enumerate(orders) if order > key]
        if step > 0:
            return later[0] if later else 0
        earlier = [n for n, order in enumerate(orders) if order < key]
        return earlier[-1] if earlier else len(queue) - 1

    def _current(self) -> dict[str, Any] | None:
        if self.record is None or self.current_item is None:
            return None
        return self.record.item(self.current_item)

    # ================================================================== decisions

    def accept_current(self) -> None:
        self._decide("accept")

    def reject_current(self) -> None:
        self._decide("reject")

    def skip_current(self) -> None:
        """Decide later: the item stays pending, the next one of the pass comes up."""
        item = self._current()
        self.move_to_item(+1)
        if item is not None and self.current_item != item["id"]:
            self.saved_label.setText(self.tr("Skipped: %1").replace("%1", _item_name(item)))

    def _decide(self, action: str) -> None:
        item = self._current()
        if item is None:
            self.move_to_item(+1)
            return
        if item["state"] == ("accepted" if action == "accept" else "rejected"):
            self.move_to_item(+1)  # already so: nothing to write, no history row that changes nothing
            return
        with self.session.macro(self.tr("Review item")):
            change = self.session.accept(item) if action == "accept" else self.session.reject(item)
            if change is not None:
                self._start_review_if_new()
        if change is not None:
            self.move_to_item(+1)

    def space_pressed(self) -> None:
        metrics = self.metrics_panel
        focus = QApplication.focusWidget()
        if (
            focus is metrics.view
            and metrics.view.currentIndex().isValid()
            and metrics.view.currentIndex().column() == COL_APPROX
        ):
            self.toggle_approx()
            return
        self.accept_current()

    def toggle_approx(self) -> None:
        item = self._current()
        if item is None or item["kind"] != "metric":
            self.saved_label.setText(self.tr("Approx. applies to metrics: choose a metric first"))
            return
        self.metrics_panel.toggle_approx(item)

    def move_span(self, end: str, step: int) -> None:
        """Move one boundary of the current item's span by one character (Alt+arrows: the
        start, Alt+Shift+arrows: the end); a metric's value and a heading's title are read
        again from the new span, and the correction is saved at once."""
        item = self._current()
        if item is None or self.record is None:
            return
        if item["kind"] == "part":
            self.saved_label.setText(
                self.tr(
                    "A part's boundaries move with Assign selection to part "
                    "(Ctrl+Shift+P): select the text it should cover"
                )
            )
            return
        if item["start"] is None or item["end"] is None:
            return
        start, stop = item["start"], item["end"]
        if end == "start":
            start += step
        else:
            stop += step
        if not 0 <= start < stop <= len(self.record.text):
            return
        data = reread_span(item, self.record.text, start, stop)
        if data is None:
            QMessageBox.warning(
                self, self.tr("Not saved"), self.tr("No number in “%1”").replace("%1", self.record.text[start:stop])
            )
            return
        panel = self.panels[self._panel_of(item)]
        panel.remember(self.session.update(item, data, start=start, end=stop))
        self.set_current_item(item["id"])

    def _start_review_if_new(self) -> None:
        if self.record is not None and self.record.state == "new":
            self.session.set_report_state(self.record.id, "in_review", self.record.version)

    def edit_current(self) -> None:
        item = self._current()
        if item is None:
            return
        key = self._panel_of(item)
        self.panel_tabs.setCurrentWidget(self.panels[key])
        self.panels[key].edit_item(item["id"])

    def set_report_state(self, state: str) -> None:
        if self.record is None:
            return
        if state == "done":
            pending = len(self.review_queue())
            if (
                pending
                and QMessageBox.question(
                    self,
                    self.tr("Mark report done"),
                    self.tr("%1 items still need a decision. Mark the report done anyway?").replace("%1", str(pending)),
                )
                != QMessageBox.StandardButton.Yes
            ):
                return
        self.session.set_report_state(self.record.id, state, self.record.version)

    def next_report(self) -> None:
        after = self.record.id if self.record is not None else None
        report_id = next_report_needing_review(self.store, after)
        if report_id is None:
            self.saved_label.setText(self.tr("Every report is reviewed."))
            return
        self.open_report(report_id)

    # ================================================================== changes

    def _on_changed(self, change: Change) -> None:
        if self.record is not None and change.report_id == self.record.id:
            if change.item_id is None:  # the report's state
                self.record.state = change.report_state or self.record.state
                self.record.version = self.session.ops.report(self.record.id)["version"]
            else:
                items = [i for i in self.record.items if i["id"] != change.item_id]
                if change.item is not None:
                    items.append(_item_row(change.item))
                    items.sort(key=item_order)
                self.record.items = items
                self.problems = check_report(self.record.items, self.record.text)
                self.text_view.set_problems(self._messages_by_item())
                self.text_view.items_changed()
                for panel in self.panels.values():
                    panel.apply_change(change, self.problems)
            self._show_report_header()
        elif change.report_id is not None and change.action in ("undo", "redo"):
            # An undo in another report: show it, so the reviewer sees what changed.
            self.open_report(change.report_id, keep_item=True)
            if change.item_id is not None:
                self.set_current_item(change.item_id)
        self.library.refresh_report(change.report_id)

    def _on_replayed(self, changes: list[Change]) -> None:
        """Undo and redo show the item they changed (the report is opened when it is another)."""
        change = next((c for c in reversed(changes) if c.item_id is not None), None)
        if change is None:
            return
        if self.record is None or self.record.id != change.report_id:
            self.open_report(change.report_id, keep_item=True)
        if change.item_id is not None and self.record is not None and self.record.item(change.item_id) is not None:
            self.set_current_item(change.item_id)

    def _on_refused(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Not saved"), message)
        if self.record is not None:  # show what is stored now
            self.open_report(self.record.id, keep_item=True)

    def _on_saved(self, message: str) -> None:
        self.saved_label.setText(message)

    # ================================================================== import / export

    def import_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Import reports"),
            settings_read(self.settings, S.IMPORT_FOLDER),
            self.tr("Reports (*.txt *.html *.htm *.docx *.pdf);;All files (*)"),
        )
        if files:
            settings_write(self.settings, S.IMPORT_FOLDER, str(Path(files[0]).parent))
            self.import_paths(files)

    def import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Import a folder of reports"), settings_read(self.settings, S.IMPORT_FOLDER)
        )
        if folder:
            settings_write(self.settings, S.IMPORT_FOLDER, folder)
            self.import_paths([folder])

    def import_paths(self, paths: list[str], *, quiet: bool = False) -> Job | None:
        """Import in a worker thread; ``quiet``: the summary goes to the status bar, not a dialog."""
        if self.job is not None and self.job.is_running():
            self.saved_label.setText(self.tr("Wait for the running job to finish."))
            return None
        store = self.store

        def work(progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]) -> object:
            from desktop.store.importer import import_paths  # the extractor loads when first needed

            return import_paths(
                store,
                paths,
                progress=lambda done, total, path: progress(done, total, Path(path).name),
                cancel=cancelled,
            )

        self.job = Job(work, self.tr("Importing reports…"), self)
        self.job.finished.connect(lambda result: self._imported(result, quiet))
        self.job.failed.connect(self._job_failed)
        return self.job.start()

    def _imported(self, result: ImportReport, quiet: bool) -> None:
        self.library.reload()
        if quiet:
            self.saved_label.setText(
                self.tr("Import: %1 imported, %2 already in the library, %3 unreadable")
                .replace("%1", str(len(result.imported)))
                .replace("%2", str(len(result.duplicates)))
                .replace("%3", str(len(result.failed)))
            )
        else:
            from .dialogs import show_import_result  # the dialogs are imported when first opened

            show_import_result(self, result)
        if self.record is None and result.imported:
            self.open_report(result.imported[0][1])

    def export_dataset(self) -> None:
        from .dialogs import ExportDialog

        dialog = ExportDialog(self.settings, self)
        if dialog.exec() != ExportDialog.DialogCode.Accepted:
            return
        options = dialog.options()
        store = self.store

        def work(progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]) -> object:
            from desktop.store.exporter import export

            return export(
                store,
                options.path,
                options.format,
                states=options.states or None,
                provenance=options.provenance,
                progress=lambda n: progress(n, 0, ""),
            )

        self.job = Job(work, self.tr("Exporting…"), self)
        self.job.finished.connect(
            lambda files: QMessageBox.information(
                self,
                self.tr("Export finished"),
                self.tr("Written:\n%1").replace("%1", "\n".join(str(f) for f in files)),
            )
        )
        self.job.failed.connect(self._job_failed)
        self.job.start()

    def reextract_current(self) -> None:
        if self.record is None:
            return
        store, report_id = self.store, self.record.id

        def work(progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]) -> object:
            from desktop.store.reextract import reextract

            return reextract(
                store, report_ids=[report_id], workers=1, progress=lambda done, total: progress(done, total, "")
            )

        self.job = Job(work, self.tr("Re-extracting…"), self)
        self.job.finished.connect(
            lambda summary: (
                self.open_report(report_id),
                QMessageBox.information(self, self.tr("Re-extraction"), "\n".join(summary.lines())),
            )
        )
        self.job.failed.connect(self._job_failed)
        self.job.start()

    def _job_failed(self, error: Exception) -> None:
        log.error("job failed: %s", error)
        QMessageBox.critical(
            self,
            self.tr("Something went wrong"),
            self.tr("The work stopped: %1\nEverything saved before it stays saved.").replace("%1", str(error)),
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # ================================================================== libraries

    def choose_library(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open a library"),
            str(self._library_dir()),
            self.tr("Fazhi Review libraries (*.sqlite3 *.db);;All files (*)"),
        )
        if path:
            self.switch_library(path)

    def new_library(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("New library"), str(self._library_dir()), self.tr("Fazhi Review libraries (*.sqlite3)")
        )
        if path:
            if not path.endswith((".sqlite3", ".db")):
                path += ".sqlite3"
            self.switch_library(path)

    def _library_dir(self) -> Path:
        return Path(self.store.path).parent if self.store.path else Path.home()

    def switch_library(self, path: str) -> bool:
        """Open another library: a file, or a team database's URL (never shown or kept
        with its password)."""
        shown = url_without_password(path) if is_url(path) else path
        try:
            store = open_store(path)
        except Exception as error:  # a file that is not a library, a newer schema, no permission, no server
            QMessageBox.critical(
                self,
                self.tr("Cannot open library"),
                self.tr("%1 cannot be opened as a library:\n%2")
                .replace("%1", shown)
                .replace("%2", plain_error(error, url_password(path))),
            )
            return False
        old = self.store
        self.store = store
        self.session.store = store
        self.session.set_reviewer(self.session.reviewer)
        if hasattr(self.library, "set_store"):
            self.library.set_store(store)
        else:  # a library view without set_store: give its model the new store and reload
            self.library.store = self.library.model.store = store
            self.library.reload()
        self.record = None
        self.current_item = None
        self.text_view.set_record(None)
        for panel in self.panels.values():
            panel.set_report(None, [])
        old.close()
        self._remember_library(store)
        self._update_title()
        self._show_empty_hint()
        return True

    def _remember_library(self, store: Store) -> None:
        # a team database is remembered by its URL without the password
        entry = str(store.path) if store.path is not None else url_without_password(store.url)
        recent = [p for p in settings_read(self.settings, S.RECENT_LIBRARIES) if p != entry]
        settings_write(self.settings, S.RECENT_LIBRARIES, [entry, *recent][:MAX_RECENT])
        self.library_label.setText(
            self.tr("Library: %1 · Reviewer: %2").replace("%1", store.label).replace("%2", self.session.reviewer)
        )

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in settings_read(self.settings, S.RECENT_LIBRARIES):
            action = self.recent_menu.addAction(path)
            if is_url(path):  # a team database, reconnected through the dialog (it asks the password)
                action.triggered.connect(lambda _=False, p=path: self.team.connect_database(p))
                continue
            action.setEnabled(Path(path).exists())
            action.triggered.connect(lambda _=False, p=path: self.switch_library(p))

    def backup_library(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Back up the library"),
            str(self._library_dir()),
            self.tr("Fazhi Review libraries (*.sqlite3)"),
        )
        if not path:
            return
        try:
            self.store.backup(Path(path))
        except Exception as error:
            QMessageBox.critical(self, self.tr("Backup failed"), str(error))
            return
        self.saved_label.setText(self.tr("Backup written to %1").replace("%1", path))

    # ================================================================== view, preferences, help

    def toggle_simplified(self, checked: bool) -> None:
        self.text_view.set_simplified(checked)

    def open_search_hit(self, report_id: int, words: str) -> None:
        """Return in the library's search box: the first report found, at the words."""
        if self.open_report(report_id):
            self.find_edit.setText(words)
            self.find_in_report(words, from_start=True)

    def show_find_bar(self) -> None:
        self.find_edit.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def find_in_report(self, words: str, *, backwards: bool = False, from_start: bool = False) -> bool:
        """Select the next place of ``words`` in the report (in any script: 出庭应诉 finds
        出庭應訴 too), after the caret, wrapping around; the status bar counts them."""
        if self.record is None or not words.strip():
            return False
        spans = find_all(self.record.text, words)
        if not spans:
            self.saved_label.setText(self.tr("Not found in this report: %1").replace("%1", words.strip()))
            return False
        caret = -1 if from_start else (self.text_view.caret_offset() or 0)
        if backwards:
            before = [span for span in spans if span[1] < caret]
            start, end = before[-1] if before else spans[-1]
        else:
            after = [span for span in spans if span[0] >= caret]
            start, end = after[0] if after else spans[0]
        self.text_view.select_text(start, end)
        self.text_view.ensureCursorVisible()
        self.saved_label.setText(
            self.tr("Found %1 of %2: %3")
            .replace("%1", str(spans.index((start, end)) + 1))
            .replace("%2", str(len(spans)))
            .replace("%3", self.record.text[start:end])
        )
        return True

    def focus_search(self) -> None:
        self.library_dock.show()
        self.library.focus_search()

    def show_panel(self, key: str) -> None:
        """Show a panel, on the first of its items that needs a decision."""
        self.panel_dock.show()
        self.panel_tabs.setCurrentWidget(self.panels[key])
        self.panels[key].setFocus()
        current = self._current()
        record = self.record
        if record is not None and (current is None or self._panel_of(current) != key):
            kinds = self.panels[key].kinds
            first = next(
                (i for i in self.review_queue() if (item := record.item(i)) is not None and item["kind"] in kinds), None
            )
            if first is not None:
                self.set_current_item(first)

    def show_preferences(self) -> None:
        from .dialogs import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self.session.reviewer, self)
        if dialog.exec() != PreferencesDialog.DialogCode.Accepted:
            return
        reviewer, language_changed = dialog.apply()
        if reviewer != self.session.reviewer:
            self.session.set_reviewer(reviewer)
            self._remember_library(self.store)
        if language_changed:
            QMessageBox.information(self, self.tr("Language"), self.tr("The new language is used from the next start."))

    def _save_preferences_from_actions(self) -> None:
        settings_write(self.settings, S.LOWEST_FIRST, self.lowest_first_action.isChecked())

    def show_shortcuts(self) -> None:
        from .dialogs import ShortcutsDialog

        ShortcutsDialog(self._shortcut_rows(), self).exec()

    def _shortcut_rows(self) -> list[tuple[str, str]]:
        actions = [
            self.next_item_action,
            self.previous_item_action,
            self.accept_action,
            self.reject_action,
            self.skip_action,
            *self.pass_actions.values(),
            self.approx_action,
            self.start_left_action,
            self.start_right_action,
            self.end_left_action,
            self.end_right_action,
            self.edit_action,
            self.undo_action,
            self.redo_action,
            self.next_report_action,
            self.done_action,
            self.flag_action,
            self.simplified_action,
            self.find_action,
            self.find_in_report_action,
            *self.panel_actions.actions(),
            *self.panel_menu.actions(),
            self.import_files_action,
            self.import_folder_action,
            self.export_action,
            self.preferences_action,
            self.shortcuts_action,
        ]
        rows = []
        for action in actions:
            keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts())
            if not keys and "\t" in action.text():  # Tab and Shift+Tab (see eventFilter)
                keys = action.text().split("\t", 1)[1]
            if keys:
                name = _plain(action.text())
                if action in self.pass_actions.values():  # "Metrics" is a panel too
                    name = self.tr("Review pass: %1").replace("%1", name)
                rows.append((name, keys))
        return rows

    def show_about(self) -> None:
        from desktop import __version__

        QMessageBox.about(
            self,
            self.tr("About Fazhi Review"),
            self.tr("Fazhi Review %1\nA workbench for rule-of-law government annual reports.").replace(
                "%1", __version__
            ),
        )

    def _update_title(self) -> None:
        name = Path(self.store.path).name if self.store.path else self.store.label  # a URL's label has no password
        report = f" — {self.record.file_name}" if self.record is not None else ""
        self.setWindowTitle(self.tr("Fazhi Review") + f" — {name}{report}")

    # ================================================================== layout

    def _restore_layout(self) -> None:
        geometry = settings_read(self.settings, S.GEOMETRY)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1500, 900)
        state = settings_read(self.settings, S.WINDOW_STATE)
        if isinstance(state, QByteArray):
            self.restoreState(state)
        else:
            QTimer.singleShot(0, self._default_dock_sizes)

    # ================================================================== start-up

    def after_first_paint(self, work: Callable[[], None]) -> None:
        """Run ``work`` once the report's text has been painted, at once when it has been:
        start-up work the window's first paint does not need."""
        self._after_paint.add(work)

    def finish_startup(self) -> None:
        """Run the work deferred past the first paint now (it runs after that paint anyway)."""
        self._after_paint.run()

    def startup_pending(self) -> bool:
        """Start-up work deferred past the first paint is still to run."""
        return self._after_paint.pending()

    def _default_dock_sizes(self) -> None:
        # the panel needs about 520 pixels for label, indicator, value and unit; the library
        # about 380 for file, title, state, decided, pending and flags; the text the rest
        width = self.width()
        library = max(int(width * 0.22), min(380, int(width * 0.28)))
        panel = max(int(width * 0.34), min(540, int(width * 0.4)))
        self.resizeDocks([self.library_dock, self.panel_dock], [library, panel], Qt.Orientation.Horizontal)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.job is not None and self.job.is_running():
            self.job.cancel()
            self.job.wait()
        settings_write(self.settings, S.GEOMETRY, self.saveGeometry())
        settings_write(self.settings, S.WINDOW_STATE, self.saveState())
        self.settings.sync()
        super().closeEvent(event)


def _cell_editor(widget: QWidget) -> tuple[QAbstractItemView, QWidget] | None:
    """(view, editor) when ``widget`` is (in) a cell editor a table view has open."""
    child: QWidget | None = widget
    while child is not None:
        parent = child.parentWidget()
        view = parent.parentWidget() if parent is not None else None
        if isinstance(view, QAbstractItemView):
            if parent is view.viewport() and view.state() == QAbstractItemView.State.EditingState:
                return view, child
        child = parent
    return None


def _is_editor(widget: QWidget) -> bool:
    """Widgets where Tab means something of their own: text input, spin boxes, open editors."""
    current: QWidget | None = widget
    while current is not None:
        if isinstance(current, (QLineEdit, QAbstractSpinBox, QComboBox)) and current.isEnabled():
            return True
        if isinstance(current, QAbstractItemView) and current.state() == QAbstractItemView.State.EditingState:
            return True
        if isinstance(current, QDialog):
            return True
        current = current.parentWidget()
    return False


# Tab's order: the metadata fields first, then the text from top to bottom (a part before the
# heading and the metrics that start where it does).
_KIND_GROUP = {"field": 0, "part": 1, "section": 1, "metric": 1}
_KIND_AT_SAME_PLACE = {"field": 0, "part": 0, "section": 1, "metric": 2}


def _text_order(item: dict[str, Any]) -> tuple[int, int, int, int]:
    start = item["start"] if item["start"] is not None else -1
    return (_KIND_GROUP[item["kind"]], start, _KIND_AT_SAME_PLACE[item["kind"]], item["id"])


def _confidence_order(item: dict[str, Any]) -> tuple[float, int, int]:
    confidence = item["confidence"] if item["confidence"] is not None else 1.0
    return (confidence, item["start"] if item["start"] is not None else -1, item["id"])


def _item_row(item: dict[str, Any]) -> dict[str, Any]:
    """A changed item (Change.item) in the shape of a ReportRecord's items."""
    return {key: item.get(key) for key in ITEM_COLUMNS}


def _item_name(item: dict[str, Any]) -> str:
    data = item.get("data") or {}
    return str(data.get("text") or data.get("title") or data.get("label") or data.get("value") or item["id"])


def _plain(text: str) -> str:
    """A menu text without its accelerator: "&Accept" -> "Accept", "确认(&A)" -> "确认"."""
    return re.sub(r"\(&\w\)|&(?=\w)", "", text.split("\t", 1)[0]).replace("…", "").strip()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
