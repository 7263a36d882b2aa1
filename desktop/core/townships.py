"""Township-level places (镇, 乡, 街道, 苏木) and the county, prefecture and province of each.

Data: ``resources/gazetteer/townships.tsv``, built by ``tools/build_townships.py`` from the
国家统计局 code tables (see the gazetteer's README). Loaded on first use only: most reports
are not a township's, and the table has some 38,000 rows.
"""

from __future__ import annotations

import threading
from itertools import repeat
from typing import NamedTuple

from .matcher import PhraseMatcher
from .resources import resources_dir

TOWNSHIP_ENDINGS = ("街道办事处", "街道", "镇", "乡", "苏木")


class Township(NamedTuple):
    """One row of the table. A named tuple rather than a frozen dataclass: the table is
    read in one go for a township's report, and 38,000 tuples are made much faster; it
    is as immutable and prints, compares and hashes the same way between townships."""

    code: str
    name: str
    county: str
    prefecture: str  # empty for a county directly under a province or a municipality
    province: str


class TownshipGazetteer:
    def __init__(self) -> None:
        path = resources_dir() / "gazetteer" / "townships.tsv"
        lines = path.read_text(encoding="utf-8").splitlines()
        rows = self._read_regular(lines)
        if rows is None:
            rows = self._read_any(lines)
        by_name: dict[str, tuple[Township, ...]] = {}
        get = by_name.get
        for row in rows:
            name = row.name
            found = get(name)
            by_name[name] = (row,) if found is None else (*found, row)
        self._by_name = by_name
        self._matcher: PhraseMatcher[str] | None = None  # built on first use: lookup needs none

    @staticmethod
    def _read_regular(lines: list[str]) -> list[Township] | None:
        """The rows of the table as the build writes it (comments and the header, then rows
        of five columns with numeric codes), read column-wise in a few C-level passes; None
        for any other layout, which :meth:`_read_any` reads line by line."""
        at = 0
        while at < len(lines) and (not lines[at] or lines[at].startswith("#") or lines[at].startswith("code\t")):
            at += 1
        rows = lines[at:]
        if not rows or set(map(str.count, rows, repeat("\t"))) != {4}:
            return None
        fields = "\t".join(rows).split("\t")
        codes = fields[0::5]
        if not "".join(codes).isdigit():
            return None
        columns = zip(codes, fields[1::5], fields[2::5], fields[3::5], fields[4::5])
        return list(map(tuple.__new__, repeat(Township), columns))

    @staticmethod
    def _read_any(lines: list[str]) -> list[Township]:
        rows: list[Township] = []
        for raw in lines:
            if not raw or raw.startswith("#") or raw.startswith("code\t"):
                continue
            code, name, county, prefecture, province = raw.split("\t")
            rows.append(Township(code, name, county, prefecture, province))
        return rows

    def _names(self) -> PhraseMatcher[str]:
        # Two-character names (张镇, 新镇) are found only by lookup: in running text they are
        # mostly the ends of other words (创新镇村, 紧张镇定).
        if self._matcher is None:
            self._matcher = PhraseMatcher(n for n in self._by_name if len(n) > 2)
        return self._matcher

    def lookup(self, name: str) -> tuple[Township, ...]:
        """Every township of that name (城关镇: dozens), including a 街道 written with 办事处."""
        if name in self._by_name:
            return self._by_name[name]
        if name.endswith("办事处"):
            return self._by_name.get(name[: -len("办事处")], ())
        return ()

    def longest_at(self, text: str, start: int = 0) -> str | None:
        """The longest township name that begins at ``start``."""
        found = self._names().longest_at(text, start)
        return found[0] if found else None

    def find_in(self, text: str) -> list[tuple[int, int, str]]:
        """Township names in ``text``, left to right, longest first, not overlapping."""
        return [(start, end, word) for start, end, word, _ in self._names().find_all(text)]


_default: TownshipGazetteer | None = None
_lock = threading.Lock()


def township_gazetteer() -> TownshipGazetteer:
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                _default = TownshipGazetteer()
    return _default
