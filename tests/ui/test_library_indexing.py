"""The library indexes an import's reports for search in the background: the view says
"indexing N of M" meanwhile, a search finds every report before, during and after, and the
indexing stops with the view (nothing writes to a library the window has closed)."""

from __future__ import annotations

import pytest

from desktop.store.derived import backlog_size
from desktop.store.importer import import_paths
from desktop.ui import library_view
from desktop.ui.library_view import SEARCH_DELAY_MS, LibraryView

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support")


@pytest.fixture
def fresh(monkeypatch):
    monkeypatch.setattr(library_view, "INDEX_DELAY_MS", 0)


def make_view(qtbot, store) -> LibraryView:
    view = LibraryView(store)
    qtbot.addWidget(view)
    view.resize(1000, 500)
    view.show()
    qtbot.waitExposed(view)
    return view


def listed(view: LibraryView) -> list[str]:
    model = view.model
    return [model.data(model.index(row, 1)) for row in range(model.rowCount())]


def search(qtbot, view: LibraryView, term: str) -> list[str]:
    view.search_edit.setText(term)
    qtbot.wait(SEARCH_DELAY_MS + 50)
    return listed(view)


def test_the_view_indexes_the_backlog_and_says_so(qtbot, seeded_library, fresh):
    store, _ = seeded_library
    assert backlog_size(store) == 5  # the import left its reports for the index
    seen: list[tuple[int, int]] = []
    view = LibraryView(store)
    view.indexer.progressed.connect(lambda done, total: seen.append((done, total)))
    before = None
    qtbot.addWidget(view)
    view.resize(1000, 500)
    with qtbot.waitSignal(view.indexer.finished, timeout=20_000):
        view.show()
        qtbot.waitExposed(view)
        before = search(qtbot, view, "司法所")  # while indexing: the texts are read
    assert backlog_size(store) == 0
    assert seen[0] == (0, 5) and seen[-1] == (5, 5)
    assert not view.index_label.isVisible()
    assert search(qtbot, view, "司法所") == before and len(before) == 1


def test_an_import_is_indexed_after_it_ends(qtbot, seeded_library, seeds_dir, tmp_path, fresh):
    store, _ = seeded_library
    view = make_view(qtbot, store)
    qtbot.waitUntil(lambda: backlog_size(store) == 0 and not view.indexer.is_running(), timeout=20_000)
    copy = tmp_path / "copy.txt"
    copy.write_text((seeds_dir / "000_9b94de69fa88372b.txt").read_text(encoding="utf-8") + "\n副本\n", "utf-8")
    import_paths(store, [copy], workers=1)
    assert backlog_size(store) == 1
    with qtbot.waitSignal(view.indexer.progressed, timeout=5_000):
        view.reload()  # what the window does when an import ends
    assert view.index_label.isVisible()
    assert view.index_label.text().endswith(" of 1")
    qtbot.waitUntil(lambda: backlog_size(store) == 0, timeout=20_000)
    qtbot.waitUntil(lambda: not view.index_label.isVisible())


def test_hiding_the_view_stops_the_indexing(qtbot, seeded_library, fresh, monkeypatch):
    store, _ = seeded_library
    monkeypatch.setattr(library_view, "INDEX_BATCH", 1)  # one report a transaction
    monkeypatch.setattr(library_view, "INDEX_PAUSE_SECONDS", 0.5)  # slow enough to stop midway
    view = make_view(qtbot, store)
    with qtbot.waitSignal(view.indexer.progressed, check_params_cb=lambda done, total: done > 0, timeout=10_000):
        pass
    view.hide()
    assert not view.indexer.is_running()
    left = backlog_size(store)
    assert 0 < left < 5  # stopped between transactions: some indexed, the rest still waiting
    qtbot.wait(700)
    assert backlog_size(store) == left  # nothing wrote after the view hid
    view.show()
    qtbot.waitUntil(lambda: backlog_size(store) == 0, timeout=20_000)
