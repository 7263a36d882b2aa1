"""The worker side of an import: read and extract one file into the rows the importing
process writes (``prepare``), in a process of the import's pool.

Apart from ``desktop.store.importer`` so that a worker imports the extractor and nothing of
the database (SQLAlchemy and the models took about a quarter of a worker's start), and so
that the pool's process class, pickled to each worker, is defined here too.
"""

from __future__ import annotations

import collections
import contextlib
import gc
import itertools
import json
import multiprocessing
import multiprocessing.context
import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.queues import Queue

    from desktop.core.extract import Extraction

#: an ``items`` row as a dict of its columns (:func:`extraction_items`)
ItemRow = dict[str, Any]
#: what a worker returns for one file: ("ok", payload), ("dup", sha256) or ("fail", reason)
Outcome = tuple[str, Any]
#: reads and extracts one file (``prepare``, or a test's stand-in): (path, label[, known]) -> outcome
PrepareFn = Callable[..., Outcome]

# --------------------------------------------------------------------------- rows


def _strip(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if k not in ("start", "end", "confidence")}


def extraction_items(extraction: Extraction) -> list[dict[str, Any]]:
    """The ``items`` rows (without report and run ids) for one extraction, in a stable order."""
    from desktop.core.metadata import FIELDS

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
    for kind, objects in (("section", extraction.sections), ("part", extraction.parts), ("metric", extraction.metrics)):
        for obj in objects:
            rows.append(_row(kind, None, obj.get("start"), obj.get("end"), _strip(obj), obj.get("confidence")))
    return rows


def _row(
    kind: str, key: str | None, start: int | None, end: int | None, data: dict[str, Any], confidence: float | None
) -> ItemRow:
    return {
        "kind": kind,
        "key": key,
        "start": start,
        "end": end,
        "data": data,
        "extracted": dict(data),
        "source": "extractor",
        "state": "pending",
        "confidence": confidence,
    }


# --------------------------------------------------------------------------- worker side

_KNOWN: frozenset[str] = frozenset()


_STARTED: Queue[int] | None = None  # a worker tells the importing process which file it starts


def _init_worker(known: frozenset[str], started: Queue[int] | None = None) -> None:
    global _KNOWN, _STARTED
    _KNOWN = known
    _STARTED = started
    _warm_up()
    # the dictionaries loaded for good: the collector need not walk them again and again
    gc.freeze()


def _warm_up() -> None:
    """Load the dictionaries (jieba, OpenCC, the gazetteer: a second or two) before the first
    file, so that its time limit counts the file, not the worker's start."""
    from desktop.core.extract import extract_source
    from desktop.core.reading import ReadResult

    text = "某某市人民政府2022年法治政府建设年度报告\n一、主要成效\n全年办理行政复议案件1,234件，同比增长12%。"
    try:
        extract_source(
            ReadResult(path=Path("warm-up.txt"), text=text, encoding="utf-8", sha256="", source_format="txt")
        )
    except Exception:
        pass


def _run_task(task: int, prepare_file: PrepareFn, path: Path, label: str) -> Outcome:
    if _STARTED is not None:
        _STARTED.put(task)
    return prepare_file(path, label)


def die_with_parent(parent: int) -> None:
    """End this worker process when ``parent`` (the importing process) ends, even killed.

    A pool's idle workers wait on a queue whose other end they hold themselves, so they never
    see their parent go: after a SIGKILL of an import they stayed, one spinning on a file.
    Linux kills the worker itself (PR_SET_PDEATHSIG, which needs no Python code to run, so it
    works while a parser holds the interpreter); elsewhere a thread watches the parent.
    """
    import signal

    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent went before the line above took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()


def prepare(path: Path, label: str, known: frozenset[str] | None = None) -> Outcome:
    """Read and extract one file: ``("ok", payload)``, ``("dup", sha256)`` or ``("fail", reason)``.

    Runs in a worker process; the payload holds every row the main process writes.
    """
    # the extractor loads here, not when the importing process imports this module
    from desktop.core.extract import EXTRACTOR_VERSION, extract_source
    from desktop.core.reading import ReadError, read_report

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
    except Exception as error:
        return "fail", f"extraction failed: {type(error).__name__}: {error}"[:300]
    normalised = extraction.norm.text
    report = {
        "file_name": label,
        "sha256": source.sha256,
        "text": source.text,
        # what search reads besides the text (revision 0006), made here rather than by the
        # column's default in the main process, which writes for every worker
        "normalised": normalised if normalised != source.text else None,
        "encoding": source.encoding,
        "source_format": source.source_format,
        "state": "new",
        "flags": flags,
        "version": 1,
    }
    return "ok", {
        "report": report,
        "items": rows,
        "summary": run_summary_for_import(items),
        "extractor_version": EXTRACTOR_VERSION,
    }


def run_summary_for_import(items: Sequence[ItemRow]) -> dict[str, Any]:
    counts = collections.Counter(item["kind"] for item in items)
    return {"reason": "import", "added": {kind: counts.get(kind, 0) for kind in ("field", "section", "part", "metric")}}


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)  # as the store's own serializer writes it


def serialise_items(items: Sequence[ItemRow]) -> list[ItemRow]:
    """Insert-ready rows: the JSON columns as text, done in the worker processes."""
    out = []
    for item in items:
        data = _json(item["data"])
        extracted = (
            data
            if item["extracted"] == item["data"]
            else (None if item["extracted"] is None else _json(item["extracted"]))
        )
        out.append({**item, "data": data, "extracted": extracted})
    return out


#: The order of a row tuple (:func:`row_tuples`): the items columns a writer fills.
ROW_FIELDS = ("kind", "key", "start", "end", "data", "extracted", "source", "state", "confidence")


def row_tuples(rows: Sequence[ItemRow]) -> list[tuple[Any, ...]]:
    """Rows of :func:`serialise_items` as tuples in ``ROW_FIELDS`` order: smaller to send
    between processes than dicts, and what the driver's executemany takes."""
    return [tuple(row[name] for name in ROW_FIELDS) for row in rows]


# --------------------------------------------------------------------------- the pool

#: Fewer files than this are read and extracted in the calling process: a pool's start-up
#: (a fresh interpreter that loads the dictionaries) costs more than it saves.
IN_PROCESS_BELOW = 8


class _GuardedProcess(multiprocessing.context.SpawnProcess):
    """A spawned process that ends when the process that started it ends (``die_with_parent``),
    whatever pool it serves (import, re-extraction)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._starter = os.getpid()  # pickled to the child with the process object

    def run(self) -> None:
        die_with_parent(self._starter)
        super().run()
        _exit_now()


def _exit_now() -> None:
    """End a worker whose pool is shut down without the interpreter's teardown, which freed
    the dictionaries object by object for a fifth of a second while the import waited for
    it. What must reach the parent is flushed first; a worker writes no files."""
    if _STARTED is not None:
        _STARTED.close()
        _STARTED.join_thread()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


class _GuardedContext(multiprocessing.context.SpawnContext):
    Process = _GuardedProcess


def pool_context() -> _GuardedContext:
    # Never plain fork: the window calls this from a worker thread, and forking a
    # multi-threaded process can deadlock the child. Not the forkserver either: its workers
    # are the server's children, so they cannot die with the importing process
    # (``die_with_parent``), and the server lives as long as any of them.
    return _GuardedContext()


@dataclass
class WarmPool:
    """Import workers started before the library is opened (``start_early``): they load the
    extractor while the importing process loads the database modules and opens the library,
    a third of a second each that would otherwise come one after the other."""

    executor: ProcessPoolExecutor
    started: Queue[int]  # the workers tell which file they start (see importer)
    workers: int
    known: frozenset[str]  # what the workers skip as already stored

    def discard(self) -> None:
        """End the workers unused (the import found too few files to need them)."""
        kill_workers(self.executor)
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.started.close()


def kill_workers(executor: ProcessPoolExecutor) -> None:
    """End a pool's worker processes at once (the executor has no public way to)."""
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        process.kill()


def _ready() -> None:
    """A task that only makes the pool start a worker (it starts them as tasks arrive)."""


def start_pool(workers: int, known: frozenset[str], started: Queue[int] | None = None) -> WarmPool:
    context = pool_context()
    started = context.Queue() if started is None else started
    executor = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(known, started)
    )
    for _ in range(workers):
        executor.submit(_ready)
    return WarmPool(executor, started, workers, known)


def start_early(location: str | None, paths: Sequence[str], workers: int | None) -> WarmPool | None:
    """The import's pool, started before SQLAlchemy is even imported, when that is cheap and
    safe: a SQLite library given as a file (read here with the standard library, read-only)
    and at least ``IN_PROCESS_BELOW`` files to import. None otherwise: the import starts its
    pool itself, as it always could."""
    from desktop.core.reading import iter_report_paths

    workers = workers or os.cpu_count() or 1
    if workers <= 1:
        return None
    known = stored_hashes(location)
    if known is None:
        return None
    files = iter_report_paths(paths)
    if sum(1 for _ in itertools.islice(files, IN_PROCESS_BELOW)) < IN_PROCESS_BELOW:
        return None
    return start_pool(workers, known)


def stored_hashes(location: str | None) -> frozenset[str] | None:
    """The sha256 of every report in the SQLite library file at ``location`` (a path or a
    ``sqlite:///`` URL); empty for a file that does not exist yet; None for anything else
    (the window's default library, a server, a file SQLite cannot read: the import opens
    those the usual way and finds out)."""
    import sqlite3

    if location is None or ("://" in location and not location.startswith("sqlite:///")):
        return None
    path = Path(location.removeprefix("sqlite:///")).expanduser()
    if not path.exists():
        return frozenset()
    from .migrations import HEAD

    # immutable: nothing is written beside the file, not even the -shm of a WAL library;
    # what the WAL holds and the file not yet is missed, and those files are only extracted
    # before the importer finds them stored (it checks again before writing)
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    try:
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as connection:
            if connection.execute("SELECT version_num FROM alembic_version").fetchall() != [(HEAD,)]:
                return None  # an older library is upgraded first, a newer one refused: by open_store
            return frozenset(row[0] for row in connection.execute("SELECT sha256 FROM reports"))
    except (sqlite3.Error, OSError, ValueError):
        return None
