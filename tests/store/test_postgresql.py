"""What only a PostgreSQL library does: URL spellings, concurrent first opens, transaction
settings, backups refused with the pg_dump command, times in UTC whatever the session's
zone. (Everything else runs on both backends through the ``store`` fixture.)"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from desktop.store.db import BackupUnsupported, current_revision, head_revision, open_store
from desktop.store.ops import Operations


@pytest.fixture
def pg_url(pg_server):
    url = pg_server.new_database(migrated=True)
    yield url
    pg_server.drop(url)


@pytest.fixture
def empty_pg_url(pg_server):
    url = pg_server.new_database(migrated=False)
    yield url
    pg_server.drop(url)


def test_urls_without_a_driver_use_psycopg(pg_url):
    bare = make_url(pg_url).set(drivername="postgresql").render_as_string(hide_password=False)
    for spelling in (bare, "postgres" + bare[len("postgresql") :]):
        store = open_store(spelling)
        try:
            assert store.engine.dialect.driver == "psycopg" and store.is_postgresql and store.path is None
            assert current_revision(store.engine) == head_revision()
        finally:
            store.close()


def test_several_first_opens_at_once_migrate_once(empty_pg_url):
    errors: list[BaseException] = []
    barrier = threading.Barrier(3)

    def open_it() -> None:
        try:
            barrier.wait()
            open_store(empty_pg_url).close()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=open_it) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    store = open_store(empty_pg_url)
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all() == [head_revision()]
    finally:
        store.close()


def test_transaction_settings(pg_url):
    store = open_store(pg_url)
    try:
        with store.session() as session:
            assert session.execute(text("SHOW transaction_isolation")).scalar() == "read committed"
            assert session.execute(text("SHOW lock_timeout")).scalar() == "5s"
        with store.session(readonly=True) as session:  # one snapshot for a whole export
            assert session.execute(text("SHOW transaction_isolation")).scalar() == "repeatable read"
            assert session.execute(text("SHOW transaction_read_only")).scalar() == "on"
        with pytest.raises(DBAPIError, match="read-only"), store.session(readonly=True) as session:
            session.execute(text("UPDATE reports SET state = 'done'"))
        with store.session() as session:  # the pooled connection is a writer again
            assert session.execute(text("SHOW transaction_read_only")).scalar() == "off"
    finally:
        store.close()


def test_backup_is_refused_with_the_pg_dump_command(pg_server, tmp_path):
    url = make_url(pg_server.new_database()).set(password="s3cret")  # trust auth: the password is ignored
    store = open_store(url.render_as_string(hide_password=False))
    try:
        with pytest.raises(BackupUnsupported) as caught:
            store.backup(tmp_path / "copy.bak")
        message = str(caught.value)
        assert "pg_dump --format=custom" in message and str(tmp_path / "copy.bak") in message
        assert "postgresql://" in message and "+psycopg" not in message and "s3cret" not in message
        assert "pg_restore" in message
        assert not (tmp_path / "copy.bak").exists()
        assert "s3cret" not in store.label
    finally:
        store.close()
        pg_server.drop(url.render_as_string(hide_password=False))


def test_history_times_are_utc_whatever_the_sessions_zone(pg_url, seed):
    zoned = make_url(pg_url).update_query_dict({"options": "-c TimeZone=Asia/Shanghai"})
    store = open_store(zoned.render_as_string(hide_password=False))
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("SHOW TimeZone").scalar() == "Asia/Shanghai"
        seeded = seed(store, reports=1, items=1)
        ops = Operations(store, "alice")
        ops.update_item(seeded[0]["items"][0], {"value": 1}, base_version=1)
        [edit] = ops.history(seeded[0]["id"])
        assert edit["at"].endswith("+00:00")
    finally:
        store.close()


def test_a_reviewers_year_typed_as_text_is_listed_and_odd_values_do_not_break_the_list(pg_url, seed):
    from desktop.store.models import Item
    from desktop.store.queries import LibraryFilter, list_reports

    store = open_store(pg_url)
    try:
        [first, second] = seed(store, reports=2, items=1)
        with store.session() as session:
            session.add_all(
                [
                    Item(report_id=first["id"], kind="field", key="report_year", data={"value": " 2021 "}),
                    Item(report_id=second["id"], kind="field", key="report_year", data={"value": "2021年"}),
                ]
            )
        rows = list_reports(store, LibraryFilter(), sort="year")
        assert [(row.id, row.year) for row in rows] == [(first["id"], 2021), (second["id"], None)]
        assert [row.id for row in list_reports(store, LibraryFilter(year=2021))] == [first["id"]]
    finally:
        store.close()
