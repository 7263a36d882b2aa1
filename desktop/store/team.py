"""Reviewers working as a team: assignments, double coding, agreement and adjudication (no Qt).

Assignments
    A lead assigns a report to one reviewer (single coding: the reviewer edits the report's
    canonical items, the ones the export writes) or to two (double coding: each reviewer
    codes a copy of their own, independently, and the lead adjudicates). ``queue(store,
    reviewer)`` is what a reviewer still has to do; ``coder_for`` tells the window which
    items the reviewer edits (``None``: the canonical ones; their name: their copy, loaded
    with ``reports.load_report(store, id, coder=name)`` and added to with
    ``Operations.add_item(..., coder=name)``). Every edit of a copy goes through
    ``Operations`` as any other edit: it records the reviewer, has a version, can be undone.

Coding copies (revision 0004: ``items.coder``, ``items.origin``)
    A coder's copy of a report is its canonical items that came from the extractor
    (``extracted`` not null), as the extractor gave them: ``data = extracted``, state
    ``pending``, source ``extractor``, the same span, ``origin`` = the canonical item's id.
    It is made once, the first time the report is assigned to that reviewer for double
    coding; assigning again never makes a second one, unassigning keeps it. Nothing else
    reads copies: the export, the library view, the insights, re-extraction and the
    one-page summary read ``coder IS NULL`` only.

Matching the two coders' items
    Two items are "the same item" when they are copies of the same canonical item (same
    ``origin``), or, for items a coder added, when they have the same kind, field key and
    span (start, end). An item only one coder has (the other did not add it) counts as
    rejected by the other coder. A coder's *decision* on an item is its value (``data``
    and span) when it is kept (accepted, corrected or added), or "rejected"; an item still
    ``pending`` is not decided yet: a matched pair in which either coder has not decided is
    left out of every figure (``AgreementReport.undecided`` counts them).

Agreement figures (``agreement``), over the reports coded by two reviewers (coder A is the
first of the two names in alphabetical order, per report)
    - ``field:KEY`` ``percent``: metadata field KEY; per report, do the two decisions agree
      (both rejected, or both kept with the same value)? Agreeing pairs / pairs.
    - ``field:KEY`` ``kappa`` for the categorical fields (level, province, script,
      report_year), labels = the decisions (the value, or "(rejected)");
      ``field:categorical`` pools the four fields' pairs (percent and kappa).
    - ``part`` ``percent``/``kappa``: per matched part, the label each coder gives it (the
      part name when kept, "(rejected)" otherwise).
    - ``indicator`` ``percent``/``kappa``: per matched metric kept by both coders, the
      indicator key each gives it ("(none)" when empty).
    - ``section`` / ``metric`` ``span_f1``: the sets of spans each coder kept (exact
      (start, end) match): F1 = 2·|A∩B| / (|A| + |B|), summed over the reports first
      (micro average). ``span_f1_relaxed``: the same with two spans matching when they
      overlap by at least half of the longer one (one-to-one, exact matches first, then
      overlaps in text order; sections nest, so any overlap would pair a heading with its
      own subsections): a relaxed
      F1 much higher than the exact one means the coders found the same things and
      disagree about where they begin and end. ``n`` = |A ∪ B| (distinct spans).
    - Percent agreement po = agreeing pairs / n. Cohen's kappa = (po − pe) / (1 − pe),
      pe = Σ over labels of pA(label)·pB(label), each coder's share of the n pairs with
      that label. Undefined (``None``) when pe = 1 (both coders used one and the same
      label for everything). Pooling reports coded by different pairs of reviewers treats
      "coder A" and "coder B" as two raters, as is usual for a team's double coding.

Notes, as INCEpTION's agreement page gives them (``AgreementRow.note``, joined with "; ")
    - n = 0: "no decided double-coded items yet".
    - n < 10: "too few items to read much into".
    - kappa with one label > 80% of both coders' decisions: "one label dominates: kappa is
      unstable, look at percent agreement".
    - kappa with pe = 1: "kappa undefined: both coders used one label only (chance
      agreement is 1); look at percent agreement".
    - span F1 whose relaxed F1 is at least 0.10 higher than the exact one and overlaps
      explain at least half of the exact disagreement: "disagreement is mostly about span
      boundaries".

Adjudication
    ``adjudication_rows`` lists every matched item of a double-coded report: coder A's and
    coder B's item side by side, whether they agree, and the canonical item as it is now
    (``final``). ``adjudicate(ops, report_id, row, choice)`` writes the lead's choice ("a",
    "b", or a value of their own) to the canonical item through ``Operations`` (history,
    undo and conflicts as for any edit): a kept value is accepted when it is the
    extractor's, else the item is corrected; "rejected" rejects it; a value for an item
    only coders added adds a canonical item. ``apply_agreed`` does that for every row the
    coders agree on that the canonical items do not show yet. The export then writes the
    adjudicated values.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard

from sqlalchemy import Connection, delete, false, insert, select, true, update

from .db import Store
from .models import Assignment as AssignmentRow
from .models import utcnow
from .ops import ITEMS, REPORTS, ROW_FIELDS, Change, NotFound, Operations
from .outfiles import guard_cell, output_file

ASSIGNMENTS = AssignmentRow.__table__

KINDS = ("field", "section", "part", "metric")
CATEGORICAL_FIELDS = ("level", "province", "script", "report_year")
KEPT_STATES = ("accepted", "corrected", "added")
REJECTED = "(rejected)"
NO_INDICATOR = "(none)"
FEW_ITEMS = 10
DOMINANT_SHARE = 0.8
BOUNDARY_GAP = 0.10

NOTE_NONE = "no decided double-coded items yet"
NOTE_FEW = "too few items to read much into"
NOTE_DOMINANT = "one label dominates: kappa is unstable, look at percent agreement"
NOTE_UNDEFINED = "kappa undefined: both coders used one label only (chance agreement is 1); look at percent agreement"
NOTE_BOUNDARIES = "disagreement is mostly about span boundaries"

_ITEM_COLUMNS = ROW_FIELDS  # a coder's copy carries every column of the item


# ---------------------------------------------------------------- assignments


@dataclass(frozen=True)
class Assignment:
    report_id: int
    reviewer: str
    double: bool
    assigned_by: str
    done: bool


def _name(value: str, what: str = "reviewer") -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"a {what} name is needed")
    return value.strip()


def _assignment(row: Any) -> Assignment:
    return Assignment(
        report_id=row.report_id,
        reviewer=row.reviewer,
        double=bool(row.double),
        assigned_by=row.assigned_by,
        done=bool(row.done),
    )


def _lock_report(conn: Connection, report_id: int) -> None:
    """The report must exist; on PostgreSQL its row is locked until the commit, so two leads
    assigning the same report at once do not both make a reviewer's copy."""
    query = select(REPORTS.c.id).where(REPORTS.c.id == report_id).with_for_update(key_share=True)
    if conn.execute(query).first() is None:
        raise NotFound(f"report {report_id} does not exist")


def _has_copy(conn: Connection, report_id: int, coder: str) -> bool:
    return (
        conn.execute(select(ITEMS.c.id).where(ITEMS.c.report_id == report_id, ITEMS.c.coder == coder).limit(1)).first()
        is not None
    )


def _make_copy(conn: Connection, report_id: int, coder: str) -> int:
    """The coder's copy of the report's extractor items, as the extractor gave them."""
    rows = conn.execute(
        select(
            ITEMS.c.id,
            ITEMS.c.kind,
            ITEMS.c.key,
            ITEMS.c.start,
            ITEMS.c.end,
            ITEMS.c.extracted,
            ITEMS.c.confidence,
            ITEMS.c.run_id,
        )
        .where(ITEMS.c.report_id == report_id, ITEMS.c.coder.is_(None), ITEMS.c.extracted.is_not(None))
        .order_by(ITEMS.c.id)
    ).all()
    now = utcnow()
    copies = [
        {
            "report_id": report_id,
            "kind": r.kind,
            "key": r.key,
            "start": r.start,
            "end": r.end,
            "data": r.extracted,
            "extracted": r.extracted,
            "source": "extractor",
            "state": "pending",
            "confidence": r.confidence,
            "run_id": r.run_id,
            "version": 1,
            "updated_at": now,
            "coder": coder,
            "origin": r.id,
        }
        for r in rows
    ]
    if copies:
        conn.execute(insert(ITEMS), copies)
    return len(copies)


def assign(store: Store, report_id: int, reviewers: Sequence[str], *, by: str) -> list[Assignment]:
    """Assign the report to ``reviewers``: one (single coding) or two (double coding: each
    gets a coding copy, made once). The report's assignment becomes exactly these reviewers
    (others assigned before are unassigned; their copies stay). Idempotent: assigning the
    same reviewers again changes nothing (``done`` and the copies stay). Returns the
    report's assignments. ValueError for no reviewer or more than two."""
    names: list[str] = []
    for reviewer in reviewers:
        name = _name(reviewer)
        if name not in names:
            names.append(name)
    if not names:
        raise ValueError("assign a report to one reviewer, or to two for double coding")
    if len(names) > 2:
        raise ValueError(f"a report is coded by one reviewer, or by two (double coding); not {len(names)}")
    lead = _name(by, "lead")
    double = len(names) == 2
    with store.engine.begin() as conn:
        _lock_report(conn, report_id)
        existing = {
            row.reviewer: row for row in conn.execute(select(ASSIGNMENTS).where(ASSIGNMENTS.c.report_id == report_id))
        }
        gone = [name for name in existing if name not in names]
        if gone:
            conn.execute(
                delete(ASSIGNMENTS).where(ASSIGNMENTS.c.report_id == report_id, ASSIGNMENTS.c.reviewer.in_(gone))
            )
        for name in names:
            row = existing.get(name)
            if row is None:
                conn.execute(
                    insert(ASSIGNMENTS),
                    [
                        {
                            "report_id": report_id,
                            "reviewer": name,
                            "double": double,
                            "assigned_by": lead,
                            "assigned_at": utcnow(),
                            "done": False,
                        }
                    ],
                )
            elif bool(row.double) != double:
                conn.execute(
                    update(ASSIGNMENTS)
                    .where(ASSIGNMENTS.c.id == row.id)
                    .values(double=double, assigned_by=lead, assigned_at=utcnow())
                )
            if double and not _has_copy(conn, report_id, name):
                _make_copy(conn, report_id, name)
        rows = conn.execute(
            select(ASSIGNMENTS).where(ASSIGNMENTS.c.report_id == report_id).order_by(ASSIGNMENTS.c.reviewer)
        ).all()
    return [_assignment(row) for row in rows]


def unassign(store: Store, report_id: int, reviewer: str, *, by: str) -> None:
    """Take the report off the reviewer's queue. Their coding copy (if any) stays: assigning
    them again brings it back, and adjudication can still show it. ``by``: the lead (checked
    to be given; assignments keep no history)."""
    _name(by, "lead")
    with store.engine.begin() as conn:
        conn.execute(
            delete(ASSIGNMENTS).where(ASSIGNMENTS.c.report_id == report_id, ASSIGNMENTS.c.reviewer == _name(reviewer))
        )


def assignments(store: Store, *, reviewer: str | None = None, report_id: int | None = None) -> list[Assignment]:
    """Assignments, by report id then reviewer; only the reviewer's / the report's when given."""
    query = select(ASSIGNMENTS)
    if reviewer is not None:
        query = query.where(ASSIGNMENTS.c.reviewer == reviewer.strip())
    if report_id is not None:
        query = query.where(ASSIGNMENTS.c.report_id == report_id)
    with store.session(readonly=True) as session:
        rows = session.execute(query.order_by(ASSIGNMENTS.c.report_id, ASSIGNMENTS.c.reviewer)).all()
    return [_assignment(row) for row in rows]


def queue(store: Store, reviewer: str) -> list[int]:
    """The ids of the reports assigned to ``reviewer`` that they have not marked done, in id order."""
    with store.session(readonly=True) as session:
        return list(
            session.execute(
                select(ASSIGNMENTS.c.report_id)
                .where(ASSIGNMENTS.c.reviewer == reviewer.strip(), ASSIGNMENTS.c.done == false())
                .order_by(ASSIGNMENTS.c.report_id)
            ).scalars()
        )


def coder_for(store: Store, report_id: int, reviewer: str) -> str | None:
    """The reviewer's name when they double-code this report (they edit their own copy),
    else None (they edit the canonical items)."""
    name = reviewer.strip()
    with store.session(readonly=True) as session:
        double = session.execute(
            select(ASSIGNMENTS.c.double).where(ASSIGNMENTS.c.report_id == report_id, ASSIGNMENTS.c.reviewer == name)
        ).scalar_one_or_none()
    return name if double else None


def mark_coding_done(store: Store, report_id: int, reviewer: str, done: bool = True) -> None:
    """The reviewer finished coding the report (``done=False``: reopen it). NotFound when the
    report is not assigned to them."""
    with store.engine.begin() as conn:
        result = conn.execute(
            update(ASSIGNMENTS)
            .where(ASSIGNMENTS.c.report_id == report_id, ASSIGNMENTS.c.reviewer == reviewer.strip())
            .values(done=bool(done))
        )
        if result.rowcount != 1:
            raise NotFound(f"report {report_id} is not assigned to {reviewer}")


# ---------------------------------------------------------------- matching the coders' items


def _coders(conn: Connection, report_id: int) -> tuple[str, str] | None:
    """The report's two coders (alphabetical): its double-coding assignees, else the two
    reviewers with a copy (one was unassigned after coding). None when there are not two."""
    names = sorted(
        conn.execute(
            select(ASSIGNMENTS.c.reviewer).where(ASSIGNMENTS.c.report_id == report_id, ASSIGNMENTS.c.double == true())
        ).scalars()
    )
    with_copies = set(
        conn.execute(
            select(ITEMS.c.coder).where(ITEMS.c.report_id == report_id, ITEMS.c.coder.is_not(None)).distinct()
        ).scalars()
    )
    if len(names) != 2 or not set(names) <= with_copies:
        names = sorted(with_copies)
    return (names[0], names[1]) if len(names) == 2 else None


def _items(conn: Connection, report_id: int, coder: str | None) -> list[dict[str, Any]]:
    which = ITEMS.c.coder.is_(None) if coder is None else ITEMS.c.coder == coder
    rows = (
        conn.execute(
            select(*(ITEMS.c[name] for name in _ITEM_COLUMNS))
            .where(ITEMS.c.report_id == report_id, which)
            .order_by(ITEMS.c.id)
        )
        .mappings()
        .all()
    )
    return [dict(row) for row in rows]


@dataclass
class _Unit:
    kind: str
    key: str | None
    start: int | None
    end: int | None
    origin: int | None
    a: dict[str, Any] | None
    b: dict[str, Any] | None


def _span_key(item: dict[str, Any]) -> tuple[Any, ...]:
    return (item["kind"], item["key"] if item["kind"] == "field" else None, item["start"], item["end"])


def _units(
    items_a: list[dict[str, Any]], items_b: list[dict[str, Any]], canonical: dict[int, dict[str, Any]] | None = None
) -> list[_Unit]:
    """The two coders' items matched (module docstring), in kind and text order."""
    units: list[_Unit] = []
    by_origin_a = {i["origin"]: i for i in items_a if i["origin"] is not None}
    by_origin_b = {i["origin"]: i for i in items_b if i["origin"] is not None}
    for origin in sorted(set(by_origin_a) | set(by_origin_b)):
        a, b = by_origin_a.get(origin), by_origin_b.get(origin)
        base = (canonical or {}).get(origin) or a or b
        assert base is not None  # the origin is one of a's or b's
        units.append(_Unit(base["kind"], base["key"], base["start"], base["end"], origin, a, b))
    added_b: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for item in items_b:
        if item["origin"] is None:
            added_b.setdefault(_span_key(item), []).append(item)
    for item in items_a:
        if item["origin"] is None:
            same = added_b.get(_span_key(item))
            other = same.pop(0) if same else None
            units.append(_Unit(item["kind"], item["key"], item["start"], item["end"], None, item, other))
    for rest in added_b.values():
        for item in rest:
            units.append(_Unit(item["kind"], item["key"], item["start"], item["end"], None, None, item))
    order = {kind: n for n, kind in enumerate(KINDS)}
    units.sort(
        key=lambda u: (order.get(u.kind, 9), u.start is None, u.start or 0, u.end or 0, u.key or "", u.origin or 0)
    )
    return units


_PENDING = ("pending",)


def _decision(item: dict[str, Any] | None) -> Any:
    """``_PENDING`` (not decided), REJECTED (rejected, or not in this coder's copy), or the
    kept value: (data as canonical JSON, start, end)."""
    if item is None or item["state"] == "rejected":
        return REJECTED
    if item["state"] not in KEPT_STATES:
        return _PENDING
    return (json.dumps(item["data"], ensure_ascii=False, sort_keys=True), item["start"], item["end"])


def _decided(unit: _Unit) -> bool:
    return _decision(unit.a) is not _PENDING and _decision(unit.b) is not _PENDING


def _kept(item: dict[str, Any] | None) -> TypeGuard[dict[str, Any]]:
    return item is not None and item["state"] in KEPT_STATES


def _field_label(item: dict[str, Any] | None) -> str:
    if not _kept(item):
        return REJECTED
    value = (item["data"] or {}).get("value")
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _part_label(item: dict[str, Any] | None) -> str:
    if not _kept(item):
        return REJECTED
    return str((item["data"] or {}).get("part") or "")


def _indicator_label(item: dict[str, Any]) -> str:
    return (item["data"] or {}).get("indicator") or NO_INDICATOR


# ---------------------------------------------------------------- agreement


@dataclass(frozen=True)
class AgreementRow:
    scope: str  # "field:level", "field:categorical", "part", "indicator", "section", "metric"
    measure: str  # "percent", "kappa", "span_f1", "span_f1_relaxed"
    value: float | None
    n: int
    note: str | None


AGREEMENT_COLUMNS = ("scope", "measure", "value", "n", "note")


@dataclass
class AgreementReport:
    rows: list[AgreementRow]
    reports: list[int]  # the double-coded reports the figures cover
    coders: list[str]  # every reviewer who coded one of them
    pairs: dict[int, tuple[str, str]] = field(default_factory=dict)  # report id -> (coder A, coder B)
    undecided: int = 0  # matched items left out because a coder had not decided them yet

    def row(self, scope: str, measure: str) -> AgreementRow | None:
        return next((r for r in self.rows if r.scope == scope and r.measure == measure), None)

    def csv_rows(self) -> list[list[Any]]:
        return [list(AGREEMENT_COLUMNS)] + [
            [r.scope, r.measure, "" if r.value is None else round(r.value, 4), r.n, r.note or ""] for r in self.rows
        ]

    def to_csv(self, path: str | Path) -> Path:
        """UTF-8 with a BOM (Excel), written as a whole by the one safe writer."""
        out = Path(path)
        with output_file(out, "w", encoding="utf-8", newline="") as handle:
            handle.write("\ufeff")
            csv.writer(handle).writerows([guard_cell(v) for v in row] for row in self.csv_rows())
        return out

    def summary_text(self) -> str:
        if not self.reports:
            return "agreement: no report is double-coded by two reviewers yet\n"
        lines = [f"agreement over {len(self.reports)} double-coded report(s), coders: {', '.join(self.coders)}"]
        if self.undecided:
            lines.append(f"({self.undecided} matched item(s) left out: a coder has not decided them yet)")
        lines.append(
            "percent: share of items both coders decided alike; kappa: agreement beyond chance "
            "(1 perfect, 0 chance); span F1: same spans found (exact, or overlapping when relaxed)"
        )
        width = max(len(r.scope) for r in self.rows) if self.rows else 10
        for r in self.rows:
            value = (
                "   -  "
                if r.value is None
                else (f"{r.value * 100:5.1f}%" if r.measure == "percent" else f"{r.value:6.3f}")
            )
            note = f"  ({r.note})" if r.note else ""
            lines.append(f"  {r.scope.ljust(width)}  {r.measure.ljust(15)} {value}  n={r.n}{note}")
        return "\n".join(lines) + "\n"


def percent_and_kappa(pairs: Sequence[tuple[Any, Any]]) -> tuple[float | None, float | None, float | None, float]:
    """(po, kappa, pe, share of the most used label) of label pairs (coder A, coder B)."""
    n = len(pairs)
    if n == 0:
        return None, None, None, 0.0
    po = sum(1 for a, b in pairs if a == b) / n
    count_a = Counter(a for a, _ in pairs)
    count_b = Counter(b for _, b in pairs)
    pe = sum((count_a[label] / n) * (count_b[label] / n) for label in set(count_a) | set(count_b))
    kappa = None if abs(1.0 - pe) < 1e-12 else (po - pe) / (1.0 - pe)
    dominant = max((count_a[label] + count_b[label]) / (2 * n) for label in set(count_a) | set(count_b))
    return po, kappa, pe, dominant


def _join(notes: list[str]) -> str | None:
    return "; ".join(notes) or None


def _size_notes(n: int) -> list[str]:
    if n == 0:
        return [NOTE_NONE]
    if n < FEW_ITEMS:
        return [NOTE_FEW]
    return []


def _label_rows(scope: str, pairs: list[tuple[Any, Any]], with_kappa: bool) -> list[AgreementRow]:
    po, kappa, _, dominant = percent_and_kappa(pairs)
    n = len(pairs)
    rows = [AgreementRow(scope, "percent", po, n, _join(_size_notes(n)))]
    if with_kappa:
        notes = _size_notes(n)
        if n and kappa is None:
            notes.append(NOTE_UNDEFINED)
        elif n and dominant > DOMINANT_SHARE:
            notes.append(NOTE_DOMINANT)
        rows.append(AgreementRow(scope, "kappa", kappa, n, _join(notes)))
    return rows


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """The spans share at least half of the longer one (a heading and the subsection inside
    it do not match; the same metric with one boundary moved does)."""
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and 2 * shared >= max(a[1] - a[0], b[1] - b[0])


def span_matches(spans_a: list[tuple[int, int]], spans_b: list[tuple[int, int]]) -> tuple[int, int]:
    """(exact matches, relaxed matches) between two coders' spans, one-to-one: exact pairs
    first, then the rest paired with the first unpaired overlapping span in text order."""
    rest_b = Counter(spans_b)
    exact = 0
    left_a = []
    for span in sorted(spans_a):
        if rest_b[span] > 0:
            rest_b[span] -= 1
            exact += 1
        else:
            left_a.append(span)
    left_b = sorted(rest_b.elements())
    relaxed = exact
    for span in left_a:
        for i, other in enumerate(left_b):
            if _overlaps(span, other):
                del left_b[i]
                relaxed += 1
                break
    return exact, relaxed


def _span_rows(scope: str, counts: list[int]) -> list[AgreementRow]:
    n_a, n_b, exact, relaxed = counts
    union = n_a + n_b - exact
    f1 = None if n_a + n_b == 0 else 2 * exact / (n_a + n_b)
    f1_relaxed = None if n_a + n_b == 0 else 2 * relaxed / (n_a + n_b)
    notes = _size_notes(union)
    if (
        f1 is not None
        and f1_relaxed is not None
        and f1_relaxed - f1 >= BOUNDARY_GAP - 1e-12
        and f1_relaxed - f1 >= (1 - f1) / 2 - 1e-12
    ):
        notes.append(NOTE_BOUNDARIES)
    note = _join(notes)
    return [
        AgreementRow(scope, "span_f1", f1, union, note),
        AgreementRow(scope, "span_f1_relaxed", f1_relaxed, union, note),
    ]


def _double_coded(conn: Connection, report_ids: Iterable[int] | None) -> list[int]:
    candidates = set(conn.execute(select(ASSIGNMENTS.c.report_id).where(ASSIGNMENTS.c.double == true())).scalars())
    candidates |= set(conn.execute(select(ITEMS.c.report_id).where(ITEMS.c.coder.is_not(None)).distinct()).scalars())
    if report_ids is not None:
        candidates &= set(report_ids)
    return sorted(candidates)


def agreement(store: Store, report_ids: Iterable[int] | None = None) -> AgreementReport:
    """Agreement between the two coders of every double-coded report (of ``report_ids`` when
    given); the figures and notes are defined in the module docstring."""
    from desktop.core.metadata import FIELDS

    field_pairs: dict[str, list[tuple[Any, Any]]] = {}
    part_pairs: list[tuple[Any, Any]] = []
    indicator_pairs: list[tuple[Any, Any]] = []
    spans = {"section": [0, 0, 0, 0], "metric": [0, 0, 0, 0]}  # |A|, |B|, exact, relaxed
    pairs: dict[int, tuple[str, str]] = {}
    undecided = 0
    with store.engine.execution_options(fazhi_readonly=True).begin() as conn:
        for report_id in _double_coded(conn, report_ids):
            coders = _coders(conn, report_id)
            if coders is None:
                continue
            pairs[report_id] = coders
            units = _units(_items(conn, report_id, coders[0]), _items(conn, report_id, coders[1]))
            kept_spans: dict[str, tuple[list[tuple[int, int]], list[tuple[int, int]]]] = {
                "section": ([], []),
                "metric": ([], []),
            }
            for unit in units:
                if not _decided(unit):
                    undecided += 1
                    continue
                if unit.kind == "field":
                    field_pairs.setdefault(unit.key or "?", []).append((_field_label(unit.a), _field_label(unit.b)))
                elif unit.kind == "part":
                    part_pairs.append((_part_label(unit.a), _part_label(unit.b)))
                if unit.kind == "metric" and _kept(unit.a) and _kept(unit.b):
                    indicator_pairs.append((_indicator_label(unit.a), _indicator_label(unit.b)))
                if unit.kind in kept_spans:
                    for side, item in zip(kept_spans[unit.kind], (unit.a, unit.b)):
                        if _kept(item) and item["start"] is not None and item["end"] is not None:
                            side.append((item["start"], item["end"]))
            for kind, (spans_a, spans_b) in kept_spans.items():
                exact, relaxed = span_matches(spans_a, spans_b)
                counts = spans[kind]
                counts[0] += len(spans_a)
                counts[1] += len(spans_b)
                counts[2] += exact
                counts[3] += relaxed

    rows: list[AgreementRow] = []
    keys = [k for k in FIELDS if k in field_pairs] + sorted(set(field_pairs) - set(FIELDS))
    for key in keys:
        rows += _label_rows(f"field:{key}", field_pairs[key], key in CATEGORICAL_FIELDS)
    pooled = [pair for key in CATEGORICAL_FIELDS for pair in field_pairs.get(key, [])]
    rows += _label_rows("field:categorical", pooled, True)
    rows += _label_rows("part", part_pairs, True)
    rows += _label_rows("indicator", indicator_pairs, True)
    rows += _span_rows("section", spans["section"])
    rows += _span_rows("metric", spans["metric"])
    everyone = sorted({name for pair in pairs.values() for name in pair})
    return AgreementReport(rows=rows, reports=sorted(pairs), coders=everyone, pairs=pairs, undecided=undecided)


# ---------------------------------------------------------------- adjudication


@dataclass(frozen=True)
class AdjudicationRow:
    kind: str
    key: str | None  # the metadata field's name (fields only)
    start: int | None
    end: int | None
    origin: int | None  # the canonical item both copies came from; None: only coders added it
    a: dict[str, Any] | None  # coder A's item: {"id", "data", "state", "start", "end", "version"}; None: A has none
    b: dict[str, Any] | None
    coder_a: str
    coder_b: str
    agree: bool  # the same decision (both rejected, or both kept with the same value and span)
    final: dict[str, Any] | None  # the canonical item now: {"id", "data", "state", "start", "end", "version",
    #                     "source", "extracted"}; None: there is none (yet)

    @property
    def decided(self) -> bool:
        """Both coders decided this item (neither left it pending)."""
        return _decision(self.a) is not _PENDING and _decision(self.b) is not _PENDING


def _side(item: dict[str, Any] | None) -> dict[str, Any] | None:
    if item is None:
        return None
    return {name: item[name] for name in ("id", "data", "state", "start", "end", "version")}


def _final(item: dict[str, Any] | None) -> dict[str, Any] | None:
    if item is None:
        return None
    return {name: item[name] for name in ("id", "data", "state", "start", "end", "version", "source", "extracted")}


def adjudication_rows(store: Store, report_id: int) -> list[AdjudicationRow]:
    """Every matched item of a double-coded report, coder A's and B's side by side with the
    canonical item (module docstring). ValueError when the report is not coded by two reviewers."""
    with store.engine.execution_options(fazhi_readonly=True).begin() as conn:
        coders = _coders(conn, report_id)
        if coders is None:
            raise ValueError(f"report {report_id} is not double-coded by two reviewers")
        canonical_items = _items(conn, report_id, None)
        items_a, items_b = _items(conn, report_id, coders[0]), _items(conn, report_id, coders[1])
    canonical = {item["id"]: item for item in canonical_items}
    added: dict[tuple[Any, ...], dict[str, Any]] = {}
    for item in canonical_items:  # a canonical item an adjudication added: found by its span
        if item["extracted"] is None:
            added.setdefault(_span_key(item), item)
    rows = []
    for unit in _units(items_a, items_b, canonical):
        if unit.origin is not None:
            final = canonical.get(unit.origin)
        else:
            final = added.get((unit.kind, unit.key if unit.kind == "field" else None, unit.start, unit.end))
        rows.append(
            AdjudicationRow(
                kind=unit.kind,
                key=unit.key,
                start=unit.start,
                end=unit.end,
                origin=unit.origin,
                a=_side(unit.a),
                b=_side(unit.b),
                coder_a=coders[0],
                coder_b=coders[1],
                agree=_decision(unit.a) == _decision(unit.b),
                final=_final(final),
            )
        )
    return rows


def _target(row: AdjudicationRow, choice: str | dict[str, Any]) -> tuple[dict[str, Any], int | None, int | None] | None:
    """The value chosen: (data, start, end), or None for "rejected"."""
    if isinstance(choice, str):
        if choice not in ("a", "b"):
            raise ValueError(f"choose 'a', 'b' or a value (dict), not {choice!r}")
        side = row.a if choice == "a" else row.b
        if side is None or side["state"] == "rejected":
            return None
        return dict(side["data"]), side["start"], side["end"]
    if not isinstance(choice, dict):
        raise ValueError("choose 'a', 'b' or a value (dict)")
    data = dict(choice)
    base = row.final or row.a or row.b or {"start": row.start, "end": row.end}
    start = data.pop("start", base["start"])
    end = data.pop("end", base["end"])
    return data, start, end


def adjudicate(ops: Operations, report_id: int, row: AdjudicationRow, choice: str | dict[str, Any]) -> Change | None:
    """Write the lead's choice for ``row`` to the canonical item through ``ops``: "a" or "b"
    (that coder's decision: their value, or rejected when they rejected it or do not have
    the item), or a dict (the lead's own value; "start"/"end" in it move the span). The
    canonical item is accepted when the value is the extractor's, corrected otherwise,
    rejected for "rejected", added when there is none. None when nothing needs writing (a
    rejection of an item that has no canonical item). ConflictError when the canonical item
    changed since ``row`` was read."""
    target = _target(row, choice)
    final = row.final
    if target is None:
        if final is None:
            return None
        return ops.reject(final["id"], base_version=final["version"], note="adjudicated")
    data, start, end = target
    if final is None:
        return ops.add_item(report_id, row.kind, data, start=start, end=end, key=row.key, note="adjudicated")
    same_span = start == final["start"] and end == final["end"]
    if same_span and final["extracted"] is not None and data == final["extracted"] and data == final["data"]:
        return ops.accept(final["id"], base_version=final["version"], note="adjudicated")
    return ops.update_item(
        final["id"],
        data,
        base_version=final["version"],
        start=None if same_span else start,
        end=None if same_span else end,
        note="adjudicated",
    )


def _shows(row: AdjudicationRow, target: tuple[dict[str, Any], int | None, int | None] | None) -> bool:
    """The canonical item already shows this decision."""
    final = row.final
    if target is None:
        return final is None or final["state"] == "rejected"
    if final is None or final["state"] not in KEPT_STATES:
        return False
    data, start, end = target
    return bool(final["data"] == data and final["start"] == start and final["end"] == end)


def apply_agreed(ops: Operations, report_id: int) -> list[Change]:
    """Write every decision both coders agree on (and decided) to the canonical items,
    unless they show it already: one transaction and one undo step (a canonical item changed
    since the rows were read refuses the whole of it). Returns the changes."""
    rows = [
        row
        for row in adjudication_rows(ops.store, report_id)
        if row.agree and row.decided and not _shows(row, _target(row, "a"))
    ]
    with ops.operation() as changes:
        for row in rows:
            change = adjudicate(ops, report_id, row, "a")
            if change is not None:
                changes.append(change)
    return changes


def disagreements(store: Store, report_id: int) -> list[AdjudicationRow]:
    """The rows the coders do not agree on (what the lead has to decide)."""
    return [row for row in adjudication_rows(store, report_id) if not row.agree]
