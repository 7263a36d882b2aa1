"""The dataset view (View › Dataset…, Ctrl+Shift+D): the curated library as a dataset.

A window of its own with three tabs, over the reports that pass the library view's filter
(the same filter: change it in the library, the dataset follows):

- **Table**: one row per report (region, province, year, level), one column per indicator,
  the curated value (a report that states an indicator several times shows the first and
  the count); the last row is the coverage (how many reports state each indicator), the
  column "Indicators" how many indicators each report states. Values not yet decided are
  in italics.
- **Charts** (matplotlib, drawn in the window): an indicator's distribution across regions,
  its trend across report years, the coverage heat map by province; Export PNG / SVG.
- **Quality**: the extraction-quality report (``desktop.store.insights.quality_report``).

The window's menu entries (Dataset…, the indicator catalogue, Report › Share Summary…) are
:class:`~desktop.ui.dataset_menu.Insights`, which imports this module when the view is first
opened; ``Insights`` and ``write_summary_file`` are re-exported here.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.indicators import default_catalogue
from desktop.store.insights import (
    CoverageGrid,
    IndicatorTable,
    QualityReport,
    coverage_by_province,
    indicator_table,
    is_rate,
    quality_report,
    quality_rows,
    rate_distribution,
    region_label,
    trend,
)
from desktop.store.queries import LibraryFilter

from . import marks
from .dataset_menu import Insights, is_chinese, write_summary_file

if TYPE_CHECKING:
    from collections.abc import Callable

    from matplotlib.figure import Figure
    from PySide6.QtGui import QCloseEvent, QShowEvent

    from desktop.store.db import Store

    from .worker import Job


log = logging.getLogger(__name__)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
REFRESH_DELAY_MS = 400
CHART_KINDS = ("distribution", "trend", "coverage")


def indicator_title(key: str) -> str:
    """The indicator's name in the interface's language."""
    indicator = default_catalogue().by_key.get(key)
    if indicator is None:
        return key
    return indicator.zh if is_chinese() else indicator.en


def indicator_short(key: str) -> str:
    """A column header: the Chinese name in Chinese, the key in English."""
    indicator = default_catalogue().by_key.get(key)
    return indicator.zh if indicator is not None and is_chinese() else key


# ---------------------------------------------------------------- the table


class IndicatorTableModel(QAbstractTableModel):
    """Reports x indicators; the last row is the coverage."""

    FIXED = ("report", "region", "province", "year", "level", "stated")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.table = IndicatorTable(indicators=[], rows=[])
        self.keys: list[str] = []
        self.show_all = False
        self._italic = QFont()
        self._italic.setItalic(True)
        self._bold = QFont()
        self._bold.setBold(True)

    def set_table(self, table: IndicatorTable) -> None:
        self.beginResetModel()
        self.table = table
        self.keys = list(table.indicators) if self.show_all else table.stated()
        self._coverage = table.coverage
        self.endResetModel()

    def set_show_all(self, show_all: bool) -> None:
        self.show_all = show_all
        self.set_table(self.table)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.table.rows) + 1

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.FIXED) + len(self.keys)

    def is_coverage_row(self, row: int) -> bool:
        return row == len(self.table.rows)

    def key_at(self, column: int) -> str | None:
        n = column - len(self.FIXED)
        return self.keys[n] if 0 <= n < len(self.keys) else None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        key = self.key_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if key is not None:
                return indicator_short(key)
            names = {
                "report": self.tr("Report"),
                "region": self.tr("Region"),
                "province": self.tr("Province"),
                "year": self.tr("Year"),
                "level": self.tr("Level"),
                "stated": self.tr("Indicators"),
            }
            return names[self.FIXED[section]]
        if role == Qt.ItemDataRole.ToolTipRole:
            if key is not None:
                indicator = default_catalogue().by_key.get(key)
                name = f"{indicator.zh} / {indicator.en}" if indicator is not None else ""
                return f"{key}\n{name}".strip()
            if self.FIXED[section] == "stated":
                return self.tr("How many indicators the report states")
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        key = self.key_at(column)
        total = len(self.table.rows)
        if self.is_coverage_row(row):
            if role == Qt.ItemDataRole.DisplayRole:
                if column == 0:
                    return self.tr("Coverage")
                if key is not None:
                    n = self._coverage.get(key, 0)
                    return f"{n}/{total} ({n / total:.0%})" if total else "0"
                return ""
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            if role == Qt.ItemDataRole.ToolTipRole and key is not None:
                return (
                    self.tr("%1 of %2 reports state this indicator")
                    .replace("%1", str(self._coverage.get(key, 0)))
                    .replace("%2", str(total))
                )
            return None
        table_row = self.table.rows[row]
        report = table_row.report
        if key is None:
            name = self.FIXED[column]
            if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
                if name == "report":
                    return (
                        report.title or Path(report.file_name).name
                        if role == Qt.ItemDataRole.DisplayRole
                        else report.id
                    )
                if name == "region":
                    return report.region or ""
                if name == "province":
                    return report.province or ""
                if name == "year":
                    return report.year if role == SORT_ROLE else ("" if report.year is None else str(report.year))
                if name == "level":
                    return marks.level_name(report.level) if role == Qt.ItemDataRole.DisplayRole else report.level or ""
                if name == "stated":
                    return len(table_row.cells) if role == SORT_ROLE else str(len(table_row.cells))
            if role == Qt.ItemDataRole.ToolTipRole and name == "report":
                return report.file_name
            return None
        cell = table_row.cells.get(key)
        if cell is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.display()
        if role == SORT_ROLE:
            return table_row.number(key)
        if role == Qt.ItemDataRole.FontRole and cell.pending:
            return self._italic
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{m.display()}  {m.label}  [{marks.state_tooltip(m.state)}]" for m in cell.metrics]
            return "\n".join(lines)
        return None


class PinnedCoverageProxy(QSortFilterProxyModel):
    """Sorts the reports; the coverage row stays last either way."""

    def lessThan(self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        ascending = self.sortOrder() == Qt.SortOrder.AscendingOrder
        if isinstance(model, IndicatorTableModel):
            if model.is_coverage_row(left.row()):
                return not ascending
            if model.is_coverage_row(right.row()):
                return ascending
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a is None or b is None:  # empty cells last when ascending
            return a is not None and b is None
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)


# ---------------------------------------------------------------- charts


def _cjk_fonts() -> list[str]:
    """Installed fonts that show Chinese, best first (matplotlib falls back along the list)."""
    from matplotlib import font_manager

    wanted = (
        "Noto Sans CJK SC",
        "Source Han Sans SC",
        "PingFang SC",
        "Hiragino Sans GB",
        "Microsoft YaHei",
        "WenQuanYi Micro Hei",
        "WenQuanYi Zen Hei",
        "SimHei",
        "Noto Sans CJK JP",
        "Noto Sans CJK TC",
        "Droid Sans Fallback",
        "Arial Unicode MS",
    )
    present = {font.name for font in font_manager.fontManager.ttflist}
    return [name for name in wanted if name in present]


_STYLED = False


def chart_style() -> None:
    """matplotlib's settings for the charts (once): Chinese fonts, self-contained SVG."""
    global _STYLED
    if _STYLED:
        return
    import matplotlib

    fonts = _cjk_fonts()
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = fonts + [
        f for f in matplotlib.rcParams["font.sans-serif"] if f not in fonts
    ]
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["svg.fonttype"] = "path"  # glyphs as outlines: the SVG shows right anywhere
    matplotlib.rcParams["axes.spines.top"] = False
    matplotlib.rcParams["axes.spines.right"] = False
    if not fonts:
        log.warning("no font with Chinese characters found: chart labels may show boxes")
    _STYLED = True


def _empty(figure: Figure, text: str) -> None:
    ax = figure.add_subplot(111)
    ax.axis("off")
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=12, color="#666666", transform=ax.transAxes)


def draw_distribution(figure: Figure, table: IndicatorTable, key: str, texts: dict[str, str]) -> int:
    """Horizontal bars: the indicator's value in each report, highest first. Returns the bars drawn."""
    points = rate_distribution(table, key)
    figure.clear()
    if not points:
        _empty(figure, texts["empty"])
        return 0
    ax = figure.add_subplot(111)
    labels = [label for label, _ in points][::-1]
    values = [value for _, value in points][::-1]
    bars = ax.barh(range(len(values)), values, color="#4c72b0" if is_rate(key) else "#55a868")
    ax.set_yticks(range(len(values)), labels)
    unit = "%" if is_rate(key) else _common_unit(table, key)
    for bar, value in zip(bars, values):
        ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {value:g}{unit}", va="center", fontsize=8)
    if is_rate(key):
        ax.set_xlim(0, max(100.0, max(values) * 1.08))
    else:
        ax.set_xlim(0, max(values) * 1.15 or 1)
    ax.set_xlabel(texts["value"] + (f" ({unit})" if unit else ""))
    ax.set_title(texts["distribution"].replace("%1", indicator_title(key)))
    ax.grid(axis="x", alpha=0.3)
    figure.tight_layout()
    return len(values)


def _common_unit(table: IndicatorTable, key: str) -> str:
    units = {row.cells[key].first.unit for row in table.rows if key in row.cells}
    return units.pop() if len(units) == 1 else ""


def draw_trend(figure: Figure, table: IndicatorTable, key: str, texts: dict[str, str]) -> int:
    """Lines: each region's value over the report years, and the median per year. Returns the points drawn."""
    series = trend(table, key)
    figure.clear()
    if not series.years:
        _empty(figure, texts["empty"])
        return 0
    ax = figure.add_subplot(111)
    points = 0
    for region, values in series.by_region.items():
        years, numbers = zip(*values)
        ax.plot(years, numbers, marker="o", linewidth=1.2, alpha=0.8, label=region)
        points += len(values)
    years, medians = zip(*series.median)
    ax.plot(years, medians, color="black", linestyle="--", linewidth=2, label=texts["median"])
    ax.set_xticks(series.years, [str(y) for y in series.years])
    ax.set_xlim(series.years[0] - 0.5, series.years[-1] + 0.5)  # room for the first and last points
    unit = "%" if is_rate(key) else _common_unit(table, key)
    ax.set_xlabel(texts["year"])
    ax.set_ylabel(texts["value"] + (f" ({unit})" if unit else ""))
    ax.set_title(texts["trend"].replace("%1", indicator_title(key)))
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="best", ncol=2 if len(series.by_region) > 8 else 1)
    figure.tight_layout()
    return points


def draw_coverage(figure: Figure, table: IndicatorTable, texts: dict[str, str]) -> CoverageGrid:
    """The heat map: for each province (rows), the share of its reports that state each indicator."""
    grid = coverage_by_province(table)
    figure.clear()
    if not grid.provinces or not grid.indicators:
        _empty(figure, texts["empty"])
        return grid
    ax = figure.add_subplot(111)
    image = ax.imshow(grid.shares, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(
        range(len(grid.indicators)), [indicator_short(k) for k in grid.indicators], rotation=60, ha="right", fontsize=8
    )
    ax.set_yticks(range(len(grid.provinces)), [f"{p} ({grid.reports[p]})" for p in grid.provinces])
    for y, row in enumerate(grid.shares):
        for x, share in enumerate(row):
            ax.text(
                x, y, f"{share:.0%}", ha="center", va="center", fontsize=7, color="white" if share > 0.6 else "#222222"
            )
    for spine in ax.spines.values():
        spine.set_visible(False)
    colorbar = figure.colorbar(image, ax=ax, fraction=0.03, pad=0.02)
    colorbar.set_label(texts["share"])
    ax.set_title(texts["coverage"])
    figure.tight_layout()
    return grid


class ChartsTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        chart_style()
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.table = IndicatorTable(indicators=[], rows=[])
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("chartKind")
        self.kind_combo.addItem(self.tr("Distribution across regions"), "distribution")
        self.kind_combo.addItem(self.tr("Trend across years"), "trend")
        self.kind_combo.addItem(self.tr("Coverage by province"), "coverage")
        self.indicator_combo = QComboBox(self)
        self.indicator_combo.setObjectName("chartIndicator")
        self.indicator_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.png_button = QPushButton(self.tr("Export &PNG…"), self)
        self.svg_button = QPushButton(self.tr("Export &SVG…"), self)
        self.png_button.clicked.connect(lambda: self.choose_export("png"))
        self.svg_button.clicked.connect(lambda: self.choose_export("svg"))
        self.figure = Figure(figsize=(8, 5), dpi=100, layout=None)
        # matplotlib's Qt backend is not annotated: its canvas class typed as the constructor it is
        new_canvas: Callable[[Figure], FigureCanvasQTAgg] = FigureCanvasQTAgg
        self.canvas = new_canvas(self.figure)
        self.canvas.setObjectName("chartCanvas")
        self.canvas.setParent(self)
        self.drawn = 0  # bars or points in the current chart (tests, status)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Chart:"), self))
        bar.addWidget(self.kind_combo)
        self.indicator_label = QLabel(self.tr("Indicator:"), self)
        bar.addWidget(self.indicator_label)
        bar.addWidget(self.indicator_combo)
        bar.addStretch(1)
        bar.addWidget(self.png_button)
        bar.addWidget(self.svg_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.canvas, 1)
        self.kind_combo.currentIndexChanged.connect(self.redraw)
        self.indicator_combo.currentIndexChanged.connect(self.redraw)

    def texts(self) -> dict[str, str]:
        return {
            "empty": self.tr("No report in the dataset states this indicator"),
            "value": self.tr("Value"),
            "year": self.tr("Report year"),
            "median": self.tr("Median"),
            "share": self.tr("Share of the province's reports"),
            "distribution": self.tr("%1: across regions"),
            "trend": self.tr("%1: across years"),
            "coverage": self.tr("Which indicators the reports state, by province"),
        }

    def set_table(self, table: IndicatorTable) -> None:
        self.table = table
        current = self.indicator_combo.currentData()
        self.indicator_combo.blockSignals(True)
        try:
            self.indicator_combo.clear()
            stated = table.stated()
            # rates first: the distribution of a rate across regions is the usual question
            for key in sorted(stated, key=lambda k: (not is_rate(k), -table.coverage[k])):
                self.indicator_combo.addItem(indicator_title(key), key)
            found = self.indicator_combo.findData(current) if current else -1
            self.indicator_combo.setCurrentIndex(max(found, 0))
        finally:
            self.indicator_combo.blockSignals(False)
        self.redraw()

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def set_kind(self, kind: str) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))

    def set_indicator(self, key: str) -> bool:
        index = self.indicator_combo.findData(key)
        if index >= 0:
            self.indicator_combo.setCurrentIndex(index)
        return index >= 0

    def redraw(self) -> None:
        kind = self.kind()
        key = self.indicator_combo.currentData()
        self.indicator_combo.setEnabled(kind != "coverage")
        self.indicator_label.setEnabled(kind != "coverage")
        texts = self.texts()
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Glyph .* missing from")  # a font without a character
            warnings.filterwarnings("ignore", message=".*[Tt]ight.?layout")  # a crowded chart: drawn anyway
            if kind == "coverage":
                grid = draw_coverage(self.figure, self.table, texts)
                self.drawn = len(grid.provinces) * len(grid.indicators)
            elif key is None:
                self.figure.clear()
                _empty(self.figure, texts["empty"])
                self.drawn = 0
            elif kind == "trend":
                self.drawn = draw_trend(self.figure, self.table, key, texts)
            else:
                self.drawn = draw_distribution(self.figure, self.table, key, texts)
            draw_idle: Callable[[], None] = self.canvas.draw_idle  # matplotlib's Qt backend is not annotated
            draw_idle()

    def export(self, path: str | Path) -> Path:
        """Write the chart as PNG or SVG (by the file's suffix)."""
        path = Path(path)
        fmt = "svg" if path.suffix.lower() == ".svg" else "png"
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Glyph .* missing from")
            self.figure.savefig(
                path, format=fmt, dpi=150 if fmt == "png" else None, bbox_inches="tight", facecolor="white"
            )
        return path

    def choose_export(self, fmt: str) -> None:
        name = {"distribution": "distribution", "trend": "trend", "coverage": "coverage"}[self.kind()]
        key = self.indicator_combo.currentData()
        suggested = f"{name}-{key}.{fmt}" if key and self.kind() != "coverage" else f"{name}.{fmt}"
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export chart"),
            str(Path.home() / suggested),
            "PNG (*.png)" if fmt == "png" else "SVG (*.svg)",
        )
        if not path:
            return
        if not path.lower().endswith(f".{fmt}"):
            path += f".{fmt}"
        try:
            self.export(path)
        except OSError as error:
            QMessageBox.critical(self, self.tr("Export failed"), str(error))


# ---------------------------------------------------------------- quality


class QualityTab(QWidget):
    COLUMNS = (
        "group",
        "key",
        "accepted",
        "corrected",
        "rejected",
        "missed",
        "pending",
        "accepted_rate",
        "corrected_rate",
        "rejected_rate",
        "missed_rate",
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = QLabel(
            self.tr(
                "How the extractor did, from the reviewers' decisions. Rates count decided items "
                "only: accepted, corrected and rejected are shares of the extractor's items a "
                "reviewer decided; missed is the share of the items reviewers kept that the "
                "extractor did not find (reviewers added them)."
            ),
            self,
        )
        self.note.setWordWrap(True)
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setObjectName("qualityTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Group"),
                self.tr("Field, kind or indicator"),
                self.tr("Accepted"),
                self.tr("Corrected"),
                self.tr("Rejected"),
                self.tr("Missed"),
                self.tr("Pending"),
                self.tr("Accepted %"),
                self.tr("Corrected %"),
                self.tr("Rejected %"),
                self.tr("Missed %"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.corrections = QLabel(self)
        self.corrections.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.corrections)
        self.report: QualityReport | None = None

    def set_report(self, report: QualityReport) -> None:
        self.report = report
        groups = {
            "field": self.tr("Field"),
            "kind": self.tr("Item kind"),
            "indicator": self.tr("Indicator"),
            "total": self.tr("All items"),
        }
        kinds = {
            "field": self.tr("fields"),
            "section": self.tr("headings"),
            "part": self.tr("parts"),
            "metric": self.tr("metrics"),
            "all": self.tr("all"),
        }
        rows = list(quality_rows(report))
        self.table.setRowCount(len(rows))
        for r, (group, kind, key, acc, cor, rej, mis, pen, _decided, *rates) in enumerate(rows):
            if group == "field":
                name = marks.field_name(key)
            elif group == "indicator":
                name = indicator_title(key) if key else self.tr("(no indicator)")
            else:
                name = kinds.get(kind, kind)
            values = [
                groups.get(group, group),
                name,
                acc,
                cor,
                rej,
                mis,
                pen,
                *[("–" if rate == "" else f"{rate * 100:.1f}%") for rate in rates],
            ]
            for c, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                if c >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        corrections = report.metric_corrections
        if corrections:
            names = {
                "value": self.tr("value"),
                "value_to": self.tr("range end"),
                "unit": self.tr("unit"),
                "approx": self.tr("approximate"),
                "label": self.tr("label"),
                "indicator": self.tr("indicator"),
                "text": self.tr("text"),
            }
            self.corrections.setText(
                self.tr("Corrected metrics, by what was corrected: %1").replace(
                    "%1", ", ".join(f"{names.get(k, k)} {n}" for k, n in corrections.most_common())
                )
            )
        else:
            self.corrections.setText("")


# ---------------------------------------------------------------- the window


class DatasetView(QWidget):
    """The dataset window (see the module docstring). ``filter_source()`` gives the library
    view's current filter."""

    def __init__(
        self, store: Store, filter_source: Callable[[], LibraryFilter] | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("DatasetView")
        self.setWindowTitle(self.tr("Dataset"))
        self.store = store
        self.filter_source = filter_source
        self.table = IndicatorTable(indicators=[], rows=[])
        self.quality: QualityReport | None = None
        self._dirty = True

        self.filter_label = QLabel(self)
        self.filter_label.setObjectName("datasetFilter")
        self.refresh_button = QPushButton(self.tr("Re&fresh"), self)
        self.refresh_button.clicked.connect(self.refresh_in_background)
        self.all_check = QCheckBox(self.tr("Show indicators no report states"), self)
        self.model = IndicatorTableModel(self)
        self.all_check.toggled.connect(self.model.set_show_all)
        self.proxy = PinnedCoverageProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table_view = QTableView(self)
        self.table_view.setObjectName("datasetTable")
        self.table_view.setModel(self.proxy)
        self.table_view.setSortingEnabled(True)
        self.table_view.setAlternatingRowColors(True)
        self.table_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table_view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table_view.verticalHeader().setVisible(False)
        table_tab = QWidget(self)
        table_layout = QVBoxLayout(table_tab)
        table_layout.addWidget(self.table_view, 1)
        table_layout.addWidget(self.all_check)

        self.charts = ChartsTab(self)
        self.quality_tab = QualityTab(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("datasetTabs")
        self.tabs.addTab(table_tab, self.tr("Table"))
        self.tabs.addTab(self.charts, self.tr("Charts"))
        self.tabs.addTab(self.quality_tab, self.tr("Quality"))
        top = QHBoxLayout()
        top.addWidget(self.filter_label, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        self._job: Job | None = None
        # A read still running when the app quits must finish first: a QThread destroyed
        # while it runs aborts the process.
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._finish_reads)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REFRESH_DELAY_MS)
        self.timer.timeout.connect(self.refresh_if_shown)
        self.resize(1200, 720)

    def set_store(self, store: Store) -> None:
        self.store = store
        self.schedule_refresh()

    def schedule_refresh(self, *_args: object) -> None:
        self._dirty = True
        self.timer.start()

    def refresh_if_shown(self) -> None:
        if self.isVisible():
            self.refresh_in_background()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh_in_background()

    def refresh_in_background(self) -> None:
        """Read the dataset in a worker thread: on 10,000 reports it takes seconds, and the
        window must stay responsive meanwhile."""
        from .worker import Job

        self.timer.stop()
        if self._job is not None and self._job.is_running():
            self._dirty = True
            self.timer.start()  # again once the running read is done
            return
        store, flt = self.store, self.current_filter()

        def work(progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]) -> object:
            return flt, indicator_table(store, flt), quality_report(store, flt)

        self.filter_label.setText(self.tr("Reading the dataset…"))
        self.refresh_button.setEnabled(False)
        self._job = Job(work, self.tr("Reading the dataset…"))
        self._job.finished.connect(lambda result: self._show(*result))
        self._job.failed.connect(self._read_failed)
        self._job.start()

    def _finish_reads(self) -> None:
        if self._job is not None and self._job.is_running():
            self._job.cancel()
            self._job.wait()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._finish_reads()
        super().closeEvent(event)

    def is_reading(self) -> bool:
        """A read is running or due (the window's edits schedule one)."""
        return self._dirty or (self._job is not None and self._job.is_running())

    def _read_failed(self, error: Exception) -> None:
        self.refresh_button.setEnabled(True)
        self.filter_label.setText(self.tr("The dataset could not be read: %1").replace("%1", str(error)))

    def current_filter(self) -> LibraryFilter:
        return self.filter_source() if self.filter_source is not None else LibraryFilter()

    def refresh(self) -> None:
        """Read the dataset again with the library's current filter, now (tests, screenshots)."""
        self.timer.stop()
        flt = self.current_filter()
        self._show(flt, indicator_table(self.store, flt), quality_report(self.store, flt))

    def _show(self, flt: LibraryFilter, table: IndicatorTable, quality: QualityReport) -> None:
        self.refresh_button.setEnabled(True)
        self.table = table
        self.quality = quality
        self.model.set_table(self.table)
        self.table_view.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            if self.table_view.columnWidth(column) > 260:
                self.table_view.setColumnWidth(column, 260)
        self.charts.set_table(self.table)
        self.quality_tab.set_report(self.quality)
        self._describe_filter(flt)
        self._dirty = False

    def _describe_filter(self, flt: LibraryFilter) -> None:
        parts = []
        if flt.states:
            parts.append(", ".join(flt.states))
        for value in (
            flt.province,
            marks.level_name(flt.level) if flt.level else None,
            str(flt.year) if flt.year is not None else None,
        ):
            if value:
                parts.append(value)
        if flt.has_flags:
            parts.append(self.tr("has flags"))
        if flt.search:
            parts.append(f"“{flt.search}”")
        shown = self.tr("%1 reports").replace("%1", str(len(self.table.rows)))
        if parts:
            self.filter_label.setText(
                self.tr("Library filter: %1 · %2").replace("%1", " · ".join(parts)).replace("%2", shown)
            )
        else:
            self.filter_label.setText(self.tr("All reports in the library · %1").replace("%1", shown))


__all__ = ["CHART_KINDS", "DatasetView", "Insights", "region_label", "write_summary_file"]
