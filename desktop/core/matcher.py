"""Finding any of many words in a text: one Aho-Corasick automaton (pyahocorasick).

Every word list of the extractor (place names, townships, units, chrome and spam phrases,
indicator phrases) is looked up through this one class, so a rule reads as "any of these
words" and the speed comes from the automaton: one pass over the text, whatever the number
of words.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Generic, TypeVar

import ahocorasick

V = TypeVar("V")


class PhraseMatcher(Generic[V]):
    """Words (each with a value) found in a text, as ``(start, end, word, value)``."""

    def __init__(self, words: Mapping[str, V] | Iterable[str]) -> None:
        self._automaton = ahocorasick.Automaton()
        items = words.items() if isinstance(words, Mapping) else ((w, w) for w in words)
        count = 0
        for word, value in items:
            if word:
                self._automaton.add_word(word, (word, value))
                count += 1
        self.size = count
        if count:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return self.size

    def __contains__(self, word: str) -> bool:
        return self.size > 0 and word in self._automaton

    def get(self, word: str, default: V | None = None) -> V | None:
        if not self.size or word not in self._automaton:
            return default
        found: tuple[str, V] = self._automaton.get(word)
        return found[1]

    def iter_all(self, text: str) -> Iterator[tuple[int, int, str, V]]:
        """Every occurrence of every word, overlaps included, by end position."""
        if not self.size:
            return
        for last, (word, value) in self._automaton.iter(text):
            yield last + 1 - len(word), last + 1, word, value

    def find_all(self, text: str) -> list[tuple[int, int, str, V]]:
        """Occurrences left to right, the longest where several start at the same place,
        never overlapping (a word inside a longer found word is not reported)."""
        hits = sorted(self.iter_all(text), key=lambda h: (h[0], -h[1]))
        out: list[tuple[int, int, str, V]] = []
        end = 0
        for hit in hits:
            if hit[0] >= end:
                out.append(hit)
                end = hit[1]
        return out

    def longest_at(self, text: str, start: int) -> tuple[str, V] | None:
        """The longest word that begins at ``start`` (a prefix walk of the automaton's trie)."""
        if not self.size:
            return None
        best = None
        for end in range(start + 1, len(text) + 1):
            piece = text[start:end]
            if not self._automaton.match(piece):  # no word begins with this piece
                break
            if piece in self._automaton:
                best = self._automaton.get(piece)
        return best
