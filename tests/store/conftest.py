"""Fixtures for the store's tests: a fresh library per test, on SQLite and on PostgreSQL.

Sections: (1) backends and the library, (2) seed data. Add further sections below.

Every test that uses ``store`` (or ``store_location``, ``seeded``, ``backend``) runs twice:
``[sqlite]`` on a file in a temp folder, ``[postgresql]`` on a database of its own (see
``pg_testing.py``: ``FAZHI_TEST_POSTGRES_URL``, else a throwaway server started with
``tools/postgres_for_tests.sh``, else skipped with the reason). Tests of what only a SQLite
file has (permissions, WAL, a SIGKILL's effect on a file, file backups, the trigram index)
are marked ``@pytest.mark.sqlite_only`` and run once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pg_testing
import pytest

from desktop.store.db import Store, open_store
from desktop.store.models import Item, Report, utcnow

BACKENDS = ("sqlite", "postgresql")

# ---------------------------------------------------------------- (1) backends and the library


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only(reason): runs on the SQLite backend only (a file's properties)")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        only = metafunc.definition.get_closest_marker("sqlite_only")
        # module scope: a module's tests run grouped by backend, so module fixtures (a
        # template library) are built once per backend
        metafunc.parametrize("backend", ["sqlite"] if only else list(BACKENDS), scope="module")


def pytest_sessionfinish(session: pytest.Session) -> None:
    pg_testing.shutdown()


@pytest.fixture(scope="session")
def pg_server() -> pg_testing.PostgresServer:
    """The session's PostgreSQL server; skips the test when there is none."""
    server = pg_testing.server()
    if server is None:
        pg_testing.skip_or_fail()
    return server


def _pg(request: pytest.FixtureRequest) -> pg_testing.PostgresServer:
    return request.getfixturevalue("pg_server")


def _location(backend: str, tmp_path: Path, request: pytest.FixtureRequest, *, migrated: bool) -> Iterator[Path | str]:
    if backend == "sqlite":
        yield tmp_path / "library" / "library.sqlite3"
        return
    server = _pg(request)
    url = server.new_database(migrated=migrated)
    yield url
    server.drop(url)


@pytest.fixture
def store_location(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Path | str]:
    """Where the test's library lives: a file path (SQLite; not created yet) or the URL of a
    database of its own already at the newest schema (PostgreSQL; dropped afterwards)."""
    yield from _location(backend, tmp_path, request, migrated=True)


@pytest.fixture
def empty_location(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Path | str]:
    """An empty library location (no schema at all): for the migrations' own tests."""
    yield from _location(backend, tmp_path, request, migrated=False)


@pytest.fixture
def store_path(store_location: Path | str, backend: str) -> Path:
    """The SQLite file of ``store`` (tests of a file's properties: mark them sqlite_only)."""
    if backend != "sqlite":
        pytest.fail("store_path is a SQLite file: mark the test @pytest.mark.sqlite_only or use store_location")
    return store_location


@pytest.fixture
def store(store_location: Path | str) -> Iterator[Store]:
    opened = open_store(store_location)
    try:
        yield opened
    finally:
        opened.close()


# ---------------------------------------------------------------- (2) seed data


def _reports_0001():
    """The reports table as revision 0001 has it (the model's table has later columns with
    Python defaults, which a Core insert would name)."""
    import sqlalchemy as sa

    columns = (
        "id",
        "file_name",
        "sha256",
        "text",
        "encoding",
        "source_format",
        "imported_at",
        "state",
        "flags",
        "version",
    )
    return sa.table("reports", *(sa.column(name, Report.__table__.c[name].type) for name in columns))


_REPORTS_0001 = _reports_0001()


def seed_reports(store: Store, reports: int = 2, items: int = 3) -> list[dict]:
    """Insert ``reports`` reports with ``items`` extractor metrics each, as an import would
    (state pending, source extractor, ``extracted`` = the value, version 1, no edits).
    Returns [{"id": report id, "items": [item ids]}]. Only the columns of revision 0001 are
    written (Core inserts naming them), so a library at any revision can be seeded."""
    from sqlalchemy import insert

    out = []
    with store.session() as session:
        conn = session.connection()
        for r in range(reports):
            text = f"某市{r}年法治政府建设年度报告。" + "办理行政复议案件52件。" * items
            report_id = conn.execute(
                insert(_REPORTS_0001).returning(_REPORTS_0001.c.id),
                {
                    "file_name": f"report-{r}.txt",
                    "sha256": hashlib.sha256(text.encode()).hexdigest(),
                    "text": text,
                    "encoding": "utf-8",
                    "source_format": "txt",
                    "imported_at": utcnow(),
                    "state": "new",
                    "flags": [],
                    "version": 1,
                },
            ).scalar_one()
            ids = []
            for i in range(items):
                data = {
                    "text": "52件",
                    "value": 52 + i,
                    "unit": "件",
                    "label": f"行政复议案件{i}",
                    "indicator": "admin_review_cases",
                }
                ids.append(
                    conn.execute(
                        insert(Item.__table__),
                        [
                            {
                                "report_id": report_id,
                                "kind": "metric",
                                "key": None,
                                "start": 20 + 12 * i,
                                "end": 23 + 12 * i,
                                "data": data,
                                "extracted": dict(data),
                                "source": "extractor",
                                "state": "pending",
                                "confidence": 0.9,
                                "run_id": None,
                                "version": 1,
                            }
                        ],
                    ).inserted_primary_key[0]
                )
            out.append({"id": report_id, "items": ids})
    return out


@pytest.fixture
def seeded(store: Store) -> list[dict]:
    return seed_reports(store)


@pytest.fixture
def seed() -> Callable[..., list[dict]]:
    """``seed(store, reports=2, items=3)`` for tests that open their own library."""
    return seed_reports
