"""Rules behind :mod:`outline`: heading patterns, run-in heading test, part vocabulary,
sentences that open a part, and the signature block.

Everything here works on one line (or one title) of the normalised view at a time; the
walk over the whole report is in :mod:`outline`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .noise import Line, is_chrome_line
from .regex_cache import compile_regex
from .resources import read_word_lists

# ---------------------------------------------------------------- numerals

_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "一二三四五六七八九十"


def cn_to_int(numeral: str) -> int | None:
    """一 -> 1, 十二 -> 12, 二十 -> 20, 二十三 -> 23 (up to 99); None if not a numeral."""
    single = _CN_DIGIT.get(numeral)
    if single is not None:  # the usual case, looked up first
        return single
    if not numeral:
        return None
    if numeral.isdigit():
        return int(numeral)
    if "十" in numeral:
        tens, _, units = numeral.partition("十")
        if "十" in units:
            return None
        t = _CN_DIGIT.get(tens, -1) if tens else 1
        u = _CN_DIGIT.get(units, -1) if units else 0
        return None if t < 0 or u < 0 else t * 10 + u
    return None


def int_to_cn(value: int) -> str:
    if value <= 0 or value >= 100:
        return str(value)
    tens, units = divmod(value, 10)
    out = ""
    if tens:
        out = ("" if tens == 1 else _CN[tens - 1]) + "十"
    if units:
        out += _CN[units - 1]
    return out


# ---------------------------------------------------------------- numbered headings

# Each pattern matches at the start of a (stripped) line and leaves the title after it. They
# are keyed by the first character they accept: a line is tried only against those.
_L1 = (1, compile_regex(rf"(?P<n>[{_CN}]{{1,3}})\s*[、.]\s*(?=\S)"))
_L1_PART = (1, compile_regex(rf"第(?P<n>[{_CN}]{{1,3}})部分[、.:\s]*(?=\S)"))
_L2 = (2, compile_regex(rf"\(\s*(?P<n>[{_CN}]{{1,3}})\s*\)\s*(?=\S)"))
_L3 = (3, compile_regex(r"(?P<n>\d{1,2})\s*(?:、|\.(?!\d))\s*(?=\S)"))
_L4 = (4, compile_regex(r"\(\s*(?P<n>\d{1,2})\s*\)\s*(?=\S)"))
HEADING_PATTERNS: dict[str, tuple[tuple[int, re.Pattern[str]], ...]] = {
    **dict.fromkeys(_CN, (_L1,)),
    "第": (_L1_PART,),
    "(": (_L2, _L4),
    **dict.fromkeys("0123456789", (_L3,)),
}

# Mojibake-repaired lines whose number was destroyed: `(醛...` (number and bracket fused into
# one character), `)完善...` (bracket and number lost).
_GARBLED_L2 = (
    compile_regex(rf"\((?P<junk>[^\s()\d{_CN}])(?=[\u3400-\u9fff])"),
    compile_regex(r"\)(?=[\u3400-\u9fff\ufffd])"),
)
_GARBLED_L1 = compile_regex(rf"(?P<junk>[^\s{_CN}\d(])?、(?=[\u3400-\u9fff])")

_TITLE_TRAIL = " \t\u3000,,、;;::.。!!??-—…"


_RUN_IN_COLON = compile_regex(r"[:：](?=\s*\S)")


def heading_title(rest: str) -> str:
    """A heading's title: the text up to the first 。, without trailing punctuation. A colon
    with text after it ends the title too (一、成效显著:我镇坚持…): run-in text follows."""
    cut = rest.find("。")
    title = rest if cut < 0 else rest[:cut]
    colon = _RUN_IN_COLON.search(title)
    if colon:
        title = title[: colon.start()]
    return title.strip().rstrip(_TITLE_TRAIL).strip()


def numbered_heading(text: str) -> tuple[int, str, int] | None:
    """(level, bare number, offset of the title) when ``text`` opens with a heading number."""
    patterns = HEADING_PATTERNS.get(text[:1])
    if patterns is None:
        return None
    for level, pattern in patterns:
        match = pattern.match(text)
        if match is None:
            continue
        number = match.group("n")
        value = cn_to_int(number)
        if value is None or value == 0 or value > 60:
            continue
        return level, number, match.end()
    return None


def garbled_heading(text: str) -> tuple[int, int] | None:
    """(level, title offset) for a repaired line whose heading number was destroyed."""
    for pattern in _GARBLED_L2:
        match = pattern.match(text)
        if match is not None:
            return 2, match.end()
    match = _GARBLED_L1.match(text)
    if match is not None:
        return 1, match.end()
    return None


# ---------------------------------------------------------------- run-in headings (一是)

# `一是` / `(1)` opening a sentence: at the line start or after 。 : ; ! ? (checked in Python:
# a look-behind in the pattern would be tried at every character).
_RUNIN_CORE = compile_regex(rf"[{_CN}(](?:(?<=[{_CN}])[{_CN}]?是|(?<=\()\d{{1,2}}\))(?=[^\s,,。;;])")
_RUNIN_AFTER = frozenset("。:;!?\n")


def _opens_sentence(text: str, pos: int, after: frozenset[str] = _RUNIN_AFTER) -> bool:
    """``pos`` is at the start of ``text`` or after one of ``after`` (spaces between)."""
    j = pos - 1
    while j >= 0 and text[j] in " \t\u3000":
        j -= 1
    return j < 0 or text[j] in after


_RUNIN_FIRST = frozenset(_CN + "(")


def runin_matches(text: str, start: int = 0) -> list[re.Match[str]]:
    """`一是` / `(1)` items that open a sentence, from ``start`` on."""
    # The pattern is tried only where an item can start: one or two characters before a 是,
    # or at a (. str.find jumps to those far faster than the pattern's first-character set
    # tests every character. An item opening a sentence overlaps no other match (none of its
    # characters ends a sentence), so these are the matches finditer would give.
    # Most 是 follow no numeral: testing the character before it here spares the set and the sort.
    first = _RUNIN_FIRST
    starts: set[int] = set()
    hit = text.find("是", start)
    while hit >= 0:
        if hit - 1 >= start and text[hit - 1] in first:
            starts.add(hit - 1)
        if hit - 2 >= start and text[hit - 2] in first:
            starts.add(hit - 2)
        hit = text.find("是", hit + 1)
    hit = text.find("(", start)
    while hit >= 0:
        starts.add(hit)
        hit = text.find("(", hit + 1)
    if not starts:
        return []
    found = []
    for pos in sorted(starts):
        match = _RUNIN_CORE.match(text, pos)
        if match is not None and _opens_sentence(text, pos):
            found.append(match)
    return found


def runin_number(match: re.Match[str]) -> tuple[str, int | None]:
    """(number as written, 一是 or 1; its value) of a run-in match."""
    raw = match.group()
    if raw.startswith("("):
        digits = raw[1:-1]
        return digits, int(digits)
    return raw, cn_to_int(raw[:-1])


def starts_with_runin(text: str) -> bool:
    match = _RUNIN_CORE.match(text)
    return match is not None


RUNIN_MAX_TITLE = 55  # chars: a longer first sentence is prose, not a heading
STANDALONE_MAX_TITLE = 30  # a 一是 line with no body of its own, followed by a paragraph
INFERRED_RUNIN_MAX_TITLE = 30

_QUOTED = compile_regex(r"《[^》]*》|“[^”]*”|\"[^\"]*\"|\d{4}(?:-\d{4})?年度?")
# a number with a unit or measure word: a result (100%, 52件), not a name (12345热线, 5+2)
_FIGURE = compile_regex(r"\d+(?:\.\d+)?\s*(?:%|‰|[万亿千百个项件次人名家宗条场份户元起批类部所天月日台套笔期支])")
_ENUM_INSIDE = compile_regex(rf"[,,:;][{_CN}]是")


def has_enum_inside(text: str) -> bool:
    """`,二是` inside ``text``: a list of items, not one title."""
    return "是" in text and _ENUM_INSIDE.search(text) is not None  # `in` first: far faster


_DIGIT = compile_regex(r"\d")


def has_figures(title: str) -> bool:
    """A counted figure outside book titles, quotes and years: the sentence reports results."""
    if _DIGIT.search(title) is None:  # most titles: one quick scan instead of the two below
        return False
    return _FIGURE.search(_QUOTED.sub("", title)) is not None


def runin_title(
    item: str, *, standalone: bool = False, bare: bool = False, max_len: int = RUNIN_MAX_TITLE
) -> str | None:
    """Title of a run-in heading item (text after `一是`), or None when it is not a heading.

    A heading is a short title-like phrase closed by 。 and followed by more sentences of the
    same item; ``standalone`` allows an item that is a whole short line followed by its
    body on the next lines; ``bare`` allows a one-sentence item (used when its siblings are
    headings: a terse item of a heading list).
    """
    cut = item.find("。")
    if cut < 0:
        if not standalone:
            return None
        title, rest = item, ""
    else:
        title, rest = item[:cut], item[cut + 1 :]
    title = title.strip().rstrip(_TITLE_TRAIL).strip()
    if not title or ";" in title or ":" in title or has_enum_inside(title):
        return None
    if has_figures(title):
        return None
    if len(rest.strip()) >= 4:
        return title if len(title) <= max_len else None
    if standalone and len(title) <= STANDALONE_MAX_TITLE:
        return title
    if bare and cut >= 0 and len(title) <= max_len:
        return title
    return None


def first_sentence(text: str) -> tuple[str, int] | None:
    """(sentence without its 。, offset just after the 。) or None without a full stop."""
    cut = text.find("。")
    if cut < 0:
        return None
    return text[:cut], cut + 1


# ---------------------------------------------------------------- paraphrased headings

INFERRED_L1_MAX = 80  # a heading line that lost its number: one short sentence
INFERRED_L1_MAX_UNNUMBERED = 40  # when the report has no numbered top-level heading at all
_NOT_HEADING_END = compile_regex(r"[:;,,、]$")
_INTRO = compile_regex(r"如下|报告$")  # an introduction to a list, a report's own title


def heading_like_line(text: str, max_len: int = INFERRED_L1_MAX) -> bool:
    """A line that reads as a heading: one short sentence (at most a final 。), no figures."""
    if not 4 <= len(text) <= max_len:
        return False
    stops = text.count("。")
    if stops > 1 or (stops == 1 and not text.endswith("。")):
        return False
    if _NOT_HEADING_END.search(text) or _INTRO.search(text):
        return False
    if "?" in text or "!" in text or starts_with_runin(text):
        return False
    return not has_figures(text)


# ---------------------------------------------------------------- parts

PART_RANK = {"achievements": 0, "leader_duty": 0, "shortcomings": 1, "next_year": 2, "other": 3}
TOP_ORDER = ("shortcomings", "other", "next_year", "leader_duty")
STRONG_ORDER = ("shortcomings", "next_year", "leader_duty", "achievements")
STRONG_TITLE_MAX = 40  # a long first-sentence title is prose: its words do not name a part
PART_LINE_MAX = 30  # an unnumbered line naming a part (存在的问题和不足) is short


@lru_cache(maxsize=1)
def part_vocabulary() -> dict[str, re.Pattern[str]]:
    sections = read_word_lists("outline/part_headings.txt")
    sections.pop("", None)  # entries before the first [part] name no part
    vocab = {name: compile_regex("|".join(f"(?:{w})" for w in words)) for name, words in sections.items() if words}
    # any word of a section that can name a part: most titles match none and stop here
    for suffix in ("", ".strong"):
        words = [
            w
            for name, ws in sections.items()
            if name.count(".") == (1 if suffix else 0) and name.endswith(suffix)
            for w in ws
        ]
        vocab["*" + suffix] = compile_regex("|".join(f"(?:{w})" for w in words))
    return vocab


@lru_cache(maxsize=4096)
def classify_top_heading(title: str) -> str | None:
    """The part a top-level heading names, or None for a topic heading (achievements)."""
    vocab = part_vocabulary()
    if not vocab["*"].search(title):
        return None
    for part in TOP_ORDER:
        pattern = vocab.get(part)
        if pattern is None or not pattern.search(title):
            continue
        veto = vocab.get(part + ".not")
        if veto is not None and veto.search(title):
            continue
        return part
    return None


@lru_cache(maxsize=4096)
def classify_sub_heading(title: str) -> str | None:
    """The part a lower-level heading names outright (narrow wording), or None."""
    if len(title) > STRONG_TITLE_MAX:
        return None
    vocab = part_vocabulary()
    if not vocab["*.strong"].search(title):
        return None
    for part in STRONG_ORDER:
        pattern = vocab.get(part + ".strong")
        if pattern is not None and pattern.search(title):
            return part
    return None


def may_switch(parent: str, child: str) -> bool:
    """A sub-heading may switch between achievements and leader duty, or move forward."""
    if parent == child:
        return False
    if PART_RANK[parent] == 0 and PART_RANK[child] == 0:
        return True
    return PART_RANK[child] > PART_RANK[parent] and child != "other"


# Sentences that open a part where no heading does. Each pattern is searched in the whole
# text from a rare anchor word; the sentence around a hit is checked in Python.
_SENTENCE_END = frozenset("。!?\n")
# `…取得一定成效,但也存在一些不足`: the turn, then the concession before it in the sentence.
_TURN_TO_SHORTCOMING = compile_regex(
    r"(?:但|然而|不过)[^。\n]{0,20}?(?:存在|尚存|仍有|还有|也有|依然有|面临)[^。\n]{0,12}?"
    r"(?:不足|短板|弱项|差距|薄弱|问题|困难|短处)"
)
_CONCESSION = compile_regex(r"虽然?|尽管|虽有|取得了?[^。]{0,12}?(?:成效|成绩|进步|进展|提升)|有所(?:进步|提升|提高)")
CONCESSION_MAX_LEAD = 50  # chars from the sentence start to the concession
# Sentence-initial openers.
_SHORTCOMING_START = compile_regex(  # alternatives spelt out: the engine then scans fast
    r"存在的?(?:主要)?(?:问题|不足)[是有:,,]|主要问题[是有:,,]|问题和不足[是有:,,]|不足之处[是有:,,]"
    r"|同时[,,]?(?:我们)?也?要?(?:清醒|清楚)地?(?:认识|看)到|但[,,]?(?:我们)?也?要?(?:清醒|清楚)地?(?:认识|看)到"
)
_NEXT_YEAR_START = compile_regex(r"下一步[,,:]|今后[,,一]|新的一年|展望20\d\d")
# `2024年,我们将…` / `2024年,全市将继续…`: found from 将 (rarer than years), then the year.
_WILL = compile_regex(r"将")
_YEAR_WILL = compile_regex(
    r"(?:20\d\d|二[〇零○][一二三四五六七八九〇零○]{2})年度?[,,]?"
    r"(?:[^。,,\n]{0,12}?(?:我们|我[市区县局委院镇州省厅办])将|[^。,,\n]{0,6}?将(?:继续|进一步|着力|坚持|重点|深入|全面))"
)
YEAR_WILL_REACH = 22  # the longest _YEAR_WILL match before its 将
# `江门市当前及未来一段时期,…`: a period phrase near the sentence start.
_PERIOD = compile_regex(r"(?:当前|今后|未来)(?:及|和|以及)?(?:今后|未来)?一(?:个|段)(?:时期|阶段)")
PERIOD_MAX_LEAD = 10


_SENTENCE_MAX = 400  # look no further back for the start of a sentence


def _sentence_start(text: str, pos: int) -> int:
    """Start of the sentence holding ``pos`` (after 。 ! ? or a line break, spaces skipped)."""
    low = max(0, pos - _SENTENCE_MAX)
    j = max(text.rfind(end, low, pos) for end in _SENTENCE_END) + 1
    if j == 0:
        j = low
    while j < pos and text[j] in " \t\u3000":
        j += 1
    return j


# One pass over the text finds the anchor words; each hit is checked by its own pattern.
_ANCHOR = compile_regex(r"但|然而|不过|存在|主要问题|问题和不足|不足之处|同时|下一步|今后|新的一年|展望|当前|未来|将")
_TURN_WORDS = frozenset(("但", "然而", "不过"))
_PERIOD_WORDS = frozenset(("当前", "今后", "未来"))
_NEXT_WORDS = frozenset(("下一步", "今后", "新的一年", "展望"))


@lru_cache(maxsize=8)
def sentence_openers(text: str) -> tuple[tuple[int, str], ...]:
    """(offset, part) of the sentences in ``text`` that open shortcomings or next_year."""
    found: dict[int, str] = {}
    for anchor in _ANCHOR.finditer(text):
        word, pos = anchor.group(), anchor.start()
        if word == "将":
            start = _sentence_start(text, pos)
            if pos - start <= YEAR_WILL_REACH and _YEAR_WILL.match(text, start) is not None:
                found.setdefault(start, "next_year")
            continue
        if word in _TURN_WORDS and _TURN_TO_SHORTCOMING.match(text, pos) is not None:
            start = _sentence_start(text, pos)
            lead = _CONCESSION.search(text, start, pos)
            if lead is not None and lead.start() - start <= CONCESSION_MAX_LEAD:
                found.setdefault(start, "shortcomings")
                continue
        if word in _PERIOD_WORDS and _PERIOD.match(text, pos) is not None:
            start = _sentence_start(text, pos)
            prefix = text[start:pos]
            if len(prefix) <= PERIOD_MAX_LEAD and "," not in prefix and "," not in prefix:
                found.setdefault(start, "next_year")
                continue
        if not _opens_sentence(text, pos, _SENTENCE_END):
            continue
        if word in _NEXT_WORDS:
            if _NEXT_YEAR_START.match(text, pos) is not None:
                found.setdefault(pos, "next_year")
        elif _SHORTCOMING_START.match(text, pos) is not None:
            found.setdefault(pos, "shortcomings")
    return tuple(sorted(found.items()))


# ---------------------------------------------------------------- signature and trailer

_ISSUER_LINE = compile_regex(
    r"^[\u3400-\u9fff()]{2,40}(?:人民政府|政府|委员会|办公室|管委会|管理委员会|局|厅|院|办|处|所|中心|委|队)"
    r"(?:\s*\(?(?:盖章|印章)\)?)?$"
)
_DATE_LINE = compile_regex(
    r"^(?:\d{4}|[〇零○O一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"(?:\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?$|^\d{4}[-./]\d{1,2}[-./]\d{1,2}$"
)
_FILE_LINE = compile_regex(r"〔\d{4}〕\d+号|\.(?:docx?|pdf|wps|xlsx?)$|^附件")
TRAILER_MAX = 40


def signature_like(line: Line) -> bool:
    text = line.text
    return bool(_ISSUER_LINE.match(text) or _DATE_LINE.match(text) or _FILE_LINE.search(text) or is_chrome_line(line))


def trailer_start(lines: list[Line]) -> int | None:
    """Index of the first line of the closing signature block and trailing page chrome."""
    i = len(lines)
    while i > 0:
        line = lines[i - 1]
        short = len(line.text) <= TRAILER_MAX and "。" not in line.text
        if not (short or is_chrome_line(line)):
            break
        if numbered_heading(line.text) is not None:
            break
        i -= 1
    for j in range(i, len(lines)):
        if signature_like(lines[j]):
            return j
    return None
