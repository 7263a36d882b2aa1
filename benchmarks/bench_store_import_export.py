"""Store speed: importing a synthetic corpus, and exporting it as jsonl, csv and xlsx.

1. Import: N synthetic reports (default 10,000; built like bench_extract.py's
   `synthetic_reports`: a title line plus seed paragraphs drawn with replacement, about the
   seeds' mean length) written to a temp folder as .txt, imported into a new library with
   `import_paths` on all cores (read and extract in the pool; the main process writes the
   files in groups, each file whole). Each round uses a fresh library; the time includes the
   process pool's start-up. Also printed: the main process's CPU time per report (user +
   system; the workers' time is not in it: mostly the writing), which varies less than the
   wall time on a machine shared with other work.
2. Export: the library of the last import round, exported to jsonl, csv and xlsx (each
   format `--rounds` times).

Goals: import >= 200 reports/s on a 2-core machine; jsonl export of 10,000
reports <= 10 s.

``--backend postgresql`` (a throwaway server from tools/postgres_for_tests.sh, durable
settings) or ``--db postgresql+psycopg://...`` (scratch databases made and dropped on that
server) measure the same on PostgreSQL; see bench_store_edits.py. On PostgreSQL the export
takes the generic path (rows parsed in Python), not SQLite's JSON functions.

    .venv/bin/python benchmarks/bench_store_import_export.py [--reports 10000] [--rounds 1] [--import-only]
                                                             [--backend sqlite|postgresql | --db URL]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import synthetic_reports
from bench_store_edits import add_backend_arguments, libraries, library_size_mb

from desktop.store.db import open_store
from desktop.store.exporter import export
from desktop.store.importer import import_paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=1, help="import rounds and export rounds per format")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--import-only", action="store_true", help="skip the exports")
    add_backend_arguments(parser)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="fazhi-bench-"))
    try:
        with libraries(args, work) as (backend, new):
            print(
                f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
                f"library: {backend}"
            )
            run(args, work, new)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(args: argparse.Namespace, work: Path, new) -> None:
    """Import rounds into fresh libraries from ``new(name)``, then the exports of the last one."""
    corpus = work / "corpus"
    corpus.mkdir()
    for i, text in enumerate(synthetic_reports(args.reports)):
        (corpus / f"{i:06d}.txt").write_text(text, encoding="utf-8")
    times = []
    main_cpu = []  # the main process's CPU seconds per round
    store = None
    for r in range(args.rounds):
        if store is not None:
            store.close()
        db = new(f"library-{r}")
        store = open_store(db)
        start, cpu = time.perf_counter(), os.times()
        result = import_paths(store, [corpus], workers=args.workers)
        times.append(time.perf_counter() - start)
        now = os.times()
        main_cpu.append(now.user - cpu.user + now.system - cpu.system)
        assert len(result.imported) == args.reports, result.summary()
    median = statistics.median(times)
    print(
        f"import: {args.reports:,} reports, {args.rounds} rounds: median {median:.1f} s, "
        f"{args.reports / median:,.0f} reports/s (min {min(times):.1f} s, max {max(times):.1f} s); "
        f"library {library_size_mb(db) * 1e6 / 2**20:,.0f} MB"
    )
    print(
        f"import, main process CPU: median {statistics.median(main_cpu) * 1000 / args.reports:.2f} ms/report "
        f"(min {min(main_cpu) * 1000 / args.reports:.2f}, max {max(main_cpu) * 1000 / args.reports:.2f})"
    )
    for fmt in () if args.import_only else ("jsonl", "csv", "xlsx"):
        times = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            written = export(store, work / f"out.{fmt}", fmt)
            times.append(time.perf_counter() - start)
        size = sum(p.stat().st_size for p in written)
        print(
            f"export {fmt}: {args.reports:,} reports: median {statistics.median(times):.1f} s "
            f"({args.reports / statistics.median(times):,.0f} reports/s), {size / 2**20:,.0f} MB"
        )
    store.close()


if __name__ == "__main__":
    main()
