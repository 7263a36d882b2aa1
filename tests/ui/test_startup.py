"""The window's start: what it loads before it is usable, and the benchmark's probe of
"usable" (desktop/ui/startup.py). The start is measured in fresh interpreters: this test
process has imported everything already."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.ui.startup import UsableProbe, why_not_usable

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support")

ROOT = Path(__file__).resolve().parents[2]
LARGEST = "003_f885b1ea36eeffc6.txt"  # the largest seed, as the benchmark opens

#: loaded when first used, never for the window's start
NOT_AT_START = (
    "desktop.ui.dataset_view",
    "desktop.store.insights",
    "desktop.ui.team_connect",
    "desktop.ui.team_assign",
    "desktop.ui.team_queue",
    "desktop.ui.team_agreement",
    "desktop.ui.adjudication",
    "desktop.ui.dialogs",
    "desktop.store.importer",
    "desktop.store.exporter",
    "desktop.core.extract",
    "desktop.core.normalise",
    "matplotlib",
    "opencc",
    "cn2an",
    "jieba",
    "pypinyin",
    "openpyxl",
    "alembic",
)

# Runs the command's window as `fazhi-review gui --exit-when-ready` does, records the modules
# loaded when the window became usable, then opens the dataset view (imported only now).
CHILD = r"""
import json, sys
from desktop.ui import startup

result = {}
made = startup.exit_when_usable

def exit_when_usable(app, window):
    probe = made(app, window)
    usable = probe.on_usable

    def on_usable(seconds):
        result["modules"] = sorted(sys.modules)
        result["title"] = window.windowTitle()
        result["text"] = window.text_view.toPlainText()[:20]
        view = window.insights.show_dataset()
        view.refresh()
        result["dataset_rows"] = view.model.rowCount()
        usable(seconds)

    probe.on_usable = on_usable
    return probe

startup.exit_when_usable = exit_when_usable
from desktop.launch import main
code = main(sys.argv[1:])
print("RESULT " + json.dumps(result, ensure_ascii=False))
sys.exit(code)
"""


def child_env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "FAZHI_LAUNCHED_AT": repr(time.time()),
    }


def gui_args(path: Path, report_id: int, tmp_path: Path) -> list[str]:
    return [
        "gui",
        "--db",
        str(path),
        "--report",
        str(report_id),
        "--settings",
        str(tmp_path / "settings.ini"),
        "--lang",
        "en",
        "--exit-when-ready",
    ]


def test_the_command_says_when_the_window_is_usable_then_idle(seeded_library, seed_ids, tmp_path):
    _store, path = seeded_library
    out = subprocess.run(
        [sys.executable, "-m", "desktop.launch", *gui_args(path, seed_ids[LARGEST], tmp_path)],
        env=child_env(tmp_path),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    ready = float(out.stdout.split("ready after ")[1].split()[0])
    idle = float(out.stdout.split("idle after ")[1].split()[0])
    assert 0 < ready <= idle


def test_the_window_starts_without_what_it_does_not_show_and_opens_it_later(seeded_library, seed_ids, tmp_path):
    _store, path = seeded_library
    out = subprocess.run(
        [sys.executable, "-c", CHILD, *gui_args(path, seed_ids[LARGEST], tmp_path)],
        env=child_env(tmp_path),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    result = json.loads(out.stdout.split("RESULT ", 1)[1])
    assert LARGEST in result["title"] and result["text"]  # usable means: the report is there
    modules = result["modules"]
    loaded = [m for m in NOT_AT_START if m in modules or any(n.startswith(m + ".") for n in modules)]
    assert loaded == []
    assert result["dataset_rows"] == 6  # the dataset view, imported on first use: 5 reports and coverage


def test_the_store_is_imported_before_qt():
    """PySide6 reads the source of every module imported after it: the window's store and
    SQLAlchemy come first (desktop/ui/app.py)."""
    code = (
        "import sys; import desktop.ui.app; "
        "print('\\n'.join(n for n in sys.modules if n.split('.')[0] in ('sqlalchemy', 'PySide6', 'desktop')))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    order = out.stdout.split()  # sys.modules keeps the order of import
    first_qt = next(n for n, name in enumerate(order) if name.startswith("PySide6"))
    late = [name for name in order[first_qt:] if name.startswith(("sqlalchemy", "desktop.store", "desktop.core"))]
    assert late == []


def test_the_probe_waits_for_the_report_text_to_be_painted(qtbot, seeded_library, seed_ids, settings):
    from desktop.ui.main_window import MainWindow

    store, _path = seeded_library
    window = MainWindow(store, settings, "张三")
    qtbot.addWidget(window)
    assert why_not_usable(window) == "not shown"
    usable: list[tuple[float, int | None, int]] = []
    idle: list[float] = []

    def on_usable(seconds: float) -> None:
        record = window.record
        usable.append((seconds, record.id if record else None, window.text_view.document().characterCount()))

    probe = UsableProbe(window, on_usable, idle.append)
    window.show()
    window.open_report(seed_ids[LARGEST])
    window.activateWindow()
    qtbot.waitUntil(lambda: bool(idle), timeout=10_000)
    seconds, report_id, characters = usable[0]
    assert report_id == seed_ids[LARGEST] and characters > 10_000 and 0 < seconds <= idle[0]
    assert probe.done and why_not_usable(window) == ""


def test_the_first_reports_checks_follow_its_first_paint(qtbot, seeded_library, seed_ids, settings):
    from desktop.core.checks import check_report
    from desktop.ui.main_window import MainWindow

    store, _path = seeded_library
    window = MainWindow(store, settings, "张三")
    qtbot.addWidget(window)
    assert window.open_report(seed_ids[LARGEST], check_after_paint=True)
    record = window.record
    assert window.problems == [] and window.startup_pending()
    assert window.text_view.toPlainText()  # the text and the items are there before the checks
    window.show()
    qtbot.waitUntil(lambda: not window.startup_pending(), timeout=10_000)
    expected = check_report(record.items, record.text)
    assert expected and window.problems == expected
    assert window.text_view._problems == window._messages_by_item()
    compare = MainWindow(store, settings, "张三")
    qtbot.addWidget(compare)
    compare.open_report(seed_ids[LARGEST])
    for key, panel in window.panels.items():
        assert panel.problems == compare.panels[key].problems, key
    assert window.report_problems.text() == compare.report_problems.text()
    window.open_report(seed_ids[LARGEST])  # once painted, the checks run at once
    assert window.problems == expected and not window.startup_pending()


def test_a_report_opened_before_the_deferred_checks_keeps_its_own(qtbot, seeded_library, seed_ids, settings):
    from desktop.core.checks import check_report
    from desktop.ui.main_window import MainWindow

    store, _path = seeded_library
    window = MainWindow(store, settings, "张三")
    qtbot.addWidget(window)
    window.open_report(seed_ids[LARGEST], check_after_paint=True)
    other = seed_ids["000_9b94de69fa88372b.txt"]
    window.open_report(other)
    window.finish_startup()
    assert window.record.id == other
    assert window.problems == check_report(window.record.items, window.record.text)
