"""The extractor on the gold sets: `make test` fails when extraction falls below the bars of
the extraction issues, on the seeds and on the dev set of report openings.

Runs the real command (`fazhi-review extract … --format json`) and the project's scorer.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = ROOT / "tests" / "data"

SEED_MINIMUMS = {
    "metadata_accuracy": 0.97,
    "sections_f1": 0.97,
    "parts_accuracy": 0.97,
    "metrics_f1": 0.97,
    "indicator_accuracy": 0.95,
}
DEV_MINIMUMS = {
    "metadata_accuracy": 0.95,
    "metrics_f1": 0.94,
}


def _shared_or_copy(shared: Path, copy: Path) -> Path:
    """The shared folder's version when it is beside the checkout (a newer gold set or
    scorer is picked up without editing tests/data), else the copy in tests/data."""
    return shared if shared.exists() else copy


def _score(texts: Path, gold: Path, minimums: dict[str, float], tmp_path: Path) -> None:
    predictions = tmp_path / "pred.json"
    with predictions.open("w", encoding="utf-8") as out:
        extract = subprocess.run(
            [sys.executable, "-m", "desktop.cli.main", "extract", str(texts), "--format", "json"],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert extract.returncode == 0, extract.stderr
    scorer = _shared_or_copy(SHARED / "eval" / "score.py", DATA / "score.py")
    args = [sys.executable, str(scorer), str(predictions), "--gold", str(gold), "--texts", str(texts)]
    for key, minimum in minimums.items():
        args += ["--min", f"{key}={minimum}"]
    result = subprocess.run(args, capture_output=True, text=True)
    print(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr


def test_extraction_meets_the_bar_on_the_seeds(tmp_path):
    _score(ROOT / "seeds", _shared_or_copy(SHARED / "gold", DATA / "gold"), SEED_MINIMUMS, tmp_path)


def test_extraction_meets_the_bar_on_the_dev_openings(tmp_path):
    texts = _shared_or_copy(SHARED / "dev" / "raw", DATA / "dev" / "raw")
    gold = _shared_or_copy(SHARED / "dev" / "gold", DATA / "dev" / "gold")
    _score(texts, gold, DEV_MINIMUMS, tmp_path)
