"""Import report files into the store: read, extract, and write each file as one whole.

``import_paths(store, paths)`` expands folders (``iter_report_paths``), reads and extracts
the files on all cores (a process pool; in-process for a handful of files), and writes each
file whole: the ``Report`` row, one ``ExtractionRun`` and all its ``Item`` rows, or nothing.
Files whose sha256 is already in the store, or that appear twice in the batch, are skipped
and listed as duplicates; files that cannot be read are listed with the reader's one-line
reason. ``progress(done, total, path)`` is called for every file, in file order, once the
transaction holding it has committed (a file reported done is in the library), and
``cancel()`` is polled between files; both run in the calling thread (the window's worker
thread), so nothing here knows about Qt.

The work is split so that storing costs little next to extracting (``desktop.store.preparing``):
the workers build every row, JSON already text, and import nothing of the database; the main
process writes them with the driver's executemany (COPY for the items on PostgreSQL). On
SQLite, a new report's summary row is filled once per file, not by a trigger per item
(``derived.defer_summaries``), and its text waits in the search backlog for the background
indexing (``derived.index_backlog``) instead of being indexed inside the import.

Grouped writes (:class:`_GroupWriter`): with the process pool, consecutive files are written
in one transaction, up to ``GROUP_FILES`` files or ``GROUP_WRITE_SECONDS`` of writing: the
files share one commit (an fsync on SQLite), and the main process's CPU is CPU the extracting
workers do not get. A file waits at most ``GROUP_WAIT_SECONDS`` for others to join its group.
When a group's transaction fails for any reason (another process stored one of its files
meanwhile: the unique sha256), it is rolled back and its files are written again one per
transaction, so one file never costs the others. A cancel writes the files waiting for their
group, then stops. Before each group, an edit of this process that waits for the write lock
(the window's, while the import runs in its worker thread) goes first (:class:`_EditsWaiting`);
another process's edit gets a gap of ``GAP_SECONDS`` now and then.

Items written for one extraction (``extraction_items``, shared with re-extraction):

- ``field``: one per metadata field, ``key`` = the field name, ``data`` = ``{"value": ...}``,
  ``start``/``end`` = the evidence span in the report's text (when there is one);
- ``section`` / ``part`` / ``metric``: one per contract object, ``data`` = the object without
  its offsets (``start``/``end`` become the columns) and without ``confidence`` (a column);
- ``extracted`` = a copy of ``data``, ``source`` = ``"extractor"``, ``state`` = ``"pending"``.
"""

from __future__ import annotations

import collections
import itertools
import os
import queue
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, CursorResult, ExceptionContext, column, event, select, table
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.core.reading import iter_report_paths

from .db import Store
from .derived import defer_summaries, fill_deferred_summaries
from .models import ExtractionRun, Item, Report, utcnow
from .preparing import (  # noqa: F401 (some only re-exported: tests and older callers import them from here)
    IN_PROCESS_BELOW,
    ROW_FIELDS,
    ItemRow,
    Outcome,
    PrepareFn,
    WarmPool,
    _init_worker,
    _run_task,
    die_with_parent,
    extraction_items,
    kill_workers,
    pool_context,
    prepare,
    row_tuples,
    serialise_items,
    start_pool,
)

ProgressFn = Callable[[int, int, Path], None]
CancelFn = Callable[[], bool]

#: At most this many files in one write transaction: beyond a dozen or so one more file saves
#: little (the commit is shared already); the two time bounds below mostly end a group first.
GROUP_FILES = 32
#: A group's transaction commits once it has been writing this long: it holds SQLite's write
#: lock meanwhile, and a reviewer's edit waits for it (one of this process's edits then goes
#: before the next group).
GROUP_WRITE_SECONDS = 0.25
#: A prepared file waits at most this long for others to join its group before it is
#: written (and reported done): the progress a user sees lags the work by no more.
GROUP_WAIT_SECONDS = 0.5
#: Before its next group, the import lets an edit of this process that waits for the write
#: lock go first (:class:`_EditsWaiting`), unless that edit has been waiting this long
#: (then something else holds the lock, and waiting longer would not help it).
EDIT_TURN_SECONDS = 1.0
#: Once the import's groups have held SQLite's write lock this long in all, the lock stays
#: free for ``GAP_SECONDS`` before the next group: another process's edit polls for the lock
#: every 100 ms at most once it has waited a while, and missed every short gap between
#: groups (some failed after the 5 s busy timeout). A gap after every group (a third of the
#: time) made the writing, not the extracting, what an import waited for.
GAP_EVERY_SECONDS = 0.4
GAP_SECONDS = 0.12
_FILE_NAME_MAX = 500
#: A file still being read and extracted after this long is stopped (its worker killed) and
#: reported unreadable; the import goes on. The slowest real report takes a second or two.
FILE_SECONDS = 120.0


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
        text = (
            f"{len(self.imported)} imported, {len(self.duplicates)} duplicates skipped, {len(self.failed)} unreadable"
        )
        return text + (" (cancelled)" if self.cancelled else "")


# --------------------------------------------------------------------------- rows


def _file_label(path: Path, root: Path | None) -> str:
    """What the store calls the file: its path from the parent of the folder it was found in
    (``seeds/001.txt`` for ``import seeds``), or its name when it was named itself. Bytes of
    a name that are not UTF-8 are written as ``\\xff`` (a database holds only valid text)."""
    if root is None:
        label = path.name
    else:
        base = os.path.dirname(os.path.abspath(root))
        label = os.path.relpath(os.path.abspath(path), base).replace(os.sep, "/")
    return valid_text(label)[-_FILE_NAME_MAX:]


def valid_text(name: str) -> str:
    """A file name as valid Unicode: undecodable bytes (surrogate escapes) as ``\\xNN``."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")
    return name


def _expand(paths: Iterable[str | Path]) -> tuple[list[tuple[Path, str]], list[tuple[Path, str]]]:
    """(file, label) of every file to read, and (folder, reason) of folders that could not
    be listed (no permission): those are reported as unreadable, not skipped."""
    out: list[tuple[Path, str]] = []
    unlisted: list[tuple[Path, str]] = []
    for raw in paths:
        root = Path(raw)
        is_dir = root.is_dir()
        for path in iter_report_paths([root], errors=unlisted):
            out.append((path, _file_label(path, root if is_dir else None)))
    return out, unlisted


# --------------------------------------------------------------------------- worker side

# The items table without column types: rows go in as prepared (JSON already text), which
# is several times faster than the ORM's bulk path for the ~100 items of a report.
_ITEM_COLUMNS = (
    "report_id",
    "run_id",
    "kind",
    "key",
    "start",
    "end",
    "data",
    "extracted",
    "source",
    "state",
    "confidence",
    "version",
    "updated_at",
)
ITEMS = Item.__table__
_items_table = table("items", *(column(name) for name in _ITEM_COLUMNS))
_QUOTED_COLUMNS = ", ".join(f'"{name}"' for name in _ITEM_COLUMNS)  # "end" is a reserved word in PostgreSQL


def _db_now(session: Session) -> Any:
    """utcnow as the store's DateTime column would bind it (a string on SQLite)."""
    dialect = session.get_bind().dialect
    processor = ITEMS.c.updated_at.type.dialect_impl(dialect).bind_processor(dialect)
    now = utcnow()
    return processor(now) if processor else now


# --------------------------------------------------------------------------- main side

# Built once: a statement object reused is compiled once (SQLAlchemy caches by statement).
# Core statements on the tables (an ORM insert with a dict of values is a bulk insert,
# which does not give the new id).
_INSERT_REPORT = Report.__table__.insert()
_INSERT_RUN = ExtractionRun.__table__.insert()


def write_extraction(
    session: Session,
    report_id: int,
    rows: Sequence[ItemRow] | Sequence[tuple[Any, ...]],
    summary: dict[str, Any],
    extractor_version: str | None = None,
) -> int:
    """Add one ExtractionRun and its items to ``report_id``; ``rows`` from
    :func:`serialise_items` (dicts) or :func:`row_tuples`."""
    if extractor_version is None:
        from desktop.core.extract import EXTRACTOR_VERSION as extractor_version
    connection = session.connection()
    run_id = _new_id(
        connection.execute(
            _INSERT_RUN, {"report_id": report_id, "extractor_version": extractor_version, "summary": summary}
        )
    )
    if rows:
        tuples = [row for row in rows if isinstance(row, tuple)]
        if len(tuples) != len(rows):
            tuples = row_tuples([row for row in rows if isinstance(row, dict)])
        head, tail = (report_id, run_id), (1, _db_now(session))
        _insert_items(connection, [head + row + tail for row in tuples])
    return run_id


def _new_id(result: CursorResult[Any]) -> int:
    """The id an INSERT of one row gave it."""
    key = result.inserted_primary_key
    assert key is not None  # an INSERT of one row into a table with a primary key
    return int(key[0])


def _insert_items(connection: Connection, rows: list[tuple[Any, ...]]) -> None:
    """``items`` rows, complete in ``_ITEM_COLUMNS`` order, straight to the driver: COPY on
    PostgreSQL, executemany elsewhere (several times faster than SQLAlchemy's bulk insert
    for the ~100 items of a report, whose JSON is text already)."""
    if connection.dialect.name == "postgresql":
        # the same connection, so the same transaction as everything else of this file
        driver = connection.connection.driver_connection
        assert driver is not None  # a connection in a transaction is open
        with driver.cursor() as cursor, cursor.copy(f"COPY items ({_QUOTED_COLUMNS}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    marker = {"qmark": "?", "format": "%s", "pyformat": "%s"}.get(connection.dialect.paramstyle)
    if marker is None:  # a driver of another paramstyle: through SQLAlchemy
        connection.execute(_items_table.insert(), [dict(zip(_ITEM_COLUMNS, row)) for row in rows])
        return
    sql = f"INSERT INTO items ({_QUOTED_COLUMNS}) VALUES ({', '.join([marker] * len(_ITEM_COLUMNS))})"
    connection.exec_driver_sql(sql, rows)


def _existing_id(store: Store, sha256: str) -> int | None:
    with store.session(readonly=True) as session:
        found: int | None = session.execute(select(Report.id).where(Report.sha256 == sha256)).scalar_one_or_none()
        return found


def _insert(session: Session, payload: dict[str, Any]) -> int:
    """One file's Report row, its ExtractionRun and items, in the session's transaction.

    On SQLite the report's summary row is filled once, after its items (``derived``), not by
    a trigger per item; the search index takes the report later, from the backlog."""
    connection = session.connection()
    report_id = _new_id(connection.execute(_INSERT_REPORT, payload["report"]))
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        defer_summaries(connection, [report_id])
    write_extraction(session, report_id, payload["items"], payload["summary"], payload.get("extractor_version"))
    if sqlite:
        fill_deferred_summaries(connection)
    return report_id


def _write(store: Store, payload: dict[str, Any]) -> tuple[bool, int]:
    """One file in its own transaction: (True, new id), or (False, existing id) when another
    writer stored the same bytes first."""
    try:
        with store.session() as session:
            report_id = _insert(session, payload)
    except IntegrityError:
        existing = _existing_id(store, payload["report"]["sha256"])
        if existing is None:
            raise
        return False, existing
    return True, report_id


class _EditsWaiting:
    """The write transactions other threads of this process are waiting to begin on the
    store (SQLite's ``BEGIN IMMEDIATE``): the window's edits while the import runs in its
    worker thread. SQLite's busy handler polls (every 100 ms at most) instead of queueing, so
    an edit waiting while the import commits group after group could miss every short gap
    between them, for seconds; ``let_them_in`` gives it its turn before the next group."""

    def __init__(self, store: Store) -> None:
        self.engine = store.engine
        self.thread = threading.get_ident()
        self.since: dict[int, float] = {}  # waiting thread -> when its BEGIN IMMEDIATE started
        self.lock = threading.Lock()
        self.listeners: dict[str, Callable[..., None]] = {
            "before_cursor_execute": self._before,
            "after_cursor_execute": self._after,
            "handle_error": self._error,
        }
        if store.is_sqlite:  # PostgreSQL locks rows: an edit does not wait for the import's inserts
            for name, listener in self.listeners.items():
                event.listen(self.engine, name, listener)

    def close(self) -> None:
        for name, listener in self.listeners.items():
            if event.contains(self.engine, name, listener):
                event.remove(self.engine, name, listener)

    def _mark(self, statement: str | None, waiting: bool) -> None:
        thread = threading.get_ident()
        if statement == "BEGIN IMMEDIATE" and thread != self.thread:
            with self.lock:
                if waiting:
                    self.since[thread] = time.monotonic()
                else:
                    self.since.pop(thread, None)

    def _before(self, conn: Connection, cursor: Any, statement: str, *args: Any) -> None:
        self._mark(statement, True)

    def _after(self, conn: Connection, cursor: Any, statement: str, *args: Any) -> None:
        self._mark(statement, False)

    def _error(self, context: ExceptionContext) -> None:
        self._mark(context.statement, False)

    def let_them_in(self) -> None:
        """Wait while an edit of this process waits for the write lock (it gets it within one
        poll of the busy handler); one that has waited ``EDIT_TURN_SECONDS`` is not waited for."""
        while True:
            with self.lock:
                now = time.monotonic()
                if not any(now - since < EDIT_TURN_SECONDS for since in self.since.values()):
                    return
            time.sleep(0.005)


class _GroupWriter:
    """Takes the prepared files in file order (``add``) and writes them in groups (``flush``;
    see the module docstring). Each file is reported (the ``ImportReport``, ``progress``)
    only after the transaction holding it has committed."""

    def __init__(
        self, store: Store, report: ImportReport, known: dict[str, int], total: int, progress: ProgressFn | None
    ) -> None:
        self.store = store
        self.report = report
        self.known = known  # sha256 -> report id, in the store before this import
        self.seen: dict[str, int] = {}  # sha256 -> report id, written by this import
        self.total = total
        self.progress = progress
        self.done = 0
        self.waiting: list[tuple[Path, Outcome]] = []
        self.oldest = 0.0  # when the first waiting file arrived
        self.edits = _EditsWaiting(store)
        self.free_from = 0.0  # the write lock is left to others until then (SQLite)
        self.held = 0.0  # how long the groups held the write lock since the last gap

    def close(self) -> None:
        self.edits.close()

    def add(self, path: Path, outcome: Outcome) -> None:
        if not self.waiting:
            self.oldest = time.monotonic()
        self.waiting.append((path, outcome))
        if len(self.waiting) >= GROUP_FILES:
            self.flush()

    def wait_left(self) -> float | None:
        """How long the waiting files may still wait for more (None: none are waiting)."""
        if not self.waiting:
            return None
        return max(0.0, self.oldest + GROUP_WAIT_SECONDS - time.monotonic())

    def flush(self) -> None:
        """Write every waiting file: in groups, or one by one when only one needs writing."""
        files, self.waiting = self.waiting, []
        planned: set[str] = set()
        if sum(self._to_write(outcome, planned) is not None for _, outcome in files) <= 1:
            for path, outcome in files:
                self._write_alone(path, outcome)
            return
        start = 0
        while start < len(files):
            start = self._write_group(files, start)

    def _to_write(self, outcome: Outcome, planned: set[str]) -> dict[str, Any] | None:
        """The payload to write for a file, or None (unreadable, or a duplicate of a file in
        the store or earlier in the batch); ``planned`` collects the sha256s to be written."""
        status, value = outcome
        if status != "ok":
            return None
        sha = value["report"]["sha256"]
        if sha in self.seen or sha in self.known or sha in planned:
            return None
        planned.add(sha)
        payload: dict[str, Any] = value
        return payload

    def _write_group(self, files: list[tuple[Path, Outcome]], start: int) -> int:
        """Write files[start:] in one transaction until ``GROUP_WRITE_SECONDS`` have passed,
        commit, and report them; returns the index of the first file not in the group."""
        written: dict[int, int] = {}  # index in files -> new report id
        planned: set[str] = set()
        end = start
        try:
            with self.store.session() as session:
                started = None
                for index in range(start, len(files)):
                    end = index + 1
                    payload = self._to_write(files[index][1], planned)
                    if payload is None:
                        continue
                    if started is None:
                        self.edits.let_them_in()
                        pause = self.free_from - time.monotonic()
                        if pause > 0:  # other processes' turn at the write lock
                            time.sleep(pause)
                        session.connection()  # BEGIN: waiting for the write lock is not writing
                        started = time.perf_counter()
                    written[index] = _insert(session, payload)
                    if time.perf_counter() - started >= GROUP_WRITE_SECONDS:
                        break
        except Exception:
            for path, outcome in files[start:end]:
                self._write_alone(path, outcome)
            return end
        if started is not None and self.store.is_sqlite:
            self.held += time.perf_counter() - started
            if self.held >= GAP_EVERY_SECONDS:
                self.free_from = time.monotonic() + GAP_SECONDS
                self.held = 0.0
        for index in range(start, end):
            self._settle(*files[index], written.get(index))
        return end

    def _write_alone(self, path: Path, outcome: Outcome) -> None:
        """One file in its own transaction (``_write``), then reported."""
        new_id: int | None = None
        payload = self._to_write(outcome, set())
        if payload is not None:
            fresh, report_id = _write(self.store, payload)
            if fresh:
                new_id = report_id
            else:
                self.known[payload["report"]["sha256"]] = report_id
        self._settle(path, outcome, new_id)

    def _settle(self, path: Path, outcome: Outcome, new_id: int | None) -> None:
        """Report one file whose transaction has committed: ``new_id`` when it was written."""
        status, value = outcome
        if status == "fail":
            self.report.failed.append((path, value))
        elif status == "dup":
            self.report.duplicates.append((path, self.known.get(value, self.seen.get(value))))
        else:
            sha = value["report"]["sha256"]
            if new_id is not None:
                self.seen[sha] = new_id
                self.report.imported.append((path, new_id))
            else:
                self.report.duplicates.append((path, self.seen.get(sha, self.known.get(sha))))
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total, path)


def _known_hashes(store: Store) -> dict[str, int]:
    with store.session(readonly=True) as session:
        return {sha: rid for rid, sha in session.execute(select(Report.id, Report.sha256))}


def import_paths(
    store: Store,
    paths: Iterable[str | Path],
    *,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    workers: int | None = None,
    file_seconds: float | None = None,
    prepare_file: PrepareFn = prepare,
    into: ImportReport | None = None,
    pool: WarmPool | None = None,
) -> ImportReport:
    """Import every report file under ``paths`` into ``store`` (see the module docstring).

    ``workers``: processes for reading and extracting (default: all cores); 1, or fewer
    than ``IN_PROCESS_BELOW`` files, works in the calling process. With workers, a file that
    takes longer than ``file_seconds`` (default ``FILE_SECONDS``) is stopped and reported
    unreadable. ``prepare_file``: what reads and extracts a file (``prepare``), a module-level
    function so that worker processes can import it. ``into``: the report to fill, so that a
    caller still knows what was committed when the import fails midway (a full disk).

    A damaged SQLite library (``Store.check_damage``) is refused before anything is written.
    """
    files, unlisted = _expand(paths)
    report = ImportReport() if into is None else into
    known = _known_hashes(store)

    def cancelled() -> bool:
        if cancel is not None and cancel():
            report.cancelled = True
        return report.cancelled

    writer = _GroupWriter(store, report, known, len(files) + len(unlisted), progress)
    try:
        for path, reason in unlisted:  # folders that could not be listed: said, not skipped
            writer.add(path, ("fail", reason))
        writer.flush()
        _prepare_and_write(
            files,
            frozenset(known),
            writer,
            cancelled,
            workers or os.cpu_count() or 1,
            FILE_SECONDS if file_seconds is None else file_seconds,
            prepare_file,
            before_writing=store.check_damage,
            pool=pool,
        )
    finally:
        writer.close()
    return report


def _prepare_and_write(
    files: list[tuple[Path, str]],
    known: frozenset[str],
    writer: _GroupWriter,
    cancelled: CancelFn,
    workers: int,
    file_seconds: float = FILE_SECONDS,
    prepare_file: PrepareFn = prepare,
    before_writing: Callable[[], None] = lambda: None,
    pool: WarmPool | None = None,
) -> None:
    """Prepare the files (in this process or in a pool) and hand them to ``writer`` in file
    order. ``before_writing`` runs before the first file is handed over; with a pool, while
    its workers start (the damage check reads the whole library: seconds for a large one).
    ``pool``: workers started ahead (``preparing.start_early``), used when they fit."""
    if pool is not None and (workers <= 1 or len(files) < IN_PROCESS_BELOW or pool.workers != workers):
        pool.discard()
        pool = None
    if workers <= 1 or len(files) < IN_PROCESS_BELOW:
        before_writing()
        # A handful of files, or one worker asked for: each file is written as soon as it
        # is prepared, in its own transaction (a group would only wait for the next prepare).
        for path, label in files:
            if cancelled():
                break
            writer.add(path, prepare_file(path, label, known))
            writer.flush()
        return

    # Workers say when they start a file, so that its time limit does not count the pool's
    # start-up (seconds on a busy machine) or the wait for a free worker.
    started_queue = pool_context().Queue() if pool is None else pool.started
    started: dict[int, float] = {}
    task_ids = itertools.count()

    def new_executor() -> ProcessPoolExecutor:
        return start_pool(workers, known, started_queue).executor

    def submit(executor: ProcessPoolExecutor, path: Path, label: str) -> tuple[Path, str, int, Future[Outcome]]:
        task = next(task_ids)
        return path, label, task, executor.submit(_run_task, task, prepare_file, path, label)

    def drain() -> None:
        while True:
            try:
                started[started_queue.get_nowait()] = time.monotonic()
            except queue.Empty:
                return

    pending: collections.deque[tuple[Path, str, int, Future[Outcome]]] = collections.deque()

    def restart(executor: ProcessPoolExecutor, kill: bool) -> ProcessPoolExecutor:
        """A new pool, with the files still in flight submitted to it again."""
        nonlocal pending
        if kill:  # a worker is stuck on a file: no way to stop one task but to end its process
            kill_workers(executor)
        executor.shutdown(wait=kill, cancel_futures=True)
        executor = new_executor()
        pending = collections.deque(submit(executor, p, lb) for p, lb, _, _ in pending)
        return executor

    # files in flight: enough to keep every worker busy while a whole group is written
    window = workers * 6 + GROUP_FILES
    todo = iter(files)
    executor = new_executor() if pool is None else pool.executor
    try:
        exhausted = False
        checked = False
        while True:
            while not exhausted and len(pending) < window:
                nxt = next(todo, None)
                if nxt is None:
                    exhausted = True
                    break
                pending.append(submit(executor, *nxt))
            if not checked:  # the workers are starting meanwhile
                before_writing()
                checked = True
            if not pending or cancelled():
                break
            path, label, task, future = pending.popleft()
            timed_out = False
            while not future.done():
                drain()
                now = time.monotonic()
                deadline = started[task] + file_seconds if task in started else now + 0.2
                if task in started and now >= deadline:
                    timed_out = True
                    break
                left = writer.wait_left()
                until = deadline if left is None else min(deadline, now + left)
                if (
                    not wait([future], timeout=max(0.0, until - now)).done
                    and left is not None
                    and time.monotonic() >= now + left
                ):
                    writer.flush()  # the group waited long enough; the workers go on meanwhile
            started.pop(task, None)
            if timed_out:
                outcome = ("fail", f"reading and extracting it took longer than {file_seconds:g} s: stopped")
                executor = restart(executor, kill=True)
            else:
                try:
                    outcome = future.result()  # in order: the first copy of a duplicate wins
                except BrokenProcessPool:
                    # A file crashed its worker (a parser bug, out of memory): blame the oldest
                    # file in flight, start a new pool and resubmit the others.
                    outcome = ("fail", "reading this file crashed the worker process")
                    executor = restart(executor, kill=False)
            writer.add(path, outcome)
        writer.flush()  # the end, or a cancel: the files waiting for their group are written
    finally:
        for *_, future in pending:
            future.cancel()
        executor.shutdown(wait=True, cancel_futures=True)
        started_queue.close()
