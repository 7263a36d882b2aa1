"""Write desktop/store/migrations/head_sqlite.sql: the SQLite schema the migrations build.

A new library is made from this file in one transaction instead of running every revision
through alembic (which costs a tenth of a second, mostly importing alembic). The migrations
stay the truth: this tool runs them on an empty file and writes down what they made, and
tests/store/test_schema_file.py fails when the file and the migrations disagree. Rerun it
after adding a revision:

    .venv/bin/python tools/build_sqlite_schema.py
"""

from __future__ import annotations

import contextlib
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.store.db import open_store  # noqa: E402  (the source tree, not an installed copy)
from desktop.store.migrations import HEAD, SCHEMA_FILE, revision_statement  # noqa: E402


def schema_statements(library: Path) -> list[str]:
    """What CREATE statements make ``library``'s schema again, in the order SQLite recorded
    them; the tables SQLite makes by itself (its own, and FTS5's shadow tables) left out."""
    with contextlib.closing(sqlite3.connect(library)) as connection:
        own = {row[1] for row in connection.execute("PRAGMA table_list") if row[2] == "shadow"}
        rows = connection.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid")
        return [f"{sql};" for name, sql in rows if name not in own and not name.startswith("sqlite_")]


def migrated_schema() -> str:
    """The file's text: the schema of a library made by running every migration."""
    with tempfile.TemporaryDirectory() as folder:
        library = Path(folder) / "library.sqlite3"
        open_store(library, from_schema=False).close()
        statements = schema_statements(library)
    header = (
        f"-- The SQLite schema at revision {HEAD}, as the migrations build it: a new library is\n"
        "-- made from this file (desktop/store/db.py). Written by tools/build_sqlite_schema.py;\n"
        "-- do not edit by hand.\n"
    )
    return header + "\n" + "\n\n".join([*statements, revision_statement(HEAD)]) + "\n"


def main() -> None:
    SCHEMA_FILE.write_text(migrated_schema(), encoding="utf-8")
    print(f"wrote {SCHEMA_FILE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
