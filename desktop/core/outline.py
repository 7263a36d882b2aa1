"""Sections (numbered headings and the text under them) and the five statutory parts.

Works on the normalised text; offsets here are normalised offsets (the caller maps them back).

Sections (ANNOTATION_GUIDE.md, "Sections"):

* numbered headings at a line start: ``一、`` (1), ``(一)`` (2), ``1.``/``1、`` (3), ``(1)`` (4);
* run-in ``一是``/``二是`` items (4), only when the item opens with a short title-like phrase
  closed by 。 and goes on with more sentences (lists, comma-led sentences and one-sentence
  items are prose);
* headings garbled by mojibake: the repaired line keeps ``inferred: false``; a destroyed
  number is taken from the sequence of its siblings;
* headings that lost their number in paraphrased copies (``inferred: true``): a top-level
  heading line where the numbered top-level headings leave a gap for it; paragraphs of a
  block whose numbered (N) paragraphs sit exactly where one paragraph per item puts them; the
  lost ``一是`` of an item list that starts at ``二是``.

Parts follow the headings (a top-level heading names its part, a sub-heading may switch
between achievements and leader duty or move forward); where no heading opens a part, the
sentence that opens it does (``…取得一定成效,但也存在一些不足`` / ``下一步,``). Text before the
first part belongs to the first part; the signature block and trailing page chrome are other.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import attrgetter, itemgetter

from . import outline_rules as rules
from .noise import Line, is_chrome_line
from .normalise import NormalisedText

PART_KEYS = ("achievements", "leader_duty", "shortcomings", "next_year", "other")


@dataclass(slots=True)
class Section:
    level: int  # 1 一、 | 2 （一） | 3 1. / 1、 | 4 一是 / (1)
    number: str | None  # bare numeral: 一, 3, 一是
    title: str
    inferred: bool  # the heading lost its number (paraphrased copies)
    start: int  # heading start
    end: int  # end of the section: the next heading of the same or a higher level
    confidence: float = 1.0


@dataclass(slots=True)
class PartSpan:
    part: str
    start: int
    end: int
    confidence: float = 1.0


# ---------------------------------------------------------------- confidences
# Two decimals at most: find_sections reports a heading's confidence unrounded.

CONF_NUMBERED = 0.95
CONF_NUMBERED_L4 = 0.9
CONF_REPAIRED_LINE = 0.85  # numbered heading on a mojibake-repaired line
CONF_GARBLED_NUMBER = 0.7  # number destroyed, taken from the siblings
CONF_GARBLED_UNKNOWN = 0.5
CONF_UNREPAIRED = 0.6  # a title with a character lost to mojibake (U+FFFD)
CONF_RUNIN_SHORT = 0.85
CONF_RUNIN_LONG = 0.7
CONF_RUNIN_STANDALONE = 0.75
CONF_RUNIN_BARE = 0.6  # a one-sentence item in a list of run-in headings
CONF_INFERRED_L1 = 0.55
CONF_INFERRED_L1_NO_NUMBERS = 0.45
CONF_INFERRED_L2 = 0.5
CONF_INFERRED_RUNIN = 0.5
RUNIN_SHORT_TITLE = 30

CONF_PART_NAMED = 0.95  # a top-level heading names the part
CONF_PART_TOPIC = 0.85  # a top-level topic heading: achievements
CONF_PART_SUB = 0.8  # a sub-heading switches the part
CONF_PART_INFERRED_FACTOR = 0.8
CONF_PART_SENTENCE = 0.6
CONF_PART_TRAILER = 0.9
CONF_PART_NO_HEADINGS = 0.5


@dataclass(slots=True)
class _Head:
    level: int
    number: str | None
    title: str
    inferred: bool
    start: int
    title_end: int  # just after the title (and its 。)
    line: int  # index into lines
    confidence: float
    garbled: bool = False

    @property
    def value(self) -> int | None:
        if self.number is None:
            return None
        return rules.cn_to_int(self.number[:-1] if self.number.endswith("是") else self.number)


# ---------------------------------------------------------------- sections


def find_sections(norm: NormalisedText, lines: list[Line]) -> list[Section]:
    """Headings of the report in order, with their levels, titles and ends (view offsets)."""
    if not lines:
        return []
    text = norm.text
    tr = rules.trailer_start(lines)
    body = len(lines) if tr is None else tr
    repaired = _repaired_lines(norm, lines)

    heads, runin_candidates = _numbered_heads(lines, body, repaired)
    _fill_garbled_numbers(heads)
    heads = [h for h in heads if not h.garbled or h.number is not None]
    heads += _runin_heads(lines, body, heads, runin_candidates)
    heads += _inferred_first_items(text, heads, runin_candidates)
    openers = rules.sentence_openers(text)
    opener_lines = {pos for pos, _ in openers}
    heads += _inferred_top_headings(lines, body, heads, opener_lines)
    heads += _inferred_block_paragraphs(lines, body, heads, opener_lines)
    heads.sort(key=attrgetter("start", "level"))

    body_end = lines[body - 1].end if body > 0 else 0
    # A heading's confidence is one of the two-decimal CONF_ constants: round() (slow) is not needed.
    # A title that still holds a lost character (U+FFFD) is not the report's text: the
    # reviewer retypes it.
    sections = [
        Section(
            h.level,
            h.number,
            h.title,
            h.inferred,
            h.start,
            body_end,
            min(h.confidence, CONF_UNREPAIRED) if "\ufffd" in h.title else h.confidence,
        )
        for h in heads
        if h.start < body_end
    ]
    _set_ends(sections, body_end)
    # A part opened by a sentence (a closing shortcomings paragraph) is under no heading.
    changes = _part_changes(lines, sections, openers, tr)
    global _LAST_CHANGES
    _LAST_CHANGES = (text, _sections_key(sections), changes)
    cuts = [pos for pos, _, _, source in changes if source != "heading"]
    if cuts:
        for section in sections:
            i = bisect_right(cuts, section.start)
            if i < len(cuts) and cuts[i] < section.end:
                section.end = cuts[i]
    return sections


def _repaired_lines(norm: NormalisedText, lines: list[Line]) -> set[int]:
    """Indices of lines that a mojibake repair touched."""
    out: set[int] = set()
    starts = [line.start for line in lines]
    for flag in norm.flags:
        if flag.kind != "mojibake":
            continue
        start, end = norm.to_normalised(flag.start, flag.end)
        i = max(bisect_right(starts, start) - 1, 0)
        while i < len(lines) and lines[i].start < max(end, start + 1):
            if lines[i].end > start:
                out.add(i)
            i += 1
    return out


@dataclass(slots=True)
class _RunIn:
    pos: int  # view offset of 一是 / (1)
    number: str  # 一是 or 1
    value: int
    item: str  # the text after the number, up to the next item or the end of the line
    line: int
    whole_line: bool  # the item is the whole line
    after_semicolon: bool = False  # the item before it ended with ;: a list, not headings


def _numbered_heads(lines: list[Line], body: int, repaired: set[int]) -> tuple[list[_Head], list[_RunIn]]:
    heads: list[_Head] = []
    runins: list[_RunIn] = []
    for i in range(body):
        line = lines[i]
        text = line.text
        scan_from = 0
        found: tuple[int, str | None, int] | None = rules.numbered_heading(text)
        garbled = False
        if found is None and i in repaired:
            broken = rules.garbled_heading(text)
            if broken is not None:
                found, garbled = (broken[0], None, broken[1]), True
        if found is not None:
            level, number, offset = found
            rest = text[offset:]
            title = rules.heading_title(rest)
            if title:
                cut = rest.find("。")
                scan_from = len(text) if cut < 0 else offset + cut + 1
                if garbled:
                    conf = CONF_GARBLED_UNKNOWN  # raised when the siblings give the number
                elif i in repaired:
                    conf = CONF_REPAIRED_LINE
                else:
                    conf = CONF_NUMBERED_L4 if level == 4 else CONF_NUMBERED
                heads.append(
                    _Head(level, number, title, False, line.start, line.start + scan_from, i, conf, garbled=garbled)
                )
        if scan_from >= len(text):
            continue
        matches = rules.runin_matches(text, scan_from)
        for k, match in enumerate(matches):
            end = matches[k + 1].start() if k + 1 < len(matches) else len(text)
            number, value = rules.runin_number(match)
            if not value:
                continue
            runins.append(
                _RunIn(
                    line.start + match.start(),
                    number,
                    value,
                    text[match.end() : end],
                    i,
                    whole_line=(match.start() == 0 and end == len(text)),
                    after_semicolon=match.start() > 0 and text[match.start() - 1] == ";",
                )
            )
    return heads, runins


def _fill_garbled_numbers(heads: list[_Head]) -> None:
    """A garbled number is the one its siblings leave for it: (二) ? (四) -> 三. A garbled
    heading without a numbered sibling stays without number (and is dropped: nothing says
    the repaired line was a heading)."""
    for i, head in enumerate(heads):
        if not head.garbled or head.number is not None:
            continue
        value = None
        steps = 0
        for prev in reversed(heads[:i]):  # previous sibling, before the parent
            if prev.level < head.level:
                break
            if prev.level == head.level:
                steps += 1
                if prev.value is not None:
                    value = prev.value + steps
                    break
        if value is None:
            steps = 0
            for nxt in heads[i + 1 :]:
                if nxt.level < head.level:
                    break
                if nxt.level == head.level:
                    steps += 1
                    if nxt.value is not None and not nxt.garbled:
                        value = nxt.value - steps
                        break
        if value is not None and value > 0:
            head.number = rules.int_to_cn(value) if head.level in (1, 2) else str(value)
            head.confidence = CONF_GARBLED_NUMBER


def _is_paragraph(line: Line) -> bool:
    return line.is_sentence and rules.numbered_heading(line.text) is None


def _parent_index(heads: list[_Head]) -> tuple[list[_Head], Callable[[int], int]]:
    """A function: view offset -> index of the nearest heading of level <= 3 before it."""
    parents = sorted((h for h in heads if h.level <= 3), key=attrgetter("start"))
    starts = [h.start for h in parents]
    return parents, lambda pos: bisect_right(starts, pos) - 1


def _runin_heads(lines: list[Line], body: int, heads: list[_Head], runins: list[_RunIn]) -> list[_Head]:
    """Run-in items that open with a heading. Items after a ; are list items, and a terse
    one-sentence item is prose, unless a sibling item (same parent heading) is a heading."""
    _, parent_of = _parent_index(heads)
    accepted: dict[int, _Head] = {}
    groups_with_heading: set[int] = set()
    for n, item in enumerate(runins):
        if item.after_semicolon:
            continue
        standalone = (
            item.whole_line
            and item.line + 1 < body
            and _is_paragraph(lines[item.line + 1])
            and not rules.starts_with_runin(lines[item.line + 1].text)
        )
        title = rules.runin_title(item.item, standalone=standalone)
        if title is None:
            continue
        if standalone and "。" not in item.item.rstrip("。"):
            conf = CONF_RUNIN_STANDALONE
        else:
            conf = CONF_RUNIN_SHORT if len(title) <= RUNIN_SHORT_TITLE else CONF_RUNIN_LONG
        accepted[n] = _runin_head(item, title, conf)
        groups_with_heading.add(parent_of(item.pos))
    for n, item in enumerate(runins):
        if n in accepted or parent_of(item.pos) not in groups_with_heading:
            continue
        title = rules.runin_title(item.item)  # after a stray ; in a list of headings
        conf = CONF_RUNIN_LONG
        if title is None:
            title, conf = rules.runin_title(item.item, bare=True), CONF_RUNIN_BARE
        if title is not None:
            accepted[n] = _runin_head(item, title, conf)
    return [accepted[n] for n in sorted(accepted)]


def _runin_head(item: _RunIn, title: str, conf: float) -> _Head:
    cut = item.item.find("。")
    title_end = item.pos + len(item.number) + (cut + 1 if cut >= 0 else len(item.item))
    return _Head(4, item.number, title, False, item.pos, title_end, item.line, conf)


def _inferred_first_items(text: str, heads: list[_Head], runins: list[_RunIn]) -> list[_Head]:
    """An item list that starts at 二是 lost its 一是: the first sentence under the parent."""
    parents, parent_of = _parent_index(heads)
    seen: dict[int, list[_RunIn]] = {}
    for item in runins:
        if not item.number.endswith("是"):
            continue
        k = parent_of(item.pos)
        if k >= 0:
            seen.setdefault(k, []).append(item)
    out = []
    for k, items in seen.items():
        if items[0].value != 2 or any(item.value == 1 for item in items):
            continue
        parent = parents[k]
        span = text[parent.title_end : items[0].pos]
        lead = len(span) - len(span.lstrip())
        found = rules.first_sentence(span[lead:])
        if found is None:
            continue
        sentence, after = found
        if "\n" in sentence or rules.runin_matches(sentence) or rules.has_enum_inside(sentence):
            continue
        title = rules.runin_title(span[lead:], max_len=rules.INFERRED_RUNIN_MAX_TITLE)
        if title is None or "," in title or "," in title:
            continue
        start = parent.title_end + lead
        out.append(_Head(4, None, title, True, start, start + after, parent.line, CONF_INFERRED_RUNIN))
    return out


def _inferred_top_headings(lines: list[Line], body: int, heads: list[_Head], opener_lines: set[int]) -> list[_Head]:
    """Top-level heading lines that lost their number, in the gaps the numbered ones leave."""
    numbered = sorted((h for h in heads if h.level == 1 and h.value), key=attrgetter("start"))
    values = [v for h in numbered if (v := h.value) is not None]  # all of them: each has a value
    if values and values[0] == 1 and all(b - a == 1 for a, b in zip(values, values[1:])):
        return []  # a complete sequence: nothing was lost
    head_lines = {h.line for h in heads}
    max_len = rules.INFERRED_L1_MAX if numbered else rules.INFERRED_L1_MAX_UNNUMBERED
    candidates = []
    for i in range(1, body - 1):
        line = lines[i]
        if i in head_lines or not rules.heading_like_line(line.text, max_len):
            continue
        if line.start in opener_lines or is_chrome_line(line):
            continue
        prev, nxt = lines[i - 1], lines[i + 1]
        if not prev.is_sentence:
            continue
        nxt_head = rules.numbered_heading(nxt.text)
        if not (nxt.is_sentence or (nxt_head is not None and nxt_head[0] > 1)):
            continue
        candidates.append(i)
    if not numbered:
        if len(candidates) < 2:
            return []
        chosen, conf = candidates, CONF_INFERRED_L1_NO_NUMBERS
    else:
        lines_of = [h.line for h in numbered]
        groups: dict[int, list[int]] = {}
        for i in candidates:
            groups.setdefault(bisect_left(lines_of, i), []).append(i)
        chosen = []
        for k, group in groups.items():
            before = values[k - 1] if k > 0 else 0
            slots = values[k] - before - 1 if k < len(values) else len(group)
            if 0 < len(group) <= slots:
                chosen += group
        conf = CONF_INFERRED_L1
    out = []
    for i in sorted(chosen):
        line = lines[i]
        out.append(_Head(1, None, rules.heading_title(line.text), True, line.start, line.end, i, conf))
    return out


def _inferred_block_paragraphs(lines: list[Line], body: int, heads: list[_Head], opener_lines: set[int]) -> list[_Head]:
    """Paragraphs of a top-level block that lost their (N): the numbered ones sit exactly at
    the positions one paragraph per item gives them, and one before them has no number."""
    by_line: dict[int, _Head] = {}
    for h in heads:
        if h.start == lines[h.line].start:
            by_line.setdefault(h.line, h)
    tops = sorted(h.line for h in heads if h.level == 1)
    out = []
    for k, top in enumerate(tops):
        stop = tops[k + 1] if k + 1 < len(tops) else body
        entries: list[tuple[int, int | None]] = []  # (line, number value or None)
        deeper = False
        for j in range(top + 1, stop):
            if lines[j].start in opener_lines:
                break
            head = by_line.get(j)
            if head is not None and head.level > 2:
                deeper = True
                break
            if head is not None and head.level == 2:
                entries.append((j, head.value or -1))
            else:
                entries.append((j, None))
        if deeper or not any(v is not None for _, v in entries):
            continue
        positions = [(pos, v) for pos, (_, v) in enumerate(entries, 1) if v is not None]
        if any(v != pos for pos, v in positions):
            continue
        if not any(v is None for _, v in entries[: positions[-1][0] - 1]):
            continue  # no number was lost before a numbered paragraph
        for j, v in entries:
            if v is not None:
                continue
            line = lines[j]
            title = rules.heading_title(line.text)
            if "。" not in line.text or not title:
                continue
            cut = line.text.find("。")
            out.append(_Head(2, None, title, True, line.start, line.start + cut + 1, j, CONF_INFERRED_L2))
    return out


def _set_ends(sections: list[Section], body_end: int) -> None:
    """End of each section: the next heading of the same or a higher level."""
    open_: list[Section] = []
    for section in sections:
        while open_ and open_[-1].level >= section.level:
            open_.pop().end = section.start
        open_.append(section)
    for section in open_:
        section.end = body_end


# ---------------------------------------------------------------- parts


_SectionKey = tuple[int, int, str | None, str, bool]  # start, level, number, title, inferred

# The part changes find_sections worked out, reused by find_parts when it is given the same
# text and the same headings (the usual call sequence); (text, key, changes).
_LAST_CHANGES: tuple[str, tuple[_SectionKey, ...], list[tuple[int, str, float, str]]] | None = None


def _sections_key(sections: list[Section]) -> tuple[_SectionKey, ...]:
    return tuple((s.start, s.level, s.number, s.title, s.inferred) for s in sections)


def find_parts(norm: NormalisedText, lines: list[Line], sections: list[Section]) -> list[PartSpan]:
    """The five parts as spans that tile the whole view, from 0 to its end."""
    text = norm.text
    if not text:
        return []
    last = _LAST_CHANGES
    if last is not None and last[0] is text and last[1] == _sections_key(sections):
        changes = last[2]
    else:
        tr = rules.trailer_start(lines) if lines else None
        changes = _part_changes(lines, sections, rules.sentence_openers(text), tr)
    spans: list[PartSpan] = []
    for k, (pos, part, conf, _) in enumerate(changes):
        start = 0 if k == 0 else pos
        end = changes[k + 1][0] if k + 1 < len(changes) else len(text)
        if end <= start:
            continue
        if spans and spans[-1].part == part:
            spans[-1].end = end
            continue
        spans.append(PartSpan(part, start, end, round(conf, 2)))
    if spans:
        spans[-1].end = len(text)
    return spans


def _heading_value(section: Section) -> int | None:
    if section.number is None:
        return None
    number = section.number[:-1] if section.number.endswith("是") else section.number
    return rules.cn_to_int(number)


def _openers(sections: list[Section], found: Sequence[tuple[int, str]], top: int) -> list[tuple[int, str]]:
    """Sentences that open shortcomings or next_year where no heading does (``top``: the
    highest heading level).

    Only those after the first heading, and only where what follows is not a continuation of
    the headings before (the next heading is top-level, restarts its numbering, or there is
    none): a closing paragraph, not a remark inside a topic section."""
    ordered = sorted(sections, key=attrgetter("start"))
    starts = [s.start for s in ordered]
    first = starts[0] if starts else -1
    head_starts = set(starts)
    out = []
    for at, part in found:
        if at <= first or at in head_starts:
            continue
        k = bisect_right(starts, at)
        nxt = ordered[k] if k < len(ordered) else None
        if nxt is None or nxt.level <= top or _heading_value(nxt) == 1:
            out.append((at, part))
    return out


def _heading_line_openers(lines: list[Line], sections: list[Section]) -> list[tuple[int, str]]:
    """Unnumbered heading lines that name a later part (存在的问题和不足 on a line of its own)."""
    starts = {s.start for s in sections}
    out = []
    for line in lines:
        text = line.text
        if (
            len(text) > rules.PART_LINE_MAX
            or "。" in text
            or line.start in starts
            or text.endswith((":", ",", ";"))
            or rules.numbered_heading(text) is not None
        ):
            continue
        part = rules.classify_top_heading(text)
        if part in ("shortcomings", "next_year"):
            out.append((line.start, part))
    return out


def _part_changes(
    lines: list[Line], sections: list[Section], openers: Sequence[tuple[int, str]], tr: int | None
) -> list[tuple[int, str, float, str]]:
    """(offset, part, confidence, source) wherever the part changes; source is heading,
    sentence or trailer (``tr``: index of the first trailer line)."""
    line_openers = _heading_line_openers(lines, sections)
    if line_openers:
        openers = sorted(set(openers) | set(line_openers))
    trailer_pos = lines[tr].start if tr is not None else None
    top = min((s.level for s in sections), default=1)
    events: list[tuple[int, int, Section | str]] = []
    for s in sections:
        if trailer_pos is None or s.start < trailer_pos:
            events.append((s.start, 0, s))
    for pos, part in _openers(sections, openers, top):
        if trailer_pos is None or pos < trailer_pos:
            events.append((pos, 1, part))
    if trailer_pos is not None:
        events.append((trailer_pos, 2, "other"))
    events.sort(key=itemgetter(0, 1))

    stack: list[tuple[int, str]] = []
    current: str | None = None
    changes: list[tuple[int, str, float, str]] = []
    if not sections:
        current = "achievements"
        changes.append((0, current, CONF_PART_NO_HEADINGS, "sentence"))
    for pos, kind, payload in events:
        if kind == 0:
            assert isinstance(payload, Section)
            s = payload
            if s.level <= top:
                named = rules.classify_top_heading(s.title)
                if named:
                    own, conf = named, CONF_PART_NAMED
                elif s.inferred and current is not None:
                    # a heading guessed from a paraphrase may be a sub-heading: it keeps the part
                    own, conf = current, CONF_PART_TOPIC
                else:
                    own, conf = "achievements", CONF_PART_TOPIC
                stack = [(s.level, own)]
            else:
                while stack and stack[-1][0] >= s.level:
                    stack.pop()
                parent = stack[-1][1] if stack else (current or "achievements")
                strong = rules.classify_sub_heading(s.title)
                if strong is not None and rules.may_switch(parent, strong):
                    own, conf = strong, CONF_PART_SUB
                else:
                    own, conf = parent, CONF_PART_TOPIC
                stack.append((s.level, own))
            if s.inferred:
                conf *= CONF_PART_INFERRED_FACTOR
            if own != current:
                changes.append((pos, own, conf, "heading"))
                current = own
        elif kind == 1:
            assert isinstance(payload, str)
            part = payload
            if current is not None and rules.PART_RANK[part] > rules.PART_RANK[current]:
                changes.append((pos, part, CONF_PART_SENTENCE, "sentence"))
                current = part
                stack = [(0, part)]
        else:
            changes.append((pos, "other", CONF_PART_TRAILER, "trailer"))
            current = "other"
    return changes
