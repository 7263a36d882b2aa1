"""The trie-built word alternation, the metric candidates' first-character filter and the
search for trailing words from a phrase's end find exactly what the plain forms find."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core import metrics
from desktop.core.scan import scan
from desktop.core.wordsets import word_alternation

WORDS = ["人", "人次", "人天", "个", "个百分点", "万平方米", "件", "件次", "kg", "a.b", "(x)"]


def test_trie_matches_the_longest_word_like_a_sorted_alternation() -> None:
    trie = re.compile(word_alternation(WORDS))
    assert trie.match("个百分点以上").group() == "个百分点"
    assert trie.match("个百分").group() == "个"
    assert trie.match("人次数").group() == "人次"
    assert trie.match("(x)").group() == "(x)"
    assert trie.match("axb") is None  # . is a literal dot, not any character
    assert trie.match("次") is None


def test_an_empty_word_list_matches_nothing() -> None:
    assert re.compile(word_alternation([])).search("任何文字") is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="人次天个百分点万平方米件", min_size=1, max_size=4), min_size=1, max_size=12),
       st.text(alphabet="人次天个百分点万平方米件", max_size=8))
def test_trie_and_sorted_alternation_agree(words: list[str], text: str) -> None:
    plain = re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))
    trie = re.compile(word_alternation(words))
    for pos in range(len(text) + 1):
        a, b = plain.match(text, pos), trie.match(text, pos)
        assert (a and a.group()) == (b and b.group())


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
@given(st.lists(st.sampled_from([*metrics._TRAILING_WORDS, "行", "工作", "件", "\n", "达成"]), max_size=16).map("".join))
def test_trailing_words_found_from_the_end_as_by_a_whole_search(phrase: str) -> None:
    plain = re.compile(f"(?:{'|'.join(metrics._TRAILING_WORDS)})+$")
    fast = metrics._trailing_words(phrase)
    expected = plain.search(phrase)
    assert (fast and fast.span()) == (expected and expected.span())
