#!/usr/bin/env python3
"""Build ``resources/metrics/label_words.marisa``: the words a metric's label may be cut
between, as a memory-mapped trie that loads in microseconds.

The words are jieba's dictionary (``jieba.get_dict_file()``, every word with a frequency
above zero) and the field's terms (``resources/metrics/field_terms.txt``). jieba is needed
only here, at build time: the extractor reads the trie (``marisa-trie``) and never builds
a dictionary at run time.

    .venv/bin/python tools/build_label_words.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import jieba
import marisa_trie

ROOT = Path(__file__).resolve().parents[1]
TERMS = ROOT / "resources" / "metrics" / "field_terms.txt"
OUT = ROOT / "resources" / "metrics" / "label_words.marisa"


def words() -> set[str]:
    found: set[str] = set()
    with jieba.get_dict_file() as dictionary:
        for raw in dictionary:
            word, freq, *_ = raw.decode("utf-8").split(" ")
            if int(freq) > 0:
                found.add(word)
    for line in TERMS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            found.add(line.split()[0])
    return found


def main() -> int:
    trie = marisa_trie.Trie(words())
    trie.save(str(OUT))
    print(f"{len(trie)} words, {OUT.stat().st_size:,} bytes: {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
