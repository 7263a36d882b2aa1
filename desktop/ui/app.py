"""Starting the window: ``fazhi-review`` (or ``fazhi-review gui``) with options.

    fazhi-review gui [--db PATH] [--import PATH ...] [--report N] [--lang zh|en]
                     [--panel fields|outline|parts|metrics] [--simplified]
                     [--screenshot FILE [--grab window|library|report|metrics]]

Unexpected errors are written to the user's log folder and shown as a dialog; every edit
made before them is already saved (each edit is its own transaction)."""

from __future__ import annotations

import argparse
import getpass
import io
import logging
import logging.handlers
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import platformdirs

# The store's and the extraction core's modules the window uses (and SQLAlchemy's hundreds
# under them) are imported before any of Qt's, on purpose: once PySide6 is loaded it hooks
# the import statement and reads the source of every module imported after it (its check
# for "from __feature__ import ..."), which made the window start about 0.1 s later.
import desktop.core.checks
import desktop.store.corrections
import desktop.store.ops
import desktop.store.queries
import desktop.store.reports
import desktop.store.searchtext
import desktop.store.server
import desktop.store.team
from desktop.store.db import default_database_path, mask_passwords, open_store
from desktop.ui import settings as S
from desktop.ui.settings import read as settings_read
from desktop.ui.settings import write as settings_write

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication, QSettings, QTranslator
    from PySide6.QtWidgets import QApplication

APP_NAME = "fazhi-review"
#: imported above before Qt (desktop.store.team: every report opened asks it, for double coding)
IMPORTED_BEFORE_QT = (
    desktop.core.checks,
    desktop.store.corrections,
    desktop.store.ops,
    desktop.store.queries,
    desktop.store.reports,
    desktop.store.searchtext,
    desktop.store.server,
    desktop.store.team,
)
log = logging.getLogger("desktop.ui")


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def settings_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "settings.ini"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fazhi-review gui", description="Open the review window.")
    parser.add_argument(
        "--db",
        help="the library: an SQLite file or a PostgreSQL URL "
        "(postgresql+psycopg://user@host/db); default: the last library file "
        "opened, else one in the user data folder",
    )
    parser.add_argument(
        "--import",
        dest="import_paths",
        nargs="+",
        metavar="PATH",
        help="import these files or folders first (duplicates are skipped)",
    )
    parser.add_argument("--report", type=int, help="open this report (id)")
    parser.add_argument(
        "--lang", choices=("zh", "en"), help="interface language (default: preferences, then the system's)"
    )
    parser.add_argument("--panel", choices=("fields", "outline", "parts", "metrics"), help="show this panel")
    parser.add_argument("--simplified", action="store_true", help="show the simplified text")
    parser.add_argument("--screenshot", metavar="FILE", help="render the window to a PNG and exit")
    parser.add_argument(
        "--grab",
        choices=("window", "library", "report", "metrics", "dataset"),
        default="window",
        help="what --screenshot captures",
    )
    parser.add_argument("--exit-when-ready", action="store_true", help=argparse.SUPPRESS)  # start-up benchmark
    parser.add_argument("--settings", help=argparse.SUPPRESS)  # tests and screenshots: a separate settings file
    return parser


class MaskingFormatter(logging.Formatter):
    """Every line written to the log with URL passwords masked, tracebacks included: a --db
    URL may carry one, and the log outlives the session."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_passwords(super().format(record))


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Log files readable by their owner only: they name libraries, files and errors."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.chmod(self.baseFilename, 0o600)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)  # a rotating handler appends


def setup_logging() -> Path:
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder, 0o700)
    path = folder / "fazhi-review.log"
    handler = _PrivateRotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(MaskingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def install_excepthook(log_path: Path) -> None:
    """An unexpected error: log it, tell the reviewer in words, keep the window running."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        details = mask_passwords("".join(traceback.format_exception(kind, value, tb)))
        log.error("unexpected error\n%s", details)
        if QApplication.instance() is None or issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        message = QCoreApplication.translate(
            "App",
            "Fazhi Review ran into a problem: %1\n\nEverything you saved so far is kept. Details were written to %2.",
        )
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            QCoreApplication.translate("App", "Something went wrong"),
            message.replace("%1", mask_passwords(str(value)) or kind.__name__).replace("%2", str(log_path)),
        )
        box.setDetailedText(details)
        box.exec()

    sys.excepthook = hook


def choose_language(requested: str | None, settings: QSettings) -> str:
    """``zh_CN`` or ``en``: the command line, then preferences, then the system locale."""
    from PySide6.QtCore import QLocale

    if requested:
        return "zh_CN" if requested == "zh" else "en"
    saved: str = settings_read(settings, S.LANGUAGE)
    if saved:
        return saved
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Our strings and Qt's own (dialog buttons); English needs none."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    from desktop.core.resources import resources_dir

    translators: list[QTranslator] = []
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return translators
    QLocale.setDefault(QLocale(language))
    ours = QTranslator(app)
    if ours.load(str(resources_dir() / "translations" / f"fazhi_review_{language}.qm")):
        app.installTranslator(ours)
        translators.append(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        translators.append(qt)
    return translators


def open_settings(path: str | None = None) -> QSettings:
    from PySide6.QtCore import QSettings

    target = Path(path) if path else settings_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    return QSettings(str(target), QSettings.Format.IniFormat)


def default_reviewer(settings: QSettings) -> str:
    saved: str = settings_read(settings, S.REVIEWER)
    if saved:
        return saved
    try:
        name = getpass.getuser()
    except Exception:  # no user name in the environment (some containers)
        name = ""
    return name or "reviewer"


def gui_application() -> QApplication:
    """The running QApplication (tests make one), else a new one."""
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    return QApplication([sys.argv[0]])


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    log_path = setup_logging()

    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QMessageBox, QWidget

    app = gui_application()
    app.setApplicationName("Fazhi Review")
    app.setOrganizationName("Fazhi Review")
    QGuiApplication.setDesktopFileName(APP_NAME)
    from PySide6.QtGui import QIcon

    from desktop.core.resources import resources_dir

    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "fazhi-review-256.png")))
    install_excepthook(log_path)
    settings = open_settings(args.settings)
    install_translators(app, choose_language(args.lang, settings))

    from .main_window import MainWindow

    recent = settings_read(settings, S.RECENT_LIBRARIES)
    location = args.db or (recent[0] if recent and Path(recent[0]).exists() else default_database_path())
    try:
        store = open_store(location)
    except Exception as error:  # not a library, a newer schema, no permission: say so, don't crash
        shown = mask_passwords(str(location))  # a --db URL's password is never logged or shown
        log.error("cannot open library %s: %s: %s", shown, type(error).__name__, " ".join(str(error).split()))
        QMessageBox.critical(
            None,
            app.translate("App", "Cannot open library"),
            app.translate("App", "%1 cannot be opened as a library:\n%2")
            .replace("%1", shown)
            .replace("%2", mask_passwords(str(error))),
        )
        return 1
    window = MainWindow(store, settings, default_reviewer(settings))
    settings_write(settings, S.REVIEWER, window.session.reviewer)
    if args.screenshot:  # the same picture on every machine: the whole virtual screen
        window.setGeometry(app.primaryScreen().availableGeometry())
    window.show()

    def open_first_report() -> None:
        # the report's text is painted first, its checks follow (MainWindow.after_first_paint)
        report_id = args.report or settings_read(settings, S.LAST_REPORT)
        if not report_id or not window.open_report(report_id, check_after_paint=True):
            first = window.library.first_report_id()
            if first is not None:
                window.open_report(first, check_after_paint=True)
        if args.panel:
            window.show_panel(args.panel)
        if args.simplified:
            window.simplified_action.setChecked(True)
            window.toggle_simplified(True)

    if args.import_paths:
        job = window.import_paths(args.import_paths, quiet=True)
        if job is not None and args.screenshot:
            job.wait()
            app.processEvents()
    open_first_report()
    if args.exit_when_ready:  # the start-up benchmark: "ready after X s" once usable (desktop/ui/startup.py)
        from .startup import exit_when_usable

        exit_when_usable(app, window)

    if args.screenshot:

        def shoot() -> None:
            widget: QWidget | None
            if args.grab == "dataset":
                view = window.insights.show_dataset()
                view.resize(1400, 760)
                view.refresh()
                app.processEvents()
                widget = view
            else:
                widget = {
                    "window": window,
                    "library": window.library,
                    "report": window.centralWidget(),
                    "metrics": window.panels["metrics"],
                }[args.grab]
            Path(args.screenshot).parent.mkdir(parents=True, exist_ok=True)
            ok = widget is not None and widget.grab().save(args.screenshot, "PNG")
            window.close()
            app.exit(0 if ok else 1)

        QTimer.singleShot(800, shoot)
    code = app.exec()
    store.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
