"""Re-extraction: untouched items follow the new extractor, reviewers' work is kept."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from desktop.core.extract import EXTRACTOR_VERSION, extract_source
from desktop.store.importer import import_paths
from desktop.store.models import ExtractionRun, Item
from desktop.store.ops import Operations
from desktop.store.reextract import ReextractSummary, reextract


def _items(store, report_id: int) -> dict[int, Item]:
    with store.session(readonly=True) as session:
        rows = session.execute(select(Item).where(Item.report_id == report_id)).scalars().all()
    return {item.id: item for item in rows}


@pytest.fixture
def imported(store, seeds_dir) -> int:
    [(_, report_id)] = import_paths(store, [seeds_dir / "001_a08c839c0d0a26f1.txt"], workers=1).imported
    return report_id


def test_same_extractor_changes_nothing(store, imported):
    before = _items(store, imported)
    summary = reextract(store)
    assert isinstance(summary, ReextractSummary)
    assert summary.reports == 1 and summary.reports_changed == 0
    assert not summary.added and not summary.removed and not summary.changed and not summary.changed_fields
    after = _items(store, imported)
    assert {i: (x.data, x.version) for i, x in after.items()} == {i: (x.data, x.version) for i, x in before.items()}
    with store.session(readonly=True) as session:
        runs = (
            session.execute(select(ExtractionRun).where(ExtractionRun.report_id == imported).order_by(ExtractionRun.id))
            .scalars()
            .all()
        )
    assert len(runs) == 2 and runs[1].extractor_version == EXTRACTOR_VERSION
    assert runs[1].summary["reason"] == "reextract"


def test_newer_extractor_updates_untouched_items_and_keeps_touched_ones(store, imported):
    items = _items(store, imported)
    metrics = sorted((i for i in items.values() if i.kind == "metric"), key=lambda i: i.start)
    fields = {i.key: i for i in items.values() if i.kind == "field"}
    touched, untouched, accepted = metrics[0], metrics[1], metrics[2]
    dropped = metrics[3]
    alice = Operations(store, "alice")
    alice.update_item(touched.id, {**touched.data, "value": 1}, base_version=touched.version)
    alice.accept(accepted.id, base_version=accepted.version)
    alice.update_item(fields["issuer"].id, {"value": "审核员写的机关"}, base_version=fields["issuer"].version)

    def newer(source):
        """A 'newer extractor': every metric value changes, the fourth metric vanishes, the
        title and issuer change, and a new metric appears."""
        extraction = extract_source(source)
        kept = []
        for metric in extraction.metrics:
            if metric["start"] == dropped.start:
                continue
            kept.append({**metric, "value": (metric["value"] or 0) + 1000})
        kept.append(
            {
                "text": "X",
                "start": 1,
                "end": 2,
                "value": 7,
                "unit": "件",
                "approx": False,
                "label": "新指标",
                "indicator": None,
                "confidence": 0.5,
            }
        )
        extraction.metrics = kept
        extraction.metadata.fields["title"].value = "新标题"
        extraction.metadata.fields["issuer"].value = "新机关"
        return extraction

    newer.version = "9.9.9"
    summary = reextract(store, extractor=newer)
    assert summary.extractor_version == "9.9.9" and summary.reports == 1 and summary.reports_changed == 1
    n_metrics = len(metrics)
    assert summary.changed["metric"] == n_metrics - 3  # all but the corrected one, the accepted one, the dropped one
    assert summary.changed["field"] == 1 and summary.changed_fields == {"title": 1}
    assert summary.removed == {"metric": 1} and summary.added == {"metric": 1}
    assert summary.kept_touched == 3  # touched and accepted metrics, the issuer
    [(report_id, run_id, run_summary)] = summary.runs
    assert run_summary["changed_fields"] == ["title"]
    text = str(summary)
    assert "9.9.9" in text and "title" in text

    after = _items(store, imported)
    assert after[touched.id].data["value"] == 1 and after[touched.id].state == "corrected"  # reviewer's value
    assert after[accepted.id].data == accepted.data and after[accepted.id].state == "accepted"
    assert after[fields["issuer"].id].data == {"value": "审核员写的机关"}
    assert after[untouched.id].data["value"] == untouched.data["value"] + 1000
    assert after[untouched.id].extracted == after[untouched.id].data
    assert after[untouched.id].version == untouched.version + 1 and after[untouched.id].run_id == run_id
    assert after[fields["title"].id].data == {"value": "新标题"} and after[fields["title"].id].state == "pending"
    assert dropped.id not in after
    [new] = [i for i in after.values() if i.id not in items]
    assert (new.kind, new.start, new.end, new.data["label"], new.run_id) == ("metric", 1, 2, "新指标", run_id)
    with store.session(readonly=True) as session:
        run = session.get(ExtractionRun, run_id)
        assert run.extractor_version == "9.9.9"
        assert run.summary["added"] == {"metric": 1} and run.summary["removed"] == {"metric": 1}
        # one item per field still
        assert (
            session.execute(
                select(func.count()).select_from(Item).where(Item.report_id == report_id, Item.kind == "field")
            ).scalar()
            == 9
        )


def test_only_the_reports_asked_for(store, seeds_dir):
    result = import_paths(store, sorted(seeds_dir.glob("*.txt"))[:2], workers=1)
    first, second = (rid for _, rid in result.imported)
    summary = reextract(store, report_ids=[second])
    assert [r for r, _, _ in summary.runs] == [second]


def test_a_failing_extractor_is_reported_and_changes_nothing(store, imported):
    before = _items(store, imported)

    def broken(source):
        raise ValueError("bug")

    summary = reextract(store, extractor=broken)
    assert summary.reports == 0 and summary.failed == [(imported, "ValueError: bug")]
    assert _items(store, imported).keys() == before.keys()
