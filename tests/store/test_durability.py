"""Kill -9 a process in the middle of 1,000 edits, many times: every edit it reported as saved
is in the library, item rows agree with their last edit, and the file is intact."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

WORKER = Path(__file__).with_name("edit_worker.py")
RUNS = 20
EDITS = 1000

pytestmark = [
    pytest.mark.slow,
    pytest.mark.sqlite_only,
]  # a SQLite file's WAL after a kill; PostgreSQL: the server's job


def check_library(path: Path, reported: list[int]) -> None:
    with sqlite3.connect(path) as conn:  # a fresh connection replays the WAL the killed process left
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        saved = {row[0] for row in conn.execute("SELECT id FROM edits")}
        missing = [edit_id for edit_id in reported if edit_id not in saved]
        assert not missing, f"edits reported as saved but not in the library: {missing[:10]}"
        # every item is exactly what its last edit says it became (item and edit commit together)
        latest = conn.execute(
            "SELECT e.item_id, e.new FROM edits e JOIN (SELECT item_id, max(id) AS id FROM "
            "edits WHERE item_id IS NOT NULL GROUP BY item_id) last ON last.id = e.id"
        ).fetchall()
        for item_id, new in latest:
            data, state, source, version = conn.execute(
                "SELECT data, state, source, version FROM items WHERE id=?", (item_id,)
            ).fetchone()
            snapshot = json.loads(new)
            assert (json.loads(data), state, source, version) == (
                snapshot["data"],
                snapshot["state"],
                snapshot["source"],
                snapshot["version"],
            )


def test_sigkill_during_edits_loses_nothing_reported(tmp_path, seed):
    from desktop.store.db import open_store

    path = tmp_path / "library.sqlite3"
    store = open_store(path)
    seed(store, reports=3, items=5)
    store.close()

    rng = random.Random(20261126)
    reported_total = 0
    completed = 0
    mid_edits = 0
    for run in range(RUNS):
        worker = subprocess.Popen(
            [sys.executable, str(WORKER), "durability", str(path), str(run), str(EDITS)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        first = ""
        # one run in five is killed at once, while it starts up and opens the library; the others
        # in the middle of their edits, after a chosen number of them were reported saved
        if run % 5:
            at = rng.randrange(1, EDITS // 2)
            while first.count("\n") <= at and (line := worker.stdout.readline()):
                first += line  # "ready", then one line per saved edit
        os.kill(worker.pid, signal.SIGKILL)
        out, err = worker.communicate(timeout=30)
        out = first + out
        if worker.returncode == 0:
            completed += 1
        else:
            assert worker.returncode == -signal.SIGKILL, err
        lines = out.split("\n")
        complete = lines[:-1]  # the text after the last newline may be a half-written line
        reported = [int(line) for line in complete if line and line != "ready"]
        check_library(path, reported)
        reported_total += len(reported)
        mid_edits += worker.returncode != 0 and bool(reported)
    # every kill but the start-up ones came after edits were saved, however slow the machine
    assert mid_edits >= RUNS - RUNS // 5, (mid_edits, completed, reported_total)
