"""A PostgreSQL server for the tests, and a fresh database per test.

Where the server comes from, in this order:

1. ``FAZHI_TEST_POSTGRES_URL`` (an SQLAlchemy URL, e.g.
   ``postgresql+psycopg://fazhi@/fazhi?host=/tmp/fazhi-pg.XXXX``): a server someone started;
   its role must be allowed to create databases. The tests create and drop databases named
   ``fazhi_t_*`` on it and touch nothing else.
2. Otherwise, when PostgreSQL's server binaries are installed (Debian's ``postgresql``
   package: ``/usr/lib/postgresql/*/bin``), ``tools/postgres_for_tests.sh start --fast``
   starts a throwaway cluster in a temp folder for this test session and stops it at the end.
3. Otherwise the PostgreSQL tests are skipped, with the reason; with
   ``FAZHI_TEST_POSTGRES_REQUIRED=1`` (CI) they fail instead, so that a machine without
   PostgreSQL cannot pass the suite by skipping half of it.

Each test gets its own database, made with ``CREATE DATABASE … TEMPLATE``: from a template
migrated to the newest schema once per session (what ``open_store`` makes of a new library),
or empty (``template0``) for tests of the migrations themselves. About 0.1 s each, so the
tests stay independent without running the migrations every time.

Imported by ``tests/store/conftest.py`` and ``tests/cli/test_store_commands.py``; no pytest
fixtures here, only the machinery.
"""

from __future__ import annotations

import atexit
import glob
import itertools
import os
import shutil
import subprocess
from pathlib import Path

ENV_VAR = "FAZHI_TEST_POSTGRES_URL"
REQUIRED_VAR = "FAZHI_TEST_POSTGRES_REQUIRED"
REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "tools" / "postgres_for_tests.sh"
PREFIX = "fazhi_t_"


def server_binaries() -> str | None:
    """The folder with initdb and pg_ctl, or None."""
    if os.environ.get("PG_BIN") and Path(os.environ["PG_BIN"], "initdb").exists():
        return os.environ["PG_BIN"]
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: [int(x) if x.isdigit() else x for x in Path(p).parts[-3].split(".")],
    )
    if found:
        return str(Path(found[-1]).parent)
    initdb = shutil.which("initdb")
    return str(Path(initdb).parent) if initdb and shutil.which("pg_ctl") else None


class PostgresServer:
    """One server: ``new_database()`` gives the URL of a fresh database, ``drop()`` removes it."""

    def __init__(self, url: str, started_here: bool) -> None:
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        self.url = make_url(url)
        self.started_here = started_here
        self.admin = create_engine(self.url, isolation_level="AUTOCOMMIT", poolclass=_null_pool())
        self._names = (f"{PREFIX}{os.getpid()}_{n}" for n in itertools.count())
        self._head_template: str | None = None
        self._templates: list[str] = []

    def url_of(self, database: str) -> str:
        return self.url.set(database=database).render_as_string(hide_password=False)

    def _create(self, name: str, template: str) -> None:
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')

    def new_database(self, *, migrated: bool = True) -> str:
        """A fresh database: at the newest schema (``migrated``) or empty."""
        name = next(self._names)
        self._create(name, self.head_template() if migrated else "template0")
        return self.url_of(name)

    def head_template(self) -> str:
        if self._head_template is None:
            from desktop.store.db import open_store

            name = f"{PREFIX}{os.getpid()}_head"
            self._create(name, "template0")
            open_store(self.url_of(name)).close()  # the engine is disposed: nobody stays connected
            self._head_template = name
            self._templates.append(name)
        return self._head_template

    def template_from(self, url: str) -> str:
        """Keep the database at ``url`` (all its connections closed) as a template; returns its name."""
        from sqlalchemy.engine import make_url

        name = make_url(url).database
        self._templates.append(name)
        return name

    def copy_of(self, template: str) -> str:
        name = next(self._names)
        self._create(name, template)
        return self.url_of(name)

    def drop(self, url: str) -> None:
        from sqlalchemy.engine import make_url

        name = make_url(url).database
        if not name or not name.startswith(PREFIX):
            raise ValueError(f"not a test database: {name}")
        with self.admin.connect() as conn:
            # FORCE: a test that failed may have left a connection open (PostgreSQL 13+)
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        for name in self._templates:
            try:
                self.drop(self.url_of(name))
            except Exception:
                pass
        self.admin.dispose()
        if self.started_here:
            stop_server(self.url.render_as_string(hide_password=False))


def _null_pool():
    from sqlalchemy.pool import NullPool

    return NullPool


def start_server() -> str:
    """Start a throwaway cluster with the script; returns its URL (stop with ``stop_server``)."""
    result = subprocess.run(["bash", str(SCRIPT), "start", "--fast"], capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(f"{SCRIPT.name} start failed: {result.stderr.strip()[-2000:]}")
    return result.stdout.strip().splitlines()[-1]


def stop_server(url: str) -> None:
    subprocess.run(["bash", str(SCRIPT), "stop", url], capture_output=True, text=True, timeout=120)


_SERVER: PostgresServer | None = None
_UNAVAILABLE: str | None = None


def server() -> PostgresServer | None:
    """The session's server (started on first use), or None; ``unavailable_reason()`` says why."""
    global _SERVER, _UNAVAILABLE
    if _SERVER is not None or _UNAVAILABLE is not None:
        return _SERVER
    url = os.environ.get(ENV_VAR)
    started = False
    if not url:
        if server_binaries() is None:
            _UNAVAILABLE = (
                f"PostgreSQL tests skipped: {ENV_VAR} is not set and PostgreSQL's server binaries "
                f"are not installed (Debian: apt-get install postgresql)"
            )
            return None
        try:
            url = start_server()
        except (RuntimeError, OSError, subprocess.TimeoutExpired) as error:
            _UNAVAILABLE = f"PostgreSQL tests skipped: could not start a test server: {error}"
            return None
        started = True
    try:
        _SERVER = PostgresServer(url, started)
        with _SERVER.admin.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except Exception as error:
        if started:
            stop_server(url)
        if not started:  # a server was named explicitly: not reaching it is an error, not a skip
            raise RuntimeError(f"{ENV_VAR}={url}: cannot connect: {error}") from error
        _SERVER = None
        _UNAVAILABLE = f"PostgreSQL tests skipped: the test server does not answer: {error}"
        return None
    atexit.register(shutdown)
    return _SERVER


def unavailable_reason() -> str:
    return _UNAVAILABLE or "PostgreSQL tests skipped"


def skip_or_fail() -> None:
    """No server: skip the test, or fail it when PostgreSQL is required (``FAZHI_TEST_POSTGRES_REQUIRED=1``)."""
    import pytest

    if os.environ.get(REQUIRED_VAR, "") not in ("", "0"):
        pytest.fail(f"{REQUIRED_VAR} is set but: {unavailable_reason()}", pytrace=False)
    pytest.skip(unavailable_reason())


def shutdown() -> None:
    global _SERVER
    if _SERVER is not None:
        _SERVER.close()
        _SERVER = None
