"""Which line a metadata field is read from, how sure the extractor says it is, and the span
the review window highlights: the strongest evidence wins, and a weak one is marked so."""

from __future__ import annotations

from desktop.core.metadata import extract_metadata
from desktop.core.normalise import normalise

TITLE = "宁乡市人民政府2021年法治政府建设年度报告"
OPENING = "2021年,我市深入学习贯彻习近平法治思想,扎实推进法治政府建设。现将有关情况报告如下。"
BODY = (
    "一、法治政府建设主要举措和成效\n"
    "全年共办理行政复议案件52件,行政机关负责人出庭应诉率达100%。\n"
    "二、存在的不足和原因\n一是法治意识有待加强。\n"
)


def fields(*lines: str):
    norm = normalise("\n".join(lines) + "\n")
    return norm.text, extract_metadata(norm).fields


def evidence(text: str, found) -> tuple[object, float, str]:
    """value, confidence, and the highlighted text."""
    return found.value, found.confidence, text[found.start : found.end]


# ---------------------------------------------------------------- document number


def test_a_labelled_document_number_is_sure_and_beats_one_alone_on_a_line():
    text, found = fields(TITLE, "宁政发〔2022〕4号", "文号:宁政发〔2022〕5号", OPENING, BODY)
    assert evidence(text, found["doc_number"]) == ("宁政发〔2022〕5号", 0.95, "宁政发〔2022〕5号")


def test_a_number_alone_under_the_title_beats_one_under_the_signature():
    text, found = fields(TITLE, "宁政发〔2022〕5号", OPENING, BODY, "宁乡市人民政府", "宁政办〔2022〕9号")
    assert evidence(text, found["doc_number"]) == ("宁政发〔2022〕5号", 0.95, "宁政发〔2022〕5号")
    text, found = fields(TITLE, "宁政发〔2022〕5号", "宁政发〔2022〕6号", OPENING, BODY)
    assert found["doc_number"].value == "宁政发〔2022〕5号"  # the first of two equal ones


def test_a_number_found_only_under_the_signature_is_marked_for_a_look():
    text, found = fields(TITLE, OPENING, BODY, "宁乡市人民政府", "宁政办〔2022〕9号")
    assert evidence(text, found["doc_number"]) == ("宁政办〔2022〕9号", 0.8, "宁政办〔2022〕9号")


def test_a_number_with_more_than_eight_other_characters_on_its_line_is_not_the_reports():
    _, found = fields(TITLE, "宁政发〔2022〕5号 1234567", OPENING, BODY)
    assert found["doc_number"].value == "宁政发〔2022〕5号"
    _, found = fields(TITLE, "宁政发〔2022〕5号 12345678", OPENING, BODY)
    assert "doc_number" not in found


def test_a_number_the_report_cites_is_not_its_own():
    _, found = fields(TITLE, OPENING, "根据宁政发〔2021〕3号文件要求,全面推进依法行政。", BODY)
    assert "doc_number" not in found


# ---------------------------------------------------------------- publication date


def test_a_labelled_publication_date_is_sure_and_beats_the_signature_date():
    text, found = fields(TITLE, "发布日期:2022-03-15", OPENING, BODY, "宁乡市人民政府", "2022年2月28日")
    assert evidence(text, found["publish_date"]) == ("2022-03-15", 0.95, "2022-03-15")


def test_a_short_stamp_under_the_title_beats_the_signature_date():
    text, found = fields(TITLE, "2022-03-15", OPENING, BODY, "宁乡市人民政府", "2022年2月28日")
    assert evidence(text, found["publish_date"]) == ("2022-03-15", 0.85, "2022-03-15")


def test_the_date_under_the_signature_is_taken_when_nothing_else_is_dated():
    text, found = fields(TITLE, OPENING, BODY, "宁乡市人民政府", "2022年2月28日")
    assert evidence(text, found["publish_date"]) == ("2022-02-28", 0.8, "2022年2月28日")


def test_a_signing_date_label_is_the_weakest_evidence():
    text, found = fields(TITLE, OPENING, BODY, "宁乡市人民政府", "2022年2月28日", "成文日期:2022年2月20日")
    assert evidence(text, found["publish_date"]) == ("2022-02-28", 0.8, "2022年2月28日")
    text, found = fields(TITLE, OPENING, BODY, "成文日期:2022年2月20日")
    assert evidence(text, found["publish_date"]) == ("2022-02-20", 0.8, "2022年2月20日")


def test_dates_in_the_body_and_long_lines_are_not_the_publication_date():
    _, found = fields(TITLE, OPENING, "2022年1月5日,市政府召开常务会议,研究部署法治政府建设工作。", BODY)
    assert "publish_date" not in found
    _, found = fields(TITLE, OPENING, BODY, "宁乡市人民政府 宁乡市司法局 2022年2月28日")
    assert "publish_date" not in found


# ---------------------------------------------------------------- report year


def test_the_year_of_the_title_and_of_the_opening_agree_and_are_sure():
    _, found = fields(TITLE, OPENING, BODY)
    assert (found["report_year"].value, found["report_year"].confidence) == (2021, 0.95)


def test_a_year_read_only_from_the_first_lines_is_marked_for_a_look():
    _, found = fields("法治政府建设年度报告", "2021年,我市扎实推进法治政府建设。", BODY)
    assert (found["report_year"].value, found["report_year"].confidence) == (2021, 0.6)


def test_the_plans_for_next_year_do_not_vote_for_the_reports_year():
    _, found = fields(
        "法治政府建设年度报告",
        "2021年,我市扎实推进法治政府建设。",
        BODY,
        "2022年法治政府建设工作安排",
        "2022年法治政府建设工作计划",
    )
    assert found["report_year"].value == 2021


def test_evidence_that_disagrees_leaves_the_year_unsure():
    # "现将2020年…" (4) against a heading that opens with 2021 and names the work (2 + 2)
    _, found = fields("法治政府建设年度报告", "现将2020年有关情况报告如下。", "2021年法治政府建设工作情况", BODY)
    assert (found["report_year"].value, found["report_year"].confidence) == (2020, 0.6)
    # the title's year (5) outweighs the opening's (4): sure
    _, found = fields(TITLE, "现将2020年有关情况报告如下。", BODY)
    assert (found["report_year"].value, found["report_year"].confidence) == (2021, 0.95)
