"""Report metadata (ANNOTATION_GUIDE.md, "Fields of a report") from the normalised text.

Each field is read from the strongest evidence the text offers, in an order that holds for
any report: a labelled header line (发布日期: …, 文号: …) beats an unlabelled page stamp, the
report's own title beats its body, the signature block beats a guess. When only weak
evidence exists the field is still filled but marked low-confidence, so the review window
can ask the reviewer to look.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain

from . import dates
from .issuer import FieldValue, find_place_fields
from .noise import Line, contains_spam, is_chrome_line, split_lines
from .normalise import NormalisedText
from .regex_cache import compile_regex

FIELDS = ("title", "issuer", "region", "province", "level", "report_year", "doc_number", "publish_date", "script")


@dataclass
class Metadata:
    fields: dict[str, FieldValue] = field(default_factory=dict)

    def value(self, name: str) -> object:
        item = self.fields.get(name)
        return item.value if item else None

    def as_dict(self) -> dict[str, object]:
        return {name: self.value(name) for name in FIELDS}


# ---------------------------------------------------------------- layout


def _body_start(lines: list[Line]) -> int:
    """Index of the first line of running text (the header ends there)."""
    for i, line in enumerate(lines):
        if line.is_sentence and not is_chrome_line(line):
            return i
    return len(lines)


def _body_end(lines: list[Line]) -> int:
    """Index after the last line of running text (the signature block and footer follow)."""
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].is_sentence and not is_chrome_line(lines[i]):
            return i + 1
    return len(lines)


# ---------------------------------------------------------------- title

_REPORT_WORD = compile_regex(r"报告|情况|总结")
_TOPIC_WORD = compile_regex(r"法治|依法行政|法制")
# 标  题: and 名  称: as page tables space them; 附件1: before the report in a cover letter.
_LABEL = compile_regex(r"^(?:名\s*称|标\s*题|题\s*名|文件名称|附\s*件\s*\d*)\s*[::]?\s*(?=\S)")
_SEPARATOR = compile_regex(r"\s*(?:[-_|｜—–]+|——)\s*")
_NEWS_VERB = compile_regex(r"(?:正式)?(?:发布|公布|公开|印发|出炉|晒出)(?=[\d" + dates.CN_DIGITS + r"]{4}\s*年)")
_EDGE = ' \t:：,，。;；、"“”《》<>【】'


def clean_title(raw: str) -> str | None:
    text = _LABEL.sub("", raw.strip())
    segments = [s for s in _SEPARATOR.split(text) if s]
    reports = [s for s in segments if "报告" in s and not contains_spam(s)]
    if reports:
        text = max(reports, key=len)
    elif contains_spam(text):
        return None
    text = _NEWS_VERB.sub("", text).strip(_EDGE)
    return text or None


_TITLE_HEAD = compile_regex(r"^[\u4e00-\u9fff()（）]{2,24}$")  # 桃源县人民政府 alone above its title


def _find_title(lines: list[Line], header_end: int) -> tuple[str, Line] | None:
    candidates = []
    for i, line in enumerate(lines[:20]):
        text = line.text
        if i > header_end and not text.startswith("附"):
            continue  # the body's own lines, but for the 附件 line of a cover letter
        if len(text) > 80 or text.endswith("。") or "如下" in text:
            continue
        if "报告" not in text or not _TOPIC_WORD.search(text):
            continue
        if i > 0 and re.match(r"^(?:关于)?(?:(?:19|20)\d{2}|[" + dates.CN_DIGITS + r"]{4})年", text):
            # A title broken over two lines: the issuer or place on the line above.
            above = lines[i - 1].text
            if _TITLE_HEAD.match(above) and not is_chrome_line(lines[i - 1]) and "报告" not in above:
                text = above + text
        cleaned = clean_title(text)
        if cleaned:
            labelled = bool(_LABEL.match(text))
            candidates.append((labelled, i, cleaned, line))
    if not candidates:
        return None
    candidates.sort(key=lambda c: (c[0], c[1]))  # a plain title line beats a label line
    _, _, title, line = candidates[0]
    return title, line


# ---------------------------------------------------------------- doc number

# The bracketed year and serial of a document number (〔2021〕9号); its issuer code (汕府)
# is read leftwards from there, which is much faster than a pattern that starts anywhere.
_DOC_NUMBER_CORE = compile_regex(r"[〔\[［(（【]\s*((?:19|20)\d{2})\s*[〕\]］)）】]\s*(\d{1,4})\s*号")
_DOC_PREFIX = compile_regex(r"[\u4e00-\u9fff]{1,12}\s*$")


@dataclass(frozen=True)
class DocNumber:
    start: int
    end: int
    prefix: str
    year: str
    serial: str

    def normalised(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.serial}号"


def find_doc_numbers(text: str) -> list[DocNumber]:
    if "号" not in text:  # ends every number; most lines are tested, few hold one
        return []
    found = []
    for core in _DOC_NUMBER_CORE.finditer(text):
        prefix = _DOC_PREFIX.search(text, max(0, core.start() - 14), core.start())
        if prefix is None:
            continue
        found.append(DocNumber(prefix.start(), core.end(), prefix.group().strip(), core.group(1), core.group(2)))
    return found


_CITED_BEFORE = compile_regex(r"(?:印发|根据|按照|依据|落实|转发|《)[^。]{0,30}$")


def _find_doc_number(lines: list[Line], header_end: int, body_end: int) -> FieldValue | None:
    """The report's own number: labelled (文号:), or alone on a header or closing line.

    Numbers inside sentences are documents the report cites, never its own.
    """
    best: tuple[int, int, DocNumber] | None = None  # (rank, line start, number)
    for i, line in enumerate(lines):
        in_header, in_tail = i < header_end, i >= body_end
        for number in find_doc_numbers(line.text):
            before = line.text[: number.start]
            if _CITED_BEFORE.search(before):
                continue
            alone = len(line.text) - (number.end - number.start) <= 8
            if re.search(r"(?:文号|发文字号|字号)\s*[::]\s*$", before):
                rank = 0
            elif in_header and alone:
                rank = 1
            elif in_tail and alone:
                rank = 2
            else:
                continue
            if best is None or rank < best[0]:
                best = (rank, line.start, number)
    if best is None:
        return None
    rank, offset, number = best
    return FieldValue(number.normalised(), 0.95 if rank < 2 else 0.8, offset + number.start, offset + number.end)


# ---------------------------------------------------------------- publish date

_PUBLISHED_LABEL = compile_regex(r"(?:发布日期|发布时间|发文日期|发布于|公开日期|公布日期|日期|时间)\s*[::]?\s*$")
_SIGNED_LABEL = compile_regex(r"(?:成文日期|签发日期|印发日期)\s*[::]?\s*$")


def _find_publish_date(lines: list[Line], header_end: int, body_end: int) -> FieldValue | None:
    best: tuple[int, float, int, int, dt.date] | None = None
    for i in chain(range(header_end), range(body_end, len(lines))):  # the body's dates are not its own
        line = lines[i]
        in_header, in_tail = i < header_end, i >= body_end
        for start, end, date in dates.find_dates(line.text):
            before = line.text[:start]
            if _SIGNED_LABEL.search(before):
                rank, confidence = 3, 0.8
            elif _PUBLISHED_LABEL.search(before):
                rank, confidence = 0, 0.95
            elif in_header and is_chrome_line(line) or in_header and len(line.text) <= 30:
                rank, confidence = 1, 0.85  # the page's own stamp under the headline
            elif in_tail and len(line.text) - (end - start) <= 4:
                rank, confidence = 2, 0.8  # the date under the signature
            else:
                continue
            if best is None or rank < best[0]:
                best = (rank, confidence, line.start + start, line.start + end, date)
    if best is None:
        return None
    _, confidence, start, end, date = best
    return FieldValue(date.isoformat(), confidence, start, end)


# ---------------------------------------------------------------- report year

_THIS_REPORT = compile_regex(r"现将[^。]{0,40}?" + dates.YEAR.pattern)


def _find_report_year(text: str, title: str | None, lines: list[Line], header_end: int) -> FieldValue | None:
    votes: Counter[int] = Counter()
    if title:
        match = dates.YEAR.search(title)
        if match and (year := dates.parse_year(match.group(1))):
            votes[year] += 5
    for match in _THIS_REPORT.finditer(text):
        if year := dates.parse_year(match.group(1)):
            votes[year] += 4
    for line in lines[header_end:]:
        if len(line.text) <= 40 and "法治" in line.text and re.search(r"情况|成效|举措|工作", line.text):
            match = dates.YEAR.search(line.text)
            if match and not re.search(r"安排|打算|计划|思路|设想|重点", line.text):
                if year := dates.parse_year(match.group(1)):
                    votes[year] += 2
    for line in lines[header_end : header_end + 3]:
        match = dates.YEAR.match(line.text)
        if match and (year := dates.parse_year(match.group(1))):
            votes[year] += 2
    if not votes:
        return None
    (year, score), *rest = votes.most_common()
    confidence = 0.95 if score >= 4 and (not rest or rest[0][1] < score) else 0.6
    return FieldValue(year, confidence)


# ---------------------------------------------------------------- all fields


def extract_metadata(norm: NormalisedText, lines: list[Line] | None = None) -> Metadata:
    text = norm.text
    lines = lines if lines is not None else split_lines(text)
    header_end = _body_start(lines)
    body_end = max(_body_end(lines), header_end)
    result = Metadata()

    found_title = _find_title(lines, header_end)
    title: str | None = None
    if found_title:
        title, line = found_title
        result.fields["title"] = FieldValue(title, 0.9, line.start, line.end)
    doc_number = _find_doc_number(lines, header_end, body_end)
    if doc_number:
        result.fields["doc_number"] = doc_number
    publish_date = _find_publish_date(lines, header_end, body_end)
    if publish_date:
        result.fields["publish_date"] = publish_date
    year = _find_report_year(text, title, lines, header_end)
    if year:
        result.fields["report_year"] = year
    result.fields.update(find_place_fields(text, lines, result.fields.get("title"), header_end, body_end))
    result.fields["script"] = FieldValue(norm.script, 0.95)
    return result
