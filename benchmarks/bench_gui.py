"""The review window's speed and memory against its goals.

1. Cold start: a fresh ``fazhi-review gui --exit-when-ready`` on the seeds' library with the
   largest seed to open, from the launch (FAZHI_LAUNCHED_AT, taken just before the process
   is started) to the window *usable*: shown, enabled, the keyboard focus in it, and painted
   with the library's rows and the report's text (the first turn of the event loop after
   that paint; desktop/ui/startup.py). Median of ``--rounds`` runs. Goal <= 0.8 s. Also:
   launch to *idle* (the start-up work deferred past the first paint done, the event queue
   drained) and launch to the process gone.
2. Opening the largest seed with all its highlights (text, highlights, four panels, checks),
   in one process, median of ``--rounds`` x 4 opens. Goal <= 100 ms.
3. RSS of the window on a 10,000-report library (the one bench_library.py builds and caches),
   after opening a report and scrolling the library to its end. Goal <= 300 MB.

    .venv/bin/python benchmarks/bench_gui.py [--rounds 7] [--cache DIR] [--skip-large]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FAZHI = [sys.executable, "-m", "desktop.launch"]


def seeds_library(folder: Path) -> tuple[Path, int]:
    """A library with the seeds imported; returns it and the largest seed's report id."""
    from desktop.store.db import open_store
    from desktop.store.importer import import_paths

    path = folder / "seeds.sqlite3"
    store = open_store(path)
    result = import_paths(store, [ROOT / "seeds"], workers=1)
    store.close()
    largest = max(result.imported, key=lambda item: Path(item[0]).stat().st_size)
    return path, largest[1]


def cold_start(
    library: Path, report_id: int, rounds: int, folder: Path
) -> tuple[list[float], list[float], list[float]]:
    """(launch -> usable window, launch -> idle, launch -> process gone) for each run."""
    ready, idle, total = [], [], []
    for n in range(rounds):
        settings = folder / f"start-{n}.ini"
        env = {**os.environ, "FAZHI_LAUNCHED_AT": repr(time.time())}
        start = time.perf_counter()
        out = subprocess.run(
            [
                *FAZHI,
                "gui",
                "--db",
                str(library),
                "--report",
                str(report_id),
                "--settings",
                str(settings),
                "--lang",
                "zh",
                "--exit-when-ready",
            ],
            check=True,
            env=env,
            capture_output=True,
            text=True,
            cwd=ROOT,
        ).stdout
        total.append(time.perf_counter() - start)
        ready.append(float(out.split("ready after ")[1].split()[0]))
        idle.append(float(out.split("idle after ")[1].split()[0]))
    return ready, idle, total


def open_report_times(library: Path, report_id: int, rounds: int, folder: Path) -> list[float]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.store.db import open_store
    from desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    store = open_store(library)
    window = MainWindow(store, QSettings(str(folder / "open.ini"), QSettings.Format.IniFormat), "bench")
    window.show()
    app.processEvents()
    other = 1 if report_id != 1 else 2
    times = []
    for _ in range(rounds * 4):
        window.open_report(other)
        app.processEvents()
        start = time.perf_counter()
        window.open_report(report_id)
        app.processEvents()  # the highlights are painted
        times.append(time.perf_counter() - start)
    window.close()
    store.close()
    return times


RSS_CHILD = """
import os, resource, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from desktop.store.db import open_store
from desktop.ui.main_window import MainWindow
app = QApplication([])
store = open_store(sys.argv[1])
window = MainWindow(store, QSettings(sys.argv[2], QSettings.Format.IniFormat), "bench")
window.show(); app.processEvents()
window.open_report(1); app.processEvents()
model = window.library.model
while model.canFetchMore(model.index(-1, -1)):
    model.fetchMore(model.index(-1, -1))
window.library.table.scrollToBottom(); app.processEvents()
print(model.rowCount(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
os._exit(0)
"""


def large_library_rss(cache: Path, folder: Path) -> tuple[int, int] | None:
    path = cache / "library-10000.sqlite3"
    if not path.exists():
        print(f"(no 10,000-report library at {path}: run benchmarks/bench_library.py first)")
        return None
    copy = folder / "large.sqlite3"
    shutil.copy(path, copy)  # the window may migrate or write settings; keep the cache pristine
    out = subprocess.run(
        [sys.executable, "-c", RSS_CHILD, str(copy), str(folder / "rss.ini")],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout.split()
    return int(out[0]), int(out[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "fazhi-bench-library")
    parser.add_argument("--skip-large", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-gui-") as tmp:
        folder = Path(tmp)
        library, largest = seeds_library(folder)
        starts, idles, totals = cold_start(library, largest, args.rounds, folder)
        print(
            f"cold start to a usable window: median {statistics.median(starts):.2f} s "
            f"(min {min(starts):.2f}, max {max(starts):.2f}, {len(starts)} runs; goal <= 0.8 s); "
            f"launch to idle {statistics.median(idles):.2f} s, to exit {statistics.median(totals):.2f} s"
        )
        opens = open_report_times(library, largest, args.rounds, folder)
        print(
            f"open the largest seed with all highlights: median {statistics.median(opens) * 1000:.1f} ms "
            f"(min {min(opens) * 1000:.1f}, max {max(opens) * 1000:.1f}, {len(opens)} opens; goal <= 100 ms)"
        )
        if not args.skip_large:
            measured = large_library_rss(args.cache, folder)
            if measured:
                rows, rss = measured
                print(f"window on a 10,000-report library, {rows:,} rows loaded: peak RSS {rss} MB (goal <= 300 MB)")
    print(f"this process: peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")


if __name__ == "__main__":
    main()
