"""Whole operations: an edit of several items is one transaction (all or nothing), returns
its changes, and undoes and redoes as one."""

from __future__ import annotations

import pytest
from sqlalchemy import insert

from desktop.store.models import Item
from desktop.store.ops import ConflictError, InvalidEdit, Operations


@pytest.fixture
def alice(store):
    return Operations(store, "alice")


@pytest.fixture
def bob(store):
    return Operations(store, "bob")


def _add_extracted(store, report_id, kind, data, start, end):
    with store.engine.begin() as conn:
        return conn.execute(
            insert(Item.__table__),
            [
                {
                    "report_id": report_id,
                    "kind": kind,
                    "key": None,
                    "start": start,
                    "end": end,
                    "data": data,
                    "extracted": dict(data),
                    "source": "extractor",
                    "state": "pending",
                    "confidence": 0.9,
                    "run_id": None,
                    "version": 1,
                }
            ],
        ).inserted_primary_key[0]


@pytest.fixture
def parts(store, seeded):
    """Three extracted parts over the first report's text: [0, 20) [20, 40) [40, end)."""
    report_id = seeded[0]["id"]
    ids = [
        _add_extracted(store, report_id, "part", {"part": key}, start, end)
        for key, start, end in (("achievements", 0, 20), ("leader_duty", 20, 40), ("shortcomings", 40, 56))
    ]
    return report_id, ids


def _live_parts(store, report_id):
    from desktop.store.reports import load_report

    record = load_report(store, report_id)
    return [
        (p["start"], p["end"], p["data"]["part"], p["state"])
        for p in record.items_of("part")
        if p["state"] != "rejected"
    ]


def test_assigning_a_part_trims_its_neighbours_in_one_step(alice, store, parts):
    report_id, ids = parts
    seen = {item_id: 1 for item_id in ids}
    changes = alice.assign_part(report_id, "next_year", 15, 45, seen=seen)
    assert _live_parts(store, report_id) == [
        (0, 15, "achievements", "corrected"),
        (15, 45, "next_year", "added"),
        (45, 56, "shortcomings", "corrected"),
    ]
    assert [c.action for c in changes] == ["update", "update", "reject", "add"]
    history = alice.history(report_id)
    assert {edit["op"] for edit in history} == {history[0]["id"]}  # one operation

    undone = alice.undo_changes(report_id)
    assert len(undone) == 4
    assert _live_parts(store, report_id) == [
        (0, 20, "achievements", "pending"),
        (20, 40, "leader_duty", "pending"),
        (40, 56, "shortcomings", "pending"),
    ]
    assert len(alice.redo_changes(report_id)) == 4
    assert [p[2] for p in _live_parts(store, report_id)] == ["achievements", "next_year", "shortcomings"]


def test_a_refused_second_step_of_a_part_assignment_saves_nothing(alice, bob, store, parts):
    report_id, ids = parts
    seen = {item_id: 1 for item_id in ids}  # what alice's window shows
    bob.update_item(ids[1], {"part": "other"}, base_version=1)  # the part her second step removes
    before = _live_parts(store, report_id)
    with pytest.raises(ConflictError, match="bob"):
        alice.assign_part(report_id, "next_year", 15, 45, seen=seen)
    assert _live_parts(store, report_id) == before  # the first part is not trimmed either
    assert [edit["reviewer"] for edit in alice.history(report_id)] == ["bob"]


def test_assigning_a_part_inside_another_splits_it(alice, store, parts):
    report_id, _ = parts
    alice.assign_part(report_id, "other", 25, 30)
    assert _live_parts(store, report_id) == [
        (0, 20, "achievements", "pending"),
        (20, 25, "leader_duty", "corrected"),
        (25, 30, "other", "added"),
        (30, 40, "leader_duty", "added"),
        (40, 56, "shortcomings", "pending"),
    ]


def test_split_part_at_an_offset(alice, store, parts):
    report_id, ids = parts
    changes = alice.split_part(ids[0], 8, base_version=1)
    assert [c.action for c in changes] == ["update", "add"]
    assert _live_parts(store, report_id)[:2] == [(0, 8, "achievements", "corrected"), (8, 20, "achievements", "added")]
    with pytest.raises(InvalidEdit, match="cannot be split at 50"):
        alice.split_part(ids[1], 50, base_version=1)


def test_merge_heading_joins_the_previous_heading_of_its_level(alice, store, seeded):
    report_id = seeded[0]["id"]
    first = _add_extracted(store, report_id, "section", {"level": 1, "title": "一、总体情况"}, 0, 10)
    second = _add_extracted(store, report_id, "section", {"level": 1, "title": "二、存在问题"}, 20, 30)
    changes = alice.merge_heading(second, base_version=1)
    assert [c.action for c in changes] == ["reject", "update"]
    assert (alice.item(first)["end"], alice.item(second)["state"]) == (30, "rejected")
    with pytest.raises(InvalidEdit, match="no previous heading"):
        alice.merge_heading(first, base_version=2)
    assert len(alice.undo_changes()) == 2
    assert (alice.item(first)["end"], alice.item(second)["state"]) == (10, "pending")


def test_undoable_lists_one_entry_per_operation(alice, parts):
    report_id, ids = parts
    alice.accept(ids[0], base_version=1)
    alice.assign_part(report_id, "other", 25, 30)
    entries = alice.undoable()
    assert [(e["action"], e["count"]) for e in entries] == [("accept", 1), ("update", 3)]
