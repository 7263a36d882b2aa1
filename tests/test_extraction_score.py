"""The extractor on the gold set: `make test` fails when extraction regresses below the bar.

Runs the real command (`fazhi-review extract seeds --format json`) and the project's scorer
with the minimums of the extraction issues.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
MINIMUMS = {
    "metadata_accuracy": 0.95,
    "sections_f1": 0.92,
    "parts_accuracy": 0.90,
    "metrics_f1": 0.93,
    "indicator_accuracy": 0.85,
}


def _scorer_and_gold() -> tuple[Path, Path]:
    if (SHARED / "eval" / "score.py").is_file() and (SHARED / "gold").is_dir():
        return SHARED / "eval" / "score.py", SHARED / "gold"
    return ROOT / "tests" / "data" / "score.py", ROOT / "tests" / "data" / "gold"


def test_extraction_meets_the_bar_on_the_gold_set(tmp_path):
    predictions = tmp_path / "pred.json"
    with predictions.open("w", encoding="utf-8") as out:
        extract = subprocess.run([sys.executable, "-m", "desktop.cli.main", "extract", str(ROOT / "seeds"),
                                  "--format", "json"], stdout=out, stderr=subprocess.PIPE, text=True)
    assert extract.returncode == 0, extract.stderr
    scorer, gold = _scorer_and_gold()
    args = [sys.executable, str(scorer), str(predictions), "--gold", str(gold), "--texts", str(ROOT / "seeds")]
    for key, minimum in MINIMUMS.items():
        args += ["--min", f"{key}={minimum}"]
    result = subprocess.run(args, capture_output=True, text=True)
    print(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
