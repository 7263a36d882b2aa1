"""Fixtures of the command-line tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_runner import run_cli


@pytest.fixture(scope="module")
def library(tmp_path_factory, seeds_dir: Path) -> Path:
    """A library with the seeds imported by `fazhi-review import` (one per test module)."""
    db = tmp_path_factory.mktemp("cli") / "library.sqlite3"
    result = run_cli("import", seeds_dir, "--db", db, "--workers", "1")
    assert result.returncode == 0, result.stderr
    return db
