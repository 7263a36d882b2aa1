"""The ``fazhi-review`` command: the review window with no arguments (or ``gui``), the
command line otherwise. Kept apart from desktop.cli so that the command line never imports
Qt (a import-linter contract), while one installed command opens both.

``fazhi-review --self-test`` checks an installed (frozen) app without Python or network:
it extracts a bundled seed, opens a temporary library (running the Alembic migrations from
the bundled files), imports the seeds, loads the Qt platform plugin offscreen, prints a
short report and exits 0 (1, with the failing step named, otherwise)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    if getattr(sys, "frozen", False):
        # A frozen app's worker processes (the import pool, spawn/forkserver) are started from
        # this executable: they must run the worker, not the app. A no-op in the parent.
        import multiprocessing

        multiprocessing.freeze_support()
    args = list(sys.argv[1:] if argv is None else argv)
    if argv is None:
        hide_passwords_from_ps(args)
    if args and args[0] == "--self-test":
        return self_test()
    if not args or args[0] == "gui":
        from desktop.ui.app import main as gui_main  # Qt is loaded only for the window

        return gui_main(args[1:] if args else [])
    from desktop.cli.main import main as cli_main

    return cli_main(args)


def hide_passwords_from_ps(args: list[str]) -> None:
    """Rewrite the process's arguments (what ``ps`` shows) with a --db URL's password masked.
    The password is better not on the command line at all (PGPASSWORD, ~/.pgpass or the
    prompt, see README); this shortens the time it is visible when it is."""
    if not any("://" in arg and "@" in arg for arg in args):
        return
    from desktop.store.db import mask_passwords

    masked = [mask_passwords(arg) for arg in args]
    if masked == args:
        return
    try:
        import setproctitle
    except ImportError:  # pragma: no cover - a declared dependency
        return
    setproctitle.setproctitle(" ".join(["fazhi-review", *masked]))


class SelfTestFailure(Exception):
    pass


def _check(condition: object, message: str) -> None:
    if not condition:
        raise SelfTestFailure(message)


def _self_test_extract(out: list[str]) -> list[Path]:
    from desktop.core.extract import extract_path
    from desktop.core.metrics import label_words
    from desktop.core.normalise import _character_from, _t2s
    from desktop.core.resources import resources_dir, seeds_dir

    seeds = sorted(seeds_dir().glob("*.txt"))
    _check(seeds, f"no bundled seeds in {seeds_dir()}")
    _check((resources_dir() / "indicators.toml").is_file(), f"no indicator catalogue in {resources_dir()}")
    _check(_t2s("國務院關於法治政府建設") == "国务院关于法治政府建设", "OpenCC t2s conversion is wrong")
    _check(
        "法律援助" in label_words() and len(label_words()) > 300_000,
        "the label words (resources/metrics/label_words.marisa) are missing",
    )
    _check(_character_from(0x88, "zhí") == "執", "the GBK readings (resources/gbk_pinyin.tsv) are missing")
    extraction = extract_path(seeds[0])
    result = extraction.to_json(seeds[0].name)
    metadata = result["metadata"]
    _check(result["sections"], f"no headings extracted from {seeds[0].name}")
    _check(result["metrics"], f"no metrics extracted from {seeds[0].name}")
    _check(metadata.get("province") or metadata.get("region"), f"no place found in {seeds[0].name} (gazetteer)")
    out.append(
        f"extract: {seeds[0].name}: {len(result['sections'])} headings, {len(result['parts'])} parts, "
        f"{len(result['metrics'])} metrics, OpenCC, the label words and the GBK readings loaded"
    )
    return seeds


def _schema(library: Path) -> list[tuple[str, str, str | None]]:
    import contextlib
    import sqlite3

    with contextlib.closing(sqlite3.connect(library)) as connection:
        return connection.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()


def _self_test_store(seeds: list[Path], out: list[str]) -> None:
    import tempfile
    from pathlib import Path

    from sqlalchemy import func, select

    from desktop.store.db import MIGRATIONS_DIR, current_revision, open_store
    from desktop.store.importer import import_paths
    from desktop.store.migrations import HEAD, SCHEMA_FILE, head_schema
    from desktop.store.models import Item, Report

    # Alembic reads these from disk, not from the frozen archive
    revisions = sorted((MIGRATIONS_DIR / "versions").glob("[0-9]*.py"))
    _check(
        (MIGRATIONS_DIR / "env.py").is_file() and revisions,
        f"the Alembic migrations (env.py, versions/*.py) are missing from {MIGRATIONS_DIR}",
    )
    _check(head_schema() is not None, f"the schema of a new library ({SCHEMA_FILE}) is missing or not at {HEAD}")
    with tempfile.TemporaryDirectory(prefix="fazhi-review-self-test-") as tmp:
        open_store(Path(tmp) / "made.sqlite3").close()  # a new library, made from SCHEMA_FILE
        store = open_store(Path(tmp) / "self-test.sqlite3", from_schema=False)  # every migration runs
        try:
            revision = current_revision(store.engine)
            _check(revision == HEAD, f"the library was migrated to {revision}, not {HEAD}")
            _check(
                _schema(Path(tmp) / "made.sqlite3") == _schema(Path(tmp) / "self-test.sqlite3"),
                f"a library made from {SCHEMA_FILE.name} differs from a migrated one",
            )
            result = import_paths(store, seeds, workers=1)
            _check(
                not result.failed,
                "seeds could not be imported: " + "; ".join(f"{path.name}: {reason}" for path, reason in result.failed),
            )
            _check(len(result.imported) == len(seeds), f"imported {len(result.imported)} of {len(seeds)} seeds")
            with store.session(readonly=True) as session:
                reports = session.scalar(select(func.count()).select_from(Report))
                items = session.scalar(select(func.count()).select_from(Item))
            _check(reports == len(seeds), f"{reports} reports in the library, expected {len(seeds)}")
            _check(items and reports is not None and items > reports, f"only {items} extracted items in the library")
        finally:
            store.close()
    import psycopg  # the driver of team libraries on PostgreSQL, with its own libpq

    libpq = psycopg.pq.version()
    _check(libpq > 0, "psycopg's libpq could not be loaded")
    out.append(
        f"store: new library migrated to {HEAD}, the same as one made from {SCHEMA_FILE.name}; "
        f"{len(seeds)} seeds imported, {reports} reports, "
        f"{items} items; PostgreSQL driver psycopg {psycopg.__version__} ({psycopg.pq.__impl__} libpq "
        f"{libpq // 10000}.{libpq % 10000})"
    )


def _self_test_qt(out: list[str]) -> None:
    from pathlib import Path

    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QLibraryInfo, QTranslator
    from PySide6.QtWidgets import QApplication, QLabel

    from desktop.core.resources import resources_dir

    existing = QApplication.instance()
    app = (
        existing
        if isinstance(existing, QApplication)
        else QApplication([sys.argv[0] if sys.argv else "fazhi-review", "-platform", "offscreen"])
    )
    _check(app.platformName() == "offscreen", f"Qt started the {app.platformName()!r} platform, not offscreen")
    label = QLabel("法治政府建设年度报告")
    label.show()
    app.processEvents()
    _check(not label.grab().isNull(), "Qt could not render a widget")
    label.close()
    window_platform = {"win32": "qwindows", "darwin": "qcocoa"}.get(sys.platform, "qxcb")
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    found = [p.name for p in plugins.glob("*") if window_platform in p.name] if plugins.is_dir() else []
    _check(found, f"Qt's {window_platform} platform plugin (the window's) is missing from {plugins}")
    ours = QTranslator()
    _check(
        ours.load(str(resources_dir() / "translations" / "fazhi_review_zh_CN.qm")),
        "the Chinese interface translation is missing",
    )
    qt = QTranslator()
    _check(
        qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        "Qt's own Chinese translation (qtbase_zh_CN) is missing",
    )
    out.append(
        f"qt: PySide6 {pyside_version}, offscreen platform started, {found[0]} present, translations zh_CN loaded"
    )


def self_test() -> int:
    """Run the checks, print a short report; 0 when all passed, 1 otherwise."""
    import os
    import time
    import traceback

    start = time.perf_counter()
    frozen = bool(getattr(sys, "frozen", False))
    where = getattr(sys, "_MEIPASS", None) or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = [
        (f"fazhi-review self-test: Python {sys.version.split()[0]}, {'frozen' if frozen else 'from source'} ({where})")
    ]
    print(out[0], flush=True)
    step = "extract"
    try:
        seeds = _self_test_extract(out)
        print("  " + out[-1], flush=True)
        step = "store"
        _self_test_store(seeds, out)
        print("  " + out[-1], flush=True)
        step = "qt"
        _self_test_qt(out)
        print("  " + out[-1], flush=True)
    except SelfTestFailure as failure:
        print(f"self-test FAILED at {step}: {failure}", file=sys.stderr, flush=True)
        return 1
    except Exception as error:
        traceback.print_exc(file=sys.stderr)
        print(f"self-test FAILED at {step}: {type(error).__name__}: {error}", file=sys.stderr, flush=True)
        return 1
    print(f"OK ({time.perf_counter() - start:.2f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
