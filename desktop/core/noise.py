"""Web-page chrome and injected spam: lines and phrases that are not the report's own text.

Both work on the normalised (simplified, NFKC) text and return spans in its coordinates;
the caller maps them back to the original. The word lists are data in ``resources/noise``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .matcher import PhraseMatcher
from .regex_cache import compile_regex
from .resources import read_word_lists
from .scan import scan


@dataclass(slots=True)  # not frozen: that sets each field through object.__setattr__, 3x slower to build
class Line:
    start: int
    end: int
    text: str  # stripped of surrounding white space (start/end are of the stripped text)

    @property
    def is_sentence(self) -> bool:
        """Looks like running text: ends a sentence or is long."""
        return "。" in self.text or len(self.text) >= 60


_LINE_EDGE = " \t\u3000\u00a0\u2022•·"  # stripped from both ends of a line


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text``, stripped, with their offsets. (str.split and
    lengths: a third faster than a regex over every line.)"""
    lines = []
    start = 0
    for raw in text.split("\n"):
        if raw:
            stripped = raw.strip(_LINE_EDGE)
            if stripped:
                first = start + len(raw) - len(raw.lstrip(_LINE_EDGE))
                lines.append(Line(first, first + len(stripped), stripped))
        start += len(raw) + 1
    return lines


def _read_terms(name: str) -> dict[str, list[str]]:
    return read_word_lists(f"noise/{name}")


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _chrome_words() -> PhraseMatcher[str]:
    """The chrome words (首页, 打印, ICP, ipv6), lower-cased: lines are matched lower-cased too."""
    return PhraseMatcher(w.lower() for w in _read_terms("chrome_terms.txt")[""])


_CHROME_MAX_CHARS = 60


def is_chrome_line(line: Line) -> bool:
    """A short line without a full stop that carries a page-chrome word."""
    if len(line.text) > _CHROME_MAX_CHARS or "。" in line.text:
        return False
    return next(_chrome_words().iter_all(line.text.lower()), None) is not None


def chrome_spans(lines: list[Line]) -> list[tuple[int, int]]:
    """Spans of chrome lines; neighbouring chrome lines are merged into one span."""
    spans: list[tuple[int, int]] = []
    for line in lines:
        if not is_chrome_line(line):
            continue
        spans.append((line.start, line.end))
    return spans


@lru_cache(maxsize=1)
def _spam_opening() -> re.Pattern[str]:
    """The words a spam phrase can open with: a modifier or a standalone term. Searching for
    them skips far more text than a class of first characters (合, 办, 体 ... are common)."""
    terms = _read_terms("spam_terms.txt")
    return compile_regex(_alternation(terms.get("modifiers", []) + terms["terms"]))


@lru_cache(maxsize=1)
def _spam_pattern() -> re.Pattern[str]:
    terms = _read_terms("spam_terms.txt")
    modifiers = _alternation(terms.get("modifiers", []))
    services = _alternation(terms.get("services", []))
    standalone = _alternation(terms["terms"])
    first_chars = "".join(sorted({w[0] for words in terms.values() for w in words}))
    return compile_regex(
        rf"(?=[{re.escape(first_chars)}])"  # skip quickly past text no term can start at
        rf"(?:(?:{modifiers})+(?:{standalone}|{services})|(?:{modifiers})*(?:{standalone}))"
        r"(?:公司|机构|中心|服务|平台)?"
    )


def _place_before(text: str, end: int) -> int:
    """Start of a place name (江门, 江门市) that ends at ``end``, or ``end`` if there is none."""
    from .gazetteer import default_gazetteer

    names = default_gazetteer().place_names()
    for size in (5, 4, 3, 2):
        if end - size >= 0 and text[end - size : end] in names:
            return end - size
    return end


def spam_spans(text: str) -> list[tuple[int, int]]:
    """Spam phrases, each with the place name that opens it (江门正规调查公司)."""
    return [(_place_before(text, m.start()), m.end()) for m in scan(_spam_pattern(), _spam_opening(), text)]


def contains_spam(text: str) -> bool:
    return _spam_pattern().search(text) is not None
