"""Finding: Return in the library's search box opens the first hit at the words; Ctrl+F finds
in the open report, in any script."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_panels import type_chinese

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support")


@pytest.fixture
def window(open_window, seeded_library):
    return open_window(seeded_library[0])


def test_return_in_the_search_box_opens_the_first_hit_at_the_words(qtbot, window, seed_ids):
    search = window.library.search_edit
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is search
    type_chinese(search, "出庭應訴")  # traditional: the simplified seeds are found too
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert window.library.model.rowCount() == 4
    assert window.record is not None and window.record.id == window.library.first_report_id()
    start, end, shown = window.text_view.selected_span()
    assert shown in ("出庭应诉", "出庭應訴") or shown.startswith("出庭應(")


def test_ctrl_f_finds_in_the_open_report_in_any_script(qtbot, window, seed_ids):
    window.open_report(seed_ids["002_59c7d4ea9493623a.txt"])  # written in traditional script
    window.text_view.setFocus()
    qtbot.keyClick(window.text_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_edit.isVisible() and QApplication.focusWidget() is window.find_edit
    type_chinese(window.find_edit, "出庭应诉")
    qtbot.keyClick(window.find_edit, Qt.Key.Key_Return)
    first = window.text_view.selected_span()
    assert first is not None and first[2] == "出庭應訴"
    assert window.saved_label.text().startswith("Found 1 of ")
    total = int(window.saved_label.text().split(" of ")[1].split(":")[0])
    qtbot.keyClick(window.find_edit, Qt.Key.Key_Return)
    second = window.text_view.selected_span()
    assert (second[0] > first[0]) if total > 1 else second == first
    qtbot.keyClick(window.find_edit, Qt.Key.Key_Escape)
    assert not window.find_edit.isVisible()


def test_the_window_exports_every_state_by_default_as_the_command_line(qtbot, settings):
    from desktop.store.ops import REPORT_STATES
    from desktop.ui.dialogs import ExportDialog

    dialog = ExportDialog(settings)
    qtbot.addWidget(dialog)
    assert [state for state, box in dialog.state_boxes.items() if box.isChecked()] == list(REPORT_STATES)
