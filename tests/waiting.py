"""The one way a test waits: for a condition, with a deadline, never for a fixed time."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_until(condition: Callable[[], T], timeout: float = 30.0, interval: float = 0.02) -> T:
    """Poll ``condition`` until it returns something true, and return that; fail after ``timeout`` s.

    A slow machine only makes the wait longer, never the test wrong."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() >= deadline:
            raise AssertionError(f"waited {timeout:g} s for {getattr(condition, '__name__', condition)}")
        time.sleep(interval)
