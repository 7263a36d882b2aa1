"""Settings are declared once (key, type, default) and read and written through that
declaration only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop.ui import settings as S

UI = Path(__file__).resolve().parents[2] / "desktop" / "ui"


@pytest.fixture
def store(tmp_path):
    return QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)


def test_a_missing_or_unfitting_value_reads_as_the_default(store):
    assert S.read(store, S.REVIEW_PASS) == "all"
    S.write(store, S.REVIEW_PASS, "metrics")
    assert S.read(store, S.REVIEW_PASS) == "metrics"
    store.setValue(S.REVIEW_PASS.key, "everything")  # an old or hand-edited file
    assert S.read(store, S.REVIEW_PASS) == "all"
    with pytest.raises(ValueError):
        S.write(store, S.REVIEW_PASS, "everything")
    store.setValue(S.TEAM_PORT.key, "not a port")
    assert S.read(store, S.TEAM_PORT) == 5432
    S.write(store, S.LOWEST_FIRST, True)
    store.sync()
    again = QSettings(store.fileName(), QSettings.Format.IniFormat)
    assert S.read(again, S.LOWEST_FIRST) is True and S.read(again, S.RECENT_LIBRARIES) == []


def test_no_module_of_the_window_reads_or_writes_a_raw_key():
    raw = re.compile(r"settings\.(value|setValue)\(")
    offenders = [
        f"{path.name}:{n}"
        for path in sorted(UI.rglob("*.py"))
        if path.name != "settings.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if raw.search(line)
    ]
    assert offenders == []
    assert len(S.DECLARED) == len({s.key for s in S.DECLARED.values()})
