"""Linear cost without timing one run: the cost of an input 10 times larger is compared with
the cost of the small one (best of a few runs each, so that a busy machine matters less)."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_time(work: Callable[[], object], rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def growth(make: Callable[[int], object], run: Callable[[object], object], small: int, factor: int = 10) -> float:
    """How many times longer ``run`` takes on ``make(small * factor)`` than on ``make(small)``."""
    a, b = make(small), make(small * factor)
    run(a)  # warm caches (regex compilation, dictionaries) before measuring
    return best_time(lambda: run(b)) / max(best_time(lambda: run(a)), 1e-6)
