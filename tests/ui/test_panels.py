"""The panels beside the report text, driven as a reviewer drives them, on a real library
(the seeds imported into a temporary SQLite file). Every edit is checked in the store."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QInputMethodEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget

from desktop.core.checks import Problem, check_report
from desktop.store.db import open_store
from desktop.store.importer import import_paths
from desktop.store.ops import plan_part_assignment as plan_assignment
from desktop.store.ops import previous_same_level
from desktop.store.reports import ITEM_COLUMNS, ReportRecord, report_ids
from desktop.ui.panels import FieldsPanel, MetricsPanel, OutlinePanel, PartsPanel
from desktop.ui.panels.metrics import (
    COL_APPROX,
    COL_CONFIDENCE,
    COL_INDICATOR,
    COL_LABEL,
    COL_VALUE,
    metric_from_selection,
    resolve_indicator,
)
from desktop.ui.panels.outline import parse_heading
from desktop.ui.problems import problem_message, problems_by_item
from desktop.ui.session import ReviewSession

# The offscreen platform cannot raise windows, grab the keyboard for a popup or pass size
# hints on: it says so for every dialog and completer popup. Nothing else may warn.
pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support")

# A short report of our own, for figures the seeds do not have (52件, 98.5%).
EXTRA_REPORT = """\
测试县人民政府关于2022年度法治政府建设情况的报告

一、主要举措和成效
（一）加强行政复议工作。全年共受理行政复议案件52件，行政机关负责人出庭应诉率98.5%，依法化解行政争议。
（二）推进严格规范公正文明执法。全县共开展执法检查三百余次。
二、存在的不足
执法队伍专业化水平有待提高。
三、下一步工作安排
继续深入推进法治政府建设。
"""


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def panel_library_template(tmp_path_factory, seeds_dir: Path) -> Path:
    """The seeds and the extra report imported once; each test works on its own copy."""
    base = tmp_path_factory.mktemp("panels")
    sources = base / "reports"
    sources.mkdir()
    for path in sorted(seeds_dir.glob("*.txt")):
        shutil.copy(path, sources / path.name)
    (sources / "zz_extra.txt").write_text(EXTRA_REPORT, encoding="utf-8")
    store = open_store(base / "build.sqlite3")
    try:
        result = import_paths(store, [sources], workers=1)
        assert not result.failed
        store.backup(base / "template.sqlite3")
    finally:
        store.close()
    return base / "template.sqlite3"


@pytest.fixture()
def panel_store(tmp_path, panel_library_template):
    path = tmp_path / "lib.sqlite3"
    shutil.copy(panel_library_template, path)
    store = open_store(path)
    yield store
    store.close()


@pytest.fixture()
def session(qtbot, panel_store) -> ReviewSession:
    return ReviewSession(panel_store, "tester")


def _report_id(session: ReviewSession, prefix: str) -> int:
    for report_id in report_ids(session.store):
        record = session.load_report(report_id)
        if Path(record.file_name).name.startswith(prefix):
            return report_id
    raise AssertionError(f"no report {prefix}")


class Harness:
    """What the window does for the panels: the text's selection, and after every saved
    edit the record brought up to date, the checks run again and the panels told."""

    def __init__(self, qtbot, session: ReviewSession, report_id: int) -> None:
        self.session = session
        self.record: ReportRecord = session.load_report(report_id)
        self.selected: tuple[int, int, str] | None = None
        self.host = QWidget()
        qtbot.addWidget(self.host)
        self.panels = {
            "fields": FieldsPanel(session, self.selection, self.host),
            "outline": OutlinePanel(session, self.selection, self.host),
            "parts": PartsPanel(session, self.selection, self.host),
            "metrics": MetricsPanel(session, self.selection, self.host),
        }
        self.refusals: list[str] = []
        session.refused.connect(self.refusals.append)
        session.changed.connect(self.on_change)
        problems = check_report(self.record.items, self.record.text)
        for panel in self.panels.values():
            panel.set_report(self.record, problems)

    def selection(self):
        return self.selected

    def select_text(self, needle: str, occurrence: int = 0) -> tuple[int, int, str]:
        start = -1
        for _ in range(occurrence + 1):
            start = self.record.text.index(needle, start + 1)
        self.selected = (start, start + len(needle), needle)
        return self.selected

    def on_change(self, change) -> None:
        items = [item for item in self.record.items if item["id"] != change.item_id]
        if change.item is not None:
            items.append({name: change.item[name] for name in ITEM_COLUMNS})
        self.record.items = sorted(
            items, key=lambda i: (i["kind"], i["start"] if i["start"] is not None else -1, i["id"])
        )
        problems = check_report(self.record.items, self.record.text)
        for panel in self.panels.values():
            panel.apply_change(change, problems)

    def stored(self, item_id: int) -> dict | None:
        return self.session.load_report(self.record.id).item(item_id)

    def show(self, qtbot, name: str):
        panel = self.panels[name]
        for other in self.panels.values():
            other.setVisible(other is panel)
        self.host.resize(900, 600)
        panel.resize(900, 600)
        self.host.show()
        qtbot.waitExposed(self.host)
        self.host.activateWindow()
        qtbot.waitUntil(lambda: self.host.isActiveWindow())
        return panel


@pytest.fixture()
def window(qtbot, session) -> Harness:
    return Harness(qtbot, session, _report_id(session, "000_"))


@pytest.fixture()
def extra_window(qtbot, session) -> Harness:
    return Harness(qtbot, session, _report_id(session, "zz_extra"))


def type_chinese(widget, text: str) -> None:
    """Text as an input method commits it (QTest types ASCII only)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _editor_of(view, kind):
    editors = [w for w in view.findChildren(kind) if w.isVisible()]
    assert editors, "no editor open"
    return editors[-1]


# ---------------------------------------------------------------- problems


def test_problem_messages_are_plain_english_with_their_values(qtbot):
    assert problem_message(Problem("rate_over_100", 3, {"value": 104.5})) == "Rate over 100%: 104.5%"
    assert problem_message(Problem("low_confidence", 3, {"confidence": 0.55})) == "Low confidence: 55%"
    assert problem_message(Problem("unknown_province", 1, {"value": "火星省"}, "error")) == "Unknown province: 火星省"
    assert "广东省" in problem_message(Problem("unknown_province", 1, {"value": "广东", "suggestion": "广东省"}))
    assert problem_message(Problem("part_missing", None, {"part": "leader_duty"})) == "Part missing: Leaders' duty"
    assert (
        problem_message(Problem("subset_exceeds_total", 4, {"value": 702, "total": 600, "unit": "件"}))
        == "Part larger than its total: 702件 of 600件"
    )
    problems = [Problem("low_confidence", 1), Problem("part_missing", None), Problem("rate_over_100", 1)]
    grouped = problems_by_item(problems)
    assert [p.code for p in grouped[1]] == ["low_confidence", "rate_over_100"]
    assert [p.code for p in grouped[None]] == ["part_missing"]


# ---------------------------------------------------------------- metrics


def _metric(window: Harness, text: str) -> dict:
    return next(i for i in window.record.items_of("metric") if i["data"]["text"] == text)


def test_metric_value_corrected_in_place_is_stored(qtbot, window):
    panel: MetricsPanel = window.show(qtbot, "metrics")
    metric = _metric(window, "73个")
    assert panel.select_item(metric["id"])
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)  # F2 on the row: the value cell's editor
    editor = _editor_of(panel.view, QLineEdit)
    assert editor.text() == "73"
    editor.selectAll()
    qtbot.keyClicks(editor, "74")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits on its next turn

    qtbot.waitUntil(lambda: window.stored(metric["id"])["data"]["value"] == 74)
    stored = window.stored(metric["id"])
    assert stored["data"]["text"] == "73个" and stored["data"]["unit"] == "个"  # the rest of the data kept
    assert stored["state"] == "corrected"
    row = panel.proxy.mapFromSource(panel.model.index(panel.model.row_of(metric["id"]), COL_VALUE))
    assert row.data() == "74"
    window.session.undo_stack.undo()
    assert window.stored(metric["id"])["data"]["value"] == 73
    assert row.data() == "73"


def test_indicator_chosen_by_typing_part_of_its_chinese_name(qtbot, window):
    panel: MetricsPanel = window.show(qtbot, "metrics")
    metric = _metric(window, "73个")
    assert metric["data"]["indicator"] is None
    index = panel.proxy.mapFromSource(panel.model.index(panel.model.row_of(metric["id"]), COL_INDICATOR))
    panel.view.setCurrentIndex(index)
    panel.view.edit(index)
    combo = _editor_of(panel.view, QComboBox)
    combo.lineEdit().clear()
    type_chinese(combo.lineEdit(), "调解成功")
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)

    assert window.stored(metric["id"])["data"]["indicator"] == "mediation_success_rate"
    assert index.data() == "调解成功率"  # the name the reports use; the key is in the tooltip
    assert "mediation_success_rate" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_indicator_type_ahead_matches_key_chinese_and_english_names():
    assert resolve_indicator("court_appearance") == "court_appearance_rate"
    assert resolve_indicator("出庭应诉") == "court_appearance_rate"
    assert resolve_indicator("legal aid") == "legal_aid_cases"
    assert resolve_indicator("xzjgfzrctysl") == "court_appearance_rate"  # pinyin initials
    assert resolve_indicator("ctys") == "court_appearance_rate"
    assert resolve_indicator("") is None
    assert resolve_indicator("没有这种指标") is None


@pytest.mark.parametrize(("needle", "value", "unit"), [("52件", 52, "件"), ("98.5%", 98.5, "%")])
def test_add_metric_from_selection_reads_value_and_unit(qtbot, extra_window, needle, value, unit):
    panel: MetricsPanel = extra_window.panels["metrics"]
    before = {i["id"] for i in extra_window.record.items_of("metric")}
    start, end, _ = extra_window.select_text(needle)
    panel.add_action.trigger()

    added = [
        i for i in extra_window.session.load_report(extra_window.record.id).items_of("metric") if i["id"] not in before
    ]
    assert len(added) == 1
    metric = added[0]
    assert metric["data"]["value"] == value and metric["data"]["unit"] == unit
    assert metric["data"]["text"] == needle
    assert (metric["start"], metric["end"]) == (start, end)
    assert metric["state"] == "added" and metric["source"] == "reviewer"
    assert metric["id"] in panel.item_ids()
    assert panel.current_item_id() == metric["id"]


def test_add_metric_from_selection_reads_chinese_numerals(qtbot, window):
    panel: MetricsPanel = window.panels["metrics"]
    existing = _metric(window, "九千九百七十件")
    panel.remove(existing)  # the extractor's reading is rejected first: the reviewer redoes it
    assert window.stored(existing["id"])["state"] == "rejected"
    start, end, _ = window.select_text("达九千九百七十件,")  # a sloppy selection around the figure
    panel.add_action.trigger()
    added = [i for i in window.session.load_report(window.record.id).items_of("metric") if i["state"] == "added"]
    assert len(added) == 1
    data = added[0]["data"]
    assert (data["value"], data["unit"], data["text"]) == (9970, "件", "九千九百七十件")
    assert added[0]["start"] == start + 1 and added[0]["end"] == end - 1


def test_metric_from_selection_without_context():
    metric = metric_from_selection("共52件", 1, 4)
    assert (metric.value, metric.unit, metric.start, metric.end) == (52, "件", 1, 4)


def test_delete_rejects_a_metric_and_shows_it_struck_through(qtbot, window):
    panel: MetricsPanel = window.show(qtbot, "metrics")
    metric = _metric(window, "73个")
    panel.select_item(metric["id"])
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert window.stored(metric["id"])["state"] == "rejected"
    index = panel.proxy.mapFromSource(panel.model.index(panel.model.row_of(metric["id"]), 1))
    assert index.data(Qt.ItemDataRole.FontRole).strikeOut()
    assert index.data(Qt.ItemDataRole.DisplayRole) == "73个"
    assert "Rejected by a reviewer" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_sorting_by_confidence_puts_the_doubtful_first(qtbot, window):
    panel: MetricsPanel = window.panels["metrics"]
    text_order = panel.item_ids()
    assert text_order == [i["id"] for i in sorted(window.record.items_of("metric"), key=lambda i: i["start"])]
    panel.view.sortByColumn(COL_CONFIDENCE, Qt.SortOrder.AscendingOrder)
    confidences = [window.record.item(i)["confidence"] for i in panel.item_ids()]
    assert confidences == sorted(confidences)
    assert confidences[0] < confidences[-1]
    panel.sort_text_order()
    assert panel.item_ids() == text_order


def test_tooltips_give_the_state_and_the_problems(qtbot, window):
    panel: MetricsPanel = window.panels["metrics"]
    metric = _metric(window, "98.22%")
    assert panel.save_edit(metric, COL_VALUE, "104.5")
    row = panel.model.row_of(metric["id"])
    tooltip = panel.model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Corrected by a reviewer" in tooltip
    assert "Rate over 100%: 104.5%" in tooltip
    assert "⚠" in panel.model.index(row, 0).data()

    outline: OutlinePanel = window.panels["outline"]
    doubtful = next(i for i in window.record.items_of("section") if i["confidence"] < 0.8)
    tip = outline.nodes[doubtful["id"]].toolTip(0)
    assert "The extractor's value, not yet confirmed" in tip
    assert f"Low confidence: {round(doubtful['confidence'] * 100)}%" in tip


def test_selection_signal_only_for_the_reviewer(qtbot, window):
    panel: MetricsPanel = window.show(qtbot, "metrics")
    first, second = panel.item_ids()[:2]
    with qtbot.assertNotEmitted(panel.itemSelected):
        assert panel.select_item(first)
    assert not panel.select_item(10**9)
    with qtbot.waitSignal(panel.itemSelected) as selected:
        qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    assert selected.args == [second]


# ---------------------------------------------------------------- outline


def _section_with_previous_of_same_level(window: Harness) -> tuple[dict, dict]:
    outline: OutlinePanel = window.panels["outline"]
    for section in sorted(window.record.items_of("section"), key=lambda i: i["start"]):
        previous = previous_same_level(list(outline.items.values()), section)
        if previous is not None and section["data"]["level"] == 2:
            return section, previous
    raise AssertionError("no mergeable heading")


def test_outline_level_change_persists_and_undoes(qtbot, window):
    panel: OutlinePanel = window.show(qtbot, "outline")
    section, _ = _section_with_previous_of_same_level(window)
    assert panel.select_item(section["id"])
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)  # raise: level 2 -> 1
    assert window.stored(section["id"])["data"]["level"] == 1
    node = panel.nodes[section["id"]]
    assert node.parent() is None  # a top-level heading now
    assert panel.current_item_id() == section["id"]

    panel.level_down_action.trigger()
    panel.level_down_action.trigger()
    assert window.stored(section["id"])["data"]["level"] == 3
    window.session.undo_stack.undo()
    window.session.undo_stack.undo()
    window.session.undo_stack.undo()
    stored = window.stored(section["id"])
    assert stored["data"]["level"] == 2 and stored["state"] == "pending"
    assert panel.nodes[section["id"]].parent() is not None


def test_merge_with_previous_heading_is_one_undo_step(qtbot, window):
    panel: OutlinePanel = window.panels["outline"]
    section, previous = _section_with_previous_of_same_level(window)
    panel.select_item(section["id"])
    depth = window.session.undo_stack.count()
    panel.merge_action.trigger()

    assert window.stored(section["id"])["state"] == "rejected"
    merged = window.stored(previous["id"])
    assert merged["end"] == section["end"] and merged["start"] == previous["start"]
    assert merged["data"] == previous["data"]
    assert window.session.undo_stack.count() == depth + 1
    assert panel.nodes[section["id"]].font(2).strikeOut()

    window.session.undo_stack.undo()
    assert window.stored(section["id"])["state"] == "pending"
    assert window.stored(previous["id"])["end"] == previous["end"]
    assert not panel.nodes[section["id"]].font(2).strikeOut()


def test_add_heading_from_selection_parses_its_number(qtbot, extra_window):
    panel: OutlinePanel = extra_window.panels["outline"]
    sections = {i["data"].get("title"): i for i in extra_window.record.items_of("section")}
    existing = sections.get("推进严格规范公正文明执法")
    if existing is not None:  # the extractor found it: reject it, the reviewer adds it again
        panel.remove(existing)
    start, end, _ = extra_window.select_text("（二）推进严格规范公正文明执法。")
    panel.add_action.trigger()
    added = [
        i for i in extra_window.session.load_report(extra_window.record.id).items_of("section") if i["state"] == "added"
    ]
    assert len(added) == 1
    assert added[0]["data"] == {"level": 2, "number": "二", "title": "推进严格规范公正文明执法", "inferred": False}
    assert (added[0]["start"], added[0]["end"]) == (start, end)
    assert panel.current_item_id() == added[0]["id"]
    # a reviewer's heading is deleted, not rejected
    panel.delete_action.trigger()
    assert extra_window.stored(added[0]["id"]) is None
    assert added[0]["id"] not in panel.item_ids()
    extra_window.session.undo_stack.undo()  # and comes back with undo
    assert added[0]["id"] in panel.item_ids()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一、坚持党的领导。其他内容", ("一", 1, "坚持党的领导")),
        ("（三）加强监督，", ("三", 2, "加强监督")),
        ("1.改进立法流程", ("1", 3, "改进立法流程")),
        ("（2）完善制度", ("2", 4, "完善制度")),
        ("一是加强学习。", ("一是", 4, "加强学习")),
        ("加强学习", (None, None, "加强学习")),
    ],
)
def test_heading_numbers(text, expected):
    assert parse_heading(text) == expected


def test_title_edited_in_place(qtbot, window):
    panel: OutlinePanel = window.show(qtbot, "outline")
    section = window.record.items_of("section")[0]
    panel.edit_item(section["id"])
    editor = _editor_of(panel.tree, QLineEdit)
    editor.selectAll()
    type_chinese(editor, "新标题")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stored(section["id"])["data"]["title"] == "新标题")
    stored = window.stored(section["id"])
    assert stored["data"]["title"] == "新标题"
    assert stored["data"]["level"] == section["data"]["level"]
    assert panel.nodes[section["id"]].text(2) == "新标题"


# ---------------------------------------------------------------- parts


def _live_parts(window: Harness) -> list[dict]:
    parts = window.session.load_report(window.record.id).items_of("part")
    return sorted((p for p in parts if p["state"] != "rejected"), key=lambda p: p["start"])


def _assert_no_overlap(parts: list[dict]) -> None:
    for before, after in itertools.pairwise(parts):
        assert before["end"] <= after["start"], (before, after)


def test_assigning_a_selection_to_a_part_leaves_no_overlap(qtbot, window):
    panel: PartsPanel = window.show(qtbot, "parts")
    original = _live_parts(window)
    covered = sum(p["end"] - p["start"] for p in original)
    big = max(original, key=lambda p: p["end"] - p["start"])
    start, end = big["start"] + 100, big["start"] + 200  # inside one part: it is split in two
    window.selected = (start, end, window.record.text[start:end])
    depth = window.session.undo_stack.count()
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_3)  # 3: shortcomings

    parts = _live_parts(window)
    _assert_no_overlap(parts)
    assert sum(p["end"] - p["start"] for p in parts) == covered
    new = next(p for p in parts if (p["start"], p["end"]) == (start, end))
    assert new["data"] == {"part": "shortcomings"}
    assert window.session.undo_stack.count() == depth + 1
    assert [window.record.item(i)["start"] for i in panel.item_ids()] == sorted(
        window.record.item(i)["start"] for i in panel.item_ids()
    )

    # across a boundary: the part before is trimmed, the one after starts later
    first, second = parts[0], parts[1]
    start, end = first["end"] - 10, second["start"] + 10
    window.selected = (start, end, window.record.text[start:end])
    panel.assign_selection("other")
    parts = _live_parts(window)
    _assert_no_overlap(parts)
    assert sum(p["end"] - p["start"] for p in parts) == covered

    window.session.undo_stack.undo()
    window.session.undo_stack.undo()
    restored = _live_parts(window)
    assert [(p["id"], p["start"], p["end"]) for p in restored] == [(p["id"], p["start"], p["end"]) for p in original]
    assert len(panel.item_ids()) == len(original)


def test_assigning_a_whole_part_replaces_it():
    parts = [
        {"id": 1, "start": 0, "end": 10, "data": {"part": "achievements"}},
        {"id": 2, "start": 10, "end": 20, "data": {"part": "achievements"}},
        {"id": 3, "start": 20, "end": 30, "data": {"part": "next_year"}},
    ]
    updates, removals, additions = plan_assignment(parts, 5, 25)
    assert [(p["id"], s, e) for p, s, e in updates] == [(1, 0, 5), (3, 25, 30)]
    assert [p["id"] for p in removals] == [2]
    assert additions == []
    updates, removals, additions = plan_assignment(parts, 12, 15)
    assert [(p["id"], s, e) for p, s, e in updates] == [(2, 10, 12)]
    assert additions == [("achievements", 15, 20)]


def test_a_refused_part_assignment_saves_nothing_and_says_why(qtbot, window):
    from desktop.store.ops import Operations

    panel: PartsPanel = window.show(qtbot, "parts")
    original = _live_parts(window)
    first, second = original[0], original[1]
    # another reviewer changes the second part after this panel showed it
    Operations(window.session.store, "李四").update_item(
        second["id"], {**second["data"]}, base_version=second["version"]
    )
    depth = window.session.undo_stack.count()
    start, end = first["end"] - 10, second["start"] + 10  # trims the first, then the second: refused
    window.selected = (start, end, window.record.text[start:end])
    panel.assign_selection("other")
    assert window.refusals and "李四" in window.refusals[-1]
    stored = [p for p in window.session.load_report(window.record.id).items_of("part") if p["state"] != "rejected"]
    assert [(p["id"], p["start"], p["end"]) for p in stored] == [(p["id"], p["start"], p["end"]) for p in original]
    assert window.session.undo_stack.count() == depth


def test_split_part_at_the_caret_is_one_undo_step(qtbot, window):
    panel: PartsPanel = window.show(qtbot, "parts")
    original = _live_parts(window)
    big = max(original, key=lambda p: p["end"] - p["start"])
    at = big["start"] + 50
    panel._caret = lambda: at
    depth = window.session.undo_stack.count()
    panel.split_action.trigger()

    parts = _live_parts(window)
    _assert_no_overlap(parts)
    spans = [(p["start"], p["end"]) for p in parts if p["data"] == big["data"]]
    assert (big["start"], at) in spans and (at, big["end"]) in spans
    assert window.session.undo_stack.count() == depth + 1
    window.session.undo_stack.undo()
    assert [(p["id"], p["start"], p["end"]) for p in _live_parts(window)] == [
        (p["id"], p["start"], p["end"]) for p in original
    ]


def test_part_chooser_lists_the_five_parts(qtbot, window):
    panel: PartsPanel = window.panels["parts"]
    assert [a.shortcut().toString() for a in panel.part_menu.actions()] == ["1", "2", "3", "4", "5"]
    window.selected = None
    panel.assign_selection("other")
    assert window.refusals  # nothing selected: told why, nothing saved


# ---------------------------------------------------------------- fields


def test_field_editor_shows_an_unknown_province_before_saving(qtbot, window):
    panel: FieldsPanel = window.show(qtbot, "fields")
    province = next(i for i in window.record.items_of("field") if i["key"] == "province")
    panel.edit_item(province["id"])
    editor = panel.editor
    assert editor is not None and isinstance(editor.widget, QComboBox)
    assert editor.widget.findText("广东省") >= 0
    editor.widget.lineEdit().clear()
    type_chinese(editor.widget.lineEdit(), "火星省")
    assert "Unknown province: 火星省" in editor.problems_label.text()

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)  # first click: asks to confirm
    assert window.stored(province["id"])["data"]["value"] == "广东省"
    assert editor.save_button.text() == "Save anyway"
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)  # confirmed: saved
    stored = window.stored(province["id"])
    assert stored["data"]["value"] == "火星省" and stored["state"] == "corrected"
    row = panel.rows["province"]
    assert "Unknown province: 火星省" in row.text(3)
    assert "Unknown province: 火星省" in row.toolTip(2)


def test_field_editors_fit_their_fields(qtbot, window):
    panel: FieldsPanel = window.show(qtbot, "fields")
    fields = {i["key"]: i for i in window.record.items_of("field")}
    panel.edit_item(fields["publish_date"]["id"])
    editor = panel.editor
    qtbot.keyClicks(editor.widget, "2023-13-45")
    assert "Not a date" in editor.problems_label.text()
    editor.widget.setText("2023-03-01")
    assert editor.problems_label.text() == ""
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)  # a valid value: one click
    assert window.stored(fields["publish_date"]["id"])["data"]["value"] == "2023-03-01"

    panel.edit_item(fields["report_year"]["id"])
    assert panel.editor.widget.value() == 2022
    panel.editor.widget.setValue(2021)
    panel.editor.save()
    assert window.stored(fields["report_year"]["id"])["data"]["value"] == 2021

    panel.edit_item(fields["level"]["id"])
    combo = panel.editor.widget
    assert combo.currentData() == "prefecture"
    combo.setCurrentIndex(combo.findData("county"))
    panel.editor.save()
    assert window.stored(fields["level"]["id"])["data"]["value"] == "county"

    panel.edit_item(fields["region"]["id"])
    completer = panel.editor.widget.completer()
    completer.setCompletionPrefix("江门")
    assert completer.completionCount() >= 1
    panel.editor.reject()
    assert panel.item_ids() == [
        fields[key]["id"]
        for key in (
            "title",
            "issuer",
            "region",
            "province",
            "level",
            "report_year",
            "doc_number",
            "publish_date",
            "script",
        )
    ]


# ---------------------------------------------------------------- common


def test_approx_and_label_corrected_in_place(qtbot, window):
    panel: MetricsPanel = window.panels["metrics"]
    metric = _metric(window, "73个")
    row = panel.model.row_of(metric["id"])
    approx = panel.proxy.mapFromSource(panel.model.index(row, COL_APPROX))
    assert approx.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert panel.proxy.setData(approx, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)  # as the delegate
    assert window.stored(metric["id"])["data"]["approx"] is True
    assert approx.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    label = panel.proxy.mapFromSource(panel.model.index(row, COL_LABEL))
    assert panel.proxy.setData(label, " 乡镇街道 ")
    stored = window.stored(metric["id"])
    assert stored["data"]["label"] == "乡镇街道" and stored["data"]["approx"] is True
    assert not panel.proxy.setData(panel.proxy.mapFromSource(panel.model.index(row, COL_VALUE)), "abc")
    assert window.refusals == ["Not a number: abc"]


def test_a_stale_row_is_refused_and_the_panel_keeps_the_stored_value(qtbot, window):
    """Another reviewer changed the metric first: the session refuses, nothing is saved."""
    panel: MetricsPanel = window.panels["metrics"]
    metric = _metric(window, "73个")
    other = ReviewSession(window.session.store, "someone else")
    other.update(metric, {**metric["data"], "value": 70})
    assert not panel.save_edit(metric, COL_VALUE, "74")
    assert window.refusals and window.stored(metric["id"])["data"]["value"] == 70


def test_missing_parts_are_shown_above_the_parts(qtbot, window):
    panel: PartsPanel = window.show(qtbot, "parts")
    missing = [p for p in check_report(window.record.items, window.record.text) if p.code == "part_missing"]
    assert panel.missing_label.isVisible() == bool(missing)
    leader = next(p for p in _live_parts(window) if p["data"]["part"] == "leader_duty")
    panel.select_item(leader["id"])
    panel.reject_action.trigger()
    assert "Part missing: Leaders' duty" in panel.missing_label.text()
    assert panel.missing_label.isVisible()
    window.session.undo_stack.undo()
    assert "Leaders' duty" not in panel.missing_label.text()


def test_panels_show_nothing_without_a_report(qtbot, window):
    for panel in window.panels.values():
        panel.set_report(None, [])
        assert panel.item_ids() == []
        assert not panel.select_item(window.record.items[0]["id"])
    assert window.panels["fields"].tree.topLevelItemCount() == 9  # the fields stay listed, empty


def test_the_windows_own_shortcuts_win_over_the_panels(qtbot, window):
    """A window that edits with F2 and rejects with Delete itself: the panel leaves those keys
    to it (two actions on one key would block each other as ambiguous)."""
    edits = []
    window_f2 = QAction("Edit", window.host)
    window_f2.setShortcut(QKeySequence("F2"))
    window_f2.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    window_f2.triggered.connect(lambda: edits.append("window"))
    window.host.addAction(window_f2)
    panel: OutlinePanel = window.show(qtbot, "outline")
    assert panel.edit_title_action.shortcut().isEmpty()
    assert panel.delete_action.shortcut().toString() == "Del"  # the window leaves Delete to the panel
    panel.select_item(window.record.items_of("section")[0]["id"])
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_F2)
    assert edits == ["window"]
    assert panel.level_up_action in panel.actions_for_menu()
