"""The indicator catalogue (``resources/indicators.toml``) and how a metric is matched to it.

A user catalogue beside the bundled one adds what reviewers taught the app: a TOML file of
the same format (``[[indicator]]`` with ``key`` and ``phrases``) at ``$FAZHI_USER_CATALOGUE``
(set but empty: none), else ``indicators.toml`` in the platform's user config folder
(``platformdirs.user_config_dir("fazhi-review")``). An entry whose key the bundled catalogue
has adds its phrases to that indicator; an entry with a new key (and ``zh``, ``en``,
``unit_kind``) adds an indicator. ``default_catalogue()`` notices when the file changes
(its modification time and size), so the next extraction in the same process uses it, and
so do the worker processes of an import or a re-extraction, which read the same file.
A user file that cannot be read is left out (logged; ``user_catalogue_error()`` says why).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import threading
import tomllib
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import platformdirs

from .matcher import PhraseMatcher
from .regex_cache import compile_regex
from .resources import resources_dir


def _warn(message: str, *args: object) -> None:
    import logging  # here, not at the top: only a user catalogue with a mistake needs it (3 ms)

    logging.getLogger(__name__).warning(message, *args)


USER_CATALOGUE_ENV = "FAZHI_USER_CATALOGUE"
APP_NAME = "fazhi-review"

RATE, COUNT = "rate", "count"
_DISTANCE_COST = 0.2  # a phrase one character further from the number is worth this much less
_PAST_A_NUMBER = 5.0  # a phrase with another number between it and this one names that number
_AFTER_COST = 0.3  # the words after a number name it less often than the words before
_AFTER_PENALTY = 0.5
_MIN_SCORE = 2.0
# In catalogue phrases `.` stands for any character inside the same clause: never across
# punctuation or another number, so that a phrase cannot reach into a neighbouring metric.
_GAP = compile_regex(r"(?<!\\)\.\{0,(\d+)\}")
_IN_CLAUSE = r"(?:(?:19|20)\d\d年|[^\d,，;；。:：!?！？\n])"  # a year is no number here
# A number between a phrase and a metric (a year is no such number: 纳入2022年度…事项).
_DIGIT = compile_regex(r"(?<!\d)(?!(?:19|20)\d\d年)\d")


def phrase_regex(phrase: str) -> str:
    """A catalogue phrase as a regular expression: its gaps (`.{0,N}`) become named groups
    so they can be left out of the phrase's weight: a match weighs what it literally says."""
    count = 0

    def gap(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return f"(?P<gap{count}>{_IN_CLAUSE}{{0,{match.group(1)}}}?)"  # lazy: words over gaps

    return _GAP.sub(gap, phrase)


def compile_phrase(phrase: str) -> re.Pattern[str]:
    return compile_regex(phrase_regex(phrase))


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
        literal = phrase if re.escape(phrase) == phrase else None
        anchors, width = phrase_anchors(phrase)
        return cls(pattern, anchors, min(width, _MAX_WIDTH), literal)

    def spans(self, text: str) -> Iterator[tuple[int, int, int]]:
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

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if not self.anchors:
            yield from self.pattern.finditer(text)
            return
        for anchor in self.anchors:
            at = text.find(anchor)
            while at >= 0:
                yield from self.pattern.finditer(text, max(0, at - self.width), at + len(anchor) + self.width)
                at = text.find(anchor, at + 1)


_MAX_WIDTH = 200
# The phrase grammar of the catalogue (see indicators.toml): literal characters, a character
# made optional by ?, groups of literal alternatives ((审查|审核), optional with ?), gaps
# (.{0,N}) and look-behinds ((?<!审结)). Anything else is left to the regex engine unanchored.
_PHRASE_TOKEN = compile_regex(
    r"(?P<behind>\(\?<!(?P<behind_text>[^()|]*)\))"
    r"|(?P<group>\((?P<alts>[^()?][^()]*)\)(?P<group_opt>\?)?)"
    r"|(?P<gap>\.\{0,(?P<n>\d+)\})"
    r"|(?P<char>[^\\()|.?*+{}\[\]^$])(?P<char_opt>\?)?"
)
_YEAR_WIDTH = 5  # a gap may step over a year (2022年) as over one character


def phrase_anchors(phrase: str) -> tuple[tuple[str, ...], int]:
    """Literal strings one of which every match of ``phrase`` contains (the longest run of
    mandatory literal characters, or else the alternatives of the first mandatory group),
    and the widest text a match can span. A phrase outside the catalogue grammar has no
    anchors (it is searched everywhere) and the widest span allowed."""
    best, run = "", ""
    alternatives: tuple[str, ...] = ()
    width = 0
    at = 0
    while at < len(phrase):
        token = _PHRASE_TOKEN.match(phrase, at)
        if token is None:
            return (), _MAX_WIDTH
        at = token.end()
        if token["char"] and not token["char_opt"]:
            run += token["char"]
            width += 1
            continue
        if token["group"]:
            options = token["alts"].split("|")
            if any(re.escape(o) != o for o in options):
                return (), _MAX_WIDTH
            width += max(map(len, options))
            if not token["group_opt"] and len(options) == 1:
                run += options[0]
                continue
            if not token["group_opt"] and not alternatives:
                alternatives = tuple(options)
        elif token["gap"]:
            width += int(token["n"]) * _YEAR_WIDTH
        elif token["char_opt"]:
            width += 1
        if len(run) > len(best):
            best = run
        run = ""
    if len(run) > len(best):
        best = run
    return ((best,) if len(best) >= 2 else alternatives), width


# Where an anchor is found: the phrase's pattern (None for a literal phrase, whose anchor
# is its match), the widest text a match spans, the anchor's length, the indicator's key,
# and whether the indicator is a rate.
_AnchoredPhrase = tuple[re.Pattern[str] | None, int, int, str, bool]


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
    units: frozenset[str] | None = None  # the measure words it is counted in; None: any


class Catalogue:
    def __init__(self, indicators: list[Indicator]):
        self.indicators = indicators
        self.by_key = {i.key: i for i in indicators}
        self.units_of = {i.key: i.units for i in indicators if i.units is not None}

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
                    key=item["key"],
                    zh=item["zh"],
                    en=item["en"],
                    unit_kind=item["unit_kind"],
                    phrases=tuple(Phrase.compile(p) for p in item.get("phrases", [])),
                )
        return cls(list(indicators.values()))

    @cached_property
    def _anchor_table(
        self,
    ) -> tuple[dict[str, list[_AnchoredPhrase]], PhraseMatcher[str], list[tuple[Phrase, str, bool]]]:
        """The phrases to try where an anchor is found, a matcher of all the anchors, and the
        phrases without an anchor."""
        by_anchor: dict[str, list[_AnchoredPhrase]] = {}
        unanchored: list[tuple[Phrase, str, bool]] = []
        for indicator in self.indicators:
            is_rate = indicator.unit_kind == RATE
            for phrase in indicator.phrases:
                if phrase.literal is not None:
                    if phrase.literal:
                        by_anchor.setdefault(phrase.literal, []).append(
                            (None, 0, len(phrase.literal), indicator.key, is_rate)
                        )
                elif phrase.anchors:
                    for anchor in phrase.anchors:
                        by_anchor.setdefault(anchor, []).append(
                            (phrase.pattern, phrase.width, len(anchor), indicator.key, is_rate)
                        )
                else:
                    unanchored.append((phrase, indicator.key, is_rate))
        return by_anchor, PhraseMatcher(by_anchor), unanchored

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
        at_anchor, anchors, unanchored = self._anchor_table
        # One pass of the automaton finds every anchor occurrence, instead of a search of
        # the text for every anchor.
        for at, _, anchor, _ in anchors.iter_all(joined):
            for pattern, width, size, key, is_rate in at_anchor[anchor]:
                if pattern is None:  # a literal phrase: the anchor is the match
                    start = in_text(at)
                    found.add((start, start + size, size, key, is_rate))
                    continue
                lo = at - width if at > width else 0
                if pattern.search(joined, lo, at + size + width) is None:
                    continue  # most windows hold no match: one call, no iterator
                for match in pattern.finditer(joined, lo, at + size + width):
                    start = in_text(match.start())
                    found.add((start, start + match.end() - match.start(), _weight(match), key, is_rate))
        for phrase, key, is_rate in unanchored:
            for start, end, weight in phrase.spans(joined):
                at = in_text(start)
                found.add((at, at + end - start, weight, key, is_rate))
        return PhraseIndex(text, sorted(found), self.units_of)

    def classify(self, before: str, unit: str, after: str = "") -> tuple[str | None, float]:
        """The indicator named nearest a number that stands between ``before`` and ``after``."""
        joined = before + "\x00" + after
        return self.index(joined).classify(0, len(before), len(before) + 1, len(joined), unit)


@dataclass
class PhraseIndex:
    text: str
    found: list[tuple[int, int, int, str, bool]]  # start, end, weight, indicator, is a rate
    units_of: dict[str, frozenset[str]] = field(default_factory=dict)

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
            allowed = self.units_of.get(key)
            if allowed is not None and unit not in allowed:
                continue  # 8家 is no count of cases, 4场次 no count of documents
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


# ---------------------------------------------------------------- the user catalogue


class CatalogueError(ValueError):
    """A user catalogue that cannot be used, and why (one line)."""


@dataclass
class UserEntry:
    """One ``[[indicator]]`` of the user catalogue: phrases for ``key``; ``zh``, ``en`` and
    ``unit_kind`` only for an indicator the bundled catalogue does not have."""

    key: str
    phrases: list[str]
    zh: str | None = None
    en: str | None = None
    unit_kind: str | None = None


def bundled_catalogue_path() -> Path:
    return resources_dir() / "indicators.toml"


def user_catalogue_path() -> Path | None:
    """Where the user catalogue is (it may not exist yet); None when switched off
    (``FAZHI_USER_CATALOGUE`` set to an empty value)."""
    value = os.environ.get(USER_CATALOGUE_ENV)
    if value is not None:
        return Path(value).expanduser() if value.strip() else None
    return _config_path(os.environ.get("XDG_CONFIG_HOME"), os.environ.get("HOME"), os.environ.get("APPDATA"))


@lru_cache(maxsize=8)
def _config_path(*_environment: str | None) -> Path:
    # platformdirs reads these variables; remembered per their values (it takes 20 µs a call)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "indicators.toml"


def phrase_error(phrase: str) -> str | None:
    """Why ``phrase`` cannot be a catalogue phrase, or None when it can."""
    if not phrase or not phrase.strip():
        return "empty phrase"
    try:
        # what a reviewer is typing, one keystroke at a time: not kept for the next run
        compiled = re.compile(phrase_regex(phrase))
    except re.error as error:
        return f"not a valid pattern: {error}"
    if compiled.match(""):
        return "the phrase matches an empty text"
    return None


def literal_phrase(text: str) -> str:
    """A phrase that matches exactly ``text`` (a reviewer's label): special characters escaped."""
    return re.escape(text.strip())


def _entries_from(data: dict[str, Any], where: str) -> list[UserEntry]:
    entries = []
    for n, item in enumerate(data.get("indicator", []), 1):
        if not isinstance(item, dict) or not isinstance(item.get("key"), str) or not item["key"].strip():
            raise CatalogueError(f"{where}: indicator {n} has no key")
        phrases = item.get("phrases", [])
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            raise CatalogueError(f"{where}: {item['key']}: phrases must be a list of strings")
        for phrase in phrases:
            problem = phrase_error(phrase)
            if problem:
                raise CatalogueError(f"{where}: {item['key']}: {phrase!r}: {problem}")
        unit_kind = item.get("unit_kind")
        if unit_kind is not None and unit_kind not in (RATE, COUNT):
            raise CatalogueError(f"{where}: {item['key']}: unit_kind must be rate or count")
        entries.append(
            UserEntry(
                key=item["key"].strip(),
                phrases=list(phrases),
                zh=item.get("zh"),
                en=item.get("en"),
                unit_kind=unit_kind,
            )
        )
    return entries


def read_user_catalogue(path: Path | None = None) -> list[UserEntry]:
    """The entries of the user catalogue (none when the file does not exist); raises
    CatalogueError for a file that is not a valid catalogue."""
    path = path if path is not None else user_catalogue_path()
    if path is None or not path.is_file():
        return []
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise CatalogueError(f"{path}: {error}") from error
    return _entries_from(data, str(path))


def _toml_string(text: str) -> str:
    # a JSON string is a valid TOML basic string (the same escapes)
    import json

    return json.dumps(text, ensure_ascii=False)


def user_catalogue_text(entries: list[UserEntry]) -> str:
    lines = [
        "# Fazhi Review: the user's indicator catalogue (phrases reviewers taught the app).",
        "# Same format as the bundled resources/indicators.toml; an entry with a key the",
        "# bundled catalogue has adds its phrases to that indicator.",
        "",
    ]
    for entry in entries:
        lines.append("[[indicator]]")
        lines.append(f"key = {_toml_string(entry.key)}")
        for name in ("zh", "en", "unit_kind"):
            value = getattr(entry, name)
            if value:
                lines.append(f"{name} = {_toml_string(value)}")
        lines.append("phrases = [" + ", ".join(_toml_string(p) for p in entry.phrases) + "]")
        lines.append("")
    return "\n".join(lines)


def write_user_catalogue(entries: list[UserEntry], path: Path | None = None) -> Path:
    """Write the user catalogue (checked first; written to a temporary file and moved into
    place, so a reader never sees half a file). Returns the path written."""
    path = path if path is not None else user_catalogue_path()
    if path is None:
        raise CatalogueError(f"the user catalogue is switched off ({USER_CATALOGUE_ENV} is empty)")
    text = user_catalogue_text(entries)
    _entries_from(tomllib.loads(text), str(path))  # what is written can be read back
    bundled = _bundled_entries()
    for entry in entries:
        if entry.key not in bundled and not (entry.zh and entry.en and entry.unit_kind):
            raise CatalogueError(f"{entry.key}: a new indicator needs zh, en and unit_kind")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".indicators-", suffix=".toml", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _forget_cached()
    return path


def add_user_phrase(key: str, phrase: str, path: Path | None = None) -> bool:
    """Add ``phrase`` to indicator ``key`` in the user catalogue; False when it is already
    there (in the bundled or the user catalogue). ``key`` must be a known indicator."""
    problem = phrase_error(phrase)
    if problem:
        raise CatalogueError(f"{phrase!r}: {problem}")
    catalogue = default_catalogue()
    if key not in catalogue.by_key:
        raise CatalogueError(f"unknown indicator {key!r}")
    entries = read_user_catalogue(path)
    bundled = _bundled_entries().get(key)
    if (bundled is not None and phrase in bundled["phrases"]) or any(
        e.key == key and phrase in e.phrases for e in entries
    ):
        return False
    for entry in entries:
        if entry.key == key:
            entry.phrases.append(phrase)
            break
    else:
        entries.append(UserEntry(key=key, phrases=[phrase]))
    write_user_catalogue(entries, path)
    return True


@lru_cache(maxsize=1)
def _bundled_entries() -> dict[str, dict[str, Any]]:
    """key -> the bundled catalogue's entry (zh, en, unit_kind, phrases), in file order."""
    with bundled_catalogue_path().open("rb") as handle:
        data = tomllib.load(handle)
    return {item["key"]: item for item in data.get("indicator", [])}


@lru_cache(maxsize=4096)
def _compiled(phrase: str) -> Phrase:
    return Phrase.compile(phrase)


def merged_catalogue(user_entries: list[UserEntry]) -> Catalogue:
    """The bundled catalogue with the user's entries added.

    A bundled indicator marked ``extract = false`` is one the guide's annotators never assign
    (it is beyond ANNOTATION_GUIDE.md's list): reviewers choose it, and the extractor applies
    only the phrases reviewers taught for it, not the bundled ones.
    """
    items = {
        key: dict(item, phrases=list(item.get("phrases", []) if item.get("extract", True) else []))
        for key, item in _bundled_entries().items()
    }
    for entry in user_entries:
        item = items.get(entry.key)
        if item is None:
            if not (entry.zh and entry.en and entry.unit_kind):
                _warn("user catalogue: %s: a new indicator needs zh, en and unit_kind; left out", entry.key)
                continue
            item = items[entry.key] = {
                "key": entry.key,
                "zh": entry.zh,
                "en": entry.en,
                "unit_kind": entry.unit_kind,
                "phrases": [],
            }
        item["phrases"] += [p for p in entry.phrases if p not in item["phrases"]]
    indicators = []
    for item in items.values():
        if item.get("unit_kind") not in (RATE, COUNT):
            raise ValueError(f"{item.get('key')}: unit_kind must be rate or count")
        units = item.get("units")
        indicators.append(
            Indicator(
                key=item["key"],
                zh=item["zh"],
                en=item["en"],
                unit_kind=item["unit_kind"],
                phrases=tuple(_compiled(p) for p in item["phrases"]),
                units=frozenset(units) if units is not None else None,
            )
        )
    return Catalogue(indicators)


_lock = threading.Lock()
_cached: tuple[tuple[Any, ...], Catalogue, str | None] | None = None  # (file stamp, catalogue, error)


def _stamp(path: Path | None) -> tuple[Any, ...]:
    if path is None:
        return (None,)
    name = os.fspath(path)
    try:
        st = os.stat(name)
    except OSError:
        return (name, None)
    return (name, st.st_mtime_ns, st.st_size, st.st_ino)


def _forget_cached() -> None:
    global _cached
    with _lock:
        _cached = None


def _current() -> tuple[Catalogue, str | None]:
    global _cached
    path = user_catalogue_path()
    stamp = _stamp(path)
    cached = _cached
    if cached is not None and cached[0] == stamp:
        return cached[1], cached[2]
    with _lock:
        error = None
        try:
            entries = read_user_catalogue(path) if len(stamp) > 2 else []
        except CatalogueError as problem:
            error = str(problem)
            _warn("user indicator catalogue left out: %s", error)
            entries = []
        catalogue = merged_catalogue(entries)
        _cached = (stamp, catalogue, error)
    return catalogue, error


def default_catalogue() -> Catalogue:
    """The bundled catalogue plus the user catalogue, as the user file is now."""
    return _current()[0]


def user_catalogue_error() -> str | None:
    """Why the user catalogue was left out, or None when it is fine (or absent)."""
    return _current()[1]


default_catalogue.cache_clear = _forget_cached  # type: ignore[attr-defined]  # as when it was an lru_cache
