"""Alembic migrations of the library's schema (``desktop.store.db`` runs them on open).

Revisions are written out by hand, one file each, numbered ``0001``, ``0002``, …; a new one
starts from ``script.py.mako``. Never edit a released revision: add the next one.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

#: The newest revision in versions/ (a test checks it against alembic's own view), so that
#: opening an up-to-date library needs no alembic import.
HEAD = "0007"


#: The SQLite schema the migrations build, up to HEAD, as SQL statements: a new library is made
#: from it without alembic. Written by tools/build_sqlite_schema.py; a test checks it against
#: the migrations.
SCHEMA_FILE = Path(__file__).with_name("head_sqlite.sql")


def head_schema() -> list[str] | None:
    """The statements of ``SCHEMA_FILE`` (its last one records the revision), or None when
    the file is missing or written for another revision than HEAD."""
    try:
        text = SCHEMA_FILE.read_text(encoding="utf-8")
    except OSError:
        return None
    statements: list[str] = []
    pending = ""
    for line in text.splitlines(keepends=True):
        if not pending and (not line.strip() or line.startswith("--")):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if not statements or statements[-1] != revision_statement(HEAD):
        return None
    return statements


def revision_statement(revision: str) -> str:
    return f"INSERT INTO alembic_version (version_num) VALUES ('{revision}');"
