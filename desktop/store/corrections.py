"""The rules of a metric's value as a reviewer corrects it (no Qt): a typed value parsed
("3-5", "九千九百七十"), the metric read from a selected span, and a metric's or heading's
value read again when its span moves. The window's panels call these; the numerals are
the extractor's (``desktop.core.metrics``)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.core.metrics import Metric

_RANGE = re.compile(r"^\s*(.+?)\s*[–~～至]\s*(.+?)\s*$|^\s*(\d[\d,.]*)\s*-\s*(\d[\d,.]*)\s*$")
# How far around the selection the sentence is read for the label and the indicator.
_CONTEXT = 60


def parse_value(text: str) -> tuple[int | float, int | float | None] | None:
    """ "98.5" -> (98.5, None), "3-5" -> (3, 5), "九千九百七十" -> (9970, None); None when it
    is not a number."""

    from desktop.core.metrics import parse_number  # loaded on first use: the window starts faster

    def one(part: str) -> int | float | None:
        part = part.strip().replace("，", ",")
        try:
            value = parse_number(part)
        except ValueError:
            return None
        if value is None:
            return None
        return int(value) if float(value).is_integer() else round(value, 6)

    match = _RANGE.match(text)
    if match is not None:
        low, high = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        low_value, high_value = one(low), one(high)
        if low_value is not None and high_value is not None:
            return low_value, high_value
    value = one(text)
    return (value, None) if value is not None else None


def metric_from_selection(text: str, start: int, end: int) -> Metric | None:
    """The metric in a selected span of ``text``: the extractor's reading of the sentence
    around it (value, unit, label, indicator), else a plain reading of the number and unit."""
    from desktop.core.metrics import find_metrics  # loaded on first use: the window starts faster

    lo = max(0, start - _CONTEXT)
    hi = min(len(text), end + _CONTEXT // 3)
    found = [m for m in find_metrics(text[lo:hi]) if lo + m.start < end and lo + m.end > start]
    if found:
        metric = found[0]
        metric.start += lo
        metric.end += lo
        return metric
    selected = text[start:end]
    found = [m for m in find_metrics(selected)]
    if found:
        metric = found[0]
        metric.start += start
        metric.end += start
        return metric
    return _plain_reading(selected, start)


def reread_span(item: Mapping[str, Any], text: str, start: int, end: int) -> dict[str, Any] | None:
    """An item's value read again from its moved span: a metric's number, unit and text (None
    when the span holds no number), a heading's title; other items keep their value."""
    data = dict(item.get("data") or {})
    shown = text[start:end]
    if item.get("kind") == "metric":
        metric = _plain_reading(shown, start)
        if metric is None:
            return None
        old_unit = data.get("unit") or ""
        # a unit read from the sentence, not the span, stays; one the span held goes with it
        kept = old_unit if old_unit and old_unit not in str(data.get("text") or "") else ""
        data.update(text=shown, value=metric.value_json(), unit=metric.unit or kept)
        if metric.approx:
            data["approx"] = True
        data.pop("value_to", None)
        return data
    if item.get("kind") == "section":
        number, _level, title = parse_heading(shown.strip())
        data["title"] = title or shown.strip()
        if number is not None:
            data["number"] = number
    return data


_NUMBER = re.compile(
    r"(百分之)?([\d,]+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+(?:点[零〇一二两三四五六七八九]+)?)"
    r"(万亿|千万|百万|万|亿)?(多|余)?"
)


def _plain_reading(selected: str, offset: int) -> Metric | None:
    from desktop.core import metrics  # loaded on first use: the window starts faster

    match = _NUMBER.search(selected)
    if match is None:
        return None
    value = metrics.parse_number(match.group(2))
    if value is None:
        return None
    multiplier = {"万": 1e4, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万亿": 1e12}.get(match.group(3) or "", 1)
    value *= multiplier
    rest = selected[match.end() :]
    unit = "%" if match.group(1) else ""
    if not unit:
        if rest.startswith(("%", "％")):
            unit = "%"
        else:
            unit = next((u for u in metrics.units() if rest.startswith(u)), "")
    end = match.end() + (len(unit) if unit and not match.group(1) else 0)
    return metrics.Metric(
        offset + match.start(), offset + end, selected[match.start() : end], value, unit, bool(match.group(4))
    )


_CN = "零〇一二三四五六七八九十百两"
# (pattern, level): the numbering styles of ANNOTATION_GUIDE.md, tried in this order.
_NUMBERINGS = (
    (re.compile(rf"[(（]\s*([{_CN}]+)\s*[)）]\s*[、.．:：]?"), 2),
    (re.compile(r"[(（]\s*(\d{1,2})\s*[)）]\s*[、.．:：]?"), 4),
    (re.compile(rf"([{_CN}]{{1,3}}是)\s*[,，:：、]?"), 4),
    (re.compile(rf"(?:第([{_CN}]+)[章部分节]\s*[、.．:：]?|([{_CN}]+)\s*[、.．:：])"), 1),
    (re.compile(r"(\d{1,2})\s*(?:[、．]|\.(?!\d))"), 3),
)
_TITLE_END = re.compile(r"[。\n]")
_TRAILING_PUNCTUATION = re.compile(r"[\s,，、:：;；.。!！?？]+$")


def parse_heading(text: str) -> tuple[str | None, int | None, str]:
    """(number, level its numbering stands for, title) of a selected heading:
    "（三）加强监督。其他" -> ("三", 2, "加强监督"); a heading without a number -> (None, None, title)."""
    stripped = text.strip()
    number = level = None
    for pattern, style in _NUMBERINGS:
        match = pattern.match(stripped)
        if match is not None:
            number = next(group for group in match.groups() if group)
            level = style
            stripped = stripped[match.end() :]
            break
    title = _TITLE_END.split(stripped, maxsplit=1)[0]
    return number, level, _TRAILING_PUNCTUATION.sub("", title.strip())
