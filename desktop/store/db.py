"""Opening the library: one SQLite file (WAL, durable commits, owner-only), or a PostgreSQL
database shared by a team, migrated to the newest schema by Alembic on open.

SQLite (a path, or a ``sqlite:///`` URL): every connection gets the same pragmas
(journal_mode=WAL, synchronous=FULL, foreign_keys=ON, busy_timeout=5000). Transactions are
written as ``BEGIN IMMEDIATE`` so a writer takes the write lock before it reads what it is
about to change: the read-check-write of an edit is never interleaved with another
process's edit. A backup file is taken before any migration; the file and its -wal/-shm
are readable by the owner only.

PostgreSQL (``postgresql+psycopg://user@host/db``; ``postgresql://`` and ``postgres://``
mean the same, with psycopg 3): the same migrations, all revisions in one transaction
(PostgreSQL's DDL is transactional, so a failed upgrade leaves the database as it was;
hence no file backup, and ``backup``/``restore`` point at pg_dump/pg_restore instead).
Concurrent first opens are serialised by an advisory lock. Write transactions run at READ
COMMITTED; ``desktop.store.ops`` locks the row it is about to change (``SELECT … FOR NO KEY
UPDATE``) so its read-check-write is as safe as under SQLite's write lock (see there).
Read-only transactions run at REPEATABLE READ, READ ONLY: one snapshot for the whole read
(an export sees one state of the library, as SQLite's deferred BEGIN gives). Waiting for a
row lock is bounded like SQLite's busy timeout (``lock_timeout``, 5 s).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shlex
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import platformdirs
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from .migrations import HEAD

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
FILE_MODE = 0o600
DIR_MODE = 0o700
BUSY_TIMEOUT_MS = 5000
#: PostgreSQL advisory lock key held while migrating (any constant unique to this app)
MIGRATION_LOCK = 0x66617A6869  # "fazhi"


def default_database_path() -> Path:
    return Path(platformdirs.user_data_dir("fazhi-review", appauthor=False)) / "library.sqlite3"


def _json_dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)  # Chinese stays readable in the file


class NotALibrary(ValueError):
    """The path given as a library exists but is not an SQLite database."""


class BackupUnsupported(NotImplementedError):
    """File backups are for SQLite libraries; a PostgreSQL library is backed up with pg_dump."""


_SQLITE_MAGIC = b"SQLite format 3\x00"


def _is_sqlite_file(path: Path) -> bool:
    if not path.is_file():
        return False
    with path.open("rb") as handle:
        return handle.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC


def _owner_only(path: Path) -> None:
    if os.name == "nt":
        # POSIX modes mean nothing on Windows (chmod only sets or clears the read-only flag);
        # the user's AppData is private through its ACL. And chmod of the -shm that SQLite
        # holds open is refused under wine (sharing violation).
        return
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(FileNotFoundError):
            if p.stat().st_mode & 0o777 != FILE_MODE:
                os.chmod(p, FILE_MODE)


def _touch_private(path: Path) -> None:
    """Create the file (empty) readable by its owner only; SQLite then gives -wal/-shm the same mode."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
    os.close(fd)
    os.chmod(path, FILE_MODE)


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def _staged(target: Path, suffix: str = ".tmp"):
    """A temp file beside ``target`` (0600) to write; moved over ``target`` atomically when
    the block succeeds, removed when it fails."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    os.chmod(tmp, FILE_MODE)
    try:
        yield tmp
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def _copy_database(source: Path | sqlite3.Connection, target: Path) -> None:
    """A consistent copy through the sqlite3 backup API into ``target``, fsynced."""
    src = sqlite3.connect(source) if isinstance(source, Path) else source
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            # one self-contained file: no -wal beside the copy
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        if isinstance(source, Path):
            src.close()
    with open(target, "rb+") as fh:
        os.fsync(fh.fileno())


def _sqlite_copy(source: Path | sqlite3.Connection, target: Path) -> None:
    """A consistent copy, written beside ``target`` and moved into place atomically."""
    with _staged(target) as tmp:
        _copy_database(source, tmp)


def _install_sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001
        dbapi_connection.isolation_level = None  # the driver's own BEGIN handling off: we emit BEGIN
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # noqa: ANN001
        # IMMEDIATE unless a read-only transaction was asked for (execution option fazhi_readonly).
        if conn.get_execution_options().get("fazhi_readonly"):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")


def _install_postgresql_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001
        with dbapi_connection.cursor() as cursor:
            # a writer waiting for a row another transaction holds gives up as SQLite's
            # busy_timeout does, with an error instead of hanging the window
            cursor.execute(f"SET lock_timeout = {BUSY_TIMEOUT_MS}")
        dbapi_connection.commit()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # noqa: ANN001
        if conn.get_execution_options().get("fazhi_readonly"):
            # psycopg opens the transaction with this statement, so it is the first one in it
            conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")


def _libpq_url(url: str) -> str:
    """The URL as libpq tools (pg_dump, psql) take it: no driver name, no password."""
    parsed = make_url(url).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=True)


class Store:
    """An open library. ``session()`` is one short transaction; ``engine`` for Core work."""

    def __init__(self, url: str, engine: Engine, path: Path | None = None) -> None:
        self.url = url
        self.engine = engine
        self.path = path  # the SQLite file, None for other databases
        self._sessions = sessionmaker(bind=engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(bind=engine.execution_options(fazhi_readonly=True),
                                           expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def is_postgresql(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @property
    def label(self) -> str:
        """The library's name for messages: the file, or the URL without its password."""
        return str(self.path) if self.path is not None else make_url(self.url).render_as_string(hide_password=True)

    @contextlib.contextmanager
    def session(self, *, readonly: bool = False) -> Iterator[Session]:
        """One short transaction: commit on exit (durable when this returns), rollback on error.
        Write transactions take the write lock at BEGIN; ``readonly=True`` does not."""
        factory = self._read_sessions if readonly else self._sessions
        with factory.begin() as session:
            yield session

    def backup(self, path: Path) -> None:
        """A consistent online copy (sqlite3 backup API) at ``path``, readable by its owner only.

        SQLite only. A PostgreSQL library is refused (:class:`BackupUnsupported`) with the
        pg_dump command that does it: the server's own tool copies it consistently while
        reviewers work, at the server's version, which a copy made here could not promise."""
        if not self.is_sqlite:
            if self.is_postgresql:
                raise BackupUnsupported(
                    f"backup copies SQLite library files; back up a PostgreSQL library with pg_dump: "
                    f"pg_dump --format=custom --file={shlex.quote(str(path))} {shlex.quote(_libpq_url(self.url))} "
                    f"(restore with pg_restore --clean --if-exists --dbname=...)")
            raise BackupUnsupported(f"backup copies SQLite library files only, not {self.engine.dialect.name}")
        raw = self.engine.raw_connection()
        try:
            _sqlite_copy(raw.driver_connection, Path(path))
        finally:
            raw.close()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def alembic_config(connection=None, url: str | None = None):  # noqa: ANN001, ANN201
    """Alembic's Config built in code: no alembic.ini is needed at run time."""
    from alembic.config import Config  # alembic is imported only when a migration may be due

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _is_at_head(engine: Engine) -> bool:
    """The common case, answered without loading alembic (a third of the window's start-up):
    the library's recorded revision is the newest one this version knows."""
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [HEAD]
    except Exception:  # no such table yet: a new library
        return False


def _resolve(location: str | Path | None) -> tuple[str, Path | None]:
    if location is None:
        location = default_database_path()
    if isinstance(location, str) and "://" in location:
        if location.startswith("postgres://"):  # libpq's spelling; SQLAlchemy knows postgresql only
            location = "postgresql" + location[len("postgres"):]
        url = make_url(location)
        if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
            return location, Path(url.database).expanduser().resolve()
        if url.drivername == "postgresql":  # the driver this package depends on (psycopg 3)
            location = url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
        return location, None
    path = Path(location).expanduser().resolve()
    return f"sqlite:///{path}", path


def _backup_name(path: Path, revision: str) -> Path:
    candidate = path.with_name(f"{path.name}.before-{revision}.bak")
    if candidate.exists():  # never overwrite an earlier backup
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%f")
        candidate = path.with_name(f"{path.name}.before-{revision}.{stamp}.bak")
    return candidate


def open_store(location: str | Path | None = None, *, migrate: bool = True) -> Store:
    """Open (creating if needed) the library at a path or SQLAlchemy URL, upgraded to the
    newest schema. An existing SQLite file is backed up beside itself
    (``NAME.before-REV.bak``, REV the revision it is upgraded to) before any migration."""
    url, path = _resolve(location)
    if path is not None:
        if not path.parent.exists():
            path.parent.mkdir(parents=True, mode=DIR_MODE)
        existed = path.exists() and path.stat().st_size > 0
        if existed and not _is_sqlite_file(path):
            # Never touch (or chmod) a file that is not a database: a mistyped --db must not
            # change, say, a document's permissions.
            raise NotALibrary(f"{path} is not a Fazhi Review library (not an SQLite database)")
        _touch_private(path)
        engine = create_engine(url, json_serializer=_json_dumps)
        _install_sqlite_pragmas(engine)
    else:
        existed = True
        # pre-ping: a shared server restarts now and then; a dropped connection is replaced
        # instead of failing the reviewer's next edit
        engine = create_engine(url, json_serializer=_json_dumps, pool_pre_ping=True)
        if engine.dialect.name == "postgresql":
            _install_postgresql_hooks(engine)
    store = Store(url, engine, path)
    try:
        if migrate and not _is_at_head(engine):
            from alembic import command

            head = head_revision()
            current = current_revision(engine)
            if current != head:
                if path is not None and existed and current is not None:
                    store.backup(_backup_name(path, head))
                # all revisions in one transaction (SQLite's and PostgreSQL's DDL are transactional)
                with engine.begin() as conn:
                    if engine.dialect.name == "postgresql":
                        # two reviewers opening a new or older database at once: the second
                        # waits for the first one's upgrade, then finds nothing left to do
                        conn.exec_driver_sql("SET LOCAL lock_timeout = 0")
                        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
                    command.upgrade(alembic_config(conn), "head")
        if path is not None:
            with engine.connect():  # WAL files exist from the first connection on
                _owner_only(path)
    except BaseException:
        engine.dispose()
        raise
    return store


def restore_store(backup: Path, target: Path) -> None:
    """Replace the library at ``target`` with ``backup`` (nobody may have it open). The copy
    goes to a temp file first and replaces the target atomically; the replaced library is
    kept beside it as ``NAME.before-restore-STAMP.bak``. Opening it then migrates normally."""
    backup, target = Path(backup), Path(target)
    if not backup.is_file():
        raise FileNotFoundError(f"no backup at {backup}")
    check = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        result = check.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise ValueError(f"{backup} is not a library backup: {exc}") from exc
    finally:
        check.close()
    if result != "ok":
        raise ValueError(f"{backup} is damaged: {result}")
    with _staged(target, ".restore") as tmp:
        _copy_database(backup, tmp)
        if target.exists() and target.stat().st_size > 0:
            stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%f")
            _sqlite_copy(target, target.with_name(f"{target.name}.before-restore-{stamp}.bak"))
        # The old library's WAL must not be replayed onto the restored file.
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                Path(f"{target}{suffix}").unlink()
