"""Metadata rules on small reports written for the tests (not the seeds): each rule must hold
for a report nobody has seen."""

from __future__ import annotations

import pytest

from desktop.core.metadata import clean_title, extract_metadata
from desktop.core.normalise import normalise

BODY = (
    "一、法治政府建设主要举措和成效\n"
    "全年共办理行政复议案件52件,行政机关负责人出庭应诉率达100%。\n"
    "二、存在的不足和原因\n一是法治意识有待加强。\n"
    "三、下一年度工作安排\n继续深入推进依法行政,加快建设法治政府。\n"
)


def meta(text: str) -> dict:
    return extract_metadata(normalise(text)).as_dict()


def test_county_report_with_header_stamp_signature_and_document_number():
    text = (
        "首页 > 政务公开 > 法治政府建设\n"
        "宁乡市人民政府2021年法治政府建设年度报告\n"
        "发布时间:2022-03-15 09:30 来源:宁乡市司法局 浏览次数:128\n"
        "宁政发〔2022〕5号\n"
        "2021年,在长沙市委、市政府的坚强领导下,我市深入学习贯彻习近平法治思想,扎实推进法治政府建设。现将有关情况报告如下。\n"
        + BODY
        + "宁乡市人民政府\n2022年2月28日\n"
    )
    md = meta(text)
    assert md == {
        "title": "宁乡市人民政府2021年法治政府建设年度报告",
        "issuer": "宁乡市人民政府",
        "region": "宁乡市",
        "province": "湖南省",
        "level": "county",
        "report_year": 2021,
        "doc_number": "宁政发〔2022〕5号",
        "publish_date": "2022-03-15",
        "script": "simplified",
    }


def test_signing_date_in_chinese_numerals_when_no_publication_date():
    text = (
        "鄞州区2022年法治政府建设情况报告\n"
        "2022年,鄞州区坚持以习近平法治思想为指导,持续深化法治政府建设,取得明显成效。\n"
        + BODY
        + "宁波市鄞州区人民政府\n二〇二三年一月三十一日\n"
    )
    md = meta(text)
    assert md["publish_date"] == "2023-01-31"
    assert md["issuer"] == "宁波市鄞州区人民政府"
    assert (md["region"], md["province"], md["level"]) == ("鄞州区", "浙江省", "district")


def test_department_report_is_level_department():
    text = (
        "苏州市司法局2022年度法治政府建设工作报告\n"
        "2022年,市司法局在市委、市政府的坚强领导下,全面履行法治政府建设职责,各项工作取得新成效。\n"
        + BODY
        + "苏州市司法局\n2023年1月20日\n"
    )
    md = meta(text)
    assert md["issuer"] == "苏州市司法局"
    assert md["level"] == "department"
    assert md["region"] == "苏州市" and md["province"] == "江苏省"


def test_zone_named_in_the_opening_without_title():
    text = (
        "2023年,长沙经开区坚持以习近平法治思想为指导,全面推进法治政府建设,取得积极成效。"
        "现将长沙经开区2023年度法治政府建设情况报告如下。\n" + BODY
    )
    md = meta(text)
    assert md["title"] is None
    assert md["region"] == "长沙经开区" and md["level"] == "zone"
    assert md["issuer"] == "长沙经开区管委会"
    assert md["report_year"] == 2023


def test_traditional_report_gets_simplified_values_and_script():
    text = (
        "2022年,在省委、省政府的正確領導下,貴陽市堅持以習近平法治思想為指導,全面推進法治政府建設。"
        "現將有關情況報告如下。\n" + BODY
    )
    md = meta(text)
    assert md["script"] == "traditional"
    assert md["region"] == "贵阳市" and md["province"] == "贵州省" and md["level"] == "prefecture"
    assert md["issuer"] == "贵阳市人民政府"
    assert md["report_year"] == 2022


def test_cited_document_numbers_in_the_body_are_not_the_report_number():
    text = (
        "某县2021年法治政府建设年度报告\n"
        "2021年,我县认真贯彻落实《关于加强法治政府建设的意见》(湘政发〔2020〕12号)精神,推进依法行政。\n" + BODY
    )
    assert meta(text)["doc_number"] is None


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("江门市私家侦探公司-江门市发布2022年度法治政府建设情况报告", "江门市2022年度法治政府建设情况报告"),
        ("名称: 如东县人民政府2023年法治政府建设工作情况报告", "如东县人民政府2023年法治政府建设工作情况报告"),
        ("泉州市公布2021年法治政府建设年度报告_泉州市人民政府网", "泉州市2021年法治政府建设年度报告"),
        ("《关于2020年法治政府建设情况的报告》", "关于2020年法治政府建设情况的报告"),
    ],
)
def test_title_cleaning_drops_site_names_spam_and_news_verbs(raw, clean):
    assert clean_title(raw) == clean


def test_report_year_is_the_year_covered_not_the_year_published():
    text = (
        "2023年3月1日 来源:本站\n"
        "2022年,全区各级行政机关坚持依法行政,法治政府建设取得新进展。现将我区2022年度法治政府建设情况报告如下。\n"
        + BODY
    )
    assert meta(text)["report_year"] == 2022


def test_unknown_values_are_null_not_guesses():
    md = meta("这是一段与法治报告无关的文字,没有地名,也没有日期。\n")
    assert md["region"] is None and md["province"] is None and md["issuer"] is None
    assert md["doc_number"] is None and md["publish_date"] is None and md["title"] is None


def test_title_from_a_spaced_page_label():
    text = (
        "首页 > 信息公开\n标  题: 宁乡市2021年法治政府建设年度报告\n发布日期: 2022-01-05\n"
        "2021年,宁乡市坚持以习近平法治思想为指导。\n" + BODY
    )
    assert meta(text)["title"] == "宁乡市2021年法治政府建设年度报告"


def test_title_broken_over_two_lines_joins_its_issuer():
    text = "桃源县人民政府\n2017年度法治政府建设情况报告\n2017年,我县深入贯彻落实法治政府建设。\n" + BODY
    assert meta(text)["title"] == "桃源县人民政府2017年度法治政府建设情况报告"


def test_title_after_the_attachment_mark_of_a_cover_letter():
    text = (
        "关于报送2022年度法治政府建设情况的函\n省司法厅:\n现将我市有关材料报送如下。\n"
        "附件:汕尾市2022年法治政府建设年度报告\n2022年,我市坚持以习近平法治思想为指导,深入推进法治政府建设。\n" + BODY
    )
    assert meta(text)["title"] == "汕尾市2022年法治政府建设年度报告"
