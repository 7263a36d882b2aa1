"""The dataset (indicator table, coverage, chart series) and the extraction-quality report,
on a small library whose reviewers' decisions the test makes itself."""

from __future__ import annotations

import csv
import hashlib

import pytest

from desktop.store.insights import (
    coverage_by_province,
    indicator_table,
    quality_report,
    quality_rows,
    quality_text,
    rate_distribution,
    table_csv_rows,
    trend,
    write_csv,
)
from desktop.store.models import Item, Report
from desktop.store.ops import Operations
from desktop.store.queries import LibraryFilter


def _metric(value, unit, label, indicator, start):
    text = f"{value}{unit}"
    data = {"text": text, "value": value, "unit": unit, "approx": False, "label": label, "indicator": indicator}
    return Item(kind="metric", start=start, end=start + len(text), data=data, extracted=dict(data), confidence=0.8)


def _field(key, value):
    return Item(kind="field", key=key, data={"value": value}, extracted={"value": value}, confidence=0.9)


def make_library(store) -> dict[str, dict[str, int]]:
    """Three reports (广东 2022 and 2023, 福建 2023) with fields and metrics as the extractor
    left them. Returns report name -> {"id": report id, item name -> item id}."""
    specs = {
        "jiangmen22": (
            "江门市",
            "广东省",
            2022,
            "prefecture",
            [
                ("court", 98.22, "%", "出庭应诉率", "court_appearance_rate"),
                ("hotline", 21, "件", "热线", "hotline_cases"),
                ("mediation_a", 5, "件", "调解案件", "mediation_cases"),
                ("mediation_b", 7, "件", "调解案件", "mediation_cases"),
                ("unnamed", 3, "件", "法律援助", None),
            ],
        ),
        "jiangmen23": (
            "江门市",
            "广东省",
            2023,
            "prefecture",
            [
                ("court", 99.0, "%", "出庭应诉率", "court_appearance_rate"),
            ],
        ),
        "xiamen23": (
            "厦门市",
            "福建省",
            2023,
            "prefecture",
            [
                ("court", 90, "%", "出庭率", "court_appearance_rate"),
                ("docs", 12, "件", "规范性文件", "normative_docs_reviewed"),
            ],
        ),
    }
    out: dict[str, dict[str, int]] = {}
    with store.session() as session:
        for name, (region, province, year, level, metrics) in specs.items():
            text = f"{region}{year}年法治政府建设年度报告。" + "数据。" * 40
            report = Report(
                file_name=f"{name}.txt",
                sha256=hashlib.sha256(text.encode()).hexdigest(),
                text=text,
                encoding="utf-8",
                source_format="txt",
            )
            fields = [
                _field("title", f"{region}{year}年法治政府建设年度报告"),
                _field("region", region),
                _field("province", province),
                _field("report_year", year),
                _field("level", level),
            ]
            items = [(n, _metric(v, u, label, ind, 20 + 10 * i)) for i, (n, v, u, label, ind) in enumerate(metrics)]
            report.items.extend(fields + [item for _, item in items])
            session.add(report)
            session.flush()
            out[name] = {
                "id": report.id,
                **{n: item.id for n, item in items},
                **{f"field:{f.key}": f.id for f in fields},
            }
    return out


def _edit(ops: Operations, item_id: int, **changes):
    item = ops.item(item_id)
    return ops.update_item(item_id, {**item["data"], **changes}, base_version=item["version"])


def _accept(ops: Operations, item_id: int):
    return ops.accept(item_id, base_version=ops.item(item_id)["version"])


def _reject(ops: Operations, item_id: int):
    return ops.reject(item_id, base_version=ops.item(item_id)["version"])


@pytest.fixture
def library(store):
    return make_library(store)


def test_indicator_table_holds_the_curated_values(store, library):
    ops = Operations(store, "张三")
    jm, xm = library["jiangmen22"], library["xiamen23"]
    _reject(ops, jm["hotline"])  # rejected: not in the table
    _edit(ops, xm["court"], value=95.5)  # corrected value
    _edit(ops, jm["unnamed"], indicator="legal_aid_cases", value=4)  # a reviewer names an indicator
    ops.add_item(
        xm["id"],
        "metric",
        {"text": "8件", "value": 8, "unit": "件", "label": "诉讼", "indicator": "litigation_cases"},
        start=5,
        end=7,
    )
    _accept(ops, jm["court"])

    table = indicator_table(store)
    assert [row.report.region for row in table.rows] == ["江门市", "江门市", "厦门市"]
    assert [row.report.year for row in table.rows] == [2022, 2023, 2023]
    rows = {row.report_id: row for row in table.rows}
    jm_row, xm_row = rows[jm["id"]], rows[xm["id"]]

    assert "hotline_cases" not in jm_row.cells
    assert xm_row.cells["court_appearance_rate"].first.value == 95.5
    assert xm_row.number("court_appearance_rate") == 95.5
    assert jm_row.cells["legal_aid_cases"].first.value == 4
    assert xm_row.cells["litigation_cases"].first.state == "added"
    # two metrics of one indicator: both kept, in text order; the first shown with the count
    mediation = jm_row.cells["mediation_cases"]
    assert [m.value for m in mediation.metrics] == [5, 7]
    assert mediation.count == 2 and mediation.display() == "5件 (×2)"
    assert jm_row.cells["court_appearance_rate"].pending is False
    assert xm_row.cells["normative_docs_reviewed"].pending is True

    coverage = table.coverage
    assert coverage["court_appearance_rate"] == 3
    assert coverage["hotline_cases"] == 0
    assert coverage["mediation_cases"] == 1
    assert coverage["legal_aid_cases"] == 1
    assert table.stated()[0] == "court_appearance_rate"
    assert "hotline_cases" not in table.stated() and "hotline_cases" in table.indicators

    # the charts' series
    assert rate_distribution(table, "court_appearance_rate") == [
        ("江门市 2023", 99.0),
        ("江门市 2022", 98.22),
        ("厦门市 2023", 95.5),
    ]
    series = trend(table, "court_appearance_rate")
    assert series.years == [2022, 2023]
    assert series.by_region == {"厦门市": [(2023, 95.5)], "江门市": [(2022, 98.22), (2023, 99.0)]}
    assert series.median == [(2022, 98.22), (2023, (99.0 + 95.5) / 2)]
    grid = coverage_by_province(table, ["court_appearance_rate", "mediation_cases"])
    assert grid.provinces == ["广东省", "福建省"]
    assert grid.reports == {"广东省": 2, "福建省": 1}
    assert grid.shares == [[1.0, 0.5], [1.0, 0.0]]


def test_the_table_follows_the_library_filter(store, library):
    table = indicator_table(store, LibraryFilter(province="福建省"))
    assert [row.report.region for row in table.rows] == ["厦门市"]
    table = indicator_table(store, LibraryFilter(year=2023))
    assert len(table.rows) == 2
    assert indicator_table(store, LibraryFilter(province="河北省")).rows == []


def test_table_csv(store, library, tmp_path):
    _reject(Operations(store, "张三"), library["xiamen23"]["court"])
    path = write_csv(table_csv_rows(indicator_table(store)), tmp_path / "dataset.csv")
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    header = rows[0]
    court = header.index("court_appearance_rate")
    assert header[court + 1 : court + 3] == ["court_appearance_rate.n", "court_appearance_rate.unit"]
    assert [r[2] for r in rows[1:4]] == ["江门市", "江门市", "厦门市"]
    assert rows[1][court : court + 3] == ["98.22", "1", "%"]
    assert rows[3][court : court + 3] == ["", "0", ""]  # rejected
    mediation = header.index("mediation_cases")
    assert rows[1][mediation : mediation + 2] == ["5", "2"]
    assert rows[-1][0] == "coverage" and rows[-1][court + 1] == "2"


def test_quality_counts_equal_the_corrections_made(store, library):
    ops = Operations(store, "李四")
    jm, jm23, xm = library["jiangmen22"], library["jiangmen23"], library["xiamen23"]
    # metrics: 2 accepted, 2 corrected (a value, an indicator), 1 rejected, 2 added, the rest pending
    _accept(ops, jm["court"])
    _accept(ops, jm23["court"])
    _edit(ops, xm["court"], value=95.5)
    _edit(ops, jm["unnamed"], indicator="legal_aid_cases")
    _reject(ops, jm["hotline"])
    for report in (jm["id"], xm["id"]):
        ops.add_item(
            report,
            "metric",
            {"text": "8件", "value": 8, "unit": "件", "label": "诉讼", "indicator": "litigation_cases"},
            start=5,
            end=7,
        )
    # fields: region accepted twice and corrected once; level rejected once; a missed doc_number
    _accept(ops, jm["field:region"])
    _accept(ops, jm23["field:region"])
    _edit(ops, xm["field:region"], value="厦门")
    _reject(ops, xm["field:level"])
    ops.add_item(xm["id"], "field", {"value": "厦府〔2024〕1号"}, key="doc_number")

    report = quality_report(store)
    assert report.reports == 3
    metric = next(row for row in report.by_kind if row.kind == "metric")
    assert (metric.accepted, metric.corrected, metric.rejected, metric.missed, metric.pending) == (2, 2, 1, 2, 3)
    assert metric.decided == 5
    assert metric.rate("accepted") == pytest.approx(2 / 5)
    assert metric.rate("corrected") == pytest.approx(2 / 5)
    assert metric.rate("rejected") == pytest.approx(1 / 5)
    assert metric.rate("missed") == pytest.approx(2 / 6)  # of the kept: 2 accepted + 2 corrected + 2 added

    fields = {row.key: row for row in report.by_field}
    region = fields["region"]
    assert (region.accepted, region.corrected, region.rejected, region.missed, region.pending) == (2, 1, 0, 0, 0)
    assert region.rate("accepted") == pytest.approx(2 / 3)
    assert (fields["level"].rejected, fields["level"].pending) == (1, 2)
    assert fields["doc_number"].missed == 1 and fields["doc_number"].rate("missed") == 1.0
    assert fields["title"].decided == 0 and fields["title"].rate("accepted") is None  # pending: left out
    field_kind = next(row for row in report.by_kind if row.kind == "field")
    assert (field_kind.accepted, field_kind.corrected, field_kind.rejected, field_kind.missed) == (2, 1, 1, 1)

    indicators = {row.key: row for row in report.by_indicator}
    court = indicators["court_appearance_rate"]
    assert (court.accepted, court.corrected, court.pending) == (2, 1, 0)
    assert indicators["litigation_cases"].missed == 2
    assert indicators[""].corrected == 1  # the extractor gave it no indicator; a reviewer did
    assert indicators["hotline_cases"].rejected == 1
    assert report.metric_corrections == {"value": 1, "indicator": 1}

    total = report.total()
    assert (total.accepted, total.corrected, total.rejected, total.missed) == (4, 3, 2, 3)

    # undoing a decision takes it out of the counts
    ops.undo()  # the added doc_number
    ops.undo()  # the rejected level
    again = {row.key: row for row in quality_report(store).by_field}
    assert again["doc_number"].missed == 0 and again["level"].rejected == 0

    lines = list(quality_rows(report))
    assert lines[-1][:8] == ["total", "all", "", 4, 3, 2, 3, total.pending]
    text = quality_text(report)
    assert "region" in text and "court_appearance_rate" in text and "value 1" in text


def test_quality_follows_the_filter(store, library):
    ops = Operations(store, "李四")
    _accept(ops, library["jiangmen22"]["court"])
    _reject(ops, library["xiamen23"]["court"])
    report = quality_report(store, LibraryFilter(province="福建省"))
    metric = next(row for row in report.by_kind if row.kind == "metric")
    assert report.reports == 1
    assert (metric.accepted, metric.rejected, metric.pending) == (0, 1, 1)
