"""The store's edit rules as a reviewer meets them: how an item is named in a refusal, what
a part assignment accepts, and what the undo list shows."""

from __future__ import annotations

import pytest
from test_whole_ops import _add_extracted, _live_parts

from desktop.store.ops import (
    ConflictError,
    InvalidEdit,
    NotFound,
    Operations,
    describe_item,
    describe_value,
    heading_level,
    plan_part_assignment,
    position_order,
    previous_same_level,
)


@pytest.fixture
def alice(store):
    return Operations(store, "alice")


@pytest.fixture
def bob(store):
    return Operations(store, "bob")


@pytest.fixture
def parts(store, seeded):
    """Three extracted parts over the first report's text: [0, 20) [20, 40) [40, 56)."""
    report_id = seeded[0]["id"]
    ids = [
        _add_extracted(store, report_id, "part", {"part": key}, start, end)
        for key, start, end in (("achievements", 0, 20), ("leader_duty", 20, 40), ("shortcomings", 40, 56))
    ]
    return report_id, ids


# ---------------------------------------------------------------- how an item is named


def test_a_refusal_names_a_metric_by_its_label_then_indicator_then_text():
    assert (
        describe_item({"id": 7, "kind": "metric", "data": {"label": "行政复议案件", "indicator": "x"}})
        == "指标 行政复议案件 (item 7)"
    )
    assert (
        describe_item({"id": 7, "kind": "metric", "data": {"indicator": "reconsideration_cases"}})
        == "指标 reconsideration_cases (item 7)"
    )
    assert describe_item({"id": 7, "kind": "metric", "data": {"text": "办理案件52件"}}) == "指标 办理案件52件 (item 7)"
    assert describe_item({"id": 7, "kind": "metric", "data": {}}) == "指标 (item 7)"


def test_a_refusal_names_a_field_section_and_part_as_the_window_shows_them():
    assert (
        describe_item({"id": 3, "kind": "field", "key": "issuer", "data": {"value": "某市人民政府"}})
        == "字段 issuer (item 3)"
    )
    assert (
        describe_item({"id": 4, "kind": "section", "data": {"title": "一、总体情况"}}) == "章节 一、总体情况 (item 4)"
    )
    assert describe_item({"id": 5, "kind": "part", "data": {"part": "next_year"}}) == "部分 next_year (item 5)"
    assert describe_item({"id": 6, "kind": "note", "data": None}) == "note (item 6)"


def test_a_long_label_is_cut_to_forty_characters_with_an_ellipsis():
    title = "一" * 39
    assert describe_item({"id": 1, "kind": "section", "data": {"title": title + "二"}}) == f"章节 {title}二 (item 1)"
    assert describe_item({"id": 1, "kind": "section", "data": {"title": title + "二三"}}) == f"章节 {title}… (item 1)"


def test_a_value_is_shown_as_a_researcher_reads_it():
    assert describe_value(None) == "(deleted)"
    assert describe_value({"value": 52, "unit": "件"}) == "52件"
    assert describe_value({"value": 52, "unit": None}) == "52"
    assert describe_value({"value": 3, "value_to": 5, "unit": "个"}) == "3–5个"
    assert describe_value({"value": 3, "value_to": None, "unit": "个"}) == "3个"
    assert describe_value({"title": "二、存在问题", "text": "x"}) == "二、存在问题"
    assert describe_value({"part": "other"}) == "other"
    assert describe_value({"text": "全文"}) == "全文"
    assert describe_value({"level": 2}) == '{"level": 2}'
    assert describe_value({"value": "很" * 61}) == "很" * 59 + "…"


# ---------------------------------------------------------------- part assignments


def test_a_part_must_be_one_of_the_five_and_cover_some_text(alice, store, parts):
    report_id, _ = parts
    before = _live_parts(store, report_id)
    with pytest.raises(InvalidEdit) as refused:
        alice.assign_part(report_id, "summary", 0, 10)
    assert str(refused.value) == (
        "unknown part 'summary'; one of achievements, leader_duty, shortcomings, next_year, other"
    )
    for start, end in ((10, 10), (12, 10), (-1, 10), (None, 10), (0, None)):
        with pytest.raises(InvalidEdit) as refused:
            alice.assign_part(report_id, "other", start, end)
        assert str(refused.value) == "a part needs a span of text (start < end)"
    assert _live_parts(store, report_id) == before
    alice.assign_part(report_id, "other", 0, 1)  # the report's first character is text like any other
    assert _live_parts(store, report_id)[0] == (0, 1, "other", "added")


def test_assigning_exactly_a_parts_span_renames_that_part(alice, store, parts):
    report_id, ids = parts
    changes = alice.assign_part(report_id, "next_year", 20, 40, seen={i: 1 for i in ids}, note="guide 3.2")
    assert [(c.action, c.item_id) for c in changes] == [("update", ids[1])]
    assert _live_parts(store, report_id)[1] == (20, 40, "next_year", "corrected")
    assert alice.item(ids[1])["data"] == {"part": "next_year"}
    assert alice.history(report_id)[-1]["note"] == "guide 3.2"
    assert alice.assign_part(report_id, "next_year", 20, 40) == []  # already that part: nothing to save
    assert len(alice.history(report_id)) == 1


def test_every_step_of_a_part_assignment_keeps_the_reviewers_note(alice, store, parts):
    report_id, _ = parts
    alice.assign_part(report_id, "other", 10, 45, note="heading moved")
    assert [(e["action"], e["note"]) for e in alice.history(report_id)] == [
        ("update", "heading moved"),
        ("update", "heading moved"),
        ("reject", "heading moved"),
        ("add", "heading moved"),
    ]


def test_a_part_the_window_did_not_show_refuses_the_assignment(alice, bob, store, parts):
    report_id, ids = parts
    with pytest.raises(ConflictError) as refused:
        alice.assign_part(report_id, "next_year", 15, 45, seen={ids[0]: 1, ids[2]: 1})  # the middle part unseen
    assert "部分 leader_duty" in str(refused.value)
    assert str(refused.value).endswith("your change (next_year 15–45) was not saved")
    bob.update_item(ids[1], {"part": "other"}, base_version=1)
    with pytest.raises(ConflictError) as refused:
        alice.assign_part(report_id, "next_year", 20, 40, seen={i: 1 for i in ids})  # the span bob renamed
    assert "by bob to other [corrected]" in str(refused.value)
    assert str(refused.value).endswith("your change (next_year) was not saved")


def test_a_coders_part_assignment_changes_their_copy_only(alice, store, parts):
    report_id, _ = parts
    before = _live_parts(store, report_id)
    alice.assign_part(report_id, "other", 5, 10, coder="alice")
    assert _live_parts(store, report_id) == before  # the report's own parts are untouched
    copy = [i for i in alice.history(report_id) if i["action"] == "add"]
    assert len(copy) == 1 and copy[0]["new"]["coder"] == "alice"


# ---------------------------------------------------------------- the undo list


def test_the_undo_list_shows_each_operation_with_its_last_value(alice, store, parts, seeded):
    report_id, ids = parts
    alice.update_item(ids[0], {"part": "other"}, base_version=1)
    alice.set_report_state(report_id, "flagged", base_version=alice.report(report_id)["version"])
    alice.assign_part(report_id, "next_year", 15, 45)
    entries = alice.undoable()
    assert [(e["action"], e["report_id"], e["count"]) for e in entries] == [
        ("update", report_id, 1),
        ("state", report_id, 1),
        ("update", report_id, 4),
    ]
    assert entries[0]["data"] == {"part": "other"} and entries[0]["state"] == "corrected"
    assert entries[1]["data"] is None
    assert entries[2]["data"] == {"part": "next_year"}  # the value the operation ended with
    assert entries[2]["edit_id"] == alice.history(report_id)[-1]["id"]
    assert [e["action"] for e in alice.undoable(limit=4)] == ["update"]  # the latest edits
    alice.undo_changes(report_id)
    assert [e["action"] for e in alice.undoable()] == ["update", "state"]


# ---------------------------------------------------------------- the rules behind parts and headings


def _part(id_, key, start, end):
    return {"id": id_, "kind": "part", "data": {"part": key}, "start": start, "end": end}


def test_a_new_part_leaves_the_parts_that_only_touch_it_alone():
    before, after = _part(1, "achievements", 0, 10), _part(2, "shortcomings", 20, 30)
    assert plan_part_assignment([before, after], 10, 20) == ([], [], [])


def test_a_new_part_trims_the_parts_it_overlaps_and_removes_the_ones_it_covers():
    head, inside, tail = _part(1, "achievements", 0, 12), _part(2, "leader_duty", 12, 18), _part(3, "other", 18, 30)
    updates, removals, additions = plan_part_assignment([head, inside, tail], 10, 20)
    assert [(p["id"], s, e) for p, s, e in updates] == [(1, 0, 10), (3, 20, 30)]
    assert [p["id"] for p in removals] == [2] and additions == []
    # a part with exactly the new span's edges is covered, whichever edge it shares
    assert plan_part_assignment([_part(4, "other", 10, 15)], 10, 20)[1] == [_part(4, "other", 10, 15)]
    assert plan_part_assignment([_part(5, "other", 15, 20)], 10, 20)[1] == [_part(5, "other", 15, 20)]


def test_a_new_part_inside_another_splits_it_and_the_tail_keeps_its_name():
    updates, removals, additions = plan_part_assignment([_part(1, "leader_duty", 0, 30)], 10, 20)
    assert [(p["id"], s, e) for p, s, e in updates] == [(1, 0, 10)]
    assert removals == [] and additions == [("leader_duty", 20, 30)]
    nameless = {"id": 2, "kind": "part", "data": None, "start": 0, "end": 30}
    assert plan_part_assignment([nameless], 10, 20)[2] == [("other", 20, 30)]
    # sharing the start or the end is a trim, not a split
    assert plan_part_assignment([_part(3, "other", 10, 30)], 10, 20)[0][0][1:] == (20, 30)
    assert plan_part_assignment([_part(4, "other", 0, 20)], 10, 20)[0][0][1:] == (0, 10)
    assert plan_part_assignment([{"id": 5, "data": {}, "start": None, "end": 30}], 10, 20) == ([], [], [])


def _heading(id_, level, start, state="pending"):
    return {"id": id_, "kind": "section", "data": {"level": level, "title": f"h{id_}"}, "start": start, "state": state}


def test_a_heading_merges_into_the_nearest_earlier_heading_of_its_level():
    one, two, sub, three = _heading(1, 1, 0), _heading(2, 1, 10), _heading(3, 2, 15), _heading(4, 1, 20)
    headings = [three, sub, two, one]
    assert previous_same_level(headings, three) == two  # not the first, not the sub-heading between
    assert previous_same_level(headings, two) == one
    assert previous_same_level(headings, one) is None


def test_a_heading_does_not_merge_across_a_higher_heading_or_into_a_rejected_one():
    a, chapter, b = _heading(1, 2, 0), _heading(2, 1, 10), _heading(3, 2, 20)
    assert previous_same_level([a, chapter, b], b) is None
    rejected = _heading(4, 1, 5, state="rejected")
    assert previous_same_level([_heading(5, 1, 0), rejected, _heading(6, 1, 10)], _heading(6, 1, 10))["id"] == 5
    # at the same offset, the older heading (lower id) comes first
    assert previous_same_level([_heading(8, 1, 10), _heading(7, 1, 10)], _heading(8, 1, 10))["id"] == 7


def test_a_heading_without_a_level_is_a_top_level_heading():
    assert heading_level({"data": {"level": 3}}) == 3
    assert heading_level({"data": {}}) == 1
    assert heading_level({"data": None}) == 1
    assert heading_level({"data": {"level": True}}) == 1
    assert heading_level({"data": {"level": "2"}}) == 1


def test_items_without_a_span_come_first_then_by_offset_then_by_id():
    items = [{"id": 3, "start": 5}, {"id": 2, "start": None}, {"id": 1, "start": 5}, {"id": None, "start": 0}]
    assert [position_order(i) for i in items] == [(5, 3), (-1, 2), (5, 1), (0, 0)]
    assert sorted(items, key=position_order) == [items[1], items[3], items[2], items[0]]


# ---------------------------------------------------------------- adding and deleting a reviewer's items


def test_an_added_item_must_be_one_of_the_four_kinds_with_a_value_object(alice, seeded):
    report_id = seeded[0]["id"]
    with pytest.raises(InvalidEdit) as refused:
        alice.add_item(report_id, "table", {"value": 1})
    assert str(refused.value) == "unknown item kind 'table'; one of field, section, part, metric"
    with pytest.raises(InvalidEdit) as refused:
        alice.add_item(report_id, "metric", [52, "件"])
    assert str(refused.value) == "an item's value is a JSON object (dict)"
    assert alice.history(report_id) == []


def test_an_added_item_keeps_its_span_key_note_and_coder(alice, seeded):
    report_id = seeded[0]["id"]
    change = alice.add_item(
        report_id,
        "field",
        {"value": "某市人民政府"},
        start=3,
        end=9,
        key="issuer",
        note="from the cover",
        coder="alice",
    )
    item = alice.item(change.item_id)
    assert (item["start"], item["end"], item["key"], item["state"], item["source"]) == (
        3,
        9,
        "issuer",
        "added",
        "reviewer",
    )
    assert (change.report_id, change.action, change.item["coder"]) == (report_id, "add", "alice")
    (edit,) = alice.history(report_id)
    assert (edit["id"], edit["item_id"], edit["target"], edit["action"], edit["note"]) == (
        change.edit_id,
        change.item_id,
        "item",
        "add",
        "from the cover",
    )


def test_deleting_an_added_item_is_refused_when_someone_changed_it_meanwhile(alice, bob, seeded):
    report_id = seeded[0]["id"]
    added = alice.add_item(report_id, "metric", {"value": 52, "unit": "件"})
    bob.update_item(added.item_id, {"value": 53, "unit": "件"}, base_version=1)
    with pytest.raises(ConflictError) as refused:
        alice.delete_item(added.item_id, base_version=1, note="duplicate")
    assert "by bob to 53件 [added]" in str(refused.value)
    assert str(refused.value).endswith("your change (delete) was not saved")
    assert refused.value.current["data"] == {"value": 53, "unit": "件"}
    change = alice.delete_item(added.item_id, base_version=2, note="duplicate")
    assert (change.report_id, change.item_id, change.action, change.item) == (report_id, added.item_id, "delete", None)
    with pytest.raises(NotFound, match=f"item {added.item_id} does not exist"):
        alice.item(added.item_id)
    last = alice.history(report_id)[-1]
    assert (last["id"], last["target"], last["action"], last["note"]) == (change.edit_id, "item", "delete", "duplicate")


# ---------------------------------------------------------------- a report's state, the history


def test_a_report_state_must_be_one_of_the_four_and_is_kept_with_its_note(alice, seeded):
    report_id = seeded[0]["id"]
    with pytest.raises(InvalidEdit) as refused:
        alice.set_report_state(report_id, "finished", base_version=1)
    assert str(refused.value) == "unknown report state 'finished'; one of new, in_review, done, flagged"
    change = alice.set_report_state(report_id, "flagged", base_version=1, note="issuer unclear")
    (edit,) = alice.history(report_id)
    assert (edit["id"], edit["report_id"], edit["target"], edit["action"], edit["note"]) == (
        change.edit_id,
        report_id,
        "report",
        "state",
        "issuer unclear",
    )
    assert (edit["old"], edit["new"]) == ({"state": "new", "version": 1}, {"state": "flagged", "version": 2})
    assert (change.report_id, change.report_state) == (report_id, "flagged")


def test_a_refused_report_state_names_who_set_that_report_not_another(alice, bob, seeded):
    first, second = seeded[0]["id"], seeded[1]["id"]
    alice.set_report_state(first, "in_review", base_version=1)
    bob.set_report_state(second, "done", base_version=1)  # later, on another report
    with pytest.raises(ConflictError) as refused:
        Operations(alice.store, "carol").set_report_state(first, "flagged", base_version=1)
    assert "set to in_review by alice" in str(refused.value)


def test_one_edit_is_found_by_its_id_as_in_the_history(alice, seeded):
    report_id = seeded[0]["id"]
    item_id = seeded[0]["items"][0]
    first = alice.accept(item_id, base_version=1)
    second = alice.update_item(item_id, {"value": 7}, base_version=2)
    assert alice.edit(second.edit_id) == alice.history(report_id)[1]
    assert alice.edit(first.edit_id)["action"] == "accept"
    assert alice.edit(second.edit_id + 100) is None
    assert [e["id"] for e in alice.history(report_id)] == [first.edit_id, second.edit_id]
    assert all(e["at"].endswith("+00:00") for e in alice.history(report_id))  # times in UTC, whatever the server


def test_correcting_an_added_item_keeps_it_added_and_an_extracted_one_becomes_corrected(alice, seeded):
    report_id = seeded[0]["id"]
    added = alice.add_item(report_id, "metric", {"value": 52, "unit": "件"})
    assert alice.update_item(added.item_id, {"value": 53, "unit": "件"}, base_version=1).item["state"] == "added"
    item_id = seeded[0]["items"][0]
    changed = alice.update_item(item_id, {"value": 9}, base_version=1).item
    assert (changed["state"], changed["source"]) == ("corrected", "reviewer")


def test_the_undo_list_shows_a_deleted_items_last_value_and_leaves_out_what_was_undone(alice, seeded):
    report_id = seeded[0]["id"]
    added = alice.add_item(report_id, "metric", {"value": 52, "unit": "件"})
    alice.delete_item(added.item_id, base_version=1)
    entries = alice.undoable()
    assert [(e["action"], e["data"]) for e in entries] == [
        ("add", {"value": 52, "unit": "件"}),
        ("delete", {"value": 52, "unit": "件"}),
    ]
    alice.undo(report_id)
    assert [e["action"] for e in alice.undoable()] == ["add"]
