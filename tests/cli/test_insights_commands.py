"""`fazhi-review quality` and `fazhi-review dataset`, and re-extraction in worker processes
using the user catalogue."""

from __future__ import annotations

import csv

import pytest
from cli_runner import run_cli

from desktop.store.db import open_store
from desktop.store.importer import IN_PROCESS_BELOW
from desktop.store.ops import Operations
from desktop.store.reports import load_report


def _metrics(store, report_id: int) -> list[dict]:
    return load_report(store, report_id).items_of("metric")


def test_quality_counts_the_decisions(library, tmp_path):
    store = open_store(library)
    try:
        ops = Operations(store, "张三")
        metrics = _metrics(store, 1)
        for item in metrics[:3]:
            ops.accept(item["id"], base_version=item["version"])
        item = metrics[3]
        ops.update_item(item["id"], {**item["data"], "value": 1}, base_version=item["version"])
        for item in metrics[4:6]:
            ops.reject(item["id"], base_version=item["version"])
        ops.add_item(
            1, "metric", {"text": "5件", "value": 5, "unit": "件", "label": "x", "indicator": None}, start=0, end=2
        )
    finally:
        store.close()
    out = tmp_path / "quality.csv"
    result = run_cli("quality", "--db", library, "--out", out)
    assert result.returncode == 0, result.stderr
    assert "rates count the items reviewers decided" in result.stdout
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    metric = next(r for r in rows if r["group"] == "kind" and r["kind"] == "metric")
    assert (metric["accepted"], metric["corrected"], metric["rejected"], metric["missed"]) == ("3", "1", "2", "1")
    assert metric["accepted_rate"] == "0.5" and metric["missed_rate"] == "0.2"
    assert {r["key"] for r in rows if r["group"] == "field"} >= {"region", "province", "report_year"}

    filtered = run_cli("quality", "--db", library, "--province", "江苏省")
    assert filtered.returncode == 0 and filtered.stdout.startswith("1 reports")


def test_dataset_writes_the_indicator_table(library, tmp_path):
    out = tmp_path / "dataset.csv"
    result = run_cli("dataset", "--db", library, "--out", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("5 reports x")
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    header = rows[0]
    assert header[:4] == ["report_id", "file", "region", "province"]
    assert [r[2] for r in rows[1:6]] == ["江门市", "汕尾市", "仲恺高新区", "如皋市", "厦门市"]
    court = header.index("court_appearance_rate")
    assert rows[1][court] == "98.22"
    assert rows[-1][0] == "coverage"
    result = run_cli("dataset", "--db", library, "--out", tmp_path / "gd.csv", "--province", "广东省")
    assert result.returncode == 0 and result.stdout.startswith("3 reports")
    missing = run_cli("dataset", "--db", library)
    assert missing.returncode == 2


def test_dataset_search_finds_a_phrase_in_any_script(library, tmp_path):
    """出庭应诉 is written so in two seeds, 出庭應訴 in one and 出庭應(yīng)訴 in another."""
    for term in ("出庭应诉", "出庭應訴"):
        out = tmp_path / "court.csv"
        result = run_cli("dataset", "--db", library, "--out", out, "--search", term)
        assert result.returncode == 0, result.stderr
        rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
        files = sorted(row[1] for row in rows[1:] if row[0] != "coverage")
        assert [name.split("/")[-1][:3] for name in files] == ["000", "002", "003", "004"], term


@pytest.mark.slow
def test_reextraction_workers_use_the_user_catalogue(tmp_path, seeds_dir):
    """Re-extraction on all cores (a process pool) reads the user catalogue in its workers."""
    folder = tmp_path / "in"
    folder.mkdir()
    seed = seeds_dir / "000_9b94de69fa88372b.txt"
    for n in range(IN_PROCESS_BELOW):  # enough reports for the pool
        (folder / f"copy{n}.txt").write_text(seed.read_text(encoding="utf-8") + "\n" * (n + 1), encoding="utf-8")
    db = tmp_path / "library.sqlite3"
    assert run_cli("import", folder, "--db", db, "--workers", "1").returncode == 0
    catalogue = tmp_path / "indicators.toml"
    catalogue.write_text('[[indicator]]\nkey = "hotline_satisfaction_rate"\nphrases = ["满意程度"]\n', encoding="utf-8")
    result = run_cli("reextract", "--db", db, env={"FAZHI_USER_CATALOGUE": str(catalogue)})
    assert result.returncode == 0, result.stderr
    store = open_store(db)
    try:
        for report_id in range(1, IN_PROCESS_BELOW + 1):
            found = [
                m["data"]["indicator"] for m in _metrics(store, report_id) if m["data"]["text"] == "百分之九十九点二"
            ]
            assert found == ["hotline_satisfaction_rate"]
    finally:
        store.close()
