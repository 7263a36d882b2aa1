#!/usr/bin/env python3
"""Build ``resources/gbk_pinyin.tsv``: the tone-marked readings of the GBK two-byte
characters, one reading a line with every character read so.

Each line: a reading, a tab, and the characters (in GBK byte order) that
``pypinyin.pinyin(char, style=Style.TONE, heteronym=True)[0]`` lists it for; a character
pypinyin has no reading for is listed under itself, as pypinyin returns it. The normaliser
puts back a character a GBK mojibake lost (``深化�(zhí)法``) by looking up the annotation's
reading here and keeping the one character that starts with the surviving byte
(desktop/core/normalise.py, ``_character_from``). pypinyin is needed only here, at build
time, for this: importing it loads its whole phrase dictionary (~180 ms), the table loads
in well under a millisecond.

    .venv/bin/python tools/build_gbk_pinyin.py
"""

from __future__ import annotations

from pathlib import Path

import pypinyin
from pypinyin import Style, pinyin

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "gbk_pinyin.tsv"


def gbk_characters() -> list[str]:
    """Every GBK two-byte character, in byte order: lead 0x81-0xFE, trail 0x40-0xFE."""
    found = []
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            pair = bytes([lead, trail])
            try:
                char = pair.decode("gbk")
            except UnicodeDecodeError:
                continue
            # The lookup finds a character's lead byte by encoding it again: it must be this one.
            assert char.encode("gbk") == pair, f"{pair!r} does not round-trip"
            found.append(char)
    return found


def table_text() -> str:
    """The file's whole text, as this pypinyin reads the characters."""
    by_reading: dict[str, list[str]] = {}
    for char in gbk_characters():
        for reading in dict.fromkeys(pinyin(char, style=Style.TONE, heteronym=True)[0]):
            assert "\t" not in reading and "\n" not in reading, f"{char!r} reads {reading!r}"
            by_reading.setdefault(reading, []).append(char)
    lines = [
        f"# reading\tGBK two-byte characters read so, in GBK order; pypinyin {pypinyin.__version__}, "
        "Style.TONE, heteronym=True; built by tools/build_gbk_pinyin.py"
    ]
    lines += [f"{reading}\t{''.join(chars)}" for reading, chars in sorted(by_reading.items())]
    return "\n".join(lines) + "\n"


def main() -> None:
    text = table_text()
    OUT.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {text.count(chr(10)) - 1} readings to {OUT}")


if __name__ == "__main__":
    main()
