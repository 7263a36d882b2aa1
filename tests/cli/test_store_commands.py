"""`fazhi-review import|stats|export|reextract|backup|restore` end to end, in a temp library."""

from __future__ import annotations

import csv
import json
import shutil
import sys
from pathlib import Path

import pytest
from cli_runner import run_cli


@pytest.fixture(scope="module")
def library(tmp_path_factory, seeds_dir: Path) -> Path:
    """A library with the seeds imported (by the command under test)."""
    db = tmp_path_factory.mktemp("cli") / "library.sqlite3"
    result = run_cli("import", seeds_dir, "--db", db)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split("\t")[0] for line in lines[:-1]] == ["imported"] * 5
    assert lines[-1] == "5 imported, 0 duplicates skipped, 0 unreadable"
    return db


def test_reimport_reports_duplicates(library, seeds_dir):
    result = run_cli("import", seeds_dir, "--db", library)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "0 imported, 5 duplicates skipped, 0 unreadable"
    assert sorted(line.split("\t")[1] for line in result.stdout.splitlines()[:-1]) == ["1", "2", "3", "4", "5"]


def test_unreadable_files_exit_1(tmp_path, seeds_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(seeds_dir / "004_41264ee4147a8939.txt", folder)
    (folder / "empty.txt").write_bytes(b"")
    result = run_cli("import", folder, "--db", tmp_path / "lib.sqlite3")
    assert result.returncode == 1
    assert f"unreadable\t-\t{folder / 'empty.txt'}\tempty file" in result.stdout.splitlines()
    assert f"fazhi-review: {folder / 'empty.txt'}: empty file" in result.stderr
    assert result.stdout.splitlines()[-1] == "1 imported, 0 duplicates skipped, 1 unreadable"


def test_stats(library):
    result = run_cli("stats", "--db", library)
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert out[1] == "reports: 5 (new 5, in_review 0, done 0, flagged 0)"
    assert out[2].split() == ["items", "pending", "accepted", "corrected", "rejected", "added", "total"]
    assert [line.split()[0] for line in out[3:8]] == ["field", "section", "part", "metric", "total"]
    assert out[3].split()[1] == "45"  # nine fields per report
    assert "edits: 0" in out and "extraction runs: 5" in out


def test_an_import_leaves_its_reports_to_index_and_index_indexes_them(tmp_path, seeds_dir):
    library = tmp_path / "lib.sqlite3"
    imported = run_cli("import", seeds_dir, "--db", library)
    assert imported.returncode == 0, imported.stderr
    assert "5 reports wait to be indexed for search" in imported.stderr
    assert run_cli("stats", "--db", library).stdout.splitlines()[-1].startswith("search index: 5 reports not yet")
    found = run_cli("dataset", "--search", "司法所", "--db", library, "--out", tmp_path / "before.csv")
    assert found.returncode == 0, found.stderr

    result = run_cli("index", "--db", library)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "5 reports indexed for search"
    assert "search index" not in run_cli("stats", "--db", library).stdout
    again = run_cli("dataset", "--search", "司法所", "--db", library, "--out", tmp_path / "after.csv")
    assert again.returncode == 0, again.stderr
    # the same reports found by reading the texts before and by the index after
    assert (tmp_path / "before.csv").read_bytes() == (tmp_path / "after.csv").read_bytes()
    assert len((tmp_path / "after.csv").read_text(encoding="utf-8-sig").splitlines()) > 1
    assert run_cli("index", "--db", library).stdout.strip() == "0 reports indexed for search"


def test_export_formats(library, tmp_path):
    result = run_cli("export", "--format", "jsonl", "--out", tmp_path / "d.jsonl", "--db", library, "--provenance")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(tmp_path / "d.jsonl")
    objects = [json.loads(line) for line in (tmp_path / "d.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(objects) == 5 and all(o["state"] == "new" and "extracted" in o["metrics"][0] for o in objects)

    result = run_cli("export", "--format", "csv", "--out", tmp_path / "d.csv", "--db", library)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        str(tmp_path / f"d.{table}.csv") for table in ("reports", "metrics", "sections", "parts")
    ]
    with open(tmp_path / "d.reports.csv", encoding="utf-8-sig", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == 5

    result = run_cli("export", "--format", "xlsx", "--out", tmp_path / "d.xlsx", "--db", library)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "d.xlsx").read_bytes()[:2] == b"PK"

    result = run_cli(
        "export", "--format", "jsonl", "--out", tmp_path / "done.jsonl", "--state", "done", "--db", library
    )
    assert result.returncode == 0 and (tmp_path / "done.jsonl").read_text(encoding="utf-8") == ""


def test_reextract(library):
    result = run_cli("reextract", "--db", library)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("re-extracted 5 reports with extractor ")


def test_backup_and_restore(tmp_path, seeds_dir):
    db = tmp_path / "lib.sqlite3"
    seeds = sorted(seeds_dir.glob("*.txt"))
    assert run_cli("import", *seeds[:2], "--db", db).returncode == 0
    result = run_cli("backup", tmp_path / "copy.bak", "--db", db)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "copy.bak").is_file()
    assert run_cli("import", seeds[2], "--db", db).returncode == 0
    assert "reports: 3 " in run_cli("stats", "--db", db).stdout
    result = run_cli("restore", tmp_path / "copy.bak", "--db", db)
    assert result.returncode == 0, result.stderr
    assert "reports: 2 " in run_cli("stats", "--db", db).stdout


def test_clear_errors(tmp_path):
    not_a_library = tmp_path / "notes.txt"
    not_a_library.write_text("hello", encoding="utf-8")
    mode = not_a_library.stat().st_mode
    result = run_cli("stats", "--db", not_a_library)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip() == f"fazhi-review: {not_a_library} is not a library (not a SQLite database file)"
    assert not_a_library.stat().st_mode == mode  # left alone
    result = run_cli("restore", tmp_path / "missing.bak", "--db", tmp_path / "lib.sqlite3")
    assert result.returncode == 1 and result.stderr.strip() == f"fazhi-review: no backup at {tmp_path / 'missing.bak'}"
    result = run_cli("export", "--format", "xml", "--out", tmp_path / "x", "--db", tmp_path / "lib.sqlite3")
    assert result.returncode == 2
    result = run_cli("export", "--out", tmp_path / "x", "--db", tmp_path / "lib.sqlite3")
    assert result.returncode == 2


# ---------------------------------------------------------------- the same commands on PostgreSQL

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
import pg_testing  # noqa: E402  (tests/store/pg_testing.py: the session's PostgreSQL server)


@pytest.fixture(scope="module")
def pg_library(seeds_dir: Path):
    """A PostgreSQL database with the seeds imported by the command under test (skipped when
    there is no PostgreSQL: see tests/store/pg_testing.py)."""
    server = pg_testing.server()
    if server is None:
        pg_testing.skip_or_fail()
    url = server.new_database(migrated=False)  # the command runs the migrations
    result = run_cli("import", seeds_dir, "--db", url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "5 imported, 0 duplicates skipped, 0 unreadable"
    yield url
    server.drop(url)


def test_postgresql_import_stats_export_reextract(pg_library, seeds_dir, tmp_path):
    result = run_cli("import", seeds_dir, "--db", pg_library)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "0 imported, 5 duplicates skipped, 0 unreadable"

    result = run_cli("stats", "--db", pg_library)
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert "password" not in out[0] and out[1] == "reports: 5 (new 5, in_review 0, done 0, flagged 0)"
    assert out[3].split()[1] == "45" and "extraction runs: 5" in out

    result = run_cli("export", "--format", "jsonl", "--out", tmp_path / "d.jsonl", "--db", pg_library, "--provenance")
    assert result.returncode == 0, result.stderr
    objects = [json.loads(line) for line in (tmp_path / "d.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(objects) == 5 and all(o["state"] == "new" and "extracted" in o["metrics"][0] for o in objects)
    for fmt, out_name in (("csv", "d.csv"), ("xlsx", "d.xlsx")):
        result = run_cli("export", "--format", fmt, "--out", tmp_path / out_name, "--db", pg_library)
        assert result.returncode == 0, result.stderr
    with open(tmp_path / "d.reports.csv", encoding="utf-8-sig", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == 5

    result = run_cli("reextract", "--db", pg_library)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("re-extracted 5 reports with extractor ")


def test_postgresql_export_equals_the_sqlite_export(pg_library, library, tmp_path):
    """The same seeds, imported by the same command, export the same dataset on both backends."""
    for name, db in (("sqlite", library), ("postgresql", pg_library)):
        result = run_cli("export", "--format", "jsonl", "--out", tmp_path / f"{name}.jsonl", "--db", db)
        assert result.returncode == 0, result.stderr
    lines = {
        name: [json.loads(line) for line in (tmp_path / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]
        for name in ("sqlite", "postgresql")
    }
    assert lines["postgresql"] == lines["sqlite"]


def test_postgresql_backup_and_restore_point_at_pg_dump(pg_library, tmp_path):
    result = run_cli("backup", tmp_path / "copy.bak", "--db", pg_library)
    assert result.returncode == 1 and result.stdout == ""
    assert "pg_dump --format=custom" in result.stderr and not (tmp_path / "copy.bak").exists()
    result = run_cli("restore", tmp_path / "copy.bak", "--db", pg_library)
    assert result.returncode == 1 and "pg_restore" in result.stderr


def test_an_unreachable_server_is_a_one_line_error_without_the_password(tmp_path):
    url = f"postgresql+psycopg://someone:s3cret@/nowhere?host={tmp_path}&port=1"
    result = run_cli("stats", "--db", url)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("fazhi-review: cannot open the library postgresql+psycopg://someone:***@/nowhere")
    assert "s3cret" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_csv_export_of_the_seeds_writes_four_tables_with_chinese_names(library, tmp_path):
    result = run_cli("export", "--format", "csv", "--out", tmp_path / "seeds.csv", "--db", library)
    assert result.returncode == 0, result.stderr
    tables = {}
    for table in ("reports", "metrics", "sections", "parts"):
        path = tmp_path / f"seeds.{table}.csv"
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
        with open(path, encoding="utf-8-sig", newline="") as fh:
            tables[table] = list(csv.DictReader(fh))
    assert len(tables["reports"]) == 5 and all(tables[t] for t in tables)
    metrics = tables["metrics"]
    assert {"province", "level", "level_zh", "indicator", "indicator_zh", "report_state"} <= set(metrics[0])
    court = [m for m in metrics if m["indicator"] == "court_appearance_rate"]
    assert court and {m["indicator_zh"] for m in court} == {"行政机关负责人出庭应诉率"}
    assert {m["province"] for m in metrics} >= {"广东省", "江苏省"}
    assert {m["report_state"] for m in metrics} == {"new"}  # every state by default, and said in every row
    assert {p["part_zh"] for p in tables["parts"]} >= {"主要成效", "存在的不足"}
