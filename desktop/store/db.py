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
import functools
import json
import os
import re
import shlex
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from .migrations import HEAD, head_schema

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection
    from sqlalchemy.engine import ExceptionContext
    from sqlalchemy.engine.interfaces import DBAPIConnection
    from sqlalchemy.pool import ConnectionPoolEntry

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
FILE_MODE = 0o600
DIR_MODE = 0o700
BUSY_TIMEOUT_MS = 5000
#: PostgreSQL advisory lock key held while migrating (any constant unique to this app)
MIGRATION_LOCK = 0x66617A6869  # "fazhi"


# scheme://user:password@host: the password part, whatever the URL's other parts hold
_URL_PASSWORD = re.compile(
    r"(?P<head>\b[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/@?#]*:)(?P<password>[^\s/?#]*)"
    r"(?=@[^\s@/?#]*(?:[/?#\s'\"]|$))"
)


def mask_passwords(text: str) -> str:
    """``text`` with the password of every URL in it replaced by ``***``: for messages and
    logs (a --db URL can carry one; it must never be written or shown)."""
    return _URL_PASSWORD.sub(lambda m: m.group("head") + "***", str(text))


def needs_password(error: BaseException) -> bool:
    """A PostgreSQL connection refused for want of a password (none in the URL, in
    PGPASSWORD or in ~/.pgpass)."""
    text = str(getattr(error, "orig", None) or error)
    return "no password supplied" in text or "password authentication failed" in text


def with_password(location: str, password: str) -> str:
    """The URL with this password (kept in memory only)."""
    return make_url(location).set(password=password).render_as_string(hide_password=False)


def default_database_path() -> Path:
    return Path(platformdirs.user_data_dir("fazhi-review", appauthor=False)) / "library.sqlite3"


def _json_dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)  # Chinese stays readable in the file


class NotALibrary(ValueError):
    """The path given as a library exists but is not an SQLite database."""


class NewerLibrary(ValueError):
    """The library was written by a newer version of the app (a schema this one does not know)."""


class LibraryDamaged(ValueError):
    """SQLite found the library's file damaged (overwritten pages, not a database)."""


class LibraryBusy(OperationalError):
    """Another process held the library's write lock for the whole busy timeout."""

    def __str__(self) -> str:
        return (
            f"the library is busy: another program (an import?) has been writing to it for "
            f"{BUSY_TIMEOUT_MS / 1000:g} s; nothing was changed, try again in a moment"
        )


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


def _remove_with_journals(path: Path) -> None:
    # SQLite writes a -journal (or -wal/-shm) beside a copy it is writing: a failed copy
    # (a full disk) must not leave one behind each time.
    for p in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


@contextlib.contextmanager
def _staged(target: Path, suffix: str = ".tmp") -> Iterator[Path]:
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
        _remove_with_journals(tmp)
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
    def _on_connect(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None  # the driver's own BEGIN handling off: we emit BEGIN
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "handle_error")
    def _on_error(context: ExceptionContext) -> None:
        # "database is locked [SQL: BEGIN IMMEDIATE]" reached reviewers as it was: in words
        # instead, as the same exception class, so every caller handles it as before.
        orig = context.original_exception
        if isinstance(orig, sqlite3.OperationalError) and "database is locked" in str(orig):
            raise LibraryBusy(context.statement, context.parameters, orig) from orig

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # IMMEDIATE unless a read-only transaction was asked for (execution option fazhi_readonly).
        if conn.get_execution_options().get("fazhi_readonly"):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")


def _install_postgresql_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
        cursor = dbapi_connection.cursor()  # a DB-API cursor need not support `with`
        try:
            # a writer waiting for a row another transaction holds gives up as SQLite's
            # busy_timeout does, with an error instead of hanging the window
            cursor.execute(f"SET lock_timeout = {BUSY_TIMEOUT_MS}")
        finally:
            cursor.close()
        dbapi_connection.commit()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
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
        self._read_sessions = sessionmaker(bind=engine.execution_options(fazhi_readonly=True), expire_on_commit=False)

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
                    f"(restore with pg_restore --clean --if-exists --dbname=...)"
                )
            raise BackupUnsupported(f"backup copies SQLite library files only, not {self.engine.dialect.name}")
        raw = self.engine.raw_connection()
        try:
            connection = raw.driver_connection
            if not isinstance(connection, sqlite3.Connection):  # another SQLite driver (pysqlcipher)
                raise BackupUnsupported(f"backup copies through Python's sqlite3 driver only, not {self.engine.driver}")
            _sqlite_copy(connection, Path(path))
        finally:
            raw.close()

    def check_damage(self) -> None:
        """Refuse a SQLite library whose file SQLite finds damaged (``PRAGMA quick_check``:
        reads every page once), before a long write such as an import adds to it."""
        if not self.is_sqlite:
            return
        from sqlalchemy.exc import DBAPIError

        try:
            with self.engine.connect() as conn:
                rows = [row[0] for row in conn.exec_driver_sql("PRAGMA quick_check").fetchall()]
        except DBAPIError as error:
            if is_damage(error):
                raise LibraryDamaged(damaged_message(self.label, error)) from None
            raise
        if rows != ["ok"]:
            raise LibraryDamaged(damaged_message(self.label, ValueError("; ".join(rows[:3]))))

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
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


def _create_from_schema(engine: Engine) -> bool:
    """Make an empty SQLite file a library at HEAD from ``SCHEMA_FILE``, in one transaction,
    without loading alembic (a tenth of a second of every import into a new library). False,
    and nothing written, when the file is not empty or the schema file is not at HEAD: the
    migrations then run as usual."""
    statements = head_schema()
    if statements is None:
        return False
    with engine.begin() as conn:  # BEGIN IMMEDIATE: a second process making it waits, then finds it made
        if conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar():
            return False
        for statement in statements:
            conn.exec_driver_sql(statement)
    return True


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
            location = "postgresql" + location[len("postgres") :]
        url = make_url(location)
        if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
            return location, Path(url.database).expanduser().resolve()
        if url.drivername == "postgresql":  # the driver this package depends on (psycopg 3)
            location = url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
        return location, None
    path = Path(location).expanduser().resolve()
    return f"sqlite:///{path}", path


@functools.cache
def known_revisions() -> frozenset[str]:
    """Every schema revision this version of the app knows (alembic's script folder)."""
    from alembic.script import ScriptDirectory

    return frozenset(script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions())


NEWER_VERSION_MESSAGE = (
    "{label} was made by a newer version of Fazhi Review (schema {revision}; this version "
    "knows up to {head}): open it with that version, or update this one"
)


def _refuse_newer(label: str, revision: str | None) -> None:
    if revision is not None and revision != HEAD and revision not in known_revisions():
        raise NewerLibrary(NEWER_VERSION_MESSAGE.format(label=label, revision=revision, head=HEAD))


def _read_only(path: Path) -> sqlite3.Connection:
    """A connection that writes nothing beside the file (a plain read-only connection to a WAL
    database leaves -wal and -shm files behind)."""
    from urllib.parse import quote

    wal = Path(f"{path}-wal")
    # immutable: SQLite neither locks nor creates files; a -wal that exists (the library is
    # open, or was not closed) may hold newer pages, read through it then.
    mode = "ro" if wal.exists() and wal.stat().st_size > 0 else "ro&immutable=1"
    return sqlite3.connect(f"file:{quote(str(path))}?mode={mode}", uri=True)


def sqlite_file_revision(path: Path) -> str | None:
    """The schema revision recorded in a SQLite library file, read without writing anything:
    not even the -wal/-shm files a read-only connection would leave beside it. None for a
    file without one (a new library)."""
    try:
        conn = _read_only(path)
    except sqlite3.Error:
        return None
    try:
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError as error:
        if "no such table" in str(error):
            return None
        if is_damage(error):
            raise LibraryDamaged(damaged_message(str(path), error)) from None
        return None
    finally:
        conn.close()
    return rows[0][0] if rows else None


def is_damage(error: BaseException) -> bool:
    text = str(getattr(error, "orig", None) or error)
    return "malformed" in text or "file is not a database" in text


def damaged_message(label: str, error: BaseException) -> str:
    reason = " ".join(str(getattr(error, "orig", None) or error).split())
    return (
        f"the library {label} is damaged ({reason}): restore it from a backup "
        "(fazhi-review restore BACKUP); nothing was written to it"
    )


def describe_error(error: BaseException, label: str, *, connected: bool = True) -> str | None:
    """One line saying what went wrong with the library and what to do, for the errors a
    user can meet (a full disk, a damaged file, a busy library, a server gone); None for
    others. Never the URL's password: ``label`` is the library's name for messages.
    ``connected``: False while opening (a server that does not answer was never "lost")."""
    import errno

    if isinstance(error, (NewerLibrary, LibraryDamaged, NotALibrary, LibraryBusy)):
        return " ".join(str(error).split())
    orig = getattr(error, "orig", None) or error
    text = " ".join(str(orig).split())
    if (
        isinstance(orig, OSError)
        and orig.errno == errno.ENOSPC
        or "database or disk is full" in text
        or "No space left" in text
    ):
        return "the disk is full: free some space, then run the command again"
    if is_damage(orig):
        return damaged_message(label, orig)
    if "database is locked" in text or "database is busy" in text:
        return (
            f"the library {label} is busy: another program is writing to it for longer than "
            f"{BUSY_TIMEOUT_MS / 1000:g} s; try again in a moment"
        )
    if "readonly database" in text or "read-only" in text and "database" in text:
        return f"the library {label} cannot be written (read-only file or folder)"
    module = type(orig).__module__ or ""
    if module.startswith("psycopg") and connected:
        first = text.split(" [SQL")[0][:200]
        if any(word in text for word in ("connection", "server", "terminat", "shutdown", "closed")):
            return (
                f"lost the connection to the PostgreSQL server of {label} ({first}): check that the "
                "server is running, then run the command again"
            )
        return f"the PostgreSQL library {label} refused: {first}"
    return None


def _backup_name(path: Path, revision: str) -> Path:
    candidate = path.with_name(f"{path.name}.before-{revision}.bak")
    if candidate.exists():  # never overwrite an earlier backup
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
        candidate = path.with_name(f"{path.name}.before-{revision}.{stamp}.bak")
    return candidate


def open_store(location: str | Path | None = None, *, migrate: bool = True, from_schema: bool = True) -> Store:
    """Open (creating if needed) the library at a path or SQLAlchemy URL, upgraded to the
    newest schema. An existing SQLite file is backed up beside itself
    (``NAME.before-REV.bak``, REV the revision it is upgraded to) before any migration.
    A new SQLite library is made from the schema the migrations build (``from_schema``;
    False runs the migrations one by one, as for a server)."""
    url, path = _resolve(location)
    if path is not None:
        existed = path.exists() and path.stat().st_size > 0
        if existed and not _is_sqlite_file(path):
            # Never touch (or chmod) a file that is not a database: a mistyped --db must not
            # change, say, a document's permissions.
            raise NotALibrary(f"{path} is not a Fazhi Review library (not an SQLite database)")
        if existed and migrate:
            # before anything writes (a chmod, -wal/-shm, a backup): refused in words
            _refuse_newer(str(path), sqlite_file_revision(path))
        if not path.parent.exists():
            path.parent.mkdir(parents=True, mode=DIR_MODE)
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
        made = migrate and from_schema and path is not None and not existed and _create_from_schema(engine)
        if migrate and not made and not _is_at_head(engine):
            from alembic import command

            head = head_revision()
            current = current_revision(engine)
            _refuse_newer(store.label, current)
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
            if migrate:
                from .derived import repair_deferred_summaries

                repair_deferred_summaries(store)
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
    check = _read_only(backup)
    try:
        result = check.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise ValueError(f"{backup} is not a library backup: {exc}") from exc
    finally:
        check.close()
    if result != "ok":
        raise ValueError(f"{backup} is damaged: {result}")
    # before the library is replaced: a backup the app cannot open would only lock the user out
    _refuse_newer(f"the backup {backup}", sqlite_file_revision(backup))
    with _staged(target, ".restore") as tmp:
        _copy_database(backup, tmp)
        if target.exists() and target.stat().st_size > 0:
            stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
            _sqlite_copy(target, target.with_name(f"{target.name}.before-restore-{stamp}.bak"))
        # The old library's WAL must not be replayed onto the restored file.
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                Path(f"{target}{suffix}").unlink()
