"""Import report files into the store: read, extract, and write each file as one whole.

``import_paths(store, paths)`` expands folders (``iter_report_paths``), reads and extracts
the files on all cores (a process pool; in-process for a handful of files), and writes each
file in its own transaction: the ``Report`` row, one ``ExtractionRun`` and all its ``Item``
rows, or nothing. Files whose sha256 is already in the store, or that appear twice in the
batch, are skipped and listed as duplicates; files that cannot be read are listed with the
reader's one-line reason. ``progress(done, total, path)`` is called after every file and
``cancel()`` is polled between files; both run in the calling thread (the window's worker
thread), so nothing here knows about Qt.

Items written for one extraction (``extraction_items``, shared with re-extraction):

- ``field``: one per metadata field, ``key`` = the field name, ``data`` = ``{"value": ...}``,
  ``start``/``end`` = the evidence span in the report's text (when there is one);
- ``section`` / ``part`` / ``metric``: one per contract object, ``data`` = the object without
  its offsets (``start``/``end`` become the columns) and without ``confidence`` (a column);
- ``extracted`` = a copy of ``data``, ``source`` = ``"extractor"``, ``state`` = ``"pending"``.
"""
from __future__ import annotations

import collections
import json
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import column, select, table
from sqlalchemy.exc import IntegrityError

from desktop.core.extract import EXTRACTOR_VERSION, Extraction, extract_source
from desktop.core.metadata import FIELDS
from desktop.core.reading import ReadError, iter_report_paths, read_report

from .models import ExtractionRun, Item, Report, utcnow

ProgressFn = Callable[[int, int, Path], None]
CancelFn = Callable[[], bool]

#: Fewer files than this are read and extracted in the calling process: a pool's start-up
#: (a fresh interpreter that loads the dictionaries) costs more than it saves.
IN_PROCESS_BELOW = 8
_FILE_NAME_MAX = 500


@dataclass
class ImportReport:
    imported: list[tuple[Path, int]] = field(default_factory=list)  # (path, report id)
    duplicates: list[tuple[Path, int | None]] = field(default_factory=list)  # (path, existing report id)
    failed: list[tuple[Path, str]] = field(default_factory=list)  # (path, reason)
    cancelled: bool = False

    @property
    def total(self) -> int:
        return len(self.imported) + len(self.duplicates) + len(self.failed)

    def summary(self) -> str:
        text = (f"{len(self.imported)} imported, {len(self.duplicates)} duplicates skipped, "
                f"{len(self.failed)} unreadable")
        return text + (" (cancelled)" if self.cancelled else "")


# --------------------------------------------------------------------------- rows


def _strip(obj: dict) -> dict:
    return {k: v for k, v in obj.items() if k not in ("start", "end", "confidence")}


def extraction_items(extraction: Extraction) -> list[dict[str, Any]]:
    """The ``items`` rows (without report and run ids) for one extraction, in a stable order."""
    rows: list[dict[str, Any]] = []
    norm = extraction.norm
    for name in FIELDS:
        fv = extraction.metadata.fields.get(name)
        start = end = None
        confidence = None
        value = None
        if fv is not None:
            value = fv.value
            confidence = round(float(fv.confidence), 2)
            if fv.start is not None and fv.end is not None:
                start, end = norm.to_original(fv.start, fv.end)
        data = {"value": value}
        rows.append(_row("field", name, start, end, data, confidence))
    for kind, objects in (("section", extraction.sections), ("part", extraction.parts),
                          ("metric", extraction.metrics)):
        for obj in objects:
            rows.append(_row(kind, None, obj.get("start"), obj.get("end"), _strip(obj), obj.get("confidence")))
    return rows


def _row(kind: str, key: str | None, start: int | None, end: int | None, data: dict,
         confidence: float | None) -> dict[str, Any]:
    return {"kind": kind, "key": key, "start": start, "end": end, "data": data, "extracted": dict(data),
            "source": "extractor", "state": "pending", "confidence": confidence}


def _file_label(path: Path, root: Path | None) -> str:
    """What the store calls the file: its path from the parent of the folder it was found in
    (``seeds/001.txt`` for ``import seeds``), or its name when it was named itself."""
    if root is None:
        return path.name[-_FILE_NAME_MAX:]
    base = os.path.dirname(os.path.abspath(root))
    label = os.path.relpath(os.path.abspath(path), base)
    return label.replace(os.sep, "/")[-_FILE_NAME_MAX:]


def _expand(paths: Iterable[str | Path]) -> list[tuple[Path, str]]:
    out: list[tuple[Path, str]] = []
    for raw in paths:
        root = Path(raw)
        is_dir = root.is_dir()
        for path in iter_report_paths([root]):
            out.append((path, _file_label(path, root if is_dir else None)))
    return out


# --------------------------------------------------------------------------- worker side

_KNOWN: frozenset[str] = frozenset()


def _init_worker(known: frozenset[str]) -> None:
    global _KNOWN
    _KNOWN = known


def prepare(path: Path, label: str, known: frozenset[str] | None = None) -> tuple[str, Any]:
    """Read and extract one file: ``("ok", payload)``, ``("dup", sha256)`` or ``("fail", reason)``.

    Runs in a worker process; the payload holds every row the main process writes.
    """
    known = _KNOWN if known is None else known
    try:
        source = read_report(path)
    except ReadError as error:
        return "fail", str(error)
    if source.sha256 in known:
        return "dup", source.sha256
    try:
        extraction = extract_source(source)
        items = extraction_items(extraction)
        flags = [flag.to_json() for flag in extraction.flags]
        rows = row_tuples(serialise_items(items))
    except Exception as error:  # noqa: BLE001 - one bad file must not stop a batch
        return "fail", f"extraction failed: {type(error).__name__}: {error}"[:300]
    report = {"file_name": label, "sha256": source.sha256, "text": source.text,
              "encoding": source.encoding, "source_format": source.source_format,
              "state": "new", "flags": flags, "version": 1}
    return "ok", {"report": report, "items": rows, "summary": run_summary_for_import(items)}


def run_summary_for_import(items: Sequence[dict]) -> dict[str, Any]:
    counts = collections.Counter(item["kind"] for item in items)
    return {"reason": "import", "added": {kind: counts.get(kind, 0) for kind in ("field", "section", "part", "metric")}}


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)  # as the store's own serializer writes it


def serialise_items(items: Sequence[dict]) -> list[dict[str, Any]]:
    """Insert-ready rows: the JSON columns as text, done in the worker processes."""
    out = []
    for item in items:
        data = _json(item["data"])
        extracted = data if item["extracted"] == item["data"] else (
            None if item["extracted"] is None else _json(item["extracted"]))
        out.append({**item, "data": data, "extracted": extracted})
    return out


#: The order of a row tuple (:func:`row_tuples`): the items columns a writer fills.
ROW_FIELDS = ("kind", "key", "start", "end", "data", "extracted", "source", "state", "confidence")


def row_tuples(rows: Sequence[dict]) -> list[tuple]:
    """Rows of :func:`serialise_items` as tuples in ``ROW_FIELDS`` order: smaller to send
    between processes than dicts, and what the driver's executemany takes."""
    return [tuple(row[name] for name in ROW_FIELDS) for row in rows]


# The items table without column types: rows go in as prepared (JSON already text), which
# is several times faster than the ORM's bulk path for the ~100 items of a report.
_ITEM_COLUMNS = ("report_id", "run_id", "kind", "key", "start", "end", "data", "extracted", "source", "state",
                 "confidence", "version", "updated_at")
_items_table = table("items", *(column(name) for name in _ITEM_COLUMNS))
_QUOTED_COLUMNS = ", ".join(f'"{name}"' for name in _ITEM_COLUMNS)  # "end" is a reserved word in PostgreSQL


def _db_now(session) -> Any:
    """utcnow as the store's DateTime column would bind it (a string on SQLite)."""
    dialect = session.get_bind().dialect
    processor = Item.__table__.c.updated_at.type.dialect_impl(dialect).bind_processor(dialect)
    now = utcnow()
    return processor(now) if processor else now


# --------------------------------------------------------------------------- main side

# Built once: a statement object reused is compiled once (SQLAlchemy caches by statement).
# Core statements on the tables (an ORM insert with a dict of values is a bulk insert,
# which does not give the new id).
_INSERT_REPORT = Report.__table__.insert()
_INSERT_RUN = ExtractionRun.__table__.insert()


def write_extraction(session, report_id: int, rows: Sequence[dict] | Sequence[tuple], summary: dict,
                     extractor_version: str = EXTRACTOR_VERSION) -> int:
    """Add one ExtractionRun and its items to ``report_id``; ``rows`` from
    :func:`serialise_items` (dicts) or :func:`row_tuples`."""
    connection = session.connection()
    run_id = connection.execute(
        _INSERT_RUN, {"report_id": report_id, "extractor_version": extractor_version, "summary": summary}
    ).inserted_primary_key[0]
    if rows:
        if isinstance(rows[0], dict):
            rows = row_tuples(rows)
        now = _db_now(session)
        marker = {"qmark": "?", "format": "%s", "pyformat": "%s"}.get(connection.dialect.paramstyle)
        if marker is not None:  # straight to the driver's executemany
            sql = (f"INSERT INTO items ({_QUOTED_COLUMNS}) "
                   f"VALUES ({', '.join([marker] * len(_ITEM_COLUMNS))})")
            head = (report_id, run_id)
            tail = (1, now)
            connection.exec_driver_sql(sql, [head + row + tail for row in rows])
        else:
            connection.execute(_items_table.insert(), [
                {**dict(zip(ROW_FIELDS, row)), "report_id": report_id, "run_id": run_id, "version": 1,
                 "updated_at": now} for row in rows])
    return run_id


def _existing_id(store, sha256: str) -> int | None:
    with store.session(readonly=True) as session:
        return session.execute(select(Report.id).where(Report.sha256 == sha256)).scalar_one_or_none()


def _write(store, payload: dict) -> tuple[bool, int | None]:
    """(True, new id) or (False, existing id) when another writer stored the same bytes first."""
    try:
        with store.session() as session:
            connection = session.connection()
            report_id = connection.execute(_INSERT_REPORT, payload["report"]).inserted_primary_key[0]
            write_extraction(session, report_id, payload["items"], payload["summary"])
    except IntegrityError:
        existing = _existing_id(store, payload["report"]["sha256"])
        if existing is None:
            raise
        return False, existing
    return True, report_id


def _known_hashes(store) -> dict[str, int]:
    with store.session(readonly=True) as session:
        return {sha: rid for rid, sha in session.execute(select(Report.id, Report.sha256))}


def pool_context():
    methods = multiprocessing.get_all_start_methods()
    # Never plain fork: the window calls this from a worker thread, and forking a
    # multi-threaded process can deadlock the child.
    if "forkserver" in methods and sys.platform != "darwin":
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def import_paths(store, paths: Iterable[str | Path], *, progress: ProgressFn | None = None,
                 cancel: CancelFn | None = None, workers: int | None = None) -> ImportReport:
    """Import every report file under ``paths`` into ``store`` (see the module docstring).

    ``workers``: processes for reading and extracting (default: all cores); 1, or fewer
    than ``IN_PROCESS_BELOW`` files, works in the calling process.
    """
    files = _expand(paths)
    total = len(files)
    report = ImportReport()
    known = _known_hashes(store)
    seen: dict[str, int] = {}  # sha256 -> report id, for this batch
    done = 0

    def handle(path: Path, outcome: tuple[str, Any]) -> None:
        nonlocal done
        status, value = outcome
        if status == "fail":
            report.failed.append((path, value))
        elif status == "dup":
            report.duplicates.append((path, known.get(value, seen.get(value))))
        else:
            sha = value["report"]["sha256"]
            if sha in seen or sha in known:
                report.duplicates.append((path, seen.get(sha, known.get(sha))))
            else:
                fresh, report_id = _write(store, value)
                if fresh:
                    seen[sha] = report_id
                    report.imported.append((path, report_id))
                else:
                    known[sha] = report_id
                    report.duplicates.append((path, report_id))
        done += 1
        if progress is not None:
            progress(done, total, path)

    def cancelled() -> bool:
        if cancel is not None and cancel():
            report.cancelled = True
        return report.cancelled

    workers = workers or os.cpu_count() or 1
    frozen = frozenset(known)
    if workers <= 1 or total < IN_PROCESS_BELOW:
        for path, label in files:
            if cancelled():
                break
            handle(path, prepare(path, label, frozen))
        return report

    def new_executor() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, mp_context=pool_context(),
                                   initializer=_init_worker, initargs=(frozen,))

    window = workers * 6
    pending: collections.deque[tuple[Path, str, Future]] = collections.deque()
    todo = iter(files)
    executor = new_executor()
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < window:
                nxt = next(todo, None)
                if nxt is None:
                    exhausted = True
                    break
                pending.append((*nxt, executor.submit(prepare, *nxt)))
            if not pending or cancelled():
                break
            path, label, future = pending.popleft()
            try:
                outcome = future.result()  # in order: the first copy of a duplicate wins
            except BrokenProcessPool:
                # A file crashed its worker (a parser bug, out of memory): blame the oldest
                # file in flight, start a new pool and resubmit the others.
                outcome = ("fail", "reading this file crashed the worker process")
                executor.shutdown(wait=False, cancel_futures=True)
                executor = new_executor()
                pending = collections.deque((p, lb, executor.submit(prepare, p, lb)) for p, lb, _ in pending)
            handle(path, outcome)
    finally:
        for *_, future in pending:
            future.cancel()
        executor.shutdown(wait=True, cancel_futures=True)
    return report
