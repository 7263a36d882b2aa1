"""Metrics: the cardinal quantities a report states about its work (ANNOTATION_GUIDE.md).

A metric is a number (Arabic or Chinese numerals, 百分之…, 八成) with a unit, a measure word
or a percent sign. Found on the normalised text in one regular-expression pass, then
filtered by rules that hold for any report: dates, ordinals, names that contain numbers,
document numbers and titles in 《》 are not metrics. Each metric gets a value (万/亿
multiplied out), an approximation mark, a label cut from its sentence with jieba, an
indicator from the catalogue, and a confidence.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .indicators import Catalogue, default_catalogue
from .numerals import chinese_number
from .regex_cache import compile_regex
from .resources import read_word_lists, resources_dir
from .scan import scan

CN_DIGITS = "零〇一二两三四五六七八九"
CN_NUMBER = rf"[{CN_DIGITS}十百千]+(?:点[{CN_DIGITS}]+)?"
# ASCII digits: NFKC has made full-width digits ASCII already, and other scripts' digits do
# not occur in these reports (\d tests a Unicode category at every character, 40% slower).
AR_NUMBER = r"[0-9]+(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"


def _data_lines(name: str) -> list[str]:
    return read_word_lists(f"metrics/{name}")[""]


@lru_cache(maxsize=1)
def units() -> tuple[str, ...]:
    return tuple(sorted(dict.fromkeys(_data_lines("units.txt")), key=len, reverse=True))


@lru_cache(maxsize=1)
def set_phrases() -> tuple[str, ...]:
    return tuple(_data_lines("set_phrases.txt"))


_NUMERAL_CHARS = rf"0-9,.{CN_DIGITS}十百千点"
_FOLLOWERS = "-~～至到万亿千百多余%‰成"  # what may follow a number that is a candidate


@lru_cache(maxsize=1)
def _candidate_first() -> re.Pattern[str]:
    """Where a candidate can start: a numeral whose run of numerals is followed by something
    that can make it a metric (one of _FOLLOWERS or a unit), or the 百 of 百分之. Tested in C,
    so the many numerals that are not quantities (统一, 进一步) cost no Python step."""
    starts = "".join(sorted({u[0] for u in units()} | set(_FOLLOWERS)))
    follow = "[" + "".join(re.escape(c) for c in starts) + "]"
    return compile_regex(rf"[0-9百{CN_DIGITS}十千](?:(?=[{_NUMERAL_CHARS}]*\s?{follow})|(?<=百)(?=分之))")


@lru_cache(maxsize=1)
def _candidate_pattern() -> re.Pattern[str]:
    unit = "|".join(map(re.escape, units()))  # longest first (units() is sorted so)
    return compile_regex(
        rf"(?:(?P<pct_cn>百分之(?P<pct_num>{CN_NUMBER}|百))"
        rf"|(?P<num>{AR_NUMBER}|{CN_NUMBER})"
        # Only numbers followed by something that can make them a metric are candidates.
        rf"(?=\s?(?:[-~～至到万亿千百多余%‰成]|{unit}))"
        rf"(?:\s?(?:-|~|～|至|到)\s?(?P<num_to>{AR_NUMBER}|{CN_NUMBER}))?"
        r"(?P<mult>万亿|千万|百万|万|亿)?"
        r"(?P<approx_in>多|余)?"
        r"(?P<mult2>万|亿)?"
        rf"(?:(?P<pct>%|‰)|(?P<cheng>成)(?![立为果绩效功员本熟])|\s?(?P<unit>{unit}))?)"
    )


_MULTIPLIER = {"万": 10_000, "亿": 100_000_000, "千万": 10_000_000, "百万": 1_000_000, "万亿": 10**12}
_APPROX_BEFORE = compile_regex(r"(?:近|约|超过|超|逾|将近|接近|大约|上|达近)$")
_APPROX_AFTER = compile_regex(r"^(?:以上|左右|有余|余|多)")
_ORDINAL_BEFORE = compile_regex(r"(?:第|排名|位列|位居|前|列|序|编号|No\.?)$")
# 六届二次全会, 十九届四中全会: after 届 a number ranks a session, it counts nothing.
_SESSION_BEFORE = compile_regex(r"届$")
# 一个时期, 一段时间: a determiner before a stretch of time, not a count of work done.
_TIME_AFTER = compile_regex(r"^(?:时期|阶段|时间|时候|过程|周期|轮次)")
_VAGUE_BEFORE = compile_regex(r"(?:数|几|若干)$")  # 数十次, 几百人 (人数7人 is a count: Chinese numerals only)
_DATE_AFTER = compile_regex(r"^(?:年|月|日|号|时|点|分|周岁|岁|级|届|后|代|星|A|B|G|K|版|号线|\.\d)")
_CLAUSE_BREAK = compile_regex(r"[,，;；。:：!！?？\n]")
_UP_TO_LAST_BREAK = compile_regex(r".*[,，;；。:：!！?？\n]", re.S)


@lru_cache(maxsize=4096)
def chinese_to_number(text: str) -> float | None:
    """九千九百七十 -> 9970, 两 -> 2, 百 -> 100, 十五 -> 15, 九十九点二 -> 99.2."""
    return chinese_number(text)


def parse_number(text: str) -> float | None:
    if not text:
        return None
    if text[0].isdigit():
        return float(text.replace(",", ""))
    return chinese_to_number(text)


@dataclass
class Metric:
    start: int
    end: int
    text: str
    value: float
    unit: str
    approx: bool
    label: str = ""
    indicator: str | None = None
    confidence: float = 0.9
    value_to: float | None = None  # upper bound of a range (3至5个)
    indicator_strength: float = 0.0  # how strongly the catalogue phrase names this number (0..1)

    def value_json(self) -> int | float:
        return int(self.value) if float(self.value).is_integer() else round(self.value, 6)


# Every alternative starts with a literal character, so the engine skips ahead to those
# (a leading look-ahead or character class would be tried at every position).
_EXCLUDED_SPANS = compile_regex(
    r"《[^《》\n]{0,120}》"  # titles of laws, plans and documents
    r"|“[^“”\n]{0,14}”"  # short quoted names: “八五”普法, “两个确立”
    r"|\"[^\"\n]{0,14}\""
    + "".join(
        rf"|{re.escape(c)}\s*(?:19|20)\d{{2}}\s*[〕\]］)）】]\s*\d{{1,4}}\s*号"  # document numbers
        for c in "〔[［(（【"
    )
)
# Numbers joined to other numbers by + or - are names or codes (1+7+3, 0750-3501234), and
# so is a long run of digits (a phone number): checked on each candidate, not searched for.
_JOINED_BEFORE = compile_regex(r"\d[-+]$")
_JOINED_AFTER = compile_regex(r"[-+]\d")  # used with match(text, pos): anchored there


def _excluded_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _EXCLUDED_SPANS.finditer(text)]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect_right(spans, (start, 10**12)) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


@lru_cache(maxsize=1)
def _set_phrase_pattern() -> re.Pattern[str]:
    return compile_regex("|".join(re.escape(p) for p in set_phrases()) or "(?!)")


def _is_set_phrase(text: str, start: int) -> bool:
    return _set_phrase_pattern().match(text, start) is not None


_TOWNSHIP_SOON = compile_regex(r"[^,，。;；\n]{1,4}?(?:镇|乡|街道|苏木)")


def _starts_place_name(text: str, start: int) -> bool:
    """Does a place name (a division or a township of the gazetteers) begin at ``start``?"""
    from .gazetteer import default_gazetteer
    from .townships import township_gazetteer

    window = text[start : start + 12]
    found = default_gazetteer().find_in(window[:8])
    if found and found[0][0] == 0:
        return True
    # The township table (38,000 names) is read only when a township suffix follows closely.
    return _TOWNSHIP_SOON.match(window) is not None and township_gazetteer().longest_at(window) is not None


_YEAR_LIKE = compile_regex(r"(?:19|20)\d{2}")


def find_metrics(text: str, catalogue: Catalogue | None = None) -> list[Metric]:
    """Every metric in the normalised ``text``, in order, with offsets into it."""
    catalogue = catalogue or default_catalogue()
    excluded = _excluded_spans(text)
    metrics: list[Metric] = []
    for match in scan(_candidate_pattern(), _candidate_first(), text):
        metric = _metric_from(match, text, excluded)
        if metric is not None:
            metrics.append(metric)
    _label_and_classify(text, metrics, catalogue)
    return metrics


def _metric_from(match: re.Match[str], text: str, excluded: list[tuple[int, int]]) -> Metric | None:
    g = match.groupdict()  # one dict instead of a dozen group() calls
    start, end = match.start(), match.end()
    before = text[max(0, start - 4) : start]
    after = text[end : end + 4]
    if g["pct_cn"]:
        value = 100.0 if g["pct_num"] == "百" else parse_number(g["pct_num"])
        if value is None or _inside(excluded, start, end):
            return None
        return _finish(text, start, end, value, "%", False, 0.9, before, after)

    number = g["num"]
    unit = g["unit"]
    if g["pct"]:
        unit = g["pct"]
    elif g["cheng"]:
        unit = "%"
    multiplier_text = (g["mult"] or "") + (g["mult2"] or "")
    arabic = number[0].isdigit()
    if not unit:
        # A bare number is a metric only when 万/亿 makes it a stated quantity (六十余万).
        if not multiplier_text or _DATE_AFTER.match(after):
            return None
        unit = ""
    # Numbers that are not quantities.
    if _ORDINAL_BEFORE.search(before) or _SESSION_BEFORE.search(before) or _inside(excluded, start, end):
        return None
    if not arabic and _starts_place_name(text, start):
        return None  # 三张镇, 五河县, 四川: a numeral inside a place name
    if not arabic and _VAGUE_BEFORE.search(before):
        return None  # 数十次, 几百人, 若干: no definite number to record
    if arabic and before[-1:].isascii() and before[-1:].isalnum():
        return None  # part of a code or a longer token (5G, A12)
    if arabic and (
        _JOINED_BEFORE.search(before)
        or _JOINED_AFTER.match(text, start + len(number))
        or len(number) >= 11
        and number.isdigit()
    ):
        return None
    if not arabic and _is_set_phrase(text, start):
        return None
    if not arabic and after.startswith("是") and unit == "":
        return None
    if _TIME_AFTER.match(after):
        return None
    if unit in ("个",) and re.match(r"^(?:月|工作日|小时|季度)", after):
        return None  # durations: 3个月, 5个工作日
    if unit == "天" and re.search(r"为期|期限|时限|压缩|缩短|内$", text[max(0, start - 6) : start]):
        return None
    if arabic and _YEAR_LIKE.fullmatch(number) and unit in ("", "届", "期", "批"):
        return None
    if not arabic and len(number) == 1 and number in "两" and unit in ("", "%"):
        return None
    value = parse_number(number)
    if value is None:
        return None
    if g["cheng"]:
        value *= 10
        if value > 100:
            return None
    for part in (g["mult"], g["mult2"]):
        if part:
            value *= _MULTIPLIER[part]
    value_to = None
    if g["num_to"]:
        value_to = parse_number(g["num_to"])
        if value_to is None:
            return None
        for part in (g["mult"], g["mult2"]):
            if part:
                value_to *= _MULTIPLIER[part]
        if arabic and _YEAR_LIKE.fullmatch(number):
            return None  # 2021-2025年 is a period
    approx = bool(g["approx_in"]) or value_to is not None
    confidence = 0.9 if arabic else 0.85
    if not arabic and value < 10:
        # Small numerals in words (四次, 两个) count work done or make a slogan or an
        # ordinal; the guide keeps only the first, which takes a reader's judgement.
        confidence = 0.75
    if unit == "" or not arabic and number == "一":
        # A bare 万-number, or 一 with a measure word: often "a/an" (一个单位) rather than a
        # count the report states; the reviewer decides.
        confidence = 0.6
    return _finish(text, start, end, value, unit.strip(), approx, confidence, before, after, value_to)


def _finish(
    text: str,
    start: int,
    end: int,
    value: float,
    unit: str,
    approx: bool,
    confidence: float,
    before: str,
    after: str,
    value_to: float | None = None,
) -> Metric:
    if _APPROX_BEFORE.search(before) or _APPROX_AFTER.match(after):
        approx = True
    return Metric(start, end, text[start:end], value, unit, approx, confidence=confidence, value_to=value_to)


# ---------------------------------------------------------------- labels and indicators

_LEADING = compile_regex(
    r"^(?:其中|同时|另外|此外|全年|全市|全区|全县|全省|全镇|本年度|年内|目前|截至目前|截至年底|今年以来|"
    r"累计|共计|共|总计|合计|已|已经|先后|依法|及时|分别|均|各|全部|实现|完成|开展|"
    r"\d{4}年(?:度|以来|全年)?|[1-9]\d?月(?:份)?|以来)+"
)
_TRAILING_WORDS = (
    "共计",
    "总计",
    "合计",
    "累计",
    "分别",
    "均",
    "共",
    "高达",
    "多达",
    "达到",
    "达",
    "为",
    "有",
    "约",
    "近",
    "超过",
    "逾",
    "的",
    "是",
    "占",
    "计",
)
_TRAILING = compile_regex("(?:" + "|".join(map(re.escape, sorted(_TRAILING_WORDS, key=len, reverse=True))) + ")+$")
_TRAILING_WORD_MAX = max(map(len, _TRAILING_WORDS))
_TRAILING_WINDOW = 12
_TRAILING_LAST_CHARS = frozenset({w[-1] for w in _TRAILING_WORDS} | {"\n"})  # $ matches before a last \n
# Words that end in one of those characters and belong to the label (纠正不规范执法行为).
_WORDS_ENDING_LIKE_A_VERB = frozenset({"行为", "作为", "所有", "目的"})


def _clause_before(text: str, start: int) -> tuple[int, str]:
    lo = max(0, start - 60)
    window = text[lo:start]
    last = _UP_TO_LAST_BREAK.match(window)
    cut = last.end() if last else 0
    return lo + cut, window[cut:]


def _clause_after(text: str, end: int) -> str:
    window = text[end : end + 40]
    match = _CLAUSE_BREAK.search(window)
    return window[: match.start()] if match else window


_LABEL_CHARS = 16


def _trailing_words(phrase: str) -> re.Match[str] | None:
    """``_TRAILING.search(phrase)``, searched in the last characters first: a search of the
    whole phrase tries the pattern at every character of it."""
    lo = max(0, len(phrase) - _TRAILING_WINDOW)
    match = _TRAILING.search(phrase, lo)
    if lo and match is not None and match.start() < lo + _TRAILING_WORD_MAX:
        # The run may go on before the window: a word boundary of it lies this close to lo.
        match = _TRAILING.search(phrase)
    return match


def _strip_trailing(phrase: str) -> str:
    """Drop the verbs and particles between a label and its number (共计, 达到, 为), but not
    the end of a word such as 行为."""
    while True:
        if phrase[-1:] not in _TRAILING_LAST_CHARS:
            return phrase  # no trailing word can end here: skip the search through the phrase
        match = _trailing_words(phrase)
        if match is None or match.start() == len(phrase):
            return phrase
        if phrase[-2:] in _WORDS_ENDING_LIKE_A_VERB:
            return phrase
        phrase = phrase[: match.start()] if match.end() - match.start() > 1 else phrase[:-1]


def _cut_label(phrase: str, keep_start: bool = False) -> str:
    """The counted thing, without the adverbs and verbs around it, cut at word boundaries.

    A phrase before a number keeps its end (the words next to the number); one after a
    number keeps its start.
    """
    phrase = phrase.strip(' 、“”"()（）')
    phrase = _LEADING.sub("", phrase)
    phrase = _strip_trailing(phrase)
    if len(phrase) > _LABEL_CHARS:
        phrase = _whole_words(phrase, _LABEL_CHARS, from_start=keep_start)
    return phrase.strip(' 、,，“”"')


_MAX_WORD = 6


@lru_cache(maxsize=1)
def label_words() -> Any:  # a marisa_trie.Trie (the package ships no types)
    """The words a label may be cut between: jieba's dictionary and the field's terms, as a
    trie built by tools/build_label_words.py. Mapped from the file (0.1 ms) where marisa
    can open it; marisa's file functions take narrow paths, which fail on Windows under a
    profile named in Chinese (C:\\Users\\张三), so there Python reads the file (3 ms more)."""
    import marisa_trie

    path = resources_dir() / "metrics" / "label_words.marisa"
    trie = marisa_trie.Trie()
    if os.name != "nt" or str(path).isascii():
        return trie.mmap(str(path))
    return trie.frombytes(path.read_bytes())


def _whole_words(phrase: str, limit: int, from_start: bool) -> str:
    """At most ``limit`` characters from one end of ``phrase``, never cutting a word.

    Maximum matching on the label words, from the kept end inwards: a label needs only its
    boundary word to be whole, so this is enough, and much cheaper than segmenting the
    whole sentence for every number.
    """
    words = label_words()
    kept = 0
    total = len(phrase)
    while kept < total:
        size = 1
        longest = min(_MAX_WORD, total - kept)
        if from_start:
            for length in range(2, longest + 1):
                piece = phrase[kept : kept + length]
                if piece in words:
                    size = length
                elif next(words.iterkeys(piece), None) is None:
                    break  # no longer word starts with this piece
        else:
            stop = total - kept
            for length in range(longest, 1, -1):
                if phrase[stop - length : stop] in words:
                    size = length
                    break
        if kept + size > limit:
            break
        kept += size
    kept = kept or limit
    return phrase[:kept] if from_start else phrase[len(phrase) - kept :]


# The next step of the same cases (受理, 审结): a clause of only this names nothing new.
_PROCEDURAL_STEP = compile_regex(
    r"(?:并且|并|同时|还|又|另|已|已经|依法|予以|按程序|按时|及时|共|均|全部|其中)*"
    r"(?:受理|办理|处理|化解|调解成功|调处成功|"
    r"取消|废止|修订|修正|修改|清理|宣布失效|审查|审核|备案|纠正|撤销|变更)(?:了)?(?:的)?(?:有)?"
)
# Cases concluded (审结, 办结, 结案) are a later step than cases received: a clause that
# counts them is no part of a count of cases received (其中受理165件,已审结175件).
_LATER_STEP = compile_regex(r"审结|办结|结案")
# 出庭应诉率由85%提升至100%: the second figure is the same quantity, changed.
_CHANGE_TO = compile_regex(r"\s*(?:提升|提高|上升|增长|增加|下降|降低|减少|压缩|升|降|增)?\s*(?:至|到|为)\s*")
# A label that ends in one of these verbs says what was done, not what was counted: the
# counted thing follows the number (共出台8份行政规范性文件).
_VERB_END = compile_regex(
    r"(?:出台|开展|召开|组织|举办|做到|实现|完成|建成|设立|培育|培养|聘请|选聘|新增|组建|"
    r"建立|印发|制定|发布|办理|受理|有|共有|拥有|达到|达|涉及|覆盖)$"
)
_SUBJECT_START = compile_regex(r"^(?:我|本|全)[\u4e00-\u9fff]{0,4}?(?:市|区|县|局|委|镇|省|高新区|开发区)(?:共|累计)?")


def _label_for(before: str, after: str) -> str:
    label = _SUBJECT_START.sub("", _cut_label(before))
    if len(label) < 2:
        return _cut_label(after, keep_start=True)[:12]
    verb = _VERB_END.search(label)
    if verb:
        following = _cut_label(after, keep_start=True)[:12]
        if following:
            return (label if len(label) <= 6 else verb.group()) + following
    return label


def _label_and_classify(text: str, metrics: list[Metric], catalogue: Catalogue) -> None:
    afters = [_clause_after(text, metric.end) for metric in metrics]
    phrases = catalogue.index(text, _neighbourhoods(metrics, afters))
    previous: Metric | None = None
    for index, metric in enumerate(metrics):
        clause_start, before = _clause_before(text, metric.start)
        # A metric that follows another in the same clause (…培训4场次近300人) counts
        # something new: its label is what follows it.
        if previous is not None and previous.end > clause_start:
            before = text[previous.end : metric.start]
        after = afters[index]
        label = _label_for(before, after)
        if len(label) < 2:  # 培训4场次近300人: the thing counted is in the clause before
            label = _label_for(
                text[clause_start : metric.start] if previous is None else _clause_before(text, previous.start)[1], ""
            )
        metric.label = label
        sentence_start = max(text.rfind("。", 0, metric.start), text.rfind("\n", 0, metric.start)) + 1
        after_end = metric.end + len(after)
        metric.indicator, metric.indicator_strength = phrases.classify(
            max(sentence_start, metric.start - _CONTEXT_BEFORE), metric.start, metric.end, after_end, metric.unit
        )
        if (
            metric.indicator is None
            and previous is not None
            and previous.indicator
            and previous.end > sentence_start
            and previous.unit == metric.unit
            and (_PROCEDURAL_STEP.fullmatch(label) or _CHANGE_TO.fullmatch(text[previous.end : metric.start]))
        ):
            # 收到…案件179宗,已依法予以受理164宗: a clause that names nothing new goes on
            # counting what the clause before it counted.
            metric.indicator = previous.indicator
            metric.indicator_strength = previous.indicator_strength
        whole = _whole_of_subset(text, metrics, index, sentence_start)
        if (
            whole is not None
            and whole.indicator
            and whole.unit == metric.unit
            and not _LATER_STEP.search(text, clause_start, metric.start)
        ):
            metric.indicator = whole.indicator  # 其中…: a part takes the indicator of its whole
            metric.indicator_strength = whole.indicator_strength
        if metric.indicator is not None and metric.indicator_strength < SURE_INDICATOR:
            # A catalogue word far from the number, or a generic one (满意率, 检查): the
            # indicator is a guess the reviewer should check.
            metric.confidence = min(metric.confidence, 0.7)
        previous = metric


# Below this strength (a phrase of 4 literal characters right before the number) an
# indicator is a guess: on the seeds and the dev set, most wrong indicators fall below it.
SURE_INDICATOR = 0.66
_CONTEXT_BEFORE = 50  # characters before a number searched for the words that name it


def _neighbourhoods(metrics: list[Metric], afters: list[str]) -> list[tuple[int, int]]:
    """The stretches of text whose words can name a metric: from up to 50 characters
    before each number to the end of the clause after it, merged."""
    regions: list[tuple[int, int]] = []
    for metric, after in zip(metrics, afters):
        lo = max(0, metric.start - _CONTEXT_BEFORE)
        hi = metric.end + len(after)
        if regions and lo <= regions[-1][1]:
            regions[-1] = (regions[-1][0], max(hi, regions[-1][1]))
        else:
            regions.append((lo, hi))
    return regions


def _whole_of_subset(text: str, metrics: list[Metric], index: int, sentence_start: int) -> Metric | None:
    """For a metric after 其中 in its sentence, the metric the 其中 divides (just before it)."""
    at = text.rfind("其中", sentence_start, metrics[index].start)
    if at < 0:
        return None
    for earlier in reversed(metrics[:index]):
        if earlier.end <= at:
            return earlier if earlier.start >= sentence_start else None
    return None
