"""A command that starts at once: ``fazhi-review extract ONE_FILE`` against ``fazhi-review --help``.

Both as whole processes, through the installed ``fazhi-review`` command of this environment,
alternating (``--help``, then one seed, for every seed in turn, ``--rounds`` times) so that a
drift of the shared machine's speed hits both. Printed: the median of each, per seed and
over all, and the median of the pairs' ratios extract / --help. Goal: <= 2.5.

The compiled-regex cache (desktop/core/regex_cache.py) lives in a folder of the benchmark's
own: warm for the measured runs (filled once before them, as any earlier run leaves it), and
cold (emptied before each run) for the separate "first run" line, which is what the very
first command after installing costs.

    .venv/bin/python benchmarks/bench_startup.py [--rounds 7]
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
GOAL = 2.5


def command() -> list[str]:
    installed = Path(sys.executable).with_name("fazhi-review")
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "desktop.launch"]


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    fazhi = command()
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    cache = Path(tempfile.mkdtemp(prefix="fazhi-startup-"))
    env = {**os.environ, "FAZHI_REGEX_CACHE": str(cache)}
    try:
        cold = []
        for seed in seeds:
            shutil.rmtree(cache, ignore_errors=True)
            cold.append(timed([*fazhi, "extract", str(seed)], env))
        for seed in seeds:  # the warm cache: every pattern any seed needs
            timed([*fazhi, "extract", str(seed)], env)
        helps: list[float] = []
        extracts: dict[str, list[float]] = {seed.name: [] for seed in seeds}
        ratios: list[float] = []
        for _ in range(args.rounds):
            for seed in seeds:
                help_time = timed([*fazhi, "--help"], env)
                extract_time = timed([*fazhi, "extract", str(seed)], env)
                helps.append(help_time)
                extracts[seed.name].append(extract_time)
                ratios.append(extract_time / help_time)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    every = [t for times in extracts.values() for t in times]
    print(f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores; {' '.join(fazhi)}")
    print(f"{args.rounds} rounds x {len(seeds)} seeds, alternating --help / extract ONE_FILE")
    for name, times in extracts.items():
        print(f"  extract {name}: median {statistics.median(times):.3f} s")
    print(f"--help: median {statistics.median(helps):.3f} s")
    first = statistics.median(cold)
    print(f"extract ONE_FILE: median {statistics.median(every):.3f} s (first run, cache cold: {first:.3f} s)")
    ratio = statistics.median(ratios)
    print(
        f"ratio extract / --help: median {ratio:.2f} (pairs: {min(ratios):.2f}-{max(ratios):.2f}); "
        f"goal <= {GOAL}: {'met' if ratio <= GOAL else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
