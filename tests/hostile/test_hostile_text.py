"""Texts that used to cost the square of their length: long runs of numerals, deep HTML."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from linear import growth

from desktop.core import metrics
from desktop.core.extract import extract_source
from desktop.core.reading import read_report
from desktop.core.scan import SPAN, WINDOW, scan


def _digits(n: int) -> str:
    return "2022年" + "1" * n


def _chinese(n: int) -> str:
    return "2022年" + ("一二三四五六七八九" * (n // 9 + 1))[:n]


def _candidates(text: str) -> list:
    return list(scan(metrics._candidate_pattern(), metrics._candidate_first(), text))


def test_a_run_of_digits_costs_linear_time():
    # Before: 10x the digits cost 100x the time (2,000 -> 20,000: 0.04 s -> 4 s).
    assert growth(_digits, _candidates, 2_000) < 20


def test_a_run_of_chinese_numerals_costs_linear_time():
    assert growth(_chinese, _candidates, 2_000) < 20


def test_long_runs_are_no_metrics_but_the_text_around_them_is_read():
    text = "全年办理案件1,234件。" + "9" * 5_000 + "。受理复议35件,同比增长12%。"
    found = [(m.value, m.unit) for m in metrics.find_metrics(text)]
    assert (1234, "件") in found and (35, "件") in found and (12, "%") in found
    assert all(v < 1e300 for v, _ in found)


TOKENS = list("0123456789一二两三十百千万亿零〇点,.%‰成多余至-个件人次项年月第分之是的 ，。") + [
    "百分之",
    "个百分点",
    "平方米",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), min_size=WINDOW, max_size=4 * SPAN).map("".join))
def test_scan_finds_what_finditer_finds_on_texts_longer_than_its_window(text: str) -> None:
    # Runs of numerals shorter than the window (all real text): the very same matches.
    if re.search(rf"[0-9,.一二两三十百千零〇点]{{{WINDOW // 2},}}", text):
        return
    pattern = metrics._candidate_pattern()
    assert [m.span() for m in _candidates(text)] == [m.span() for m in pattern.finditer(text)]


def _nested(tag: str):
    def make(n: int) -> bytes:
        return (
            f"<html><body>{f'<{tag}>' * n}<p>2022年法治政府建设年度报告</p>{f'</{tag}>' * n}</body></html>"
        ).encode()

    return make


def _read_html(tmp_path):
    def run(data: bytes):
        path = tmp_path / "page.html"
        path.write_bytes(data)
        return read_report(path)

    return run


def test_deeply_nested_headers_are_read_in_linear_time(tmp_path):
    # Before: 10,000 nested <header> took 10 s, 100,000 never finished.
    assert read_report_text(tmp_path, _nested("header")(20_000)) == "2022年法治政府建设年度报告"
    assert growth(_nested("header"), _read_html(tmp_path), 2_000) < 20


def test_deeply_nested_divs_are_read_in_linear_time(tmp_path):
    assert growth(_nested("div"), _read_html(tmp_path), 2_000) < 20


def test_many_headlines_inside_deep_navigation_cost_linear_time(tmp_path):
    # <nav> + n divs + n <h1>: each headline asked its ancestors whether they are chrome.
    def make(n: int) -> bytes:
        return (
            f"<html><body><nav>{'<div>' * n}{'<h1>标题</h1>' * n}{'</div>' * n}</nav>"
            "<p>2022年法治政府建设年度报告正文</p></body></html>"
        ).encode()

    assert "2022年法治政府建设年度报告正文" in read_report_text(tmp_path, make(5_000))
    assert growth(make, _read_html(tmp_path), 1_000) < 20


def test_shallow_pages_keep_their_structure(tmp_path):
    # Pages under the nesting limit are parsed as they are: chrome under it is still dropped.
    page = (
        "<html><body>" + "<div>" * 100 + "<nav>首页 | 通知</nav><p>正文第一段</p>" + "</div>" * 100 + "</body></html>"
    ).encode()
    assert read_report_text(tmp_path, page) == "正文第一段"


def test_a_processing_instruction_from_word_is_read(tmp_path):
    page = (
        '<html xmlns:v="urn:schemas-microsoft-com:vml"><head><title>t</title></head><body>'
        '<?import namespace="v" implementation="#default#VML" ?>'
        "<div class=content><p>2022年法治政府建设年度报告</p><p>一、主要成效</p></div>"
        "</body></html>"
    ).encode()
    assert read_report_text(tmp_path, page) == "2022年法治政府建设年度报告\n一、主要成效"


def test_a_whole_extraction_of_long_runs_costs_linear_time(tmp_path):
    def run(text: str):
        path = tmp_path / "digits.txt"
        path.write_text(text, encoding="utf-8")
        return extract_source(read_report(path))

    assert run(_digits(20_000)).metadata.value("report_year") == 2022
    assert growth(_digits, run, 3_000) < 20


def read_report_text(tmp_path, data: bytes) -> str:
    path = tmp_path / "page.html"
    path.write_bytes(data)
    return read_report(path).text
