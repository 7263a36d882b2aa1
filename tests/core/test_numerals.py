"""Chinese numerals (desktop.core.numerals) agree with cn2an, the library the metrics used
before, on every well-formed numeral below ten thousand: canonical (an2cn), with 两, without
the 一 of 一十, colloquial (三百五), digit by digit (二〇二二), with decimals."""

from __future__ import annotations

import itertools
import warnings

import pytest

from desktop.core.numerals import chinese_number


def _cn2an(text: str) -> float | None:
    import cn2an

    if text and text[0] in "百千":
        text = "一" + text
    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, IndexError):
        return None


def _well_formed() -> list[str]:
    import cn2an

    forms: set[str] = set()
    for n in range(10_000):
        canonical = cn2an.an2cn(n)
        forms |= {canonical, canonical.replace("二", "两")}
        if canonical.startswith("一十"):
            forms.add(canonical[1:])
    for a, b in itertools.product("一二两三四五六七八九", "一二三四五六七八九"):
        forms |= {f"{a}百{b}", f"{a}千{b}", f"{a}千{b}百{a}"}
    for size in (1, 2, 3, 4):
        forms |= {"".join(t) for t in itertools.product("零〇一二三四五六七八九", repeat=size)}
    decimals = {f"{form}点{fraction}" for form in sorted(forms)[::7] for fraction in ("五", "二五", "〇一", "")}
    return sorted(forms | decimals)


def test_every_well_formed_numeral_reads_as_cn2an_reads_it():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # cn2an's own deprecation notes
        differing = [(text, chinese_number(text), _cn2an(text)) for text in _well_formed()]
    differing = [d for d in differing if d[1] != d[2]]
    assert differing == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("九千九百七十", 9970),
        ("两", 2),
        ("百", 100),
        ("十五", 15),
        ("三百五", 350),
        ("一千零一十", 1010),
        ("二〇二二", 2022),
        ("九十九点二", 99.2),
        ("三点", 3),
    ],
)
def test_examples(text, value):
    assert chinese_number(text) == value


@pytest.mark.parametrize("text", ["", "十百", "三十五百", "点五", "一百零零五", "五十五十", "百五千"])
def test_malformed_runs_are_not_numbers(text):
    assert chinese_number(text) is None
