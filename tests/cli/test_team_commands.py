"""`fazhi-review assign`, `queue` and `agreement` on a library of the seeds."""

from __future__ import annotations

import csv

from cli_runner import run_cli

from desktop.store.db import open_store
from desktop.store.ops import Operations
from desktop.store.reports import load_report


def test_assign_queue_and_agreement(library, tmp_path):
    result = run_cli("assign", "1", "2", "--to", "alice", "--to", "bob", "--by", "lena", "--db", library)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "report 1: alice, bob (double coding)",
        "report 2: alice, bob (double coding)",
    ]
    result = run_cli("assign", "3", "--to", "alice", "--by", "lena", "--db", library)
    assert result.returncode == 0 and result.stdout.strip() == "report 3: alice (single coding)"

    result = run_cli("queue", "--reviewer", "alice", "--db", library)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["1\tdouble", "2\tdouble", "3\tsingle"]
    assert run_cli("queue", "--reviewer", "bob", "--db", library).stdout.splitlines() == ["1\tdouble", "2\tdouble"]

    # the coders decide report 1: alice accepts everything, bob rejects the metrics
    store = open_store(library)
    try:
        for name in ("alice", "bob"):
            ops = Operations(store, name)
            for item in load_report(store, 1, coder=name).items:
                if name == "bob" and item["kind"] == "metric":
                    ops.reject(item["id"], base_version=item["version"])
                else:
                    ops.accept(item["id"], base_version=item["version"])
    finally:
        store.close()

    out = tmp_path / "agreement.csv"
    result = run_cli("agreement", "--out", out, "--db", library)
    assert result.returncode == 0, result.stderr
    assert "agreement over 2 double-coded report(s), coders: alice, bob" in result.stdout
    assert "left out: a coder has not decided them yet" in result.stdout  # report 2: nobody started
    assert "too few items to read much into" in result.stdout  # 1 report: 5 pairs per field
    rows = {(r["scope"], r["measure"]): r for r in csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines())}
    assert float(rows[("field:title", "percent")]["value"]) == 1.0
    assert rows[("field:title", "percent")]["n"] == "1"
    assert float(rows[("metric", "span_f1")]["value"]) == 0.0  # alice kept every metric, bob none
    assert float(rows[("section", "span_f1")]["value"]) == 1.0


def test_bad_assignments_are_refused(library):
    result = run_cli("assign", "4", "--to", "a", "--to", "b", "--to", "c", "--by", "lena", "--db", library)
    assert result.returncode == 1 and "not 3" in result.stderr
    result = run_cli("assign", "999", "--to", "a", "--by", "lena", "--db", library)
    assert result.returncode == 1 and "report 999 does not exist" in result.stderr
    assert run_cli("assign", "4", "--to", "a", "--db", library).returncode == 2  # --by is required


def test_agreement_without_double_coding(tmp_path, seeds_dir):
    db = tmp_path / "empty.sqlite3"
    result = run_cli("agreement", "--db", db)
    assert result.returncode == 0, result.stderr
    assert "no report is double-coded" in result.stdout
