"""The text as read, with highlights a reviewer can click, in both scripts."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.store.reports import ReportRecord
from desktop.ui.report_view import ReportTextView

TEXT = "一、总体情况\n全年办理复议案件52件，𠀀调解成功率98.5%。\n二、存在的不足\n\n"


def _record(text: str = TEXT, flags=None) -> ReportRecord:
    def item(id_, kind, start, end, data, state="pending"):
        return {
            "id": id_,
            "report_id": 1,
            "kind": kind,
            "key": None,
            "start": start,
            "end": end,
            "data": data,
            "extracted": data,
            "source": "extractor",
            "state": state,
            "confidence": 0.9,
            "version": 1,
        }

    cases = text.index("52件")
    heading_end = text.find("\n", text.index("\n") + 1) % (len(text) + 1)
    rate = text.index("98.5%")
    return ReportRecord(
        id=1,
        file_name="r.txt",
        text=text,
        encoding="utf-8",
        source_format="txt",
        state="new",
        version=1,
        flags=flags or [],
        items=[
            item(1, "section", 0, heading_end, {"level": 1, "number": "一", "title": "总体情况"}),
            item(2, "metric", cases, cases + 3, {"text": "52件", "value": 52, "unit": "件"}),
            item(3, "metric", rate, rate + 5, {"text": "98.5%", "value": 98.5, "unit": "%"}, "rejected"),
            item(4, "part", 0, len(text), {"part": "achievements"}),
        ],
    )


def _view(qtbot, record=None) -> ReportTextView:
    view = ReportTextView()
    qtbot.addWidget(view)
    view.resize(700, 400)
    view.set_record(record or _record())
    view.show()
    qtbot.waitExposed(view)
    return view


def test_selecting_an_item_highlights_exactly_its_characters_after_an_astral_character(qtbot):
    view = _view(qtbot)
    assert view.select_item(3)
    selections = view.extraSelections()
    selected = selections[-1].cursor.selectedText()
    assert selected == "98.5%"  # Qt positions shifted by the 𠀀 before it


def test_clicking_a_metric_selects_it(qtbot):
    view = _view(qtbot)
    position = view.position_of(2) + 1
    cursor = view.textCursor()
    cursor.setPosition(position)
    point = view.cursorRect(cursor).center()
    with qtbot.waitSignal(view.itemClicked) as clicked:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert clicked.args == [2]


def test_the_heading_line_not_the_whole_section_is_highlighted(qtbot):
    view = _view(qtbot)
    headings = [s for s in view._spans if s.kind == "section"]
    assert [view.shown_text()[s.start : s.end] for s in headings] == ["一、总体情况"]


def test_simplified_text_keeps_the_highlights_on_the_same_words(qtbot):
    traditional = "一、總體情況\n全年辦理復議案件52件，調解成功率98.5%。\n"
    view = _view(qtbot, _record(traditional))
    view.set_simplified(True)
    assert "总体情况" in view.shown_text()
    assert view.select_item(2)
    selections = view.extraSelections()
    assert selections[-1].cursor.selectedText() == "52件"
    # a selection made in the simplified text comes back in offsets of the text as read
    start = view.shown_text().index("调解")
    cursor = view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + 2, cursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    s, e, text = view.selected_span()
    assert traditional[s:e] == "調解" == text


def test_hover_names_the_item_its_state_and_its_problems(qtbot):
    view = _view(qtbot)
    view.set_problems({3: ["Rate over 100%"]})
    tip = view.tooltip_at(view.record.text.index("98.5%"))
    assert "98.5" in tip and "✗" in tip and "Rate over 100%" in tip


def test_mojibake_repairs_are_marked_beside_the_garbled_line_and_shown_whole(qtbot):
    text = "一、总体情况\n锟斤拷烫烫烫\n"
    record = _record(text + "52件 98.5%", flags=[{"kind": "mojibake", "start": 7, "end": 13, "repair": "修复后的行"}])
    view = _view(qtbot, record)
    assert 0 < view.repair_margin_width() < view.width() // 8  # the text keeps its width
    image = view.grab().toImage()
    assert not image.isNull()
    assert "修复后的行" in view.tooltip_at(8)
    block = view.document().findBlockByNumber(1)
    top = view.blockBoundingGeometry(block).translated(view.contentOffset()).top()
    assert view.repair_at(int(top) + 2) == "Garbled text, repaired as: 修复后的行"  # whole, not clipped
    assert view.repair_at(int(top) - 40) == ""


def test_a_run_in_heading_is_highlighted_without_its_paragraph(qtbot):
    text = "1.及时调整公布权力事项。严格贯彻落实清单管理办法，共计6525项。\n"
    record = _record(text + "52件 98.5%")
    record.items[0].update(start=0, end=len(text), data={"level": 3, "number": "1", "title": "及时调整公布权力事项"})
    view = _view(qtbot, record)
    headings = [s for s in view._spans if s.kind == "section"]
    assert [view.shown_text()[s.start : s.end] for s in headings] == ["1.及时调整公布权力事项"]


def test_selecting_a_part_marks_its_first_line_not_pages_of_text(qtbot):
    view = _view(qtbot)
    assert view.select_item(4)
    selections = view.extraSelections()
    assert selections[-1].cursor.selectedText() == "一、总体情况"


def test_metric_highlights_land_on_the_metric_after_an_astral_character(qtbot):
    from desktop.ui import marks

    view = _view(qtbot)
    record = view.record
    rate_start = view.position_of(3)  # Qt position of 98.5% (struck through: rejected)
    cases_start = view.position_of(2)  # 52件
    block = view.document().findBlock(cases_start)
    formats = block.layout().formats()
    ranges = {
        (r.start + block.position(), r.length): (r.format.background().color().name(), r.format.fontStrikeOut())
        for r in formats
    }
    assert ranges[(cases_start, 3)] == (marks.METRIC_BACKGROUND.name(), False)
    assert ranges[(rate_start, 5)][1]  # struck through
    assert record.text[record.item(3)["start"] : record.item(3)["end"]] == "98.5%"
