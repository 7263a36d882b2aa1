"""The library view: the seeds listed, sorted by a header click, filtered, searched (with the
search's delay), a report opened by double-click or Enter, rows fetched 200 at a time."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from sqlalchemy import text

from desktop.store.ops import Operations
from desktop.ui.library_model import COLUMNS, LibraryModel
from desktop.ui.library_view import SEARCH_DELAY_MS, LibraryView

# the offscreen platform's note when a window is shown; not a problem of the view
pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support")

SEEDS = (
    "000_9b94de69fa88372b.txt",
    "001_a08c839c0d0a26f1.txt",
    "002_59c7d4ea9493623a.txt",
    "003_f885b1ea36eeffc6.txt",
    "004_41264ee4147a8939.txt",
)


def column(name: str) -> int:
    return COLUMNS.index(name)


def shown(view: LibraryView, name: str) -> list[str]:
    model = view.model
    return [model.data(model.index(row, column(name))) for row in range(model.rowCount())]


def files(view: LibraryView) -> list[str]:
    return [value.removeprefix("seeds/") for value in shown(view, "file_name")]


def make_view(qtbot, store) -> LibraryView:
    view = LibraryView(store)
    qtbot.addWidget(view)
    view.resize(1000, 500)
    view.show()
    return view


def test_the_view_lists_the_five_seeds(qtbot, seeded_library):
    store, _ = seeded_library
    view = make_view(qtbot, store)
    assert files(view) == list(SEEDS)
    assert shown(view, "issuer")[4] == "厦门市人民政府"
    assert shown(view, "state") == ["New"] * 5  # translated, not the stored "new"
    assert shown(view, "level")[3] == "County"
    assert view.count_label.text() == "5 of 5 reports"
    header = view.table.horizontalHeader()
    assert [view.model.headerData(i, Qt.Orientation.Horizontal) for i in range(header.count())] == [
        "File",
        "Title",
        "State",
        "Decided",
        "Pending",
        "Flags",
        "Issuer",
        "Region",
        "Year",
        "Level",
    ]


def test_rows_needing_attention_are_marked(qtbot, seeded_library, seed_ids):
    store, _ = seeded_library
    view = make_view(qtbot, store)
    model = view.model
    pending = model.index(0, column("pending"))
    assert int(model.data(pending)) > 0 and model.data(pending, Qt.ItemDataRole.FontRole).bold()
    assert model.data(model.index(0, column("flags")), Qt.ItemDataRole.DecorationRole) is not None
    assert model.data(model.index(0, column("title")), Qt.ItemDataRole.FontRole) is None
    # once every item is reviewed the count is no longer bold
    rid = seed_ids[SEEDS[0]]
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE items SET state = 'accepted' WHERE report_id = :r"), {"r": rid})
    view.refresh_report(rid)
    assert model.data(pending) == "0" and model.data(pending, Qt.ItemDataRole.FontRole) is None


def test_a_header_click_sorts_by_year(qtbot, seeded_library):
    store, _ = seeded_library
    view = make_view(qtbot, store)
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(column("year")) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert shown(view, "year") == ["2020", "2022", "2022", "2023", "2023"]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert shown(view, "year") == ["2023", "2023", "2022", "2022", "2020"]
    assert view.model.sort_key() == ("year", True)


def test_filtering_by_province(qtbot, seeded_library):
    store, _ = seeded_library
    view = make_view(qtbot, store)
    combo = view.province_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["All provinces", "广东省", "江苏省", "福建省"]
    combo.setCurrentIndex(combo.findData("江苏省"))
    assert files(view) == [SEEDS[3]]
    assert view.count_label.text() == "1 of 5 reports"
    combo.setCurrentIndex(combo.findData("广东省"))
    assert files(view) == list(SEEDS[:3])
    combo.setCurrentIndex(0)
    assert len(files(view)) == 5


def test_typing_a_search_narrows_the_rows_after_a_pause(qtbot, seeded_library):
    store, _ = seeded_library
    view = make_view(qtbot, store)
    for char in "汕尾":  # typed (an input method commits Chinese characters one by one)
        view.search_edit.insert(char)
    assert len(files(view)) == 5  # not on every keystroke
    assert view.search_timer.isActive() and view.search_timer.interval() == SEARCH_DELAY_MS
    qtbot.waitUntil(lambda: files(view) == [SEEDS[1]], timeout=2000)
    view.search_edit.clear()
    qtbot.waitUntil(lambda: len(files(view)) == 5, timeout=2000)


def test_double_click_and_enter_open_the_report(qtbot, seeded_library, seed_ids):
    store, _ = seeded_library
    view = make_view(qtbot, store)
    table = view.table
    rect = table.visualRect(view.model.index(2, column("title")))
    with qtbot.waitSignal(view.reportActivated, timeout=1000) as opened:
        # a real double-click: a click, then the second press that Qt reports as a double-click
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [seed_ids[SEEDS[2]]]
    assert view.current_report_id() == seed_ids[SEEDS[2]]
    with qtbot.waitSignal(view.currentReportChanged, timeout=1000) as changed:
        qtbot.keyClick(table, Qt.Key.Key_Down)
    assert changed.args == [seed_ids[SEEDS[3]]]
    with qtbot.waitSignal(view.reportActivated, timeout=1000) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened.args == [seed_ids[SEEDS[3]]]


def test_an_edit_updates_its_row_in_place(qtbot, seeded_library, seed_ids):
    store, _ = seeded_library
    view = make_view(qtbot, store)
    rid = seed_ids[SEEDS[1]]
    assert view.select_report(rid)
    resets = []
    view.model.modelReset.connect(lambda: resets.append(1))
    Operations(store, "alice").set_report_state(rid, "in_review", base_version=1)
    with qtbot.waitSignal(view.model.dataChanged, timeout=1000):
        view.refresh_report(rid)
    assert shown(view, "state")[1] == "In review" and not resets
    assert view.current_report_id() == rid


def test_rows_are_fetched_200_at_a_time(qtbot, seeded_library):
    store, _ = seeded_library
    with store.engine.begin() as conn:  # 445 more reports (the triggers fill their summary rows)
        conn.execute(
            text(
                "INSERT INTO reports (file_name, sha256, text, encoding, source_format, imported_at, state, flags, "
                "version) "
                "VALUES (:f, :s, :t, 'utf-8', 'txt', '2026-01-01 00:00:00.000000', 'new', '[]', 1)"
            ),
            [{"f": f"synthetic/{i:04d}.txt", "s": f"{i:064d}", "t": f"第{i}号合成报告"} for i in range(445)],
        )
    model = LibraryModel(store)
    assert model.rowCount() == 200 and model.canFetchMore() and model.matching_count() == 450
    model.fetchMore()
    assert model.rowCount() == 400
    model.fetchMore()
    assert model.rowCount() == 450 and not model.canFetchMore()
    assert model.row_of(model.report_id_at(449)) == 449
    view = make_view(qtbot, store)
    assert view.model.rowCount() <= 400  # the view fetches as it needs rows, not everything
    assert view.count_label.text() == "450 of 450 reports"
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.model.rowCount() == 450 or view.model.canFetchMore(), timeout=1000)
    last = view.model.report_id_at(view.model.rowCount() - 1)
    assert view.select_report(last)
