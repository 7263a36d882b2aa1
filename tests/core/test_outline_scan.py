"""The fast scans of outline_rules give what the plain patterns give."""

from __future__ import annotations

import random

from desktop.core import outline_rules as rules


def _runin_reference(text: str, start: int) -> list[tuple[int, int]]:
    """Every `一是` / `(1)` match of the pattern that opens a sentence (the definition)."""
    return [m.span() for m in rules._RUNIN_CORE.finditer(text, start) if rules._opens_sentence(text, m.start())]


def test_run_in_items_found_from_their_anchors_are_those_of_a_full_scan():
    alphabet = "一二三十是是()12 \u3000\t。:;!?\n,好a"
    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        start = rng.randint(0, len(text) + 1)
        found = [m.span() for m in rules.runin_matches(text, start)]
        assert found == _runin_reference(text, start), (text, start)


def test_enumerations_inside_a_title():
    assert rules.has_enum_inside("加强队伍建设,二是完善制度")
    assert not rules.has_enum_inside("加强队伍建设")
    assert not rules.has_enum_inside("这是一个标题")
