"""The dataset view (table, charts, quality), learning phrases from reviewers' indicators,
the catalogue dialog and the report summary, on the seeds."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.core import indicators
from desktop.core.indicators import default_catalogue, read_user_catalogue
from desktop.store.reextract import reextract

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support")

JIANGMEN = "000_9b94de69fa88372b.txt"
SHANWEI = "001_a08c839c0d0a26f1.txt"
ZHONGKAI = "002_59c7d4ea9493623a.txt"
RUGAO = "003_f885b1ea36eeffc6.txt"


@pytest.fixture(autouse=True)
def user_catalogue(tmp_path, monkeypatch):
    path = tmp_path / "config" / "indicators.toml"
    monkeypatch.setenv(indicators.USER_CATALOGUE_ENV, str(path))
    yield path
    monkeypatch.undo()
    default_catalogue.cache_clear()


@pytest.fixture
def window(seeded_library, open_window):
    store, _path = seeded_library
    return open_window(store)


def metric(window, report_id: int, **match) -> dict:
    record = window.session.load_report(report_id)
    return next(i for i in record.items_of("metric") if all(i["data"].get(k) == v for k, v in match.items()))


def cell_text(view, row: int, key: str) -> str | None:
    model = view.model
    return model.data(model.index(row, model.keys.index(key) + len(model.FIXED)))


def test_the_table_holds_the_curated_values(window, seed_ids, qtbot):
    assert window.insights.dataset_action.shortcut().toString() == "Ctrl+Shift+D"
    window.insights.dataset_action.trigger()
    view = window.insights.view
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: not view.is_reading(), timeout=10_000)  # read in a worker thread
    model = view.model
    assert model.rowCount() == 6  # 5 reports and the coverage row
    regions = [model.data(model.index(r, 1)) for r in range(5)]
    assert regions == ["江门市", "汕尾市", "仲恺高新区", "如皋市", "厦门市"]
    assert cell_text(view, 0, "court_appearance_rate") == "98.22% (×2)"
    assert model.data(model.index(5, 0)) == "Coverage"
    assert cell_text(view, 5, "court_appearance_rate") == "4/5 (80%)"

    # a correction and a rejection show after the refresh that follows the edit
    jiangmen = seed_ids[JIANGMEN]
    first = metric(window, jiangmen, text="98.22%")
    window.session.update(first, {**first["data"], "value": 97.0})
    qtbot.waitUntil(lambda: cell_text(view, 0, "court_appearance_rate") == "97% (×2)", timeout=3000)
    for item in window.session.load_report(jiangmen).items_of("metric"):
        if item["data"].get("indicator") == "court_appearance_rate":
            window.session.reject(item)
    qtbot.waitUntil(lambda: cell_text(view, 0, "court_appearance_rate") is None, timeout=3000)
    assert cell_text(view, 5, "court_appearance_rate") == "3/5 (60%)"

    # the library's filter is the dataset's
    combo = window.library.province_combo
    combo.setCurrentIndex(combo.findData("江苏省"))
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=3000)
    assert model.data(model.index(0, 1)) == "如皋市"
    assert "江苏省" in view.filter_label.text()

    # sorting keeps the coverage row last
    view.table_view.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: model.rowCount() == 6, timeout=3000)
    proxy = view.proxy
    assert proxy.data(proxy.index(5, 0)) == "Coverage"
    assert [proxy.data(proxy.index(r, 3)) for r in range(5)] == ["2023", "2023", "2022", "2022", "2020"]


def test_charts_draw_and_export(window, tmp_path, qtbot):
    view = window.insights.show_dataset()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: not view.is_reading(), timeout=10_000)  # read in a worker thread
    charts = view.charts
    view.tabs.setCurrentWidget(charts)
    assert charts.set_indicator("court_appearance_rate")
    charts.set_kind("distribution")
    assert charts.drawn == 4  # four reports state it
    assert len(charts.figure.axes[0].patches) == 4
    charts.set_kind("trend")
    assert charts.drawn == 4 and charts.figure.axes[0].get_lines()
    charts.set_kind("coverage")
    assert not charts.indicator_combo.isEnabled()
    assert charts.drawn == 3 * len(view.table.stated())  # 3 provinces x the stated indicators
    png, svg = charts.export(tmp_path / "coverage.png"), charts.export(tmp_path / "coverage.svg")
    assert png.read_bytes().startswith(b"\x89PNG")
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text and "</svg>" in text
    charts.set_kind("distribution")
    charts.export(tmp_path / "distribution.svg")
    assert (tmp_path / "distribution.svg").stat().st_size > 1000
    # an indicator no report states: a message, nothing drawn
    charts.table.rows.clear()
    charts.redraw()
    assert charts.drawn == 0


def test_quality_tab_counts_the_decisions(window, seed_ids, qtbot):
    view = window.insights.show_dataset()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: not view.is_reading(), timeout=10_000)  # read in a worker thread
    record = window.session.load_report(seed_ids[JIANGMEN])
    metrics = record.items_of("metric")
    window.session.accept(metrics[0])
    window.session.reject(metrics[1])
    view.refresh()
    table = view.quality_tab.table
    rows = {(table.item(r, 0).text(), table.item(r, 1).text()): r for r in range(table.rowCount())}
    row = rows[("Item kind", "metrics")]
    assert [table.item(row, c).text() for c in range(2, 6)] == ["1", "0", "1", "0"]
    assert table.item(row, 7).text() == "50.0%"


def test_learning_proposes_a_phrase_and_reextraction_uses_it(window, seed_ids, user_catalogue, qtbot, seeded_library):
    store, _ = seeded_library
    shanwei, zhongkai = seed_ids[SHANWEI], seed_ids[ZHONGKAI]
    bar = window.learning.bar
    # a label the catalogue already maps: nothing to propose
    known = metric(window, shanwei, label="群众满意率")
    window.session.update(known, {**known["data"], "value": 99.9})
    assert bar.isHidden()

    window.open_report(shanwei)
    item = metric(window, shanwei, label="按时办结率")
    assert item["data"]["indicator"] is None
    window.session.update(item, {**item["data"], "indicator": "hotline_completion_rate"})
    assert bar.isVisible()
    assert bar.phrase_edit.text() == "按时办结率"
    assert "按时办结率" in bar.message.text()
    bar.phrase_edit.setText("办结率")  # the reviewer makes it general
    qtbot.mouseClick(bar.add_button, Qt.MouseButton.LeftButton)
    assert bar.isHidden()
    assert [(e.key, e.phrases) for e in read_user_catalogue(user_catalogue)] == [
        ("hotline_completion_rate", ["办结率"])
    ]
    assert "办结率" in window.saved_label.text()

    # another report: its untouched metric 办结率100% gets the indicator on re-extraction
    before = metric(window, zhongkai, label="办结率")
    assert before["data"]["indicator"] is None
    reextract(store, report_ids=[zhongkai], workers=1)
    assert metric(window, zhongkai, label="办结率")["data"]["indicator"] == "hotline_completion_rate"


def test_not_now_is_remembered(window, seed_ids):
    shanwei = seed_ids[SHANWEI]
    bar = window.learning.bar
    item = metric(window, shanwei, label="按时办结率")
    window.session.update(item, {**item["data"], "indicator": "hotline_completion_rate"})
    assert bar.isVisible()
    assert bar.phrase_edit.cursorPosition() == 0  # the phrase shows from its start
    window.open_report(seed_ids[ZHONGKAI])
    assert bar.isHidden()  # the proposal does not follow the reviewer to another report
    window.open_report(shanwei)
    window.session.update(
        metric(window, shanwei, label="按时办结率"),
        {**metric(window, shanwei, label="按时办结率")["data"], "indicator": None},
    )
    item = metric(window, shanwei, label="按时办结率")
    window.session.update(item, {**item["data"], "indicator": "hotline_completion_rate"})
    assert bar.isVisible()
    bar.later_button.click()
    assert bar.isHidden()
    item = metric(window, shanwei, label="按时办结率")
    window.session.update(item, {**item["data"], "indicator": None})
    item = metric(window, shanwei, label="按时办结率")
    window.session.update(item, {**item["data"], "indicator": "hotline_completion_rate"})
    assert bar.isHidden()


def test_catalogue_dialog_edits_the_user_file(window, user_catalogue, qtbot):
    from desktop.ui.learning import CatalogueDialog

    dialog = CatalogueDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0
    dialog.indicator_combo.setCurrentIndex(dialog.indicator_combo.findData("hotline_completion_rate"))
    dialog.phrase_edit.setText("办结率")
    dialog.add_row_from_inputs()
    dialog.indicator_combo.setCurrentIndex(dialog.indicator_combo.findData("court_appearance_rate"))
    dialog.phrase_edit.setText("出庭(")
    dialog.add_row_from_inputs()
    assert dialog.table.rowCount() == 1 and "Not a phrase" in dialog.problem.text()
    dialog.phrase_edit.setText("出庭比例")
    dialog.add_row_from_inputs()
    dialog.save()
    assert dialog.result() == CatalogueDialog.DialogCode.Accepted
    assert [(e.key, e.phrases) for e in read_user_catalogue(user_catalogue)] == [
        ("hotline_completion_rate", ["办结率"]),
        ("court_appearance_rate", ["出庭比例"]),
    ]
    assert "出庭比例" in [p.pattern.pattern for p in default_catalogue().by_key["court_appearance_rate"].phrases]

    again = CatalogueDialog(window)
    qtbot.addWidget(again)
    assert again.table.rowCount() == 2
    again.table.item(0, 1).setText("按时办结率")
    again.table.selectRow(1)
    again.remove_selected()
    again.save()
    assert [(e.key, e.phrases) for e in read_user_catalogue(user_catalogue)] == [
        ("hotline_completion_rate", ["按时办结率"])
    ]


def test_menus_and_summary(window, seed_ids, tmp_path):
    from desktop.ui.dataset_view import write_summary_file

    texts = [a.text() for a in window.menuBar().actions()]
    assert texts[-2:] == ["Re&port", "&Help"]
    assert window.insights.summary_action in window.insights.report_menu.actions()
    html = write_summary_file(window.store, seed_ids[RUGAO], tmp_path / "rugao.html", "zh")
    assert "如皋市人民政府2023年法治政府建设工作情况报告" in html.read_text(encoding="utf-8")
    pdf = write_summary_file(window.store, seed_ids[RUGAO], tmp_path / "rugao.pdf", "en")
    assert pdf.read_bytes().startswith(b"%PDF")
