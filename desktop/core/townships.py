"""Township-level places (镇, 乡, 街道, 苏木) and the county, prefecture and province of each.

Data: ``resources/gazetteer/townships.tsv``, built by ``tools/build_townships.py`` from the
国家统计局 code tables (see the gazetteer's README). Loaded on first use only: most reports
are not a township's, and the table has some 38,000 rows.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from .matcher import PhraseMatcher
from .resources import resources_dir

TOWNSHIP_ENDINGS = ("街道办事处", "街道", "镇", "乡", "苏木")


@dataclass(frozen=True, slots=True)
class Township:
    code: str
    name: str
    county: str
    prefecture: str  # empty for a county directly under a province or a municipality
    province: str


class TownshipGazetteer:
    def __init__(self) -> None:
        path = resources_dir() / "gazetteer" / "townships.tsv"
        by_name: dict[str, list[Township]] = {}
        for raw in path.read_text(encoding="utf-8").splitlines():
            if not raw or raw.startswith("#") or raw.startswith("code\t"):
                continue
            code, name, county, prefecture, province = raw.split("\t")
            by_name.setdefault(name, []).append(Township(code, name, county, prefecture, province))
        self._by_name = {name: tuple(rows) for name, rows in by_name.items()}
        # Two-character names (张镇, 新镇) are found only by lookup: in running text they are
        # mostly the ends of other words (创新镇村, 紧张镇定).
        self._matcher: PhraseMatcher[str] = PhraseMatcher(n for n in self._by_name if len(n) > 2)

    def lookup(self, name: str) -> tuple[Township, ...]:
        """Every township of that name (城关镇: dozens), including a 街道 written with 办事处."""
        if name in self._by_name:
            return self._by_name[name]
        if name.endswith("办事处"):
            return self._by_name.get(name[: -len("办事处")], ())
        return ()

    def longest_at(self, text: str, start: int = 0) -> str | None:
        """The longest township name that begins at ``start``."""
        found = self._matcher.longest_at(text, start)
        return found[0] if found else None

    def find_in(self, text: str) -> list[tuple[int, int, str]]:
        """Township names in ``text``, left to right, longest first, not overlapping."""
        return [(start, end, word) for start, end, word, _ in self._matcher.find_all(text)]


_default: TownshipGazetteer | None = None
_lock = threading.Lock()


def township_gazetteer() -> TownshipGazetteer:
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                _default = TownshipGazetteer()
    return _default
