"""The one place where Python string offsets meet Qt's.

The store and the extractor count code points (Python ``str`` indices); QTextDocument
counts UTF-16 code units, so every character outside the Basic Multilingual Plane (rare
CJK extension characters, emoji in scraped pages) shifts Qt positions by one. Every span
goes through :class:`TextPositions` on its way into or out of a Qt widget."""

from __future__ import annotations

import bisect
import re

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class TextPositions:
    """Converts between Python indices and UTF-16 positions for one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Python indices of the characters that take two UTF-16 units (usually none).
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        # The same characters' UTF-16 positions.
        self._astral_qt = [i + n for n, i in enumerate(self._astral)]

    def to_qt(self, index: int) -> int:
        if not self._astral:
            return index
        return index + bisect.bisect_left(self._astral, index)

    def to_python(self, position: int) -> int:
        """A UTF-16 position to a Python index; a position inside a surrogate pair goes to
        the character's start."""
        if not self._astral:
            return position
        return position - bisect.bisect_left(self._astral_qt, position)

    def span_to_qt(self, start: int, end: int) -> tuple[int, int]:
        return self.to_qt(start), self.to_qt(end)

    def span_to_python(self, start: int, end: int) -> tuple[int, int]:
        return self.to_python(start), self.to_python(end)

    @property
    def qt_length(self) -> int:
        return len(self.text) + len(self._astral)
