"""The indicator catalogue (``resources/indicators.toml``) and how a metric is matched to it."""
from __future__ import annotations

import re
import tomllib
from re import _parser
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from .resources import resources_dir

RATE, COUNT = "rate", "count"
_DISTANCE_COST = 0.2  # a phrase one character further from the number is worth this much less
_PAST_A_NUMBER = 5.0  # a phrase with another number between it and this one names that number
_AFTER_COST = 0.3  # the words after a number name it less often than the words before
_AFTER_PENALTY = 0.5
_MIN_SCORE = 2.0
# In catalogue phrases `.` stands for any character inside the same clause: never across
# punctuation or another number, so that a phrase cannot reach into a neighbouring metric.
_GAP = re.compile(r"(?<!\\)\.\{0,(\d+)\}")
_IN_CLAUSE = r"[^\d,，;；。:：!?！？\n]"
_DIGIT = re.compile(r"\d")


def compile_phrase(phrase: str) -> re.Pattern[str]:
    """Compile a catalogue phrase; its gaps (`.{0,N}`) become named groups so they can be
    left out of the phrase's weight: a match weighs what it literally says."""
    count = 0

    def gap(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return f"(?P<gap{count}>{_IN_CLAUSE}{{0,{match.group(1)}}}?)"  # lazy: words over gaps

    return re.compile(_GAP.sub(gap, phrase))


@dataclass(frozen=True)
class Phrase:
    """A catalogue phrase and the literal words every match of it contains (its anchors).

    Searching a whole report with dozens of gapped patterns is slow; finding the anchors is
    fast (plain substring search), so each pattern only runs in small windows around them.
    """

    pattern: re.Pattern[str]
    anchors: tuple[str, ...]  # empty: no anchor known, search everywhere
    width: int  # the longest text a match can span
    literal: str | None = None  # the phrase is plain text: its anchor occurrences are its matches

    @classmethod
    def compile(cls, phrase: str) -> Phrase:
        pattern = compile_phrase(phrase)
        parsed = _parser.parse(pattern.pattern)
        literal = phrase if re.escape(phrase) == phrase else None
        return cls(pattern, _anchors(parsed), min(parsed.getwidth()[1], 200), literal)

    def spans(self, text: str):
        """(start, end, weight) of every match: a match weighs what it literally says."""
        if self.literal is not None:
            size = len(self.literal)
            at = text.find(self.literal)
            while at >= 0:
                yield at, at + size, size
                at = text.find(self.literal, at + 1)
            return
        for match in self.finditer(text):
            yield match.start(), match.end(), _weight(match)

    def finditer(self, text: str):
        if not self.anchors:
            yield from self.pattern.finditer(text)
            return
        for anchor in self.anchors:
            at = text.find(anchor)
            while at >= 0:
                yield from self.pattern.finditer(text, max(0, at - self.width), at + len(anchor) + self.width)
                at = text.find(anchor, at + 1)


def _anchors(parsed) -> tuple[str, ...]:
    """Literal strings one of which every match contains: the longest run of literals at
    the top level of the pattern, or else the alternatives of a top-level group of literals."""
    best = ""
    alternatives: tuple[str, ...] = ()
    run = ""
    for op, av in list(parsed) + [(None, None)]:
        if op is _parser.LITERAL:
            run += chr(av)
            continue
        if len(run) > len(best):
            best = run
        run = ""
        if op is _parser.SUBPATTERN and not alternatives:
            items = list(av[-1])
            if len(items) == 1 and items[0][0] is _parser.BRANCH:
                branches = items[0][1][1]
                if all(b and all(o is _parser.LITERAL for o, _ in b) for b in branches):
                    alternatives = tuple("".join(chr(a) for _, a in b) for b in branches)
            elif items and all(o is _parser.LITERAL for o, _ in items):
                run = "".join(chr(a) for _, a in items)
    if len(best) >= 2:
        return (best,)
    return alternatives


def _weight(match: re.Match[str]) -> int:
    gaps = sum(len(v) for k, v in match.groupdict().items() if k.startswith("gap") and v)
    return len(match.group()) - gaps


@dataclass(frozen=True)
class Indicator:
    key: str
    zh: str
    en: str
    unit_kind: str
    phrases: tuple[Phrase, ...]


class Catalogue:
    def __init__(self, indicators: list[Indicator]):
        self.indicators = indicators
        self.by_key = {i.key: i for i in indicators}

    @classmethod
    def load(cls, *paths: Path) -> Catalogue:
        indicators: dict[str, Indicator] = {}
        for path in paths:
            with path.open("rb") as handle:
                data = tomllib.load(handle)
            for item in data.get("indicator", []):
                if item.get("unit_kind") not in (RATE, COUNT):
                    raise ValueError(f"{path}: {item.get('key')}: unit_kind must be rate or count")
                indicators[item["key"]] = Indicator(
                    key=item["key"], zh=item["zh"], en=item["en"], unit_kind=item["unit_kind"],
                    phrases=tuple(Phrase.compile(p) for p in item.get("phrases", [])),
                )
        return cls(list(indicators.values()))

    @cached_property
    def _anchor_table(self):
        """anchor -> [(pattern or None for a literal phrase, window width, key, is a rate)];
        anchor -> the anchors that are its prefixes (itself included); one pattern that
        finds any anchor, longest first; and the phrases without an anchor."""
        by_anchor: dict[str, list[tuple[re.Pattern[str] | None, int, str, bool]]] = {}
        unanchored: list[tuple[Phrase, str, bool]] = []
        for indicator in self.indicators:
            is_rate = indicator.unit_kind == RATE
            for phrase in indicator.phrases:
                if phrase.literal is not None:
                    if phrase.literal:
                        by_anchor.setdefault(phrase.literal, []).append((None, 0, indicator.key, is_rate))
                elif phrase.anchors:
                    for anchor in phrase.anchors:
                        by_anchor.setdefault(anchor, []).append((phrase.pattern, phrase.width, indicator.key, is_rate))
                else:
                    unanchored.append((phrase, indicator.key, is_rate))
        ordered = sorted(by_anchor, key=len, reverse=True)
        prefixes = {a: [b for b in ordered if a.startswith(b)] for a in ordered}
        pattern = re.compile("|".join(re.escape(a) for a in ordered) or "(?!)")
        return by_anchor, prefixes, pattern, unanchored

    def index(self, text: str, regions: list[tuple[int, int]] | None = None) -> PhraseIndex:
        """Every catalogue phrase found in ``text`` (or only in the sorted, disjoint
        ``regions`` of it, the neighbourhoods of its numbers), so that classifying each
        number only looks up the phrases near it."""
        if regions is None:
            regions = [(0, len(text))]
        # The regions joined by line breaks, which no phrase crosses.
        joined = "\n".join(text[lo:hi] for lo, hi in regions)
        joined_starts, at = [], 0
        for lo, hi in regions:
            joined_starts.append(at)
            at += hi - lo + 1

        def in_text(position: int) -> int:
            k = bisect_right(joined_starts, position) - 1
            return regions[k][0] + position - joined_starts[k]

        found: set[tuple[int, int, int, str, bool]] = set()
        by_anchor, prefixes, anchor_pattern, unanchored = self._anchor_table
        # One pass finds where any anchor starts (the longest one there; the others at that
        # place are its prefixes), instead of a search of the text for every anchor.
        search = anchor_pattern.search
        pos = 0
        while True:
            hit = search(joined, pos)
            if hit is None:
                break
            at = hit.start()
            for anchor in prefixes[hit.group()]:
                size = len(anchor)
                for pattern, width, key, is_rate in by_anchor[anchor]:
                    if pattern is None:  # a literal phrase: the anchor is the match
                        start = in_text(at)
                        found.add((start, start + size, size, key, is_rate))
                        continue
                    for match in pattern.finditer(joined, max(0, at - width), at + size + width):
                        start = in_text(match.start())
                        found.add((start, start + match.end() - match.start(), _weight(match), key, is_rate))
            pos = at + 1
        for phrase, key, is_rate in unanchored:
            for start, end, weight in phrase.spans(joined):
                at = in_text(start)
                found.add((at, at + end - start, weight, key, is_rate))
        return PhraseIndex(text, sorted(found))

    def classify(self, before: str, unit: str, after: str = "") -> tuple[str | None, float]:
        """The indicator named nearest a number that stands between ``before`` and ``after``."""
        joined = before + "\x00" + after
        return self.index(joined).classify(0, len(before), len(before) + 1, len(joined), unit)


@dataclass
class PhraseIndex:
    text: str
    found: list[tuple[int, int, int, str, bool]]  # start, end, weight, indicator, is a rate

    def __post_init__(self) -> None:
        self._starts = [f[0] for f in self.found]

    def classify(self, lo: int, number: int, after: int, hi: int, unit: str) -> tuple[str | None, float]:
        """The indicator whose phrase stands nearest the number at ``number``: phrases in
        ``[lo, number)`` before it, in ``[after, hi)`` after its unit. Returns the key and a
        strength in 0..1 (1: a long phrase right there)."""
        rate = unit in ("%", "‰")
        best_key, best = None, (_MIN_SCORE, 0)
        text = self.text
        for i in range(bisect_left(self._starts, lo), bisect_left(self._starts, hi)):
            start, end, weight, key, is_rate = self.found[i]
            if is_rate != rate:
                continue
            if end <= number:
                score = weight - _DISTANCE_COST * (number - end)
                if _DIGIT.search(text, end, number):
                    score -= _PAST_A_NUMBER
            elif start >= after and end <= hi:
                score = weight - _AFTER_COST * (start - after) - _AFTER_PENALTY
                if _DIGIT.search(text, after, start):
                    score -= _PAST_A_NUMBER
            else:
                continue
            if (score, weight) > best:
                best_key, best = key, (score, weight)
        if best_key is None:
            return None, 0.0
        return best_key, min(1.0, best[0] / 6)


@lru_cache(maxsize=1)
def default_catalogue() -> Catalogue:
    return Catalogue.load(resources_dir() / "indicators.toml")
