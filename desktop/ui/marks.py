"""How an item looks, everywhere in the window: one mark per review state, one colour per
kind of highlight. Kept in one place so the text view, the panels and the help sheet agree."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor


def _tr(text: str) -> str:
    return QCoreApplication.translate("Marks", text)


# state -> (mark, colour). The mark is text so that it survives screenshots, printing and
# colour blindness; the colour only reinforces it.
STATE_MARKS = {
    "pending": ("○", "#8a8a8a"),    # the extractor's value, not yet confirmed
    "accepted": ("✓", "#1b7f3b"),   # confirmed by a reviewer
    "corrected": ("✎", "#1f5fbf"),  # changed by a reviewer
    "added": ("✚", "#7b3fbf"),      # added by a reviewer
    "rejected": ("✗", "#b3261e"),   # rejected by a reviewer
}


def state_mark(state: str) -> str:
    return STATE_MARKS.get(state, ("?", "#000000"))[0]


def state_colour(state: str) -> QColor:
    return QColor(STATE_MARKS.get(state, ("?", "#000000"))[1])


def state_tooltip(state: str) -> str:
    texts = {
        "pending": _tr("The extractor's value, not yet confirmed"),
        "accepted": _tr("Confirmed by a reviewer"),
        "corrected": _tr("Corrected by a reviewer"),
        "added": _tr("Added by a reviewer"),
        "rejected": _tr("Rejected by a reviewer"),
    }
    return texts.get(state, state)


# Highlight colours: light backgrounds, so black text stays legible.
METRIC_BACKGROUND = QColor("#ffe58a")
HEADING_BACKGROUND = QColor("#cfe3ff")
SELECTED_BACKGROUND = QColor("#ff9f43")
PART_BACKGROUNDS = {
    "achievements": QColor("#eef8ee"),
    "leader_duty": QColor("#f3eefb"),
    "shortcomings": QColor("#fdeeee"),
    "next_year": QColor("#eaf6fb"),
    "other": QColor("#f4f4f4"),
}
FLAG_COLOURS = {
    "mojibake": QColor("#d32f2f"),
    "pinyin": QColor("#ef6c00"),
    "boilerplate": QColor("#757575"),
    "spam": QColor("#8e24aa"),
    "low_confidence": QColor("#f9a825"),
}


def part_name(part: str) -> str:
    names = {
        "achievements": _tr("Achievements"),
        "leader_duty": _tr("Leaders' duty"),
        "shortcomings": _tr("Shortcomings"),
        "next_year": _tr("Next year"),
        "other": _tr("Other"),
    }
    return names.get(part, part)


PART_KEYS = ("achievements", "leader_duty", "shortcomings", "next_year", "other")


def flag_name(kind: str) -> str:
    names = {
        "mojibake": _tr("Garbled text (mojibake)"),
        "pinyin": _tr("Inserted pinyin"),
        "boilerplate": _tr("Web page chrome"),
        "spam": _tr("Injected spam"),
        "low_confidence": _tr("Low confidence"),
    }
    return names.get(kind, kind)


def field_name(key: str) -> str:
    names = {
        "title": _tr("Title"), "issuer": _tr("Issuer"), "region": _tr("Region"), "province": _tr("Province"),
        "level": _tr("Level"), "report_year": _tr("Report year"), "doc_number": _tr("Document number"),
        "publish_date": _tr("Publication date"), "script": _tr("Script"),
    }
    return names.get(key, key)


FIELD_KEYS = ("title", "issuer", "region", "province", "level", "report_year", "doc_number", "publish_date",
              "script")
