"""Child process for the durability and concurrency tests (run as a script, never imported
by pytest). Prints one line per edit *after* the edit's commit returned. DB is a SQLite
file or any URL open_store takes (a PostgreSQL database, too).

    edit_worker.py durability DB SEED N
        N edits by one reviewer (mostly updates; some accept, undo, redo); prints the edit id.
    edit_worker.py conflict DB SEED N NAME BARRIER NAMES ITEM_ID...
        N read-then-write updates racing the other processes (NAMES, comma-separated); prints a
        JSON line per attempt: {"ok": edit_id, "item": id, "value": v} or
        {"conflict": id, "message": str, "current": v}. All start together (files in the folder
        BARRIER say who is ready), and the first attempt of each is on the first item, written
        only once every process has read it: at least one conflict is certain, however slow
        the machine; the rest race freely.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))  # tests/: the one waiting helper
from sqlalchemy import select
from waiting import wait_until

from desktop.store.db import open_store
from desktop.store.models import Item
from desktop.store.ops import ConflictError, Operations


def durability(db: str, seed: int, n: int) -> None:
    rng = random.Random(seed)
    store = open_store(db)
    ops = Operations(store, "worker")
    with store.session(readonly=True) as session:
        versions = dict(session.execute(select(Item.id, Item.version)).all())
    ids = sorted(versions)
    print("ready", flush=True)
    for i in range(n):
        roll = rng.random()
        change = None
        if roll < 0.05:
            change = ops.undo()
        elif roll < 0.10:
            change = ops.redo()
        else:
            item_id = rng.choice(ids)
            if roll < 0.15:
                change = ops.accept(item_id, base_version=versions[item_id])
            else:
                change = ops.update_item(
                    item_id, {"value": i, "unit": "件", "label": f"seed {seed}"}, base_version=versions[item_id]
                )
        if change is None:
            continue
        if change.item is not None:
            versions[change.item_id] = change.item["version"]
        print(change.edit_id, flush=True)
    store.close()


def _all_at(barrier: Path, step: str, name: str, names: list[str]) -> None:
    (barrier / f"{name}.{step}").touch()
    wait_until(lambda: all((barrier / f"{other}.{step}").exists() for other in names), timeout=120, interval=0.001)


def conflict(db: str, seed: int, n: int, name: str, barrier: Path, names: list[str], item_ids: list[int]) -> None:
    rng = random.Random(seed)
    store = open_store(db)
    ops = Operations(store, name)
    _all_at(barrier, "ready", name, names)
    for i in range(n):
        item_id = item_ids[0] if i == 0 else rng.choice(item_ids)
        seen = ops.item(item_id)  # what the reviewer sees on screen
        if i == 0:
            _all_at(barrier, "read", name, names)  # … while the others read it too
        value = f"{name}-{i}"
        try:
            change = ops.update_item(item_id, {"value": value}, base_version=seen["version"])
        except ConflictError as exc:
            current = exc.current["data"]["value"] if exc.current else None
            print(
                json.dumps(
                    {"conflict": item_id, "message": str(exc), "current": current, "value": value}, ensure_ascii=False
                ),
                flush=True,
            )
        else:
            print(json.dumps({"ok": change.edit_id, "item": item_id, "value": value}), flush=True)
    store.close()


if __name__ == "__main__":
    mode, db, seed, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    if mode == "durability":
        durability(db, seed, n)
    else:
        conflict(db, seed, n, sys.argv[5], Path(sys.argv[6]), sys.argv[7].split(","), [int(a) for a in sys.argv[8:]])
