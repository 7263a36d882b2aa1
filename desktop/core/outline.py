"""Sections (numbered headings and the text under them) and the five statutory parts.

Works on the normalised text; offsets here are normalised offsets (the caller maps them back).
"""
from __future__ import annotations

from dataclasses import dataclass

from .noise import Line
from .normalise import NormalisedText

PART_KEYS = ("achievements", "leader_duty", "shortcomings", "next_year", "other")


@dataclass
class Section:
    level: int  # 1 一、 | 2 （一） | 3 1. / 1、 | 4 一是 / (1)
    number: str | None  # bare numeral: 一, 3, 一是
    title: str
    inferred: bool  # the heading lost its number (paraphrased copies)
    start: int  # heading start
    end: int  # end of the section: the next heading of the same or a higher level
    confidence: float = 1.0


@dataclass
class PartSpan:
    part: str
    start: int
    end: int
    confidence: float = 1.0


def find_sections(norm: NormalisedText, lines: list[Line]) -> list[Section]:
    return []


def find_parts(norm: NormalisedText, lines: list[Line], sections: list[Section]) -> list[PartSpan]:
    return []
