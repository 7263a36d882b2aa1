"""Importing folders of reports: whole reports or nothing, duplicates and unreadable files reported."""

from __future__ import annotations

import itertools
import shutil
from collections import Counter
from pathlib import Path

import fixtures_formats as formats
import pytest
from sqlalchemy import func, select

from desktop.core.extract import EXTRACTOR_VERSION, extract_path
from desktop.store import importer
from desktop.store.importer import ImportReport, import_paths
from desktop.store.models import ExtractionRun, Item, Report


def _row_counts(store) -> dict[int, tuple[int, int]]:
    """report id -> (extraction runs, items)."""
    with store.session(readonly=True) as session:
        reports = session.execute(select(Report.id)).scalars().all()
        runs = dict(
            session.execute(select(ExtractionRun.report_id, func.count()).group_by(ExtractionRun.report_id)).all()
        )
        items = dict(session.execute(select(Item.report_id, func.count()).group_by(Item.report_id)).all())
    assert set(runs) <= set(reports) and set(items) <= set(reports)
    return {rid: (runs.get(rid, 0), items.get(rid, 0)) for rid in reports}


def _expected_items(path: Path) -> int:
    obj = extract_path(path).to_json()
    return 9 + len(obj["sections"]) + len(obj["parts"]) + len(obj["metrics"])


@pytest.fixture(scope="module")
def import_folder(tmp_path_factory, seeds_dir: Path) -> tuple[Path, dict[str, Path], list[Path]]:
    """Seeds, one byte-identical copy of a seed, and the bad inputs."""
    folder = tmp_path_factory.mktemp("import") / "reports"
    folder.mkdir()
    seeds = sorted(seeds_dir.glob("*.txt"))
    for path in seeds:
        shutil.copy(path, folder / path.name)
    shutil.copy(seeds[1], folder / "zz_copy_of_001.txt")  # sorts after its original
    bad = formats.write_bad_inputs(folder)
    return folder, bad, seeds


def test_folder_imports_good_files_and_reports_the_rest(store, import_folder, seeds_dir):
    folder, bad, seeds = import_folder
    calls = []
    # .doc and .xyz are not picked up from a folder: name them explicitly, as a user may
    result = import_paths(
        store,
        [folder, bad["old_doc"], bad["unsupported"]],
        workers=1,
        progress=lambda done, total, path: calls.append((done, total, path)),
    )
    assert isinstance(result, ImportReport) and not result.cancelled
    assert [p.name for p, _ in result.imported] == [p.name for p in seeds]
    by_name = {p.name: rid for p, rid in result.imported}
    assert result.duplicates == [(folder / "zz_copy_of_001.txt", by_name[seeds[1].name])]
    failed = dict(result.failed)
    expected_bad = {p for key, p in bad.items()}
    assert set(failed) == expected_bad
    assert all(reason and "\n" not in reason for reason in failed.values())
    assert failed[bad["empty"]] == "empty file"
    assert "old Word .doc" in failed[bad["old_doc"]]
    total = len(seeds) + 1 + len(bad)
    assert [c[0] for c in calls] == list(range(1, total + 1)) and {c[1] for c in calls} == {total}

    counts = _row_counts(store)
    assert sorted(counts) == sorted(by_name.values())  # nothing of the bad files or the duplicate
    for path in seeds:
        assert counts[by_name[path.name]] == (1, _expected_items(path)), path.name


def test_items_follow_the_extraction(store, seeds_dir):
    path = seeds_dir / "001_a08c839c0d0a26f1.txt"
    [(_, report_id)] = import_paths(store, [path], workers=1).imported
    obj = extract_path(path).to_json()
    with store.session(readonly=True) as session:
        report = session.get(Report, report_id)
        assert (report.file_name, report.sha256, report.encoding, report.source_format, report.state) == (
            path.name,
            obj["sha256"],
            "utf-8",
            "txt",
            "new",
        )
        assert report.flags == obj["flags"]
        assert report.text == path.read_text(encoding="utf-8")
        [run] = report.runs
        assert run.extractor_version == EXTRACTOR_VERSION
        items = session.execute(select(Item).where(Item.report_id == report_id).order_by(Item.id)).scalars().all()
        assert all(
            i.source == "extractor"
            and i.state == "pending"
            and i.run_id == run.id
            and i.version == 1
            and i.extracted == i.data
            for i in items
        )
        fields = {i.key: i for i in items if i.kind == "field"}
        assert {k: f.data["value"] for k, f in fields.items()} == obj["metadata"]
        assert fields["title"].start is not None and fields["title"].confidence is not None
        metrics = [i for i in items if i.kind == "metric"]
        assert len(metrics) == len(obj["metrics"])
        for item, m in zip(metrics, obj["metrics"]):
            assert (item.start, item.end, item.confidence) == (m["start"], m["end"], m["confidence"])
            assert item.data == {k: v for k, v in m.items() if k not in ("start", "end", "confidence")}
            assert report.text[item.start : item.end] == m["text"]
        sections = [i for i in items if i.kind == "section"]
        assert [s.data["title"] for s in sections] == [s["title"] for s in obj["sections"]]
        assert Counter(i.kind for i in items)["part"] == len(obj["parts"])


def test_reimport_reports_duplicates_and_writes_nothing(store, seeds_dir):
    first = import_paths(store, [seeds_dir], workers=1)
    before = _row_counts(store)
    again = import_paths(store, [seeds_dir], workers=1)
    assert again.imported == [] and again.failed == []
    assert again.duplicates == first.imported
    assert _row_counts(store) == before


def test_process_pool_gives_the_same_rows(store, tmp_path, seeds_dir):
    folder = tmp_path / "many"
    folder.mkdir()
    for i, path in enumerate(sorted(seeds_dir.glob("*.txt"))):
        shutil.copy(path, folder / path.name)
        text = path.read_text(encoding="utf-8")
        (folder / f"variant_{i}.txt").write_text(text + f"\n附件{i}", encoding="utf-8")
    (folder / "variant_dup.txt").write_bytes((folder / "variant_0.txt").read_bytes())
    result = import_paths(store, [folder], workers=2)
    assert len(result.imported) == 10 and [p.name for p, _ in result.duplicates] == ["variant_dup.txt"]
    counts = _row_counts(store)
    for path, report_id in result.imported:
        assert counts[report_id] == (1, _expected_items(path))


def test_cancel_between_files_leaves_only_whole_reports(store, import_folder):
    folder, _, _ = import_folder
    done = []
    result = import_paths(
        store, [folder], workers=1, progress=lambda d, t, p: done.append(d), cancel=lambda: len(done) >= 2
    )
    assert result.cancelled and len(result.imported) == 2 and done == [1, 2]
    counts = _row_counts(store)
    assert len(counts) == 2 and all(runs == 1 and items > 9 for runs, items in counts.values())


def test_cancel_with_the_process_pool(store, tmp_path, seeds_dir, monkeypatch):
    folder = tmp_path / "pool"
    folder.mkdir()
    text = (seeds_dir / "002_59c7d4ea9493623a.txt").read_text(encoding="utf-8")
    for i in range(12):
        (folder / f"r{i:02d}.txt").write_text(text + f"\n附件{i}", encoding="utf-8")
    # the three files before the cancel wait in an open group: they are written, whole
    monkeypatch.setattr(importer, "GROUP_WAIT_SECONDS", 600.0)
    polls = itertools.count(1)
    done = []
    result = import_paths(
        store, [folder], workers=2, progress=lambda d, t, p: done.append(p), cancel=lambda: next(polls) > 3
    )
    assert result.cancelled and done == sorted(folder.glob("*.txt"))[:3]
    assert [p for p, _ in result.imported] == done
    counts = _row_counts(store)
    assert sorted(counts) == sorted(rid for _, rid in result.imported)
    assert all(runs == 1 and items > 9 for runs, items in counts.values())


def test_a_failed_write_leaves_no_partial_rows(store, seeds_dir, monkeypatch):
    original = importer.write_extraction

    def failing(session, report_id, rows, summary, *args):
        original(session, report_id, rows, summary, *args)  # the report, its run and items are written…
        raise RuntimeError("disk full")  # …and then the transaction fails

    monkeypatch.setattr(importer, "write_extraction", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        import_paths(store, [seeds_dir / "000_9b94de69fa88372b.txt"], workers=1)
    assert _row_counts(store) == {}
    with store.session(readonly=True) as session:
        assert session.execute(select(func.count()).select_from(Item)).scalar() == 0
        assert session.execute(select(func.count()).select_from(ExtractionRun)).scalar() == 0


def test_nothing_to_import(store, tmp_path):
    result = import_paths(store, [tmp_path])
    assert result == ImportReport()
    result = import_paths(store, [tmp_path / "missing.txt"])
    assert result.failed == [(tmp_path / "missing.txt", "file not found")]
