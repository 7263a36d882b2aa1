"""The segment-based offset map against the plain per-character definition (apply_edits)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.offsets import OffsetMap, apply_edits, apply_edits_text, edit_segments


@st.composite
def edit_steps(draw, length: int):
    """Sorted, non-overlapping edits on a text of ``length``: deletions, same-length and
    length-changing replacements (no insertions: normalisation replaces what is there)."""
    cuts = sorted(draw(st.lists(st.integers(0, length), max_size=12)))
    edits = []
    for start, end in zip(cuts[::2], cuts[1::2]):
        size = draw(st.sampled_from([0, end - start, end - start + 1, 1, 2])) if start < end else 0
        edits.append((start, end, "x" * size))
    return edits


def per_character(text: str, steps) -> tuple[str, list[int], list[int]]:
    """The plain definition: compose the per-character spans of every step."""
    starts, ends = list(range(len(text))), list(range(1, len(text) + 1))
    for edits in steps:
        text, step_starts, step_ends = apply_edits(text, edits)
        starts, ends = [starts[s] for s in step_starts], [ends[e - 1] for e in step_ends]
    return text, starts, ends


@settings(max_examples=500, deadline=None)
@given(st.integers(0, 30), st.data())
def test_composed_segments_map_like_the_per_character_definition(length, data):
    original = "a" * length
    steps = []
    text = original
    for _ in range(data.draw(st.integers(1, 3))):
        edits = data.draw(edit_steps(len(text)))
        steps.append(edits)
        text = apply_edits_text(text, edits)
    offset_map = OffsetMap.identity(length)
    for edits in steps:
        offset_map = offset_map.then_segments(edit_segments(offset_map.view_length, edits))
    expected_text, starts, ends = per_character(original, steps)
    assert expected_text == text and offset_map.view_length == len(text)
    n = len(text)
    spans = [(s, e) for s in range(n + 1) for e in range(s, n + 1)]
    for s, e in spans:
        expected = (starts[s], ends[e - 1]) if s < e else ((starts[s], starts[s]) if s < n else (length, length))
        assert offset_map.to_original(s, e) == expected
    # The one-pass form gives the same answers, for sorted spans and for any others.
    assert offset_map.spans_to_original(spans) == [offset_map.to_original(s, e) for s, e in spans]
    shuffled = data.draw(st.permutations(spans))
    assert offset_map.spans_to_original(shuffled) == [offset_map.to_original(s, e) for s, e in shuffled]
