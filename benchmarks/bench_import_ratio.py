"""What storing costs next to extracting: `import` against `extract` of the same corpus.

The corpus: ``--reports`` files (default 300), copies of the bundled seeds, each made unique by
a last line naming the copy (the importer skips duplicates by their sha256). Each round runs,
as whole processes and in alternating order (so that a drift of the shared machine's speed
hits both), ``fazhi-review import CORPUS --db NEW`` into a new library and
``fazhi-review extract CORPUS --format jsonl > /dev/null``. Printed: each command's median
wall time, and the median of the rounds' ratios import / extract. Goal: <= 1.4.

The import's library is left with its search backlog (the window indexes it in the
background); ``--index`` adds a third command per round, ``fazhi-review index --db LIB``,
and prints its median too.

    .venv/bin/python benchmarks/bench_import_ratio.py [--reports 300] [--rounds 7] [--index]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAZHI = [sys.executable, "-m", "desktop.launch"]
GOAL = 1.4


def make_corpus(folder: Path, count: int) -> int:
    """``count`` unique copies of the seeds in ``folder``; returns their total characters."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    chars = 0
    for n in range(count):
        seed = seeds[n % len(seeds)]
        text = seed.read_text(encoding="utf-8") + f"\n（副本 {n}）\n"
        (folder / f"{n:04d}_{seed.name}").write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--index", action="store_true", help="also time `fazhi-review index` after each import")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="fazhi-ratio-"))
    try:
        corpus = work / "corpus"
        corpus.mkdir()
        chars = make_corpus(corpus, args.reports)
        print(
            f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
            f"{args.reports} reports, {chars:,} characters; {args.rounds} rounds"
        )
        imports, extracts, indexes, ratios = [], [], [], []
        for n in range(args.rounds):
            library = work / f"library-{n}.sqlite3"
            run_import = FAZHI + ["import", str(corpus), "--db", str(library)]
            run_extract = FAZHI + ["extract", str(corpus), "--format", "jsonl"]
            if n % 2 == 0:
                imported, extracted = timed(run_import), timed(run_extract)
            else:
                extracted, imported = timed(run_extract), timed(run_import)
            imports.append(imported)
            extracts.append(extracted)
            ratios.append(imported / extracted)
            line = f"round {n + 1}: import {imported:.2f} s, extract {extracted:.2f} s, ratio {ratios[-1]:.2f}"
            if args.index:
                indexes.append(timed(FAZHI + ["index", "--db", str(library)]))
                line += f", index {indexes[-1]:.2f} s"
            print(line, flush=True)
        print(f"import:  median {statistics.median(imports):.2f} s")
        print(f"extract: median {statistics.median(extracts):.2f} s")
        if indexes:
            print(f"index:   median {statistics.median(indexes):.2f} s (after the import, not in its time)")
        ratio = statistics.median(ratios)
        print(f"import / extract: median ratio {ratio:.2f} (goal <= {GOAL}) {'MET' if ratio <= GOAL else 'NOT MET'}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
