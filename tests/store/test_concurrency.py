"""Two processes editing the same items of one library at the same time: every edit is
either saved or refused with a ConflictError that names the other value; nothing is lost."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

WORKER = Path(__file__).with_name("edit_worker.py")
ATTEMPTS = 150


def test_two_processes_never_lose_an_update_silently(tmp_path, seed):
    from desktop.store.db import open_store

    path = tmp_path / "library.sqlite3"
    store = open_store(path)
    item_ids = seed(store, reports=1, items=2)[0]["items"]
    store.close()

    start_at = time.time() + 1.5  # both past their imports: they race from here
    workers = {name: subprocess.Popen([sys.executable, str(WORKER), "conflict", str(path), str(n), str(ATTEMPTS),
                                       name, str(start_at), *map(str, item_ids)],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for n, name in enumerate(("alice", "bob"))}
    results = {}
    for name, worker in workers.items():
        out, err = worker.communicate(timeout=60)
        assert worker.returncode == 0, err
        results[name] = [json.loads(line) for line in out.splitlines()]

    saved = {name: [r for r in rs if "ok" in r] for name, rs in results.items()}
    refused = {name: [r for r in rs if "conflict" in r] for name, rs in results.items()}
    for name in results:  # every attempt has an outcome
        assert len(saved[name]) + len(refused[name]) == ATTEMPTS
    assert all(saved.values()), "both reviewers saved edits"
    assert sum(map(len, refused.values())) > 0, "the race produced no conflict: the test proves nothing"

    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        edits = {row[0]: (row[1], row[2], json.loads(row[3])) for row in
                 conn.execute("SELECT id, reviewer, item_id, new FROM edits")}
        # exactly the saved edits are in the history, with the values that were saved
        assert len(edits) == sum(map(len, saved.values()))
        for name, rows in saved.items():
            for r in rows:
                assert edits[r["ok"]][:2] == (name, r["item"])
                assert edits[r["ok"]][2]["data"] == {"value": r["value"]}
        # each item holds the value of its last saved edit
        for item_id in item_ids:
            last = max(edit_id for edit_id, (_, item, _) in edits.items() if item == item_id)
            data = json.loads(conn.execute("SELECT data FROM items WHERE id=?", (item_id,)).fetchone()[0])
            assert data == edits[last][2]["data"]
            version = conn.execute("SELECT version FROM items WHERE id=?", (item_id,)).fetchone()[0]
            assert version == 1 + sum(1 for _, item, _ in edits.values() if item == item_id)

    for name, rows in refused.items():
        other = "bob" if name == "alice" else "alice"
        for r in rows:
            message = r["message"]
            assert "was not saved" in message and f"({r['value']})" in message
            assert str(r["current"]) in message  # the value now in the library is shown
            assert other in message  # who changed it
    print({name: (len(saved[name]), len(refused[name])) for name in results})
