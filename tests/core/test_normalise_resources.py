"""The normaliser's prebuilt tables: resources/gbk_pinyin.tsv (the readings that put back a
character lost to mojibake) and resources/char_frequency.tsv (which characters are common)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from desktop.core.normalise import _NEUTRAL, _character_from, _gbk_readings, _rare_char, char_log_frequency
from desktop.core.resources import resources_dir

ROOT = Path(__file__).resolve().parents[2]


def _tool(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]  # the file exists: spec is set
    spec.loader.exec_module(module)  # type: ignore[union-attr]  # a source file's spec has a loader
    return module


def test_the_shipped_readings_are_what_the_build_tool_makes_from_pypinyin():
    # A pypinyin upgrade that reads a character differently fails here: rebuild the table
    # (.venv/bin/python tools/build_gbk_pinyin.py) and review its diff.
    pytest.importorskip("pypinyin")
    shipped = (resources_dir() / "gbk_pinyin.tsv").read_text(encoding="utf-8")
    assert shipped == _tool("build_gbk_pinyin").table_text()


def _character_from_pypinyin(lead_byte: int, syllable: str) -> str | None:
    # what _character_from did before the table: pypinyin at run time, every trail byte
    from pypinyin import Style, pinyin

    found = []
    for trail in range(0x40, 0xFF):
        try:
            char = bytes([lead_byte, trail]).decode("gbk")
        except UnicodeDecodeError:
            continue
        if syllable in pinyin(char, style=Style.TONE, heteronym=True)[0]:
            found.append(char)
    return found[0] if len(found) == 1 else None


@pytest.mark.parametrize("lead", [0x88, 0xB6, 0xD6, 0xA8, 0xA1, 0xFE])
def test_a_lost_character_is_looked_up_as_pypinyin_would_find_it(lead):
    pytest.importorskip("pypinyin")
    readings = _gbk_readings()
    # every reading of a character with this lead byte (one, several or, for others, none)
    syllables = sorted({r for r, chars in readings.items() if any(c.encode("gbk")[0] == lead for c in chars)})
    syllables += ["zhí", "dǎo", "lǐng", "ā", "nonsense"]
    for syllable in syllables:
        assert _character_from.__wrapped__(lead, syllable) == _character_from_pypinyin(lead, syllable), syllable


def test_the_lookup_finds_the_one_character_or_none():
    assert _character_from(0x88, "zhí") == "執"
    assert _character_from(0xD6, "zhí") is None  # 直, 植, 殖, 执, 值, 侄, 职 all start with 0xD6
    assert _character_from(0x88, "nonsense") is None
    assert _character_from(0x41, "zhí") is None  # not a GBK lead byte


def test_the_character_frequencies_are_in_descending_order_so_the_common_set_is_the_head():
    # _rare_char takes the first 4,000 characters of the file as the common ones, without
    # sorting: tools/build_char_frequency.py writes them most frequent first.
    table = char_log_frequency()
    values = list(table.values())
    assert len(table) == 8000 and all(a >= b for a, b in zip(values, values[1:]))
    lines = (resources_dir() / "char_frequency.tsv").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line.startswith("#")] == lines[:1]
    assert table == {char: float(value) for char, value in (line.split("\t") for line in lines[1:])}
    # the pattern is the one a full sort by frequency gave
    common = sorted(table, key=lambda char: table[char], reverse=True)[:4000]
    allowed = "".join(re.escape(c) for c in sorted(set(common) | _NEUTRAL))
    assert _rare_char().pattern == r"[^\x00-\x7f" + allowed + "]"
