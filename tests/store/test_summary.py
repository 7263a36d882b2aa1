"""The one-page summary of a report's curated data (self-contained HTML)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from test_insights import make_library

from desktop.store.ops import Operations
from desktop.store.summary import report_summary_html, write_summary


def test_summary_shows_the_curated_data(store):
    library = make_library(store)
    jm = library["jiangmen22"]
    ops = Operations(store, "张三")
    item = ops.item(jm["court"])
    ops.update_item(item["id"], {**item["data"], "value": 97.5, "label": "出庭<率>&"}, base_version=item["version"])
    ops.reject(jm["hotline"], base_version=ops.item(jm["hotline"])["version"])
    region = ops.item(jm["field:region"])
    ops.reject(region["id"], base_version=region["version"])
    ops.add_item(jm["id"], "section", {"level": 1, "number": "一", "title": "主要举措和成效"}, start=0, end=6)
    ops.add_item(jm["id"], "part", {"part": "achievements"}, start=0, end=20)

    page = report_summary_html(store, jm["id"], "zh", today=dt.date(2026, 1, 2))
    assert page.startswith("<!DOCTYPE html>") and 'lang="zh-CN"' in page
    assert "<h1>江门市2022年法治政府建设年度报告</h1>" in page
    assert "<td>广东省</td>" in page and "<td>地级</td>" in page and "<td>2022</td>" in page
    assert "江门市</td>" not in page  # the region was rejected
    assert "97.5%" in page and "98.22" not in page  # the corrected value, not the extractor's
    assert "出庭&lt;率&gt;&amp;" in page  # escaped
    assert "热线" not in page and "12345" not in page  # the rejected metric is left out
    assert "行政机关负责人出庭应诉率" in page and "调解案件" in page
    assert "已更正" in page and "待审" in page
    assert "主要举措和成效" in page and "一、主要举措和成效" in page
    assert "另有 1 项指标未归入指标类别" in page  # the metric without an indicator
    assert "2026-01-02" in page
    # self-contained: no scripts, no links to fetch, fonts that show Chinese
    assert not re.search(r"<script|<link|src=|url\(|https?://", page)
    assert "Noto Sans CJK SC" in page and "Microsoft YaHei" in page

    english = report_summary_html(store, jm["id"], "en")
    assert 'lang="en"' in english and "Heads of administrative organs" in english and "corrected" in english


def test_write_summary(store, tmp_path):
    library = make_library(store)
    path = write_summary(store, library["xiamen23"]["id"], tmp_path / "summary.html")
    assert "厦门市" in path.read_text(encoding="utf-8")
    with pytest.raises(LookupError):
        report_summary_html(store, 999_999)
