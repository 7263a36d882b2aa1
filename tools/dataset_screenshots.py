"""The README's pictures of the dataset view: table, charts and quality, in Chinese and English.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python tools/dataset_screenshots.py [--out docs]

Imports the seeds into a throwaway library, makes a few review decisions (so that the quality
tab has something to count), opens the window with the dataset view and grabs each tab to
``docs/screenshot-dataset-{table,distribution,coverage,quality}-{zh,en}.png``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def decide(store) -> None:
    """A reviewer's first pass over two seeds: accept, correct, reject, add."""
    from desktop.store.ops import Operations
    from desktop.store.reports import load_report

    ops = Operations(store, "screenshots")
    for report_id in (1, 4):
        record = load_report(store, report_id)
        metrics = record.items_of("metric")
        for n, item in enumerate(metrics[:24]):
            if item["data"].get("indicator") or n % 3 == 0:
                ops.accept(item["id"], base_version=item["version"])
            elif n % 3 == 1:
                ops.reject(item["id"], base_version=item["version"])
        for item in record.items_of("field"):
            ops.accept(item["id"], base_version=item["version"])
    record = load_report(store, 1)
    item = next(i for i in record.items_of("metric") if i["data"].get("label") == "满意程度")
    ops.update_item(
        item["id"], {**item["data"], "indicator": "hotline_satisfaction_rate"}, base_version=item["version"]
    )
    ops.add_item(
        2,
        "metric",
        {"text": "96.5%", "value": 96.5, "unit": "%", "label": "出庭应诉率", "indicator": "court_appearance_rate"},
        start=0,
        end=5,
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "docs"))
    parser.add_argument("--langs", nargs="+", default=["zh", "en"])
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("FAZHI_USER_CATALOGUE", "")  # the bundled catalogue only: the same pictures anywhere

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.store.db import open_store
    from desktop.store.importer import import_paths
    from desktop.ui.app import install_translators

    app = QApplication.instance() or QApplication([sys.argv[0]])
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "library.sqlite3")
        import_paths(store, [ROOT / "seeds"], workers=1)
        decide(store)
        for lang in args.langs:
            translators = install_translators(app, "zh_CN" if lang == "zh" else "en")
            from desktop.ui.main_window import MainWindow

            settings = QSettings(str(Path(folder) / f"settings-{lang}.ini"), QSettings.Format.IniFormat)
            window = MainWindow(store, settings, "screenshots")
            window.show()
            view = window.insights.show_dataset()
            view.resize(1400, 760)
            app.processEvents()
            view.refresh()
            shots = {
                "table": (0, None),
                "distribution": (1, "distribution"),
                "coverage": (1, "coverage"),
                "quality": (2, None),
            }
            for name, (tab, kind) in shots.items():
                view.tabs.setCurrentIndex(tab)
                if kind is not None:
                    view.charts.set_kind(kind)
                    if kind == "distribution":
                        view.charts.set_indicator("court_appearance_rate")
                for _ in range(5):
                    app.processEvents()
                view.charts.canvas.draw()
                path = out / f"screenshot-dataset-{name}-{lang}.png"
                if not view.grab().save(str(path), "PNG"):
                    print(f"cannot write {path}", file=sys.stderr)
                    return 1
                print(path)
            view.close()
            window.close()
            window.deleteLater()
            for translator in translators:
                app.removeTranslator(translator)
            app.processEvents()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
