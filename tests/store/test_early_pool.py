"""``fazhi-review import`` starts its workers before it opens the library
(``desktop.store.preparing.start_early``): only when the library is a SQLite file at the
newest schema, read without writing anything beside it, and when there are files enough."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from desktop.store.db import open_store
from desktop.store.importer import import_paths
from desktop.store.preparing import IN_PROCESS_BELOW, start_early, stored_hashes

pytestmark = pytest.mark.sqlite_only


def _copies(folder, seeds_dir, count: int):
    folder.mkdir()
    seeds = sorted(seeds_dir.glob("*.txt"))
    for n in range(count):
        text = seeds[n % len(seeds)].read_text(encoding="utf-8") + f"\n（副本 {n}）\n"
        (folder / f"{n:03d}.txt").write_text(text, encoding="utf-8")
    return sorted(folder.glob("*.txt"))


def test_stored_hashes_reads_a_library_without_touching_it(tmp_path, seeds_dir):
    path = tmp_path / "lib.sqlite3"
    assert stored_hashes(str(path)) == frozenset()  # no library yet: nothing stored
    assert not path.exists()
    with open_store(path) as store:
        result = import_paths(store, [seeds_dir], workers=1)
        with store.engine.connect() as conn:
            stored = {row[0] for row in conn.exec_driver_sql("SELECT sha256 FROM reports")}
    assert len(result.imported) == 5 and len(stored) == 5
    before = sorted(p.name for p in tmp_path.iterdir())
    assert stored_hashes(str(path)) == stored
    assert stored_hashes(f"sqlite:///{path}") == stored
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no -shm, no -wal made


def test_stored_hashes_leaves_other_libraries_to_the_usual_way(tmp_path, seeds_dir):
    assert stored_hashes(None) is None  # the window's library: opened the usual way
    assert stored_hashes("postgresql://someone@localhost/library") is None
    (tmp_path / "notes.txt").write_text("not a library", encoding="utf-8")
    assert stored_hashes(str(tmp_path / "notes.txt")) is None
    older = tmp_path / "older.sqlite3"
    with open_store(older):
        pass
    with sqlite3.connect(older) as raw:  # a library an older version made: open_store upgrades it first
        raw.execute("UPDATE alembic_version SET version_num = '0006'")
    raw.close()
    assert stored_hashes(str(older)) is None


def test_an_early_pool_skips_what_is_stored_and_imports_the_rest(tmp_path, seeds_dir):
    files = _copies(tmp_path / "in", seeds_dir, 12)
    path = tmp_path / "lib.sqlite3"
    with open_store(path) as store:
        first = import_paths(store, files[:4], workers=1)
    assert start_early(str(path), [str(files[0])], 2) is None  # one file: no pool
    assert start_early(str(path), [str(tmp_path / "in")], 1) is None  # one worker asked for
    pool = start_early(str(path), [str(tmp_path / "in")], 2)
    assert pool is not None and len(pool.known) == 4
    with open_store(path) as store:
        result = import_paths(store, [tmp_path / "in"], workers=2, pool=pool)
    assert [p for p, _ in result.duplicates] == files[:4]
    assert [p for p, _ in result.imported] == files[4:] and not result.failed
    assert dict(result.duplicates) == dict(first.imported)


def test_an_early_pool_not_needed_is_ended(tmp_path, seeds_dir):
    folder = tmp_path / "in"
    _copies(folder, seeds_dir, IN_PROCESS_BELOW)
    pool = start_early(str(tmp_path / "lib.sqlite3"), [str(folder)], 2)
    assert pool is not None
    processes = list(pool.executor._processes.values())
    for extra in sorted(folder.glob("*.txt"))[1:]:
        shutil.move(extra, tmp_path / extra.name)  # one file left: imported in this process
    with open_store(tmp_path / "lib.sqlite3") as store:
        result = import_paths(store, [folder], workers=2, pool=pool)
    assert len(result.imported) == 1
    assert processes and all(not p.is_alive() for p in processes)
