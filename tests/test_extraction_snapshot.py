"""The extractor's whole output on the seeds and the dev openings, against a reviewed
snapshot: a rule change that moves any field, span, confidence or flag fails here until
the snapshot is refreshed (`make snapshots`) and its diff reviewed."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("snapshot_extraction", ROOT / "tools" / "snapshot_extraction.py")
snapshot = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]  # the file exists: spec is set
_spec.loader.exec_module(snapshot)  # type: ignore[union-attr]  # a source file's spec has a loader


@pytest.mark.parametrize("name", sorted(snapshot.SETS))
def test_extraction_output_matches_the_reviewed_snapshot(name):
    expected = (snapshot.OUT / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    actual = snapshot.snapshot_lines(snapshot.SETS[name])
    assert len(actual) == len(expected)
    for got, want in zip(actual, expected):
        got_obj, want_obj = json.loads(got), json.loads(want)
        for key in want_obj:
            assert got_obj.get(key) == want_obj[key], f"{want_obj['file']}: {key} changed (make snapshots)"
