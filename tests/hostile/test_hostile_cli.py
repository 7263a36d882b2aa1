"""The command line on hostile names, paths and libraries: one line and status 0 or 1."""

from __future__ import annotations

import csv
import json
import os
import shutil
import sqlite3
import stat
import tempfile
from pathlib import Path

import pytest
from cli_runner import run_cli

from desktop.cli.display import shown


@pytest.fixture(scope="module")
def library(tmp_path_factory, seeds_dir: Path) -> Path:
    db = tmp_path_factory.mktemp("hostile") / "library.sqlite3"
    result = run_cli("import", seeds_dir, "--db", db, "--workers", "1")
    assert result.returncode == 0, result.stderr
    return db


def _folder_with_odd_names(tmp_path: Path, seeds_dir: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    seeds = sorted(seeds_dir.glob("*.txt"))
    shutil.copy(seeds[0], folder / "a.txt")
    shutil.copy(seeds[1], os.fsdecode(os.fsencode(folder) + b"/bad\xff\xfe.txt"))
    shutil.copy(seeds[2], folder / "line\nbreak\ttab\x1b[31mred.txt")
    shutil.copy(seeds[3], folder / "z.txt")
    return folder


def test_names_with_invalid_utf8_and_control_characters_are_imported_and_quoted(tmp_path, seeds_dir):
    folder = _folder_with_odd_names(tmp_path, seeds_dir)
    db = tmp_path / "lib.sqlite3"
    for _ in range(2):  # the rerun too (it crashed at the same file)
        result = run_cli("import", folder, "--db", db, "--workers", "1")
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert len(lines) == 5  # four files, one summary: no name split a line
        assert "\x1b" not in result.stdout + result.stderr
    first = run_cli("import", folder, "--db", tmp_path / "again.sqlite3", "--workers", "1").stdout.splitlines()
    assert f'imported\t2\t"{folder}/bad\\xff\\xfe.txt"' in first
    assert f'imported\t3\t"{folder}/line\\nbreak\\ttab\\x1b[31mred.txt"' in first
    with sqlite3.connect(db) as conn:
        names = [row[0] for row in conn.execute("SELECT file_name FROM reports ORDER BY id")]
    assert names[1] == "in/bad\\xff\\xfe.txt"


def test_extract_writes_valid_utf8_json_for_such_names(tmp_path, seeds_dir):
    folder = _folder_with_odd_names(tmp_path, seeds_dir)
    result = run_cli("extract", folder, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    files = [json.loads(line)["file"] for line in result.stdout.splitlines()]
    assert f"{folder}/bad\\xff\\xfe.txt" in files and len(files) == 4


def test_shown_quotes_what_a_terminal_would_run():
    assert shown("报告/2022.txt") == "报告/2022.txt"
    assert shown("a\rb\x1b]0;title\x07.txt") == '"a\\rb\\x1b]0;title\\x07.txt"'
    assert shown("evil\u202etxt.exe") == '"evil\\u202etxt.exe"'


@pytest.mark.skipif(os.geteuid() == 0 and not shutil.which("setpriv"), reason="as root, needs setpriv to run as a user")
def test_an_unreadable_subfolder_is_reported(seeds_dir):
    with tempfile.TemporaryDirectory() as home:  # not pytest's root-only temp folder: the user writes here
        os.chmod(home, 0o777)
        folder = Path(home) / "in"
        (folder / "locked").mkdir(parents=True)
        shutil.copy(sorted(seeds_dir.glob("*.txt"))[0], folder / "a.txt")
        os.chmod(folder / "a.txt", 0o644)
        os.chmod(folder / "locked", 0)
        try:
            result = run_cli(
                "import",
                folder,
                "--db",
                Path(home) / "lib.sqlite3",
                "--workers",
                "1",
                env={
                    "HOME": home,
                    "XDG_STATE_HOME": home,
                    "XDG_DATA_HOME": home,
                    "XDG_CONFIG_HOME": home,
                    "XDG_CACHE_HOME": home,
                },
                unprivileged=True,
            )
        finally:
            os.chmod(folder / "locked", 0o700)
    assert result.returncode == 1
    assert f"unreadable\t-\t{folder / 'locked'}\tcannot list this folder: permission denied" in result.stdout
    assert result.stdout.splitlines()[-1] == "1 imported, 0 duplicates skipped, 1 unreadable"


def test_an_unlistable_folder_is_reported_by_the_reader(tmp_path, monkeypatch):
    # (as root every folder can be listed: the walk's error is simulated)
    from desktop.core import reading

    def walk(top, onerror=None, **kwargs):
        onerror(PermissionError(13, "Permission denied", str(Path(top) / "locked")))
        yield str(top), [], ["a.txt"]

    monkeypatch.setattr(reading.os, "walk", walk)
    errors: list = []
    assert list(reading.iter_report_paths([tmp_path], errors=errors)) == [tmp_path / "a.txt"]
    assert errors == [(tmp_path / "locked", "cannot list this folder: permission denied")]


# ---------------------------------------------------------------- export --out


def test_export_refuses_a_fifo_and_leaves_it_a_fifo(library, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    os.mkfifo(tmp_path / "pipe.reports.csv")  # what --format csv --out pipe writes first
    for fmt in ("jsonl", "csv", "xlsx"):
        result = run_cli("export", "--format", fmt, "--out", fifo, "--db", library, timeout=60)
        assert result.returncode == 1
        assert result.stderr.strip().endswith("is a named pipe (FIFO), not a regular file: choose a file name to write")
        assert stat.S_ISFIFO(fifo.stat().st_mode) and stat.S_ISFIFO((tmp_path / "pipe.reports.csv").stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe", "pipe.reports.csv"]  # no temp file left


def test_export_refuses_a_device(library):
    result = run_cli("export", "--format", "jsonl", "--out", "/dev/null", "--db", library)
    assert result.returncode == 1 and "/dev/null is a device, not a regular file" in result.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_export_keeps_the_mode_of_the_file_it_replaces_and_new_files_are_owner_only(library, tmp_path):
    out = tmp_path / "d.jsonl"
    out.write_text("old", encoding="utf-8")
    os.chmod(out, 0o640)
    assert run_cli("export", "--format", "jsonl", "--out", out, "--db", library).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640 and out.read_text(encoding="utf-8") != "old"
    os.chmod(out, 0o600)
    assert run_cli("export", "--format", "jsonl", "--out", out, "--db", library).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert run_cli("export", "--format", "xlsx", "--out", tmp_path / "new.xlsx", "--db", library).returncode == 0
    assert stat.S_IMODE((tmp_path / "new.xlsx").stat().st_mode) == 0o600


def test_a_symlink_planted_at_the_old_temp_name_is_not_followed(library, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (tmp_path / ".ds2.csv.tmp").symlink_to(victim)
    result = run_cli("dataset", "--out", tmp_path / "ds2.csv", "--db", library)
    assert result.returncode == 0, result.stderr
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert (tmp_path / "ds2.csv").read_text(encoding="utf-8-sig").startswith("report_id") or (
        tmp_path / "ds2.csv"
    ).stat().st_size > 0


# ---------------------------------------------------------------- formula cells


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", " =1", "\n=cmd", "\t", "\rx"])
def test_every_formula_like_cell_is_escaped_by_the_one_rule(value):
    from desktop.store import exporter, insights
    from desktop.store.outfiles import guard_cell

    assert guard_cell(value) == "'" + value
    assert exporter._csv_value(value) == "'" + value and insights._safe(value) == "'" + value


@pytest.mark.parametrize("value", ["法治", "1", "a=b", " text", "'=x"])
def test_plain_cells_stay_as_they_are(value):
    from desktop.store.outfiles import guard_cell

    assert guard_cell(value) == value


def test_dataset_and_quality_csv_escape_a_tab_before_an_equals_sign(tmp_path):
    from desktop.store.insights import write_csv

    out = write_csv([["label"], ['\t=HYPERLINK("http://x")'], ["\r=1"]], tmp_path / "q.csv")
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[1] == ['\'\t=HYPERLINK("http://x")'] and rows[2] == ["'\r=1"]


# ---------------------------------------------------------------- libraries


def _newer_library(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES ('9001')")
        conn.execute("CREATE TABLE reports (id INTEGER PRIMARY KEY)")
    conn.close()
    os.chmod(path, 0o644)


def _snapshot(folder: Path) -> dict:
    return {p.name: (p.stat().st_mode, p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir()}


@pytest.mark.parametrize("command", [["stats"], ["import", "SEEDS"], ["export", "--format", "jsonl", "--out", "OUT"]])
def test_a_newer_library_is_refused_in_words_without_writing_any_file(tmp_path, seeds_dir, command):
    folder = tmp_path / "lib"
    folder.mkdir()
    db = folder / "library.sqlite3"
    _newer_library(db)
    before = _snapshot(folder)
    args = [str(seeds_dir) if a == "SEEDS" else str(tmp_path / "out.jsonl") if a == "OUT" else a for a in command]
    for _ in range(2):
        result = run_cli(*args, "--db", db)
        assert result.returncode == 1 and result.stdout == ""
        assert "made by a newer version of Fazhi Review" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert _snapshot(folder) == before  # no .bak, no -wal/-shm, not even a chmod


def test_restore_refuses_a_backup_of_a_newer_library_before_replacing_anything(library, tmp_path):
    backup = tmp_path / "newer.bak"
    _newer_library(backup)
    target = tmp_path / "lib.sqlite3"
    shutil.copy(library, target)
    before = target.read_bytes()
    result = run_cli("restore", backup, "--db", target)
    assert result.returncode == 1 and "made by a newer version of Fazhi Review" in result.stderr
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lib.sqlite3", "newer.bak"]


def test_a_damaged_library_is_refused_before_an_import_writes_into_it(library, tmp_path, seeds_dir):
    db = tmp_path / "damaged.sqlite3"
    shutil.copy(library, db)
    with open(db, "r+b") as fh:  # overwrite pages in the middle of the file
        fh.seek(4096 * 3)
        fh.write(os.urandom(4096 * 4))
    result = run_cli("import", seeds_dir, "--db", db)
    assert result.returncode == 1 and result.stdout == ""
    assert "is damaged" in result.stderr and "restore it from a backup" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_url_with_a_non_numeric_port_is_one_line_without_the_password():
    result = run_cli("stats", "--db", "postgresql+psycopg://someone:s3cret@localhost:abc/db")
    assert result.returncode == 1 and result.stdout == ""
    assert "s3cret" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("fazhi-review: cannot open the library postgresql+psycopg://someone:***@")


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("postgresql+psycopg://u:pw@h/db", "postgresql+psycopg://u:***@h/db"),
        ("postgresql://u:p@ss:w@h:5432/db?sslmode=require", "postgresql://u:***@h:5432/db?sslmode=require"),
        ("cannot open 'postgres://u:%40x@h/db': refused", "cannot open 'postgres://u:***@h/db': refused"),
        ("postgresql://u@h/db", "postgresql://u@h/db"),
        ("/home/me/lib.sqlite3", "/home/me/lib.sqlite3"),
    ],
)
def test_passwords_are_masked_in_any_text(text, masked):
    from desktop.store.db import mask_passwords

    assert mask_passwords(text) == masked


def test_a_prompted_password_goes_into_the_url_and_a_missing_one_is_recognised():
    from desktop.store.db import needs_password, with_password

    assert with_password("postgresql+psycopg://u@h/db", "p@ss:/") == "postgresql+psycopg://u:p%40ss%3A%2F@h/db"
    assert needs_password(Exception("connection failed: fe_sendauth: no password supplied"))
    assert not needs_password(Exception("connection refused"))
