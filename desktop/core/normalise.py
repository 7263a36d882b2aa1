"""Normalisation of a report's text as a view over the original, with offsets kept.

Steps, in order, each a list of edits on the output of the one before:

1. GBK one-byte-shift mojibake: a line whose bytes were decoded one byte off reads as rare
   characters (``。ㄈ┨嵩隽⒎``); re-encoding it as GBK and dropping the first byte recovers
   the text. A repair is kept only when it reads much more like Chinese than the original.
2. Pinyin annotations inserted after characters (``領(lǐng)導(dǎo)``) are removed.
3. NFKC (full-width ASCII becomes half-width, ``\u3000`` a space, circled numbers digits).
4. OpenCC t2s: traditional characters become simplified.

The result is a :class:`NormalisedText` whose ``text`` is what the extractor reads and whose
``map`` turns any span of it back into exact offsets of the original.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import Any

import opencc

from .offsets import Edit, OffsetMap, apply_edits_text, edit_segments
from .regex_cache import compile_regex
from .resources import resources_dir


@dataclass(frozen=True)
class Flag:
    """A span of the original text a reviewer should look at (EXTRACTION_CONTRACT.md)."""

    kind: str  # mojibake | pinyin | boilerplate | spam | low_confidence
    start: int
    end: int
    repair: str | None = None
    field: str | None = None
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "start": self.start, "end": self.end}
        if self.repair is not None:
            out["repair"] = self.repair
        if self.field is not None:
            out["field"] = self.field
        if self.note is not None:
            out["note"] = self.note
        return out


@dataclass
class NormalisedText:
    original: str
    text: str
    map: OffsetMap
    flags: list[Flag] = field(default_factory=list)
    traditional_chars: int = 0  # characters t2s changed (among the first 4,000)
    cjk_chars: int = 0  # Chinese characters (among the first 4,000)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.map.to_original(start, end)

    def to_normalised(self, start: int, end: int) -> tuple[int, int]:
        return self.map.to_view(start, end)

    @property
    def script(self) -> str:
        """``traditional`` when a real share of the Chinese characters needed t2s."""
        if not self.cjk_chars:
            return "simplified"
        return "traditional" if self.traditional_chars / self.cjk_chars >= 0.03 else "simplified"


# ---------------------------------------------------------------- character statistics

RARE_LOG_FREQ = -18.0
# Punctuation that ordinary Chinese text is full of: it says nothing about garbling.
_NEUTRAL = set("，。、；：？！“”‘’（）《》〈〉【】—…·「」『』〔〕-,.;:?!()[]\"' \t\u3000")


@lru_cache(maxsize=1)
def char_log_frequency() -> dict[str, float]:
    """Character -> ln(relative frequency), from resources/char_frequency.tsv, in the file's
    order: the most frequent first (tools/build_char_frequency.py writes it so)."""
    text = (resources_dir() / "char_frequency.tsv").read_bytes().decode("utf-8")
    # After the header comment: char, tab, value, newline. One split; the final newline's
    # empty field is left over in ``chars`` with no value, and zip drops it.
    fields = text[text.index("\n") + 1 :].replace("\n", "\t").split("\t")
    chars, values = fields[0::2], fields[1::2]
    number = {value: float(value) for value in set(values)}  # ~900 distinct values among 8,000 lines
    return dict(zip(chars, map(number.__getitem__, values)))


def readability(text: str) -> float:
    """Mean log frequency of the non-ASCII, non-punctuation characters (higher reads better)."""
    table = char_log_frequency()
    values = [table.get(c, RARE_LOG_FREQ) for c in _t2s(text) if not c.isascii() and c not in _NEUTRAL]
    return sum(values) / len(values) if values else 0.0


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _t2s(text: str) -> str:
    converted: str = _converter().convert(text)
    return converted


# ---------------------------------------------------------------- 1. mojibake

_GARBLED_THRESHOLD = -11.5  # mean log frequency of a window that reads as garbage
_REPAIR_GAIN = 3.0  # a repair must read this much better to be kept
_WINDOW = 4
_LINE = compile_regex(r"[^\n]+")


_COMMON_CHARS = 4000  # the most frequent characters; garbling is made of the others


@lru_cache(maxsize=1)
def _rare_char() -> re.Pattern[str]:
    # The table keeps the file's order, most frequent first: the common set is its head.
    common = islice(char_log_frequency(), _COMMON_CHARS)
    # re.escape works character by character: escaping the joined string escapes each one.
    allowed = re.escape("".join(sorted(set(common) | _NEUTRAL)))
    return compile_regex(r"[^\x00-\x7f" + allowed + "]")


def _suspect_lines(text: str, simplified: str) -> dict[int, list[int]]:
    """Lines holding three rare characters within eight: line start -> where in the line
    such clusters begin. Only these are worth scoring.

    Scans the t2s view of the text (same length as the text, else every line is a suspect),
    so that traditional characters do not count as rare.
    """
    if len(simplified) != len(text):
        simplified = text
    hits = [m.start() for m in _rare_char().finditer(simplified)]
    lines: dict[int, list[int]] = {}
    for a, b in zip(hits, hits[2:]):
        if b - a < 8:
            line_start = text.rfind("\n", 0, a) + 1
            lines.setdefault(line_start, []).append(a - line_start)
    return lines


_SCAN_MARGIN = 16  # characters scored around a cluster of rare characters


def _first_garbled_window(line: str, clusters: list[int] | None = None) -> int | None:
    table = char_log_frequency()
    for cluster in clusters if clusters is not None else [0]:
        lo = max(0, cluster - _WINDOW) if clusters is not None else 0
        hi = min(len(line), cluster + _SCAN_MARGIN) if clusters is not None else len(line)
        segment = line[lo:hi]
        simplified = _converter().convert(segment)
        if len(simplified) != len(segment):
            continue
        scores = [None if (c.isascii() or c in _NEUTRAL) else table.get(c, RARE_LOG_FREQ) for c in simplified]
        for i in range(len(segment) - _WINDOW + 1):
            window = [s for s in scores[i : i + _WINDOW] if s is not None]
            if len(window) >= 3 and sum(window) / len(window) < _GARBLED_THRESHOLD:
                return lo + i
    return None


def _repair_line(line: str, clusters: list[int] | None = None) -> tuple[int, str, str] | None:
    """Find a one-byte-shift garbled run in ``line``; return (start, garbled, repaired)."""
    at = _first_garbled_window(line, clusters)
    if at is None:
        return None
    # The run starts at the previous ASCII character or line start: a shift begins there.
    start = at
    while start > 0 and not line[start - 1].isascii():
        start -= 1
    tail = line[start:]
    lost = tail.find("\ufffd")
    if lost >= 0:
        # The scraper's decoder met an invalid pair there, dropped a byte and fell back in
        # step: the run before it is shifted, the text after it is clean, and the character
        # whose byte was dropped is lost (shown as U+FFFD).
        garbled = tail[: lost + 1]
        try:
            raw = tail[:lost].encode("gbk")
        except UnicodeEncodeError:
            return None
        fixed, leads = _decode_shifted(raw[1:])
        if not fixed.endswith("\ufffd"):
            fixed += "\ufffd"
            leads.append(None)
        fixed = _restore_lost(fixed + tail[lost + 1 :], leads)[: len(fixed)]
    else:
        try:
            raw = tail.encode("gbk")
        except UnicodeEncodeError:
            return None
        repaired = _restore_lost(*_decode_shifted(raw[1:]))
        # The shifted decoder falls back in step at an ASCII byte; keep only what differs.
        common = _common_suffix(tail, repaired)
        garbled, fixed = tail[: len(tail) - common], repaired[: len(repaired) - common]
    if not garbled or readability(fixed) - readability(garbled) < _REPAIR_GAIN:
        return None
    return start, garbled, fixed


def _decode_shifted(data: bytes) -> tuple[str, list[int | None]]:
    """``data`` decoded as GBK with U+FFFD for each byte that starts no character, and those
    bytes in order: each is the first byte of a character whose second byte was lost."""
    parts: list[str] = []
    leads: list[int | None] = []
    at = 0
    while at < len(data):
        try:
            parts.append(data[at:].decode("gbk"))
            break
        except UnicodeDecodeError as error:
            parts.append(data[at : at + error.start].decode("gbk"))
            leads.append(data[at + error.start])
            parts.append("\ufffd")
            at += error.start + 1
    return "".join(parts), leads


def _restore_lost(text: str, leads: list[int | None]) -> str:
    """Each U+FFFD followed by a pinyin annotation, as the character the annotation reads
    that starts with the surviving byte (深化�(zhí)法 -> 深化執(zhí)法), where only one does."""
    out = []
    last = 0
    for index, match in enumerate(re.finditer("\ufffd", text)):
        lead = leads[index] if index < len(leads) else None
        annotation = _PINYIN_AFTER.match(text, match.end())
        restored = _character_from(lead, annotation.group(1)) if lead is not None and annotation else None
        out.append(text[last : match.start()] + (restored or "\ufffd"))
        last = match.end()
    return "".join(out) + text[last:]


_PINYIN_AFTER = compile_regex(r"\(([a-zü" + "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ" + r"]{1,7})\)")


@lru_cache(maxsize=1)
def _gbk_readings() -> dict[str, str]:
    """Reading (tone-marked, as pypinyin gives it) -> the GBK two-byte characters read so,
    from resources/gbk_pinyin.tsv (built from pypinyin by tools/build_gbk_pinyin.py)."""
    table: dict[str, str] = {}
    text = (resources_dir() / "gbk_pinyin.tsv").read_text(encoding="utf-8")
    for row in text.split("\n")[1:]:  # after the header comment; split, not splitlines: only \n ends a row
        if row:
            reading, _, chars = row.partition("\t")
            table[reading] = chars
    return table


@lru_cache(maxsize=512)
def _character_from(lead_byte: int, syllable: str) -> str | None:
    """The one GBK character that starts with ``lead_byte`` and is read ``syllable`` (with
    its tone mark), or None when none or several are."""
    if not 0x81 <= lead_byte <= 0xFE:
        return None
    found = [char for char in _gbk_readings().get(syllable, "") if char.encode("gbk")[0] == lead_byte]
    return found[0] if len(found) == 1 else None


def _common_suffix(a: str, b: str) -> int:
    """Length of the longest common suffix (a binary search over slice comparisons)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def mojibake_edits(text: str, simplified: str | None = None) -> tuple[list[Edit], list[Flag]]:
    """Repairs of one-byte-shift lines; ``simplified`` is ``text`` through t2s, if known."""
    edits: list[Edit] = []
    flags: list[Flag] = []
    suspects = _suspect_lines(text, simplified if simplified is not None else _t2s(text))
    for line_start in sorted(suspects):  # only the suspect lines, not every line
        line_end = text.find("\n", line_start)
        if line_end < 0:
            line_end = len(text)
        line = text[line_start:line_end]
        found = _repair_line(line, suspects[line_start])
        if found is None:
            continue
        start, garbled, fixed = found
        begin = line_start + start
        edits.append((begin, begin + len(garbled), fixed))
        repaired_line = line[:start] + fixed + line[start + len(garbled) :]
        flags.append(Flag("mojibake", line_start, line_end, repair=repaired_line))
    return edits, flags


# ---------------------------------------------------------------- 2. pinyin

_TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# Starts with the literal "(" so the engine can skip ahead; the look-behind that the
# character before it is a Chinese one comes after it, so it is tried at brackets only.
_PINYIN = compile_regex(
    r"\((?<=[\u3400-\u9fff\ufffd]\()(?=[a-zü]*[" + _TONE_VOWELS + r"])[a-zü" + _TONE_VOWELS + r"]{1,7}\)"
)
_PINYIN_FLAG_GAP = 12  # annotations closer than this are one flag


def pinyin_edits(text: str) -> list[Edit]:
    return [(start, end, "") for start, end in map(re.Match.span, _PINYIN.finditer(text))]


def _merge_spans(spans: list[tuple[int, int]], gap: int) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start - merged[-1][1] <= gap:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# ---------------------------------------------------------------- 3. NFKC and 4. t2s


_NFKC: dict[str, str] = {}  # character -> its NFKC form, for the characters met so far


def nfkc_changes(text: str) -> dict[str, str]:
    """The characters of ``text`` that NFKC changes, and what they become.

    Each distinct character is normalised once per process (a report has a few thousand); a
    pattern of every character NFKC changes took longer to build than most reports take."""
    if unicodedata.is_normalized("NFKC", text):
        return {}
    changes = {}
    for char in set(text):
        normal = _NFKC.get(char)
        if normal is None:
            normal = _NFKC[char] = unicodedata.normalize("NFKC", char)
        if normal != char:
            changes[char] = normal
    return changes


def nfkc_edits(text: str, changes: dict[str, str] | None = None) -> list[Edit]:
    changes = nfkc_changes(text) if changes is None else changes
    if not changes:
        return []
    # this text's own characters: not worth keeping for the next run (desktop/core/regex_cache.py)
    pattern = re.compile("[" + "".join(re.escape(c) for c in changes) + "]")
    return [(m.start(), m.end(), changes[m.group()]) for m in pattern.finditer(text)]


def t2s_edits(text: str) -> list[Edit]:
    converted = _t2s(text)
    if converted == text:
        return []
    if len(converted) == len(text):
        return [(i, i + 1, b) for i, (a, b) in enumerate(zip(text, converted)) if a != b]
    # A phrase conversion changed a length somewhere: fall back to lines, then characters.
    edits: list[Edit] = []
    for match in _LINE.finditer(text):
        line = match.group()
        new = _t2s(line)
        if new == line:
            continue
        base = match.start()
        if len(new) == len(line):
            edits.extend((base + i, base + i + 1, b) for i, (a, b) in enumerate(zip(line, new)) if a != b)
        else:
            for i, char in enumerate(line):
                simple = _t2s(char)
                if simple != char:
                    edits.append((base + i, base + i + 1, simple))
    return edits


_CJK = compile_regex(r"[\u3400-\u9fff]")
# The script is judged on the first characters: a report does not change script midway,
# and counting a whole long text character by character costs more than the rest of t2s.
_SCRIPT_SAMPLE = 4000


_CJK_RUN = compile_regex(r"[\u3400-\u9fff]+")


def _cjk_count(text: str) -> int:
    return sum(map(len, _CJK_RUN.findall(text)))  # runs, not characters: fewer objects


def _count_differences(a: str, b: str) -> int:
    """Positions where two strings of equal length differ. As UTF-16 words XORed as one
    integer: equal characters leave zero words, counted in C (a character loop is slow).
    UTF-32 when a character needs two UTF-16 units (UTF-16 halves the integer work)."""
    raw_a, raw_b = a.encode("utf-16-le"), b.encode("utf-16-le")
    width, typecode = 2, "H"
    if len(raw_a) != 2 * len(a) or len(raw_b) != 2 * len(b):
        raw_a, raw_b = a.encode("utf-32-le"), b.encode("utf-32-le")
        width, typecode = 4, "I"
    if len(raw_a) != len(raw_b) or array(typecode).itemsize != width:
        return sum(map(str.__ne__, a, b))
    xor = int.from_bytes(raw_a, "little") ^ int.from_bytes(raw_b, "little")
    return len(a) - array(typecode, xor.to_bytes(len(raw_a), "little")).count(0)


def normalise(original: str) -> NormalisedText:
    """Normalise ``original`` (the text as read) into the view the extractor works on."""
    flags: list[Flag] = []
    offset_map = OffsetMap.identity(len(original))
    text = original

    def step(edits: list[Edit]) -> None:
        nonlocal text, offset_map
        if not edits:
            return
        if all(len(r) == e - s for s, e, r in edits):
            # Same-length replacements (most of t2s and NFKC) keep every offset: only the
            # characters change, the map stays as it is.
            chars = list(text)
            for s, e, r in edits:
                chars[s:e] = r
            text = "".join(chars)
            return
        offset_map = offset_map.then_segments(edit_segments(len(text), edits))
        text = apply_edits_text(text, edits)

    simplified_original = _t2s(original)
    edits, mojibake_flags = mojibake_edits(text, simplified_original)
    flags.extend(mojibake_flags)
    step(edits)

    edits = pinyin_edits(text)
    pinyin_spans = offset_map.spans_to_original([(s, e) for s, e, _ in edits])
    flags.extend(Flag("pinyin", s, e) for s, e in _merge_spans(pinyin_spans, _PINYIN_FLAG_GAP))
    step(edits)

    unchanged_so_far = text is original
    changes = nfkc_changes(text)
    if changes and all(len(v) == 1 for v in changes.values()):
        # Character for character (full-width forms): a translation, offsets unchanged.
        # (A regex with a callback on the few matches beats str.translate on CJK text.)
        pattern = re.compile("[" + "".join(re.escape(c) for c in changes) + "]")  # as in nfkc_edits
        text = pattern.sub(lambda m: changes[m.group()], text)
        simplified_original = pattern.sub(lambda m: changes[m.group()], simplified_original)
    else:
        step(nfkc_edits(text, changes))
        unchanged_so_far = unchanged_so_far and not changes

    # The t2s of the original serves again when only same-length steps came before.
    simplified = simplified_original if unchanged_so_far else _t2s(text)
    if simplified == text:
        traditional = 0
    elif len(simplified) == len(text):
        # The usual case: character for character, so the offsets stay as they are.
        traditional = _count_differences(text[:_SCRIPT_SAMPLE], simplified[:_SCRIPT_SAMPLE])
        text = simplified
    else:
        edits = t2s_edits(text)
        traditional = sum(1 for start, _, _ in edits if start < _SCRIPT_SAMPLE)
        step(edits)

    flags.sort(key=lambda f: (f.start, f.end))
    return NormalisedText(
        original=original,
        text=text,
        map=offset_map,
        flags=flags,
        traditional_chars=traditional,
        # Only a text with converted characters needs the count that weighs them.
        cjk_chars=_cjk_count(text[:_SCRIPT_SAMPLE]) if traditional else 0,
    )
