"""Characters per second of read + normalise + metadata on the bundled seeds, one core.

Each round reads every seed from disk, normalises it and extracts its metadata (what
`fazhi-review extract` does before sections, parts and metrics exist). The first round warms
the caches (OpenCC, the gazetteer, the frequency table) and is not counted. Prints the median
and the spread of the rounds, and the machine it ran on.

    .venv/bin/python benchmarks/bench_read_normalise_metadata.py [--rounds 30]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from pathlib import Path

from desktop.core.metadata import extract_metadata
from desktop.core.noise import split_lines
from desktop.core.normalise import normalise
from desktop.core.reading import read_report

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def one_round(paths: list[Path]) -> tuple[int, float]:
    chars = 0
    start = time.perf_counter()
    for path in paths:
        source = read_report(path)
        norm = normalise(source.text)
        extract_metadata(norm, split_lines(norm.text))
        chars += len(source.text)
    return chars, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    paths = sorted(SEEDS.glob("*.txt"))
    one_round(paths)  # warm-up
    rates = []
    for _ in range(args.rounds):
        chars, seconds = one_round(paths)
        rates.append(chars / seconds)
    rates.sort()
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    print(f"read + normalise + metadata, {len(paths)} seeds, {chars:,} characters a round, {args.rounds} rounds")
    print(f"median {statistics.median(rates):,.0f} chars/s (min {rates[0]:,.0f}, max {rates[-1]:,.0f})")


if __name__ == "__main__":
    main()
