"""Who issues a report and for which place: issuer, region, province and level.

ANNOTATION_GUIDE.md: the issuer is the body that issues the report; when the text does not
name it, it is the governing body of the region the report speaks for (X市人民政府, a
zone's 管委会), and null only when even the region is unknown. The rules, strongest
evidence first:

1. A body the text names as itself: the signature under the report, or the organisation
   its title starts with (汕尾市人民政府2020年…, 武汉市市场监管局2022年…).
2. A place the title starts with (静海区2023年度…): the report is that place's.
3. The speaker of the body: the subject of the opening sentence (2022年,区政府坚持…;
   …领导下,贤庠镇坚持…) or of 现将X…报告如下. A speaker may be named (铜梁区, 三张镇) or
   only a reference (区政府, 我镇, 省政府, 市市场监管局, 本局); a reference gives the tier
   (省, 市, 区, 县, 镇 …) and, for a department, its name.
4. For a reference, the place is the one of that tier the text mentions most (区政府 in a
   text that names 铜梁区 speaks for 铜梁区).

A 来源/发布机构 line names the site that published the page, not the issuer, so it is no
evidence here. Province and level come from the gazetteer entry of the place; a township
from the township table, a development zone from the place its name starts with.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from . import dates
from .gazetteer import Division, default_gazetteer
from .noise import Line, is_chrome_line
from .regex_cache import compile_regex
from .townships import TOWNSHIP_ENDINGS, Township, township_gazetteer


@dataclass
class FieldValue:
    """A field's value, how sure the extractor is, and the evidence span (normalised text)."""

    value: object
    confidence: float
    start: int | None = None
    end: int | None = None


GOVERNMENT_SUFFIXES = ("人民政府办公室", "人民政府办公厅", "人民政府", "管理委员会", "管委会", "行政公署", "街道办事处")
DEPARTMENT_SUFFIXES = ("委员会", "办公室", "办公厅", "局", "厅", "委", "办", "署", "院", "中心", "所")
ORG_SUFFIXES = GOVERNMENT_SUFFIXES + DEPARTMENT_SUFFIXES
_ORG_LINE = compile_regex(r"^[\u4e00-\u9fff()（）]{3,30}(?:" + "|".join(ORG_SUFFIXES) + r")$")
_TITLE_ORG = compile_regex(
    r"^([\u4e00-\u9fff]{2,30}?(?:" + "|".join(ORG_SUFFIXES) + r"))(?=[\d" + dates.CN_DIGITS + r"]{4}|关于)"
)

# The tier a reference names: 区政府 -> district, 我镇 -> township.
TIER_OF = {
    "省": "province",
    "自治区": "province",
    "市": "city",
    "州": "prefecture",
    "盟": "prefecture",
    "地区": "prefecture",
    "区": "district",
    "县": "county",
    "旗": "county",
    "镇": "township",
    "乡": "township",
    "街道": "township",
    "苏木": "township",
}
_TIER_CHARS = "自治区|街道|苏木|地区|省|市|州|盟|区|县|旗|镇|乡"
# Words that open the predicate after a subject (X坚持以…, X深入学习…).
_PREDICATE = (
    "坚持|深入|认真|全面|始终|持续|以|紧紧|积极|聚焦|围绕|大力|着力|在|高度|不断|切实|扎实|严格|"
    "把|将|按照|立足|贯彻|牢固|紧扣|强化|进一步|主动|牢牢|深学|全力|统筹|坚决|继续|锚定|对标|"
    "落实|法治|依法|紧密|精心|努力|着眼|注重|加快|加强|推进|扎扎实实|认真贯彻|不折不扣|"
    "党委|党工委|党组|各项|的|政府|人民政府|管委会|工委"
)
_FIRST_PERSON = compile_regex(r"^(?:我|本)(" + _TIER_CHARS + r"|局|厅|委|办)")
_UNNAMED_GOVERNMENT = compile_regex(r"^(" + _TIER_CHARS + r")(?:人民)?(?:政府|管委会|办事处)")
_UNNAMED_ZONE = compile_regex(r"^(?:区)?(?:管委会|管理委员会)")
# 县委、县政府 / 市委市政府 opening a sentence: the party committee and the government
# together; the government issues the report.
_PARTY_AND_GOVERNMENT = compile_regex(r"^(" + _TIER_CHARS + r")(?:党)?委(?:、|和|与|及)?\1?(?:人民)?政府")
# A department named by its tier and its name (市市场监管局, 省司法厅, 县公安局). Party and
# legislative organs (市委, 人大常委会) and the rule-of-law committees are not departments.
_UNNAMED_DEPARTMENT = compile_regex(r"^(省|市|州|区|县|旗)([\u4e00-\u9fff]{2,12}?(?:局|厅|委员会))")
_NOT_DEPARTMENT = compile_regex(r"^(?:委|人大|政协|纪委|法院|检察|党)|依法治|常委")
_YEAR_LEAD = compile_regex(
    r"^(?:(?:19|20)\d{2}年(?:度)?(?:以来|来)?|["
    + dates.CN_DIGITS
    + r"]{4}年(?:度)?(?:以来)?|今年以来|今年来|一年来|过去一年|近年来|近年|本年度|年内)"
)
_CLAUSE_SPLIT = compile_regex(r"[,，;；。:：!！?？]")
_THIS_REPORT = compile_regex(r"现[将就]([^。]{1,40}?)(?:(?:19|20)\d{2}|[" + dates.CN_DIGITS + r"]{4})年")
# Words ending in 镇/乡 that are no township (依法治镇, 城镇, 各乡镇).
_NOT_TOWNSHIP_BEFORE = frozenset("治城村集市乡各全本我该每名重小大强古")


@dataclass
class Speaker:
    """Who the report speaks as."""

    tier: str | None  # a key of the values of TIER_OF, or "zone"
    place: str | None = None  # the place as written (铜梁区); None for a bare reference
    department: str | None = None  # 市场监管局 when a department speaks
    issuer: str | None = None  # the issuing body as the text names it
    confidence: float = 0.8
    zone_suffix: str | None = None  # 高新区 when the speaker is "the zone" by its kind
    start: int | None = None
    end: int | None = None


# ---------------------------------------------------------------- places in names and texts


@lru_cache(maxsize=2)
def _zone_pattern(suffixes: tuple[str, ...]) -> re.Pattern[str]:
    return compile_regex(r"([\u4e00-\u9fff]{2,6}?)(" + "|".join(map(re.escape, suffixes)) + r")")


def zone_names(text: str) -> Counter[str]:
    """Development-zone names as written (仲恺高新区), counted; a name is its shortest spelling."""
    pattern = _zone_pattern(default_gazetteer().zone_suffixes)
    counts: Counter[str] = Counter()
    for match in pattern.finditer(text):
        head = match.group(1)
        for size in range(2, len(head) + 1):  # every left boundary: the true name recurs most
            counts[head[-size:] + match.group(2)] += 1
    return counts


def _is_zone(name: str) -> bool:
    gazetteer = default_gazetteer()
    return (
        not gazetteer.lookup(name)
        and gazetteer.zone_suffix_at(name, len(name)) is not None
        and len(name) > len(gazetteer.zone_suffix_at(name, len(name)) or "")
    )


def _is_township(name: str) -> bool:
    return name.endswith(TOWNSHIP_ENDINGS) and len(name) >= 3 and not default_gazetteer().lookup(name)


def place_in(name: str) -> tuple[str, Division | None, str | None]:
    """The place an organisation or title names at its start: (place, division, level)."""
    gazetteer = default_gazetteer()
    mentions = gazetteer.find_in(name)
    zones = [z for z in zone_names(name) if name[:12].find(z) >= 0]
    if zones:
        zone = min(zones, key=lambda z: (name.find(z), len(z)))
        if not mentions or name.find(zone) + len(zone) > mentions[-1][1]:
            return zone, None, "zone"
    township = _township_at_start(name)
    if township and (not mentions or mentions[0][0] > 0 or len(township) > mentions[0][1]):
        return township, None, "township"
    if mentions:
        # The most specific (last) division in a run like 江苏省南通市如皋市 is the place.
        start, end, division = mentions[0]
        while len(mentions) > 1 and mentions[1][0] == end:
            mentions = mentions[1:]
            start, end, division = mentions[0]
        if township and name.startswith(division.name) and name[end:].startswith(township[len(division.name) :]):
            return township, None, "township"
        return division.name, division, division.level
    return "", None, None


_TOWNSHIP_SUFFIX = compile_regex("镇|乡|街道|苏木")


def _township_at_start(name: str) -> str | None:
    """A township name at the start of ``name`` (贤庠镇…, 东华门街道…), from the table, or of
    the shape 2-4 characters + 镇/乡/街道 when the table lacks it. A county or prefecture
    written before it (象山县贤庠镇) is skipped."""
    if not _TOWNSHIP_SUFFIX.search(name, 0, 22):
        return None  # the township table is read only for names that can hold a township
    found = township_gazetteer().find_in(name[:20])
    if found and found[0][0] == 0:
        return found[0][2]
    division_end = 0
    for start, end, _ in default_gazetteer().find_in(name[:20]):
        if start == division_end:
            division_end = end
    if found and found[0][0] == division_end:
        return found[0][2]
    match = re.match(r"[\u4e00-\u9fff]{2,4}?(?:街道|镇|乡)", name[division_end:])
    if match and match.group()[-2] not in _NOT_TOWNSHIP_BEFORE and not default_gazetteer().lookup(match.group()):
        return match.group() if division_end == 0 else name[: division_end + match.end()]
    return None


def province_votes(text: str) -> Counter[str]:
    """Provinces the text points to: full names of provinces and prefectures, 法治X."""
    votes: Counter[str] = Counter()
    gazetteer = default_gazetteer()
    for division in gazetteer.upper_mentions(text):
        votes[division.province] += 1
    for match in re.finditer(r"法治([\u4e00-\u9fff]{2,3})", text):
        for size in (3, 2):
            province = gazetteer.province_of_short(match.group(1)[:size])
            if province:
                votes[province.name] += 1
                break
    return votes


def choose_division(candidates: list[Division], text: str) -> Division | None:
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    votes = province_votes(text)
    return max(candidates, key=lambda d: (votes[d.province], d.level == "prefecture"))


def _choose_township(candidates: tuple[Township, ...], text: str) -> tuple[Township | None, bool]:
    """The township a text means, and whether the text itself names its county, prefecture
    or province (else the table alone decided, which a reviewer should check)."""
    if not candidates:
        return None, False
    gazetteer = default_gazetteer()

    def support(t: Township) -> int:
        score = 0
        for name in (t.county, t.prefecture, t.province):
            if not name:
                continue
            divisions = gazetteer.lookup(name)
            short = divisions[0].short if divisions else name
            if name in text or (len(short) >= 2 and short in text):
                score += 1
        return score

    scored = sorted(((support(t), i, t) for i, t in enumerate(candidates)), key=lambda s: (-s[0], s[1]))
    best_score, _, best = scored[0]
    if best_score == 0 and len(candidates) > 1:
        return None, False  # a common name (城关镇) the text does not place
    if len(scored) > 1 and scored[1][0] == best_score:
        return None, False
    return best, best_score > 0


def _parent_tier_contradicts(township: Township, text: str) -> bool:
    """The text names the township's superior as a district (区委、区政府) or as a county
    (县委、县政府) and the table's county is of the other kind: a different township."""
    says_district = bool(re.search(r"区委|区政府", text))
    says_county = bool(re.search(r"县委|县政府", text))
    if says_district == says_county:
        return False
    return township.county.endswith("区") != says_district


# ---------------------------------------------------------------- the speaker


def _subject_of(clause: str, offset: int, needs_predicate: bool = True) -> Speaker | None:
    """The speaker a clause starts with, if it starts with one. In running text a subject is
    followed by its predicate (区政府坚持…); after 现将 the reference stands alone."""
    clause = _YEAR_LEAD.sub("", clause).lstrip(" ,，、")
    shift = offset
    if not clause:
        return None
    speaker = _reference_at_start(clause, shift)
    if speaker is None or not needs_predicate or speaker.place:
        return speaker
    rest = clause[(speaker.end or shift) - shift :]
    return speaker if re.match(r"(?:、|和)?(?:" + _PREDICATE + ")", rest) else None


def _reference_at_start(clause: str, shift: int) -> Speaker | None:
    match = _FIRST_PERSON.match(clause)
    if match:
        char = match.group(1)
        if char in ("局", "厅", "委", "办"):
            return Speaker(None, department=char, start=shift, end=shift + match.end(), confidence=0.6)
        return Speaker(TIER_OF[char], start=shift, end=shift + match.end(), confidence=0.7)
    match = _UNNAMED_DEPARTMENT.match(clause)
    if match and not _NOT_DEPARTMENT.search(match.group(2)):
        return Speaker(
            TIER_OF[match.group(1)], department=match.group(2), start=shift, end=shift + match.end(), confidence=0.7
        )
    match = _UNNAMED_GOVERNMENT.match(clause) or _PARTY_AND_GOVERNMENT.match(clause)
    if match:
        return Speaker(TIER_OF[match.group(1)], start=shift, end=shift + match.end(), confidence=0.7)
    if _UNNAMED_ZONE.match(clause):
        return Speaker("zone", start=shift, end=shift + 3, confidence=0.7)
    suffix = next((z for z in default_gazetteer().zone_suffixes if clause.startswith(z)), None)
    if suffix and re.match(r"(?:管委会|管理委员会)?(?:" + _PREDICATE + ")", clause[len(suffix) :]):
        return Speaker(
            "zone", department=None, start=shift, end=shift + len(suffix), confidence=0.7, zone_suffix=suffix
        )
    place, division, level = place_in(clause[:30])
    if place and clause.startswith(place):
        rest = clause[len(place) :]
        department = re.match(r"([\u4e00-\u9fff]{2,12}?(?:局|厅|委员会))", rest)
        if (
            department
            and not _NOT_DEPARTMENT.search(department.group(1))
            and re.match(r"(?:" + _PREDICATE + ")", rest[department.end() :])
        ):
            return Speaker(
                level,
                place=place,
                department=department.group(1),
                start=shift,
                end=shift + len(place) + department.end(),
                confidence=0.8,
            )
        if re.match(r"(?:" + _PREDICATE + ")", rest):
            return Speaker(level, place=place, start=shift, end=shift + len(place), confidence=0.8)
    return None


def _opening_clauses(lines: list[Line], header_end: int) -> list[tuple[str, int]]:
    """Clauses of the preamble (the running text before the first numbered heading)."""
    clauses: list[tuple[str, int]] = []
    taken = 0
    # From the top: a first paragraph without 。 (…现将情况报告如下:) counts as a header line.
    for line in lines[: header_end + 6]:
        if re.match(r"^[一二三四五六七八九十]+[、.．]", line.text) or taken > 600:
            break
        if is_chrome_line(line):
            continue
        position = 0
        for piece in _CLAUSE_SPLIT.split(line.text):
            clauses.append((piece.strip(), line.start + position))
            position += len(piece) + 1
        taken += len(line.text)
    return clauses


def find_speaker(text: str, lines: list[Line], header_end: int) -> Speaker | None:
    """The subject the report's opening speaks as; a named one beats a bare reference."""
    found: list[Speaker] = []
    for match in _THIS_REPORT.finditer(text[:3000]):
        speaker = _subject_of(re.sub(r"^(?:有关|全)", "", match.group(1)), match.start(1), needs_predicate=False)
        if speaker:
            found.append(speaker)
            break
    skipped = 0
    for clause, offset in _opening_clauses(lines, header_end):
        if not clause:
            continue
        speaker = _subject_of(clause, offset)
        if speaker:
            found.append(speaker)
            break
        skipped += 1
        if skipped >= 4:
            break
    named = [s for s in found if s.place]
    if named:
        return named[0]
    if found:
        return found[0]
    # Fallback: the first person the text speaks in most (我县 …, 本局 …).
    counts = Counter(m.group(1) for m in re.finditer(r"[我本](" + _TIER_CHARS + r"|局|厅)", text))
    if counts:
        char = counts.most_common(1)[0][0]
        if char in ("局", "厅"):
            return Speaker(None, department=char, confidence=0.5)
        return Speaker(TIER_OF[char], confidence=0.6)
    return None


def _tier_matches(tier: str | None, division: Division) -> bool:
    name, level = division.name, division.level
    if tier == "province":
        return level == "province"
    if tier == "city":
        return name.endswith("市") and level in ("prefecture", "county", "province")
    if tier == "prefecture":
        return level == "prefecture"
    if tier == "district":
        return level == "district"
    if tier == "county":
        return level == "county" and not name.endswith("市")
    return False


_UNDER_LEADERSHIP = compile_regex(r"在[^。,，;；]{0,40}?(?:领导|指导|关心|支持|监督)下")


def _place_for_tier(tier: str | None, text: str, suffix: str | None = None) -> tuple[str, float] | None:
    """The place of ``tier`` the text mentions most (the earliest of equals), and how often.
    The superiors a report works under (在苏州市委、市政府的领导下) are not counted."""
    gazetteer = default_gazetteer()
    if tier != "province":
        text = _UNDER_LEADERSHIP.sub("", text)
    if tier == "province":
        votes = province_votes(text)
        for _, _, division in gazetteer.find_in(text):
            if division.level in ("county", "district"):
                votes[division.province] += 1
        return votes.most_common(1)[0] if votes else None
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    if tier is None:  # 本局: a department of some place, the one the text names most
        for start, _, division in gazetteer.find_in(text):
            counts[division.name] += 1
            first.setdefault(division.name, start)
        for match in re.finditer(r"法治([\u4e00-\u9fff]{2,3})", text):  # 法治武汉
            for division in gazetteer.lookup_short(match.group(1)[:2]):
                counts[division.name] += 1
                first.setdefault(division.name, match.start())
    elif tier == "township":
        for start, _, name in township_gazetteer().find_in(text):
            counts[name] += 1
            first.setdefault(name, start)
        if not counts:
            for name, count in _township_shapes(text).items():
                counts[name] += count
                first.setdefault(name, text.find(name))
    elif tier == "zone":
        for name, count in zone_names(text).items():
            # A zone of the speaker's own kind (高新区 speaks, 西安高新区 is named) counts once
            # named; any other name ending like a zone must recur to be taken for the speaker.
            if (count >= 1 and suffix is not None and name.endswith(suffix)) or (count >= 2 and suffix is None):
                counts[name] += count
                first.setdefault(name, text.find(name))
    else:
        for start, _, division in gazetteer.find_in(text):
            if _tier_matches(tier, division):
                counts[division.name] += 1
                first.setdefault(division.name, start)
    if not counts:
        return None
    best = max(counts, key=lambda n: (counts[n], -first[n], len(n)))
    return best, counts[best]


def _township_shapes(text: str) -> Counter[str]:
    """Names of the shape 2-3 characters + 镇/乡/街道, counted by the spelling that recurs."""
    counts: Counter[str] = Counter()
    for match in re.finditer(r"([\u4e00-\u9fff]{2,3})(街道|镇|乡)", text):
        head, suffix = match.groups()
        if head[-1] in _NOT_TOWNSHIP_BEFORE:
            continue
        for size in (2, 3):
            if size <= len(head):
                counts[head[-size:] + suffix] += 1 if size == 2 else 0.9  # type: ignore[assignment]  # a suffix of two characters weighs 1, longer 0.9
    return Counter({k: v for k, v in counts.items() if v >= 1.8})


# ---------------------------------------------------------------- the fields


def _named_body(lines: list[Line], title: FieldValue | None, body_end: int) -> Speaker | None:
    for line in reversed(lines[body_end : body_end + 8]):
        if _ORG_LINE.match(line.text) and not is_chrome_line(line) and place_in(line.text)[0]:
            return Speaker(None, issuer=line.text, confidence=0.9, start=line.start, end=line.end)
    title_text = title.value if title else None
    if title is not None and isinstance(title_text, str):
        match = _TITLE_ORG.match(title_text)
        if match and place_in(match.group(1))[0]:
            return Speaker(None, issuer=match.group(1), confidence=0.9, start=title.start, end=title.end)
        place, _, level = place_in(title_text)
        if place and _title_opens_with(title_text, place):
            return Speaker(level, place=place, confidence=0.85, start=title.start, end=title.end)
    return None


_TITLE_LEAD = compile_regex(r"^(?:关于)?(?:(?:19|20)\d{2}|[" + dates.CN_DIGITS + r"]{4})?年?度?")


def _title_opens_with(title: str, place: str) -> bool:
    """Does the title begin with ``place``, after 关于, a year, or the place's province and
    prefecture (关于静海区…, 2020年静海区…, 江苏省南通市如皋市…)?"""
    lead = _TITLE_LEAD.match(title)
    assert lead is not None  # every part of the pattern is optional: it matches any title
    at = lead.end()
    where = title.find(place, at)
    if where < 0 or where - at > 12:
        return False
    end = at
    for start, stop, _ in default_gazetteer().find_in(title[at:where]):
        if at + start != end:
            return False
        end = at + stop
    return end == where


def find_place_fields(
    text: str, lines: list[Line], title: FieldValue | None, header_end: int, body_end: int
) -> dict[str, FieldValue]:
    gazetteer = default_gazetteer()
    speaker = _named_body(lines, title, body_end) or find_speaker(text, lines, header_end)
    if speaker is None:
        return {}

    place, division, level = "", None, None
    confidence = speaker.confidence
    if speaker.issuer:
        place, division, level = place_in(speaker.issuer)
    elif speaker.place:
        place, division, level = place_in(speaker.place)
    else:
        found = _place_for_tier(speaker.tier, text, speaker.zone_suffix)
        if found:
            place, mentions = found
            # A place the text names more than once is the reference's own more surely.
            confidence = round(confidence + (0.1 if mentions >= 2 else 0.0), 2)
            place, division, level = place_in(place)
    if not place:
        return {}

    province: str | None = None
    province_confidence = confidence
    if division is not None:
        division = choose_division(gazetteer.lookup(division.name), text) or division
        province = division.province
    elif level == "township":
        township, placed = _choose_township(township_gazetteer().lookup(place), text)
        if township and not _parent_tier_contradicts(township, text):
            province = township.province
            province_confidence = 0.85 if placed else 0.6
    elif level == "zone":
        inner = gazetteer.find_in(place)
        if inner and inner[0][0] == 0:
            province = inner[0][2].province
        else:  # 北京经济技术开发区, 苏州高新区: the province or city its name starts with
            for size in (3, 2):
                found_province = gazetteer.province_of_short(place[:size])
                named = gazetteer.lookup_short(place[:size])
                # 西安 is a city and two districts' short name: a zone is named after the city
                cities = [c for c in named if c.level == "prefecture"] or named
                if found_province:
                    province = found_province.name
                    break
                if len({c.province for c in cities}) == 1:
                    province = cities[0].province
                    break
    if province is None:
        votes = province_votes(text.replace(place, ""))
        if votes:
            province = votes.most_common(1)[0][0]
            province_confidence = 0.7

    if speaker.issuer:
        issuer = speaker.issuer
    elif speaker.department and len(speaker.department) > 1:
        issuer = place + speaker.department
    elif speaker.department:
        issuer = None  # 本局: a department whose name the text does not give
    elif level == "zone":
        issuer = place + "管委会"
    elif place.endswith("街道"):
        issuer = place + "办事处"
    else:
        issuer = place + "人民政府"
    if speaker.department or (
        speaker.issuer
        and not speaker.issuer.endswith(GOVERNMENT_SUFFIXES)
        and speaker.issuer.endswith(DEPARTMENT_SUFFIXES)
    ):
        level = "department"

    out: dict[str, FieldValue] = {"region": FieldValue(place, confidence)}
    if issuer:
        out["issuer"] = FieldValue(
            issuer, confidence if not speaker.issuer else speaker.confidence, speaker.start, speaker.end
        )
    if province:
        out["province"] = FieldValue(province, min(province_confidence, 0.95))
    if level:
        out["level"] = FieldValue(level, confidence)
    return out
