"""What the checks found, in words: one message per :class:`~desktop.core.checks.Problem`.

The checks (desktop/core/checks.py) give a stable code and the params a message needs; the
words live here, translated under the context "Problems" (English source strings)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.core.checks import Problem
from desktop.ui.marks import part_name

_PLACEHOLDER = re.compile(r"%(\d)")


def _fill(text: str, *args: Any) -> str:
    """Qt-style "%1 … %2" placeholders, filled in one pass (a value that contains "%2" stays
    as it is)."""

    def value(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return str(args[index]) if 0 <= index < len(args) else match.group(0)

    return _PLACEHOLDER.sub(value, text)


def _number(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if float(value).is_integer():
        return str(int(value))
    return str(round(value, 6))


def problem_message(problem: Problem) -> str:
    """One line for the reviewer: "Rate over 100%: 104.5%"."""
    p = problem.params or {}
    code = problem.code
    if code == "low_confidence":
        confidence = p.get("confidence")
        if isinstance(confidence, int | float):
            return _fill(
                QCoreApplication.translate("Problems", "Low confidence: %1%"), _number(round(confidence * 100))
            )
        return QCoreApplication.translate("Problems", "Low confidence")
    if code == "rate_over_100":
        return _fill(QCoreApplication.translate("Problems", "Rate over 100%: %1%"), _number(p.get("value")))
    if code == "subset_exceeds_total":
        unit = p.get("unit") or ""
        return _fill(
            QCoreApplication.translate("Problems", "Part larger than its total: %1 of %2"),
            _number(p.get("value")) + unit,
            _number(p.get("total")) + unit,
        )
    if code == "part_missing":
        return _fill(QCoreApplication.translate("Problems", "Part missing: %1"), part_name(str(p.get("part"))))
    if code == "date_out_of_range":
        return _fill(
            QCoreApplication.translate("Problems", "Date %1 does not fit report year %2"), p.get("date"), p.get("year")
        )
    if code == "unknown_province":
        if p.get("suggestion"):
            return _fill(
                QCoreApplication.translate("Problems", "Not a province's full name: %1 (%2?)"),
                p.get("value"),
                p.get("suggestion"),
            )
        return _fill(QCoreApplication.translate("Problems", "Unknown province: %1"), p.get("value"))
    if code == "unknown_region":
        return _fill(QCoreApplication.translate("Problems", "Unknown region: %1"), p.get("value"))
    if code == "region_not_in_province":
        found = "、".join(p.get("found") or [])
        return _fill(
            QCoreApplication.translate("Problems", "%1 is not in %2 (found in %3)"),
            p.get("value"),
            p.get("province"),
            found,
        )
    if code == "bad_date":
        return _fill(QCoreApplication.translate("Problems", "Not a date (YYYY-MM-DD): %1"), p.get("value"))
    if code == "bad_year":
        return _fill(QCoreApplication.translate("Problems", "Not a year: %1"), p.get("value"))
    if code == "bad_doc_number":
        return _fill(QCoreApplication.translate("Problems", "Unusual document number: %1"), p.get("value"))
    if code == "unknown_level":
        return _fill(QCoreApplication.translate("Problems", "Unknown level: %1"), p.get("value"))
    return _fill(QCoreApplication.translate("Problems", "Check failed: %1"), code)


def problems_by_item(problems: Iterable[Problem]) -> dict[int | None, list[Problem]]:
    """The problems grouped by the item they are about (None: the report as a whole), each
    group in the order the checks gave."""
    out: dict[int | None, list[Problem]] = {}
    for problem in problems:
        out.setdefault(problem.item_id, []).append(problem)
    return out
