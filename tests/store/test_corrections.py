"""A span moved by a character: the value read again from the new span."""

from __future__ import annotations

from desktop.store.corrections import parse_value, reread_span

TEXT = "共办理行政复议案件152件。二、存在问题。"


def test_a_metric_moved_reads_its_number_and_unit_again():
    item = {"kind": "metric", "data": {"text": "52件", "value": 52, "unit": "件", "label": "行政复议案件"}}
    start = TEXT.index("52件")
    grown = reread_span(item, TEXT, start - 1, start + 3)
    assert (grown["text"], grown["value"], grown["unit"], grown["label"]) == ("152件", 152, "件", "行政复议案件")
    shrunk = reread_span(item, TEXT, start, start + 2)
    assert (shrunk["text"], shrunk["value"], shrunk["unit"]) == ("52", 52, "")  # the unit went with the span
    assert reread_span(item, TEXT, 0, 2) is None  # no number: refused


def test_a_heading_moved_reads_its_title_again():
    item = {"kind": "section", "data": {"level": 1, "number": "二", "title": "存在问"}}
    start = TEXT.index("二、")
    assert reread_span(item, TEXT, start, start + 7)["title"] == "存在问题"


def test_typed_values():
    assert parse_value("3-5") == (3, 5) and parse_value("九千九百七十") == (9970, None)
    assert parse_value("abc") is None
