"""Highlights land on the right characters even with characters outside the BMP."""

from hypothesis import given
from hypothesis import strategies as st

from desktop.ui.textpos import TextPositions

TEXTS = st.text(alphabet=st.sampled_from(list("法治a1\n") + ["𠀀", "𪚥", "😀"]), max_size=40)


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@given(TEXTS, st.data())
def test_python_and_qt_positions_round_trip(text, data):
    positions = TextPositions(text)
    index = data.draw(st.integers(0, len(text)))
    assert positions.to_qt(index) == _utf16_len(text[:index])
    assert positions.to_python(positions.to_qt(index)) == index
    assert positions.qt_length == _utf16_len(text)


def test_a_position_inside_a_surrogate_pair_goes_to_the_character_start():
    positions = TextPositions("a𠀀b")
    assert [positions.to_python(q) for q in range(5)] == [0, 1, 1, 2, 3]
