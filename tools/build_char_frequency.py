"""Build resources/char_frequency.tsv from jieba's dictionary (word frequencies).

Each line: a character and the natural log of its relative frequency, summed over the
words of jieba's dict.txt that contain it. The normaliser uses it to tell a line garbled
by a GBK one-byte shift (rare characters in a row) from ordinary text.

    .venv/bin/python tools/build_char_frequency.py
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import jieba

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "char_frequency.tsv"
KEEP = 8000  # characters kept; the rest count as rare


def main() -> None:
    dict_path = Path(jieba.__file__).parent / "dict.txt"
    counts: Counter[str] = Counter()
    for line in dict_path.read_text(encoding="utf-8").splitlines():
        word, freq, *_ = line.split(" ")
        for char in word:
            counts[char] += int(freq)
    # Traditional sources are scored after t2s, so only simplified forms are needed.
    total = sum(counts.values())
    rows = counts.most_common(KEEP)
    with OUT.open("w", encoding="utf-8") as out:
        out.write(f"# char\tln(relative frequency); from jieba {jieba.__version__} dict.txt, top {KEEP}\n")
        for char, count in rows:
            out.write(f"{char}\t{math.log(count / total):.2f}\n")
    print(f"wrote {len(rows)} characters to {OUT}")


if __name__ == "__main__":
    main()
