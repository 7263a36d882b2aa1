"""Round trip: import the seeds, correct them through Operations, export: the export shows
exactly the curated values, in jsonl, csv and xlsx."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from desktop.core.extract import extract_path
from desktop.core.metadata import FIELDS
from desktop.store.exporter import (
    _METRIC_BASE,
    ExportError,
    csv_paths,
    export,
    generic_tables,
    iter_curated,
    jsonl_lines,
    sqlite_tables,
)
from desktop.store.importer import import_paths
from desktop.store.ops import Operations

CORRECTED = "001_a08c839c0d0a26f1.txt"
ADDED = {"text": "12件", "value": 12, "unit": "件", "approx": False, "label": "审核员补充", "indicator": None}


def _plain(obj: dict) -> dict:
    return {k: v for k, v in obj.items() if k != "confidence"}


@pytest.fixture
def curated(store, seeds_dir):
    """The seeds imported, one report corrected; returns (ids by file name, expected contract objects)."""
    result = import_paths(store, [seeds_dir], workers=1)
    ids = {path.name: rid for path, rid in result.imported}
    expected = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        obj = extract_path(path).to_json()
        for key in ("sections", "parts", "metrics"):
            obj[key] = [{**_plain(o), "review_state": "pending"} for o in obj[key]]
        obj["state"] = "new"
        expected[path.name] = obj

    alice = Operations(store, "alice")
    report_id = ids[CORRECTED]
    items = [alice.item(i) for i in _item_ids(store, report_id)]
    metrics = sorted((i for i in items if i["kind"] == "metric"), key=lambda i: i["start"])
    fields = {i["key"]: i for i in items if i["kind"] == "field"}
    first, second = metrics[0], metrics[1]
    alice.update_item(first["id"], {**first["data"], "value": 999}, base_version=first["version"])
    alice.reject(second["id"], base_version=second["version"])
    alice.add_item(report_id, "metric", dict(ADDED), start=10, end=13)
    alice.update_item(fields["region"]["id"], {"value": "审核市"}, base_version=fields["region"]["version"])
    alice.accept(fields["title"]["id"], base_version=fields["title"]["version"])
    alice.set_report_state(report_id, "done", base_version=alice.report(report_id)["version"])

    exp = expected[CORRECTED]
    exp["state"] = "done"
    exp["metadata"]["region"] = "审核市"
    exp_metrics = sorted(exp["metrics"], key=lambda m: m["start"])
    assert (exp_metrics[0]["start"], exp_metrics[1]["start"]) == (first["start"], second["start"])
    exp_metrics[0] = {**exp_metrics[0], "value": 999, "review_state": "corrected"}
    del exp_metrics[1]
    exp_metrics.append({**ADDED, "start": 10, "end": 13, "review_state": "added"})
    exp["metrics"] = sorted(exp_metrics, key=lambda m: m["start"])
    return ids, expected, {"first": first, "second": second, "fields": fields}


def _item_ids(store, report_id: int) -> list[int]:
    from sqlalchemy import select

    from desktop.store.models import Item

    with store.session(readonly=True) as session:
        return list(session.execute(select(Item.id).where(Item.report_id == report_id).order_by(Item.id)).scalars())


def _read_jsonl(path: Path) -> dict[str, dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {Path(obj["file"]).name: obj for obj in map(json.loads, lines)}


def test_jsonl_shows_exactly_the_curated_values(store, curated, tmp_path):
    ids, expected, _ = curated
    [out] = export(store, tmp_path / "dataset.jsonl", "jsonl")
    got = _read_jsonl(out)
    assert sorted(got) == sorted(expected)
    for name, exp in expected.items():
        obj = got[name]
        assert obj["id"] == ids[name] and obj["file"] == f"seeds/{name}"
        for key in ("sha256", "encoding", "metadata", "sections", "parts", "metrics", "flags", "state"):
            assert obj[key] == exp[key], (name, key)
        assert set(obj["metadata_review"]) == set(FIELDS)
    review = got[CORRECTED]["metadata_review"]
    assert (review["region"], review["title"], review["issuer"]) == (
        {"review_state": "corrected"},
        {"review_state": "accepted"},
        {"review_state": "pending"},
    )


def test_provenance_keeps_what_the_extractor_said(store, curated, tmp_path):
    _, expected, edited = curated
    [out] = export(store, tmp_path / "p.jsonl", "jsonl", provenance=True)
    obj = _read_jsonl(out)[CORRECTED]
    by_id = {m["item_id"]: m for m in obj["metrics"]}
    first = by_id[edited["first"]["id"]]
    assert first["value"] == 999 and first["source"] == "reviewer"
    assert first["extracted"] == edited["first"]["extracted"] and first["extracted"]["value"] != 999
    assert first["confidence"] == edited["first"]["confidence"]
    assert edited["second"]["id"] not in by_id
    [added] = [m for m in obj["metrics"] if m["review_state"] == "added"]
    assert (added["source"], added["extracted"], added["label"]) == ("reviewer", None, "审核员补充")
    region = obj["metadata_review"]["region"]
    assert region["source"] == "reviewer" and region["extracted"] == edited["fields"]["region"]["data"]["value"]
    untouched = next(m for m in obj["metrics"] if m["review_state"] == "pending")
    assert untouched["source"] == "extractor" and untouched["extracted"] == {
        k: v
        for k, v in untouched.items()
        if k not in ("start", "end", "review_state", "item_id", "source", "extracted", "confidence")
    }


@pytest.mark.parametrize("provenance", [False, True])
def test_fast_jsonl_equals_the_generic_objects(store, curated, provenance):
    generic = list(iter_curated(store, provenance=provenance))
    assert [json.loads(line) for line in jsonl_lines(store, provenance=provenance)] == generic
    assert [json.loads(line) for line in jsonl_lines(store, provenance=provenance, fast=False)] == generic


@pytest.mark.sqlite_only  # the fast tables are SQLite SQL (json_extract); other databases take the generic ones
@pytest.mark.parametrize("provenance", [False, True])
def test_fast_tables_equal_the_generic_rows(store, curated, provenance):
    fast = list(sqlite_tables(store, None, provenance))
    assert fast == list(generic_tables(store, None, provenance))
    state_at = _METRIC_BASE.index("review_state")
    assert any(row[state_at] == "added" for _, metrics, _, _ in fast for row in metrics)


def test_state_filter(store, curated, tmp_path):
    [out] = export(store, tmp_path / "done.jsonl", "jsonl", states=["done"])
    assert list(_read_jsonl(out)) == [CORRECTED]
    [out] = export(store, tmp_path / "new.jsonl", "jsonl", states=["new", "in_review"])
    assert CORRECTED not in _read_jsonl(out) and len(_read_jsonl(out)) == 4
    written = export(store, tmp_path / "done.csv", "csv", states=["done"])
    with open(written[0], encoding="utf-8-sig", newline="") as fh:
        assert [row["state"] for row in csv.DictReader(fh)] == ["done"]
    with pytest.raises(ExportError, match="unknown report state"):
        export(store, tmp_path / "x.jsonl", "jsonl", states=["finished"])


def test_csv_has_a_bom_and_reads_back(store, curated, tmp_path):
    ids, expected, _ = curated
    written = export(store, tmp_path / "dataset.csv", "csv", provenance=True)
    reports_path, metrics_path, sections_path, parts_path = written
    assert [p.name for p in written] == [
        "dataset.reports.csv",
        "dataset.metrics.csv",
        "dataset.sections.csv",
        "dataset.parts.csv",
    ]
    for path in written:
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(reports_path, encoding="utf-8-sig", newline="") as fh:
        reports = list(csv.DictReader(fh))
    assert [r["id"] for r in reports] == [str(ids[n]) for n in sorted(expected)]
    row = next(r for r in reports if r["id"] == str(ids[CORRECTED]))
    assert (row["region"], row["state"], row["title"]) == ("审核市", "done", expected[CORRECTED]["metadata"]["title"])
    with open(metrics_path, encoding="utf-8-sig", newline="") as fh:
        metrics = list(csv.DictReader(fh))
    assert len(metrics) == sum(len(e["metrics"]) for e in expected.values())
    mine = [m for m in metrics if m["report_id"] == str(ids[CORRECTED])]
    assert [m["text"] for m in mine] == [m["text"] for m in expected[CORRECTED]["metrics"]]
    assert any(m["value"] == "999" and m["review_state"] == "corrected" and m["extracted_value"] != "999" for m in mine)
    assert {m["region"] for m in mine} == {"审核市"}
    assert {"source", "confidence", "item_id"} <= set(metrics[0])
    assert {"province", "level", "level_zh", "indicator_zh", "report_state"} <= set(metrics[0])
    for path, key in ((sections_path, "sections"), (parts_path, "parts")):
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert len(rows) == sum(len(e[key]) for e in expected.values())
        assert {r["report_state"] for r in rows if r["report_id"] == str(ids[CORRECTED])} <= {"done"}


def test_csv_into_a_folder(store, curated, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    written = export(store, folder, "csv")
    assert [p.name for p in written] == ["reports.csv", "metrics.csv", "sections.csv", "parts.csv"]
    assert all(p.parent == folder for p in written)
    assert csv_paths(tmp_path / "data")[:2] == (tmp_path / "data.reports.csv", tmp_path / "data.metrics.csv")


def test_xlsx_sheets_read_back(store, curated, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    ids, expected, _ = curated
    [out] = export(store, tmp_path / "dataset.xlsx", "xlsx")
    workbook = openpyxl.load_workbook(out, read_only=True)
    try:
        assert workbook.sheetnames == ["reports", "metrics", "sections", "parts"]
        sheets = {name: list(workbook[name].iter_rows(values_only=True)) for name in workbook.sheetnames}
    finally:
        workbook.close()
    header, *reports = sheets["reports"]
    assert header[:4] == ("id", "file", "sha256", "state") and len(reports) == 5
    row = dict(zip(header, next(r for r in reports if r[0] == ids[CORRECTED])))
    assert (row["region"], row["state"], row["report_year"]) == (
        "审核市",
        "done",
        expected[CORRECTED]["metadata"]["report_year"],
    )
    header, *metrics = sheets["metrics"]
    assert len(metrics) == sum(len(e["metrics"]) for e in expected.values())
    assert any(dict(zip(header, m))["value"] == 999 for m in metrics)
    assert len(sheets["sections"]) - 1 == sum(len(e["sections"]) for e in expected.values())
    assert len(sheets["parts"]) - 1 == sum(len(e["parts"]) for e in expected.values())
    full = openpyxl.load_workbook(out)  # widths, frozen header and filters (not in read-only mode)
    try:
        for name in ("reports", "metrics", "sections", "parts"):
            sheet = full[name]
            assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
        metrics_sheet = full["metrics"]
        header = [c.value for c in metrics_sheet[1]]
        label = openpyxl.utils.get_column_letter(header.index("label") + 1)
        assert metrics_sheet.column_dimensions[label].width >= 20
    finally:
        full.close()


def test_unknown_format(store, tmp_path):
    with pytest.raises(ExportError, match="unknown export format"):
        export(store, tmp_path / "x.parquet", "parquet")


def test_empty_library_exports_empty_files(store, tmp_path):
    [out] = export(store, tmp_path / "e.jsonl", "jsonl")
    assert out.read_text(encoding="utf-8") == ""
    reports_path, *_ = export(store, tmp_path / "e.csv", "csv")
    assert reports_path.read_text(encoding="utf-8-sig").splitlines()[0].startswith("id,file,sha256,state")


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_stay_text():
    from desktop.store.exporter import _csv_value

    assert _csv_value('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert _csv_value("@SUM(A1)") == "'@SUM(A1)"
    assert _csv_value("汕尾市人民政府") == "汕尾市人民政府"
    assert _csv_value(-5) == -5  # numbers are values, not text
