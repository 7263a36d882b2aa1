"""Offset maps: every span of the normalised view maps back to the original and round-trips."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.normalise import normalise
from desktop.core.offsets import OffsetMap, apply_edits

# Text made of the things normalisation changes: traditional characters, pinyin annotations,
# full-width forms, mojibake-looking runs, plus ordinary text and line breaks.
PIECES = st.sampled_from(
    [
        "領(lǐng)導(dǎo)",
        "法治政府",
        "建設(shè)",
        "ＡＢＣ１２３",
        "\u3000",
        "①",
        "。",
        "\n",
        "。ㄈ┨嵩隽⒎ㄙ|(zhì)效",
        "2023年",
        "(2021-2025年)",
        "習近平",
        "ﬁ",
        "𠀀",
        "abc",
        "（一）",
    ]
)
TEXTS = st.lists(PIECES, max_size=30).map("".join)


def spans(n: int):
    return st.tuples(st.integers(0, n), st.integers(0, n)).map(sorted)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.data())
def test_view_spans_round_trip_through_the_original(original, data):
    norm = normalise(original)
    n = len(norm.text)
    start, end = data.draw(spans(n))
    o_start, o_end = norm.to_original(start, end)
    assert 0 <= o_start <= o_end <= len(original)
    # Mapping back gives a span that covers the one we started from...
    v_start, v_end = norm.to_normalised(o_start, o_end)
    if start < end:
        assert v_start <= start and end <= v_end
        # ...and the round trip is stable: it never grows a second time.
        assert norm.to_original(v_start, v_end) == (o_start, o_end)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.data())
def test_original_spans_round_trip_through_the_view(original, data):
    norm = normalise(original)
    start, end = data.draw(spans(len(original)))
    v_start, v_end = norm.to_normalised(start, end)
    assert 0 <= v_start <= v_end <= len(norm.text)
    if v_start < v_end:
        o_start, o_end = norm.to_original(v_start, v_end)
        assert norm.to_normalised(o_start, o_end) == (v_start, v_end)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_each_view_character_comes_from_a_nonempty_ordered_original_span(original):
    norm = normalise(original)
    previous_start = 0
    for i in range(len(norm.text)):
        s, e = norm.to_original(i, i + 1)
        assert s < e and s >= previous_start
        previous_start = s


def test_unchanged_text_maps_to_itself():
    text = "汕尾市人民政府2020年法治政府建设年度报告\n"
    norm = normalise(text)
    assert norm.text == text
    assert norm.to_original(3, 7) == (3, 7)


def test_pinyin_removal_maps_words_to_their_annotated_source():
    original = "正確領(lǐng)導(dǎo)下"
    norm = normalise(original)
    assert norm.text == "正确领导下"
    start = norm.text.index("领导")
    o_start, o_end = norm.to_original(start, start + 2)
    assert original[o_start:o_end] == "領(lǐng)導"
    # The trailing annotation belongs to the next character's gap, not to 领导.
    assert norm.to_original(start, start + 3) == (o_start, original.index("下") + 1)


def test_length_changing_edit_maps_as_a_block():
    text, starts, ends = apply_edits("a①b", [(1, 2, "12")])
    assert text == "a12b"
    m = OffsetMap.identity(3).then(starts, ends)
    assert m.to_original(1, 2) == (1, 2)  # one of two digits still highlights all of ①
    assert m.to_original(0, 4) == (0, 3)
    assert m.to_view(1, 2) == (1, 3)
