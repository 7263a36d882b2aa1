"""Team mode in the window: connecting to a team database without ever keeping the
password, double coding (each coder sees and edits their own copy), assignments and the
queue, the agreement table, and adjudication written to the canonical items the export reads."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.store import team
from desktop.store.exporter import export
from desktop.store.ops import Operations
from desktop.store.reports import load_report
from desktop.ui.main_window import MainWindow
from desktop.ui.team import format_report_ids, parse_report_ids, team_url, url_without_password
from desktop.ui.team_agreement import AgreementDialog, is_fragile
from desktop.ui.team_assign import AssignDialog
from desktop.ui.team_connect import ConnectDialog
from desktop.ui.team_queue import QueueDialog

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support")

SECRET = "s3cret-pw"


@pytest.fixture
def window_as(qtbot, settings):
    """window_as(store, reviewer) -> a shown MainWindow for that reviewer."""

    def make(store, reviewer: str) -> MainWindow:
        window = MainWindow(store, settings, reviewer)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


def _settings_text(settings) -> str:
    settings.sync()
    return Path(settings.fileName()).read_text(encoding="utf-8")


def _double_coded(store, seed_ids) -> int:
    report_id = seed_ids[sorted(seed_ids)[0]]
    team.assign(store, report_id, ["甲", "乙"], by="组长")
    return report_id


# ---------------------------------------------------------------- connecting


def test_the_connect_dialog_builds_the_url_and_never_stores_the_password(qtbot, settings):
    dialog = ConnectDialog(settings)
    qtbot.addWidget(dialog)
    dialog.host_edit.setText("db.example.org")
    dialog.port_spin.setValue(5433)
    dialog.database_edit.setText("fazhi")
    dialog.user_edit.setText("lead")
    dialog.password_edit.setText(SECRET)
    assert dialog.url() == f"postgresql+psycopg://lead:{SECRET}@db.example.org:5433/fazhi?connect_timeout=10"
    dialog._accept()
    assert dialog.result() == ConnectDialog.DialogCode.Accepted
    text = _settings_text(settings)
    assert "db.example.org" in text and "fazhi" in text and "lead" in text
    assert SECRET not in text
    # next time: everything but the password is filled in
    again = ConnectDialog(settings)
    qtbot.addWidget(again)
    assert (
        again.host_edit.text(),
        again.port_spin.value(),
        again.database_edit.text(),
        again.user_edit.text(),
        again.password_edit.text(),
    ) == ("db.example.org", 5433, "fazhi", "lead", "")


def test_urls_for_sockets_and_without_passwords():
    assert (
        team_url("/run/postgresql", 5432, "fazhi", "ann")
        == "postgresql+psycopg://ann@/fazhi?connect_timeout=10&host=%2Frun%2Fpostgresql&port=5432"
    )
    assert url_without_password(f"postgresql+psycopg://ann:{SECRET}@h:5432/db") == "postgresql+psycopg://ann@h:5432/db"
    assert url_without_password("postgresql+psycopg://ann@h/db") == "postgresql+psycopg://ann@h/db"
    assert parse_report_ids("3, 5-7 12，3") == [3, 5, 6, 7, 12]
    assert format_report_ids([12, 3, 5, 6, 7]) == "3, 5-7, 12"
    with pytest.raises(ValueError):
        parse_report_ids("3, x")


def test_test_connection_reports_a_failure_in_words(qtbot, settings):
    dialog = ConnectDialog(settings)
    qtbot.addWidget(dialog)
    dialog.host_edit.setText("127.0.0.1")
    dialog.port_spin.setValue(1)  # nothing listens there
    dialog.database_edit.setText("fazhi")
    dialog.password_edit.setText(SECRET)
    with qtbot.waitSignal(dialog.tested, timeout=20_000) as blocker:
        dialog.test()
    ok, message = blocker.args
    assert not ok and message.startswith("Cannot connect:") and SECRET not in message
    assert dialog.result_label.text() == message and dialog.test_button.isEnabled()


def test_a_team_library_is_remembered_and_shown_without_its_password(qtbot, seeded_library, window_as, settings):
    store, _ = seeded_library
    window = window_as(store, "甲")
    url = f"postgresql+psycopg://lead:{SECRET}@db.example.org:5432/fazhi"
    team_store = SimpleNamespace(path=None, url=url, label="postgresql+psycopg://lead:***@db.example.org:5432/fazhi")
    window._remember_library(team_store)
    recent = settings.value("libraries/recent", [], type=list)
    assert recent[0] == "postgresql+psycopg://lead@db.example.org:5432/fazhi"
    assert SECRET not in _settings_text(settings)
    assert SECRET not in window.library_label.text() and "db.example.org" in window.library_label.text()
    # a recent team database opens the dialog, filled in, to ask for the password
    opened = []
    window.team.connect_database = lambda url=None: opened.append(url)
    window._fill_recent_menu()
    action = next(a for a in window.recent_menu.actions() if a.text() == recent[0])
    assert action.isEnabled()
    action.trigger()
    assert opened == [recent[0]]


def test_a_library_that_cannot_be_opened_is_named_without_the_password(qtbot, seeded_library, window_as, monkeypatch):
    store, _ = seeded_library
    window = window_as(store, "甲")
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    url = f"postgresql+psycopg://lead:{SECRET}@127.0.0.1:1/fazhi?connect_timeout=2"
    assert not window.switch_library(url)
    assert shown and SECRET not in shown[0] and "127.0.0.1" in shown[0]
    assert window.store is store


sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
import pg_testing  # noqa: E402  (tests/store/pg_testing.py: the session's PostgreSQL server)


@pytest.fixture
def pg_url():
    server = pg_testing.server()
    if server is None:
        pg_testing.skip_or_fail()
    url = server.new_database()
    yield url
    server.drop(url)


def test_connecting_to_a_team_database_from_the_window(qtbot, seeded_library, window_as, settings, pg_url):
    from sqlalchemy.engine import make_url

    store, _ = seeded_library
    window = window_as(store, "甲")
    parsed = make_url(pg_url)
    dialog = ConnectDialog(settings, window, pg_url)
    qtbot.addWidget(dialog)
    assert dialog.database_edit.text() == parsed.database
    dialog.password_edit.setText(SECRET)  # the test server trusts local connections: any password does
    with qtbot.waitSignal(dialog.tested, timeout=30_000) as blocker:
        dialog.test()
    ok, message = blocker.args
    assert ok, message
    assert message.startswith("Connected to PostgreSQL") and "is a Fazhi Review library" in message
    assert window.switch_library(dialog.url())
    assert window.store.is_postgresql
    assert SECRET not in window.windowTitle() and SECRET not in window.library_label.text()
    assert parsed.database in window.library_label.text()
    recent = settings.value("libraries/recent", [], type=list)
    assert make_url(recent[0]).database == parsed.database and make_url(recent[0]).password is None
    assert SECRET not in _settings_text(settings)
    window.store.close()


# ---------------------------------------------------------------- double coding


def test_each_double_coder_sees_and_edits_their_own_copy(qtbot, seeded_library, seed_ids, window_as):
    store, _ = seeded_library
    report_id = _double_coded(store, seed_ids)
    canonical = load_report(store, report_id)

    window = window_as(store, "甲")
    assert window.open_report(report_id)
    assert window.record.coder == "甲"
    assert window.record.items and all(item["coder"] == "甲" for item in window.record.items)
    assert window.team.coder_label.isVisible() and window.team.coder_label.text()
    item = window._current()
    window.accept_current()
    assert load_report(store, report_id, coder="甲").item(item["id"])["state"] == "accepted"
    # an item the coder adds goes into their copy
    change = window.session.add(report_id, "metric", {"value": 7, "unit": "件", "text": "7件"}, start=10, end=12)
    assert change is not None and load_report(store, report_id, coder="甲").item(change.item_id)["coder"] == "甲"
    # the canonical items (what the export writes) are untouched
    after = load_report(store, report_id)
    assert [(i["id"], i["state"], i["data"]) for i in after.items] == [
        (i["id"], i["state"], i["data"]) for i in canonical.items
    ]
    window.close()

    other = window_as(store, "乙")
    other.open_report(report_id)
    assert other.record.coder == "乙" and all(i["coder"] == "乙" for i in other.record.items)
    assert all(i["state"] == "pending" for i in other.record.items)  # 甲's decisions are not in 乙's copy
    # another report, not assigned: the canonical items, no note in the status bar
    other.open_report(seed_ids[sorted(seed_ids)[1]])
    assert other.record.coder is None and not other.team.coder_label.isVisible()


def test_assigning_from_the_dialog_and_working_from_the_queue(qtbot, seeded_library, seed_ids, window_as):
    store, _ = seeded_library
    window = window_as(store, "组长")
    ids = sorted(seed_ids.values())[:2]
    dialog = AssignDialog(window, ids)
    qtbot.addWidget(dialog)
    assert dialog.ids_edit.text() == format_report_ids(ids)
    dialog.first_combo.setCurrentText("甲")
    dialog.double_check.setChecked(True)
    dialog.second_combo.setCurrentText("乙")
    with qtbot.waitSignal(dialog.assigned, timeout=30_000):
        dialog.assign()
    assert {(a.report_id, a.reviewer, a.double) for a in team.assignments(store)} == {
        (rid, name, True) for rid in ids for name in ("甲", "乙")
    }
    assert "2 reports assigned" in dialog.result_label.text()
    assert dialog.table.rowCount() == 4
    # a single reviewer needs no second name; double coding needs two different ones
    dialog.second_combo.setCurrentText("甲")
    assert dialog.assign() is None and "two different reviewers" in dialog.result_label.text()

    window.session.set_reviewer("甲")
    queue = QueueDialog(window)
    qtbot.addWidget(queue)
    assert queue.report_ids() == ids
    qtbot.keyClick(queue.table, Qt.Key.Key_Return)
    assert window.record.id == ids[0] and window.record.coder == "甲"
    team.mark_coding_done(store, ids[0], "甲")
    queue.refresh()
    assert queue.report_ids() == ids[1:]


def test_marking_my_coding_done_from_the_window(qtbot, seeded_library, seed_ids, window_as, monkeypatch):
    store, _ = seeded_library
    report_id = _double_coded(store, seed_ids)
    window = window_as(store, "甲")
    window.open_report(report_id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.team.coding_done_action.trigger()
    assert team.queue(store, "甲") == [] and team.queue(store, "乙") == [report_id]


# ---------------------------------------------------------------- agreement and adjudication


def _exported_metric(store, report_id: int, item: dict, tmp_path) -> dict:
    """The metric at ``item``'s span in the JSONL export of ``report_id``."""
    files = export(store, tmp_path / "out.jsonl", "jsonl")
    exported = next(
        json.loads(line)
        for line in files[0].read_text(encoding="utf-8").splitlines()
        if json.loads(line)["id"] == report_id
    )
    return next(m for m in exported["metrics"] if (m["start"], m["end"]) == (item["start"], item["end"]))


def _code_differently(store, report_id) -> dict:
    """甲 accepts every item of their copy; 乙 accepts all but the first metric, which they
    correct to 999. Returns 乙's corrected item."""
    a, b = Operations(store, "甲"), Operations(store, "乙")
    for item in load_report(store, report_id, coder="甲").items:
        a.accept(item["id"], base_version=item["version"])
    corrected = None
    for item in load_report(store, report_id, coder="乙").items:
        if corrected is None and item["kind"] == "metric":
            corrected = item
            b.update_item(item["id"], {**item["data"], "value": 999}, base_version=item["version"])
        else:
            b.accept(item["id"], base_version=item["version"])
    return corrected


def test_the_agreement_view_lists_the_figures(qtbot, seeded_library, seed_ids, window_as, tmp_path):
    store, _ = seeded_library
    report_id = _double_coded(store, seed_ids)
    _code_differently(store, report_id)
    window = window_as(store, "组长")
    dialog = AgreementDialog(window)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.computed, timeout=30_000) as blocker:
        dialog.compute()
    report = blocker.args[0]
    assert report.reports == [report_id] and report.coders == ["乙", "甲"]
    assert dialog.table.rowCount() == len(report.rows) > 0
    scopes = [dialog.table.item(n, 0).text() for n in range(dialog.table.rowCount())]
    assert "Metrics" in scopes and "Parts" in scopes
    fragile = {n for n, row in enumerate(report.rows) if is_fragile(row)}
    assert set(dialog.fragile_rows()) == fragile and fragile  # one report: few units somewhere
    assert "1 double-coded reports" in dialog.summary_label.text()
    out = dialog.export_csv(str(tmp_path / "agreement"))
    text = Path(out).read_text(encoding="utf-8-sig")
    assert out.endswith(".csv") and text.splitlines()[0] == "scope,measure,value,n,note"


def test_adjudication_shows_both_values_and_take_b_is_what_the_export_writes(
    qtbot, seeded_library, seed_ids, window_as, tmp_path
):
    store, _ = seeded_library
    report_id = _double_coded(store, seed_ids)
    corrected = _code_differently(store, report_id)
    window = window_as(store, "组长")
    window.open_report(report_id)
    assert window.record.coder is None  # the lead does not code it: the canonical items
    dialog = window.team.adjudicate_report()
    qtbot.waitExposed(dialog)
    # only the disagreement is listed, and it is selected
    assert dialog.table.rowCount() == 1
    row = dialog.current_row()
    assert row.origin == corrected["origin"] and not row.agree
    assert (
        dialog.table.horizontalHeaderItem(2).text() == "A: 乙"
        and dialog.table.horizontalHeaderItem(3).text() == "B: 甲"
    )
    a_text, b_text = dialog.table.item(0, 2).text(), dialog.table.item(0, 3).text()
    assert "999" in a_text and "999" not in b_text  # 乙 is coder A (alphabetical order)
    # the source: the row's span is selected in the text below
    assert dialog.text_view.selected_item() == 1
    assert dialog.text_view.record.text == load_report(store, report_id).text
    # agreements on demand
    dialog.agreements_check.setChecked(True)
    assert dialog.table.rowCount() == len(dialog.rows) > 1
    dialog.agreements_check.setChecked(False)

    # take A (乙's 999) with the key 1: the canonical item is corrected
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    with qtbot.waitSignal(dialog.adjudicated):
        qtbot.keyClick(dialog.table, Qt.Key.Key_1)
    final = load_report(store, report_id).item(corrected["origin"])
    assert final["data"]["value"] == 999 and final["state"] == "corrected"
    assert dialog.table.item(0, 0).text() == "●"  # decided
    # on the window's undo stack: Ctrl+Z in the window undoes it
    assert window.session.undo_stack.canUndo()
    window.session.undo_stack.undo()
    assert load_report(store, report_id).item(corrected["origin"])["data"]["value"] != 999
    qtbot.waitUntil(lambda: dialog.table.item(0, 0).text() == "≠")

    # take B with the button: the canonical item is 甲's value again, and the export writes what was taken
    dialog.take("a")
    dialog.take_b_button.click()
    b_value = load_report(store, report_id, coder="甲").item(
        next(i["id"] for i in load_report(store, report_id, coder="甲").items if i["origin"] == corrected["origin"])
    )["data"]["value"]
    final = load_report(store, report_id).item(corrected["origin"])
    assert final["data"]["value"] == b_value
    # the lead's own value: F2 would open the editor; here the same call with a value
    dialog.adjudicate({**final["data"], "value": 4242})
    final = load_report(store, report_id).item(corrected["origin"])
    assert final["data"]["value"] == 4242 and final["state"] == "corrected"
    assert _exported_metric(store, report_id, final, tmp_path)["value"] == 4242


def test_take_b_from_the_keyboard_is_exported(qtbot, seeded_library, seed_ids, window_as, tmp_path):
    store, _ = seeded_library
    report_id = _double_coded(store, seed_ids)
    corrected = _code_differently(store, report_id)
    window = window_as(store, "组长")
    window.open_report(report_id)
    dialog = window.team.adjudicate_report()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    row = dialog.current_row()
    with qtbot.waitSignal(dialog.adjudicated):
        qtbot.keyClick(dialog.table, Qt.Key.Key_2)  # take B: 甲's value
    final = load_report(store, report_id).item(corrected["origin"])
    assert final["data"] == row.b["data"]
    assert _exported_metric(store, report_id, final, tmp_path)["value"] == row.b["data"]["value"] != 999


def test_a_conflicting_adjudication_is_refused_with_the_other_value(
    qtbot, seeded_library, seed_ids, window_as, monkeypatch
):
    store, _ = seeded_library
    report_id = _double_coded(store, seed_ids)
    corrected = _code_differently(store, report_id)
    window = window_as(store, "组长")
    window.open_report(report_id)
    dialog = window.team.adjudicate_report()
    canonical = load_report(store, report_id).item(corrected["origin"])
    Operations(store, "丙").update_item(
        canonical["id"], {**canonical["data"], "value": 5}, base_version=canonical["version"]
    )
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    assert dialog.take("a") is None
    assert warnings and "丙" in warnings[0] and "5" in warnings[0]
    assert load_report(store, report_id).item(corrected["origin"])["data"]["value"] == 5


def test_adjudicating_a_report_nobody_double_coded_says_so(qtbot, seeded_library, seed_ids, window_as, monkeypatch):
    store, _ = seeded_library
    window = window_as(store, "组长")
    window.open_report(seed_ids[sorted(seed_ids)[0]])
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append(text))
    assert window.team.adjudicate_report() is None and "not double-coded" in said[0]


def test_the_team_menu_is_there(qtbot, seeded_library, window_as):
    store, _ = seeded_library
    window = window_as(store, "甲")
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[-3:] == ["&Team", "Re&port", "&Help"]
    menu = window.team.menu
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts == ["&Assign Reports…", "My &Queue…", "Mark My &Coding Done", "A&greement…", "A&djudicate Report…"]
    file_menu = window.menuBar().actions()[0].menu()
    assert window.team.connect_action in file_menu.actions()


def test_tab_goes_to_the_next_disagreement_and_f2_edits_the_final_value(
    qtbot, seeded_library, seed_ids, window_as, monkeypatch
):
    from desktop.ui.adjudication import FinalValueDialog

    store, _ = seeded_library
    report_id = _double_coded(store, seed_ids)
    a, b = Operations(store, "甲"), Operations(store, "乙")
    metrics_b = [i for i in load_report(store, report_id, coder="乙").items if i["kind"] == "metric"][:2]
    for item in metrics_b:  # two disagreements: 乙 corrects two metrics, 甲 accepts them
        b.update_item(item["id"], {**item["data"], "value": 999}, base_version=item["version"])
    for item in load_report(store, report_id, coder="甲").items:
        if item["origin"] in {m["origin"] for m in metrics_b}:
            a.accept(item["id"], base_version=item["version"])
    window = window_as(store, "组长")
    window.open_report(report_id)
    dialog = window.team.adjudicate_report()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.table.rowCount() == 2 and dialog.table.currentRow() == 0
    qtbot.keyClick(dialog.table, Qt.Key.Key_Tab)
    assert dialog.table.currentRow() == 1
    assert dialog.text_view.selected_item() == 2
    qtbot.keyClick(dialog.table, Qt.Key.Key_Tab)
    assert dialog.table.currentRow() == 0

    def fill(editor):
        editor.editors["value"].setText("31")
        editor.editors["unit"].setText("项")
        return FinalValueDialog.DialogCode.Accepted

    monkeypatch.setattr(FinalValueDialog, "exec", fill)
    origin = dialog.current_row().origin
    with qtbot.waitSignal(dialog.adjudicated):
        qtbot.keyClick(dialog.table, Qt.Key.Key_F2)
    final = load_report(store, report_id).item(origin)
    assert final["data"]["value"] == 31 and final["data"]["unit"] == "项" and final["state"] == "corrected"
    assert dialog.table.currentRow() == 1  # on to the next undecided disagreement


def test_ctrl_tab_in_a_team_dialog_does_not_crash_the_window(qtbot, seeded_library, seed_ids, window_as):
    """The window's application-wide key filter asks the widget a Tab goes to for its
    window(). The team dialogs kept the review window in an attribute named ``window``,
    which hid QWidget.window(): Ctrl+Tab in one of their fields (a key press the field
    passes on to the dialog) crashed the whole application."""
    from desktop.ui.adjudication import AdjudicationDialog

    store, _ = seeded_library
    report_id = _double_coded(store, seed_ids)
    window = window_as(store, "组长")
    window.open_report(report_id)
    dialogs = [
        (queue := QueueDialog(window), queue.reviewer_combo),
        (assign := AssignDialog(window, [report_id]), assign.ids_edit),
        (agreement := AgreementDialog(window), agreement.scope_combo),
        (adjudication := AdjudicationDialog(window, report_id), adjudication.agreements_check),
    ]
    for dialog, _field in dialogs:
        qtbot.addWidget(dialog)
        assert dialog.window() is dialog  # QWidget.window(), not hidden by an attribute
    for dialog, field in dialogs:
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.keyClick(field, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
        assert dialog.isVisible() and window.isVisible()
        dialog.close()


def test_applying_the_agreed_values_is_one_undo_step(qtbot, seeded_library, seed_ids, window_as):
    store, _ = seeded_library
    report_id = _double_coded(store, seed_ids)
    _code_differently(store, report_id)
    window = window_as(store, "组长")
    window.open_report(report_id)
    dialog = window.team.adjudicate_report()
    qtbot.waitExposed(dialog)
    before = window.session.undo_stack.count()
    applied = dialog.apply_agreed()
    assert applied > 0
    assert window.session.undo_stack.count() == before + 1  # one step, however many values
    canonical = load_report(store, report_id)
    assert sum(item["state"] != "pending" for item in canonical.items) >= applied
    window.session.undo_stack.undo()
    assert all(
        item["state"] == "pending" for item in load_report(store, report_id).items if item["source"] == "extractor"
    )
