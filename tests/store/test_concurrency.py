"""Two processes editing the same items of one library at the same time: every edit is
either saved or refused with a ConflictError that names the other value; nothing is lost.
On SQLite (BEGIN IMMEDIATE) and on PostgreSQL (READ COMMITTED, the row locked FOR NO KEY
UPDATE when read: see desktop/store/ops.py)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from sqlalchemy import select

from desktop.store.db import open_store
from desktop.store.models import Edit, Item

WORKER = Path(__file__).with_name("edit_worker.py")
ATTEMPTS = 150


def race(location, item_ids: list[int], names=("alice", "bob"), attempts: int = ATTEMPTS) -> dict[str, list[dict]]:
    """Each name a process making ``attempts`` read-then-write updates of ``item_ids``."""
    with tempfile.TemporaryDirectory() as barrier:  # where the workers wait for each other
        workers = {
            name: subprocess.Popen(
                [
                    sys.executable,
                    str(WORKER),
                    "conflict",
                    str(location),
                    str(n),
                    str(attempts),
                    name,
                    barrier,
                    ",".join(names),
                    *map(str, item_ids),
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for n, name in enumerate(names)
        }
        results = {}
        for name, worker in workers.items():
            out, err = worker.communicate(timeout=240)
            assert worker.returncode == 0, err
            results[name] = [json.loads(line) for line in out.splitlines()]
    return results


def test_two_processes_never_lose_an_update_silently(store_location, seed, backend):
    store = open_store(store_location)
    item_ids = seed(store, reports=1, items=2)[0]["items"]
    store.close()

    results = race(store_location, item_ids)
    saved = {name: [r for r in rs if "ok" in r] for name, rs in results.items()}
    refused = {name: [r for r in rs if "conflict" in r] for name, rs in results.items()}
    for name in results:  # every attempt has an outcome
        assert len(saved[name]) + len(refused[name]) == ATTEMPTS
    assert all(saved.values()), "both reviewers saved edits"
    assert sum(map(len, refused.values())) > 0, "the race produced no conflict: the test proves nothing"

    if backend == "sqlite":
        with sqlite3.connect(store_location) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store = open_store(store_location)
    try:
        with store.session(readonly=True) as session:
            edits = {
                row.id: (row.reviewer, row.item_id, row.new)
                for row in session.execute(select(Edit.id, Edit.reviewer, Edit.item_id, Edit.new))
            }
            items = {
                row.id: (row.data, row.version)
                for row in session.execute(select(Item.id, Item.data, Item.version).where(Item.id.in_(item_ids)))
            }
    finally:
        store.close()
    # exactly the saved edits are in the history, with the values that were saved
    assert len(edits) == sum(map(len, saved.values()))
    for name, rows in saved.items():
        for r in rows:
            assert edits[r["ok"]][:2] == (name, r["item"])
            assert edits[r["ok"]][2]["data"] == {"value": r["value"]}
    # each item holds the value of its last saved edit, and its version counts every edit
    for item_id in item_ids:
        last = max(edit_id for edit_id, (_, item, _) in edits.items() if item == item_id)
        data, version = items[item_id]
        assert data == edits[last][2]["data"]
        assert version == 1 + sum(1 for _, item, _ in edits.values() if item == item_id)
        # the history is a chain: each edit starts from the version the previous one left
        chain = sorted((edit_id, new["version"]) for edit_id, (_, item, new) in edits.items() if item == item_id)
        assert [v for _, v in chain] == list(range(2, version + 1))

    for name, rows in refused.items():
        other = "bob" if name == "alice" else "alice"
        for r in rows:
            message = r["message"]
            assert "was not saved" in message and f"({r['value']})" in message
            assert str(r["current"]) in message  # the value now in the library is shown
            assert other in message  # who changed it
    print(backend, {name: (len(saved[name]), len(refused[name])) for name in results})


def test_a_writer_that_waits_for_the_row_sees_the_other_reviewers_value(store, seeded):
    """Deterministic: bob's edit starts while alice's transaction has changed the item but not
    committed. Bob waits (SQLite: for the write lock; PostgreSQL: for the row, FOR NO KEY
    UPDATE), then reads what alice committed and is refused, her name and value shown."""
    import threading

    from desktop.store.ops import ConflictError, Operations

    item_id = seeded[0]["items"][0]
    alice, bob = Operations(store, "alice"), Operations(store, "bob")
    inside, release = threading.Event(), threading.Event()
    record = alice._record

    def record_and_hold(*args, **kwargs):  # alice's transaction stays open until released
        edit_id = record(*args, **kwargs)
        inside.set()
        assert release.wait(10)
        return edit_id

    alice._record = record_and_hold
    outcome: dict[str, object] = {}

    def bob_edits() -> None:
        try:
            outcome["change"] = bob.update_item(item_id, {"value": 61}, base_version=1)
        except ConflictError as error:
            outcome["error"] = error

    alice_thread = threading.Thread(
        target=lambda: alice.update_item(item_id, {"value": 60, "unit": "件"}, base_version=1)
    )
    alice_thread.start()
    assert inside.wait(10)
    bob_thread = threading.Thread(target=bob_edits)
    bob_thread.start()
    release.set()
    alice_thread.join(10)
    bob_thread.join(10)
    error = outcome.get("error")
    # refused with alice's committed value: bob's read came after her commit, so he waited
    assert isinstance(error, ConflictError), outcome
    assert "alice" in str(error) and "60件" in str(error) and "your change (61) was not saved" in str(error)
    assert bob.item(item_id)["data"] == {"value": 60, "unit": "件"} and bob.item(item_id)["version"] == 2
