"""How an item looks, everywhere in the window: one mark per review state, one colour per
kind of highlight. Kept in one place so the text view, the panels and the help sheet agree."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

# state -> (mark, colour). The mark is text so that it survives screenshots, printing and
# colour blindness; the colour only reinforces it.
STATE_MARKS = {
    "pending": ("○", "#8a8a8a"),  # the extractor's value, not yet confirmed
    "accepted": ("✓", "#1b7f3b"),  # confirmed by a reviewer
    "corrected": ("✎", "#1f5fbf"),  # changed by a reviewer
    "added": ("✚", "#7b3fbf"),  # added by a reviewer
    "rejected": ("✗", "#b3261e"),  # rejected by a reviewer
}


def state_mark(state: str) -> str:
    return STATE_MARKS.get(state, ("?", "#000000"))[0]


def state_colour(state: str) -> QColor:
    return QColor(STATE_MARKS.get(state, ("?", "#000000"))[1])


def state_tooltip(state: str) -> str:
    texts = {
        "pending": QCoreApplication.translate("Marks", "The extractor's value, not yet confirmed"),
        "accepted": QCoreApplication.translate("Marks", "Confirmed by a reviewer"),
        "corrected": QCoreApplication.translate("Marks", "Corrected by a reviewer"),
        "added": QCoreApplication.translate("Marks", "Added by a reviewer"),
        "rejected": QCoreApplication.translate("Marks", "Rejected by a reviewer"),
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
        "achievements": QCoreApplication.translate("Marks", "Achievements"),
        "leader_duty": QCoreApplication.translate("Marks", "Leaders' duty"),
        "shortcomings": QCoreApplication.translate("Marks", "Shortcomings"),
        "next_year": QCoreApplication.translate("Marks", "Next year"),
        "other": QCoreApplication.translate("Marks", "Other"),
    }
    return names.get(part, part)


PART_KEYS = ("achievements", "leader_duty", "shortcomings", "next_year", "other")


def flag_name(kind: str) -> str:
    names = {
        "mojibake": QCoreApplication.translate("Marks", "Garbled text (mojibake)"),
        "pinyin": QCoreApplication.translate("Marks", "Inserted pinyin"),
        "boilerplate": QCoreApplication.translate("Marks", "Web page chrome"),
        "spam": QCoreApplication.translate("Marks", "Injected spam"),
        "low_confidence": QCoreApplication.translate("Marks", "Low confidence"),
    }
    return names.get(kind, kind)


def field_name(key: str) -> str:
    names = {
        "title": QCoreApplication.translate("Marks", "Title"),
        "issuer": QCoreApplication.translate("Marks", "Issuer"),
        "region": QCoreApplication.translate("Marks", "Region"),
        "province": QCoreApplication.translate("Marks", "Province"),
        "level": QCoreApplication.translate("Marks", "Level"),
        "report_year": QCoreApplication.translate("Marks", "Report year"),
        "doc_number": QCoreApplication.translate("Marks", "Document number"),
        "publish_date": QCoreApplication.translate("Marks", "Publication date"),
        "script": QCoreApplication.translate("Marks", "Script"),
    }
    return names.get(key, key)


FIELD_KEYS = ("title", "issuer", "region", "province", "level", "report_year", "doc_number", "publish_date", "script")


def level_name(level: str | None) -> str:
    """A report's administrative level as a reviewer reads it."""
    if level is None:
        return ""
    names = {
        "province": QCoreApplication.translate("Marks", "Provincial"),
        "prefecture": QCoreApplication.translate("Marks", "Prefectural"),
        "county": QCoreApplication.translate("Marks", "County"),
        "district": QCoreApplication.translate("Marks", "District"),
        "zone": QCoreApplication.translate("Marks", "Development zone"),
        "department": QCoreApplication.translate("Marks", "Department"),
        "township": QCoreApplication.translate("Marks", "Township"),
    }
    return names.get(level, level)


def field_value_text(key: str, value: object) -> str:
    """A field's value as shown: level and script by name, unknown as a dash."""
    if value is None or value == "":
        return "—"
    if key == "level":
        return level_name(str(value))
    if key == "script":
        names = {
            "simplified": QCoreApplication.translate("Marks", "Simplified"),
            "traditional": QCoreApplication.translate("Marks", "Traditional"),
        }
        return names.get(str(value), str(value))
    return str(value)
