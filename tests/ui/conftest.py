"""Shared fixtures for the window's tests: a library with the 5 seeds imported.

The seeds are imported once per session into a template library; each test gets its own
copy (a file copy is much faster than an import), so tests may edit it freely.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store.db import Store, open_store
from desktop.store.importer import import_paths


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory, seeds_dir: Path) -> tuple[Path, dict[str, int]]:
    """(library file with the 5 seeds imported, seed file name -> report id). Do not open it
    for writing: copy it (``seeded_library`` does)."""
    folder = tmp_path_factory.mktemp("seeded-template")
    store = open_store(folder / "work.sqlite3")
    try:
        result = import_paths(store, [seeds_dir], workers=1)
        assert len(result.imported) == 5 and not result.failed, result.summary()
        ids = {path.name: report_id for path, report_id in result.imported}
        template = folder / "library.sqlite3"
        store.backup(template)
    finally:
        store.close()
    return template, ids


@pytest.fixture
def seed_ids(seeded_template) -> dict[str, int]:
    """Seed file name (``000_9b94de69fa88372b.txt``) -> report id in ``seeded_library``."""
    return dict(seeded_template[1])


@pytest.fixture
def seeded_library(seeded_template, tmp_path: Path) -> Iterator[tuple[Store, Path]]:
    """(open store, its path): a fresh library of this test's own with the 5 seeds imported."""
    path = tmp_path / "library" / "library.sqlite3"
    path.parent.mkdir(mode=0o700)
    shutil.copy(seeded_template[0], path)
    path.chmod(0o600)
    store = open_store(path)
    try:
        yield store, path
    finally:
        store.close()


@pytest.fixture
def settings(tmp_path: Path):
    """A settings file of this test's own (the window keeps layout, recent libraries, reviewer)."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def open_window(qtbot, settings):
    """open_window(store) -> a shown, active MainWindow for reviewer 张三."""
    from desktop.ui.main_window import MainWindow

    def make(store: Store):
        window = MainWindow(store, settings, "张三")
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return make
