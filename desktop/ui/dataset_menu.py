"""The window's menu entries for the dataset: View › Dataset… (Ctrl+Shift+D), Review ›
Indicator Catalogue…, Report › Share Summary…, and writing a report's summary.

Kept apart from :mod:`desktop.ui.dataset_view` so that the window starts without the dataset
view, its queries (``desktop.store.insights``) and its charts: they are imported when the
reviewer first opens the view."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject
from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from . import settings as S
from .actions import add_action
from .settings import read as settings_read
from .settings import write as settings_write

if TYPE_CHECKING:
    from desktop.store.db import Store

    from .dataset_view import DatasetView
    from .main_window import MainWindow


def is_chinese() -> bool:
    return QLocale().language() == QLocale.Language.Chinese


def summary_language() -> str:
    return "zh" if is_chinese() else "en"


def write_summary_file(store: Store, report_id: int, path: str | Path, lang: str | None = None) -> Path:
    """The report's summary as HTML, or as PDF when ``path`` ends in .pdf (Qt's rich text
    renders the same HTML, A4)."""
    from desktop.store.summary import report_summary_html, write_summary

    path = Path(path)
    if path.suffix.lower() != ".pdf":
        return write_summary(store, report_id, path, lang or summary_language())
    from desktop.store.outfiles import output_file

    html = report_summary_html(store, report_id, lang or summary_language())
    with output_file(path, mode=None) as tmp:  # Qt writes the file; it replaces path when whole
        writer = QPdfWriter(str(tmp))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setResolution(150)
        writer.setTitle(path.stem)
        document = QTextDocument()
        document.setHtml(html)
        document.print_(writer)
        del writer  # QPdfWriter finishes the file when it is destroyed
    return path


class Insights(QObject):
    """The dataset entries in the window's menus: View › Dataset… (Ctrl+Shift+D),
    Review › Indicator Catalogue…, Report › Share Summary…"""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.view: DatasetView | None = None
        self.dataset_action = add_action(self.window, self.tr("&Dataset…"), self.show_dataset, ["Ctrl+Shift+D"])
        self.catalogue_action = add_action(self.window, self.tr("Indicator &Catalogue…"), self.edit_catalogue)
        self.summary_action = add_action(self.window, self.tr("&Share Summary…"), self.share_summary)
        window.session.changed.connect(self._library_changed)
        window.session.libraryChanged.connect(self._library_changed)
        window.library.model.modelReset.connect(self._library_changed)

    def add_to_menus(self) -> None:
        bar = self.window.menuBar()
        menus = [menu for action in bar.actions() if isinstance(menu := action.menu(), QMenu)]
        view = next((m for m in menus if self.window.simplified_action in m.actions()), None)
        review = next((m for m in menus if self.window.reextract_action in m.actions()), None)
        help_menu = next((m for m in menus if self.window.shortcuts_action in m.actions()), None)
        if view is not None:
            view.addSeparator()
            view.addAction(self.dataset_action)
        if review is not None:
            review.addAction(self.catalogue_action)
        report_menu = self.window.menuBar().addMenu(self.tr("Re&port"))
        if help_menu is not None:  # before Help
            bar.insertMenu(help_menu.menuAction(), report_menu)
        report_menu.addAction(self.summary_action)
        self.report_menu = report_menu

    def _library_changed(self, *_args: object) -> None:
        if self.view is not None:
            if self.view.store is not self.window.store:
                self.view.store = self.window.store
            self.view.schedule_refresh()

    def dataset_view(self) -> DatasetView:
        if self.view is None:
            from .dataset_view import DatasetView  # charts, tables and the dataset's queries: on first use

            self.view = DatasetView(self.window.store, self.window.library.current_filter, self.window)
        return self.view

    def show_dataset(self) -> DatasetView:
        view = self.dataset_view()
        if view.store is not self.window.store:
            view.store = self.window.store
            view._dirty = True
        view.show()
        view.raise_()
        view.activateWindow()
        return view

    def edit_catalogue(self) -> None:
        from .learning import CatalogueDialog

        CatalogueDialog(self.window).exec()

    def share_summary(self) -> None:
        record = self.window.record
        if record is None:
            QMessageBox.information(self.window, self.tr("Share Summary"), self.tr("Open a report first."))
            return
        settings = self.window.settings
        folder = Path(settings_read(settings, S.SUMMARY_FOLDER) or Path.home())
        stem = Path(record.file_name).stem
        path, chosen = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Share a summary of the report"),
            str(folder / f"{stem}-summary.html"),
            self.tr("Web page (*.html);;PDF (*.pdf)"),
        )
        if not path:
            return
        if not path.lower().endswith((".html", ".htm", ".pdf")):
            path += ".pdf" if "pdf" in chosen.lower() else ".html"
        settings_write(settings, S.SUMMARY_FOLDER, str(Path(path).parent))
        try:
            written = write_summary_file(self.window.store, record.id, path)
        except OSError as error:
            QMessageBox.critical(self.window, self.tr("Summary not written"), str(error))
            return
        self.window.saved_label.setText(self.tr("Summary written to %1").replace("%1", str(written)))
