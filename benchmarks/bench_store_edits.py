"""Latency of one saved edit: ``Operations.update_item`` on a library of realistic size.

The library (in a temp folder on the same disk as the user's data folder would be, unless
--dir says otherwise) holds 1,000 reports of ~8,000 characters with 80 items each (metrics,
sections, parts, fields), imported directly in one transaction. Each round then saves 2,000
edits to random items, one transaction each (BEGIN IMMEDIATE, read, version check, UPDATE,
history row, COMMIT with synchronous=FULL, i.e. an fsync of the WAL per edit), and records the
wall time of each call until it returned. Medians over the rounds are printed; the first 50
edits of a round warm the caches and are not counted. Goal: p99 <= 10 ms.

PostgreSQL (a team's shared library): ``--backend postgresql`` starts a throwaway server
with ``tools/postgres_for_tests.sh`` (durable settings: fsync, synchronous_commit on; over a
unix socket) and stops it afterwards; ``--db postgresql+psycopg://user@host/db`` uses a
server of yours: the benchmark creates scratch databases ``fazhi_bench_*`` on it (the role
needs CREATEDB) and drops them at the end; the database named is only connected to. An
edit there is READ COMMITTED: SELECT … FOR NO KEY UPDATE, version check, UPDATE, history
row, COMMIT (the server's WAL flush).

    .venv/bin/python benchmarks/bench_store_edits.py [--rounds 3] [--edits 2000] [--reports 1000] [--dir PATH]
                                                     [--backend sqlite|postgresql | --db URL]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import platform
import random
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import create_engine, insert, select
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from desktop.store.db import open_store
from desktop.store.models import Item, Report, utcnow
from desktop.store.ops import Operations

ITEMS_PER_REPORT = 80
KINDS = ["metric"] * 50 + ["section"] * 15 + ["part"] * 5 + ["field"] * 10
SERVER_SCRIPT = Path(__file__).resolve().parent.parent / "tools" / "postgres_for_tests.sh"

Location = Path | str  # a SQLite file or a database URL


# ---------------------------------------------------------------- backends (bench_store_import_export uses these too)


def add_backend_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--backend",
        choices=("sqlite", "postgresql"),
        default="sqlite",
        help="postgresql: a throwaway server started with tools/postgres_for_tests.sh",
    )
    group.add_argument(
        "--db",
        metavar="URL",
        default=None,
        help="a PostgreSQL server to use (scratch databases fazhi_bench_* are made and dropped there)",
    )


@contextlib.contextmanager
def libraries(args: argparse.Namespace, folder: Path) -> Iterator[tuple[str, Callable[[str], Location]]]:
    """(a description of the backend, ``new(name)`` -> the location of a fresh, empty library)."""
    url = args.db
    started = None
    if url is None and args.backend == "postgresql":
        result = subprocess.run(["bash", str(SERVER_SCRIPT), "start"], capture_output=True, text=True, timeout=180)
        if result.returncode != 0:
            raise SystemExit(f"could not start a PostgreSQL server: {result.stderr.strip()}")
        url = started = result.stdout.strip().splitlines()[-1]
    if url is None or make_url(url).get_backend_name() == "sqlite":
        if url is not None:
            raise SystemExit("--db takes a PostgreSQL URL; a SQLite library is the default (--dir for its folder)")
        yield "SQLite (WAL, synchronous=FULL)", lambda name: folder / f"{name}.sqlite3"
        return
    base = make_url(url)
    if base.drivername == "postgresql":
        base = base.set(drivername="postgresql+psycopg")
    admin = create_engine(base, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    made: list[str] = []

    def new(name: str) -> str:
        database = f"fazhi_bench_{os.getpid()}_{name}".lower()
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{database}"')
            conn.exec_driver_sql(f'CREATE DATABASE "{database}"')
        made.append(database)
        return base.set(database=database).render_as_string(hide_password=False)

    try:
        with admin.connect() as conn:
            version = conn.exec_driver_sql("SHOW server_version").scalar()
            fsync = conn.exec_driver_sql("SHOW fsync").scalar()
            sync = conn.exec_driver_sql("SHOW synchronous_commit").scalar()
        where = "a throwaway server" if started else base.render_as_string(hide_password=True)
        yield f"PostgreSQL {version} ({where}; fsync={fsync}, synchronous_commit={sync})", new
    finally:
        with admin.connect() as conn:
            for database in made:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        admin.dispose()
        if started:
            subprocess.run(["bash", str(SERVER_SCRIPT), "stop", started], capture_output=True, timeout=180)


def library_size_mb(location: Location) -> float:
    if isinstance(location, Path):
        return location.stat().st_size / 1e6
    engine = create_engine(location, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return conn.exec_driver_sql("SELECT pg_database_size(current_database())").scalar() / 1e6
    finally:
        engine.dispose()


# ---------------------------------------------------------------- the benchmark


def build_library(path: Location, reports: int, seed: int = 20261126) -> None:
    rng = random.Random(seed)
    store = open_store(path)
    paragraph = "本年度共办理行政复议案件52件，依法纠正违法或不当行政行为3件，行政机关负责人出庭应诉率达到100%。"
    with store.engine.begin() as conn:
        for r in range(reports):
            text = f"示例市第{r}区人民政府2023年法治政府建设年度报告\n" + paragraph * 160
            report_id = conn.execute(
                insert(Report.__table__),
                [
                    {
                        "file_name": f"report-{r:05d}.txt",
                        "sha256": hashlib.sha256(f"{r}{text}".encode()).hexdigest(),
                        "text": text,
                        "encoding": "utf-8",
                        "source_format": "txt",
                        "imported_at": utcnow(),
                        "state": "new",
                        "flags": [],
                        "version": 1,
                    }
                ],
            ).inserted_primary_key[0]
            rows = []
            for i, kind in enumerate(KINDS[:ITEMS_PER_REPORT]):
                start = rng.randrange(0, len(text) - 20)
                if kind == "metric":
                    data = {
                        "text": "52件",
                        "start": start,
                        "end": start + 3,
                        "value": rng.randrange(1, 10_000),
                        "unit": "件",
                        "approx": False,
                        "label": "办理行政复议案件",
                        "indicator": "admin_review_cases",
                        "confidence": 0.9,
                    }
                elif kind == "section":
                    data = {
                        "level": 1,
                        "number": str(i),
                        "title": "一、推进依法行政",
                        "inferred": False,
                        "start": start,
                        "end": start + 400,
                        "confidence": 0.95,
                    }
                elif kind == "part":
                    data = {"part": "achievements", "start": start, "end": start + 2000, "confidence": 0.8}
                else:
                    data = {"value": "示例市人民政府"}
                rows.append(
                    {
                        "report_id": report_id,
                        "kind": kind,
                        "key": f"f{i}" if kind == "field" else None,
                        "start": start,
                        "end": start + 3,
                        "data": data,
                        "extracted": data,
                        "source": "extractor",
                        "state": "pending",
                        "confidence": 0.9,
                        "run_id": None,
                        "version": 1,
                        "updated_at": utcnow(),
                    }
                )
            conn.execute(insert(Item.__table__), rows)
    store.close()


def percentile(sorted_values: list[float], q: float) -> float:
    index = min(len(sorted_values) - 1, max(0, round(q * (len(sorted_values) - 1))))
    return sorted_values[index]


def one_round(path: Location, edits: int, seed: int) -> tuple[float, float, float]:
    rng = random.Random(seed)
    store = open_store(path)
    ops = Operations(store, f"bench-{seed}")
    with store.session(readonly=True) as session:
        versions = dict(session.execute(select(Item.id, Item.version)).all())
    ids = list(versions)
    timings = []
    warm = 50
    for n in range(edits + warm):
        item_id = rng.choice(ids)
        start = time.perf_counter()
        change = ops.update_item(
            item_id, {"value": n, "unit": "件", "label": "办理行政复议案件"}, base_version=versions[item_id]
        )
        elapsed = time.perf_counter() - start
        versions[item_id] = change.item["version"]
        if n >= warm:
            timings.append(elapsed * 1000)
    store.close()
    timings.sort()
    return percentile(timings, 0.50), percentile(timings, 0.99), timings[-1]


def disk_sync_floor(folder: Path, samples: int = 2000) -> tuple[float, float]:
    """p50/p99 of appending 24 KB (about one edit's WAL frames) and fdatasync: the disk's floor."""
    fd = os.open(folder / "sync-probe", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    timings = []
    try:
        for _ in range(samples):
            os.write(fd, b"x" * 24576)
            start = time.perf_counter()
            os.fdatasync(fd)
            timings.append((time.perf_counter() - start) * 1000)
    finally:
        os.close(fd)
        os.unlink(folder / "sync-probe")
    timings.sort()
    return percentile(timings, 0.50), percentile(timings, 0.99)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--edits", type=int, default=2000)
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--dir", type=Path, default=None, help="folder for the library (default: a temp folder)")
    add_backend_arguments(parser)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(dir=args.dir) as folder, libraries(args, Path(folder)) as (backend, new):
        path = new("library")
        start = time.perf_counter()
        build_library(path, args.reports)
        size_mb = library_size_mb(path)
        print(
            f"library: {backend}, {args.reports} reports x {ITEMS_PER_REPORT} items, {size_mb:.0f} MB "
            f"(built in {time.perf_counter() - start:.1f} s) on {platform.system()} {platform.machine()}, "
            f"{os.cpu_count()} cores, Python {platform.python_version()}"
        )
        floor50, floor99 = disk_sync_floor(Path(folder))
        print(f"disk floor (append 24 KB + fdatasync, no database): p50 {floor50:.2f} ms, p99 {floor99:.2f} ms")
        results = []
        for r in range(args.rounds):
            p50, p99, worst = one_round(path, args.edits, seed=r)
            results.append((p50, p99, worst))
            print(f"  round {r + 1}: {args.edits} edits  p50 {p50:.2f} ms  p99 {p99:.2f} ms  max {worst:.2f} ms")
        p50 = statistics.median(r[0] for r in results)
        p99 = statistics.median(r[1] for r in results)
        print(
            f"update_item (one saved edit) on {backend.split(' (')[0]}, median of {args.rounds} rounds: "
            f"p50 {p50:.2f} ms, p99 {p99:.2f} ms (goal p99 <= 10 ms: {'met' if p99 <= 10 else 'NOT met'})"
        )


if __name__ == "__main__":
    main()
