"""``pattern.finditer(text)`` for patterns that open with a first-character test.

Python's regex engine skips ahead quickly only when a pattern starts with a literal or a
character class; one that starts with a look-ahead (or a group of alternatives) is tried
at every position of the text. ``scan`` finds the next possible first character with a
plain character-class search and tries the pattern only there.
"""
from __future__ import annotations

import re
from collections.abc import Iterator


def scan(pattern: re.Pattern[str], first: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches ``pattern.finditer(text)`` gives, when every match of ``pattern`` is
    non-empty and starts with a character ``first`` matches."""
    search = first.search
    match = pattern.match
    pos = 0
    while True:
        hit = search(text, pos)
        if hit is None:
            return
        at = hit.start()
        found = match(text, at)
        if found is None:
            pos = at + 1
        else:
            yield found
            pos = found.end()
