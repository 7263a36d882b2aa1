"""What the team dialogs share: the store's team module, table helpers, report
ids as a reviewer types them, everyone's names. Imported by the dialogs and by
adjudication; imports none of them (no import cycle)."""

from __future__ import annotations

import getpass
import logging
import re
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QLabel, QMainWindow, QTableWidget, QTableWidgetItem, QWidget

from desktop.store.server import (
    CONNECT_TIMEOUT_S,
    DEFAULT_PORT,
    is_url,
    plain_error,
    probe_connection,
    team_url,
    url_parts,
    url_password,
    url_without_password,
)

if TYPE_CHECKING:
    from types import ModuleType

    from PySide6.QtCore import QSettings

    from desktop.store.db import Store

    from .library_view import LibraryView
    from .session import ReviewSession

__all__ = [  # the store's server helpers are re-exported for the dialogs
    "CONNECT_TIMEOUT_S",
    "DEFAULT_PORT",
    "FRAGILE_BACKGROUND",
    "FRAGILE_N",
    "format_report_ids",
    "is_url",
    "parse_report_ids",
    "plain_error",
    "probe_connection",
    "reviewer_names",
    "team_url",
    "TeamWindow",
    "url_parts",
    "url_password",
    "url_without_password",
]
log = logging.getLogger(__name__)
#: an agreement figure computed from fewer units than this is shown as fragile
FRAGILE_N = 10
FRAGILE_BACKGROUND = QColor("#fff1c2")


class TeamWindow(QMainWindow):
    """The review window as the team dialogs see it (MainWindow is one), declared here so
    that the dialogs are typed without importing the window, which imports the team tools."""

    store: Store
    session: ReviewSession
    settings: QSettings
    library: LibraryView
    saved_label: QLabel

    def open_report(self, report_id: int, *, keep_item: bool = False, check_after_paint: bool = False) -> bool:
        raise NotImplementedError


def _store_team() -> ModuleType:
    """``desktop.store.team`` (imported when first needed: the window starts faster)."""
    from desktop.store import team

    return team


def _login() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment (some containers)
        return ""


# ---------------------------------------------------------------- helpers


def parse_report_ids(text: str) -> list[int]:
    """ "3, 5-7 12" -> [3, 5, 6, 7, 12]; raises ValueError on anything else."""
    ids: list[int] = []
    for part in re.split(r"[,\s，、]+", text.strip()):
        if not part:
            continue
        match = re.fullmatch(r"(\d+)(?:[-–~](\d+))?", part)
        if match is None:
            raise ValueError(part)
        first, last = int(match.group(1)), int(match.group(2) or match.group(1))
        if last < first or last - first > 100_000:
            raise ValueError(part)
        ids.extend(range(first, last + 1))
    return list(dict.fromkeys(ids))


def format_report_ids(ids: list[int]) -> str:
    """[3, 5, 6, 7, 12] -> "3, 5-7, 12"."""
    out: list[str] = []
    ids = sorted(set(ids))
    n = 0
    while n < len(ids):
        m = n
        while m + 1 < len(ids) and ids[m + 1] == ids[m] + 1:
            m += 1
        out.append(str(ids[n]) if m == n else f"{ids[n]}-{ids[m]}")
        n = m + 1
    return ", ".join(out)


def reviewer_names(store: Store, *also: str) -> list[str]:
    """Everyone who has edited this library or has been given reports, and ``also``."""
    from desktop.store.queries import reviewer_names as known

    return sorted(set(known(store)) | {name for name in also if name})


def _table(parent: QWidget, headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    return table


def _cell(text: Any, data: Any = None) -> QTableWidgetItem:
    item = QTableWidgetItem("" if text is None else str(text))
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


def _report_title(store: Store, report_id: int) -> tuple[str, str, str]:
    """(file, title, state) of a report, for the lists."""
    from desktop.store.queries import report_row

    from .session import state_name

    row = report_row(store, report_id)
    if row is None:
        return ("?", "", "")
    return (row.file_name, row.title or "", state_name(row.state))
