"""Sections and parts, on small reports written for the tests (not the seeds): each rule must
hold for a report nobody has seen."""

from __future__ import annotations

import pytest

from desktop.core.noise import split_lines
from desktop.core.normalise import Flag, NormalisedText, normalise
from desktop.core.offsets import OffsetMap
from desktop.core.outline import PART_KEYS, PartSpan, Section, find_parts, find_sections
from desktop.core.outline_rules import (
    classify_sub_heading,
    classify_top_heading,
    cn_to_int,
    int_to_cn,
    runin_title,
    sentence_openers,
)


def outline(text: str) -> tuple[NormalisedText, list[Section], list[PartSpan]]:
    norm = normalise(text)
    lines = split_lines(norm.text)
    sections = find_sections(norm, lines)
    return norm, sections, find_parts(norm, lines, sections)


def heads(sections: list[Section]) -> list[tuple[int, str | None, str, bool]]:
    return [(s.level, s.number, s.title, s.inferred) for s in sections]


def part_at(norm: NormalisedText, parts: list[PartSpan], needle: str) -> str:
    offset = norm.text.index(needle)
    covering = [p.part for p in parts if p.start <= offset < p.end]
    assert len(covering) == 1, covering
    return covering[0]


def assert_tiled(norm: NormalisedText, parts: list[PartSpan]) -> None:
    assert parts[0].start == 0 and parts[-1].end == len(norm.text)
    for a, b in zip(parts, parts[1:]):
        assert a.end == b.start and a.start < a.end
    assert all(p.part in PART_KEYS and 0 < p.confidence <= 1 for p in parts)


STANDARD = (
    "某县人民政府2022年法治政府建设年度报告\n"
    "2022年,我县坚持以习近平法治思想为指导,扎实推进法治政府建设。现将有关情况报告如下:\n"
    "一、2022年推进法治政府建设的主要举措和成效\n"
    "(一)依法全面履行政府职能\n"
    "1.深化放管服改革。一是推进证照分离。全面落实告知承诺制,办理许可事项1200件。"
    "二是优化营商环境。开展涉企收费专项检查,清理不合理收费。\n"
    "2、加强市场监管。开展双随机抽查,实现部门联合监管常态化。\n"
    "(二)党政主要负责人履行推进法治建设第一责任人职责\n"
    "县政府主要负责人主持召开常务会议专题学法四次。\n"
    "(三)严格规范公正文明执法\n"
    "全年办理行政处罚案件356件。\n"
    "二、存在的不足和原因\n"
    "一是法治意识有待加强;二是执法队伍力量不足。\n"
    "三、2023年工作安排\n"
    "(一)加强组织领导。健全法治建设领导体制,压实工作责任。\n"
    "某县人民政府\n"
    "2023年2月10日\n"
)


def test_numbered_headings_at_every_level_with_titles_up_to_the_full_stop():
    _, sections, _ = outline(STANDARD)
    assert heads(sections) == [
        (1, "一", "2022年推进法治政府建设的主要举措和成效", False),
        (2, "一", "依法全面履行政府职能", False),
        (3, "1", "深化放管服改革", False),
        (4, "一是", "推进证照分离", False),
        (4, "二是", "优化营商环境", False),
        (3, "2", "加强市场监管", False),
        (2, "二", "党政主要负责人履行推进法治建设第一责任人职责", False),
        (2, "三", "严格规范公正文明执法", False),
        (1, "二", "存在的不足和原因", False),
        (1, "三", "2023年工作安排", False),
        (2, "一", "加强组织领导", False),
    ]


def test_a_section_ends_at_the_next_heading_of_the_same_or_a_higher_level():
    norm, sections, _ = outline(STANDARD)
    text = norm.text
    by_title = {s.title: s for s in sections}
    first = by_title["2022年推进法治政府建设的主要举措和成效"]
    assert text[first.end :].startswith("二、存在的不足")
    item = by_title["推进证照分离"]
    assert text[item.start : item.end].startswith("一是推进证照分离")
    assert text[item.end :].startswith("二是优化营商环境")
    last = by_title["优化营商环境"]
    assert text[last.end :].lstrip().startswith("2、加强市场监管")
    # the last section stops before the signature block
    assert text[by_title["加强组织领导"].end :].strip().startswith("某县人民政府")


def test_parts_follow_headings_and_a_sub_heading_on_leader_duty_switches_and_resumes():
    norm, _, parts = outline(STANDARD)
    assert_tiled(norm, parts)
    assert part_at(norm, parts, "某县人民政府2022年") == "achievements"  # text before the first part
    assert part_at(norm, parts, "一、2022年推进") == "achievements"
    assert part_at(norm, parts, "(二)党政主要负责人") == "leader_duty"
    assert part_at(norm, parts, "县政府主要负责人主持") == "leader_duty"
    assert part_at(norm, parts, "(三)严格规范") == "achievements"
    assert part_at(norm, parts, "二、存在的不足") == "shortcomings"
    assert part_at(norm, parts, "三、2023年工作安排") == "next_year"
    assert part_at(norm, parts, "(一)加强组织领导") == "next_year"
    assert part_at(norm, parts, "2023年2月10日") == "other"
    assert part_at(norm, parts, "某县人民政府\n2023") == "other"


def test_run_in_items_are_headings_only_when_they_open_with_a_short_title():
    text = (
        "一、主要举措\n"
        "(一)推进依法行政\n"
        # comma-led one-sentence items: prose
        "1.改革基层体制。一是聚焦运行机制,建立对口关系清单。二是聚焦治理效能,推动服务中心标准化建设。\n"
        # a title closed by 。 and followed by more sentences: headings
        "2.提升审查能力。一是加强制度支撑。制定审查办法,统一审查标准。二是善用外脑助力。聘请法律顾问参与审查。\n"
        # a first sentence that is long or reports figures: prose
        "3.强化监督。一是全面推行行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度,"
        "严格规范执法行为,切实提升执法质量和执法公信力水平。全年开展评查。"
        "二是全年办理复议案件52件。纠错率12%。\n"
        # list items that end in ; are not headings
        "4.存在问题。主要是:一是法治意识有待加强;二是执法力量不足。\n"
    )
    _, sections, _ = outline(text)
    level4 = [s.title for s in sections if s.level == 4]
    assert level4 == ["加强制度支撑", "善用外脑助力"]


def test_a_terse_item_counts_when_its_siblings_are_headings():
    text = (
        "一、主要举措\n(一)规范执法。一是加强执法监督。推行执法责任制,开展案卷评查。"
        "二是推动全流程监督,完善事前事中事后监督制度。三是深化执法改革。整合执法资源,减少执法层级。\n"
    )
    _, sections, _ = outline(text)
    assert [s.title for s in sections if s.level == 4] == [
        "加强执法监督",
        "推动全流程监督,完善事前事中事后监督制度",
        "深化执法改革",
    ]


def test_a_list_that_starts_at_er_shi_lost_its_yi_shi():
    text = (
        "一、主要举措\n(五)规范行政执法,优化营商环境。强化执法监督。全面推行执法责任制,规范执法行为。"
        "二是深化执法改革。整合执法资源,形成监管合力。\n"
    )
    _, sections, _ = outline(text)
    items = [(s.number, s.title, s.inferred) for s in sections if s.level == 4]
    assert items == [(None, "强化执法监督", True), ("二是", "深化执法改革", False)]
    lost = next(s for s in sections if s.inferred)
    assert lost.confidence < min(s.confidence for s in sections if not s.inferred)


PARAPHRASED = (
    "某市发布2022年度法治政府建设情况报告\n"
    "二零二二年,某市深入学习贯彻习近平法治思想,持续深化法治政府建设,取得显著成效,多项工作走在全省前列。\n"
    "加强党对法治政府建设的领导,统筹推进各项工作。\n"
    "健全学习制度,把习近平法治思想作为常务会议学习的重要内容,全年组织专题学法六次。领导干部带头尊法学法守法用法。\n"
    "(二)完善考核评价。把法治建设成效纳入年度绩效考核,考核结果作为干部使用的重要依据。\n"
    "强化督察落实,开展法治政府建设实地督察两次,督促问题整改到位,确保各项任务落地见效。\n"
    "二、深化放管服改革,优化法治化营商环境\n"
    "推进审批制度改革。全面推行告知承诺制,压减审批时限百分之六十以上,企业开办一日办结。\n"
    "(二)加强事中事后监管。推行双随机一公开监管,实现跨部门联合抽查常态化,企业满意度不断提升。\n"
    "完善重大行政决策程序,提升决策科学化水平\n"
    "严格执行决策程序。将公众参与、专家论证、风险评估等程序落实到每一项重大决策,决策质量明显提高。\n"
    "(二)加强合法性审查。政府常务会议审议事项全部经过合法性审查,未经审查不得提交讨论。\n"
    "本市法治政府建设虽有进步,但仍存在一些不足。基层执法力量薄弱,执法水平有待提升,群众参与决策的渠道不够通畅。\n"
    "下一步,我们将继续深入学习贯彻习近平法治思想,加强基层执法队伍建设,畅通群众参与渠道,推动法治政府建设再上新台阶。\n"
)


def test_paraphrased_copy_headings_that_lost_their_numbers_are_inferred():
    _, sections, _ = outline(PARAPHRASED)
    assert heads(sections) == [
        (1, None, "加强党对法治政府建设的领导,统筹推进各项工作", True),
        (2, None, "健全学习制度,把习近平法治思想作为常务会议学习的重要内容,全年组织专题学法六次", True),
        (2, "二", "完善考核评价", False),
        (2, None, "强化督察落实,开展法治政府建设实地督察两次,督促问题整改到位,确保各项任务落地见效", True),
        (1, "二", "深化放管服改革,优化法治化营商环境", False),
        (2, None, "推进审批制度改革", True),
        (2, "二", "加强事中事后监管", False),
        (1, None, "完善重大行政决策程序,提升决策科学化水平", True),
        (2, None, "严格执行决策程序", True),
        (2, "二", "加强合法性审查", False),
    ]
    inferred = [s.confidence for s in sections if s.inferred]
    numbered = [s.confidence for s in sections if not s.inferred]
    assert max(inferred) < min(numbered)


def test_closing_paragraphs_without_headings_open_shortcomings_and_next_year():
    norm, sections, parts = outline(PARAPHRASED)
    assert_tiled(norm, parts)
    assert part_at(norm, parts, "某市发布") == "achievements"
    assert part_at(norm, parts, "(二)加强合法性审查") == "achievements"
    assert part_at(norm, parts, "本市法治政府建设虽有进步") == "shortcomings"
    assert part_at(norm, parts, "基层执法力量薄弱") == "shortcomings"
    assert part_at(norm, parts, "下一步,我们将") == "next_year"
    # no section runs over the closing paragraphs
    closing = norm.text.index("本市法治政府建设虽有进步")
    assert all(s.end <= closing for s in sections)
    by_start = {p.start: p for p in parts}
    assert by_start[closing].confidence < parts[0].confidence


def test_complete_numbering_infers_nothing():
    text = (
        "一、主要举措和成效\n全年办理行政复议案件52件,纠错率12%。\n"
        "加强队伍建设,提升执法水平。\n"
        "全面推行行政执法三项制度,执法质量明显提升,群众满意度不断提高。\n"
        "二、存在的问题\n基层执法力量薄弱。\n"
    )
    _, sections, _ = outline(text)
    assert [s.inferred for s in sections] == [False, False]


def test_unheaded_shortcomings_paragraph_after_numbered_sub_sections():
    text = (
        "2022年,某市持续推进法治政府建设。\n"
        "一、2022年法治政府建设主要情况\n"
        "(一)坚持党的领导。主要负责人认真履行推进法治建设第一责任人职责。\n"
        "(二)优化政府职能。全面落实证照分离改革。\n"
        "2022年,我市法治政府建设取得一定成效,但也存在一些短板弱项,主要是:执法水平有待提升,监督合力需要强化。\n"
        "二、2023年法治政府建设工作重点安排\n"
        "2023年,我们将认真践行习近平法治思想。\n"
        "(一)高站位统筹法治政府建设。落实法治建设有关部署要求。\n"
    )
    norm, sections, parts = outline(text)
    assert_tiled(norm, parts)
    assert part_at(norm, parts, "2022年,某市") == "achievements"
    # a sub-heading that only mentions the duty in its body stays in its parent's part
    assert part_at(norm, parts, "(一)坚持党的领导") == "achievements"
    assert part_at(norm, parts, "2022年,我市法治政府建设取得一定成效") == "shortcomings"
    assert part_at(norm, parts, "二、2023年") == "next_year"
    first = next(s for s in sections if s.level == 1)
    assert norm.text[first.end :].startswith("2022年,我市法治政府建设取得一定成效")


def test_a_remark_inside_a_topic_section_does_not_open_a_part():
    text = (
        "一、主要举措和成效\n"
        "(一)推进政务公开。全年公开政府信息1200条。下一步,我们将继续完善公开平台。\n"
        "(二)规范行政执法。虽然执法规范化水平有所提升,但仍存在一些问题,为此开展专项整治。\n"
        "(三)化解矛盾纠纷。全年调解纠纷560件。\n"
        "二、存在的不足\n基层力量薄弱。\n"
    )
    norm, _, parts = outline(text)
    assert part_at(norm, parts, "下一步,我们将继续") == "achievements"
    assert part_at(norm, parts, "虽然执法规范化") == "achievements"
    assert part_at(norm, parts, "(三)化解矛盾纠纷") == "achievements"
    assert part_at(norm, parts, "二、存在的不足") == "shortcomings"


def test_rectification_heading_is_other_and_next_year_subheading_duty_stays_next_year():
    text = (
        "一、主要举措\n全年审查规范性文件50件。\n"
        "二、下一步工作打算\n(一)督促各级党政主要负责人履行推进法治建设第一责任人职责。加强考核。\n"
        "三、落实法治督察整改情况\n(一)进一步规范行政执法行为。确保程序合法。\n"
    )
    norm, _, parts = outline(text)
    assert part_at(norm, parts, "(一)督促各级") == "next_year"
    assert part_at(norm, parts, "三、落实法治督察整改") == "other"
    assert part_at(norm, parts, "(一)进一步规范") == "other"


def test_report_without_any_heading_is_achievements_until_a_part_opens():
    text = (
        "2022年,某局深入推进依法行政,全年办理行政许可事项3000件,行政复议纠错率下降。\n"
        "同时也要清醒看到,我局法治建设还存在不少短板,执法人员素质有待提高。\n"
        "2023年,我局将继续深化执法体制改革,提升执法水平。\n"
    )
    norm, sections, parts = outline(text)
    assert sections == []
    assert_tiled(norm, parts)
    assert part_at(norm, parts, "2022年,某局") == "achievements"
    assert part_at(norm, parts, "同时也要清醒看到") == "shortcomings"
    assert part_at(norm, parts, "2023年,我局将") == "next_year"


def test_trailing_page_chrome_is_other():
    text = "一、主要举措和成效\n全面推进依法行政。\n二、下一步打算\n持续推进法治政府建设。\n扫一扫在手机打开当前页\n"
    norm, _, parts = outline(text)
    assert part_at(norm, parts, "扫一扫") == "other"
    assert part_at(norm, parts, "持续推进法治政府建设") == "next_year"


def test_an_unnumbered_line_naming_a_part_opens_it():
    text = (
        "一、主要举措和成效\n(一)推进依法行政。全年审查规范性文件50件。\n(二)规范行政执法。开展案卷评查。\n"
        "存在的问题和不足\n基层执法力量薄弱,执法水平有待提升。\n"
        "二、下一步工作打算\n持续推进法治政府建设。\n"
    )
    norm, sections, parts = outline(text)
    assert part_at(norm, parts, "存在的问题和不足") == "shortcomings"
    assert part_at(norm, parts, "基层执法力量薄弱") == "shortcomings"
    assert part_at(norm, parts, "二、下一步") == "next_year"
    assert "存在的问题和不足" not in [s.title for s in sections]  # numbering is complete


def test_report_whose_top_headings_all_lost_their_numbers():
    text = (
        "某区2022年法治政府建设情况报告\n"
        "2022年,某区深入学习贯彻习近平法治思想,扎实推进法治政府建设,各项工作取得积极成效。现将有关情况报告如下:\n"
        "主要举措和成效\n"
        "全面推进政务公开,全年主动公开政府信息1200条,依申请公开办结率100%。深化放管服改革,企业开办一日办结。\n"
        "存在的不足和原因\n"
        "基层执法力量较为薄弱,执法人员专业素质有待提高,部分单位对法治建设重视不够。\n"
        "下一年度工作安排\n"
        "持续深化法治政府建设,加强基层执法队伍建设,提升行政执法规范化水平,推动法治政府建设再上新台阶。\n"
    )
    norm, sections, parts = outline(text)
    assert heads(sections) == [
        (1, None, "主要举措和成效", True),
        (1, None, "存在的不足和原因", True),
        (1, None, "下一年度工作安排", True),
    ]
    assert part_at(norm, parts, "现将有关情况") == "achievements"
    assert part_at(norm, parts, "基层执法力量") == "shortcomings"
    assert part_at(norm, parts, "持续深化法治政府建设") == "next_year"


def test_a_paraphrased_heading_without_part_words_keeps_the_part_it_is_in():
    text = (
        "一、主要举措和成效\n全面推进政务公开,全年主动公开政府信息1200条,依申请公开办结率百分之百。\n"
        "三、下一步工作打算\n坚持以习近平法治思想为指导,全面推进依法行政,加快建设法治政府,推动各项工作落地见效。\n"
        "持续深化放管服改革。\n"
        "全面推行告知承诺制,压减审批时限,提升企业和群众办事便利度,打造一流营商环境。\n"
    )
    norm, sections, parts = outline(text)
    assert (1, None, "持续深化放管服改革", True) in heads(sections)
    assert part_at(norm, parts, "持续深化放管服改革") == "next_year"


def test_traditional_and_full_width_headings_are_read_in_the_normalised_view():
    text = "一、主要舉措和成效\n（一）堅持黨的領導。深入學習貫徹習近平法治思想。\n二、存在的不足\n基層力量薄弱。\n"
    norm, sections, parts = outline(text)
    assert heads(sections)[:2] == [(1, "一", "主要举措和成效", False), (2, "一", "坚持党的领导", False)]
    assert part_at(norm, parts, "二、存在的不足") == "shortcomings"


# ---------------------------------------------------------------- mojibake


def repaired_view(text: str, repaired_lines: list[str]) -> NormalisedText:
    """A view in which the given lines are flagged as mojibake repairs (as normalise does)."""
    flags = []
    for line in repaired_lines:
        start = text.index(line)
        flags.append(Flag("mojibake", start, start + len(line), repair=line))
    return NormalisedText(original=text, text=text, map=OffsetMap.identity(len(text)), flags=flags)


def test_a_garbled_heading_takes_its_lost_number_from_its_siblings():
    garbled_three = "(醛提升立法质量,完善制度体系。全年出台规章5部。"  # (三) fused into one character
    lost_six = ")完善应急预案,提高依法处置能力。建成应急指挥中心。"  # (六 lost entirely
    text = (
        "一、主要情况\n(一)加强党的领导。召开常务会议研究法治工作。\n(二)优化政府职能。落实证照分离改革。\n"
        + garbled_three
        + "\n(四)规范决策程序。编制决策事项目录。\n(五)深化执法改革。组建综合执法队伍。\n"
        + lost_six
        + "\n(七)化解矛盾纠纷。全年调解纠纷560件。\n"
    )
    norm = repaired_view(text, [garbled_three, lost_six])
    sections = find_sections(norm, split_lines(norm.text))
    level2 = [(s.number, s.title, s.inferred) for s in sections if s.level == 2]
    assert level2[2] == ("三", "提升立法质量,完善制度体系", False)
    assert level2[5] == ("六", "完善应急预案,提高依法处置能力", False)
    assert [n for n, _, _ in level2] == ["一", "二", "三", "四", "五", "六", "七"]
    repaired = [s.confidence for s in sections if s.title.startswith(("提升立法", "完善应急"))]
    assert max(repaired) < sections[1].confidence


def test_a_garbled_line_without_numbered_siblings_is_not_a_heading():
    line = "(包括各类规范性文件。全年审查文件50件。"
    text = "一、主要情况\n全面推进依法行政。\n" + line + "\n"
    norm = repaired_view(text, [line])
    sections = find_sections(norm, split_lines(norm.text))
    assert heads(sections) == [(1, "一", "主要情况", False)]


def test_a_garbled_line_that_is_not_flagged_is_left_alone():
    text = "一、主要情况\n(一)加强领导。召开会议。\n(醛提升立法质量。全年出台规章。\n"
    _, sections, _ = outline(text)
    assert [s.title for s in sections] == ["主要情况", "加强领导"]


# ---------------------------------------------------------------- rules


@pytest.mark.parametrize(
    "numeral, value", [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("3", 3)]
)
def test_numerals(numeral, value):
    assert cn_to_int(numeral) == value
    if not numeral.isdigit():
        assert int_to_cn(value) == numeral


@pytest.mark.parametrize(
    "item, title",
    [
        ("健全工作机制。召开推进会议,部署重点任务。", "健全工作机制"),
        (
            "依据《某市执法观察期制度指引(试行)》,积极探索执法观察期制度。在观察期内优先采取柔性执法方式。",
            "依据《某市执法观察期制度指引(试行)》,积极探索执法观察期制度",
        ),
        ("扎实开展2023年执法规范提升年活动。印发实施方案。", "扎实开展2023年执法规范提升年活动"),
        ("聚焦运行机制,建立对口关系清单。", None),  # one sentence: the whole item
        ("全年办理案件52件。纠错率12%。", None),  # figures: a result, not a title
        ("优化12345热线服务。整合各类热线,实现一号对外。", "优化12345热线服务"),  # a name, not a figure
        ("法治意识有待加强;", None),
        (
            "主要负责人带头学法,推动学法制度化常态化长效化,把法治思维贯穿决策执行监督全过程,全面提升领导干部依法行政能力和水平。还要。",
            None,
        ),
    ],
)
def test_run_in_title(item, title):
    assert runin_title(item) == title


@pytest.mark.parametrize(
    "title, part",
    [
        ("2022年法治政府建设主要举措和成效", None),
        ("深化放管服改革,优化营商环境", None),
        ("党政主要负责人履行推进法治建设第一责任人职责情况", "leader_duty"),
        ("法治政府建设存在的问题和不足", "shortcomings"),
        ("存在问题及整改措施", "shortcomings"),
        ("下一步工作打算", "next_year"),
        ("2023年法治政府建设重点工作", "next_year"),
        ("2022年重点工作完成情况", None),
        ("落实督察整改情况", "other"),
        ("其他需要报告的事项", "other"),
    ],
)
def test_top_heading_vocabulary(title, part):
    assert classify_top_heading(title) == part


@pytest.mark.parametrize(
    "title, part",
    [
        ("切实履行推进法治建设第一责任人职责", "leader_duty"),
        ("法治政府建设成效明显", "achievements"),
        ("加大重点领域执法", None),
        ("补齐创建短板", None),
        ("提升法治建设成效", None),
    ],
)
def test_sub_heading_vocabulary(title, part):
    assert classify_sub_heading(title) == part


@pytest.mark.parametrize(
    "text, expected",
    [
        ("全年办理案件52件。我市法治建设虽然取得一定成效,但仍存在一些不足。", [(10, "shortcomings")]),
        ("下一步,我们将继续推进。", [(0, "next_year")]),
        ("2024年,我们将深入学习贯彻习近平法治思想。", [(0, "next_year")]),
        ("全市当前及今后一个时期的重点是推进依法行政。", [(0, "next_year")]),
        ("针对群众反映的问题,但凡涉及执法的均依法处理。", []),
        ("虽然任务繁重,但有效解决了一批问题。", []),
        ("2022年,全市办理行政复议案件52件。", []),
    ],
)
def test_sentence_openers(text, expected):
    assert list(sentence_openers(text)) == expected


def test_empty_input():
    norm = normalise("")
    assert find_sections(norm, []) == []
    assert find_parts(norm, [], []) == []
