"""Regular expressions for "any of these words", built as a trie.

``"|".join(words)`` makes the regex engine try every word in turn at each place it looks
(Python's engine checks only the first character of each alternative before trying it).
A trie shares prefixes and branches on one character class at each step, so a place that
starts no word fails after one test, and one that does walks a single path.
"""
from __future__ import annotations

import re
from collections.abc import Iterable


def word_alternation(words: Iterable[str]) -> str:
    """A regex (no capturing groups) matching any of ``words``, the longest first where
    several match at the same place, like ``"|".join`` of the words sorted longest first."""
    trie: dict = {}
    for word in set(words):
        if not word:
            continue
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _node_pattern(trie) if trie else "(?!)"


def _node_pattern(node: dict) -> str:
    """The regex for the words below ``node`` (not counting a word that ends at it)."""
    singles = []  # characters that end a word and start no longer one
    branches = []
    for char in sorted(c for c in node if c):
        child = node[char]
        if set(child) == {""}:
            singles.append(char)
            continue
        rest = _node_pattern(child)
        if "" in child:  # a word ends at char, longer ones go on: greedy, so longest first
            rest = f"(?:{rest})?"
        branches.append(re.escape(char) + rest)
    if singles:
        branches.append(re.escape(singles[0]) if len(singles) == 1
                        else "[" + "".join(re.escape(c) for c in singles) + "]")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"

