"""The indicator catalogue (``resources/indicators.toml``) and how a metric is matched to it."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
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
_GAP_NAMES = re.compile(r"\?P<gap\d+>")


def compile_phrase(phrase: str) -> re.Pattern[str]:
    """Compile a catalogue phrase; its gaps (`.{0,N}`) become named groups so they can be
    left out of the phrase's weight: a match weighs what it literally says."""
    count = 0

    def gap(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return f"(?P<gap{count}>{_IN_CLAUSE}{{0,{match.group(1)}}}?)"  # lazy: words over gaps

    return re.compile(_GAP.sub(gap, phrase))


def _weight(match: re.Match[str]) -> int:
    gaps = sum(len(v) for k, v in match.groupdict().items() if k.startswith("gap") and v)
    return len(match.group()) - gaps


@dataclass(frozen=True)
class Indicator:
    key: str
    zh: str
    en: str
    unit_kind: str
    phrases: tuple[re.Pattern[str], ...]
    any_phrase: re.Pattern[str]  # one search tells whether any phrase can match at all

    def accepts(self, unit: str) -> bool:
        return (self.unit_kind == RATE) == (unit in ("%", "‰"))


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
                phrases = tuple(compile_phrase(p) for p in item.get("phrases", []))
                indicators[item["key"]] = Indicator(
                    key=item["key"], zh=item["zh"], en=item["en"], unit_kind=item["unit_kind"],
                    phrases=phrases,
                    any_phrase=re.compile("|".join(f"(?:{_GAP_NAMES.sub('', p.pattern)})" for p in phrases) or "(?!)"),
                )
        return cls(list(indicators.values()))

    def classify(self, before: str, unit: str, after: str = "") -> tuple[str | None, float]:
        """The indicator named nearest the number: ``before`` ends at it, ``after`` starts
        after its unit. Returns the key and a strength in 0..1 (1: a long phrase right there).
        """
        best_key, best = None, (_MIN_SCORE, 0)
        n = len(before)
        for indicator in self.indicators:
            if not indicator.accepts(unit):
                continue
            if not indicator.any_phrase.search(before) and not indicator.any_phrase.search(after):
                continue
            for pattern in indicator.phrases:
                for match in pattern.finditer(before):
                    weight = _weight(match)
                    score = weight - _DISTANCE_COST * (n - match.end())
                    if _DIGIT.search(before, match.end()):
                        score -= _PAST_A_NUMBER
                    if (score, weight) > best:
                        best_key, best = indicator.key, (score, weight)
                for match in pattern.finditer(after):
                    weight = _weight(match)
                    score = weight - _AFTER_COST * match.start() - _AFTER_PENALTY
                    if _DIGIT.search(after, 0, match.start()):
                        score -= _PAST_A_NUMBER
                    if (score, weight) > best:
                        best_key, best = indicator.key, (score, weight)
        if best_key is None:
            return None, 0.0
        return best_key, min(1.0, best[0] / 6)


@lru_cache(maxsize=1)
def default_catalogue() -> Catalogue:
    return Catalogue.load(resources_dir() / "indicators.toml")
