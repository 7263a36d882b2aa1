"""Fixtures for the store's tests: a fresh library in a temp folder, seeded through the ORM.

Sections: (1) the library and its seed data (store developer). Add further sections below.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop.store.db import Store, open_store
from desktop.store.models import Item, Report

# ---------------------------------------------------------------- (1) library and seed data


def seed_reports(store: Store, reports: int = 2, items: int = 3) -> list[dict]:
    """Insert ``reports`` reports with ``items`` extractor metrics each, as an import would
    (state pending, source extractor, ``extracted`` = the value, version 1, no edits).
    Returns [{"id": report id, "items": [item ids]}]."""
    out = []
    with store.session() as session:
        for r in range(reports):
            text = f"某市{r}年法治政府建设年度报告。" + "办理行政复议案件52件。" * items
            report = Report(file_name=f"report-{r}.txt", sha256=hashlib.sha256(text.encode()).hexdigest(),
                            text=text, encoding="utf-8", source_format="txt")
            for i in range(items):
                data = {"text": "52件", "value": 52 + i, "unit": "件", "label": f"行政复议案件{i}",
                        "indicator": "admin_review_cases"}
                report.items.append(Item(kind="metric", start=20 + 12 * i, end=23 + 12 * i, data=data,
                                         extracted=dict(data), confidence=0.9))
            session.add(report)
            session.flush()
            out.append({"id": report.id, "items": [item.id for item in report.items]})
    return out


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "library" / "library.sqlite3"


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    opened = open_store(store_path)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def seeded(store: Store) -> list[dict]:
    return seed_reports(store)


@pytest.fixture
def seed() -> Callable[..., list[dict]]:
    """``seed(store, reports=2, items=3)`` for tests that open their own library."""
    return seed_reports
