"""Dates and years as reports write them: 2021-02-26, 2021年2月26日, 二〇二一年一月三十一日."""

from __future__ import annotations

import datetime as dt
import re

from .regex_cache import compile_regex

_DIGIT = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_DIGITS = "〇零○一二三四五六七八九"


def chinese_year(text: str) -> int | None:
    """二零二二 -> 2022 (digit by digit, as years are written)."""
    if len(text) != 4 or any(c not in _DIGIT for c in text):
        return None
    return int("".join(str(_DIGIT[c]) for c in text))


def chinese_small_number(text: str) -> int | None:
    """Month and day numbers: 一 .. 三十一."""
    if text.isdigit():
        return int(text)
    if not text or any(c not in _DIGIT and c != "十" for c in text):
        return None
    if "十" not in text:
        return _DIGIT[text] if len(text) == 1 else None
    tens, _, units = text.partition("十")
    value = (_DIGIT[tens] if tens else 1) * 10 + (_DIGIT[units] if units else 0)
    return value if len(tens) <= 1 and len(units) <= 1 else None


_YEAR = r"(\d{4}|[" + CN_DIGITS + r"]{4})"
_SMALL = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
DATE = compile_regex(
    r"(?<!\d)" + _YEAR + r"\s*(?:年\s*" + _SMALL + r"\s*月\s*" + _SMALL + r"\s*日"
    r"|[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?!\d))"
)


def parse_date(match: re.Match[str]) -> dt.date | None:
    """The date a :data:`DATE` match stands for, or None when it is not a real date."""
    year_text = match.group(1)
    year = int(year_text) if year_text.isdigit() else chinese_year(year_text)
    if match.group(2) is not None:
        month, day = chinese_small_number(match.group(2)), chinese_small_number(match.group(3))
    else:
        month, day = int(match.group(4)), int(match.group(5))
    if year is None or month is None or day is None or not 1990 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[int, int, dt.date]]:
    out = []
    for match in DATE.finditer(text):
        date = parse_date(match)
        if date is not None:
            out.append((match.start(), match.end(), date))
    return out


YEAR = compile_regex(r"(?<![\d" + CN_DIGITS + r"])" + _YEAR + r"\s*年")


def parse_year(text: str) -> int | None:
    year = int(text) if text.isdigit() else chinese_year(text)
    return year if year is not None and 1990 <= year <= 2100 else None
