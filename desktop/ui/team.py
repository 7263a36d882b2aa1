"""Team mode in the window: a library on a PostgreSQL server shared by a team.

- File › Connect to Team Database… (:class:`ConnectDialog`): host, port, database, user and
  a password that is never stored (libpq's ``~/.pgpass`` is used when it is left empty);
  "Test Connection" runs in a worker thread. Recent libraries keep the URL without its
  password (:func:`url_without_password`).
- Team › Assign Reports… (:class:`AssignDialog`): a lead gives reports to one reviewer, or to
  two for double coding (each codes a copy of their own of the extractor's items).
- Team › My Queue… (:class:`QueueDialog`): the reports assigned to a reviewer and not yet
  done; Team › Mark My Coding Done.
- Team › Agreement… (:class:`AgreementDialog`): agreement between the two coders of the
  double-coded reports, as a table to read and a CSV to export.
- Team › Adjudicate Report… (:class:`~desktop.ui.adjudication.AdjudicationDialog`): the two
  coders' values side by side with the source; the lead's choice is the final value.
- When the reviewer double-codes the report opened, the window loads their copy
  (:meth:`TeamTools.coder_for_open`).

One module a dialog (team_connect, team_assign, team_queue, team_agreement, adjudication),
each imported when its dialog first opens, what they share in team_common; this one holds the
window's team tools.

The store side is ``desktop.store.team`` (imported when first needed, so that the window
does not load SQLAlchemy's team models at start and still works on a library without team tables).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QLabel, QMenu, QMessageBox

from .actions import add_action
from .team_common import (  # noqa: F401 - re-exported: callers and tests import them from here
    _store_team,
    format_report_ids,
    is_url,
    parse_report_ids,
    plain_error,
    probe_connection,
    reviewer_names,
    team_url,
    url_parts,
    url_password,
    url_without_password,
)

if TYPE_CHECKING:  # the dialogs are imported when first opened: the window starts without them
    from .adjudication import AdjudicationDialog
    from .main_window import MainWindow
    from .session import ReviewSession
    from .team_agreement import AgreementDialog
    from .team_assign import AssignDialog
    from .team_queue import QueueDialog

log = logging.getLogger(__name__)


# ---------------------------------------------------------------- the window's team tools


class TeamTools(QObject):
    """What team mode adds to the window: File › Connect to Team Database…, the Team menu,
    the double-coder's copy when a report opens, and a status-bar note while coding one."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.coder: str | None = None  # the copy the open report shows (None: the canonical items)
        self.adjudication: AdjudicationDialog | None = None
        self.connect_action = add_action(
            self.window, self.tr("Connect to &Team Database…"), lambda: self.connect_database()
        )
        self.assign_action = add_action(self.window, self.tr("&Assign Reports…"), lambda: self.assign_reports())
        self.queue_action = add_action(self.window, self.tr("My &Queue…"), lambda: self.show_queue(), ["Ctrl+Shift+Q"])
        self.coding_done_action = add_action(
            self.window, self.tr("Mark My &Coding Done"), lambda: self.mark_coding_done()
        )
        self.agreement_action = add_action(self.window, self.tr("A&greement…"), lambda: self.show_agreement())
        self.adjudicate_action = add_action(
            self.window, self.tr("A&djudicate Report…"), lambda: self.adjudicate_report()
        )
        self.coder_label = QLabel(window)
        self.coder_label.setObjectName("coderLabel")
        self.coder_label.setStyleSheet("color: #7b3fbf; font-weight: bold;")
        self.coder_label.hide()
        window.statusBar().addPermanentWidget(self.coder_label)
        window.library.model.modelReset.connect(self._forget_coder_if_closed)  # another library opened
        self._route_adds_to_copy(window.session)

    def _route_adds_to_copy(self, session: ReviewSession) -> None:
        """Items a double-coder adds go into their copy of the open report."""

        def coder_of(report_id: int) -> str | None:
            record = self.window.record
            return record.coder if record is not None and record.id == report_id else None

        session.coder_of = coder_of

    def add_to_menus(self, file_menu: QMenu) -> None:
        file_menu.insertAction(self.window.recent_menu.menuAction(), self.connect_action)
        bar = self.window.menuBar()
        self.menu = bar.addMenu(self.tr("&Team"))
        # after View, before Report and Help
        report_menu: QMenu | None = getattr(getattr(self.window, "insights", None), "report_menu", None)
        help_menu = next(
            (
                menu
                for a in bar.actions()
                if isinstance(menu := a.menu(), QMenu) and self.window.shortcuts_action in menu.actions()
            ),
            None,
        )
        before = report_menu or help_menu
        if before is not None:
            bar.insertMenu(before.menuAction(), self.menu)
        for action in (
            self.assign_action,
            None,
            self.queue_action,
            self.coding_done_action,
            None,
            self.agreement_action,
            self.adjudicate_action,
        ):
            self.menu.addSeparator() if action is None else self.menu.addAction(action)
        self.menu.aboutToShow.connect(self._update_actions)

    def _update_actions(self) -> None:
        has_team = _store_team() is not None
        record = self.window.record
        for action in (self.assign_action, self.queue_action, self.agreement_action):
            action.setEnabled(has_team)
        self.coding_done_action.setEnabled(has_team and record is not None)
        self.adjudicate_action.setEnabled(has_team and record is not None)

    # ------------------------------------------------------------ opening reports

    def coder_for_open(self, report_id: int) -> str | None:
        """The copy the window loads for ``report_id``: the reviewer's own when they
        double-code it, else None (the canonical items)."""
        # no fallback: showing a double-coder the canonical items would let them edit those
        coder: str | None = _store_team().coder_for(self.window.store, report_id, self.window.session.reviewer)
        self.coder = coder
        self.coder_label.setText(self.tr("Double coding: your own copy") if coder else "")
        self.coder_label.setToolTip(
            self.tr("You and another reviewer code this report separately; the lead adjudicates where you differ.")
            if coder
            else ""
        )
        self.coder_label.setVisible(bool(coder))
        return coder

    def _forget_coder_if_closed(self) -> None:
        if self.window.record is None:
            self.coder = None
            self.coder_label.hide()

    # ------------------------------------------------------------ libraries

    def connect_database(self, url: str | None = None) -> bool:
        from .team_connect import ConnectDialog

        dialog = ConnectDialog(self.window.settings, self.window, url)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.window.switch_library(dialog.url())

    # ------------------------------------------------------------ team menu

    def _needs_team(self) -> Any:
        team = _store_team()
        if team is None:
            QMessageBox.information(
                self.window, self.tr("Team"), self.tr("This version of the library has no team features.")
            )
        return team

    def assign_reports(self) -> AssignDialog | None:
        if self._needs_team() is None:
            return None
        ids = []
        current = self.window.library.current_report_id()
        if current is not None:
            ids.append(current)
        elif self.window.record is not None:
            ids.append(self.window.record.id)
        from .team_assign import AssignDialog

        dialog = AssignDialog(self.window, ids)
        dialog.show()
        return dialog

    def show_queue(self) -> QueueDialog | None:
        if self._needs_team() is None:
            return None
        from .team_queue import QueueDialog

        dialog = QueueDialog(self.window)
        dialog.show()
        return dialog

    def mark_coding_done(self) -> bool:
        team = self._needs_team()
        record = self.window.record
        if team is None or record is None:
            return False
        pending = len(self.window.review_queue())
        if (
            pending
            and QMessageBox.question(
                self.window,
                self.tr("Mark my coding done"),
                self.tr("%1 items still need a decision. Mark your coding done anyway?").replace("%1", str(pending)),
            )
            != QMessageBox.StandardButton.Yes
        ):
            return False
        try:
            team.mark_coding_done(self.window.store, record.id, self.window.session.reviewer)
        except Exception as error:  # not assigned to this reviewer
            QMessageBox.warning(self.window, self.tr("Mark my coding done"), plain_error(error))
            return False
        self.window.saved_label.setText(self.tr("Your coding of %1 is done.").replace("%1", record.file_name))
        self.window.library.refresh_report(record.id)
        return True

    def show_agreement(self) -> AgreementDialog | None:
        if self._needs_team() is None:
            return None
        from .team_agreement import AgreementDialog

        dialog = AgreementDialog(self.window)
        dialog.show()
        dialog.compute()
        return dialog

    def adjudicate_report(self, report_id: int | None = None) -> AdjudicationDialog | None:
        team = self._needs_team()
        if team is None:
            return None
        if report_id is None:
            if self.window.record is None:
                return None
            report_id = self.window.record.id
        from .adjudication import AdjudicationDialog

        try:
            rows = team.adjudication_rows(self.window.store, report_id)
        except ValueError:  # not coded by two reviewers
            rows = None
        if not rows:
            QMessageBox.information(
                self.window,
                self.tr("Adjudicate report"),
                self.tr("This report is not double-coded by two reviewers yet: there is nothing to adjudicate."),
            )
            return None
        if self.adjudication is not None:
            self.adjudication.close()
        self.adjudication = AdjudicationDialog(self.window, report_id)
        self.adjudication.show()
        return self.adjudication


def install_team(window: MainWindow) -> TeamTools:
    return TeamTools(window)
