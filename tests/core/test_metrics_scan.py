"""The metric candidate scan: the first-character filter skips no candidate, and the
trailing words of a label are found from its end as a search of the whole label finds them."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core import metrics
from desktop.core.scan import scan

TOKENS = list("0123456789一二两三十百千万亿零〇点,.%‰成多余至-个件人次项年月第分之是的 ") + ["百分之", "个百分点"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=20).map("".join))
def test_candidate_filter_skips_no_candidate(text: str) -> None:
    pattern = metrics._candidate_pattern()
    found = [(m.start(), m.end()) for m in scan(pattern, metrics._candidate_first(), text)]
    assert found == [(m.start(), m.end()) for m in pattern.finditer(text)]


def test_candidate_filter_on_sentences() -> None:
    text = "进一步统一标准,全年办理案件1,234件,百分之九十九点二的群众满意,提升3个百分点。"
    values = [(m.value, m.unit) for m in metrics.find_metrics(text)]
    assert (1234, "件") in values
    assert (99.2, "%") in values
    assert (3, "个百分点") in values
    assert all(v != 1 for v, _ in values)  # 一 of 进一步 and 统一 is no number


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from([*metrics._TRAILING_WORDS, "行", "工作", "件", "\n", "达成"]), max_size=16).map("".join)
)
def test_trailing_words_found_from_the_end_as_by_a_whole_search(phrase: str) -> None:
    plain = re.compile(f"(?:{'|'.join(metrics._TRAILING_WORDS)})+$")
    fast = metrics._trailing_words(phrase)
    expected = plain.search(phrase)
    assert (fast and fast.span()) == (expected and expected.span())
