"""``pattern.finditer(text)`` for patterns that open with a first-character test.

Python's regex engine skips ahead quickly only when a pattern starts with a literal or a
character class; one that starts with a look-ahead (or a group of alternatives) is tried
at every position of the text. ``scan`` finds the next possible first character with a
plain character-class search and tries the pattern only there.

Both searches look at most ``WINDOW`` characters ahead. A look-ahead over a run of numerals
(``[0-9]*`` then a unit) is tried at every position of the run and reads to its end, so an
unbounded search costs the square of the run's length: 100,000 digits took minutes. Searching
``SPAN`` characters at a time, a run costs some ``SPAN**2 / (2 * (SPAN - WINDOW))`` steps a
character, linear in the text (100,000 digits: 0.3 s). Nothing a report states is that long
(a number with its unit is at most some 30 characters), so on real text the matches are
exactly ``finditer``'s; inside a longer run a match can only be found near the run's end.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

WINDOW = 64
#: characters searched at a time: a hit in the last ``WINDOW`` of them is not trusted (its
#: look-ahead was cut), so each search moves on by ``SPAN - WINDOW`` when it finds nothing
SPAN = 256


def scan(pattern: re.Pattern[str], first: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches ``pattern.finditer(text)`` gives, when every match of ``pattern`` is
    non-empty and starts with a character ``first`` matches, and no match (nor what the
    engine reads to find it) is ``WINDOW`` characters long."""
    search = first.search
    match = pattern.match
    size = len(text)
    pos = 0
    while pos < size:
        stop = pos + SPAN
        hit = search(text, pos, stop)
        # Near the stop a position's look-ahead was cut short: a hit there may come after
        # one that was missed, so that part is searched again from its start.
        trusted = size if stop >= size else stop - WINDOW
        if hit is None or hit.start() >= trusted:
            if stop >= size:
                return
            pos = trusted
            continue
        at = hit.start()
        found = match(text, at, at + WINDOW)
        if found is None:
            pos = at + 1
        else:
            yield found
            pos = found.end()
