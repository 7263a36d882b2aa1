"""Issuer, region, province and level (ANNOTATION_GUIDE.md, "Fields of a report" and "Rules
for the cases that come up"), on small report openings written for the tests: each rule
must hold for pages nobody here has read, most of which start at the body with no title."""

from __future__ import annotations

import pytest

from desktop.core.issuer import find_place_fields
from desktop.core.metadata import extract_metadata
from desktop.core.normalise import normalise

BODY = "\n一、主要举措和成效\n(一)加强组织领导。全年共办理行政复议案件52件。\n"


def places(text: str) -> tuple:
    md = extract_metadata(normalise(text)).as_dict()
    return md["issuer"], md["region"], md["province"], md["level"]


def confidence(text: str, field: str) -> float:
    return extract_metadata(normalise(text)).fields[field].confidence


# -- "issuer not named in the text: the governing body of the region the report speaks for"


def test_unnamed_district_government_speaks_for_the_district_the_text_names():
    text = (
        "2022年,区政府坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻党的二十大精神。"
        "成立铜梁区宣讲团,扎实开展宣讲活动。" + BODY
    )
    assert places(text) == ("铜梁区人民政府", "铜梁区", "重庆市", "district")


def test_the_subject_after_the_leadership_clause_is_the_speaker_not_the_superiors():
    text = (
        "2023年,在市委、市政府和区委的坚强领导下,在区人大常委会和区政协的监督支持下,区政府坚持"
        "以习近平法治思想为指导。执行《朔城区2023年度工作清单》。" + BODY
    )
    assert places(text) == ("朔城区人民政府", "朔城区", "山西省", "district")


def test_province_government_named_only_by_reference_takes_the_province_of_its_places():
    text = (
        "现将省政府2022年度法治政府建设情况报告如下。\n一、2022年主要工作\n"
        "出台《湖南省重大行政决策事项目录管理办法》,推进法治湖南建设。" + BODY
    )
    assert places(text) == ("湖南省人民政府", "湖南省", "湖南省", "province")


def test_province_from_the_cities_a_province_report_names():
    text = (
        "2022年,省政府坚持以习近平新时代中国特色社会主义思想为指导,扎实推进法治政府建设。"
        "延安市被命名为示范市,西安市莲湖区项目被命名为示范项目。" + BODY
    )
    assert places(text)[2:] == ("陕西省", "province")


def test_a_title_that_starts_with_a_place_names_the_report_of_that_place():
    text = "静海区2023年度法治政府建设情况报告\n来源:静海区人民政府办公室 发布时间:2024-03-28\n" + BODY
    assert places(text) == ("静海区人民政府", "静海区", "天津市", "district")


def test_a_source_line_names_the_site_not_the_issuer():
    text = "来源:汕尾市司法局\n2022年,汕尾市坚持以习近平法治思想为指导,持续深化法治政府建设。" + BODY
    assert places(text)[0] == "汕尾市人民政府"


def test_party_and_government_together_make_the_government_the_issuer():
    text = "2022年,县委、县政府高度重视法治政府建设,桃源县各部门认真落实。" + BODY
    assert places(text) == ("桃源县人民政府", "桃源县", "湖南省", "county")


def test_a_city_reference_may_be_a_county_level_city():
    text = (
        "2022年,市政府坚持以习近平法治思想为指导,在清远市委、市政府的领导下,英德市法治政府建设"
        "取得新成效。英德市各镇街全面推进依法行政。" + BODY
    )
    assert places(text) == ("英德市人民政府", "英德市", "广东省", "county")


def test_traditional_script_pages_are_read_in_simplified():
    text = "2022年,區政府堅持以習近平法治思想為指導,深入推進法治鄞州建設,鄞州區各部門認真落實。現將情況報告如下:" + BODY
    assert places(text) == ("鄞州区人民政府", "鄞州区", "浙江省", "district")


def test_region_unknown_leaves_every_place_field_null():
    text = "2022年,我们坚持以习近平法治思想为指导,深入推进法治政府建设。" + BODY
    assert places(text) == (None, None, None, None)


# -- departments at every level: level department, region the place they belong to


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        (
            "2022年,省司法厅坚持以习近平法治思想为指导,深入推进法治湖南建设。",
            ("湖南省司法厅", "湖南省", "湖南省", "department"),
        ),
        (
            "2022年,县公安局在县委、县政府的坚强领导下,深入推进法治建设。桃源县公安局全体民警依法履职。",
            ("桃源县公安局", "桃源县", "湖南省", "department"),
        ),
        (
            "2023年,市市场监管局在市委市政府的坚强领导下,深入学习贯彻习近平法治思想。"
            "《绍兴市电梯安全管理规定》正式施行。",
            ("绍兴市市场监管局", "绍兴市", "浙江省", "department"),
        ),
    ],
)
def test_departments_named_by_their_tier_belong_to_the_place_of_that_tier(opening, expected):
    assert places(opening + BODY) == expected


def test_a_department_that_names_itself_in_the_title_keeps_its_name():
    text = "武汉市市场监管局2022年法治政府建设年度报告\n2022年,市市场监管局坚持以习近平法治思想为指导。" + BODY
    assert places(text) == ("武汉市市场监管局", "武汉市", "湖北省", "department")


def test_this_bureau_without_a_name_is_a_department_of_the_place_named_most():
    text = "2022年,我局坚持以习近平法治思想为指导,推动法治武汉建设,武汉市生态环境系统依法行政。" + BODY
    issuer, region, province, level = places(text)
    assert (region, province, level) == ("武汉市", "湖北省", "department")
    assert issuer is None  # the bureau's name is not in the text


# -- townships and streets: township level, with their county and province


def test_a_township_named_as_subject_takes_its_province_from_the_township_table():
    text = "2022年,贤庠镇坚持以习近平新时代中国特色社会主义思想为指导,深入贯彻落实党的二十大精神。" + BODY
    assert places(text) == ("贤庠镇人民政府", "贤庠镇", "浙江省", "township")


def test_a_township_province_from_the_table_alone_is_flagged_for_review():
    text = "2022年,贤庠镇坚持以习近平新时代中国特色社会主义思想为指导。" + BODY
    assert confidence(text, "province") < 0.8
    placed = "2022年,贤庠镇坚持以习近平新时代中国特色社会主义思想为指导。象山县各镇乡同步推进。" + BODY
    assert confidence(placed, "province") >= 0.8


def test_our_town_takes_the_town_the_text_names_and_the_province_of_its_cities():
    text = (
        "2022年,我镇坚持以习近平新时代中国特色社会主义思想为指导。传达省、清远市和英德市有关会议精神,"
        "让党的二十大精神在下太镇落地生根,列入下太镇委党校培训课程。" + BODY
    )
    assert places(text) == ("下太镇人民政府", "下太镇", "广东省", "township")


def test_a_common_township_name_without_context_has_no_province():
    text = "2022年,我乡坚持以习近平法治思想为指导,城关乡各村认真落实,城关乡党委统筹推进。" + BODY
    assert places(text) == ("城关乡人民政府", "城关乡", None, "township")


def test_a_street_is_a_township_issued_by_its_office():
    text = "2022年,东华门街道坚持以习近平新时代中国特色社会主义思想为指导,全面推进依法行政。" + BODY
    assert places(text) == ("东华门街道办事处", "东华门街道", "北京市", "township")


def test_words_ending_in_town_are_no_township():
    # 依法治镇 and 城镇 end in 镇 but name no place; the report is the county's.
    text = "2022年,县政府坚持依法治镇、统筹城镇发展,桃源县依法行政水平不断提升。" + BODY
    assert places(text)[1] == "桃源县"


# -- development zones and new areas


def test_a_zone_takes_its_province_from_the_place_its_name_starts_with():
    text = (
        "2021年,在市委、市政府的坚强领导下,北京经济技术开发区坚持以习近平法治思想为指导,全力推动三城一区建设。" + BODY
    )
    assert places(text) == ("北京经济技术开发区管委会", "北京经济技术开发区", "北京市", "zone")


def test_the_zone_by_its_kind_is_the_zone_of_that_kind_the_text_names():
    text = (
        "2022年,在市委、市政府的坚强领导下,高新区管委会坚持以习近平法治思想为指导。"
        "苏州高新区法治建设成效明显,苏州高新区营商环境持续优化。" + BODY
    )
    assert places(text) == ("苏州高新区管委会", "苏州高新区", "江苏省", "zone")


def test_a_verb_phrase_ending_in_new_area_is_no_zone():
    # 设立"大铜新区" is a plan the report mentions; the report is the district's.
    text = (
        "2022年,区政府坚持以习近平法治思想为指导,为设立“大铜新区”提供法律服务,成立铜梁区宣讲团,"
        "铜梁区各部门认真落实。" + BODY
    )
    assert places(text)[1:] == ("铜梁区", "重庆市", "district")


def test_place_fields_are_read_from_normalised_text_and_lines():
    norm = normalise("2022年,区政府坚持以习近平法治思想为指导,铜梁区各部门认真落实。" + BODY)
    from desktop.core.noise import split_lines

    fields = find_place_fields(norm.text, split_lines(norm.text), None, 0, 3)
    assert fields["region"].value == "铜梁区"
    assert fields["issuer"].confidence < 0.8  # named only by reference: the reviewer checks it


def test_a_place_named_twice_makes_a_bare_reference_surer_than_a_place_named_once():
    once = "2022年,区政府坚持以习近平法治思想为指导,成立铜梁区宣讲团。" + BODY
    twice = "2022年,区政府坚持以习近平法治思想为指导,成立铜梁区宣讲团,铜梁区各部门认真落实。" + BODY
    assert confidence(once, "region") < 0.8 <= confidence(twice, "region")


@pytest.mark.parametrize(
    "title",
    [
        "关于静海区2023年度法治政府建设情况的报告",
        "2023年静海区法治政府建设情况报告",
        "天津市静海区2023年法治政府建设情况报告",
    ],
)
def test_a_title_may_open_with_about_a_year_or_the_place_s_parents(title):
    assert places(title + "\n" + BODY) == ("静海区人民政府", "静海区", "天津市", "district")


def test_the_zone_by_its_kind_named_once_in_the_text():
    text = "2021年,高新区管委会深入学习贯彻习近平法治思想,推进依法行政。西安高新区全年审查规范性文件12件。" + BODY
    assert places(text) == ("西安高新区管委会", "西安高新区", "陕西省", "zone")


def test_the_superiors_a_report_works_under_are_not_its_place():
    text = (
        "2022年,在苏州市委、市政府的坚强领导下,市政府坚持以习近平法治思想为指导,昆山市法治政府建设取得新成效。" + BODY
    )
    assert places(text)[:2] == ("昆山市人民政府", "昆山市")
