"""Gazetteer of China's administrative divisions (province, prefecture, county level).

Data ships in ``resources/gazetteer/`` (see its README.md): ``divisions.tsv`` is
built by ``tools/build_gazetteer.py`` from a public package, ``zone_suffixes.txt``
lists how development zones are named, ``ethnic_groups.txt`` the 56 ethnic groups
(used to shorten 自治州/自治县 names). Everything is read once, lazily; no network.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import NamedTuple

from desktop.core.matcher import PhraseMatcher
from desktop.core.regex_cache import compile_regex
from desktop.core.resources import resources_dir

LEVELS = ("province", "prefecture", "county", "district")

# Generic suffixes stripped by Division.short, per level, longest first.
# Autonomous units (自治区/州/县/旗) are handled separately: the ethnic names go too.
_GENERIC_SUFFIXES = {
    "province": ("特别行政区", "省", "市"),
    "prefecture": ("地区", "市", "盟"),
    "county": ("林区", "特区", "县", "市", "旗"),
    "district": ("区",),
}
_AUTONOMOUS = ("自治区", "自治州", "自治县", "自治旗")

# Following text that makes a two-character name (城区, 和县, 高县 ...) a real mention
# even after another Chinese character, and following characters that make it a word.
_WEAK_CONFIRM_AFTER = ("人民政府", "政府")
_WEAK_REJECT_AFTER = frozenset("级域城")


def gazetteer_dir() -> Path:
    return resources_dir() / "gazetteer"


def _data_lines(path: Path) -> list[str]:
    return [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def ethnic_tokens(groups: Iterable[str]) -> tuple[str, ...]:
    """Ethnic-group names as they appear in autonomous units' names, longest first.

    Both ``蒙古族`` and ``蒙古`` occur (博尔塔拉蒙古自治州); the bare form is used only
    for names of two or more characters so that 西藏 keeps its 藏.
    """
    groups = list(groups)
    tokens = set(groups) | {"各族"}
    tokens |= {g[:-1] for g in groups if g.endswith("族") and len(g) >= 3}
    return tuple(sorted(tokens, key=len, reverse=True))


def read_ethnic_groups(path: Path) -> list[str]:
    """The groups listed in an ``ethnic_groups.txt`` (none if the file is missing)."""
    try:
        return _data_lines(path)
    except OSError:
        return []


@lru_cache(maxsize=1)
def _ethnic_tokens() -> tuple[str, ...]:
    """:func:`ethnic_tokens` of the shipped ``ethnic_groups.txt``."""
    return ethnic_tokens(read_ethnic_groups(gazetteer_dir() / "ethnic_groups.txt"))


def compute_short_name(name: str, level: str, tokens: Sequence[str] | None = None) -> str:
    """:func:`short_name` without its cache, with the ethnic tokens given (by
    ``tools/build_gazetteer.py``, which writes each division's short name into the table)
    or those of the shipped file."""
    if name.endswith(_AUTONOMOUS):  # one test for the few autonomous units; the loop finds which
        if tokens is None:
            tokens = _ethnic_tokens()
        for suffix in _AUTONOMOUS:
            if name.endswith(suffix) and len(name) > len(suffix):
                stem = name[: -len(suffix)]
                base = stem
                stripped = True
                while stripped:
                    stripped = False
                    for token in tokens:
                        if base.endswith(token) and len(base) - len(token) >= 2:
                            base = base[: -len(token)]
                            stripped = True
                            break
                if base == stem and stem.endswith("族") and len(stem) >= 3:
                    base = stem[:-1]  # 东乡族自治县 -> 东乡, 鄂温克族自治旗 -> 鄂温克
                return base if len(base) >= 2 else name
    for suffix in _GENERIC_SUFFIXES.get(level, ()):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@lru_cache(maxsize=8192)
def short_name(name: str, level: str) -> str:
    """``name`` without its generic suffix; never shorter than two characters."""
    return compute_short_name(name, level)


class Division(NamedTuple):
    """One row of the table. A named tuple: 3,176 of them are built at start-up, and a
    tuple is made several times faster than a frozen dataclass. It is as immutable, and
    prints, compares and hashes the same way between divisions (it also equals the plain
    tuple of its five fields, and can be unpacked; nothing relies on either)."""

    code: str
    name: str
    level: str  # province | prefecture | county | district
    province: str
    prefecture: str | None

    @property
    def short(self) -> str:
        """汕尾市->汕尾, 延边朝鲜族自治州->延边, 新疆维吾尔自治区->新疆; 和县 stays 和县."""
        return short_name(self.name, self.level)


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


class Gazetteer:
    """Lookups over the division table; build once (see :func:`default_gazetteer`)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else gazetteer_dir() / "divisions.tsv"
        self.source = ""
        lines = self.path.read_text(encoding="utf-8").splitlines()
        table = self._read_regular(lines)
        if table is None:
            divisions, shorts = self._read_any(lines), None
        else:
            divisions, shorts = table
        self.divisions: tuple[Division, ...] = tuple(divisions)
        if shorts is None:
            shorts = [compute_short_name(d.name, d.level) for d in divisions]

        # The short names are kept for what is built on first use: the index of full and
        # short names (lookup_short) and the set of them (place_names, zone_name_at).
        self._shorts = shorts
        # One pass over the rows builds the name index and the scanning index: first two
        # characters -> candidate lengths, longest first (and below, a regex class of
        # possible first characters to jump ahead with).
        names = [d.name for d in divisions]
        by_name: dict[str, tuple[Division, ...]] = {}
        bigram: dict[str, tuple[int, ...]] = {}
        get, get_lengths = by_name.get, bigram.get
        for name, d in zip(names, divisions):
            found = get(name)
            if found is not None:
                by_name[name] = (*found, d)
                continue
            by_name[name] = (d,)
            size, key = len(name), name[:2]
            lengths = get_lengths(key)
            if lengths is None:
                bigram[key] = (size,)
            elif size not in lengths:
                bigram[key] = tuple(sorted((*lengths, size), reverse=True))
        self._by_name = by_name
        self._bigram = bigram
        self._first_re = compile_regex(
            "[" + "".join(re.escape(c) for c in sorted({n[0] for n in self._by_name})) + "]"
            if self._by_name
            else "(?!)"
        )

        province_rows = [(d, short) for d, short in zip(divisions, shorts) if d.level == "province"]
        self._provinces = tuple(d for d, _ in province_rows)
        self._province_by_short: dict[str, Division] = {}
        for p, short in province_rows:
            self._province_by_short.setdefault(short, p)
            self._province_by_short.setdefault(p.name, p)

        self._places: dict[str, list[Division]] | None = None
        self._place_names: frozenset[str] | None = None
        self._upper_matcher: PhraseMatcher[str] | None = None
        self._places_first_index: dict[str, tuple[int, ...]] | None = None

        suffix_path = self.path.parent / "zone_suffixes.txt"
        try:
            suffixes = _data_lines(suffix_path)
        except OSError:
            suffixes = []
        self.zone_suffixes: tuple[str, ...] = tuple(sorted(dict.fromkeys(suffixes), key=len, reverse=True))

    def _read_regular(self, lines: list[str]) -> tuple[list[Division], list[str] | None] | None:
        """The rows of a table laid out as the build writes it (comments, the header, then
        rows that all have the header's columns), read column-wise in a few C-level passes;
        None for any other layout, which :meth:`_read_any` reads line by line.

        With a ``short`` column (the shipped file), the short names come with the rows."""
        at = 0
        source = ""
        while at < len(lines) and (not lines[at].strip() or lines[at].startswith("#")):
            if lines[at].startswith("# source:") and not source:
                source = lines[at][len("# source:") :].strip()
            at += 1
        if at == len(lines):
            return None
        header = lines[at].split("\t")
        if header[0] != "code" or len(header) < 5:
            return None
        width = len(header)
        rows = lines[at + 1 :]
        tabs = width - 1
        if not set(map(str.count, rows, repeat("\t"))) <= {tabs}:
            return None
        fields = "\t".join(rows).split("\t")
        codes, names, levels, provinces, prefectures = (fields[i::width] for i in range(5))
        if not set(levels) <= set(LEVELS) or "#" in "".join(codes):
            return None  # a bad level is reported, and odd lines are read, as before
        self.source = source
        rows_of = zip(codes, names, levels, provinces, [p or None for p in prefectures])
        divisions: list[Division] = list(map(tuple.__new__, repeat(Division), rows_of))
        shorts = fields[5::width] if width > 5 and header[5] == "short" else None
        return divisions, shorts

    def _read_any(self, lines: list[str]) -> list[Division]:
        divisions: list[Division] = []
        header_seen = False
        for raw in lines:
            if not raw.strip():
                continue
            if raw.startswith("#"):
                if raw.startswith("# source:") and not self.source:
                    self.source = raw[len("# source:") :].strip()
                continue
            cols = raw.split("\t")
            if not header_seen and cols[0] == "code":
                header_seen = True
                continue
            if len(cols) < 5:
                cols += [""] * (5 - len(cols))
            code, name, level, province, prefecture = cols[:5]
            if level not in LEVELS:
                raise ValueError(f"{self.path}: bad level {level!r} for {name}")
            divisions.append(Division(code, name, level, province, prefecture or None))
        return divisions

    @staticmethod
    def _index(names: Iterable[str]) -> dict[str, tuple[int, ...]]:
        """first character -> candidate name lengths, longest first."""
        first: dict[str, set[int]] = {}
        for name in names:
            first.setdefault(name[0], set()).add(len(name))
        return {ch: tuple(sorted(ls, reverse=True)) for ch, ls in first.items()}

    def _places_first(self) -> dict[str, tuple[int, ...]]:
        """First character -> lengths of full and short names (only zone names need it)."""
        if self._places_first_index is None:
            self._places_first_index = self._index(self.place_names())
        return self._places_first_index

    def _places_index(self) -> dict[str, list[Division]]:
        """Full and short name -> the divisions of that name, in the order of the rows."""
        if self._places is None:
            places: dict[str, list[Division]] = {}
            for d, short in zip(self.divisions, self._shorts):
                places.setdefault(d.name, []).append(d)
                if short != d.name:
                    places.setdefault(short, []).append(d)
            self._places = places
        return self._places

    # -- lookups -----------------------------------------------------------
    def lookup(self, name: str) -> list[Division]:
        """Every division whose full official name is ``name`` (e.g. 朝阳区: two)."""
        return list(self._by_name.get(name, ()))

    def provinces(self) -> list[Division]:
        return list(self._provinces)

    def lookup_short(self, short: str) -> list[Division]:
        """Divisions whose short name is ``short`` (武汉 -> 武汉市; 延边 -> 延边朝鲜族自治州)."""
        return [d for d in self._places_index().get(short, ()) if d.short == short and d.name != short]

    def province_of_short(self, short: str) -> Division | None:
        """广东 -> 广东省, 新疆 -> 新疆维吾尔自治区 (a full name works too)."""
        return self._province_by_short.get(short.strip())

    def upper_mentions(self, text: str) -> list[Division]:
        """Province- and prefecture-level full names in ``text`` (one pass of an automaton:
        much faster than :meth:`find_in` over a whole report, and enough to tell which
        province it is in)."""
        if self._upper_matcher is None:
            self._upper_matcher = PhraseMatcher(d.name for d in self.divisions if d.level in ("province", "prefecture"))
        out = []
        for _, _, name, _ in self._upper_matcher.find_all(text):
            candidates = self._by_name.get(name, ())
            if len(candidates) == 1:  # an ambiguous name says nothing about the province
                out.append(candidates[0])
        return out

    def place_names(self) -> frozenset[str]:
        """Full and short names of every division (江门市, 江门), for telling a place apart."""
        if self._place_names is None:
            self._place_names = frozenset(self._by_name).union(self._shorts)
        return self._place_names

    def children(self, parent: Division) -> list[Division]:
        """Units directly under a province or prefecture."""
        if parent.level == "province":
            return [
                d
                for d in self.divisions
                if d.level != "province" and d.province == parent.name and d.prefecture is None
            ]
        if parent.level == "prefecture":
            return [d for d in self.divisions if d.prefecture == parent.name and d.province == parent.province]
        return []

    # -- text scanning -----------------------------------------------------
    def find_in(self, text: str) -> list[tuple[int, int, Division]]:
        """Every full-name mention, left to right, longest match first, non-overlapping.

        One tuple per mention. A name several divisions share (朝阳区, 鼓楼区) is
        resolved from context: the candidate whose prefecture or province is named
        right before it, else elsewhere in the text, else the lowest code; the
        alternatives are ``lookup(name)``. Two-character names (城区, 郊区, 和县, 高县)
        are also ordinary words, so they count only at the start of a clause, right
        after their prefecture or province, or when followed by 人民政府/政府.
        """
        by_name, by_bigram = self._by_name, self._bigram
        search, get = self._first_re.search, by_bigram.get
        found: list[tuple[int, int, str]] = []
        i = 0
        while True:
            m = search(text, i)  # jump to the next character that can start a name
            if m is None:
                break
            i = m.start()
            hit = None
            for size in get(text[i : i + 2], ()):
                cand = text[i : i + size]
                if cand in by_name:
                    hit = cand
                    break
            if hit is None:
                i += 1
                continue
            end = i + len(hit)
            if len(hit) == 2 and not self._weak_ok(text, i, end, by_name[hit]):
                i += 1
                continue
            found.append((i, end, hit))
            i = end

        mentioned = {name for _, _, name in found}
        out: list[tuple[int, int, Division]] = []
        for start, end, name in found:
            cands = by_name[name]
            div = cands[0] if len(cands) == 1 else self._resolve(text, start, cands, mentioned)
            out.append((start, end, div))
        return out

    @staticmethod
    def _named_before(text: str, start: int, d: Division) -> bool:
        """Is ``d``'s prefecture or province (full or short name) right before ``start``?"""
        before = text[max(0, start - 12) : start]
        parents = [(d.province, "province")]
        if d.prefecture:
            parents.insert(0, (d.prefecture, "prefecture"))
        return any(before.endswith(name) or before.endswith(short_name(name, level)) for name, level in parents)

    def _weak_ok(self, text: str, start: int, end: int, cands: tuple[Division, ...]) -> bool:
        after = text[end : end + 4]
        if after.startswith(_WEAK_CONFIRM_AFTER):
            return True
        if any(self._named_before(text, start, d) for d in cands):
            return True
        if after[:1] in _WEAK_REJECT_AFTER:
            return False
        return start == 0 or not _is_cjk(text[start - 1])

    def _resolve(self, text: str, start: int, cands: Sequence[Division], mentioned: set[str]) -> Division:
        def score(d: Division) -> int:
            s = 4 if self._named_before(text, start, d) else 0
            if d.prefecture and d.prefecture in mentioned:
                s += 2
            if d.province in mentioned:
                s += 1
            return s

        best = max(score(d) for d in cands)
        return next(d for d in cands if score(d) == best)

    def zone_suffix_at(self, text: str, end: int) -> str | None:
        """The longest zone suffix (高新区, 经济技术开发区 ...) ending at ``end``."""
        for suffix in self.zone_suffixes:
            if text.endswith(suffix, 0, end):
                return suffix
        return None

    def zone_name_at(self, text: str, end: int, max_prefix: int = 16) -> tuple[int, str] | None:
        """A development-zone name ending at ``end``: ``(start, suffix)`` or None.

        ``text[start:end]`` is the zone's name: it ends with a suffix from
        ``zone_suffixes`` and begins with the leftmost division name, full or short,
        in the unbroken run of Chinese characters before the suffix (汕尾高新区,
        广州经济技术开发区, 苏州工业园区). Zones not anchored on a division name
        give None.
        """
        suffix = self.zone_suffix_at(text, end)
        if suffix is None:
            return None
        s0 = end - len(suffix)
        lo = s0
        while lo > 0 and s0 - lo < max_prefix and _is_cjk(text[lo - 1]):
            lo -= 1
        places_first, place_names = self._places_first(), self.place_names()
        for p in range(lo, s0):
            lens = places_first.get(text[p])
            if lens and any(p + size <= s0 and text[p : p + size] in place_names for size in lens):
                return p, suffix
        return None


_default: Gazetteer | None = None
_lock = threading.Lock()


def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded on first use and then shared."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                _default = Gazetteer()
    return _default
