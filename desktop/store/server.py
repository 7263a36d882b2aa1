"""Team databases on a PostgreSQL server (no Qt): their URLs, written down without the
password, a connection test, and driver errors in words. The window's team tools use these."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy.engine import URL, make_url

DEFAULT_PORT = 5432
CONNECT_TIMEOUT_S = 10


# ---------------------------------------------------------------- URLs


def is_url(location: str) -> bool:
    return "://" in str(location)


def url_without_password(url: str) -> str:
    """The URL as it may be written down (recent libraries, messages): no password at all,
    so that opening it again asks libpq (``~/.pgpass``, ``PGPASSWORD``) or the reviewer."""
    try:
        parsed = make_url(url)
    except Exception:  # not a URL SQLAlchemy understands: strip anything that looks like user:password@
        return re.sub(r"(://[^/:@]*):[^@/]*@", r"\1@", str(url))
    # (URL.set(password=None) would leave the password: None there means "unchanged")
    bare = URL.create(
        parsed.drivername,
        username=parsed.username,
        password=None,
        host=parsed.host,
        port=parsed.port,
        database=parsed.database,
        query=parsed.query,
    )
    return bare.render_as_string(hide_password=False)


def url_password(location: str) -> str:
    """The password in a URL ("" when none, or not a URL), to keep it out of messages."""
    if not is_url(location):
        return ""
    try:
        return make_url(location).password or ""
    except Exception:
        return ""


def team_url(host: str, port: int, database: str, user: str, password: str = "") -> str:
    """The SQLAlchemy URL of a team database (psycopg 3). A host starting with ``/`` is the
    folder of the server's unix socket."""
    host = host.strip()
    query: dict[str, str] = {"connect_timeout": str(CONNECT_TIMEOUT_S)}
    url_host: str | None = host or None
    url_port: int | None = port or None
    if host.startswith("/"):
        query = {"host": host, "port": str(port or DEFAULT_PORT), **query}
        url_host, url_port = None, None
    return URL.create(
        "postgresql+psycopg",
        username=user.strip() or None,
        password=password or None,
        host=url_host,
        port=url_port,
        database=database.strip() or None,
        query=query,
    ).render_as_string(hide_password=False)


def url_parts(url: str) -> dict[str, Any]:
    """host, port, database, user of a PostgreSQL URL (for the dialog, prefilled)."""
    parsed = make_url(url)
    host = parsed.host or parsed.query.get("host") or ""
    port = parsed.port or parsed.query.get("port") or DEFAULT_PORT
    if isinstance(host, tuple):
        host = host[0]
    if isinstance(port, tuple):
        port = port[0]
    return {"host": str(host), "port": int(port), "database": parsed.database or "", "user": parsed.username or ""}


def probe_connection(url: str) -> tuple[str, str | None, str]:
    """Connect and ask: (server version, the library's schema revision or None, the newest
    revision this version knows). Raises the driver's error when it cannot connect."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    from desktop.store.migrations import HEAD

    engine = create_engine(make_url(url), poolclass=NullPool)
    try:
        with engine.connect() as conn:
            version = conn.execute(text("SHOW server_version")).scalar_one()
            try:
                revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            except Exception:  # no such table: an empty database
                conn.rollback()
                revision = None
    finally:
        engine.dispose()
    return version, revision, HEAD


def plain_error(error: BaseException, secret: str = "") -> str:
    """A driver error in words: its first lines, without SQLAlchemy's background link and
    without the password, should the driver repeat it."""
    text = str(getattr(error, "orig", None) or error)
    text = text.split("(Background on this error")[0].strip()
    if secret:
        text = text.replace(secret, "***")
    return text
