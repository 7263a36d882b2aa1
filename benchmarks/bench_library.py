"""Library view speed: the queries behind the library table on a 10,000-report library.

The library is built once (synthetic reports as in bench_store_import_export.py, imported
with `import_paths` on all cores) and cached under /tmp (``--cache``); later runs reuse it
(opening it migrates it when the schema moved on). Each query runs ``--rounds`` times after
one warm-up; medians are printed. Then the library table's model is created (first page and
counts) and the process's peak RSS is printed.

Goal (issue: library view): any filter/sort/page query and the count <= 100 ms median, once
the search index holds every report. An import leaves its reports for the index (the window
indexes them in the background, ``desktop.store.derived``): a library with reports waiting
is indexed here first, and that time is printed, with one search made before it.

    .venv/bin/python benchmarks/bench_library.py [--reports 10000] [--rounds 15] [--cache DIR]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_extract import synthetic_reports

from desktop.store import queries
from desktop.store.db import open_store
from desktop.store.derived import backlog_size, index_backlog
from desktop.store.importer import import_paths
from desktop.store.queries import LibraryFilter


def build(path: Path, reports: int) -> None:
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-corpus-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for i, text in enumerate(synthetic_reports(reports)):
            (corpus / f"{i:06d}.txt").write_text(text, encoding="utf-8")
        partial = path.with_name(path.name + ".partial")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{partial}{suffix}").unlink(missing_ok=True)
        store = open_store(partial)
        start = time.perf_counter()
        result = import_paths(store, [corpus])
        store.close()
        assert len(result.imported) == reports, result.summary()
        print(f"built {reports:,} reports in {time.perf_counter() - start:.0f} s")
        os.replace(partial, path)


def median_ms(fn: Callable[[], object], rounds: int) -> tuple[float, object]:
    result = fn()  # warm-up
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "fazhi-bench-library")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    args.cache.mkdir(parents=True, exist_ok=True)
    path = args.cache / f"library-{args.reports}.sqlite3"
    if not path.exists():
        build(path, args.reports)
    start = time.perf_counter()
    store = open_store(path)
    print(f"library {path} ({path.stat().st_size / 2**20:,.0f} MB), opened in {time.perf_counter() - start:.1f} s")
    everything = LibraryFilter()
    waiting = backlog_size(store)
    if waiting:
        start = time.perf_counter()
        found = queries.count_reports(store, LibraryFilter(search="行政复"))
        print(f"3-char search with {waiting:,} reports not indexed: {(time.perf_counter() - start) * 1000:,.0f} ms")
        start = time.perf_counter()
        index_backlog(store)
        print(f"indexed {waiting:,} reports for search in {time.perf_counter() - start:.1f} s (found {found:,} before)")

    def show(label: str, fn: Callable[[], object]) -> None:
        ms, result = median_ms(fn, args.rounds)
        size = result if isinstance(result, int) else len(result)  # type: ignore[arg-type]  # a list when not a count
        print(f"  {label:<40} {ms:7.1f} ms  ({size:,} rows)")

    print(f"medians of {args.rounds} rounds:")
    show("count (no filter)", lambda: queries.count_reports(store, everything))
    for key in queries.SORT_KEYS:
        show(f"first page by {key}", lambda key=key: queries.list_reports(store, everything, sort=key))
        show(
            f"first page by {key}, descending",
            lambda key=key: queries.list_reports(store, everything, sort=key, descending=True),
        )
    show("last page by title", lambda: queries.list_reports(store, everything, sort="title", offset=args.reports - 200))
    facets = queries.facet_values(store)
    province = facets["province"][0] if facets["province"] else None
    flt = LibraryFilter(states=("new", "in_review"), province=province, has_flags=True)
    show(f"filter: state, province {province}, flags", lambda: queries.list_reports(store, flt, sort="year"))
    show("  its count", lambda: queries.count_reports(store, flt))
    show("facet values", lambda: facets and queries.facet_values(store)["province"])
    for label, term in (
        ("3-char search 行政复", "行政复"),
        ("5-char search 法治政府建", "法治政府建"),
        ("2-char search 复议", "复议"),
        ("1-char search 法", "法"),
        ("1-char search 鬼 (none)", "鬼"),
    ):
        search = LibraryFilter(search=term)
        show(label, lambda search=search: queries.list_reports(store, search))
        show("  its count", lambda search=search: queries.count_reports(store, search))
    show("next report needing review", lambda: [queries.next_report_needing_review(store, 5000)])
    show("one row (after an edit)", lambda: [queries.report_row(store, 5000)])

    from PySide6.QtWidgets import QApplication

    from desktop.ui.library_model import LibraryModel

    app = QApplication.instance() or QApplication([])  # noqa: F841 - the model's fonts and icons need it
    show("model: first fetch (page + counts)", lambda: [LibraryModel(store)])
    model = LibraryModel(store)
    show("model: fetchMore (next 200)", lambda: [model.fetchMore()] if model.canFetchMore() else [])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_mb = peak / 2**20 if sys.platform == "darwin" else peak / 2**10
    print(f"peak RSS after loading the model: {peak_mb:,.0f} MB")
    store.close()


if __name__ == "__main__":
    main()
