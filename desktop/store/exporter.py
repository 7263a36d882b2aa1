"""Export the curated dataset: what the reviewers made of each report.

``export(store, out_path, fmt, states=None, provenance=False)`` writes the reports whose
state is in ``states`` (default: every report) with the *curated* values: reviewer
corrections applied, rejected items left out (a rejected metadata field is null), items a
reviewer added included. Returns the files written. Every file is written to a temporary
name beside it and moved into place when complete: a failed export leaves no half file.

``jsonl``
    One report per line, the extraction contract's shape (EXTRACTION_CONTRACT.md) plus the
    review: ``{"id", "file", "sha256", "encoding", "source_format", "state", "metadata",
    "metadata_review", "sections", "parts", "metrics", "flags"}``. ``state`` is the report's
    review state (new | in_review | done | flagged); every section, part and metric has
    ``review_state`` (pending | accepted | corrected | added), and ``metadata_review`` maps
    each field to ``{"review_state": ...}``. With ``provenance=True`` each of these also
    has ``item_id``, ``source`` (extractor | reviewer), ``extracted`` (the extractor's
    original value: the contract object without offsets, or for a field the value; null for
    reviewer-added items) and ``confidence``.

``csv``
    Four UTF-8 files with a BOM (Excel then shows the Chinese text), comma-separated, the
    same tables as the workbook's sheets: reports (id, file, sha256, state and the metadata
    fields, ``level_zh`` beside ``level``), metrics (report id, file, the report's state,
    region, province, level, level_zh, report year, text, value, value_to, unit, approx,
    label, indicator, indicator_zh, start, end, review_state, and with provenance item_id,
    source, confidence, extracted_text/value/unit/label/indicator), sections and parts (the
    report's state, and ``part_zh`` beside ``part``). Every row of every table carries a
    review state: the report's, and the item's. Naming: when ``out_path`` is an existing
    folder (or ends with a path separator) the files are ``reports.csv``, ``metrics.csv``,
    ``sections.csv`` and ``parts.csv`` inside it; otherwise ``out_path`` minus a ``.csv``
    suffix is the stem: ``--out data.csv`` writes ``data.reports.csv``,
    ``data.metrics.csv``, ``data.sections.csv`` and ``data.parts.csv``.

``xlsx``
    One workbook with the sheets ``reports``, ``metrics``, ``sections`` and ``parts``
    (XlsxWriter in constant-memory mode; a table longer than Excel's 1,048,576 rows goes on
    into ``metrics_2`` and so on), each with column widths, a frozen header row and filters.
    Text cells are always text, never formulas or links.

Only the canonical items are exported (``items.coder IS NULL``): reviewers' coding copies of
double-coded reports are not (the lead's adjudication writes the final values to the
canonical items, ``desktop.store.team``).

For ``jsonl`` and ``xlsx`` an existing folder as ``out_path`` means ``dataset.jsonl`` /
``dataset.xlsx`` inside it.
"""

from __future__ import annotations

import collections
import contextlib
import csv
import json
import os
import queue
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Row, Text, cast, select

from desktop.core.metadata import FIELDS

from .db import Store
from .models import REPORT_STATES, Item, Report
from .outfiles import guard_cell, looks_like_formula, output_file

FORMATS = ("jsonl", "csv", "xlsx")
FAST = True  # SQLite's JSON functions do the heavy lifting (tests switch it off to compare)
_CHUNK = 500
_BOM = "\ufeff"

_LEVEL_AT = FIELDS.index("level") + 1
REPORT_COLUMNS = ("id", "file", "sha256", "state", *FIELDS[:_LEVEL_AT], "level_zh", *FIELDS[_LEVEL_AT:])
_METRIC_BASE = (
    "report_id",
    "file",
    "report_state",
    "region",
    "province",
    "level",
    "level_zh",
    "report_year",
    "text",
    "value",
    "value_to",
    "unit",
    "approx",
    "label",
    "indicator",
    "indicator_zh",
    "start",
    "end",
    "review_state",
)
_METRIC_PROV = (
    "item_id",
    "source",
    "confidence",
    "extracted_text",
    "extracted_value",
    "extracted_unit",
    "extracted_label",
    "extracted_indicator",
)
_SECTION_BASE = (
    "report_id",
    "file",
    "report_state",
    "level",
    "number",
    "title",
    "inferred",
    "start",
    "end",
    "review_state",
)
_PART_BASE = ("report_id", "file", "report_state", "part", "part_zh", "start", "end", "review_state")
_ITEM_PROV = ("item_id", "source", "confidence")

#: a row of a query's columns, whichever they are (Row is generic in their types)
AnyRow = Row[*tuple[Any, ...]]

#: Chinese names beside the codes, for readers of the tables
LEVEL_ZH = {
    "province": "省级",
    "prefecture": "地级",
    "county": "县级",
    "district": "市辖区",
    "zone": "开发区",
    "department": "部门",
    "township": "乡镇",
}
PART_ZH = {
    "achievements": "主要成效",
    "leader_duty": "第一责任人职责",
    "shortcomings": "存在的不足",
    "next_year": "下一年度工作安排",
    "other": "其他",
}


def level_zh(level: Any) -> str | None:
    return LEVEL_ZH.get(level) if isinstance(level, str) else None


def part_zh(part: Any) -> str | None:
    return PART_ZH.get(part) if isinstance(part, str) else None


def indicator_zh(key: Any) -> str | None:
    if not isinstance(key, str) or not key:
        return None
    from desktop.core.indicators import default_catalogue

    indicator = default_catalogue().by_key.get(key)
    return indicator.zh if indicator is not None else None


def _metadata_cells(metadata: dict[str, Any]) -> list[Any]:
    values = [metadata[name] for name in FIELDS]
    return [*values[:_LEVEL_AT], level_zh(metadata["level"]), *values[_LEVEL_AT:]]


def _metric_head(report_id: int, file: str, state: str, metadata: dict[str, Any]) -> list[Any]:
    return [
        report_id,
        file,
        state,
        metadata["region"],
        metadata["province"],
        metadata["level"],
        level_zh(metadata["level"]),
        metadata["report_year"],
    ]


class ExportError(Exception):
    """A one-line reason the export cannot be written."""


# --------------------------------------------------------------------------- curated objects

# Rows come from the database with the JSON columns as text (``CAST(... AS TEXT)``: the
# stored text itself, on SQLite and PostgreSQL alike; psycopg would parse a json column):
# the JSONL writer splices that text into its lines without parsing it, which is what makes
# a 10,000-report export take seconds; the other formats parse it (``_curated``).
_R = Report.__table__.c
_I = Item.__table__.c
_REPORT_COLUMNS = (
    _R.id,
    _R.file_name,
    _R.sha256,
    _R.encoding,
    _R.source_format,
    _R.state,
    cast(_R.flags, Text).label("flags"),
)
_ITEM_COLUMNS = (_I.report_id, _I.id, _I.kind, _I.key, _I.start, _I.end, cast(_I.data, Text).label("data"), _I.state)
_PROVENANCE_COLUMNS = (_I.source, cast(_I.extracted, Text).label("extracted"), _I.confidence)
_OFFSET_KEYS = ("start", "end", "confidence")


def _loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _sort_key(item: AnyRow) -> tuple[bool, int, int, int]:
    return (item.start is None, item.start or 0, item.end or 0, item.id)


def _visible(items: list[AnyRow]) -> tuple[dict[str, AnyRow], dict[str, list[AnyRow]]]:
    """The field item that counts for each metadata field, and the other kinds' kept items in order."""
    fields: dict[str, AnyRow] = {}
    lists: dict[str, list[AnyRow]] = {"section": [], "part": [], "metric": []}
    for item in items:
        if item.kind == "field":
            # several items for one field (should not happen): a kept one beats a rejected one, later beats earlier
            if item.key not in fields or item.state != "rejected" or fields[item.key].state == "rejected":
                fields[item.key] = item
        elif item.state != "rejected" and item.kind in lists:
            lists[item.kind].append(item)
    for values in lists.values():
        values.sort(key=_sort_key)
    return fields, lists


def _field_value(item: AnyRow | None) -> Any:
    if item is None or item.state == "rejected":
        return None
    data = _loads(item.data)
    return data.get("value") if isinstance(data, dict) else None


def _field_review(item: AnyRow, provenance: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {"review_state": item.state}
    if provenance:
        extracted = _loads(item.extracted)
        entry.update(
            item_id=item.id,
            source=item.source,
            extracted=extracted.get("value") if isinstance(extracted, dict) else None,
            confidence=item.confidence,
        )
    return entry


def _item_object(item: AnyRow, provenance: bool) -> dict[str, Any]:
    data = _loads(item.data) or {}
    start = item.start if item.start is not None else data.get("start")
    end = item.end if item.end is not None else data.get("end")
    if item.kind == "metric":
        obj = {"text": data.get("text"), "start": start, "end": end}
        obj.update((k, v) for k, v in data.items() if k not in ("text", *_OFFSET_KEYS))
    else:
        obj = {k: v for k, v in data.items() if k not in _OFFSET_KEYS}
        obj["start"], obj["end"] = start, end
    obj["review_state"] = item.state
    if provenance:
        obj.update(item_id=item.id, source=item.source, extracted=_loads(item.extracted), confidence=item.confidence)
    return obj


def _curated(report: AnyRow, items: list[AnyRow], provenance: bool) -> dict[str, Any]:
    fields, lists = _visible(items)
    return {
        "id": report.id,
        "file": report.file_name,
        "sha256": report.sha256,
        "encoding": report.encoding,
        "source_format": report.source_format,
        "state": report.state,
        "metadata": {name: _field_value(fields.get(name)) for name in FIELDS},
        "metadata_review": {name: _field_review(item, provenance) for name, item in fields.items()},
        "sections": [_item_object(i, provenance) for i in lists["section"]],
        "parts": [_item_object(i, provenance) for i in lists["part"]],
        "metrics": [_item_object(i, provenance) for i in lists["metric"]],
        "flags": _loads(report.flags) or [],
    }


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _num(value: int | None) -> str:
    return "null" if value is None else str(int(value))


def _item_json(item: AnyRow, provenance: bool) -> str:
    data = item.data
    if (
        not data
        or data[0] != "{"
        or '"start"' in data
        or '"end"' in data
        or '"confidence"' in data
        or '"review_state"' in data
        or (provenance and ('"item_id"' in data or '"source"' in data or '"extracted"' in data))
    ):
        return _dump(_item_object(item, provenance))  # not the plain shape: the careful way
    tail = f'"start":{_num(item.start)},"end":{_num(item.end)},"review_state":{_dump(item.state)}'
    if provenance:
        confidence = "null" if item.confidence is None else _dump(item.confidence)
        tail += (
            f',"item_id":{item.id},"source":{_dump(item.source)},"extracted":{item.extracted or "null"}'
            f',"confidence":{confidence}'
        )
    body = data[:-1].rstrip()
    return f"{body}{',' if body != '{' else ''}{tail}}}"


def _curated_line(report: AnyRow, items: list[AnyRow], provenance: bool) -> str:
    """``json.dumps(_curated(...))`` without parsing the stored JSON of sections, parts and metrics."""
    fields, lists = _visible(items)
    metadata = _dump({name: _field_value(fields.get(name)) for name in FIELDS})
    review = _dump({name: _field_review(item, provenance) for name, item in fields.items()})
    sections = ",".join(_item_json(i, provenance) for i in lists["section"])
    parts = ",".join(_item_json(i, provenance) for i in lists["part"])
    metrics = ",".join(_item_json(i, provenance) for i in lists["metric"])
    return (
        f'{{"id":{report.id},"file":{_dump(report.file_name)},"sha256":{_dump(report.sha256)},'
        f'"encoding":{_dump(report.encoding)},"source_format":{_dump(report.source_format)},'
        f'"state":{_dump(report.state)},"metadata":{metadata},"metadata_review":{review},'
        f'"sections":[{sections}],"parts":[{parts}],"metrics":[{metrics}],"flags":{report.flags or "[]"}}}'
    )


def _iter_rows(store: Store, states: list[str] | None, provenance: bool) -> Iterator[tuple[AnyRow, list[AnyRow]]]:
    """(report row, its item rows) for every report in ``states``, in id order, JSON as text."""
    columns = _ITEM_COLUMNS + (_PROVENANCE_COLUMNS if provenance else ())
    with store.session(readonly=True) as session:  # one snapshot for the whole export
        connection = session.connection()
        query = select(_R.id).order_by(_R.id)
        if states is not None:
            query = query.where(_R.state.in_(states))
        ids = list(connection.execute(query).scalars())
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            reports = connection.execute(select(*_REPORT_COLUMNS).where(_R.id.in_(chunk)).order_by(_R.id)).all()
            by_report: dict[int, list[AnyRow]] = {rid: [] for rid in chunk}
            for row in connection.execute(
                select(*columns).where(_I.report_id.in_(chunk), _I.coder.is_(None)).order_by(_I.report_id, _I.id)
            ):
                by_report[row.report_id].append(row)
            for report in reports:
                yield report, by_report[report.id]


def _raw_cursor(connection: Connection) -> Any:
    """A DB-API cursor on the session's own connection (sqlite3: the queries run as written)."""
    driver = connection.connection.driver_connection
    assert driver is not None  # a connection in use always holds its DB-API connection
    return driver.cursor()


def _sqlite_item_sql(provenance: bool) -> str:
    keys = ["start", "end", "confidence", "review_state"] + (["item_id", "source", "extracted"] if provenance else [])
    # The plain shape: an object without the keys the export adds. The extractor's items
    # always are (the importer strips offsets and confidence); a reviewer's value is checked.
    plain = " AND ".join(
        ["length(data) > 2", "substr(data, 1, 1) = '{'", "substr(data, -1, 1) = '}'"]
        + [f"instr(data, '\"{key}\"') = 0" for key in keys]
    )
    concat = (
        "substr(data, 1, length(data) - 1) || ',\"start\":' || ifnull(start, 'null') || "
        "',\"end\":' || ifnull(\"end\", 'null') || ',\"review_state\":' || json_quote(state)"
    )
    if provenance:
        concat += (
            " || ',\"item_id\":' || id || ',\"source\":' || json_quote(source) || "
            "',\"extracted\":' || ifnull(extracted, 'null') || "
            "',\"confidence\":' || ifnull(json_quote(confidence), 'null')"
        )
    concat += " || '}'"
    careful = (
        "json_set(json_remove(data, '$.confidence'), "
        "'$.start', coalesce(start, json_extract(data, '$.start')), "
        "'$.end', coalesce(\"end\", json_extract(data, '$.end')), '$.review_state', state"
        + (
            ", '$.item_id', id, '$.source', source, '$.extracted', json(extracted), '$.confidence', confidence"
            if provenance
            else ""
        )
        + ")"
    )
    return (
        f"SELECT report_id, kind, CASE WHEN source = 'extractor' OR ({plain}) THEN {concat} ELSE {careful} END "
        "FROM items WHERE report_id IN (:ids) AND coder IS NULL AND kind != 'field' AND state != 'rejected' "
        "ORDER BY report_id, kind, start IS NULL, coalesce(start, json_extract(data, '$.start')), "
        "coalesce(\"end\", json_extract(data, '$.end')), id"
    )


#: what the JSONL reader thread hands over per chunk of reports: (their ids, their rows, their
#: field rows, their (report id, kind, item JSON) rows)
_Chunk = tuple[list[int], Sequence[AnyRow], list[tuple[Any, ...]], list[tuple[int, str, str]]]


def _sqlite_chunks(store: Store, states: list[str] | None, provenance: bool, put: Callable[[_Chunk], bool]) -> None:
    """Producer (a thread): (reports, field rows, item texts) per chunk of reports, all read
    in one transaction, so the export is one consistent snapshot."""
    item_sql = _sqlite_item_sql(provenance)
    field_sql = (
        "SELECT report_id, key, state, data -> '$.value', id, source, extracted -> '$.value', confidence "
        "FROM items WHERE report_id IN (:ids) AND coder IS NULL AND kind = 'field' ORDER BY report_id, id"
    )
    with store.session(readonly=True) as session:
        connection = session.connection()
        query = select(_R.id).order_by(_R.id)
        if states is not None:
            query = query.where(_R.state.in_(states))
        ids = list(connection.execute(query).scalars())
        cursor = _raw_cursor(connection)
        try:
            for i in range(0, len(ids), _CHUNK):
                chunk = ids[i : i + _CHUNK]
                reports = connection.execute(select(*_REPORT_COLUMNS).where(_R.id.in_(chunk)).order_by(_R.id)).all()
                id_list = ",".join(map(str, chunk))
                fields = cursor.execute(field_sql.replace(":ids", id_list)).fetchall()
                cursor.execute(item_sql.replace(":ids", id_list))
                if not put((chunk, reports, fields, cursor.fetchall())):
                    return
        finally:
            cursor.close()


_STATE_JSON = {state: json.dumps(state) for state in ("pending", "accepted", "corrected", "rejected", "added")}
_FIELD_KEYS = {name: json.dumps(name) for name in FIELDS}


def _field_json(rows: dict[str, tuple[Any, ...]], provenance: bool) -> tuple[str, str]:
    """The "metadata" and "metadata_review" JSON of one report from its field rows
    (report_id, key, state, value as JSON, id, source, extracted value as JSON, confidence)."""
    metadata = []
    for name, key in _FIELD_KEYS.items():
        row = rows.get(name)
        value = "null" if row is None or row[2] == "rejected" or row[3] is None else row[3]
        metadata.append(f"{key}:{value}")
    review = []
    for name, row in rows.items():
        state = _STATE_JSON.get(row[2]) or _dump(row[2])
        if provenance:
            confidence = "null" if row[7] is None else _dump(row[7])
            review.append(
                f'{_dump(name)}:{{"review_state":{state},"item_id":{row[4]},"source":{_dump(row[5])},'
                f'"extracted":{"null" if row[6] is None else row[6]},"confidence":{confidence}}}'
            )
        else:
            review.append(f'{_dump(name)}:{{"review_state":{state}}}')
    return "{" + ",".join(metadata) + "}", "{" + ",".join(review) + "}"


def _sqlite_lines(store: Store, states: list[str] | None, provenance: bool) -> Iterator[str]:
    """The JSONL lines on SQLite. SQLite builds every section, part and metric object from
    the stored text (splicing in offsets and review state; ``json_set`` for odd shapes), a
    reader thread runs the queries while this one joins the lines (sqlite3 lets go of the
    GIL while SQLite works). Same output as ``_curated_line`` (the tests compare them)."""
    chunks: queue.Queue[_Chunk | BaseException | None] = queue.Queue(maxsize=3)
    stop = threading.Event()

    def put(value: _Chunk | BaseException | None) -> bool:
        while not stop.is_set():
            try:
                chunks.put(value, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            _sqlite_chunks(store, states, provenance, put)
            put(None)
        except BaseException as error:
            put(error)

    reader = threading.Thread(target=produce, name="export-reader", daemon=True)
    reader.start()
    try:
        while (got := chunks.get()) is not None:
            if isinstance(got, BaseException):
                raise got
            chunk, reports, field_rows, item_rows = got
            fields: dict[int, dict[str, tuple[Any, ...]]] = {rid: {} for rid in chunk}
            for row in field_rows:
                seen = fields[row[0]]
                # several items for one field (should not happen): as _visible decides
                if row[1] not in seen or row[2] != "rejected" or seen[row[1]][2] == "rejected":
                    seen[row[1]] = row
            objects: dict[int, dict[str, list[str]]] = {rid: {"section": [], "part": [], "metric": []} for rid in chunk}
            for report_id, kind, text in item_rows:
                texts = objects[report_id].get(kind)
                if texts is not None:
                    texts.append(text)
            for report in reports:
                metadata, review = _field_json(fields[report.id], provenance)
                lists = objects[report.id]
                yield (
                    f'{{"id":{report.id},"file":{_dump(report.file_name)},"sha256":{_dump(report.sha256)},'
                    f'"encoding":{_dump(report.encoding)},"source_format":{_dump(report.source_format)},'
                    f'"state":{_dump(report.state)},"metadata":{metadata},"metadata_review":{review},'
                    f'"sections":[{",".join(lists["section"])}],"parts":[{",".join(lists["part"])}],'
                    f'"metrics":[{",".join(lists["metric"])}],"flags":{report.flags or "[]"}}}'
                )
    finally:
        stop.set()
        reader.join()


def jsonl_lines(
    store: Store, *, states: Iterable[str] | None = None, provenance: bool = False, fast: bool = True
) -> Iterator[str]:
    """The JSONL export's lines (without newlines); ``fast`` uses SQLite's JSON functions."""
    states = _check_states(states)
    if fast and store.engine.dialect.name == "sqlite":
        yield from _sqlite_lines(store, states, provenance)
        return
    for report, items in _iter_rows(store, states, provenance):
        yield _curated_line(report, items, provenance)


def iter_curated(
    store: Store, *, states: Iterable[str] | None = None, provenance: bool = False
) -> Iterator[dict[str, Any]]:
    """The curated object of every report in ``states`` (all when None), in id order."""
    for report, items in _iter_rows(store, _check_states(states), provenance):
        yield _curated(report, items, provenance)


def _check_states(states: Iterable[str] | None) -> list[str] | None:
    if states is None:
        return None
    states = list(states)
    unknown = [s for s in states if s not in REPORT_STATES]
    if unknown:
        raise ExportError(f"unknown report state {unknown[0]!r}: choose from {', '.join(REPORT_STATES)}")
    return states


# --------------------------------------------------------------------------- table rows


def _report_row(obj: dict[str, Any]) -> list[Any]:
    return [obj["id"], obj["file"], obj["sha256"], obj["state"], *_metadata_cells(obj["metadata"])]


def _metric_rows(obj: dict[str, Any], provenance: bool) -> Iterator[list[Any]]:
    head = _metric_head(obj["id"], obj["file"], obj["state"], obj["metadata"])
    for m in obj["metrics"]:
        row = head + [
            m.get("text"),
            m.get("value"),
            m.get("value_to"),
            m.get("unit"),
            m.get("approx"),
            m.get("label"),
            m.get("indicator"),
            indicator_zh(m.get("indicator")),
            m.get("start"),
            m.get("end"),
            m["review_state"],
        ]
        if provenance:
            ex = m.get("extracted") or {}
            row += [
                m.get("item_id"),
                m.get("source"),
                m.get("confidence"),
                ex.get("text"),
                ex.get("value"),
                ex.get("unit"),
                ex.get("label"),
                ex.get("indicator"),
            ]
        yield row


def _section_rows(obj: dict[str, Any], provenance: bool) -> Iterator[list[Any]]:
    for s in obj["sections"]:
        row = [
            obj["id"],
            obj["file"],
            obj["state"],
            s.get("level"),
            s.get("number"),
            s.get("title"),
            s.get("inferred"),
            s.get("start"),
            s.get("end"),
            s["review_state"],
        ]
        if provenance:
            row += [s.get("item_id"), s.get("source"), s.get("confidence")]
        yield row


def _part_rows(obj: dict[str, Any], provenance: bool) -> Iterator[list[Any]]:
    for p in obj["parts"]:
        row = [
            obj["id"],
            obj["file"],
            obj["state"],
            p.get("part"),
            part_zh(p.get("part")),
            p.get("start"),
            p.get("end"),
            p["review_state"],
        ]
        if provenance:
            row += [p.get("item_id"), p.get("source"), p.get("confidence")]
        yield row


# --------------------------------------------------------------------------- writers


def _atomic(path: Path, mode: str | None = "w", **kwargs: Any) -> contextlib.AbstractContextManager[Any]:
    """A temp file in ``path``'s folder that replaces ``path`` only when the block succeeds
    (``outfiles.output_file``: regular files only, the existing file's mode kept)."""
    return output_file(path, mode, **kwargs)


CSV_TABLES = ("reports", "metrics", "sections", "parts")


def csv_paths(out_path: str | Path) -> tuple[Path, Path, Path, Path]:
    """(reports, metrics, sections, parts) file names for a CSV export to ``out_path`` (see
    the module docstring)."""
    text = str(out_path)
    out = Path(out_path)
    if out.is_dir() or text.endswith(("/", os.sep)):
        paths = [out / f"{table}.csv" for table in CSV_TABLES]
    else:
        stem = out.with_suffix("") if out.suffix.lower() == ".csv" else out
        paths = [stem.with_name(f"{stem.name}.{table}.csv") for table in CSV_TABLES]
    reports, metrics, sections, parts = paths  # one per table
    return reports, metrics, sections, parts


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False)
    # A spreadsheet would run a cell starting with = + - @ as a formula (CSV injection).
    return guard_cell(value)


def _export_jsonl(lines: Iterator[str], out: Path, progress: Callable[[int], None] | None) -> list[Path]:
    with _atomic(out, "w", encoding="utf-8", newline="\n") as fh:
        n = 0
        for n, line in enumerate(lines, 1):
            fh.write(line + "\n")
            if progress is not None and n % 100 == 0:
                progress(n)
        if progress is not None:
            progress(n)
    return [out]


# --------------------------------------------------------------------------- tables (csv, xlsx)

Tables = tuple[
    list[Any], list[list[Any]], list[list[Any]], list[list[Any]]
]  # one report: its row, metric, section, part rows


def generic_tables(store: Store, states: list[str] | None, provenance: bool, outline: bool = True) -> Iterator[Tables]:
    for obj in iter_curated(store, states=states, provenance=provenance):
        yield (
            _report_row(obj),
            list(_metric_rows(obj, provenance)),
            list(_section_rows(obj, provenance)) if outline else [],
            list(_part_rows(obj, provenance)) if outline else [],
        )


def _x(path: str, column: str = "data") -> str:
    return f"json_extract({column}, '$.{path}')"


def _flag(path: str) -> str:
    return f"CASE json_type(data, '$.{path}') WHEN 'true' THEN 1 WHEN 'false' THEN 0 END"


_S = "coalesce(start, json_extract(data, '$.start'))"
_E = "coalesce(\"end\", json_extract(data, '$.end'))"
_ORDER = f"ORDER BY report_id, {_S} IS NULL, coalesce({_S}, 0), coalesce({_E}, 0), id"


def _table_sql(kind: str, columns: list[str], provenance: bool, extracted: tuple[str, ...] = ()) -> str:
    if provenance:
        columns = columns + ["id", "source", "confidence"] + [_x(key, "extracted") for key in extracted]
    return (
        f"SELECT report_id, {', '.join(columns)} FROM items WHERE report_id IN (:ids) AND coder IS NULL "
        f"AND kind = '{kind}' "
        f"AND state != 'rejected' {_ORDER}"
    )


def sqlite_tables(store: Store, states: list[str] | None, provenance: bool, outline: bool = True) -> Iterator[Tables]:
    """``generic_tables`` on SQLite, the values picked out of the stored JSON by SQLite
    (``json_extract``) rather than parsed in Python; the tests compare the two."""
    metric_sql = _table_sql(
        "metric",
        [
            _x("text"),
            _x("value"),
            _x("value_to"),
            _x("unit"),
            _flag("approx"),
            _x("label"),
            _x("indicator"),
            _S,
            _E,
            "state",
        ],
        provenance,
        ("text", "value", "unit", "label", "indicator"),
    )
    section_sql = _table_sql(
        "section", [_x("level"), _x("number"), _x("title"), _flag("inferred"), _S, _E, "state"], provenance
    )
    part_sql = _table_sql("part", [_x("part"), _S, _E, "state"], provenance)
    field_sql = (
        "SELECT report_id, key, state, json_extract(data, '$.value') FROM items "
        "WHERE report_id IN (:ids) AND coder IS NULL AND kind = 'field' ORDER BY report_id, id"
    )

    def grouped(cursor: Any, sql: str, ids: str) -> dict[int, list[tuple[Any, ...]]]:
        out: dict[int, list[tuple[Any, ...]]] = collections.defaultdict(list)
        for row in cursor.execute(sql.replace(":ids", ids)):
            out[row[0]].append(row)
        return out

    with store.session(readonly=True) as session:
        connection = session.connection()
        query = select(_R.id, _R.file_name, _R.sha256, _R.state).order_by(_R.id)
        if states is not None:
            query = query.where(_R.state.in_(states))
        reports = connection.execute(query).all()
        cursor = _raw_cursor(connection)
        try:
            for i in range(0, len(reports), _CHUNK):
                chunk = reports[i : i + _CHUNK]
                ids = ",".join(str(r[0]) for r in chunk)
                fields = grouped(cursor, field_sql, ids)
                metrics = grouped(cursor, metric_sql, ids)
                sections = grouped(cursor, section_sql, ids) if outline else {}
                parts = grouped(cursor, part_sql, ids) if outline else {}
                for report_id, file_name, sha256, state in chunk:
                    visible: dict[str, tuple[Any, ...]] = {}
                    for row in fields.get(report_id, ()):
                        if row[1] not in visible or row[2] != "rejected" or visible[row[1]][2] == "rejected":
                            visible[row[1]] = row
                    metadata = {
                        name: (None if name not in visible or visible[name][2] == "rejected" else visible[name][3])
                        for name in FIELDS
                    }
                    head = [report_id, file_name, state]
                    metric_head = _metric_head(report_id, file_name, state, metadata)
                    metric_rows = []
                    for row in metrics.get(report_id, ()):
                        cells = list(row)
                        cells[5] = None if cells[5] is None else bool(cells[5])
                        metric_rows.append(metric_head + cells[1:8] + [indicator_zh(cells[7])] + cells[8:])
                    section_rows = []
                    for row in sections.get(report_id, ()):
                        cells = list(row)
                        cells[4] = None if cells[4] is None else bool(cells[4])
                        section_rows.append(head + cells[1:])
                    part_rows = [head + [row[1], part_zh(row[1])] + list(row[2:]) for row in parts.get(report_id, ())]
                    yield (
                        [report_id, file_name, sha256, state, *_metadata_cells(metadata)],
                        metric_rows,
                        section_rows,
                        part_rows,
                    )
        finally:
            cursor.close()


def _export_csv(tables: Iterator[Tables], out: Path, provenance: bool) -> list[Path]:
    paths = csv_paths(out)
    extra = _ITEM_PROV if provenance else ()
    headers = (
        REPORT_COLUMNS,
        _METRIC_BASE + (_METRIC_PROV if provenance else ()),
        _SECTION_BASE + extra,
        _PART_BASE + extra,
    )
    with contextlib.ExitStack() as files:
        writers = []
        for path, header in zip(paths, headers):
            fh = files.enter_context(_atomic(path, "w", encoding="utf-8", newline=""))
            fh.write(_BOM)
            writer = csv.writer(fh)
            writer.writerow(header)
            writers.append(writer)
        reports, metrics, sections, parts = writers
        for report_row, metric_rows, section_rows, part_rows in tables:
            reports.writerow([_csv_value(v) for v in report_row])
            metrics.writerows([_csv_value(v) for v in row] for row in metric_rows)
            sections.writerows([_csv_value(v) for v in row] for row in section_rows)
            parts.writerows([_csv_value(v) for v in row] for row in part_rows)
    return list(paths)


_EXCEL_ROWS = 1_048_576
_EXCEL_TEXT = 32_767


#: column widths (characters) in the workbook; other columns get _WIDTH
_WIDTHS = {
    "file": 28,
    "sha256": 12,
    "title": 40,
    "issuer": 24,
    "region": 12,
    "province": 10,
    "level": 10,
    "level_zh": 8,
    "state": 10,
    "report_state": 10,
    "review_state": 12,
    "text": 16,
    "label": 28,
    "indicator": 26,
    "indicator_zh": 24,
    "part": 14,
    "part_zh": 14,
    "doc_number": 22,
    "publish_date": 12,
    "extracted_text": 16,
    "extracted_label": 28,
    "extracted_indicator": 26,
}
_WIDTH = 9


class _Sheet:
    """A sheet that goes on in ``name_2``, ``name_3``… past Excel's row limit; column widths,
    a frozen header row and filters over the whole table."""

    def __init__(self, workbook: Any, name: str, columns: tuple[str, ...]) -> None:
        # workbook: an xlsxwriter Workbook (the package ships no types)
        self.workbook, self.name, self.columns = workbook, name, columns
        self.bold = workbook.add_format({"bold": True})
        self.quoted = workbook.add_format({"quote_prefix": True})
        self.parts = 0
        self._new()

    def _new(self) -> None:
        if self.parts:
            self.close()
        self.parts += 1
        self.sheet = self.workbook.add_worksheet(self.name if self.parts == 1 else f"{self.name}_{self.parts}")
        for col, name in enumerate(self.columns):  # before any row: constant-memory mode wants it so
            self.sheet.set_column(col, col, _WIDTHS.get(name, _WIDTH))
        self.sheet.write_row(0, 0, self.columns, self.bold)
        self.sheet.freeze_panes(1, 0)
        self.row = 1

    def close(self) -> None:
        """Filters over the rows written (called once the sheet is complete)."""
        self.sheet.autofilter(0, 0, max(self.row - 1, 0), len(self.columns) - 1)

    def append(self, values: list[Any]) -> None:
        if self.row >= _EXCEL_ROWS:
            self._new()
        sheet, row = self.sheet, self.row
        for col, value in enumerate(values):
            if value is None:
                continue
            if isinstance(value, str):
                if looks_like_formula(value):  # kept text, shown with Excel's own apostrophe
                    sheet.write_string(row, col, value[:_EXCEL_TEXT], self.quoted)
                else:
                    sheet.write_string(row, col, value[:_EXCEL_TEXT])
            elif isinstance(value, bool):
                sheet.write_boolean(row, col, value)
            elif isinstance(value, (int, float)):
                sheet.write_number(row, col, value)
            else:
                sheet.write_string(row, col, json.dumps(value, ensure_ascii=False)[:_EXCEL_TEXT])
        self.row += 1


def _export_xlsx(tables: Iterator[Tables], out: Path, provenance: bool) -> list[Path]:
    import xlsxwriter

    with _atomic(out, None) as tmp:
        workbook = xlsxwriter.Workbook(
            str(tmp),
            {
                "constant_memory": True,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "use_zip64": True,
            },
        )
        try:
            extra = _ITEM_PROV if provenance else ()
            reports = _Sheet(workbook, "reports", REPORT_COLUMNS)
            metrics = _Sheet(workbook, "metrics", _METRIC_BASE + (_METRIC_PROV if provenance else ()))
            sections = _Sheet(workbook, "sections", _SECTION_BASE + extra)
            parts = _Sheet(workbook, "parts", _PART_BASE + extra)
            for report_row, metric_rows, section_rows, part_rows in tables:
                reports.append(report_row)
                for row in metric_rows:
                    metrics.append(row)
                for row in section_rows:
                    sections.append(row)
                for row in part_rows:
                    parts.append(row)
            for sheet in (reports, metrics, sections, parts):
                sheet.close()
        finally:
            workbook.close()
    return [out]


def export(
    store: Store,
    out_path: str | Path,
    fmt: str,
    *,
    states: Iterable[str] | None = None,
    provenance: bool = False,
    progress: Callable[[int], None] | None = None,
) -> list[Path]:
    """Write the curated reports in ``states`` to ``out_path`` as ``fmt``; returns the files written.

    ``progress(n)`` is called with the number of reports written so far (every 100)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}: choose from {', '.join(FORMATS)}")
    states = _check_states(states)
    out = Path(out_path)
    if fmt != "csv" and out.is_dir():
        out = out / f"dataset.{fmt}"
    if fmt == "jsonl":
        return _export_jsonl(jsonl_lines(store, states=states, provenance=provenance), out, progress)
    tables_of = sqlite_tables if FAST and store.engine.dialect.name == "sqlite" else generic_tables
    tables = tables_of(store, states, provenance)
    if progress is not None:
        tables = _counting(tables, progress)
    if fmt == "csv":
        return _export_csv(tables, out, provenance)
    return _export_xlsx(tables, out, provenance)


def _counting(objects: Iterator[Any], progress: Callable[[int], None]) -> Iterator[Any]:
    n = 0
    for n, obj in enumerate(objects, 1):
        yield obj
        if n % 100 == 0:
            progress(n)
    progress(n)
