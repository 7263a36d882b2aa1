"""The one phrase matcher every word list goes through (pyahocorasick)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.core.matcher import PhraseMatcher


def test_longest_word_wins_where_several_start_and_matches_never_overlap():
    matcher = PhraseMatcher(["行政", "行政复议", "复议案件", "案件"])
    found = [(s, e, w) for s, e, w, _ in matcher.find_all("受理行政复议案件52件")]
    assert found == [(2, 6, "行政复议"), (6, 8, "案件")]


def test_values_come_back_with_their_words():
    matcher = PhraseMatcher({"贤庠镇": "浙江省", "东华门街道": "北京市"})
    assert [v for *_, v in matcher.find_all("东华门街道与贤庠镇")] == ["北京市", "浙江省"]
    assert matcher.get("贤庠镇") == "浙江省" and matcher.get("别处") is None


def test_longest_word_at_a_place():
    matcher = PhraseMatcher(["三张镇", "三张"])
    assert matcher.longest_at("三张镇坚持", 0) == ("三张镇", "三张镇")
    assert matcher.longest_at("坚持三张", 0) is None


def test_an_empty_matcher_finds_nothing():
    matcher = PhraseMatcher([])
    assert matcher.find_all("任何文字") == [] and "任何" not in matcher


@given(
    st.lists(st.text(alphabet="甲乙丙丁", min_size=1, max_size=3), min_size=1, max_size=8),
    st.text(alphabet="甲乙丙丁", max_size=40),
)
def test_every_occurrence_is_found(words, text):
    matcher = PhraseMatcher(words)
    found = {(s, e) for s, e, _, _ in matcher.iter_all(text)}
    expected = {(i, i + len(w)) for w in set(words) for i in range(len(text)) if text.startswith(w, i)}
    assert found == expected
