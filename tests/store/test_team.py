"""Team work: assignments and queues, double coding in copies nothing else reads, agreement
figures against a hand computation, adjudication, and the export of the adjudicated values.
On SQLite and on PostgreSQL (the fixtures' two backends)."""

from __future__ import annotations

import json
import threading

import pytest
from sqlalchemy import func, select

from desktop.store.db import open_store
from desktop.store.exporter import export, jsonl_lines
from desktop.store.importer import import_paths
from desktop.store.insights import indicator_table, quality_report
from desktop.store.models import Edit, Item
from desktop.store.ops import ConflictError, NotFound, Operations
from desktop.store.queries import count_reports, list_reports
from desktop.store.reextract import reextract
from desktop.store.reports import load_report
from desktop.store.team import (
    NOTE_BOUNDARIES,
    NOTE_DOMINANT,
    NOTE_FEW,
    NOTE_UNDEFINED,
    AgreementReport,
    adjudicate,
    adjudication_rows,
    agreement,
    apply_agreed,
    assign,
    assignments,
    coder_for,
    mark_coding_done,
    percent_and_kappa,
    queue,
    span_matches,
    unassign,
)

LEAD = "lena"
ALICE, BOB = "alice", "bob"


@pytest.fixture
def seeds(store, seeds_dir) -> list[int]:
    result = import_paths(store, [seeds_dir], workers=1)
    return sorted(rid for _, rid in result.imported)


def _count(store, *where) -> int:
    with store.session(readonly=True) as session:
        return int(session.execute(select(func.count()).select_from(Item).where(*where)).scalar_one())


# ---------------------------------------------------------------- assignments and queues


def test_single_assignment_edits_the_canonical_items_and_queues_show_assigned_reports(store, seeds):
    first, second, third = seeds[:3]
    assert queue(store, ALICE) == []
    [a] = assign(store, second, [ALICE], by=LEAD)
    assert (a.report_id, a.reviewer, a.double, a.assigned_by, a.done) == (second, ALICE, False, LEAD, False)
    assign(store, first, [ALICE], by=LEAD)
    assign(store, third, [BOB], by=LEAD)
    assert queue(store, ALICE) == [first, second]  # id order, assigned reports only
    assert queue(store, BOB) == [third]
    assert coder_for(store, first, ALICE) is None and coder_for(store, third, ALICE) is None
    assert _count(store, Item.coder.is_not(None)) == 0  # no copies for single coding

    # the reviewer edits the canonical items: the export shows it
    record = load_report(store, first, coder=coder_for(store, first, ALICE))
    metric = record.items_of("metric")[0]
    Operations(store, ALICE).update_item(
        metric["id"], {**metric["data"], "value": 4242}, base_version=metric["version"]
    )
    exported = {json.loads(line)["id"]: json.loads(line) for line in jsonl_lines(store)}
    assert 4242 in [m["value"] for m in exported[first]["metrics"]]

    mark_coding_done(store, first, ALICE)
    assert queue(store, ALICE) == [second]
    assert [x.done for x in assignments(store, reviewer=ALICE)] == [True, False]
    mark_coding_done(store, first, ALICE, done=False)
    assert queue(store, ALICE) == [first, second]
    with pytest.raises(NotFound):
        mark_coding_done(store, first, BOB)
    unassign(store, second, ALICE, by=LEAD)
    assert queue(store, ALICE) == [first]
    assert [(x.report_id, x.reviewer) for x in assignments(store)] == [(first, ALICE), (third, BOB)]


def test_double_assignment_makes_each_coder_a_copy_once(store, seeds):
    report_id = seeds[0]
    canonical = load_report(store, report_id)
    extractor_items = [i for i in canonical.items if i["extracted"] is not None]
    result = assign(store, report_id, [ALICE, BOB], by=LEAD)
    assert [(x.reviewer, x.double) for x in result] == [(ALICE, True), (BOB, True)]
    assert coder_for(store, report_id, ALICE) == ALICE and coder_for(store, report_id, BOB) == BOB
    assert coder_for(store, report_id, "carol") is None
    for name in (ALICE, BOB):
        copy = load_report(store, report_id, coder=name)
        assert copy.coder == name
        assert len(copy.items) == len(extractor_items)
        by_origin = {i["origin"]: i for i in copy.items}
        for item in extractor_items:
            mine = by_origin[item["id"]]
            assert (mine["kind"], mine["key"], mine["start"], mine["end"]) == (
                item["kind"],
                item["key"],
                item["start"],
                item["end"],
            )
            assert mine["data"] == item["extracted"] and mine["state"] == "pending"
            assert mine["source"] == "extractor" and mine["coder"] == name and mine["version"] == 1
    # a coder's work is not redone by assigning again: idempotent
    copy_item = load_report(store, report_id, coder=ALICE).items[0]
    Operations(store, ALICE).accept(copy_item["id"], base_version=copy_item["version"])
    mark_coding_done(store, report_id, ALICE)
    again = assign(store, report_id, [BOB, ALICE], by=LEAD)
    assert [(x.reviewer, x.double, x.done) for x in again] == [(ALICE, True, True), (BOB, True, False)]
    assert _count(store, Item.coder == ALICE) == len(extractor_items)
    assert load_report(store, report_id, coder=ALICE).item(copy_item["id"])["state"] == "accepted"
    with pytest.raises(ValueError):
        assign(store, report_id, [ALICE, BOB, "carol"], by=LEAD)
    with pytest.raises(ValueError):
        assign(store, report_id, [], by=LEAD)
    with pytest.raises(NotFound):
        assign(store, 10_000, [ALICE], by=LEAD)
    # back to single coding: bob edits the canonical items; alice's copy is kept
    assign(store, report_id, [BOB], by=LEAD)
    assert coder_for(store, report_id, BOB) is None and queue(store, ALICE) == []
    assert _count(store, Item.coder == ALICE) == len(extractor_items)


def test_coding_copies_are_invisible_to_export_library_insights_and_reextraction(store, seeds, tmp_path):
    before_jsonl = list(jsonl_lines(store))
    before_generic = list(jsonl_lines(store, fast=False))
    before_rows = list_reports(store)
    before_quality = quality_report(store)
    before_table = indicator_table(store)
    export(store, tmp_path / "before.csv", "csv")
    for report_id in seeds:
        assign(store, report_id, [ALICE, BOB], by=LEAD)
    # the coders work: every copy item rejected or corrected, and one added
    for name in (ALICE, BOB):
        ops = Operations(store, name)
        for report_id in seeds:
            for n, item in enumerate(load_report(store, report_id, coder=name).items):
                if n % 2:
                    ops.reject(item["id"], base_version=item["version"])
                else:
                    ops.update_item(item["id"], {**item["data"], "value": "coder"}, base_version=item["version"])
            ops.add_item(report_id, "metric", {"text": "1件", "value": 1, "unit": "件"}, start=0, end=2, coder=name)
    assert list(jsonl_lines(store)) == before_jsonl
    assert list(jsonl_lines(store, fast=False)) == before_generic
    assert list_reports(store) == before_rows  # pending counts and field values: canonical items only
    assert count_reports(store) == len(seeds)
    assert quality_report(store) == before_quality
    assert indicator_table(store) == before_table
    export(store, tmp_path / "after.csv", "csv")
    for suffix in ("reports", "metrics"):
        assert (tmp_path / f"after.{suffix}.csv").read_bytes() == (tmp_path / f"before.{suffix}.csv").read_bytes()
    assert all(i["coder"] is None for i in load_report(store, seeds[0]).items)

    copies = {row.id: (row.data, row.state, row.version) for row in _copy_rows(store)}
    summary = reextract(store, extractor=_shifted_extractor(), extractor_version="test-2")
    assert summary.reports == len(seeds) and summary.reports_changed == len(seeds)
    assert {row.id: (row.data, row.state, row.version) for row in _copy_rows(store)} == copies


def _copy_rows(store):
    with store.session(readonly=True) as session:
        return session.execute(
            select(Item.id, Item.data, Item.state, Item.version).where(Item.coder.is_not(None))
        ).all()


def _shifted_extractor():
    from desktop.core.extract import extract_source

    def extractor(source):
        extraction = extract_source(source)
        extraction.metrics = [{**m, "label": "再抽取"} for m in extraction.metrics]
        return extraction

    return extractor


# ---------------------------------------------------------------- agreement arithmetic


def test_percent_and_kappa_by_hand():
    # 10 items: both "a" 4 times, both "b" 3 times, A "a" B "b" twice, A "b" B "a" once.
    pairs = [("a", "a")] * 4 + [("b", "b")] * 3 + [("a", "b")] * 2 + [("b", "a")]
    po, kappa, pe, dominant = percent_and_kappa(pairs)
    # po = 7/10; A: a 6, b 4; B: a 5, b 5; pe = .6*.5 + .4*.5 = .5; kappa = (.7-.5)/(1-.5) = .4
    assert po == pytest.approx(0.7) and pe == pytest.approx(0.5) and kappa == pytest.approx(0.4)
    assert dominant == pytest.approx(11 / 20)
    # one label only: pe = 1, kappa undefined
    assert percent_and_kappa([("x", "x")] * 3)[1] is None
    # exact 1 of 3 vs 3; relaxed: (10,20)~(10,19) overlap 9 of 10; (30,40) vs (35,60): 5 of 25, no
    assert span_matches([(0, 5), (10, 20), (30, 40)], [(0, 5), (10, 19), (35, 60)]) == (1, 2)


def test_agreement_notes():
    from desktop.store.team import _label_rows, _span_rows

    few = _label_rows("part", [("a", "a")] * 3, True)
    assert few[0].note == NOTE_FEW and few[1].value is None and NOTE_UNDEFINED in few[1].note
    dominated = _label_rows("part", [("a", "a")] * 18 + [("a", "b"), ("b", "b")], True)
    assert dominated[1].note == NOTE_DOMINANT and dominated[0].value == pytest.approx(0.95)
    # |A| = |B| = 10, exact 5, relaxed 9: F1 .5 vs .9
    boundary = _span_rows("metric", [10, 10, 5, 9])
    assert boundary[0].value == pytest.approx(0.5) and boundary[1].value == pytest.approx(0.9)
    assert boundary[0].note == NOTE_BOUNDARIES and boundary[0].n == 15
    assert _span_rows("metric", [10, 10, 9, 9])[0].note is None  # no boundary disagreement
    # F1 .2 vs .3: overlaps explain too little of the disagreement to call it a boundary matter
    assert _span_rows("metric", [10, 10, 2, 3])[0].note is None


# ---------------------------------------------------------------- THE BAR: double coding the seeds


def _order(item: dict) -> tuple:
    return (item["start"] is None, item["start"] or 0, item["end"] or 0, item["origin"] or 0)


def script(name: str, report_index: int, copy: list[dict]) -> tuple[dict[int, tuple], list[dict]]:
    """The scripted decisions of one coder on one report: {origin: decision} and items to add.
    A decision is ("accept",), ("reject",), ("correct", new data) or ("span", start, end)."""
    decisions: dict[int, tuple] = {}
    by_kind: dict[str, list[dict]] = {}
    for item in copy:
        by_kind.setdefault(item["kind"], []).append(item)
    for items in by_kind.values():
        items.sort(key=_order)
    for item in by_kind.get("field", []):
        key = item["key"]
        decision: tuple = ("accept",)
        if name == ALICE:
            if key == "level" and report_index == 1:
                decision = ("correct", {"value": "county"})
            elif key == "province" and report_index == 4:
                decision = ("reject",)
        else:
            if key == "level" and report_index == 1:
                decision = ("correct", {"value": "county"})
            elif key == "level" and report_index == 2:
                decision = ("correct", {"value": "prefecture"})
            elif key == "script" and report_index == 3:
                decision = ("reject",)
        decisions[item["origin"]] = decision
    parts = by_kind.get("part", [])
    for n, item in enumerate(parts):
        decision = ("accept",)
        if name == BOB and report_index == 0 and n == 0:
            decision = ("correct", {**item["data"], "part": "leader_duty"})
        if name == BOB and report_index == 3 and n == len(parts) - 1:
            decision = ("reject",)
        decisions[item["origin"]] = decision
    for n, item in enumerate(by_kind.get("section", [])):
        # bob rejects every section alice rejects, and more: alice keeps all bob keeps
        rejected = n % 10 == 0 if name == ALICE else n % 5 == 0
        decisions[item["origin"]] = ("reject",) if rejected else ("accept",)
    for n, item in enumerate(by_kind.get("metric", [])):
        decision = ("accept",)
        if name == ALICE:
            if n % 6 == 0:
                decision = ("reject",)
            elif n % 6 == 1:
                decision = ("correct", {**item["data"], "indicator": "enforcement_cases"})
        else:
            if n % 4 == 0:
                decision = ("reject",)
            elif n % 6 == 1:
                decision = ("correct", {**item["data"], "indicator": "enforcement_cases"})
            elif n % 5 == 2:
                decision = ("span", item["start"], item["end"] - 1)  # one boundary moved
        decisions[item["origin"]] = decision
    added = []
    if report_index == 0:  # both add the same metric
        added.append({"kind": "metric", "start": 0, "end": 2, "data": {"text": "法治", "value": 1, "unit": "项"}})
    if report_index == 1 and name == ALICE:
        added.append({"kind": "metric", "start": 0, "end": 3, "data": {"text": "法治政", "value": 3, "unit": "项"}})
    return decisions, added


def code(location, name: str, report_ids: list[int], start: threading.Barrier, errors: list) -> None:
    """One reviewer double-coding the reports in their own copy (a thread; its own connections)."""
    store = open_store(location)
    try:
        ops = Operations(store, name)
        start.wait(timeout=60)
        for index, report_id in enumerate(report_ids):
            coder = coder_for(store, report_id, name)
            assert coder == name
            copy = load_report(store, report_id, coder=coder).items
            decisions, added = script(name, index, copy)
            for item in copy:
                decision = decisions[item["origin"]]
                if decision[0] == "accept":
                    ops.accept(item["id"], base_version=item["version"])
                elif decision[0] == "reject":
                    ops.reject(item["id"], base_version=item["version"])
                elif decision[0] == "correct":
                    ops.update_item(item["id"], decision[1], base_version=item["version"])
                else:
                    ops.update_item(
                        item["id"], item["data"], base_version=item["version"], start=decision[1], end=decision[2]
                    )
            for new in added:
                ops.add_item(report_id, new["kind"], new["data"], start=new["start"], end=new["end"], coder=coder)
            mark_coding_done(store, report_id, name)
    except BaseException as error:
        errors.append((name, error))
    finally:
        store.close()


def expected_copy(item: dict, decision: tuple) -> dict:
    """What a coder's item is after the scripted decision: state, data, span."""
    kind = decision[0]
    if kind == "accept":
        return {"state": "accepted", "data": item["data"], "start": item["start"], "end": item["end"]}
    if kind == "reject":
        return {"state": "rejected", "data": item["data"], "start": item["start"], "end": item["end"]}
    if kind == "correct":
        return {"state": "corrected", "data": decision[1], "start": item["start"], "end": item["end"]}
    return {"state": "corrected", "data": item["data"], "start": decision[1], "end": decision[2]}


def lead_choice(row) -> str | dict:
    """How the lead settles a disagreement: fields and parts as coder B, metrics alternately,
    and for one metric a value of the lead's own."""
    if row.kind == "field":
        return "b"
    if row.kind == "part":
        return "a"
    if row.kind == "metric" and row.origin is not None and row.origin % 7 == 0:
        base = (row.a or row.b)["data"]
        return {**base, "value": 777, "note": "lead"}
    return "a" if (row.origin or 0) % 2 else "b"


def _row_key(report_id: int, row) -> tuple:
    """A row's identity across adjudication (its canonical span may move)."""
    return (report_id, row.origin) if row.origin is not None else (report_id, row.kind, row.key, row.start, row.end)


def hand_kappa(pairs: list[tuple]) -> tuple[float, float | None]:
    """Percent agreement and Cohen's kappa, written out: po = agreeing / n; pe = sum over labels
    of (A's count / n) * (B's count / n); kappa = (po - pe) / (1 - pe)."""
    n = len(pairs)
    agreeing = 0
    count_a: dict = {}
    count_b: dict = {}
    for a, b in pairs:
        if a == b:
            agreeing += 1
        count_a[a] = count_a.get(a, 0) + 1
        count_b[b] = count_b.get(b, 0) + 1
    po = agreeing / n
    pe = 0.0
    for label in set(count_a) | set(count_b):
        pe += (count_a.get(label, 0) / n) * (count_b.get(label, 0) / n)
    return po, (None if pe == 1 else (po - pe) / (1 - pe))


def test_two_reviewers_double_code_the_seeds_concurrently_then_adjudication_then_export(
    store, store_location, seeds, tmp_path, backend
):
    for report_id in seeds:
        assign(store, report_id, [ALICE, BOB], by=LEAD)
    assert queue(store, ALICE) == seeds == queue(store, BOB)
    copies = {name: {rid: load_report(store, rid, coder=name).items for rid in seeds} for name in (ALICE, BOB)}
    canonical = {rid: load_report(store, rid) for rid in seeds}
    plans = {
        name: {rid: script(name, index, copies[name][rid]) for index, rid in enumerate(seeds)} for name in (ALICE, BOB)
    }

    # ---- the two reviewers code at the same time, each in their own copy
    barrier, errors = threading.Barrier(2), []
    threads = [
        threading.Thread(target=code, args=(store_location, name, seeds, barrier, errors)) for name in (ALICE, BOB)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert not errors, errors
    assert queue(store, ALICE) == [] == queue(store, BOB)

    # ---- nothing lost: every scripted decision is in the coder's copy, and in the history
    for name in (ALICE, BOB):
        for rid in seeds:
            decisions, added = plans[name][rid]
            now = {i["origin"]: i for i in load_report(store, rid, coder=name).items if i["origin"] is not None}
            for item in copies[name][rid]:
                expected = expected_copy(item, decisions[item["origin"]])
                got = now[item["origin"]]
                assert {k: got[k] for k in expected} == expected, (name, rid, item["id"])
                assert got["version"] == 2
            mine_added = [i for i in load_report(store, rid, coder=name).items if i["origin"] is None]
            assert [(i["start"], i["end"], i["data"], i["state"]) for i in mine_added] == [
                (a["start"], a["end"], a["data"], "added") for a in added
            ]
        with store.session(readonly=True) as session:
            edits = session.execute(select(func.count()).select_from(Edit).where(Edit.reviewer == name)).scalar_one()
        assert edits == sum(len(copies[name][rid]) + len(plans[name][rid][1]) for rid in seeds)
    # the canonical items are untouched by the coding
    for rid in seeds:
        assert load_report(store, rid).items == canonical[rid].items

    # ---- agreement, computed by hand from the scripted decisions
    field_pairs: dict[str, list] = {}
    part_pairs, indicator_pairs = [], []
    spans = {"section": [0, 0, 0, 0], "metric": [0, 0, 0, 0]}  # |A|, |B|, exact, relaxed
    for rid in seeds:
        a_plan, a_added = plans[ALICE][rid]
        b_plan, b_added = plans[BOB][rid]
        for item in canonical[rid].items:
            if item["extracted"] is None:
                continue
            a = expected_copy({**item, "data": item["extracted"]}, a_plan[item["id"]])
            b = expected_copy({**item, "data": item["extracted"]}, b_plan[item["id"]])
            if item["kind"] == "field":
                label_a = "(rejected)" if a["state"] == "rejected" else a["data"]["value"]
                label_b = "(rejected)" if b["state"] == "rejected" else b["data"]["value"]
                if not isinstance(label_a, str):
                    label_a = json.dumps(label_a)
                if not isinstance(label_b, str):
                    label_b = json.dumps(label_b)
                field_pairs.setdefault(item["key"], []).append((label_a, label_b))
            elif item["kind"] == "part":
                part_pairs.append(
                    (
                        "(rejected)" if a["state"] == "rejected" else a["data"]["part"],
                        "(rejected)" if b["state"] == "rejected" else b["data"]["part"],
                    )
                )
            elif item["kind"] in spans:
                counts = spans[item["kind"]]
                kept_a, kept_b = a["state"] != "rejected", b["state"] != "rejected"
                counts[0] += kept_a
                counts[1] += kept_b
                if kept_a and kept_b:
                    same = (a["start"], a["end"]) == (b["start"], b["end"])
                    counts[2] += same
                    counts[3] += 1  # a moved boundary still overlaps its own item by more than half
                    if item["kind"] == "metric":
                        indicator_pairs.append(
                            (a["data"].get("indicator") or "(none)", b["data"].get("indicator") or "(none)")
                        )
        # items the coders added: report 0 both (same span: matched, kept by both), report 1 alice only
        spans["metric"][0] += len(a_added)
        spans["metric"][1] += len(b_added)
        for new in a_added:
            if any((new["start"], new["end"]) == (other["start"], other["end"]) for other in b_added):
                spans["metric"][2] += 1
                spans["metric"][3] += 1
                indicator_pairs.append(("(none)", "(none)"))
    result = agreement(store)
    assert isinstance(result, AgreementReport)
    assert result.reports == seeds and result.coders == [ALICE, BOB] and result.undecided == 0

    # metadata fields: 5 reports each
    level = field_pairs["level"]
    assert len(level) == 5
    # level: reports 0, 3, 4 accepted by both; report 1 both "county"; report 2 alice "zone", bob "prefecture"
    po, kappa = hand_kappa(level)
    assert po == pytest.approx(4 / 5)
    assert result.row("field:level", "percent").value == pytest.approx(4 / 5)
    assert result.row("field:level", "kappa").value == pytest.approx(kappa)
    assert result.row("field:level", "kappa").n == 5 and NOTE_FEW in result.row("field:level", "kappa").note
    for key, pairs in field_pairs.items():
        po, kappa = hand_kappa(pairs)
        assert result.row(f"field:{key}", "percent").value == pytest.approx(po), key
        if key in ("level", "province", "script", "report_year"):
            row = result.row(f"field:{key}", "kappa")
            assert (row.value is None and kappa is None) or row.value == pytest.approx(kappa), key
        else:
            assert result.row(f"field:{key}", "kappa") is None
    # province: alice rejected report 4's: 4 of 5 agree; script: bob rejected report 3's: 4 of 5
    assert result.row("field:province", "percent").value == pytest.approx(4 / 5)
    assert result.row("field:script", "percent").value == pytest.approx(4 / 5)
    assert result.row("field:title", "percent").value == pytest.approx(1.0)
    pooled = [p for key in ("level", "province", "script", "report_year") for p in field_pairs[key]]
    po, kappa = hand_kappa(pooled)
    assert len(pooled) == 20 and po == pytest.approx(17 / 20)
    assert result.row("field:categorical", "kappa").value == pytest.approx(kappa)

    # parts: 23 parts; bob relabelled one and rejected one
    po, kappa = hand_kappa(part_pairs)
    assert len(part_pairs) == 23 and po == pytest.approx(21 / 23)
    assert result.row("part", "percent").value == pytest.approx(po)
    assert result.row("part", "kappa").value == pytest.approx(kappa)
    assert result.row("part", "kappa").n == 23

    po, kappa = hand_kappa(indicator_pairs)
    assert result.row("indicator", "percent").value == pytest.approx(po)
    assert result.row("indicator", "kappa").value == pytest.approx(kappa)
    assert result.row("indicator", "kappa").n == len(indicator_pairs)

    for kind in ("section", "metric"):
        n_a, n_b, exact, relaxed = spans[kind]
        row = result.row(kind, "span_f1")
        assert row.value == pytest.approx(2 * exact / (n_a + n_b)), kind
        assert row.n == n_a + n_b - exact
        assert result.row(kind, "span_f1_relaxed").value == pytest.approx(2 * relaxed / (n_a + n_b)), kind
    # sections: alice keeps all bob keeps, no boundary moved: relaxed = exact
    assert spans["section"][2] == spans["section"][3] == spans["section"][1]
    assert spans["metric"][3] > spans["metric"][2]

    out = result.to_csv(tmp_path / "agreement.csv")
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "scope,measure,value,n,note" and len(lines) == len(result.rows) + 1
    assert "field:level" in result.summary_text() and "kappa" in result.summary_text()

    # ---- adjudication: the lead writes every agreed decision, then settles each disagreement
    lead = Operations(store, LEAD)
    chosen: dict[tuple, object] = {}
    for rid in seeds:
        rows = adjudication_rows(store, rid)
        assert len(rows) == sum(1 for i in canonical[rid].items if i["extracted"] is not None) + (
            1 if rid in seeds[:2] else 0
        )  # the added metrics: one matched pair, one of alice's
        apply_agreed(lead, rid)
        assert apply_agreed(lead, rid) == []  # nothing left to write
        for row in adjudication_rows(store, rid):
            assert row.coder_a == ALICE and row.coder_b == BOB
            if row.agree:
                continue
            choice = lead_choice(row)
            adjudicate(lead, rid, row, choice)
            chosen[_row_key(rid, row)] = choice
        # a stale row: the canonical item changed since it was read
        stale = next(r for r in rows if not r.agree and r.final is not None)
        with pytest.raises(ConflictError):
            adjudicate(lead, rid, stale, "a")
    assert chosen, "the script produced no disagreement: the test proves nothing"
    assert any(isinstance(c, dict) for c in chosen.values())

    # ---- export: every agreed value as the coders', every adjudicated value as chosen
    [out] = export(store, tmp_path / "dataset.jsonl", "jsonl", provenance=True)
    exported = {obj["id"]: obj for obj in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert list(jsonl_lines(store, provenance=True, fast=False)) == out.read_text(encoding="utf-8").splitlines()
    checked = 0
    for rid in seeds:
        obj = exported[rid]
        by_id = {o["item_id"]: o for key in ("sections", "parts", "metrics") for o in obj[key]}
        for row in adjudication_rows(store, rid):
            a = row.a
            if row.agree:
                want = None if a is None or a["state"] == "rejected" else (a["data"], a["start"], a["end"])
            else:
                choice = chosen[_row_key(rid, row)]
                if isinstance(choice, dict):
                    base = row.final
                    want = (choice, base["start"], base["end"])
                else:
                    side = row.a if choice == "a" else row.b
                    want = (
                        None
                        if side is None or side["state"] == "rejected"
                        else (side["data"], side["start"], side["end"])
                    )
            final = row.final
            if row.kind == "field":
                assert obj["metadata"][row.key] == (None if want is None else want[0]["value"]), (rid, row.key)
                checked += 1
                continue
            if want is None:
                assert final is None or final["id"] not in by_id
            else:
                got = by_id[final["id"]]
                data = {
                    k: v
                    for k, v in got.items()
                    if k not in ("start", "end", "review_state", "item_id", "source", "extracted", "confidence")
                }
                assert (data, got["start"], got["end"]) == want, (rid, row.kind, row.origin)
                assert got["review_state"] in ("accepted", "corrected", "added")
            checked += 1
    assert checked == sum(len(adjudication_rows(store, rid)) for rid in seeds)
    # nothing but the double-coded rows changed: every canonical item has been decided
    assert all(r.pending == 0 for r in list_reports(store))


# ---------------------------------------------------------------- adjudication, one case each


def test_adjudication_choices_write_the_canonical_items(store, seeded):
    report_id = seeded[0]["id"]
    assign(store, report_id, [ALICE, BOB], by=LEAD)
    alice, bob, lead = Operations(store, ALICE), Operations(store, BOB), Operations(store, LEAD)
    a_items = sorted(load_report(store, report_id, coder=ALICE).items, key=lambda i: i["start"])
    b_items = sorted(load_report(store, report_id, coder=BOB).items, key=lambda i: i["start"])
    # item 0: alice rejects, bob accepts; item 1: both correct alike; item 2: alice corrects, bob moves the span
    alice.reject(a_items[0]["id"], base_version=1)
    bob.accept(b_items[0]["id"], base_version=1)
    alice.update_item(a_items[1]["id"], {**a_items[1]["data"], "value": 1}, base_version=1)
    bob.update_item(b_items[1]["id"], {**b_items[1]["data"], "value": 1}, base_version=1)
    alice.update_item(a_items[2]["id"], {**a_items[2]["data"], "value": 2}, base_version=1)
    bob.update_item(b_items[2]["id"], b_items[2]["data"], base_version=1, start=b_items[2]["start"] + 1)
    # an item only bob added; undo and redo keep it in his copy
    added = bob.add_item(report_id, "metric", {"text": "某", "value": 9}, start=0, end=1, coder=BOB)
    assert added.item["coder"] == BOB
    assert bob.undo(report_id).item is None and bob.redo(report_id).item["coder"] == BOB
    assert _count(store, Item.coder.is_(None), Item.report_id == report_id) == 3

    rows = adjudication_rows(store, report_id)
    assert [(r.kind, r.origin, r.agree) for r in rows] == [
        ("metric", None, False),
        ("metric", seeded[0]["items"][0], False),
        ("metric", seeded[0]["items"][1], True),
        ("metric", seeded[0]["items"][2], False),
    ]
    only_bob, first, second, third = rows
    assert only_bob.a is None and only_bob.b["data"] == {"text": "某", "value": 9} and only_bob.final is None
    assert first.a["state"] == "rejected" and first.b["state"] == "accepted" and first.final["state"] == "pending"

    assert [c.action for c in apply_agreed(lead, report_id)] == ["update"]
    assert lead.item(second.origin)["data"]["value"] == 1 and lead.item(second.origin)["state"] == "corrected"
    assert adjudicate(lead, report_id, only_bob, "a") is None  # alice does not have it: nothing to write
    change = adjudicate(lead, report_id, only_bob, "b")
    assert change.action == "add" and change.item["coder"] is None and change.item["state"] == "added"
    assert adjudicate(lead, report_id, first, "a").item["state"] == "rejected"
    change = adjudicate(lead, report_id, third, {**third.b["data"], "value": 3, "start": third.b["start"]})
    assert change.item["data"]["value"] == 3 and change.item["start"] == third.b["start"]
    assert change.item["state"] == "corrected" and change.item["source"] == "reviewer"
    # the canonical rows now show the lead's decisions; history names the lead
    rows = adjudication_rows(store, report_id)
    assert rows[0].final is not None and rows[0].final["state"] == "added"  # found by its span
    assert [r.final["state"] for r in rows[1:]] == ["rejected", "corrected", "corrected"]
    assert {e["reviewer"] for e in lead.history(report_id) if e["note"] == "adjudicated"} == {LEAD}
    metrics = json.loads(next(iter(jsonl_lines(store))))["metrics"]
    assert [(m["value"], m["review_state"]) for m in metrics] == [(9, "added"), (1, "corrected"), (3, "corrected")]
    # lead undoes the last adjudication: the canonical item goes back
    assert lead.undo(report_id).item["data"]["value"] == 54


def test_migration_0004_downgrade_removes_coding_copies(store, seeded):
    from alembic import command

    from desktop.store.db import alembic_config

    assign(store, seeded[0]["id"], [ALICE, BOB], by=LEAD)
    assert _count(store, Item.coder.is_not(None)) == 6
    with store.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0003")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM items").scalar_one() == 6  # the canonical ones
    with store.engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    assert list_reports(store)[0].pending == 3
    assign(store, seeded[0]["id"], [ALICE, BOB], by=LEAD)
    assert list_reports(store)[0].pending == 3 and _count(store, Item.coder.is_not(None)) == 6
