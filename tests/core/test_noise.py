"""Page chrome and injected spam, on lines written for the tests."""

from __future__ import annotations

from desktop.core.noise import chrome_spans, contains_spam, is_chrome_line, spam_spans, split_lines


def test_chrome_lines_are_recognised_and_report_lines_are_not():
    text = (
        "首页 > 政务公开 > 法治政府建设\n"
        "某某市人民政府2022年法治政府建设年度报告\n"
        "发布时间:2023-03-01 来源:市司法局 【字体:大 中 小】 打印本页\n"
        "2022年,我市深入学习贯彻习近平法治思想,全面推进法治政府建设,取得明显成效。\n"
        "扫一扫在手机打开当前页\n"
    )
    lines = split_lines(text)
    chrome = [line.text for line in lines if is_chrome_line(line)]
    assert chrome == [
        "首页 > 政务公开 > 法治政府建设",
        "发布时间:2023-03-01 来源:市司法局 【字体:大 中 小】 打印本页",
        "扫一扫在手机打开当前页",
    ]
    assert [text[s:e] for s, e in chrome_spans(lines)] == chrome


def test_a_sentence_that_mentions_a_source_is_not_chrome():
    line = split_lines("严格规范行政执法案件来源登记,全年办理案件1200件。")[0]
    assert not is_chrome_line(line)


def test_spam_phrase_is_found_with_its_place_name_and_nothing_more():
    text = "严格编制政府信息主动公开目录佛山正规合法调查取证,加强信息公开与解读回应。"
    ((start, end),) = spam_spans(text)
    assert text[start:end] == "佛山正规合法调查取证"


def test_ordinary_investigation_language_is_not_spam():
    assert not contains_spam("执法人员依法调查取证,全年查处案件56件。")
    assert spam_spans("开展行政执法案卷评查,调查核实群众反映问题。") == []


def test_spam_prefix_of_a_title():
    assert contains_spam("南宁私家侦探公司")
