"""Full extraction speed: the seeds on one core, and a synthetic 10,000-report corpus on all cores.

1. Seeds, one core: every round reads the 5 seeds from disk and extracts everything
   (`extract_path`: read, normalise, metadata, sections, parts, metrics, flags, and the JSON
   objects of the contract). The first round warms the caches and is not counted.
2. Synthetic corpus, all cores: 10,000 reports, each a title line plus paragraphs drawn
   (seeded, with replacement) from the seeds' paragraphs, about the seeds' mean length.
   Extraction from text in memory (`extract_source`), spread over a process pool; process
   start-up and warm-up are excluded by timing from the first result on.

    .venv/bin/python benchmarks/bench_extract.py [--rounds 40] [--reports 10000]
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import platform
import random
import statistics
import time
from pathlib import Path

from desktop.core.extract import extract_path, extract_source
from desktop.core.reading import ReadResult

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seeds_one_core(rounds: int) -> tuple[float, list[float], float, int]:
    """Median and sorted wall-clock rates, and the median rate in this process's CPU time
    (less disturbed by other jobs on a shared machine)."""
    paths = sorted(SEEDS.glob("*.txt"))
    for path in paths:
        extract_path(path).to_json()
    rates = []
    cpu_rates = []
    chars = 0
    for _ in range(rounds):
        chars = 0
        start = time.perf_counter()
        cpu_start = time.process_time()
        for path in paths:
            extraction = extract_path(path)
            extraction.to_json()
            chars += len(extraction.source.text)
        cpu = time.process_time() - cpu_start
        rates.append(chars / (time.perf_counter() - start))
        cpu_rates.append(chars / cpu if cpu > 0 else float("inf"))
    return statistics.median(rates), sorted(rates), statistics.median(cpu_rates), chars


def synthetic_reports(count: int, seed: int = 20261125) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    paragraphs = [line for text in texts for line in text.split("\n") if len(line.strip()) >= 20]
    mean_length = sum(map(len, texts)) // len(texts)
    rng = random.Random(seed)
    reports = []
    for i in range(count):
        body: list[str] = [f"示例市第{i}区人民政府2023年法治政府建设年度报告"]
        size = 0
        while size < mean_length:
            paragraph = rng.choice(paragraphs)
            body.append(paragraph)
            size += len(paragraph) + 1
        reports.append("\n".join(body))
    return reports


def _extract_text(text: str) -> int:
    source = ReadResult(
        path=Path("synthetic.txt"),
        text=text,
        encoding="utf-8",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        source_format="txt",
    )
    extract_source(source).to_json()
    return len(text)


def _warm(_: int) -> int:
    return _extract_text("2023年,全市办理行政复议案件52件。\n一、主要举措和成效\n")


def corpus_all_cores(reports: list[str]) -> tuple[float, float, int]:
    workers = os.cpu_count() or 1
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pool.map(_warm, range(workers * 2))
        start = time.perf_counter()
        chars = sum(pool.imap_unordered(_extract_text, reports, chunksize=50))
        seconds = time.perf_counter() - start
    return chars / seconds, seconds, workers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--reports", type=int, default=10_000)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    median, rates, cpu_median, chars = seeds_one_core(args.rounds)
    print(
        f"seeds, one core: {chars:,} characters a round, {args.rounds} rounds: "
        f"median {median:,.0f} chars/s (min {rates[0]:,.0f}, max {rates[-1]:,.0f}); "
        f"in CPU time: median {cpu_median:,.0f} chars/s"
    )
    reports = synthetic_reports(args.reports)
    rate, seconds, workers = corpus_all_cores(reports)
    total = sum(map(len, reports))
    print(
        f"synthetic corpus, {workers} processes: {len(reports):,} reports, {total:,} characters "
        f"in {seconds:.1f} s: {rate:,.0f} chars/s ({rate / workers:,.0f} per core)"
    )


if __name__ == "__main__":
    main()
