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
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain

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


# A map is kept as segments of the view, not one entry per character: a report changes in
# a few hundred places at most, and per-character lists cost more to build and compose
# than everything else in normalisation. A segment is ``(view start, original start of its
# first character, original end of its first character, linear)``: in a linear segment
# character ``v`` stands for ``[start + k, start + k + 1)`` (k = v - view start), in a block
# every character stands for the same span.
Segments = tuple[list[int], list[int], list[int], list[bool], int]  # starts, o_starts, o_ends, linear, length


def edit_segments(text_length: int, edits: Iterable[Edit]) -> Segments:
    """The segments of the view that sorted, non-overlapping ``edits`` make of a text."""
    vs: list[int] = []
    os_: list[int] = []
    oe: list[int] = []
    lin: list[bool] = []
    v = 0
    pos = 0
    # ``run_on``: the original offset at which the last linear segment would continue (-1
    # after a block). Kept in a local, not looked up in the lists, because a report's
    # hundreds of edits each add a segment or extend the last one.
    run_on = -1
    # A last, empty edit at the end makes the text after the real edits a run like the others.
    for start, end, replacement in chain(edits, ((text_length, text_length, ""),)):
        if start < pos or end < start:
            raise ValueError(f"edits overlap, are unsorted or run past the text at {start}:{end}")
        size = len(replacement)
        # The unchanged text before the edit, and the edit itself when it maps character by
        # character, are one linear run.
        run_end = end if size == end - start else start
        if pos < run_end:
            if run_on != pos:
                vs.append(v)
                os_.append(pos)
                oe.append(pos + 1)
                lin.append(True)
            v += run_end - pos
            run_on = run_end
        if size and size != end - start:  # a block: each of its characters stands for the whole span
            vs.append(v)
            os_.append(start)
            oe.append(end)
            lin.append(False)
            v += size
            run_on = -1
        pos = end
    return vs, os_, oe, lin, v


def apply_edits_text(text: str, edits: Iterable[Edit]) -> str:
    """The text after sorted, non-overlapping edits (their map: :func:`edit_segments`)."""
    pieces: list[str] = []
    pos = 0
    for start, end, replacement in edits:
        pieces.append(text[pos:start])
        pieces.append(replacement)
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


@dataclass
class OffsetMap:
    """Maps spans of a view to spans of an original text."""

    original_length: int
    segments: Segments | None = None  # None: the view is the original (identity)

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls(length)

    @property
    def view_length(self) -> int:
        return self.original_length if self.segments is None else self.segments[4]

    def then(self, starts: list[int], ends: list[int]) -> OffsetMap:
        """Compose with a further step given per character: ``starts[i]``/``ends[i]`` is the
        span of this map's view that character ``i`` of the new view stands for."""
        segments: Segments = (list(range(len(starts))), list(starts), list(ends), [False] * len(starts), len(starts))
        return self.then_segments(segments)

    def then_segments(self, step: Segments) -> OffsetMap:
        """Compose with a further step whose segments refer to this map's view."""
        if self.segments is None:
            return OffsetMap(self.original_length, step)
        vs, os_, oe, lin, length = self.segments
        seg_ends = vs[1:] + [length]
        new_vs: list[int] = []
        new_os: list[int] = []
        new_oe: list[int] = []
        new_lin: list[bool] = []
        s_vs, s_os, s_oe, s_lin, s_length = step
        # Steps come with ascending spans, so the segment holding the next piece is at or
        # after the last one found: the search starts there (from the first if a step goes
        # back), and a piece's next segment is the one after, with its end at hand.
        j = 0
        for v0, v1, lo, o_end, linear in zip(s_vs, s_vs[1:] + [s_length], s_os, s_oe, s_lin):
            if not linear:  # a block: its whole span, mapped through this map
                new_vs.append(v0)
                new_os.append(self._char_start(self.segments, lo))
                new_oe.append(self._char_end(self.segments, o_end - 1))
                new_lin.append(False)
                continue
            hi = lo + v1 - v0  # this map's view characters lo .. hi-1
            if lo >= hi:
                continue
            j = bisect_right(vs, lo, j) - 1 if vs[j] <= lo else bisect_right(vs, lo) - 1
            while True:
                new_vs.append(v0)
                if lin[j]:
                    o_start = os_[j] + lo - vs[j]
                    new_os.append(o_start)
                    new_oe.append(o_start + 1)
                    new_lin.append(True)
                else:
                    new_os.append(os_[j])
                    new_oe.append(oe[j])
                    new_lin.append(False)
                seg_end = seg_ends[j]
                if hi <= seg_end:
                    break
                v0 += seg_end - lo
                lo = seg_end
                j += 1
        return OffsetMap(self.original_length, (new_vs, new_os, new_oe, new_lin, s_length))

    @staticmethod
    def _char_start(segments: Segments, v: int) -> int:
        vs, os_, _, lin, _ = segments
        k = bisect_right(vs, v) - 1
        return os_[k] + v - vs[k] if lin[k] else os_[k]

    @staticmethod
    def _char_end(segments: Segments, v: int) -> int:
        vs, os_, oe, lin, _ = segments
        k = bisect_right(vs, v) - 1
        return os_[k] + v - vs[k] + 1 if lin[k] else oe[k]

    @staticmethod
    def _starts_below(segments: Segments, x: int) -> int:
        """How many view characters start before original offset ``x`` (starts are sorted)."""
        return OffsetMap._view_characters_through(segments, bisect_left(segments[1], x) - 1, x)

    @staticmethod
    def _ends_up_to(segments: Segments, x: int) -> int:
        """How many view characters end at or before original offset ``x`` (ends are sorted)."""
        return OffsetMap._view_characters_through(segments, bisect_right(segments[2], x) - 1, x)

    @staticmethod
    def _view_characters_through(segments: Segments, k: int, x: int) -> int:
        """The view characters of segments before ``k``, plus those of segment ``k`` that
        lie before original offset ``x`` (all of it, unless it maps one to one)."""
        if k < 0:
            return 0
        vs, os_, _, lin, length = segments
        size = (vs[k + 1] if k + 1 < len(vs) else length) - vs[k]
        return vs[k] + (min(size, x - os_[k]) if lin[k] else size)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Span of the original that the view span ``[start, end)`` stands for."""
        if self.segments is None:
            return start, end
        vs, os_, oe, lin, n = self.segments
        if not 0 <= start <= end <= n:
            raise IndexError(f"span {start}:{end} outside view of length {n}")
        if start == end:
            point = self._char_start(self.segments, start) if start < n else self.original_length
            return point, point
        # _char_start(start) and _char_end(end - 1) written out: the pipeline maps every span it
        # reports, and the two calls cost more than the look-ups.
        k = bisect_right(vs, start) - 1
        o_start = os_[k] + start - vs[k] if lin[k] else os_[k]
        last = end - 1
        k = bisect_right(vs, last) - 1
        return o_start, (os_[k] + last - vs[k] + 1 if lin[k] else oe[k])

    def spans_to_original(self, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """:meth:`to_original` of each span, in one pass for spans sorted by start (the
        segment search resumes where the previous span's began, not from the first)."""
        if self.segments is None:
            return list(spans)
        vs, os_, oe, lin, n = self.segments
        out: list[tuple[int, int]] = []
        k = 0
        for start, end in spans:
            if not 0 <= start < end <= n or start < vs[k]:  # empty, outside or out of order
                out.append(self.to_original(start, end))
                continue
            k = bisect_right(vs, start, k) - 1
            o_start = os_[k] + start - vs[k] if lin[k] else os_[k]
            last = end - 1
            e = bisect_right(vs, last, k) - 1
            out.append((o_start, os_[e] + last - vs[e] + 1 if lin[e] else oe[e]))
        return out

    def to_view(self, start: int, end: int) -> tuple[int, int]:
        """Smallest view span whose characters cover what ``[start, end)`` of the original holds."""
        if self.segments is None:
            return start, end
        if not 0 <= start <= end <= self.original_length:
            raise IndexError(f"span {start}:{end} outside original of length {self.original_length}")
        if start == end:
            point = self._starts_below(self.segments, start)
            return point, point
        return self._ends_up_to(self.segments, start), self._starts_below(self.segments, end)
