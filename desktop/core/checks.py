"""Consistency checks over one report's items: what the review window flags, and why.

Pure functions over the store's item rows (dicts with ``id``, ``kind``, ``key``, ``start``,
``end``, ``data``, ``state``, ``confidence``). Each finding is a :class:`Problem`: a stable
``code``, the item it is about (``None`` for the report as a whole) and the ``params`` a
message needs. No message text lives here: the window turns codes and params into words.

Codes, their params and severities:

====================== ======================================== ==========================
code                   params                                   severity
====================== ======================================== ==========================
low_confidence         confidence                               warning
rate_over_100          value, indicator                         error for a rate indicator
                                                                (出庭应诉率 ...), else warning
                                                                (增长150% is possible)
subset_exceeds_total   value, total, total_item_id, unit        warning
part_missing           part                                     warning (item_id None)
date_out_of_range      date, year                               warning on publish_date;
                                                                error on report_year when
                                                                it is > publish year + 1
unknown_province       value (+ suggestion for a short name)    error (warning with a
                                                                suggestion: 广东 -> 广东省)
unknown_region         value                                    warning
region_not_in_province value, province, found (provinces)       warning
bad_date               value                                    error
bad_year               value                                    error
bad_doc_number         value                                    warning
unknown_level          value                                    error
====================== ======================================== ==========================

Rejected items are ignored everywhere: they are not part of the report any more.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from desktop.core.gazetteer import Division, Gazetteer, default_gazetteer
from desktop.core.indicators import RATE, default_catalogue
from desktop.core.regex_cache import compile_regex
from desktop.core.thresholds import FLAG_BELOW  # the extractor's (one home, and no extractor to load)

WARNING, ERROR = "warning", "error"

#: The parts the regulation requires (art. 25); ``other`` is optional.
STATUTORY_PARTS = ("achievements", "leader_duty", "shortcomings", "next_year")
#: Values of the ``level`` field (ANNOTATION_GUIDE.md).
LEVELS = ("province", "prefecture", "county", "district", "zone", "department", "township")
YEAR_MIN, YEAR_MAX = 2000, 2100


@dataclass(frozen=True)
class Problem:
    code: str
    item_id: int | None
    params: dict[str, Any] = field(default_factory=dict)
    severity: str = WARNING


# --------------------------------------------------------------------------- report


def _live(items: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return [item for item in items if item.get("state") != "rejected"]


def _data(item: Mapping[str, Any]) -> Mapping[str, Any]:
    data = item.get("data")
    return data if isinstance(data, Mapping) else {}


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _plain(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def check_report(items: Sequence[Mapping[str, Any]], report_text: str | None = None) -> list[Problem]:
    """Every problem in one report's items, report-wide ones first, then in item order.

    ``report_text`` is the text the items' offsets point into (the file's text as decoded);
    without it the 其中 check (``subset_exceeds_total``) cannot run and is skipped.
    """
    live = _live(items)
    problems: list[Problem] = []

    present = {_data(item).get("part") for item in live if item.get("kind") == "part"}
    problems += [Problem("part_missing", None, {"part": part}) for part in STATUTORY_PARTS if part not in present]

    fields: dict[str, Any] = {}
    for item in live:
        if item.get("kind") == "field" and item.get("key"):
            fields[item["key"]] = _data(item).get("value")

    subsets = _subset_problems(live, report_text) if report_text else {}
    for item in live:
        item_id = item.get("id")
        confidence = item.get("confidence")
        level = _number(confidence)
        if item.get("state") == "pending" and level is not None and level < FLAG_BELOW:
            problems.append(Problem("low_confidence", item_id, {"confidence": confidence}))
        kind = item.get("kind")
        if kind == "field" and item.get("key"):
            for problem in validate_field(item["key"], _data(item).get("value"), fields):
                problems.append(Problem(problem.code, item_id, problem.params, problem.severity))
        elif kind == "metric":
            problems += _metric_problems(item)
            problems += subsets.get(id(item), [])
    return problems


def _is_rate_indicator(key: Any) -> bool:
    if not isinstance(key, str) or not key:
        return False
    indicator = default_catalogue().by_key.get(key)
    return indicator.unit_kind == RATE if indicator is not None else key.endswith("_rate")


def _metric_problems(item: Mapping[str, Any]) -> list[Problem]:
    data = _data(item)
    if data.get("unit") != "%":
        return []
    values = [v for v in (_number(data.get("value")), _number(data.get("value_to"))) if v is not None]
    over = max(values, default=None)
    if over is None or over <= 100:
        return []
    indicator = data.get("indicator")
    severity = ERROR if _is_rate_indicator(indicator) else WARNING
    return [Problem("rate_over_100", item.get("id"), {"value": _plain(over), "indicator": indicator}, severity)]


# 其中 ("of which"): the figure after it counts part of the figure before it.
_SUBSET_WORD = "其中"
_SENTENCE_ENDS = "。！？!?\n"
_LEADING_FILLER = compile_regex(r"[\s,，、:：;；]*")


def _sentence_start(text: str, position: int) -> int:
    """Index just after the last sentence end before ``position`` (0 if none)."""
    return max(text.rfind(ch, 0, position) for ch in _SENTENCE_ENDS) + 1


def _approx_upper(data: Mapping[str, Any], value: float) -> float | None:
    """The largest value an approximate total can stand for: 200多 -> 300, 60多 -> 70,
    六十余万 -> 70万; None (no bound) for 超过/以上/约 written outside the number."""
    text = str(data.get("text") or "")
    if "多" not in text and "余" not in text:
        return None
    if not value.is_integer() or value <= 0:
        return None
    step = 1
    n = int(value)
    while n % (step * 10) == 0:
        step *= 10
    return value + step


def _subset_problems(live: list[Mapping[str, Any]], text: str) -> dict[int, list[Problem]]:
    """subset_exceeds_total for each metric introduced by 其中, keyed by ``id(item)``.

    The total is the nearest metric with the same unit before the 其中 itself (not
    before the subset: in 其中A 5件, B 7件 both count part of the figure before 其中), in the
    same sentence, or in the sentence before when 其中 opens its sentence (…共120件。其中…).
    """
    metrics = sorted(
        (
            item
            for item in live
            if item.get("kind") == "metric"
            and isinstance(item.get("start"), int)
            and _number(_data(item).get("value")) is not None
        ),
        key=lambda item: item["start"],
    )
    out: dict[int, list[Problem]] = {}
    for item in metrics:
        data = _data(item)
        unit = data.get("unit")
        start = item["start"]
        if unit == "%" or start > len(text):
            continue  # shares of shares are not counts of a part
        sentence = _sentence_start(text, start)
        marker = text.rfind(_SUBSET_WORD, sentence, start)
        if marker < 0:
            continue
        scope = sentence
        if _LEADING_FILLER.fullmatch(text, sentence, marker) and sentence > 0:
            scope = _sentence_start(text, sentence - 1)  # 其中 opens the sentence: look back one
        total = None
        for other in metrics:
            if other is item or other["start"] < scope or (other.get("end") or other["start"]) > marker:
                continue
            if _data(other).get("unit") == unit:
                total = other  # sorted by start: the last one wins, the nearest to 其中
        if total is None:
            continue
        total_data = _data(total)
        total_value = _number(total_data.get("value"))
        assert total_value is not None  # metrics holds only items whose value is a number
        bound = _number(total_data.get("value_to")) or total_value
        if total_data.get("approx"):
            upper = _approx_upper(total_data, total_value)
            if upper is None:
                continue
            bound = upper
        value = _number(data.get("value"))
        assert value is not None  # as for the total
        if value > bound:
            out.setdefault(id(item), []).append(
                Problem(
                    "subset_exceeds_total",
                    item.get("id"),
                    {
                        "value": _plain(value),
                        "total": _plain(total_value),
                        "total_item_id": total.get("id"),
                        "unit": unit,
                    },
                )
            )
    return out


# --------------------------------------------------------------------------- fields


def validate_field(key: str, value: Any, fields: Mapping[str, Any] | None = None) -> list[Problem]:
    """Problems with one field's value (``item_id`` None); ``fields`` are the report's other
    field values (``{"province": "广东省", ...}``), for the checks that compare two fields."""
    fields = fields or {}
    if value is None or (isinstance(value, str) and not value.strip()):
        return []  # unknown is allowed: null, never a guessed placeholder
    if isinstance(value, str):
        value = value.strip()
    check = _FIELD_CHECKS.get(key)
    return check(value, fields) if check is not None else []


def _check_level(value: Any, fields: Mapping[str, Any]) -> list[Problem]:
    if value in LEVELS:
        return []
    return [Problem("unknown_level", None, {"value": value}, ERROR)]


def as_year(value: Any) -> int | None:
    """2020 or "2020" -> 2020; anything else (bools, 2020.5, "二〇二〇") -> None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}", value.strip()):
        return int(value)
    return None


_ISO_DATE = compile_regex(r"(\d{4})-(\d{2})-(\d{2})")


def as_date(value: Any) -> dt.date | None:
    """ "2021-02-26" (or a date) -> the date; anything else -> None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.fullmatch(value.strip())
    if match is None:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


def _check_year(value: Any, fields: Mapping[str, Any]) -> list[Problem]:
    year = as_year(value)
    if year is None or not YEAR_MIN <= year <= YEAR_MAX:
        return [Problem("bad_year", None, {"value": value}, ERROR)]
    date = as_date(fields.get("publish_date"))
    if date is not None and year > date.year + 1:
        # A report on a year that had not begun when it was published.
        return [Problem("date_out_of_range", None, {"date": date.isoformat(), "year": year}, ERROR)]
    return []


def _check_date(value: Any, fields: Mapping[str, Any]) -> list[Problem]:
    date = as_date(value)
    if date is None or not YEAR_MIN <= date.year <= YEAR_MAX + 1:
        return [Problem("bad_date", None, {"value": value if not isinstance(value, dt.date) else str(value)}, ERROR)]
    year = as_year(fields.get("report_year"))
    if year is None or not YEAR_MIN <= year <= YEAR_MAX or year > date.year + 1:
        return []  # a bad year is reported on the year (bad_year, date_out_of_range)
    if not year <= date.year <= year + 1:
        return [Problem("date_out_of_range", None, {"date": date.isoformat(), "year": year})]
    return []


# 机关代字〔年份〕序号号: 汕府〔2021〕9号, 皋政发[2023]30号, 粤司【2022】5号.
_BRACKETS = (("〔", "〕"), ("[", "]"), ("【", "】"), ("［", "］"), ("(", ")"), ("（", "）"))
_DOC_NUMBER = compile_regex(
    r"[\u3400-\u9fffA-Za-z0-9·]*[\u3400-\u9fff][\u3400-\u9fffA-Za-z0-9·]*"
    r"(?:" + "|".join(re.escape(o) + r"\s*(\d{4})\s*" + re.escape(c) for o, c in _BRACKETS) + r")"
    r"\s*第?\s*\d+\s*号"
)


def _check_doc_number(value: Any, fields: Mapping[str, Any]) -> list[Problem]:
    if isinstance(value, str) and _DOC_NUMBER.fullmatch(value):
        return []
    return [Problem("bad_doc_number", None, {"value": value})]


# -- places


@lru_cache(maxsize=4)
def _short_index(gazetteer: Gazetteer) -> dict[str, tuple[Division, ...]]:
    """Short names (汕尾, 延边, 新疆) -> divisions, for regions written without their suffix."""
    index: dict[str, list[Division]] = {}
    for d in gazetteer.divisions:
        if d.short != d.name:
            index.setdefault(d.short, []).append(d)
    return {k: tuple(v) for k, v in index.items()}


def _province(value: Any, gazetteer: Gazetteer) -> Division | None:
    if not isinstance(value, str):
        return None
    for d in gazetteer.lookup(value):
        if d.level == "province":
            return d
    return None


def _check_province(value: Any, fields: Mapping[str, Any]) -> list[Problem]:
    gazetteer = default_gazetteer()
    if _province(value, gazetteer) is not None:
        return []
    if isinstance(value, str):
        short = gazetteer.province_of_short(value)
        if short is not None:  # 广东: right place, but the field takes the full name
            return [Problem("unknown_province", None, {"value": value, "suggestion": short.name})]
    return [Problem("unknown_province", None, {"value": value}, ERROR)]


_GOVERNMENT_SUFFIXES = ("人民政府", "政府")
_TOWNSHIP_SUFFIXES = ("镇", "乡", "街道", "街道办事处", "苏木")


def resolve_region(region: str, gazetteer: Gazetteer | None = None) -> tuple[Division, ...] | None:
    """The divisions a ``region`` value may stand for; None when it names no known place.

    Generous: full names (汕尾市), short names (汕尾), names written with their parents
    (广东省汕尾市), a government's name (汕尾市人民政府), development zones anchored on a
    place (汕尾高新区 -> 汕尾's divisions). A zone whose name has a zone suffix but no known
    place in it (仲恺高新区) gives an empty tuple: known to be a zone, place unknown.
    """
    gazetteer = gazetteer or default_gazetteer()
    name = region.strip()
    for suffix in _GOVERNMENT_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            name = name[: -len(suffix)]
            break
    found = gazetteer.lookup(name) or list(_short_index(gazetteer).get(name, ()))
    if found:
        return tuple(found)
    if gazetteer.zone_suffix_at(name, len(name)) is not None:
        zone = gazetteer.zone_name_at(name, len(name))
        if zone is None:
            return ()
        start, suffix = zone
        anchor = name[start : len(name) - len(suffix)]
        for size in range(len(anchor), 1, -1):  # the place the zone's name begins with
            head = anchor[:size]
            places = gazetteer.lookup(head) or list(_short_index(gazetteer).get(head, ()))
            if places:
                return tuple(places)
        return ()
    mentions = gazetteer.find_in(name)
    if mentions and "".join(name[s:e] for s, e, _ in mentions) == name:
        last = mentions[-1][2]  # 广东省汕尾市: the innermost unit, resolved from its parents
        return tuple(gazetteer.lookup(last.name)) if len(mentions) == 1 else (last,)
    return None


def _check_region(value: Any, fields: Mapping[str, Any]) -> list[Problem]:
    if not isinstance(value, str):
        return [Problem("unknown_region", None, {"value": value})]
    gazetteer = default_gazetteer()
    found = resolve_region(value, gazetteer)
    if found is None:
        if fields.get("level") == "township" or value.endswith(_TOWNSHIP_SUFFIXES):
            return []  # the gazetteer stops at county level
        return [Problem("unknown_region", None, {"value": value})]
    province = _province(fields.get("province"), gazetteer)
    if province is None:
        province = gazetteer.province_of_short(str(fields.get("province") or ""))
    if province is None or not found or any(d.province == province.name for d in found):
        return []
    elsewhere = sorted({d.province for d in found})
    return [Problem("region_not_in_province", None, {"value": value, "province": province.name, "found": elsewhere})]


_FIELD_CHECKS = {
    "province": _check_province,
    "region": _check_region,
    "level": _check_level,
    "report_year": _check_year,
    "publish_date": _check_date,
    "doc_number": _check_doc_number,
}
