"""``fazhi-review --self-test`` from source: the checks the frozen app runs on itself
(tests/packaging/test_dist.py runs them on the built packages)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop import launch
from desktop.core import resources

ROOT = Path(__file__).resolve().parents[2]


def test_seeds_dir_is_the_bundled_seeds_folder():
    assert resources.seeds_dir() == ROOT / "seeds"
    assert sorted(resources.seeds_dir().glob("*.txt"))


def test_self_test_passes_from_source(tmp_path):
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "desktop.launch", "--self-test"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("fazhi-review self-test: Python") and "from source" in lines[0]
    assert any(line.strip().startswith("extract:") for line in lines)
    assert any("migrated to" in line for line in lines)
    assert any("offscreen platform started" in line for line in lines)
    assert lines[-1].startswith("OK")


def test_self_test_names_the_failing_step(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(resources, "seeds_dir", lambda: tmp_path)  # no seeds in it
    assert launch.main(["--self-test"]) == 1
    err = capsys.readouterr().err
    assert f"self-test FAILED at extract: no bundled seeds in {tmp_path}" in err
