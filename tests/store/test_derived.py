"""What an import leaves for later and what is filled at once (revision 0007,
``desktop.store.derived``): the search backlog, and the summaries of reports written in bulk.

On PostgreSQL neither exists: the library's rows and search are computed from the base
tables, and the same searches must find the same reports there too."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select

from desktop.store.db import open_store
from desktop.store.derived import backlog_size, index_backlog, index_some
from desktop.store.importer import import_paths
from desktop.store.models import Item, Report
from desktop.store.ops import Operations
from desktop.store.queries import LibraryFilter, _computed_rows, list_reports

#: 3+ characters (the trigram index), 2 (its trigrams' prefixes), a traditional spelling
#: (found through the normalised text), and a word in one seed only
TERMS = ("法治政府", "复议", "領導", "司法所")


def _texts(store) -> dict[int, tuple[str, str | None]]:
    with store.session(readonly=True) as session:
        return {
            rid: (text, norm) for rid, text, norm in session.execute(select(Report.id, Report.text, Report.normalised))
        }


def _found(store, term: str) -> set[int]:
    return {row.id for row in list_reports(store, LibraryFilter(search=term), limit=1000)}


def _reading(texts: dict[int, tuple[str, str | None]], term: str, normalised_term: str) -> set[int]:
    """What a search must find: the reports whose text or normalised text holds the term."""
    return {
        rid
        for rid, (text, norm) in texts.items()
        if any(t in text or t in (norm or "") for t in (term, normalised_term))
    }


@pytest.fixture
def imported(store, seeds_dir):
    result = import_paths(store, [seeds_dir], workers=1)
    assert len(result.imported) == 5
    return store


def test_search_finds_the_same_reports_before_and_after_indexing(imported):
    from desktop.store.searchtext import search_term

    store = imported
    texts = _texts(store)
    expected = {term: _reading(texts, term, search_term(term)) for term in TERMS}
    assert all(expected.values()) and expected["司法所"] != set(texts)  # the terms tell reports apart
    if store.is_sqlite:
        assert backlog_size(store) == 5  # nothing indexed yet: search reads the texts
    assert {term: _found(store, term) for term in TERMS} == expected

    assert index_some(store, 2) == (2 if store.is_sqlite else 0)  # some indexed, some waiting
    assert {term: _found(store, term) for term in TERMS} == expected

    index_backlog(store)
    assert backlog_size(store) == 0
    assert {term: _found(store, term) for term in TERMS} == expected


def test_the_summary_of_an_imported_report_is_what_its_items_say(imported):
    store = imported
    if not store.is_sqlite:
        pytest.skip("the summary table is kept on SQLite only")
    computed = _computed_rows("sqlite")
    columns = ("report_id", "file_name", "state", "title", "issuer", "region", "province", "level", "year", "pending")
    with store.engine.connect() as conn:
        kept = conn.exec_driver_sql(f"SELECT {', '.join(columns)} FROM report_summary ORDER BY report_id").all()
        fresh = conn.execute(select(*(computed.c[c] for c in columns)).order_by(computed.c.report_id)).all()
        assert conn.exec_driver_sql("SELECT count(*) FROM deferred_summaries").scalar() == 0
    assert [tuple(r) for r in kept] == [tuple(r) for r in fresh]
    assert all(row.pending > 9 for row in kept) and sum(v is not None for row in kept for v in row[3:9]) >= 20

    # the deferral is over: an edit of the imported report updates its summary row at once
    with store.session(readonly=True) as session:
        title_id, version = session.execute(
            select(Item.id, Item.version).where(
                Item.report_id == kept[0].report_id, Item.kind == "field", Item.key == "title"
            )
        ).one()
    Operations(store, "alice").update_item(title_id, {"value": "改过的标题"}, base_version=version)
    with store.engine.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT title, pending FROM report_summary WHERE report_id = ?", (kept[0].report_id,)
        )
        assert tuple(row.one()) == ("改过的标题", kept[0].pending - 1)


def _trigram_documents(store, trigram: str) -> int:
    with store.engine.connect() as conn:
        conn.exec_driver_sql("CREATE VIRTUAL TABLE IF NOT EXISTS temp.v USING fts5vocab(main, report_fts, row)")
        found = conn.exec_driver_sql("SELECT doc FROM temp.v WHERE term = ?", (trigram,)).scalar()
        return int(found or 0)


@pytest.mark.sqlite_only
def test_deleting_reports_indexed_or_waiting_keeps_the_index_true(imported):
    store = imported
    ids = sorted(_texts(store))
    index_some(store, 3)  # ids[:3] indexed, ids[3:] waiting
    with store.session() as session:  # one indexed, one never indexed (the window deletes none)
        session.connection().exec_driver_sql(f"DELETE FROM reports WHERE id IN ({ids[0]}, {ids[4]})")
    index_backlog(store)
    texts = _texts(store)
    # the index counts each trigram in exactly the reports left: a "delete" of a report the
    # contentless index never held would have taken its trigrams from the others
    for trigram in ("法治政", "政府建", "复议案"):
        holding = sum(trigram in f"{text}\n\n{norm or ''}" for text, norm in texts.values())
        assert _trigram_documents(store, trigram) == holding
    with store.engine.connect() as conn:
        conn.exec_driver_sql("INSERT INTO report_fts (report_fts) VALUES ('integrity-check')")


@pytest.mark.sqlite_only
def test_a_summary_left_deferred_is_filled_when_the_library_opens(imported):
    store = imported
    path = store.path
    with store.engine.connect() as conn:
        report_id, title = conn.exec_driver_sql("SELECT report_id, title FROM report_summary LIMIT 1").one()
    store.close()
    with sqlite3.connect(path) as raw:  # what a bug could leave: a deferral committed
        raw.execute("INSERT INTO deferred_summaries VALUES (?)", (report_id,))
        raw.execute("UPDATE report_summary SET title = NULL, pending = 0 WHERE report_id = ?", (report_id,))
    raw.close()
    with open_store(path) as reopened:
        with reopened.engine.connect() as conn:
            row = conn.exec_driver_sql("SELECT title, pending FROM report_summary WHERE report_id = ?", (report_id,))
            assert row.one()[0] == title
            assert conn.exec_driver_sql("SELECT count(*) FROM deferred_summaries").scalar() == 0
