"""Checks over a report's items: each fires on a bad case and stays quiet on a good one."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from desktop.core.checks import STATUTORY_PARTS, Problem, check_report, validate_field

GOLD_DIR = Path(__file__).resolve().parent.parent / "data" / "gold"


# --------------------------------------------------------------------------- item builders


class Items:
    """Item rows as the store hands them over, numbered from 1."""

    def __init__(self, with_parts: bool = True):
        self.rows: list[dict] = []
        if with_parts:
            for part in STATUTORY_PARTS:
                self.part(part)

    def _add(self, kind, key=None, data=None, start=None, end=None, state="pending", confidence=0.95):
        row = {
            "id": len(self.rows) + 1,
            "kind": kind,
            "key": key,
            "start": start,
            "end": end,
            "data": data or {},
            "state": state,
            "confidence": confidence,
        }
        self.rows.append(row)
        return row["id"]

    def field(self, key, value, **kw):
        return self._add("field", key, {"value": value}, **kw)

    def part(self, part, **kw):
        return self._add("part", None, {"part": part}, **kw)

    def metric(self, text, value, unit, *, report_text=None, approx=False, indicator=None, **kw):
        data = {"text": text, "value": value, "unit": unit, "approx": approx, "label": "", "indicator": indicator}
        if "value_to" in kw:
            data["value_to"] = kw.pop("value_to")
        start = end = None
        if report_text is not None:
            start = report_text.index(text)
            end = start + len(text)
        return self._add("metric", None, data, start=start, end=end, **kw)


def codes(problems, code=None):
    return [p for p in problems if code is None or p.code == code]


def only(problems, code):
    found = codes(problems, code)
    assert len(found) == 1, problems
    return found[0]


# --------------------------------------------------------------------------- the API


def test_problem_is_frozen_and_defaults_to_warning():
    problem = Problem("part_missing", None, {"part": "shortcomings"})
    assert problem.severity == "warning"
    with pytest.raises(dataclasses.FrozenInstanceError):
        problem.code = "other"  # type: ignore[misc]  # the test shows a frozen problem cannot change


def test_a_clean_report_has_no_problems():
    items = Items()
    items.field("province", "广东省")
    items.field("region", "汕尾市")
    items.field("level", "prefecture")
    items.field("report_year", 2020)
    items.field("publish_date", "2021-02-26")
    items.field("doc_number", "汕府〔2021〕9号")
    items.metric("98.7%", 98.7, "%", indicator="mediation_success_rate")
    assert check_report(items.rows) == []
    assert check_report([]) == [Problem("part_missing", None, {"part": p}) for p in STATUTORY_PARTS]


# --------------------------------------------------------------------------- low_confidence


def test_low_confidence_flags_pending_items_below_the_threshold():
    items = Items()
    weak = items.metric("52件", 52, "件", confidence=0.6)
    items.metric("53件", 53, "件", confidence=0.95)
    items.metric("54件", 54, "件", confidence=0.6, state="accepted")  # the reviewer looked at it
    items.metric("55件", 55, "件", confidence=0.6, state="rejected")
    items.field("title", None, confidence=None)
    problem = only(check_report(items.rows), "low_confidence")
    assert (problem.item_id, problem.params, problem.severity) == (weak, {"confidence": 0.6}, "warning")


def test_low_confidence_threshold_is_the_extractors():
    items = Items()
    items.metric("52件", 52, "件", confidence=0.8)
    assert codes(check_report(items.rows), "low_confidence") == []


# --------------------------------------------------------------------------- rate_over_100


def test_rate_over_100_fires_on_a_percentage_above_100():
    items = Items()
    bad = items.metric("104.5%", 104.5, "%")
    problem = only(check_report(items.rows), "rate_over_100")
    assert problem.item_id == bad
    assert problem.params["value"] == 104.5
    assert problem.severity == "warning"  # could be growth (增长104.5%)


def test_rate_over_100_is_an_error_for_a_rate_indicator():
    items = Items()
    items.metric("101%", 101, "%", indicator="court_appearance_rate")
    assert only(check_report(items.rows), "rate_over_100").severity == "error"


def test_rate_over_100_looks_at_the_top_of_a_range():
    items = Items()
    items.metric("95%-105%", 95, "%", value_to=105)
    assert only(check_report(items.rows), "rate_over_100").params["value"] == 105


@pytest.mark.parametrize(
    "text, value, unit, state",
    [
        ("100%", 100, "%", "pending"),
        ("98.22%", 98.22, "%", "pending"),
        ("150件", 150, "件", "pending"),
        ("104.5%", 104.5, "%", "rejected"),
    ],
)
def test_rate_over_100_stays_quiet(text, value, unit, state):
    items = Items()
    items.metric(text, value, unit, state=state)
    assert codes(check_report(items.rows), "rate_over_100") == []


# --------------------------------------------------------------------------- subset_exceeds_total


def subset_problems(text, metrics):
    items = Items()
    ids = [items.metric(m, v, u, report_text=text, **kw) for m, v, u, kw in metrics]
    return ids, codes(check_report(items.rows, report_text=text), "subset_exceeds_total")


def test_subset_larger_than_its_total_is_flagged():
    text = "全年共办理执法案件120件,其中行政处罚150件。"
    (total, part), problems = subset_problems(text, [("120件", 120, "件", {}), ("150件", 150, "件", {})])
    assert problems == [
        Problem("subset_exceeds_total", part, {"value": 150, "total": 120, "total_item_id": total, "unit": "件"})
    ]


def test_subset_when_qizhong_opens_the_next_sentence():
    text = "全年共办理执法案件120件。其中,行政处罚150件。"
    (total, part), problems = subset_problems(text, [("120件", 120, "件", {}), ("150件", 150, "件", {})])
    assert [(p.item_id, p.params["total_item_id"]) for p in problems] == [(part, total)]


@pytest.mark.parametrize(
    "text, metrics",
    [
        # parts within the total
        (
            "审查文件共247件,其中重大行政决策事项78 件,政府协议21件,其他文件148件。",
            [("247件", 247, "件", {}), ("78 件", 78, "件", {}), ("21件", 21, "件", {}), ("148件", 148, "件", {})],
        ),
        # a later part is larger than an earlier one: both compare with the total, not each other
        (
            "办理案件3907件,其中免罚案件702件,从轻和减轻案件3205件。",
            [("3907件", 3907, "件", {}), ("702件", 702, "件", {}), ("3205件", 3205, "件", {})],
        ),
        # a different unit is not the total
        ("培训300人次,其中执法案件500件。", [("300人次", 300, "人次", {}), ("500件", 500, "件", {})]),
        # no 其中
        ("受理120件,办结150件。", [("120件", 120, "件", {}), ("150件", 150, "件", {})]),
        # the total is in another sentence and 其中 does not open this one
        (
            "受理120件。全年办理案件500件,其中处罚150件。",
            [("120件", 120, "件", {}), ("500件", 500, "件", {}), ("150件", 150, "件", {})],
        ),
        # 200多件 may be 290
        ("处理群众诉求200多件,其中办结250件。", [("200多件", 200, "件", {"approx": True}), ("250件", 250, "件", {})]),
        # shares are not counts
        ("办结率90%,其中满意率95%。", [("90%", 90, "%", {}), ("95%", 95, "%", {})]),
        # the total was rejected by the reviewer
        ("办理案件12件,其中处罚150件。", [("12件", 12, "件", {"state": "rejected"}), ("150件", 150, "件", {})]),
    ],
)
def test_subset_stays_quiet(text, metrics):
    assert subset_problems(text, metrics)[1] == []


def test_subset_beyond_an_approximate_total_is_flagged():
    text = "处理群众诉求60多件,其中办结90件。"
    _, problems = subset_problems(text, [("60多件", 60, "件", {"approx": True}), ("90件", 90, "件", {})])
    assert len(problems) == 1


def test_subset_check_needs_the_report_text():
    text = "全年共办理执法案件120件,其中行政处罚150件。"
    items = Items()
    items.metric("120件", 120, "件", report_text=text)
    items.metric("150件", 150, "件", report_text=text)
    assert len(codes(check_report(items.rows, report_text=text), "subset_exceeds_total")) == 1
    assert codes(check_report(items.rows), "subset_exceeds_total") == []


# --------------------------------------------------------------------------- part_missing


def test_part_missing_names_each_missing_statutory_part():
    items = Items(with_parts=False)
    items.part("achievements")
    items.part("leader_duty")
    items.part("shortcomings", state="rejected")  # rejected: as if absent
    items.part("next_year", state="corrected")
    problems = check_report(items.rows)
    assert problems == [Problem("part_missing", None, {"part": "shortcomings"})]


def test_part_missing_is_quiet_when_all_four_are_there_without_other():
    items = Items()
    assert codes(check_report(items.rows), "part_missing") == []


# --------------------------------------------------------------------------- date_out_of_range


def date_problems(year, date):
    items = Items()
    year_id = items.field("report_year", year)
    date_id = items.field("publish_date", date)
    return year_id, date_id, check_report(items.rows)


@pytest.mark.parametrize("year, date", [(2020, "2021-02-26"), (2020, "2020-12-30"), (2023, "2024-12-31")])
def test_date_in_range_is_quiet(year, date):
    assert date_problems(year, date)[2] == []


def test_date_two_years_after_the_report_year_is_flagged_on_the_date():
    _, date_id, problems = date_problems(2020, "2022-03-01")
    assert problems == [Problem("date_out_of_range", date_id, {"date": "2022-03-01", "year": 2020})]


def test_date_before_the_report_year_is_flagged():
    _, date_id, problems = date_problems(2021, "2020-06-01")
    assert problems == [Problem("date_out_of_range", date_id, {"date": "2020-06-01", "year": 2021})]


def test_report_year_long_after_publication_is_an_error_on_the_year():
    year_id, _, problems = date_problems(2023, "2021-02-26")
    assert problems == [Problem("date_out_of_range", year_id, {"date": "2021-02-26", "year": 2023}, "error")]


def test_report_year_outside_2000_2100_is_a_bad_year():
    year_id, _, problems = date_problems(1999, "2021-02-26")
    assert problems == [Problem("bad_year", year_id, {"value": 1999}, "error")]


# --------------------------------------------------------------------------- validate_field


@pytest.mark.parametrize(
    "key, value, fields",
    [
        ("province", "广东省", None),
        ("province", "新疆维吾尔自治区", None),
        ("region", "汕尾市", {"province": "广东省"}),
        ("region", "汕尾", {"province": "广东省"}),  # short name
        ("region", "广东省汕尾市", {"province": "广东省"}),  # written with its province
        ("region", "延边", {"province": "吉林省"}),  # short name of 延边朝鲜族自治州
        ("region", "朝阳区", {"province": "吉林省"}),  # shared name: 长春's
        ("region", "仲恺高新区", {"province": "广东省"}),  # zone, not anchored on a place
        ("region", "汕尾高新区", {"province": "广东省"}),  # zone anchored on 汕尾
        ("region", "苏州工业园区", {"province": "江苏省"}),
        ("region", "如皋市", None),
        ("region", "某某镇", {"level": "township"}),  # below the gazetteer
        ("level", "prefecture", None),
        ("level", "zone", None),
        ("level", "department", None),
        ("report_year", 2020, None),
        ("report_year", "2020", None),
        ("publish_date", "2021-02-26", None),
        ("publish_date", "2024-02-29", None),
        ("doc_number", "汕府〔2021〕9号", None),
        ("doc_number", "皋政发[2023]30号", None),
        ("doc_number", "粤司【2022】5号", None),
        ("doc_number", "厦府［2022］12号", None),
        ("doc_number", "厦府(2022)1号", None),
        ("title", "汕尾市人民政府2020年法治政府建设年度报告", None),
        ("doc_number", None, None),  # unknown is allowed
        ("publish_date", None, None),
    ],
)
def test_valid_values_pass(key, value, fields):
    assert validate_field(key, value, fields) == []


@pytest.mark.parametrize(
    "key, value, fields, code, severity",
    [
        ("province", "火星省", None, "unknown_province", "error"),
        ("province", "汕尾市", None, "unknown_province", "error"),
        ("region", "火星市", {"province": "广东省"}, "unknown_region", "warning"),
        ("region", "汕尾市", {"province": "福建省"}, "region_not_in_province", "warning"),
        ("region", "苏州工业园区", {"province": "广东省"}, "region_not_in_province", "warning"),
        ("publish_date", "2021-02-30", None, "bad_date", "error"),
        ("publish_date", "2021年2月26日", None, "bad_date", "error"),
        ("publish_date", "21-02-26", None, "bad_date", "error"),
        ("report_year", 1999, None, "bad_year", "error"),
        ("report_year", 2101, None, "bad_year", "error"),
        ("report_year", "二〇二〇", None, "bad_year", "error"),
        ("report_year", 2020.5, None, "bad_year", "error"),
        ("doc_number", "汕府2021年9号", None, "bad_doc_number", "warning"),
        ("doc_number", "〔2021〕9号", None, "bad_doc_number", "warning"),
        ("doc_number", "汕府〔21〕9号", None, "bad_doc_number", "warning"),
        ("doc_number", "汕府〔2021〕九号", None, "bad_doc_number", "warning"),
        ("doc_number", "汕府〔2021〕9", None, "bad_doc_number", "warning"),
        ("level", "city", None, "unknown_level", "error"),
    ],
)
def test_invalid_values_are_flagged(key, value, fields, code, severity):
    problems = validate_field(key, value, fields)
    assert [(p.code, p.item_id, p.severity) for p in problems] == [(code, None, severity)]
    assert problems[0].params["value"] == value


def test_region_not_in_province_says_where_the_region_is():
    problem = only(validate_field("region", "汕尾市", {"province": "福建省"}), "region_not_in_province")
    assert problem.params == {"value": "汕尾市", "province": "福建省", "found": ["广东省"]}


def test_short_province_name_is_flagged_with_the_full_name():
    problem = only(validate_field("province", "广东"), "unknown_province")
    assert (problem.params, problem.severity) == ({"value": "广东", "suggestion": "广东省"}, "warning")


def test_check_report_validates_every_field_item_with_its_id():
    items = Items()
    province = items.field("province", "火星省")
    region = items.field("region", "汕尾市", state="corrected")
    items.field("level", "city", state="rejected")  # rejected: not checked
    problems = check_report(items.rows)
    assert problems == [Problem("unknown_province", province, {"value": "火星省"}, "error")]
    assert region not in {p.item_id for p in problems}


def test_check_report_compares_fields_using_the_live_values():
    items = Items()
    items.field("province", "福建省", state="rejected")
    items.field("province", "广东省", state="added")
    items.field("region", "汕尾市")
    assert check_report(items.rows) == []


# --------------------------------------------------------------------------- the seeds


def _gold_metadata(name: str) -> dict:
    return json.loads((GOLD_DIR / name).with_suffix(".json").read_text(encoding="utf-8"))["metadata"]


@pytest.fixture(scope="module")
def seed_reports():
    from desktop.core.extract import extract_path
    from desktop.store.importer import extraction_items

    seeds = sorted((Path(__file__).resolve().parent.parent.parent / "seeds").glob("*.txt"))
    out = []
    for path in seeds:
        extraction = extract_path(path)
        items = [dict(row, id=i) for i, row in enumerate(extraction_items(extraction), start=1)]
        out.append((path.name, items, extraction.source.text))
    assert out
    return out


def test_gold_metadata_of_the_seeds_passes_every_field_check():
    for path in sorted(GOLD_DIR.glob("*.json")):
        gold = _gold_metadata(path.name)
        for key, value in gold.items():
            assert validate_field(key, value, gold) == [], (path.name, key, value)


def test_no_error_on_the_seeds_where_the_extraction_is_right(seed_reports):
    for name, items, text in seed_reports:
        gold = _gold_metadata(name)
        by_id = {item["id"]: item for item in items}
        problems = check_report(items, report_text=text)
        for problem in problems:
            if problem.severity != "error":
                continue
            item = by_id.get(problem.item_id)
            assert item is not None and item["kind"] == "field", (name, problem)
            assert item["data"]["value"] != gold.get(item["key"]), (name, problem)
        assert not any(p.code in ("unknown_province", "unknown_region", "region_not_in_province") for p in problems), (
            name
        )


def test_low_confidence_means_what_the_extractor_flags():
    from desktop.core import checks, extract

    assert checks.FLAG_BELOW == extract.FLAG_BELOW
