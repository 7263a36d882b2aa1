"""The report's text exactly as read, with its items highlighted.

Parts tint the text's background, section headings are blue, metrics yellow, the selected item orange;
flags are underlined in their colour. Rejected metrics stay visible but struck through, so
the reviewer sees what was turned down. A toggle shows the normalised (simplified, repaired)
text with the same highlights, mapped through the normaliser's offset map. Mojibake repairs
are written in a margin beside the garbled line (the pattern of Qt's line-number-area
example). Every offset goes through :class:`~desktop.ui.textpos.TextPositions`.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QPainter,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from desktop.store.ops import describe_value
from desktop.store.reports import ReportRecord

from . import marks
from .textpos import TextPositions

if TYPE_CHECKING:
    from PySide6.QtGui import QMouseEvent, QPaintEvent, QResizeEvent


# What a click picks when spans nest: the smallest, and among equals the most specific kind.
_KIND_RANK = {"metric": 0, "field": 1, "flag": 2, "section": 3, "part": 4}


@dataclass(frozen=True)
class Span:
    """One highlighted span, in Python offsets of the text shown."""

    start: int
    end: int
    kind: str  # metric | section | part | field | flag
    item_id: int | None  # None for flags
    state: str | None = None
    flag: dict[str, Any] | None = None


class RepairMargin(QWidget):
    """The narrow strip beside the text that marks the lines with a mojibake repair; the
    repair itself shows whole on hover (here or on the garbled text)."""

    def __init__(self, view: ReportTextView) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self) -> QSize:
        return QSize(self.view.repair_margin_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self.view.paint_repairs(self, event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.view.repair_at(event.pos().y())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


class SpanHighlighter(QSyntaxHighlighter):
    """Character formats for spans given in Qt positions, merged where spans overlap (a
    metric inside a heading stays bold), applied as Qt lays out each block."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.clear_ranges()

    def clear_ranges(self) -> None:
        """No formats (before new text is set: Qt highlights it as it arrives)."""
        self._ranges: list[tuple[int, int, int, QTextCharFormat]] = []  # (start, end, layer, format) by start
        self._starts: list[int] = []
        self._longest = 0

    def set_ranges(self, ranges: list[tuple[int, int, int, QTextCharFormat]]) -> None:
        """``ranges``: (start, end, layer, format); higher layers are merged over lower ones,
        and layer 0 must not overlap itself."""
        self._ranges = sorted(ranges, key=lambda r: (r[0], r[2]))
        self._starts = [r[0] for r in self._ranges]
        self._longest = max((end - start for start, end, *_ in self._ranges), default=0)
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock()
        first, last = block.position(), block.position() + block.length()
        lo = bisect.bisect_left(self._starts, first - self._longest)
        hi = bisect.bisect_left(self._starts, last)
        hits = sorted((r for r in self._ranges[lo:hi] if r[1] > first), key=lambda r: r[2])  # stable: by layer
        for start, end, layer, fmt in hits:
            start, end = max(start, first), min(end, last)
            if layer == 0:
                # the bottom layer (parts, which do not overlap each other): nothing to merge
                # with, and going run by run through pages of text would be slow
                self.setFormat(start - first, end - start, fmt)
                continue
            position = start
            while position < end:  # merge into what lower layers set, run by run
                current = self.format(position - first)
                run_end = position + 1
                while run_end < end and self.format(run_end - first) == current:
                    run_end += 1
                merged = QTextCharFormat(current)
                merged.merge(fmt)
                self.setFormat(position - first, run_end - position, merged)
                position = run_end


class ReportTextView(QPlainTextEdit):
    itemClicked = Signal(int)  # the reviewer clicked a highlighted item

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setMouseTracking(True)
        self.record: ReportRecord | None = None
        self.simplified = False
        self._shown_text = ""
        self._positions = TextPositions("")
        # original span -> shown span and back, when the normalised text is shown
        self._to_shown: Callable[[int, int], tuple[int, int]] | None = None
        self._to_original: Callable[[int, int], tuple[int, int]] | None = None
        self._spans: list[Span] = []
        self._span_starts: list[int] = []
        self._problems: dict[int | None, list[str]] = {}
        self._selected: int | None = None
        self._formats_current = False  # the highlighter has this record's spans
        self._repairs: list[tuple[int, str]] = []  # (shown offset of the garbled line, repair)
        self._margin = RepairMargin(self)
        self._highlighter = SpanHighlighter(self.document())
        self.updateRequest.connect(self._on_update_request)

    # ------------------------------------------------------------------ content

    def set_record(self, record: ReportRecord | None, problems: dict[int | None, list[str]] | None = None) -> None:
        """Show ``record``; ``problems`` maps item ids to messages shown on hover."""
        self.record = record
        self._problems = problems or {}
        self._selected = None
        self._load_text()

    def set_simplified(self, simplified: bool) -> None:
        if simplified == self.simplified:
            return
        selected = self._selected
        self.simplified = simplified
        self._load_text()
        if selected is not None:
            self.select_item(selected)

    def set_problems(self, problems: dict[int | None, list[str]]) -> None:
        self._problems = problems

    def items_changed(self) -> None:
        """The record's items changed (the window updates them): redo the highlights,
        keep the scroll."""
        if self.record is None:
            return
        self._build_spans()
        self._apply_highlights()

    def _load_text(self) -> None:
        record = self.record
        if record is None:
            self._shown_text, self._to_shown, self._to_original = "", None, None
        elif self.simplified:
            from desktop.core.normalise import normalise  # OpenCC: loaded when first asked for

            normalised = normalise(record.text)
            self._shown_text = normalised.text
            self._to_shown, self._to_original = normalised.to_normalised, normalised.to_original
        else:
            self._shown_text, self._to_shown, self._to_original = record.text, None, None
        self._positions = TextPositions(self._shown_text)
        self._highlighter.clear_ranges()
        self.setPlainText(self._shown_text)
        self._build_spans()
        self._apply_highlights()
        self._update_margin()

    def shown_text(self) -> str:
        return self._shown_text

    # ------------------------------------------------------------------ spans

    def _shown(self, start: int, end: int) -> tuple[int, int]:
        if self._to_shown is None:
            return start, end
        return self._to_shown(start, end)

    def _build_spans(self) -> None:
        spans: list[Span] = []
        record = self.record
        if record is not None:
            for item in record.items:
                if item["start"] is None or item["end"] is None:
                    continue
                start, end = self._shown(item["start"], item["end"])
                if item["kind"] == "section":
                    end = self._heading_end(start, end, (item["data"] or {}).get("title") or "")
                spans.append(Span(start, end, item["kind"], item["id"], item["state"]))
            for flag in record.flags:
                if flag.get("kind") == "low_confidence" or flag.get("end", 0) <= flag.get("start", 0):
                    continue  # items carry their own confidence marks
                start, end = self._shown(flag["start"], flag["end"])
                spans.append(Span(start, end, "flag", None, None, flag))
        spans.sort(key=lambda s: (s.start, s.end))
        self._spans = spans
        self._span_starts = [s.start for s in spans]
        self._repairs = []
        if record is not None and not self.simplified:
            for flag in record.flags:
                if flag.get("kind") == "mojibake" and flag.get("repair"):
                    self._repairs.append((flag["start"], flag["repair"]))

    def _heading_end(self, start: int, end: int, title: str) -> int:
        """A section spans its whole body; only its heading is highlighted: up to the end of
        its title where the title is found near the start, else to the end of the line or
        of the first sentence (run-in headings such as "1.及时调整……。正文")."""
        text = self._shown_text
        window = min(end, start + len(title) + 40)
        if title:
            found = text.find(title, start, window)
            if found >= 0:
                return found + len(title)
        line_end = text.find("\n", start, end)
        line_end = end if line_end < 0 else line_end
        sentence_end = text.find("。", start, line_end)
        return line_end if sentence_end < 0 else sentence_end + 1

    def spans_at(self, position: int) -> list[Span]:
        """The spans that contain ``position`` (Python offset of the shown text), best first."""
        hits = [
            s for s in self._spans[: bisect.bisect_right(self._span_starts, position)] if s.start <= position < s.end
        ]
        return sorted(hits, key=lambda s: (s.end - s.start, _KIND_RANK[s.kind]))

    # ------------------------------------------------------------------ highlighting

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        qt_start, qt_end = self._positions.span_to_qt(start, end)
        cursor = QTextCursor(self.document())
        cursor.setPosition(qt_start)
        cursor.setPosition(qt_end, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def _apply_highlights(self, *, rebuild: bool = True) -> None:
        """Show the highlights; ``rebuild=False`` keeps the item highlights (only the selected
        item moved). Headings, fields, flags and metrics (hundreds of spans) are character
        formats applied block by block by a QSyntaxHighlighter: an ExtraSelection each would
        lay out its block twice (QTextCursor.setPosition), most of the cost of opening a big
        report. Only the selected item is an ExtraSelection (drawn over the rest)."""
        if rebuild or not self._formats_current:
            # later layers are merged over earlier ones: a metric inside a heading stays bold
            order = {"part": 0, "section": 1, "field": 2, "flag": 3, "metric": 4}
            ranges = []
            for span in sorted(self._spans, key=lambda s: order[s.kind]):
                fmt = self._format(span)
                if fmt is not None:
                    ranges.append((*self._positions.span_to_qt(span.start, span.end), order[span.kind], fmt))
            self._highlighter.set_ranges(ranges)
            self._formats_current = True
        selections = []
        if self._selected is not None:
            chosen = self._span_of(self._selected)
            if chosen is not None:
                selected = QTextCharFormat()
                selected.setBackground(marks.SELECTED_BACKGROUND)
                end = max(chosen.end, chosen.start + 1)
                if chosen.kind == "part":  # a part is pages long: mark where it starts, keep its highlights
                    line_end = self._shown_text.find("\n", chosen.start, end)
                    end = line_end if line_end > chosen.start else min(end, chosen.start + 40)
                selections.append(self._selection(chosen.start, end, selected))
        self.setExtraSelections(selections)

    def _format(self, span: Span) -> QTextCharFormat | None:
        fmt = QTextCharFormat()
        if span.kind == "part":
            if span.state == "rejected":
                return None
            part = self._item_data(span.item_id).get("part", "other")
            fmt.setBackground(marks.PART_BACKGROUNDS.get(part, marks.PART_BACKGROUNDS["other"]))
        elif span.kind == "section":
            if span.state == "rejected":
                return None
            fmt.setBackground(marks.HEADING_BACKGROUND)
            fmt.setFontWeight(QFont.Weight.Bold)
        elif span.kind == "metric":
            if span.state == "rejected":
                fmt.setFontStrikeOut(True)
                fmt.setForeground(QColor("#8a8a8a"))
            else:
                fmt.setBackground(marks.METRIC_BACKGROUND)
        elif span.kind == "flag":
            kind = str((span.flag or {}).get("kind"))
            colour = marks.FLAG_COLOURS.get(kind, QColor("#d32f2f"))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(colour)
            if kind in ("boilerplate", "spam"):
                fmt.setForeground(colour)
        elif span.kind == "field":
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(QColor("#1f5fbf"))
        return fmt

    def _item_data(self, item_id: int | None) -> dict[str, Any]:
        item = self.record.item(item_id) if (self.record is not None and item_id is not None) else None
        return (item or {}).get("data") or {}

    def _span_of(self, item_id: int) -> Span | None:
        return next((s for s in self._spans if s.item_id == item_id), None)

    # ------------------------------------------------------------------ selecting

    def select_item(self, item_id: int | None, *, move_caret: bool = True) -> bool:
        """Highlight ``item_id`` and scroll to it; False when it has no span in the text.
        ``move_caret`` False (a click in the text): the caret stays where the click put it,
        so that a keyboard selection starts there."""
        self._selected = item_id
        self._apply_highlights(rebuild=False)
        span = self._span_of(item_id) if item_id is not None else None
        if span is None:
            return False
        if not move_caret:
            return True
        cursor = self.textCursor()
        cursor.setPosition(self._positions.to_qt(span.start))
        self.setTextCursor(cursor)
        self.centerCursor()
        return True

    def selected_item(self) -> int | None:
        return self._selected

    def selected_span(self) -> tuple[int, int, str] | None:
        """The reviewer's text selection as (start, end, text) in offsets of the text as read,
        or None when nothing is selected."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start, end = self._positions.span_to_python(cursor.selectionStart(), cursor.selectionEnd())
        if self._to_original is not None:
            start, end = self._to_original(start, end)
        text = self.record.text[start:end] if self.record is not None else ""
        return (start, end, text) if end > start else None

    def caret_offset(self) -> int | None:
        """The caret's offset in the text as read."""
        if self.record is None:
            return None
        position = self._positions.to_python(self.textCursor().position())
        if self._to_original is not None:
            position = self._to_original(position, position)[0]
        return position

    def select_text(self, start: int, end: int) -> None:
        """Select a span given in offsets of the text as read (tests, "find")."""
        start, end = self._shown(start, end)
        cursor = self.textCursor()
        cursor.setPosition(self._positions.to_qt(start))
        cursor.setPosition(self._positions.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def position_of(self, item_id: int) -> int | None:
        """The Qt position of an item's start (for tests and keyboard navigation)."""
        span = self._span_of(item_id)
        return None if span is None else self._positions.to_qt(span.start)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        position = self._positions.to_python(self.cursorForPosition(event.position().toPoint()).position())
        # the innermost item under the click (a metric rather than the part around it)
        for span in sorted(self.spans_at(position), key=lambda span: span.end - span.start):
            if span.item_id is not None:
                self._selected = span.item_id
                self._apply_highlights(rebuild=False)
                self.itemClicked.emit(span.item_id)
                return

    # ------------------------------------------------------------------ hover

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            cursor = self.cursorForPosition(self.viewport().mapFromGlobal(event.globalPos()))
            text = self.tooltip_at(self._positions.to_python(cursor.position()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def tooltip_at(self, position: int) -> str:
        lines = []
        for span in self.spans_at(position):
            if span.kind == "flag":
                flag = span.flag or {}
                line = marks.flag_name(flag.get("kind", ""))
                if flag.get("repair"):
                    line += self.tr(": repaired as %1").replace("%1", flag["repair"])
                lines.append(line)
                continue
            item = self.record.item(span.item_id) if self.record is not None and span.item_id is not None else None
            if item is None:
                continue
            what = {
                "metric": self.tr("Metric"),
                "section": self.tr("Heading"),
                "part": self.tr("Part"),
                "field": marks.field_name(item.get("key") or ""),
            }[span.kind]
            value = (
                marks.part_name(item["data"].get("part", "")) if span.kind == "part" else describe_value(item["data"])
            )
            lines.append(f"{marks.state_mark(item['state'])} {what}: {value} — {marks.state_tooltip(item['state'])}")
            lines.extend(f"    ⚠ {message}" for message in self._problems.get(item["id"], []))
        return "\n".join(lines)

    # ------------------------------------------------------------------ repair margin

    def repair_margin_width(self) -> int:
        """A mark's width: a margin wide enough for the repairs themselves took a third of the
        text's width for the whole report, and still clipped the longer ones."""
        if not self._repairs:
            return 0
        return self.fontMetrics().horizontalAdvance("修") * 2

    def _repair_rects(self) -> list[tuple[QRect, str]]:
        offset = self.contentOffset()
        out = []
        for start, repair in self._repairs:
            block = self.document().findBlock(self._positions.to_qt(start))
            if block.isValid():
                geometry = self.blockBoundingGeometry(block).translated(offset)
                out.append((QRect(0, int(geometry.top()), self._margin.width(), int(geometry.height())), repair))
        return out

    def repair_at(self, y: int) -> str:
        """The repair of the line beside the margin at ``y`` (whole, for a tooltip)."""
        for rect, repair in self._repair_rects():
            if rect.top() <= y <= rect.bottom():
                return self.tr("Garbled text, repaired as: %1").replace("%1", repair)
        return ""

    def _update_margin(self) -> None:
        self.setViewportMargins(0, 0, self.repair_margin_width(), 0)
        self._layout_margin()

    def _layout_margin(self) -> None:
        rect = self.contentsRect()
        width = self.repair_margin_width()
        self._margin.setGeometry(QRect(rect.right() - width + 1, rect.top(), width, rect.height()))
        self._margin.setVisible(width > 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_margin()

    def _on_update_request(self, rect: QRect, dy: int) -> None:
        if dy:
            self._margin.scroll(0, dy)
        else:
            self._margin.update(0, rect.y(), self._margin.width(), rect.height())

    def paint_repairs(self, margin: QWidget, event: QPaintEvent) -> None:
        painter = QPainter(margin)
        painter.fillRect(event.rect(), QColor("#fff5f5"))
        painter.setPen(marks.FLAG_COLOURS["mojibake"])
        for rect, _repair in self._repair_rects():
            if rect.intersects(event.rect()):
                painter.drawText(
                    QRect(rect.left(), rect.top(), rect.width(), self.fontMetrics().height() + 4),
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                    "修",
                )
        painter.end()
