"""What the library derives from its reports on SQLite: the trigram search index and the
summary rows of reports written in bulk (revision 0007). No Qt here.

Search index. A new report waits in ``search_backlog`` until :func:`index_backlog` moves it
into ``report_fts``, a few reports per transaction so that a reviewer's edit never waits
long for the write lock. The window runs it in the background after opening a library and
after an import; ``fazhi-review index`` runs it from the command line. Until then the
library's search reads the waiting reports' texts directly (``desktop.store.queries``), so
a search finds every report whether indexed or not; indexing only makes it fast.

Deferred summaries. The importer writes a group of files with their report ids in
``deferred_summaries``: the per-item triggers skip them, and :func:`fill_deferred_summaries`
computes their ``report_summary`` rows in one statement, with the triggers' own expressions,
before the group's transaction commits.

Other databases have neither table: there the library's rows and search are computed from
the base tables, and every function here does nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from .queries import FIELD_COLUMNS  # metadata field (items.key) -> report_summary column

if TYPE_CHECKING:
    from .db import Store

#: what report_fts indexes of a report: the text as read and the normalised text (revision 0006)
INDEXED = "({row}.text || char(10, 10) || coalesce({row}.normalised || char(10, 10), ''))"
#: reports indexed per transaction: about 4 ms each for a 20,000-character report, so a
#: reviewer's edit waits at most some tens of milliseconds for the write lock
INDEX_BATCH = 16


def _field_value(key: str) -> str:
    # the expression of the summary triggers (revisions 0003 and 0004): the latest canonical
    # item of the field that is not rejected
    return (
        "(SELECT CASE WHEN json_valid(i.data) THEN json_extract(i.data, '$.value') END FROM items i "
        f"WHERE i.report_id = s.report_id AND i.kind = 'field' AND i.key = '{key}' "
        "AND i.state != 'rejected' AND i.coder IS NULL ORDER BY i.id DESC LIMIT 1)"
    )


_FILL_DEFERRED = (
    "UPDATE report_summary AS s SET "
    + ", ".join(f"{column} = {_field_value(key)}" for key, column in FIELD_COLUMNS.items())
    + ", pending = (SELECT count(*) FROM items p WHERE p.report_id = s.report_id "
    "AND p.state = 'pending' AND p.coder IS NULL) "
    "WHERE s.report_id IN (SELECT report_id FROM deferred_summaries)"
)


def defer_summaries(connection: Connection, report_ids: Sequence[int]) -> None:
    """Within a write transaction: the items triggers skip these reports until
    :func:`fill_deferred_summaries` (which must run in the same transaction)."""
    connection.exec_driver_sql("INSERT INTO deferred_summaries (report_id) VALUES (?)", [(i,) for i in report_ids])


def fill_deferred_summaries(connection: Connection) -> None:
    """The summary rows of the deferred reports, computed at once; the deferral ends."""
    connection.exec_driver_sql(_FILL_DEFERRED)
    connection.exec_driver_sql("DELETE FROM deferred_summaries")


def repair_deferred_summaries(store: Store) -> None:
    """Fill summaries a write left deferred. Only a bug could leave one: the importer adds and
    removes its ids in one transaction. Cheap when there is nothing to do (an empty table)."""
    if not store.is_sqlite:
        return
    with store.engine.connect() as conn:
        if conn.exec_driver_sql("SELECT 1 FROM deferred_summaries LIMIT 1").first() is None:
            return
    with store.session() as session:
        fill_deferred_summaries(session.connection())


def backlog_size(store: Store) -> int:
    """Reports not yet in the search index (0 on databases without one)."""
    if not store.is_sqlite:
        return 0
    with store.engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM search_backlog").scalar_one())


def index_some(store: Store, limit: int = INDEX_BATCH) -> int:
    """Move up to ``limit`` reports from the backlog into the search index, in one
    transaction (all or none of them); returns how many."""
    if not store.is_sqlite:
        return 0
    with store.session() as session:
        conn = session.connection()
        ids = [
            row[0]
            for row in conn.exec_driver_sql("SELECT report_id FROM search_backlog ORDER BY report_id LIMIT ?", (limit,))
        ]
        if not ids:
            return 0
        marks = ", ".join("?" * len(ids))
        indexed = INDEXED.format(row="r")
        conn.exec_driver_sql(
            f"INSERT INTO report_fts (rowid, text) SELECT r.id, {indexed} FROM reports r WHERE r.id IN ({marks})",
            tuple(ids),
        )
        conn.exec_driver_sql(f"DELETE FROM search_backlog WHERE report_id IN ({marks})", tuple(ids))
    return len(ids)


def index_backlog(
    store: Store,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    batch: int = INDEX_BATCH,
) -> int:
    """Index every report in the backlog, ``batch`` per transaction. ``progress(done, total)``
    after each transaction; ``cancel()`` is polled between them (what is indexed stays
    indexed). Reports imported meanwhile are indexed too. Returns how many were indexed."""
    done = 0
    total = backlog_size(store)
    while not (cancel is not None and cancel()):
        indexed = index_some(store, batch)
        if indexed == 0:
            break
        done += indexed
        total = max(total, done + backlog_size(store))
        if progress is not None:
            progress(done, total)
    return done
