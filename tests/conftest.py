"""Shared fixtures: the sample reports in seeds/."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Qt tests run without a screen; set before pytest-qt creates the QApplication.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# No test reads the developer's own user catalogue (~/.config/fazhi-review/indicators.toml).
os.environ["FAZHI_USER_CATALOGUE"] = ""
# Nor fills the developer's cache folder with compiled patterns (tests/core/test_regex_cache.py
# turns the cache on in folders of its own).
os.environ["FAZHI_REGEX_CACHE"] = ""

import pytest

TESTS_DIR = Path(__file__).resolve().parent
if str(TESTS_DIR) not in sys.path:  # lets test modules `import fixtures_formats` in any import mode
    sys.path.insert(0, str(TESTS_DIR))


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return TESTS_DIR.parent / "seeds"


@pytest.fixture(scope="session")
def seed_texts(seeds_dir: Path) -> dict[str, str]:
    """File name -> text, read as the scorer reads it (universal newlines)."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))}
