#!/usr/bin/env python3
"""Does confidence mean something? For the seeds and the dev openings, the share of items
that are right in each confidence bin: metrics (span, value, unit and indicator as the gold
has them), sections (level and title) and metadata fields. Prints the README's table.

    .venv/bin/python tools/calibration.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.extract import extract_path  # noqa: E402 - after the path above

BINS = [(0.0, 0.6), (0.6, 0.8), (0.8, 0.9), (0.9, 1.01)]


def _scorer(shared: Path):
    path = shared / "eval" / "score.py" if (shared / "eval" / "score.py").is_file() else ROOT / "tests/data/score.py"
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]  # the file exists: spec is set
    spec.loader.exec_module(module)  # type: ignore[union-attr]  # a source file's spec has a loader
    return module


def _sets(shared: Path) -> list[tuple[Path, Path]]:
    seeds = (ROOT / "seeds", shared / "gold" if (shared / "gold").is_dir() else ROOT / "tests/data/gold")
    dev = shared / "dev" if (shared / "dev").is_dir() else ROOT / "tests/data/dev"
    return [seeds, (dev / "raw", dev / "gold")]


def judged_items(shared: Path) -> dict[str, list[tuple[float, bool]]]:
    """(confidence, right) for every metric, section and metadata field extracted."""
    score = _scorer(shared)
    out: dict[str, list[tuple[float, bool]]] = {"metrics": [], "sections": [], "metadata fields": []}
    for texts, golds in _sets(shared):
        for gold_path in sorted(golds.glob("*.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            path = texts / gold["file"]
            text = path.read_text(encoding="utf-8")
            extraction = extract_path(path)
            pred = extraction.to_json(path.name)
            spans = []
            for g in gold["metrics"]:
                start = score.locate(text, g["text"], g.get("occurrence", 1))
                spans.append((start, start + len(g["text"]), g))
            used: set[int] = set()
            for p in pred["metrics"]:
                hit = next(
                    (i for i, (gs, ge, _) in enumerate(spans) if p["start"] < ge and gs < p["end"] and i not in used),
                    None,
                )
                if hit is not None:
                    used.add(hit)
                    g = spans[hit][2]
                    if g.get("optional"):
                        continue
                right = (
                    hit is not None
                    and score.same_value(g["value"], p["value"])
                    and score.norm(g["unit"]) == score.norm(p["unit"])
                    and p.get("indicator") == g.get("indicator")
                )
                out["metrics"].append((p["confidence"], right))
            taken: set[int] = set()
            for p in pred["sections"]:
                hit = next(
                    (
                        i
                        for i, g in enumerate(gold["sections"])
                        if i not in taken
                        and g["level"] == p["level"]
                        and score.title_similarity(g["title"], p["title"]) >= 0.8
                    ),
                    None,
                )
                if hit is not None:
                    taken.add(hit)
                out["sections"].append((p["confidence"], hit is not None))
            fields = extraction.metadata.fields
            for name, value in gold["metadata"].items():
                if name in fields and fields[name].value is not None:
                    right = score.norm(value) == score.norm(fields[name].value)
                    out["metadata fields"].append((fields[name].confidence, right))
    return out


def table(items: dict[str, list[tuple[float, bool]]]) -> str:
    head = "| confidence | " + " | ".join(f"{kind}: right / items" for kind in items) + " |"
    rows = [head, "| --- |" + " --- |" * len(items)]
    for lo, hi in BINS:
        cells = []
        for judged in items.values():
            inside = [right for c, right in judged if lo <= c < hi]
            cells.append(f"{sum(inside) / len(inside):.2f} ({sum(inside)} / {len(inside)})" if inside else "-")
        label = f"{lo:.1f}-{min(hi, 1.0):.1f}" if hi <= 1.0 else f">= {lo:.1f}"
        rows.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    print(table(judged_items(args.shared)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
