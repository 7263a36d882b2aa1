"""Normalisation: what a reviewer sees repaired, converted and flagged."""

from __future__ import annotations

from desktop.core.normalise import normalise, readability


def test_traditional_text_is_converted_and_detected():
    norm = normalise("仲愷高新區堅持以習近平法治思想為指導,全面推進法治政府建設。")
    assert norm.text == "仲恺高新区坚持以习近平法治思想为指导,全面推进法治政府建设。"
    assert norm.script == "traditional"


def test_simplified_text_is_left_alone():
    text = "汕尾市坚持以习近平法治思想为指导,全面推进法治政府建设。"
    norm = normalise(text)
    assert norm.text == text and norm.script == "simplified" and norm.flags == []


def test_full_width_forms_become_half_width():
    norm = normalise("（一）２０２３年受理案件１２件\u3000完成")
    assert norm.text == "(一)2023年受理案件12件 完成"


def test_pinyin_annotations_are_removed_and_flagged():
    original = "在省委的正確領(lǐng)導(dǎo)下,認真學(xué)習(xí)。"
    norm = normalise(original)
    assert norm.text == "在省委的正确领导下,认真学习。"
    kinds = [f.kind for f in norm.flags]
    assert kinds == ["pinyin", "pinyin"] or kinds == ["pinyin"]
    first = norm.flags[0]
    assert original[first.start : first.end].startswith("(lǐng)")


def test_ascii_in_brackets_is_not_taken_for_pinyin():
    text = "实施纲要(2021-2025年)和(A)类事项"
    assert normalise(text).text == text


def _shift_garble(line: str) -> str:
    """What a scraper produces when it decodes a GBK page one byte off."""
    return ("\u3000" + line).encode("gbk")[1:].decode("gbk", errors="replace")


def test_gbk_one_byte_shift_line_is_repaired_and_flagged():
    line = "（一）高站位统筹法治政府建设。落实法治中国有关部署要求。"
    garbled = _shift_garble(line)
    assert garbled != line
    original = "第一段正常文字。\n" + garbled + "\n最后一段。"
    norm = normalise(original)
    flag = next(f for f in norm.flags if f.kind == "mojibake")
    assert original[flag.start : flag.end] == garbled
    assert flag.repair.startswith("（一）高站位统筹法治")
    # The character whose byte the scraper dropped stays marked as lost.
    assert "(一)高站位统筹法治\ufffd府建设。落实法治中国有关部署要求。" in norm.text
    # The repaired line maps back onto the garbled line, not onto its neighbours.
    at = norm.text.index("高站位统筹")
    s, e = norm.to_original(at, at + 6)
    assert flag.start <= s < e <= flag.end


def test_readability_separates_garbage_from_chinese():
    assert readability("市委常委会两次会议专题学习") > readability("。ㄈ┨嵩隽⒎ㄙ") + 5


def test_a_character_lost_to_mojibake_is_restored_from_its_pinyin_annotation():
    # The scraper dropped the second byte of 執; its first byte survives in the garbled
    # run and the annotation (zhí) names its sound: only 執 fits both.
    line = "（五）深化執(zhí)法改革,推進嚴格公正文明執法。"
    garbled = _shift_garble(line)
    assert "\ufffd" in garbled
    norm = normalise("第一段正常文字。\n" + garbled + "\n最后一段。")
    assert "深化执法改革" in norm.text


def test_a_character_lost_without_annotation_stays_marked_and_its_heading_is_flagged():
    from desktop.core.noise import split_lines
    from desktop.core.outline import find_sections

    line = "（五）深化執法改革,推進嚴格公正文明執法。"
    garbled = _shift_garble(line)
    text = "一、主要举措\n（四）加强立法。内容。\n" + garbled + "\n内容继续。\n"
    norm = normalise(text)
    sections = find_sections(norm, split_lines(norm.text))
    lost = [s for s in sections if "\ufffd" in s.title]
    assert lost and all(s.confidence < 0.8 for s in lost)
