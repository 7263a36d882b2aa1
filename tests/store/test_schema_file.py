"""A new SQLite library is made from desktop/store/migrations/head_sqlite.sql instead of
through alembic: the file must say exactly what the migrations build, and a library made
from it must be the same library in every way the app can see."""

from __future__ import annotations

import contextlib
import importlib.util
import sqlite3
from pathlib import Path

import pytest

from desktop.store import db, migrations
from desktop.store.db import open_store
from desktop.store.derived import index_backlog
from desktop.store.importer import import_paths
from desktop.store.queries import LibraryFilter, count_reports

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("build_sqlite_schema", ROOT / "tools" / "build_sqlite_schema.py")
build_sqlite_schema = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]  # the file exists
_spec.loader.exec_module(build_sqlite_schema)  # type: ignore[union-attr]


def _schema(path: Path) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        rows = connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()
        return [*rows, *connection.execute("SELECT version_num FROM alembic_version").fetchall()]


def test_the_schema_file_is_what_the_migrations_build():
    assert migrations.SCHEMA_FILE.read_text(encoding="utf-8") == build_sqlite_schema.migrated_schema(), (
        "a revision changed the schema: run tools/build_sqlite_schema.py"
    )


def test_a_library_made_from_the_file_equals_a_migrated_one(tmp_path, monkeypatch):
    def no_alembic(*args, **kwargs):
        raise AssertionError("a new library should be made without alembic")

    monkeypatch.setattr(db, "head_revision", no_alembic)
    made = open_store(tmp_path / "made.sqlite3")
    made.close()
    monkeypatch.undo()
    migrated = open_store(tmp_path / "migrated.sqlite3", from_schema=False)
    migrated.close()
    assert _schema(tmp_path / "made.sqlite3") == _schema(tmp_path / "migrated.sqlite3")


def test_a_library_made_from_the_file_imports_indexes_searches_and_opens_again(tmp_path, seeds_dir):
    library = tmp_path / "library.sqlite3"
    store = open_store(library)
    try:
        result = import_paths(store, [seeds_dir])
        seeds = len(list(seeds_dir.glob("*.txt")))
        assert len(result.imported) == seeds
        assert index_backlog(store) == seeds  # the trigram index and its triggers came from the file
    finally:
        store.close()
    again = open_store(library)  # at HEAD: nothing to migrate, nothing made again
    try:
        assert count_reports(again) == seeds
        assert count_reports(again, LibraryFilter(search="法治政府")) == seeds
        assert count_reports(again, LibraryFilter(search="法治政府 不存在的词语")) == 0
    finally:
        again.close()


def test_a_schema_file_for_another_revision_is_not_used(tmp_path, monkeypatch):
    stale = tmp_path / "head_sqlite.sql"
    stale.write_text(
        migrations.SCHEMA_FILE.read_text(encoding="utf-8").replace(
            migrations.revision_statement(migrations.HEAD), migrations.revision_statement("0001")
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(migrations, "SCHEMA_FILE", stale)
    assert migrations.head_schema() is None
    store = open_store(tmp_path / "library.sqlite3")  # made by the migrations instead
    store.close()
    assert _schema(tmp_path / "library.sqlite3")[-1] == (migrations.HEAD,)


@pytest.mark.parametrize("missing", [True, False])
def test_without_a_readable_schema_file_the_migrations_make_the_library(tmp_path, monkeypatch, missing):
    broken = tmp_path / "head_sqlite.sql"
    if not missing:
        broken.write_text("-- nothing but a comment\n", encoding="utf-8")
    monkeypatch.setattr(migrations, "SCHEMA_FILE", broken)
    store = open_store(tmp_path / "library.sqlite3")
    store.close()
    assert _schema(tmp_path / "library.sqlite3")[-1] == (migrations.HEAD,)
