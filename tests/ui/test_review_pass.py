"""A whole report reviewed in the metrics pass from the keyboard only: accept, skip, approx,
an indicator typed in Chinese and by pinyin initials, a span's end moved, undo that shows
its item, Tab from one cell editor to the next."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit
from test_panels import type_chinese

from desktop.store.ops import describe_value
from desktop.store.reports import load_report
from desktop.ui.panels.metrics import COL_INDICATOR, COL_LABEL, COL_VALUE

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support")

SEED = "004_41264ee4147a8939.txt"
ALT, SHIFT, CTRL = (
    Qt.KeyboardModifier.AltModifier,
    Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.ControlModifier,
)


@pytest.fixture
def window(open_window, seeded_library):
    return open_window(seeded_library[0])


def key(qtbot, window, k, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget() or window, k, modifier)


def stored(window, item_id):
    return load_report(window.store, window.record.id).item(item_id)


def pending_by_kind(window) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in load_report(window.store, window.record.id).items:
        if item["state"] == "pending":
            counts[item["kind"]] = counts.get(item["kind"], 0) + 1
    return counts


def focused_editor(qtbot, kind):
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    editor = QApplication.focusWidget()
    while editor is not None and not isinstance(editor, kind):
        editor = editor.parentWidget() if kind is not QLineEdit else None
    return editor or QApplication.focusWidget()


def test_a_whole_seed_in_the_metrics_pass_from_the_keyboard(qtbot, window, seed_ids):
    window.open_report(seed_ids[SEED])
    window.text_view.setFocus()
    others_before = {k: v for k, v in pending_by_kind(window).items() if k != "metric"}
    metrics = window.panels["metrics"]

    key(qtbot, window, Qt.Key.Key_4, ALT)  # Review › Pass › Metrics
    assert window.review_pass() == "metrics"
    assert window._current()["kind"] == "metric"
    total = len(window.record.items_of("metric"))
    assert window.progress_label.text() == f"Decided 0 / {total} · Metrics"

    # accept the first: one key, the next metric comes up
    first = window._current()
    key(qtbot, window, Qt.Key.Key_A)
    assert stored(window, first["id"])["state"] == "accepted"
    assert window._current()["kind"] == "metric" and window._current()["id"] != first["id"]

    # skip: decide later, it stays pending
    skipped = window._current()
    key(qtbot, window, Qt.Key.Key_S)
    assert stored(window, skipped["id"])["state"] == "pending"
    assert window._current()["id"] != skipped["id"]

    # approx: X ticks the box of the current metric
    approx = window._current()
    was = bool(approx["data"].get("approx"))
    key(qtbot, window, Qt.Key.Key_X)
    assert bool(stored(window, approx["id"])["data"].get("approx")) is not was
    key(qtbot, window, Qt.Key.Key_Tab)

    # the indicator typed in Chinese: F2 opens the value, Shift+Tab goes to the indicator cell
    typed = window._current()
    key(qtbot, window, Qt.Key.Key_4, CTRL)  # the metrics table
    assert QApplication.focusWidget() is metrics.view
    key(qtbot, window, Qt.Key.Key_F2)
    assert metrics.view.currentIndex().column() == COL_VALUE
    focused_editor(qtbot, QLineEdit)
    key(qtbot, window, Qt.Key.Key_Backtab, SHIFT)  # back one column: the indicator's editor
    qtbot.waitUntil(lambda: metrics.view.currentIndex().column() == COL_INDICATOR)
    combo = [w for w in metrics.view.findChildren(QComboBox) if w.isVisible()][-1]
    assert combo.lineEdit().text() == "" or combo.lineEdit().hasSelectedText()
    type_chinese(combo.lineEdit(), "出庭应诉")  # as an input method commits it: replaces the selected text
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(window, typed["id"])["data"]["indicator"] == "court_appearance_rate")
    assert window._current()["id"] == typed["id"]

    # the indicator by pinyin initials: the first key typed in the cell opens the chooser
    key(qtbot, window, Qt.Key.Key_Tab)  # next metric
    initials = window._current()
    key(qtbot, window, Qt.Key.Key_4, CTRL)
    assert metrics.view.currentIndex().column() == COL_VALUE
    assert metrics.current_item_id() == initials["id"]
    key(qtbot, window, Qt.Key.Key_Left)  # value -> indicator
    assert metrics.view.currentIndex().column() == COL_INDICATOR
    key(qtbot, window, Qt.Key.Key_C)
    combo = [w for w in metrics.view.findChildren(QComboBox) if w.isVisible()][-1]
    assert combo.lineEdit().text() == "c"  # not "(none)c"
    qtbot.keyClicks(combo.lineEdit(), "tys")  # "ctys": 出庭应诉's initials
    qtbot.waitUntil(lambda: combo.completer().popup().isVisible())
    assert "court_appearance_rate" in combo.completer().currentCompletion()
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(window, initials["id"])["data"]["indicator"] == "court_appearance_rate")

    # a span's end one character earlier, then back: the value is read again each time
    key(qtbot, window, Qt.Key.Key_Tab)
    moved = window._current()
    start, end = moved["start"], moved["end"]
    key(qtbot, window, Qt.Key.Key_Left, ALT | SHIFT)
    after = stored(window, moved["id"])
    assert (after["start"], after["end"]) == (start, end - 1)
    assert after["data"]["text"] == window.record.text[start : end - 1] and after["state"] == "corrected"
    key(qtbot, window, Qt.Key.Key_Right, ALT | SHIFT)
    again = stored(window, moved["id"])
    assert (again["end"], again["data"]["value"]) == (end, moved["data"]["value"])

    # undo shows the item it changed (the window had moved on) and names it
    key(qtbot, window, Qt.Key.Key_Tab)
    decided = window._current()
    key(qtbot, window, Qt.Key.Key_A)
    assert window._current()["id"] != decided["id"]
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert window._current()["id"] == decided["id"]
    assert stored(window, decided["id"])["state"] == "pending"
    assert window.saved_label.text() == f"Undone: Accept {describe_value(decided['data'])}"

    # the rest: A until nothing is left; the skipped one comes back at the end
    seen_skipped = False
    for _ in range(3 * total):
        current = window._current()
        if current is None:
            break
        assert current["kind"] == "metric"  # the pass never leaves the metrics
        seen_skipped |= current["id"] == skipped["id"]
        key(qtbot, window, Qt.Key.Key_A)
    assert seen_skipped
    assert pending_by_kind(window).get("metric", 0) == 0
    assert {k: v for k, v in pending_by_kind(window).items() if k != "metric"} == others_before
    assert window.progress_label.text() == f"Decided {total} / {total} · Metrics"


def _first_pending_metric(window):
    return next(i for i in window.record.items_of("metric") if i["state"] == "pending")


def test_space_on_the_approx_cell_ticks_the_box_instead_of_accepting(qtbot, window, seed_ids):
    from desktop.ui.panels.metrics import COL_APPROX

    window.open_report(seed_ids[SEED])
    metric = _first_pending_metric(window)
    metrics = window.panels["metrics"]
    window.set_current_item(metric["id"])
    metrics.view.setFocus()
    metrics.view.setCurrentIndex(metrics._proxy_index(metric["id"], COL_APPROX))
    key(qtbot, window, Qt.Key.Key_Space)
    now = stored(window, metric["id"])
    assert bool(now["data"].get("approx")) is not bool(metric["data"].get("approx"))
    assert now["state"] == "corrected"  # a correction, not an acceptance


def test_accepting_an_accepted_item_writes_no_history(qtbot, window, seed_ids):
    window.open_report(seed_ids[SEED])
    metric = _first_pending_metric(window)
    window.set_current_item(metric["id"])
    window.text_view.setFocus()
    key(qtbot, window, Qt.Key.Key_A)
    edits = len(window.session.ops.history(window.record.id))
    window.set_current_item(metric["id"])
    key(qtbot, window, Qt.Key.Key_A)
    assert len(window.session.ops.history(window.record.id)) == edits
    assert window._current()["id"] != metric["id"]  # moved on all the same


def test_an_added_metric_is_selected_with_its_label_editor_open(qtbot, window, seed_ids):
    window.open_report(seed_ids[SEED])
    # the extractor found every number of the seeds: the reviewer adds one a second time
    existing = window.record.items_of("metric")[0]
    window.text_view.select_text(existing["start"], existing["end"])
    window.text_view.setFocus()
    key(qtbot, window, Qt.Key.Key_M, CTRL | SHIFT)
    added = window._current()
    assert added is not None and added["id"] != existing["id"] and added["state"] == "added"
    metrics = window.panels["metrics"]
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    assert metrics.view.currentIndex().column() == COL_LABEL
    type_chinese(QApplication.focusWidget(), "新增案件")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(window, added["id"])["data"]["label"] == "新增案件")


def test_a_click_in_the_text_leaves_the_caret_where_it_was_clicked(qtbot, window, seed_ids):
    window.open_report(seed_ids[SEED])
    part = next(i for i in window.record.items_of("part") if i["end"] - i["start"] > 200)
    view = window.text_view
    view.select_text(part["start"] + 100, part["start"] + 100)
    point = view.cursorRect().center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert abs(view.caret_offset() - (part["start"] + 100)) <= 1  # not moved to the part's start


def test_the_library_shows_decided_of_total(qtbot, window, seed_ids):
    from desktop.ui.library_model import COLUMNS

    window.open_report(seed_ids[SEED])
    model = window.library.model
    row = next(r for r in range(model.rowCount()) if SEED in model.data(model.index(r, 0)))
    total = len(window.record.items)
    assert model.data(model.index(row, COLUMNS.index("decided"))) == f"0 / {total}"
    window.set_current_item(_first_pending_metric(window)["id"])
    window.text_view.setFocus()
    key(qtbot, window, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: model.data(model.index(row, COLUMNS.index("decided"))).startswith("1 / "))


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_the_columns_a_decision_needs_are_in_view_without_scrolling(qtbot, open_window, seeded_library, seed_ids, size):
    from desktop.ui.library_model import COLUMNS
    from desktop.ui.panels.metrics import COL_UNIT

    window = open_window(seeded_library[0])
    window.resize(*size)
    window._default_dock_sizes()
    window.open_report(seed_ids["003_f885b1ea36eeffc6.txt"])
    window.show_panel("metrics")
    metrics = window.panels["metrics"]
    qtbot.waitUntil(lambda: metrics.view.viewport().width() > 0)
    metrics.fit_columns()
    view, header = metrics.view, metrics.view.horizontalHeader()
    for column in (COL_LABEL, COL_INDICATOR, COL_VALUE, COL_UNIT):
        assert not view.isColumnHidden(column)
        left = header.sectionViewportPosition(column)
        assert left >= 0 and left + header.sectionSize(column) <= view.viewport().width(), column
    assert header.sectionSize(COL_LABEL) >= 80 and header.sectionSize(COL_INDICATOR) >= 80
    library = window.library.table
    right = library.horizontalHeader()
    for key in ("state", "decided", "pending", "flags"):
        column = COLUMNS.index(key)
        assert right.sectionViewportPosition(column) + right.sectionSize(column) <= library.viewport().width(), key


def test_the_metrics_columns_are_measured_only_in_sight(qtbot, open_window, seeded_library, seed_ids):
    """Measuring the short columns reads every row: a metrics tab out of sight does not, and
    does it when it is shown."""
    from PySide6.QtWidgets import QHeaderView

    from desktop.ui.panels.metrics import CONTENT_COLUMNS

    window = open_window(seeded_library[0])
    window.show_panel("fields")
    window.open_report(seed_ids["003_f885b1ea36eeffc6.txt"])
    metrics = window.panels["metrics"]
    header = metrics.view.horizontalHeader()
    assert not metrics.isVisible()
    assert {header.sectionResizeMode(c) for c in CONTENT_COLUMNS} == {QHeaderView.ResizeMode.Interactive}
    window.show_panel("metrics")
    qtbot.waitUntil(metrics.isVisible)
    assert {header.sectionResizeMode(c) for c in CONTENT_COLUMNS} == {QHeaderView.ResizeMode.ResizeToContents}
    qtbot.waitUntil(lambda: header.sectionSize(COL_VALUE) >= metrics.view.sizeHintForColumn(COL_VALUE))
    assert not metrics.view.isColumnHidden(COL_LABEL) and header.sectionSize(COL_INDICATOR) >= 80


def test_the_review_pass_is_remembered(qtbot, open_window, seeded_library, seed_ids):
    first = open_window(seeded_library[0])
    first.set_review_pass("headings")
    first.close()
    again = open_window(seeded_library[0])
    again.open_report(seed_ids[SEED])
    assert again.review_pass() == "headings" and again._current()["kind"] == "section"


def test_tab_in_the_indicator_chooser_saves_it_and_opens_the_next_cell(qtbot, window, seed_ids):
    window.open_report(seed_ids[SEED])
    metrics = window.panels["metrics"]
    key(qtbot, window, Qt.Key.Key_4, ALT)
    item = window._current()
    key(qtbot, window, Qt.Key.Key_4, CTRL)
    key(qtbot, window, Qt.Key.Key_Left)  # value -> indicator
    key(qtbot, window, Qt.Key.Key_C)
    combo = [w for w in metrics.view.findChildren(QComboBox) if w.isVisible()][-1]
    qtbot.keyClicks(combo.lineEdit(), "tys")
    qtbot.waitUntil(lambda: combo.completer().popup().isVisible())
    key(qtbot, window, Qt.Key.Key_Tab)  # with the list of completions open
    qtbot.waitUntil(lambda: stored(window, item["id"])["data"]["indicator"] == "court_appearance_rate")
    qtbot.waitUntil(lambda: metrics.view.currentIndex().column() == COL_VALUE)
    assert window._current()["id"] == item["id"]  # still this metric: Tab went to the next cell
