"""Chinese numerals as numbers: 九千九百七十 -> 9970, 两 -> 2, 十五 -> 15, 三百五 -> 350,
一千零一十 -> 1010, 二〇二二 -> 2022, 九十九点二 -> 99.2. No Qt here.

The metrics' numbers below ten thousand (万 and 亿 are multiplied out by the metric rules).
cn2an did this before, but importing it compiled its validation patterns and a city-name
pattern of its ``proces`` dependency: a third of a second of every command's start, for a
grammar of a dozen lines. ``tests/core/test_numerals.py`` holds this to cn2an's answers on
every well-formed numeral below ten thousand (cn2an stays a test dependency for that); a
malformed run of numerals (十百, 三十五百) is None here, as it mostly is there.
"""

from __future__ import annotations

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
_ABOVE_ALL = 10_000


def _integer(text: str) -> int | None:
    if not text:
        return None
    if all(c in DIGITS for c in text):  # read digit by digit: 二〇二二
        return int("".join(str(DIGITS[c]) for c in text))
    total = 0
    digit: int | None = None  # the digit waiting for its unit
    last_unit = _ABOVE_ALL  # units go down: 千 before 百 before 十
    skipped = False  # a 零 since the last unit: a place is skipped (一百零五, 一千零一十)
    for i, c in enumerate(text):
        if c in UNITS:
            unit = UNITS[c]
            if unit >= last_unit:
                return None
            if digit is None:
                if i != 0:  # 十 may open a number (十五); elsewhere a unit needs its digit
                    return None
                digit = 1
            total += digit * unit
            digit, last_unit, skipped = None, unit, False
        elif c not in DIGITS:
            return None
        elif DIGITS[c] == 0:
            if digit is not None or last_unit == _ABOVE_ALL or skipped:
                return None
            skipped = True
        else:
            if digit is not None:
                return None
            digit = DIGITS[c]
    if digit is not None:
        # a last digit without its unit: ones after a 零 (一百零五), else one place below the
        # last unit (三百五 = 350, 一千一 = 1100)
        total += digit * (1 if skipped else last_unit // 10)
    return total


def chinese_number(text: str) -> float | None:
    """The value of a run of Chinese numerals with an optional 点 and decimals, or None."""
    if text and text[0] in "百千":  # 百 alone is a hundred
        text = "一" + text
    whole, point, fraction = text.partition("点")
    value = _integer(whole)
    if value is None:
        return None
    if not point:
        return float(value)
    if not all(c in DIGITS for c in fraction):
        return None
    return float(f"{value}.{''.join(str(DIGITS[c]) for c in fraction) or '0'}")
