"""Imports that met hostile files or a hostile machine: stuck workers, a killed import, a full
disk, edits from another process."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_runner import run_cli
from slow_prepare import prepare_or_hang
from waiting import wait_until

from desktop.store.db import LibraryBusy, open_store
from desktop.store.importer import import_paths


def _copies(folder: Path, seeds_dir: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    seeds = sorted(seeds_dir.glob("*.txt"))
    out = []
    for i in range(n):
        path = folder / f"r{i:03d}.txt"
        # each copy different (a duplicate would be skipped): a line of its own number
        path.write_text(seeds[i % len(seeds)].read_text(encoding="utf-8") + f"\n附{i}\n", encoding="utf-8")
        out.append(path)
    return out


def test_a_file_that_hangs_its_worker_is_stopped_and_the_import_goes_on(tmp_path, seeds_dir):
    folder = tmp_path / "in"
    _copies(folder, seeds_dir, 9)
    shutil.copy(sorted(seeds_dir.glob("*.txt"))[0], folder / "stuck.txt")
    with open_store(tmp_path / "lib.sqlite3") as store:
        result = import_paths(store, [folder], workers=2, file_seconds=6, prepare_file=prepare_or_hang)
    assert [(p.name, reason) for p, reason in result.failed] == [
        ("stuck.txt", "reading and extracting it took longer than 6 s: stopped")
    ]
    assert len(result.imported) == 9


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_die_with_a_killed_import(tmp_path, seeds_dir):
    folder = tmp_path / "in"
    _copies(folder, seeds_dir, 12)
    shutil.copy(sorted(seeds_dir.glob("*.txt"))[0], folder / "stuck.txt")  # one worker spins on it
    code = (
        "import sys; sys.path.insert(0, sys.argv[3]); from slow_prepare import prepare_or_hang; "
        "from desktop.store.db import open_store; from desktop.store.importer import import_paths; "
        "import_paths(open_store(sys.argv[1]), [sys.argv[2]], workers=2, file_seconds=600, "
        "prepare_file=prepare_or_hang)"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(tmp_path / "lib.sqlite3"), str(folder), str(Path(__file__).parent)]
    )

    def pool_workers() -> set[int]:
        found = {pid for pid in _children(proc.pid) if "multiprocessing" in Path(f"/proc/{pid}/cmdline").read_text()}
        return found if len(found) >= 2 else set()

    wait_until(pool_workers, timeout=60)  # the pool is up
    everything = _children(proc.pid)  # workers and the resource tracker
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    wait_until(lambda: not [pid for pid in everything if _alive(pid)], timeout=15)


def test_an_edit_refused_while_another_process_writes_says_the_library_is_busy(tmp_path, monkeypatch):
    from desktop.store import db

    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "lib.sqlite3"
    with open_store(path) as store:
        other = sqlite3.connect(path, isolation_level=None)  # another process's import, holding the lock
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(LibraryBusy) as info, store.session() as session:
                session.connection()
        finally:
            other.execute("ROLLBACK")
            other.close()
    assert str(info.value).startswith("the library is busy: another program (an import?) has been writing")
    assert "SQL" not in str(info.value) and "BEGIN" not in str(info.value)


def test_an_import_leaves_the_write_lock_free_between_groups(tmp_path, seeds_dir, monkeypatch):
    # Another process's edit polls for SQLite's lock every 100 ms at most: after a group
    # that held the lock, the next group must not take it again at once.
    from sqlalchemy import event

    from desktop.store import importer

    monkeypatch.setattr(importer, "GROUP_WRITE_SECONDS", 0.0)  # one file a group
    monkeypatch.setattr(importer, "GAP_EVERY_SECONDS", 0.0)  # a gap after every group
    files = _copies(tmp_path / "in", seeds_dir, 6)
    prepared = [(path, importer.prepare(path, path.name, frozenset())) for path in files]
    held: list[list[float]] = []  # [BEGIN IMMEDIATE, COMMIT] of each transaction

    with open_store(tmp_path / "lib.sqlite3") as store:

        def before(conn, cursor, statement, *args) -> None:
            if statement == "BEGIN IMMEDIATE":
                held.append([time.monotonic()])

        def committed(conn) -> None:
            held[-1].append(time.monotonic())

        event.listen(store.engine, "before_cursor_execute", before)
        event.listen(store.engine, "commit", committed)
        report = importer.ImportReport()
        writer = importer._GroupWriter(store, report, {}, len(files), None)
        for path, outcome in prepared:
            writer.waiting.append((path, outcome))  # all ready at once: groups back to back
        writer.flush()
        writer.close()
    assert len(report.imported) == 6 and len(held) == 6
    gaps = [nxt[0] - prev[1] for prev, nxt in zip(held, held[1:])]
    assert min(gaps) >= 0.1  # before: a millisecond or two


def _small_disk(tmp_path: Path, megabytes: int) -> Path:
    mount = tmp_path / "disk"
    mount.mkdir()
    if (
        os.geteuid() != 0
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(mount)], capture_output=True
        ).returncode
        != 0
    ):
        pytest.skip("needs a small file system (mount -t tmpfs, as root)")
    return mount


@pytest.fixture
def small_disk(tmp_path):
    mount = _small_disk(tmp_path, 3)
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_during_import_is_one_line_with_what_was_committed(small_disk, tmp_path, seeds_dir):
    folder = tmp_path / "in"
    _copies(folder, seeds_dir, 30)
    result = run_cli("import", folder, "--db", small_disk / "lib.sqlite3", "--workers", "1")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith("fazhi-review: the disk is full: free some space")
    assert "Traceback" not in result.stderr
    imported = [line for line in result.stdout.splitlines() if line.startswith("imported\t")]
    assert 0 < len(imported) < 30
    with sqlite3.connect(small_disk / "lib.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM reports").fetchone()[0] == len(imported)


def test_a_full_disk_during_backup_and_export_leaves_no_temp_files(small_disk, tmp_path, seeds_dir):
    folder = tmp_path / "in"
    _copies(folder, seeds_dir, 10)
    db = tmp_path / "lib.sqlite3"
    assert run_cli("import", folder, "--db", db, "--workers", "1").returncode == 0
    (small_disk / "filler").write_bytes(b"\0" * (3 * 2**20 - 64 * 1024))  # all but 64 KB
    for command in (
        ["backup", small_disk / "copy.bak"],
        ["export", "--format", "xlsx", "--out", small_disk / "d.xlsx"],
        ["export", "--format", "jsonl", "--out", small_disk / "d.jsonl"],
    ):
        result = run_cli(*command, "--db", db)
        assert result.returncode == 1, result.stdout
        assert "the disk is full" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]


def test_a_postgresql_server_stopped_mid_import_is_one_line_with_what_was_committed(tmp_path, seeds_dir):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
    import pg_testing

    if pg_testing.server_binaries() is None:
        pytest.skip("needs PostgreSQL's server binaries to start (and stop) a server of its own")
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    url = pg_testing.start_server()
    stopped = False
    try:
        folder = tmp_path / "in"
        _copies(folder, seeds_dir, 40)
        proc = subprocess.Popen(
            [sys.executable, "-m", "desktop.cli.main", "import", str(folder), "--db", url, "--workers", "1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        engine = create_engine(url, poolclass=NullPool)

        def three_reports_or_exit() -> bool:
            if proc.poll() is not None:
                return True
            try:
                with engine.connect() as conn:
                    return conn.execute(text("SELECT count(*) FROM reports")).scalar_one() >= 3
            except Exception:
                return False

        wait_until(three_reports_or_exit, timeout=120)
        engine.dispose()
        assert proc.poll() is None, "the import ended before the server was stopped"
        pg_testing.stop_server(url)
        stopped = True
        out, err = proc.communicate(timeout=120)
    finally:
        if not stopped:
            pg_testing.stop_server(url)
    assert proc.returncode == 1, err
    assert "Traceback" not in err
    last = err.strip().splitlines()[-1]
    assert last.startswith("fazhi-review: lost the connection to the PostgreSQL server of postgresql+psycopg://")
    assert last.endswith("the import stopped; the files listed above are in the library, each one whole")
    assert sum(line.startswith("imported\t") for line in out.splitlines()) >= 3
