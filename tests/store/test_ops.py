"""The write API: each operation, versions, conflicts, undo/redo (also across restarts), history."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.store.db import open_store
from desktop.store.ops import Change, ConflictError, InvalidEdit, NotFound, Operations


@pytest.fixture
def alice(store):
    return Operations(store, "alice")


@pytest.fixture
def bob(store):
    return Operations(store, "bob")


def test_update_item_corrects_the_value(alice, seeded):
    report_id, item_id = seeded[0]["id"], seeded[0]["items"][0]
    before = alice.item(item_id)
    change = alice.update_item(item_id, {"value": 60, "unit": "件"}, base_version=1, start=5, end=9)
    assert isinstance(change, Change)
    assert (change.report_id, change.item_id, change.action, change.report_state) == (
        report_id,
        item_id,
        "update",
        None,
    )
    now = alice.item(item_id)
    assert change.item == now
    assert now["data"] == {"value": 60, "unit": "件"}
    assert (now["state"], now["source"], now["version"], now["start"], now["end"]) == ("corrected", "reviewer", 2, 5, 9)
    assert now["extracted"] == before["extracted"]  # what the extractor said is kept
    [edit] = alice.history(report_id)
    assert edit["id"] == change.edit_id and edit["reviewer"] == "alice" and edit["action"] == "update"
    assert edit["old"] == {
        "id": item_id,
        "data": before["data"],
        "state": "pending",
        "source": "extractor",
        "start": before["start"],
        "end": before["end"],
        "version": 1,
    }
    assert edit["new"] == {
        "id": item_id,
        "data": {"value": 60, "unit": "件"},
        "state": "corrected",
        "source": "reviewer",
        "start": 5,
        "end": 9,
        "version": 2,
    }
    at = dt.datetime.fromisoformat(edit["at"])
    assert at.tzinfo is not None and abs(dt.datetime.now(dt.UTC) - at) < dt.timedelta(minutes=1)


def test_update_keeps_the_span_unless_given(alice, seeded):
    item_id = seeded[0]["items"][1]
    before = alice.item(item_id)
    after = alice.update_item(item_id, {"value": 1}, base_version=1).item
    assert (after["start"], after["end"]) == (before["start"], before["end"])


def test_accept_and_reject(alice, seeded):
    first, second = seeded[0]["items"][:2]
    accepted = alice.accept(first, base_version=1).item
    assert (accepted["state"], accepted["source"], accepted["version"]) == ("accepted", "extractor", 2)
    rejected = alice.reject(second, base_version=1, note="a target, not a result").item
    assert (rejected["state"], rejected["version"]) == ("rejected", 2)
    history = alice.history(seeded[0]["id"])
    assert [h["action"] for h in history] == ["accept", "reject"]
    assert history[1]["note"] == "a target, not a result"


def test_stale_version_is_refused_with_the_other_value(alice, bob, seeded):
    item_id = seeded[0]["items"][0]
    alice.update_item(item_id, {"value": 52, "unit": "件", "label": "行政复议案件"}, base_version=1)
    with pytest.raises(ConflictError) as caught:
        bob.update_item(item_id, {"value": 50, "unit": "件"}, base_version=1)
    message = str(caught.value)
    assert "alice" in message and "52件" in message and "your change (50件) was not saved" in message
    assert "\n" not in message
    assert caught.value.current["data"]["value"] == 52 and caught.value.current["version"] == 2
    assert alice.item(item_id)["data"]["value"] == 52
    assert len(alice.history(seeded[0]["id"])) == 1  # nothing recorded for the refused edit
    with pytest.raises(ConflictError, match="your change \\(accept\\) was not saved"):
        bob.accept(item_id, base_version=1)


def test_a_change_without_an_edit_row_is_named_as_such(store, alice, seeded):
    from sqlalchemy import update

    from desktop.store.models import Item

    item_id = seeded[0]["items"][0]
    alice.accept(item_id, base_version=1)
    alice.undo()  # pending again: re-extraction may now rewrite it (and writes no edit)
    with store.session() as session:
        session.execute(update(Item).where(Item.id == item_id).values(data={"value": 99}, version=Item.version + 1))
    with pytest.raises(ConflictError, match="re-extraction") as caught:
        alice.update_item(item_id, {"value": 1}, base_version=3)
    assert "99" in str(caught.value)
    with pytest.raises(ConflictError, match="re-extraction"):
        alice.redo()


def test_missing_rows(alice, seeded):
    with pytest.raises(NotFound):
        alice.update_item(999_999, {"value": 1}, base_version=1)
    with pytest.raises(NotFound):
        alice.add_item(999_999, "metric", {"value": 1})
    with pytest.raises(NotFound):
        alice.set_report_state(999_999, "done", base_version=1)


def test_add_update_and_delete_a_reviewer_item(alice, seeded):
    report_id = seeded[0]["id"]
    added = alice.add_item(report_id, "field", {"value": "某市司法局"}, start=0, end=5, key="issuer")
    item = added.item
    assert (item["state"], item["source"], item["kind"], item["key"], item["version"]) == (
        "added",
        "reviewer",
        "field",
        "issuer",
        1,
    )
    assert item["extracted"] is None and alice.item(added.item_id) == item
    updated = alice.update_item(added.item_id, {"value": "某市人民政府"}, base_version=1).item
    assert updated["state"] == "added"  # stays added
    deleted = alice.delete_item(added.item_id, base_version=2)
    assert deleted.item is None and deleted.item_id == added.item_id
    with pytest.raises(NotFound):
        alice.item(added.item_id)
    history = alice.history(report_id)
    assert [h["action"] for h in history] == ["add", "update", "delete"]
    assert all(h["item_id"] == added.item_id for h in history)  # kept even though the row is gone
    assert history[2]["old"]["data"] == {"value": "某市人民政府"} and history[2]["new"] is None


def test_extractor_items_are_rejected_not_deleted(alice, seeded):
    with pytest.raises(InvalidEdit, match="reject it"):
        alice.delete_item(seeded[0]["items"][0], base_version=1)
    with pytest.raises(InvalidEdit):
        alice.add_item(seeded[0]["id"], "table", {"value": 1})


def test_report_state(alice, bob, seeded):
    report_id = seeded[0]["id"]
    assert alice.report(report_id)["state"] == "new"
    change = alice.set_report_state(report_id, "in_review", base_version=1)
    assert (change.report_state, change.item_id, change.action) == ("in_review", None, "state")
    assert alice.report(report_id)["version"] == 2
    with pytest.raises(ConflictError) as caught:
        bob.set_report_state(report_id, "flagged", base_version=1)
    assert "alice" in str(caught.value) and "in_review" in str(caught.value) and "flagged" in str(caught.value)
    with pytest.raises(InvalidEdit):
        alice.set_report_state(report_id, "finished", base_version=2)
    alice.set_report_state(report_id, "done", base_version=2)
    assert alice.undo(report_id).report_state == "in_review"
    assert alice.redo(report_id).report_state == "done"
    assert [h["target"] for h in alice.history(report_id)] == ["report"] * 4


def test_undo_redo_order(alice, seeded):
    a, b, c = seeded[0]["items"]
    alice.update_item(a, {"value": "A"}, base_version=1)
    alice.update_item(b, {"value": "B"}, base_version=1)
    alice.accept(c, base_version=1)
    assert alice.undo().item_id == c and alice.item(c)["state"] == "pending"
    assert alice.undo().item_id == b and alice.item(b)["data"]["value"] == 53
    assert alice.item(b)["source"] == "extractor" and alice.item(b)["state"] == "pending"
    assert alice.redo().item_id == b and alice.item(b)["data"] == {"value": "B"}
    assert alice.redo().item_id == c and alice.item(c)["state"] == "accepted"
    assert alice.redo() is None
    assert alice.undo().item_id == c
    alice.update_item(a, {"value": "A2"}, base_version=2)  # a new edit: the redo stack is gone
    assert alice.redo() is None
    assert alice.undo().item_id == a and alice.item(a)["data"] == {"value": "A"}
    assert alice.undo().item_id == b  # c is already undone
    assert alice.undo().item_id == a and alice.item(a)["data"]["value"] == 52
    assert alice.undo() is None
    history = alice.history(seeded[0]["id"])
    undos = [h for h in history if h["action"] == "undo"]
    assert all(h["reverts"] is not None for h in undos)
    assert [h["undone"] for h in history if h["action"] not in ("undo", "redo")] == [True] * 4
    assert all(h["undone"] is False for h in history if h["action"] in ("undo", "redo"))


def test_versions_advance_through_undo(alice, seeded):
    item_id = seeded[0]["items"][0]
    alice.update_item(item_id, {"value": 1}, base_version=1)
    undone = alice.undo()
    assert undone.item["version"] == 3
    with pytest.raises(ConflictError):  # an editor that still shows version 2 must reload
        alice.update_item(item_id, {"value": 2}, base_version=2)
    assert alice.update_item(item_id, {"value": 2}, base_version=3).item["version"] == 4


def test_undo_and_redo_of_add_and_delete_keep_the_id(alice, seeded):
    report_id = seeded[0]["id"]
    added = alice.add_item(report_id, "metric", {"value": 7, "unit": "人"})
    assert alice.undo().item is None
    with pytest.raises(NotFound):
        alice.item(added.item_id)
    redone = alice.redo()
    assert redone.item_id == added.item_id and alice.item(added.item_id)["data"] == {"value": 7, "unit": "人"}
    alice.delete_item(added.item_id, base_version=redone.item["version"])
    restored = alice.undo()
    assert restored.item_id == added.item_id and restored.item["state"] == "added"
    assert alice.item(added.item_id)["data"] == {"value": 7, "unit": "人"}
    newer = alice.add_item(report_id, "metric", {"value": 8})
    assert newer.item_id > added.item_id  # ids are never reused


def test_undo_is_scoped_to_the_reviewer_and_report(alice, bob, seeded):
    first, second = seeded
    alice.update_item(first["items"][0], {"value": "a1"}, base_version=1)
    alice.update_item(second["items"][0], {"value": "a2"}, base_version=1)
    bob.update_item(first["items"][1], {"value": "b1"}, base_version=1)
    assert alice.undo(first["id"]).item_id == first["items"][0]  # not the later edit of the other report
    assert alice.undo().item_id == second["items"][0]
    assert alice.undo() is None  # bob's edit is bob's to undo
    assert bob.item(first["items"][1])["data"] == {"value": "b1"}


def test_undo_refuses_to_overwrite_someone_elses_later_edit(alice, bob, seeded):
    item_id = seeded[0]["items"][0]
    alice.update_item(item_id, {"value": 60}, base_version=1)
    bob.update_item(item_id, {"value": 61}, base_version=2)
    with pytest.raises(ConflictError) as caught:
        alice.undo()
    assert "bob" in str(caught.value) and "61" in str(caught.value)
    assert alice.item(item_id)["data"] == {"value": 61}
    assert len(alice.history(seeded[0]["id"])) == 2


def test_undo_and_redo_across_restarts(store_location, seeded, store):
    item_id = seeded[0]["items"][0]
    Operations(store, "alice").update_item(item_id, {"value": 60}, base_version=1)
    store.close()
    reopened = open_store(store_location)
    try:
        assert Operations(reopened, "alice").undo().item["data"]["value"] == 52
    finally:
        reopened.close()
    again = open_store(store_location)
    try:
        ops = Operations(again, "alice")
        assert ops.redo().item["data"] == {"value": 60}
        assert [h["action"] for h in ops.history(seeded[0]["id"])] == ["update", "undo", "redo"]
    finally:
        again.close()


def test_a_reviewer_name_is_required(store):
    with pytest.raises(ValueError):
        Operations(store, "  ")
