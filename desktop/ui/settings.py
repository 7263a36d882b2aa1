"""Every setting the window keeps, declared once: key, type, default and what it is for
(as labelme's config schema). Reads and writes go through :func:`read` and :func:`write`,
which check the value against the declaration; nothing else in desktop/ui calls
``QSettings.value`` or ``setValue`` (a test checks)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    description: str
    choices: tuple[str, ...] = ()


DECLARED: dict[str, Setting] = {}


def _declare(key: str, kind: type, default: Any, description: str, choices: tuple[str, ...] = ()) -> Setting:
    setting = Setting(key, kind, default, description, choices)
    DECLARED[key] = setting
    return setting


# review
REVIEWER = _declare("review/reviewer", str, "", "the name every edit is recorded under")
LOWEST_FIRST = _declare("review/lowest_first", bool, False, "Tab visits the lowest confidence first")
REVIEW_PASS = _declare(
    "review/pass",
    str,
    "all",
    "the kinds of item Tab, A, R and S visit",
    ("all", "metrics", "headings", "parts", "fields"),
)
LAST_REPORT = _declare("review/last_report", int, 0, "the report open when the window closed (0: none)")
# window and libraries
GEOMETRY = _declare("window/geometry", QByteArray, None, "the window's size and place")
WINDOW_STATE = _declare("window/state", QByteArray, None, "the docks' sizes and places")
RECENT_LIBRARIES = _declare("libraries/recent", list, [], "recently opened libraries (team URLs without password)")
LANGUAGE = _declare("ui/language", str, "", "interface language (empty: the system's)", ("", "zh_CN", "en"))
# files
IMPORT_FOLDER = _declare("paths/import", str, "", "where the import dialogs start")
SUMMARY_FOLDER = _declare("paths/summary", str, "", "where report summaries are saved")
EXPORT_FORMAT = _declare("export/format", str, "jsonl", "the export's format", ("jsonl", "csv", "xlsx"))
EXPORT_PATH = _declare("export/path", str, "", "the export's file")
EXPORT_STATES = _declare(
    "export/states",
    list,
    ["new", "in_review", "done", "flagged"],
    "the report states exported (all, as the command line)",
)
EXPORT_PROVENANCE = _declare("export/provenance", bool, False, "export the provenance columns too")
# team
TEAM_HOST = _declare("team/host", str, "localhost", "the team database's host")
TEAM_PORT = _declare("team/port", int, 5432, "the team database's port")
TEAM_DATABASE = _declare("team/database", str, "", "the team database's name")
TEAM_USER = _declare("team/user", str, "", "the user name on the team database")
AGREEMENT_CSV = _declare("team/agreement_csv", str, "agreement.csv", "where the agreement table is saved")


def read(settings: QSettings, setting: Setting) -> Any:
    """The stored value, or the default when there is none or it does not fit the declaration."""
    if not settings.contains(setting.key):
        return _copy(setting.default)
    raw = settings.value(setting.key)
    try:
        value = _convert(raw, setting.type)
    except (TypeError, ValueError):
        return _copy(setting.default)
    if setting.choices and value not in setting.choices:
        return _copy(setting.default)
    return value


def write(settings: QSettings, setting: Setting, value: Any) -> None:
    value = _convert(value, setting.type)
    if setting.choices and value not in setting.choices:
        raise ValueError(f"{setting.key}: {value!r} is not one of {setting.choices}")
    settings.setValue(setting.key, value)


def _copy(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value


def _convert(raw: Any, kind: type) -> Any:
    if kind is QByteArray:
        if not isinstance(raw, QByteArray):
            raise TypeError("not saved by Qt")
        return raw
    if kind is bool:
        if isinstance(raw, str):  # an ini file keeps "true"/"false"
            if raw.lower() not in ("true", "false", "1", "0"):
                raise ValueError(raw)
            return raw.lower() in ("true", "1")
        return bool(raw)
    if kind is int:
        return int(raw)
    if kind is list:
        if raw is None or raw == "":
            return []
        return [str(v) for v in raw] if isinstance(raw, (list, tuple)) else [str(raw)]
    return str(raw)
