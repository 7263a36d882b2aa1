#!/usr/bin/env python3
"""Write the extractor's full output on the seeds and the dev openings to
``tests/data/snapshots/`` (one JSON object a line, per set), so that every change of the
output shows up in review as a diff. ``tests/test_extraction_snapshot.py`` compares.

    .venv/bin/python tools/snapshot_extraction.py          # or: make snapshots
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.core.extract import extract_path  # noqa: E402 - after the path above

SETS = {"seeds": ROOT / "seeds", "dev": ROOT / "tests" / "data" / "dev" / "raw"}
OUT = ROOT / "tests" / "data" / "snapshots"


def snapshot_lines(folder: Path) -> list[str]:
    lines = []
    for path in sorted(folder.glob("*.txt")):
        obj = extract_path(path).to_json(path.name)
        lines.append(json.dumps(obj, ensure_ascii=False, sort_keys=True))
    return lines


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, folder in SETS.items():
        (OUT / f"{name}.jsonl").write_text("\n".join(snapshot_lines(folder)) + "\n", encoding="utf-8")
        print(f"wrote {OUT / f'{name}.jsonl'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
