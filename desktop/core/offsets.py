"""Offset maps between a text as read and a normalised view of it.

Every normalisation step is a list of edits ``(start, end, replacement)`` on its input.
Applying the edits yields the new text plus, for each of its characters, the span of the
input it came from. Composing the steps gives, for each character of the final view, the
span of the original text it stands for, so that anything found in the view maps back to
exact original offsets (and the other way round).

Edits of equal length map character by character; an edit that changes the length maps
every character it produces to the whole replaced span (a block), so a highlight never
cuts a repaired block in half.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from operator import itemgetter
from typing import Iterable, Sequence

Edit = tuple[int, int, str]


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, list[int], list[int]]:
    """Apply sorted, non-overlapping edits; return the new text and its span map.

    ``starts[i]``/``ends[i]`` give the span of ``text`` that output character ``i`` stands for.
    """
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for start, end, replacement in edits:
        if start < pos or end < start:
            raise ValueError(f"edits overlap or are unsorted at {start}:{end}")
        if pos < start:
            pieces.append(text[pos:start])
            starts.extend(range(pos, start))
            ends.extend(range(pos + 1, start + 1))
        if len(replacement) == end - start:
            starts.extend(range(start, end))
            ends.extend(range(start + 1, end + 1))
        else:
            starts.extend([start] * len(replacement))
            ends.extend([end] * len(replacement))
        pieces.append(replacement)
        pos = end
    if pos < len(text):
        pieces.append(text[pos:])
        starts.extend(range(pos, len(text)))
        ends.extend(range(pos + 1, len(text) + 1))
    return "".join(pieces), starts, ends


def _pick(values: Sequence[int], indices: Sequence[int]) -> list[int]:
    if not indices:
        return []
    if len(indices) == 1:
        return [values[indices[0]]]
    return list(itemgetter(*indices)(values))


@dataclass
class OffsetMap:
    """Maps spans of a view (``len(starts)`` characters) to spans of an original text."""

    original_length: int
    starts: list[int] | None = None  # None: the view is the original (identity)
    ends: list[int] | None = None

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls(length)

    def then(self, starts: list[int], ends: list[int]) -> OffsetMap:
        """Compose with a further step whose spans refer to this map's view."""
        if self.starts is None or self.ends is None:
            return OffsetMap(self.original_length, starts, ends)
        new_starts = _pick(self.starts, starts)
        new_ends = _pick(self.ends, [e - 1 for e in ends]) if ends else []
        return OffsetMap(self.original_length, new_starts, new_ends)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Span of the original that the view span ``[start, end)`` stands for."""
        if self.starts is None or self.ends is None:
            return start, end
        n = len(self.starts)
        if not 0 <= start <= end <= n:
            raise IndexError(f"span {start}:{end} outside view of length {n}")
        if start == end:
            point = self.starts[start] if start < n else self.original_length
            return point, point
        return self.starts[start], self.ends[end - 1]

    def to_view(self, start: int, end: int) -> tuple[int, int]:
        """Smallest view span whose characters cover what ``[start, end)`` of the original holds."""
        if self.starts is None or self.ends is None:
            return start, end
        if not 0 <= start <= end <= self.original_length:
            raise IndexError(f"span {start}:{end} outside original of length {self.original_length}")
        if start == end:
            point = bisect_left(self.starts, start)
            return point, point
        return bisect_right(self.ends, start), bisect_left(self.starts, end)
