"""Run the current extractor again on the texts already in the store.

Items a reviewer never touched (``source == "extractor"``, ``state == "pending"`` and no
``Edit`` row names them) follow the new extraction: changed ones are updated in place (their
id stays, their ``version`` goes up so a window holding the old version gets a conflict
instead of overwriting), vanished ones are deleted, new ones are added. Items a reviewer
touched are never changed; a new extracted item at the same place as a touched one is not
added (the reviewer's decision stands). Each report gets a new ``ExtractionRun`` with the
extractor's version and a summary of what changed; its ``flags`` become the new ones.

Items are matched old to new by identity: a field by its name, a section by (start, level),
a part by (part, start), a metric by (start, end). Every write is conditional on the row
still being untouched (same version, still pending), so a reviewer editing at the same
time always wins.

Only the canonical items are re-extracted: reviewers' coding copies of a double-coded report
(``items.coder``, ``desktop.store.team``) keep what the extractor said when they were made.
"""

from __future__ import annotations

import collections
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Row, delete, select, update
from sqlalchemy.orm import Session

from desktop.core.extract import EXTRACTOR_VERSION, Extraction, extract_source
from desktop.core.reading import ReadResult

from .db import Store
from .importer import write_extraction
from .models import ITEM_KINDS, Edit, Item, Report
from .preparing import IN_PROCESS_BELOW, extraction_items, pool_context, serialise_items

Extractor = Callable[[ReadResult], Extraction]
#: a row of the store's columns, whichever they are (Row is generic in their types)
AnyRow = Row[*tuple[Any, ...]]
#: ("ok", items, flags) or ("fail", reason, None): one report's extraction (see _extracted)
Outcome = tuple[str, Any, Any]


def identity(kind: str, key: str | None, start: int | None, end: int | None, data: dict[str, Any]) -> tuple[Any, ...]:
    if kind == "field":
        return ("field", key)
    if kind == "section":
        return ("section", start, data.get("level"))
    if kind == "part":
        return ("part", data.get("part"), start)
    return ("metric", start, end)


@dataclass
class ReextractSummary:
    extractor_version: str
    reports: int = 0  # re-extracted
    reports_changed: int = 0  # with at least one item added, removed or changed
    added: collections.Counter[str] = field(default_factory=collections.Counter)  # kind -> items
    removed: collections.Counter[str] = field(default_factory=collections.Counter)
    changed: collections.Counter[str] = field(default_factory=collections.Counter)
    kept_touched: int = 0  # reviewer-touched items left as they are
    changed_fields: collections.Counter[str] = field(default_factory=collections.Counter)  # field -> reports
    runs: list[tuple[int, int, dict[str, Any]]] = field(default_factory=list)  # (report id, run id, run summary)
    failed: list[tuple[int, str]] = field(default_factory=list)  # (report id, why the extractor failed)

    def lines(self) -> list[str]:
        def counts(counter: collections.Counter[str]) -> str:
            return ", ".join(f"{kind} {counter.get(kind, 0)}" for kind in ITEM_KINDS)

        out = [
            f"re-extracted {self.reports} reports with extractor {self.extractor_version}: "
            f"{self.reports_changed} changed",
            f"added:   {counts(self.added)}",
            f"removed: {counts(self.removed)}",
            f"changed: {counts(self.changed)}",
            f"kept (touched by a reviewer): {self.kept_touched}",
        ]
        for report_id, reason in self.failed:
            out.append(f"report {report_id}: extraction failed: {reason}")
        if self.changed_fields:
            out.append(
                "changed fields: " + ", ".join(f"{name} ({n})" for name, n in sorted(self.changed_fields.items()))
            )
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())


def _source(row: Sequence[Any]) -> ReadResult:
    """The stored report as the reader would give it (page chrome spans of HTML are not stored)."""
    report_id, file_name, text, encoding, sha256, source_format, *_ = row
    return ReadResult(path=Path(file_name), text=text, encoding=encoding, sha256=sha256, source_format=source_format)


def _extracted(extractor: Extractor, report: Sequence[Any]) -> Outcome:
    """("ok", items, flags) or ("fail", reason, None); runs in a worker process for the default extractor."""
    try:
        extraction = extractor(_source(report))
        return "ok", extraction_items(extraction), [flag.to_json() for flag in extraction.flags]
    except Exception as error:
        return "fail", f"{type(error).__name__}: {error}"[:300], None


def _extract_default(report: Sequence[Any]) -> Outcome:
    return _extracted(extract_source, report)


def _apply(
    session: Session,
    report_id: int,
    old_flags: list[Any],
    new_items: list[dict[str, Any]],
    flags: list[dict[str, Any]],
    version: str,
) -> dict[str, Any]:
    touched_ids = set(
        session.execute(select(Edit.item_id).where(Edit.report_id == report_id, Edit.item_id.is_not(None))).scalars()
    )
    old = session.execute(
        select(
            Item.id,
            Item.kind,
            Item.key,
            Item.start,
            Item.end,
            Item.data,
            Item.extracted,
            Item.source,
            Item.state,
            Item.version,
            Item.confidence,
        )
        .where(Item.report_id == report_id, Item.coder.is_(None))
        .order_by(Item.id)
    ).all()
    untouched: dict[tuple[Any, ...], AnyRow] = {}
    touched: set[tuple[Any, ...]] = set()
    for row in old:
        ident = identity(row.kind, row.key, row.start, row.end, row.extracted or row.data)
        if row.source == "extractor" and row.state == "pending" and row.id not in touched_ids:
            if ident in untouched:  # a second copy (should not happen): treat as vanished
                ident = ident + (row.id,)
            untouched[ident] = row
        else:
            touched.add(identity(row.kind, row.key, row.start, row.end, row.data))
            if row.extracted is not None:
                touched.add(identity(row.kind, row.key, row.start, row.end, row.extracted))

    added: collections.Counter[str] = collections.Counter()
    removed: collections.Counter[str] = collections.Counter()
    changed: collections.Counter[str] = collections.Counter()
    changed_fields: list[str] = []
    to_add: list[dict[str, Any]] = []
    updates: list[tuple[AnyRow, dict[str, Any]]] = []
    kept = 0
    for item in new_items:
        ident = identity(item["kind"], item["key"], item["start"], item["end"], item["data"])
        old_row = untouched.pop(ident, None)
        if old_row is not None:
            if (
                old_row.data != item["data"]
                or old_row.start != item["start"]
                or old_row.end != item["end"]
                or old_row.confidence != item["confidence"]
            ):
                updates.append((old_row, item))
                if old_row.data != item["data"] or old_row.start != item["start"] or old_row.end != item["end"]:
                    changed[item["kind"]] += 1
                    if item["kind"] == "field":
                        changed_fields.append(item["key"])
        elif ident in touched:
            kept += 1
        else:
            to_add.append(item)
            added[item["kind"]] += 1
    gone = list(untouched.values())
    for row in gone:
        removed[row.kind] += 1

    summary: dict[str, Any] = {
        "reason": "reextract",
        "added": dict(added),
        "removed": dict(removed),
        "changed": dict(changed),
        "changed_fields": changed_fields,
        "kept_touched": kept,
    }
    run_id = write_extraction(session, report_id, serialise_items(to_add), summary, version)
    for row, item in updates:
        session.execute(
            update(Item)
            .where(Item.id == row.id, Item.version == row.version, Item.state == "pending", Item.source == "extractor")
            .values(
                data=item["data"],
                extracted=item["extracted"],
                start=item["start"],
                end=item["end"],
                confidence=item["confidence"],
                run_id=run_id,
                version=row.version + 1,
            )
        )
    if gone:
        for row in gone:
            session.execute(
                delete(Item).where(
                    Item.id == row.id, Item.version == row.version, Item.state == "pending", Item.source == "extractor"
                )
            )
    if flags != old_flags:
        session.execute(update(Report).where(Report.id == report_id).values(flags=flags))
    summary["run_id"] = run_id
    return summary


def reextract(
    store: Store,
    *,
    report_ids: Iterable[int] | None = None,
    extractor: Extractor = extract_source,
    extractor_version: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
) -> ReextractSummary:
    """Re-extract ``report_ids`` (default: every report), one transaction per report.

    The default extractor runs on all cores (``workers``, like the import); another
    ``extractor`` (a test's wrapper, say) runs in this process. Extraction happens outside
    the write transactions, so reviewers working meanwhile are not held up."""
    version = extractor_version or getattr(extractor, "version", None) or EXTRACTOR_VERSION
    with store.session(readonly=True) as session:
        ids = list(session.execute(select(Report.id).order_by(Report.id)).scalars())
    if report_ids is not None:
        wanted = set(report_ids)
        ids = [rid for rid in ids if rid in wanted]
    result = ReextractSummary(extractor_version=version)
    workers = workers or os.cpu_count() or 1
    pooled = extractor is extract_source and workers > 1 and len(ids) >= IN_PROCESS_BELOW

    def stored(report_id: int) -> AnyRow | None:
        with store.session(readonly=True) as session:
            return session.execute(
                select(
                    Report.id,
                    Report.file_name,
                    Report.text,
                    Report.encoding,
                    Report.sha256,
                    Report.source_format,
                    Report.flags,
                ).where(Report.id == report_id)
            ).one_or_none()

    def outcomes() -> Iterator[tuple[int, AnyRow | None, Outcome | None]]:
        if not pooled:
            for report_id in ids:
                report = stored(report_id)
                yield report_id, report, (_extracted(extractor, report) if report is not None else None)
            return
        with ProcessPoolExecutor(max_workers=workers, mp_context=pool_context()) as executor:
            pending: collections.deque[tuple[int, AnyRow | None, Future[Outcome] | None]] = collections.deque()
            todo = iter(ids)
            while True:
                while len(pending) < workers * 4:
                    next_id = next(todo, None)
                    if next_id is None:
                        break
                    report = stored(next_id)
                    pending.append(
                        (
                            next_id,
                            report,
                            executor.submit(_extract_default, tuple(report)) if report is not None else None,
                        )
                    )
                if not pending:
                    return
                report_id, report, future = pending.popleft()
                yield report_id, report, (future.result() if future is not None else None)

    for n, (report_id, report, outcome) in enumerate(outcomes(), 1):
        if report is None or outcome is None:  # deleted meanwhile (no report, no outcome)
            continue
        status, items, flags = outcome
        if status == "fail":
            result.failed.append((report_id, items))
            continue
        with store.session() as session:
            if session.execute(select(Report.id).where(Report.id == report_id)).scalar_one_or_none() is None:
                continue
            summary = _apply(session, report_id, report.flags, items, flags, version)
        result.reports += 1
        if summary["added"] or summary["removed"] or summary["changed"]:
            result.reports_changed += 1
        result.added.update(summary["added"])
        result.removed.update(summary["removed"])
        result.changed.update(summary["changed"])
        result.kept_touched += summary["kept_touched"]
        result.changed_fields.update(set(summary["changed_fields"]))
        result.runs.append((report_id, summary["run_id"], summary))
        if progress is not None:
            progress(n, len(ids))
    return result
