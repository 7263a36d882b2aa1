"""What the curated library says as a dataset, and how well the extractor did (no Qt).

``indicator_table(store, flt)``
    One row per report that passes the library's filter (``queries.LibraryFilter``, the same
    filter as the library view), with its region, province, year and level; one column per
    indicator of the catalogue (and any other indicator a reviewer used). A cell holds the
    report's *curated* metrics of that indicator, as the export has them: reviewers'
    corrections applied, rejected metrics left out, metrics a reviewer added included,
    metrics not yet decided included (``Cell.pending`` says so). A report that states an
    indicator several times keeps every metric, in text order; ``Cell.first`` is shown and
    ``Cell.count`` says how many there are. ``coverage`` counts, per indicator, the reports
    that state it at all.

``rate_distribution``, ``trend``, ``coverage_by_province``
    The series the dataset view's charts draw, from a table.

``quality_report(store, flt)``
    The extractor measured by the reviewers' decisions: for every metadata field (by key)
    and every item kind, how many of the extractor's items reviewers accepted, corrected or
    rejected, how many items reviewers added because the extractor missed them, and how
    many are still pending. Rates count decided items only (pending ones are left out):
    accepted, corrected and rejected are shares of the extractor's decided items;
    ``missed`` is the share of the items reviewers kept (accepted, corrected, added) that
    the extractor did not find. Metrics are also broken down by indicator, and corrected
    metrics by what was corrected (value, unit, label, indicator, ...).

Every read is one read transaction per call, portable SQL (SQLite and PostgreSQL). Only the
canonical items count (``items.coder IS NULL``), never reviewers' coding copies.
"""

from __future__ import annotations

import csv
import io
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from desktop.core.indicators import RATE, default_catalogue
from desktop.core.reading import display_width

from .db import Store
from .models import Item
from .outfiles import guard_cell, output_file
from .queries import LibraryFilter, LibraryRow, count_reports, list_reports

_I = Item.__table__.c
_CHUNK = 500
NO_INDICATOR = ""  # the key of metrics without an indicator in the quality report


# ---------------------------------------------------------------- the indicator table


@dataclass(frozen=True)
class MetricValue:
    item_id: int
    value: Any
    value_to: Any
    unit: str
    approx: bool
    text: str
    label: str
    state: str  # pending | accepted | corrected | added

    def display(self) -> str:
        """52件, 98.5%, 3–5项, ≈300人."""
        if self.value is None:
            return self.text or ""
        value = _number_text(self.value)
        if self.value_to is not None:
            value += "–" + _number_text(self.value_to)
        return ("≈" if self.approx else "") + value + (self.unit or "")


@dataclass(frozen=True)
class Cell:
    metrics: tuple[MetricValue, ...]

    @property
    def first(self) -> MetricValue:
        return self.metrics[0]

    @property
    def count(self) -> int:
        return len(self.metrics)

    @property
    def pending(self) -> bool:
        """Some of its metrics still wait for a reviewer's decision."""
        return any(m.state == "pending" for m in self.metrics)

    def display(self) -> str:
        text = self.first.display()
        return f"{text} (×{self.count})" if self.count > 1 else text


@dataclass(frozen=True)
class TableRow:
    report: LibraryRow
    cells: dict[str, Cell]

    @property
    def report_id(self) -> int:
        return self.report.id

    def number(self, key: str) -> float | None:
        """The first metric's value of ``key`` as a number, or None."""
        cell = self.cells.get(key)
        if cell is None:
            return None
        return _as_number(cell.first.value)


@dataclass
class IndicatorTable:
    indicators: list[str]  # column keys: the catalogue's order, then other keys
    rows: list[TableRow]

    @property
    def coverage(self) -> dict[str, int]:
        """indicator -> the number of reports (rows) that state it."""
        counts = Counter(key for row in self.rows for key in row.cells)
        return {key: counts.get(key, 0) for key in self.indicators}

    def cell(self, report_id: int, key: str) -> Cell | None:
        for row in self.rows:
            if row.report_id == report_id:
                return row.cells.get(key)
        return None

    def stated(self) -> list[str]:
        """The indicators some report states, in column order."""
        coverage = self.coverage
        return [key for key in self.indicators if coverage[key]]


def _as_number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value).replace(",", ""))
    except ValueError:
        return None


def _number_text(value: Any) -> str:
    number = _as_number(value)
    if number is None:
        return str(value)
    if number.is_integer():
        return f"{int(number)}"
    return f"{number:g}"


def filtered_reports(store: Store, flt: LibraryFilter | None = None) -> list[LibraryRow]:
    """Every report that passes ``flt`` (the library view's filter), by id."""
    total = count_reports(store, flt)
    return list_reports(store, flt, sort="id", offset=0, limit=max(total, 1))


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i : i + _CHUNK]


def _metric_value(item_id: int, data: Mapping[str, Any], state: str) -> MetricValue:
    return MetricValue(
        item_id=item_id,
        value=data.get("value"),
        value_to=data.get("value_to"),
        unit=data.get("unit") or "",
        approx=bool(data.get("approx")),
        text=data.get("text") or "",
        label=data.get("label") or "",
        state=state,
    )


def indicator_table(store: Store, flt: LibraryFilter | None = None) -> IndicatorTable:
    """The curated indicator values of every report that passes ``flt`` (see the module docstring)."""
    reports = filtered_reports(store, flt)
    by_report: dict[int, dict[str, list[tuple[int, int, MetricValue]]]] = {r.id: {} for r in reports}
    indicator = _I.data["indicator"].as_string()
    with store.session(readonly=True) as session:
        connection = session.connection()
        for chunk in _chunks(list(by_report)):
            query = select(_I.report_id, _I.id, _I.start, _I.data, _I.state, indicator.label("indicator")).where(
                _I.report_id.in_(chunk),
                _I.kind == "metric",
                _I.state != "rejected",
                _I.coder.is_(None),
                indicator.is_not(None),
                indicator != "",
            )
            for report_id, item_id, start, data, state, key in connection.execute(query):
                if not isinstance(data, dict):
                    continue
                cells = by_report[report_id].setdefault(key, [])
                position = start if start is not None else data.get("start")
                cells.append(
                    (position if isinstance(position, int) else 1 << 62, item_id, _metric_value(item_id, data, state))
                )
    catalogue_keys = [i.key for i in default_catalogue().indicators]
    others = sorted({key for cells in by_report.values() for key in cells} - set(catalogue_keys))
    rows = [
        TableRow(
            report=r,
            cells={
                key: Cell(tuple(m for *_, m in sorted(values, key=lambda v: v[:2])))
                for key, values in by_report[r.id].items()
            },
        )
        for r in reports
    ]
    return IndicatorTable(indicators=catalogue_keys + others, rows=rows)


# ---------------------------------------------------------------- chart series


def region_label(report: LibraryRow) -> str:
    """The report's region (else its issuer, else its file name), with the year."""
    name = report.region or report.issuer or Path(report.file_name).stem
    return f"{name} {report.year}" if report.year is not None else name


def rate_distribution(table: IndicatorTable, key: str) -> list[tuple[str, float]]:
    """(region and year, value) of every report stating ``key``, highest first: the
    distribution of an indicator (a rate, usually) across regions."""
    points = [(region_label(row.report), row.number(key)) for row in table.rows]
    return sorted(((label, value) for label, value in points if value is not None), key=lambda p: (-p[1], p[0]))


@dataclass(frozen=True)
class Trend:
    years: list[int]
    by_region: dict[str, list[tuple[int, float]]]  # region -> (year, value), by year
    median: list[tuple[int, float]]  # year -> the median over the reports of that year


def trend(table: IndicatorTable, key: str) -> Trend:
    """``key`` across the report years: each region's values, and the median per year."""
    by_region: dict[str, dict[int, float]] = defaultdict(dict)
    by_year: dict[int, list[float]] = defaultdict(list)
    for row in table.rows:
        value, year = row.number(key), row.report.year
        if value is None or year is None:
            continue
        region = row.report.region or row.report.issuer or Path(row.report.file_name).stem
        by_region[region].setdefault(year, value)
        by_year[year].append(value)
    years = sorted(by_year)
    return Trend(
        years=years,
        by_region={region: sorted(values.items()) for region, values in sorted(by_region.items())},
        median=[(year, statistics.median(by_year[year])) for year in years],
    )


@dataclass(frozen=True)
class CoverageGrid:
    provinces: list[str]
    indicators: list[str]
    reports: dict[str, int]  # province -> reports
    shares: list[list[float]]  # [province][indicator]: share of the province's reports that state it


def coverage_by_province(table: IndicatorTable, indicators: Iterable[str] | None = None) -> CoverageGrid:
    """For every province, the share of its reports that state each indicator (the stated
    ones, unless ``indicators`` are given). Reports without a province count as "?"."""
    keys = list(indicators) if indicators is not None else table.stated()
    reports: Counter[str] = Counter()
    stated: dict[str, Counter[str]] = defaultdict(Counter)
    for row in table.rows:
        province = row.report.province or "?"
        reports[province] += 1
        stated[province].update(key for key in row.cells if key in keys)
    provinces = sorted(reports)
    shares = [[stated[p][key] / reports[p] for key in keys] for p in provinces]
    return CoverageGrid(provinces=provinces, indicators=keys, reports=dict(reports), shares=shares)


def is_rate(key: str) -> bool:
    indicator = default_catalogue().by_key.get(key)
    return indicator.unit_kind == RATE if indicator is not None else key.endswith("_rate")


# ---------------------------------------------------------------- the table as CSV

TABLE_COLUMNS = ("report_id", "file", "region", "province", "report_year", "level", "state", "indicators_stated")


def table_csv_rows(table: IndicatorTable) -> Iterator[list[Any]]:
    """The header, one row per report (each indicator: its first value, the count of its
    metrics and the unit), then a coverage row."""
    header = list(TABLE_COLUMNS)
    for key in table.indicators:
        header += [key, f"{key}.n", f"{key}.unit"]
    yield header
    for row in table.rows:
        r = row.report
        out: list[Any] = [r.id, r.file_name, r.region, r.province, r.year, r.level, r.state, len(row.cells)]
        for key in table.indicators:
            cell = row.cells.get(key)
            out += [cell.first.value, cell.count, cell.first.unit] if cell is not None else ["", 0, ""]
        yield out
    coverage = table.coverage
    footer: list[Any] = ["coverage", "", "", "", "", "", "", ""]
    for key in table.indicators:
        footer += ["", coverage[key], ""]
    yield footer


def write_csv(rows: Iterable[list[Any]], out: Path) -> Path:
    """UTF-8 with a BOM (Excel shows the Chinese), a formula-looking text cell quoted with an
    apostrophe, as the export does (``outfiles``: one rule for every writer). Written to a
    temp file in the folder and moved into place; regular files only."""
    out = Path(out)
    with output_file(out, "w", encoding="utf-8", newline="") as handle:
        handle.write("\ufeff")
        writer = csv.writer(handle)
        for row in rows:
            writer.writerow([_safe(v) for v in row])
    return out


def _safe(value: Any) -> Any:
    return "" if value is None else guard_cell(value)


# ---------------------------------------------------------------- extraction quality

#: the attributes of a metric whose corrections are counted
METRIC_ATTRIBUTES = ("value", "value_to", "unit", "approx", "label", "indicator", "text")


@dataclass
class QualityRow:
    kind: str  # field | section | part | metric
    key: str | None  # a field's name; for metrics in by_indicator the indicator ("" none); else None
    accepted: int = 0
    corrected: int = 0
    rejected: int = 0
    missed: int = 0  # items reviewers added: the extractor did not find them
    pending: int = 0

    @property
    def decided(self) -> int:
        """The extractor's items a reviewer decided (accepted, corrected or rejected)."""
        return self.accepted + self.corrected + self.rejected

    @property
    def kept(self) -> int:
        """The items reviewers kept: accepted, corrected, added."""
        return self.accepted + self.corrected + self.missed

    def rate(self, name: str) -> float | None:
        """accepted / corrected / rejected: share of the decided extractor items; missed:
        share of the kept items. None when nothing is decided yet."""
        if name == "missed":
            return self.missed / self.kept if self.kept else None
        return getattr(self, name) / self.decided if self.decided else None

    def add(self, state: str, n: int) -> None:
        name = "missed" if state == "added" else state
        if name in ("accepted", "corrected", "rejected", "missed", "pending"):
            setattr(self, name, getattr(self, name) + n)


@dataclass
class QualityReport:
    reports: int
    by_kind: list[QualityRow]  # one row per item kind
    by_field: list[QualityRow]  # one row per metadata field
    by_indicator: list[QualityRow]  # metrics per indicator (the extractor's; a reviewer's for added ones)
    metric_corrections: Counter[str] = field(default_factory=Counter)  # attribute -> corrected metrics

    def rows(self) -> list[QualityRow]:
        return self.by_field + self.by_kind + self.by_indicator

    def total(self) -> QualityRow:
        out = QualityRow("all", None)
        for row in self.by_kind:
            for name in ("accepted", "corrected", "rejected", "missed", "pending"):
                setattr(out, name, getattr(out, name) + getattr(row, name))
        return out


QUALITY_COLUMNS = (
    "group",
    "kind",
    "key",
    "accepted",
    "corrected",
    "rejected",
    "missed",
    "pending",
    "decided",
    "accepted_rate",
    "corrected_rate",
    "rejected_rate",
    "missed_rate",
)


def quality_report(store: Store, flt: LibraryFilter | None = None) -> QualityReport:
    """The reviewers' decisions on the extractor's items (see the module docstring), over
    the reports that pass ``flt`` (every report when None)."""
    from desktop.core.metadata import FIELDS

    from .models import ITEM_KINDS

    ids = None if flt is None or flt.is_empty() else [r.id for r in filtered_reports(store, flt)]
    extracted_indicator = _I.extracted["indicator"].as_string()
    data_indicator = _I.data["indicator"].as_string()
    # (kind, key, state, the extractor's indicator, the item's indicator) -> items
    grouped: Counter[tuple[str, str | None, str, str | None, str | None]] = Counter()
    corrections: Counter[str] = Counter()
    with store.session(readonly=True) as session:
        connection = session.connection()
        if ids is None:
            from .models import Report

            report_count = int(connection.execute(select(func.count()).select_from(Report.__table__)).scalar_one())
        else:
            report_count = len(ids)
        scopes: list[list[int] | None] = [None] if ids is None else list(_chunks(ids))
        for scope in scopes:
            where = [_I.coder.is_(None)] + ([] if scope is None else [_I.report_id.in_(scope)])
            columns = (_I.kind, _I.key, _I.state, extracted_indicator, data_indicator)
            query = select(*columns, func.count()).where(*where).group_by(*columns)
            for kind, key, state, ex_ind, data_ind, n in connection.execute(query):
                grouped[(kind, key, state, ex_ind, data_ind)] += int(n)
            query = select(_I.data, _I.extracted).where(*where, _I.kind == "metric", _I.state == "corrected")
            for data, extracted in connection.execute(query):
                data, extracted = data or {}, extracted or {}
                for name in METRIC_ATTRIBUTES:
                    if _differs(data.get(name), extracted.get(name)):
                        corrections[name] += 1

    by_kind = {kind: QualityRow(kind, None) for kind in ITEM_KINDS}
    by_field: dict[str, QualityRow] = {name: QualityRow("field", name) for name in FIELDS}
    by_indicator: dict[str, QualityRow] = {}
    for (kind, key, state, ex_ind, data_ind), n in grouped.items():
        by_kind.setdefault(kind, QualityRow(kind, None)).add(state, n)
        if kind == "field":
            by_field.setdefault(key or "?", QualityRow("field", key or "?")).add(state, n)
        elif kind == "metric":
            indicator = (data_ind if state == "added" else ex_ind) or NO_INDICATOR
            by_indicator.setdefault(indicator, QualityRow("metric", indicator)).add(state, n)
    order = {i.key: n for n, i in enumerate(default_catalogue().indicators)}
    ranked = sorted(by_indicator, key=lambda key: (key == NO_INDICATOR, order.get(key, 1 << 20), key))
    indicator_rows = [by_indicator[key] for key in ranked]
    return QualityReport(
        reports=report_count,
        by_kind=list(by_kind.values()),
        by_field=list(by_field.values()),
        by_indicator=indicator_rows,
        metric_corrections=corrections,
    )


def _differs(a: Any, b: Any) -> bool:
    if a in (None, "") and b in (None, ""):
        return False
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return float(a) != float(b)
    return bool(a != b)


def quality_rows(report: QualityReport) -> Iterator[list[Any]]:
    """The report as table rows (QUALITY_COLUMNS), groups: field, kind, indicator, total."""

    def line(group: str, row: QualityRow) -> list[Any]:
        rates = [row.rate(name) for name in ("accepted", "corrected", "rejected", "missed")]
        return [
            group,
            row.kind,
            row.key or "",
            row.accepted,
            row.corrected,
            row.rejected,
            row.missed,
            row.pending,
            row.decided,
            *[("" if r is None else round(r, 4)) for r in rates],
        ]

    for row in report.by_field:
        yield line("field", row)
    for row in report.by_kind:
        yield line("kind", row)
    for row in report.by_indicator:
        yield line("indicator", row)
    yield line("total", report.total())


def quality_text(report: QualityReport) -> str:
    """A readable table for a terminal."""

    def pct(value: float | None) -> str:
        return "-" if value is None else f"{value * 100:.1f}%"

    header = (
        "group",
        "kind",
        "key",
        "accepted",
        "corrected",
        "rejected",
        "missed",
        "pending",
        "acc%",
        "corr%",
        "rej%",
        "miss%",
    )
    rows = [header]
    for values in quality_rows(report):
        group, kind, key, acc, cor, rej, mis, pen, _decided, *rates = values
        rows.append(
            (
                group,
                kind,
                key or ("(none)" if group == "indicator" else "-"),
                str(acc),
                str(cor),
                str(rej),
                str(mis),
                str(pen),
                *[pct(r if r != "" else None) for r in rates],
            )
        )
    widths = [max(display_width(r[i]) for r in rows) for i in range(len(header))]
    out = io.StringIO()
    out.write(
        f"{report.reports} reports; rates count the items reviewers decided (pending left out): "
        "acc/corr/rej% of the extractor's decided items, miss% of the items reviewers kept\n"
    )
    for row in rows:
        out.write(
            "  ".join(
                v + " " * (w - display_width(v)) if i < 3 else " " * (w - display_width(v)) + v
                for i, (v, w) in enumerate(zip(row, widths))
            ).rstrip()
            + "\n"
        )
    if report.metric_corrections:
        out.write(
            "corrected metrics, by what was corrected: "
            + ", ".join(f"{name} {n}" for name, n in report.metric_corrections.most_common())
            + "\n"
        )
    return out.getvalue()
