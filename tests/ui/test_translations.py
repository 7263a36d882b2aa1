"""The Chinese interface: the .ts is fully translated, the .qm is built from it, and the app's
strings come out in Chinese once the .qm is installed.

Refresh after changing interface strings: ``make translations`` (lupdate, then
tools/fill_translations.py with resources/translations/zh_CN.tsv, then lrelease).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from desktop.core.resources import resources_dir

TRANSLATIONS = resources_dir() / "translations"
TS = TRANSLATIONS / "fazhi_review_zh_CN.ts"
QM = TRANSLATIONS / "fazhi_review_zh_CN.qm"
PLACEHOLDER = re.compile(r"%(?:\d+|n)")
ACCELERATOR = re.compile(r"&([^&\s])")
HAN = re.compile(r"[\u4e00-\u9fff]")


def messages() -> list[dict]:
    """Every current message of the .ts: context, source, comment, numerus, translations, type."""
    found = []
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "missing"
            if kind in ("obsolete", "vanished"):
                continue
            numerus = message.get("numerus") == "yes"
            if translation is None:
                texts = []
            elif numerus:
                texts = [form.text or "" for form in translation.iter("numerusform")]
            else:
                texts = [translation.text or ""]
            found.append(
                {
                    "context": name,
                    "source": message.findtext("source") or "",
                    "comment": message.findtext("comment") or None,
                    "numerus": numerus,
                    "texts": texts,
                    "type": kind,
                }
            )
    return found


def label(message: dict) -> str:
    return f"{message['context']}: {message['source']!r}"


@pytest.fixture
def translator(qapp) -> Iterator[QTranslator]:
    translator = QTranslator()
    assert translator.load(str(QM)), f"cannot load {QM}"
    qapp.installTranslator(translator)
    try:
        yield translator
    finally:
        qapp.removeTranslator(translator)


# ---------------------------------------------------------------- (a) the .ts is complete


def test_ts_has_messages_in_every_part_of_the_interface():
    contexts = {m["context"] for m in messages()}
    assert len(messages()) > 200
    assert {
        "MainWindow",
        "LibraryModel",
        "LibraryView",
        "Marks",
        "Problems",
        "ReviewSession",
        "FieldsPanel",
        "OutlinePanel",
        "PartsPanel",
        "MetricsPanel",
        "ExportDialog",
        "PreferencesDialog",
    } <= contexts


def test_every_message_is_translated():
    unfinished = [label(m) for m in messages() if m["type"] is not None]
    empty = [label(m) for m in messages() if not m["texts"] or not all(t.strip() for t in m["texts"])]
    assert not unfinished, "unfinished (add them to resources/translations/zh_CN.tsv):\n" + "\n".join(unfinished)
    assert not empty, "empty translations:\n" + "\n".join(empty)


def test_translations_keep_placeholders_and_accelerators():
    wrong = []
    for m in messages():
        for text in m["texts"]:
            wanted, got = set(PLACEHOLDER.findall(m["source"])), set(PLACEHOLDER.findall(text))
            # lupdate reads tr("Context", "text") through an alias as (source, comment): text in the comment
            known = wanted | set(PLACEHOLDER.findall(m["comment"] or ""))
            if not wanted <= got:
                wrong.append(f"{label(m)} -> {text!r}: lost {sorted(wanted - got)}")
            if not got <= known:
                wrong.append(f"{label(m)} -> {text!r}: {sorted(got - known)} not in the source")
            if ACCELERATOR.search(m["source"].replace("&&", "")) and not ACCELERATOR.search(text.replace("&&", "")):
                wrong.append(f"{label(m)} -> {text!r}: accelerator lost")
            if m["source"].endswith("…") and not text.endswith("…"):
                wrong.append(f"{label(m)} -> {text!r}: trailing … lost")
    assert not wrong, "\n".join(wrong)


def test_translations_are_chinese():
    """Only file names, formats and numbering may stay as they are."""
    kept = {"%1. %2", "YYYY-MM-DD", "JSON Lines (.jsonl)"}
    english = [label(m) for m in messages() if m["source"] not in kept and not any(HAN.search(t) for t in m["texts"])]
    assert not english, "\n".join(english)


# ---------------------------------------------------------------- (b) the .qm is built from this .ts


def test_qm_holds_every_translation_of_the_ts():
    translator = QTranslator()
    assert translator.load(str(QM))
    stale = []
    for m in messages():
        got = translator.translate(m["context"], m["source"], m["comment"], 1 if m["numerus"] else -1)
        if got != m["texts"][0]:
            stale.append(f"{label(m)}: .qm has {got!r}, .ts has {m['texts'][0]!r}")
    assert not stale, "the .qm is out of date, run make translations:\n" + "\n".join(stale)


def test_qm_is_what_lrelease_makes_of_the_ts(tmp_path: Path):
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    if not lrelease.exists():
        lrelease = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    if lrelease is None:
        pytest.skip("no lrelease (the message-by-message comparison above still ran)")
    rebuilt = tmp_path / "rebuilt.qm"
    subprocess.run([str(lrelease), "-silent", str(TS), "-qm", str(rebuilt)], check=True, capture_output=True)
    assert rebuilt.read_bytes() == QM.read_bytes(), "the .qm is out of date: run make translations"


# ---------------------------------------------------------------- (c) the app's strings in Chinese


@pytest.mark.parametrize(
    ("context", "source", "expected"),
    [
        ("MainWindow", "&File", "文件(&F)"),
        ("MainWindow", "Import &Files…", "导入文件(&F)…"),
        ("MainWindow", "&Undo", "撤销(&U)"),
        ("MainWindow", "Library", "资料库"),
        ("Marks", "Leaders' duty", "第一责任人职责"),
        ("Marks", "Garbled text (mojibake)", "乱码"),
        ("ReviewSession", "rejected", "已驳回"),
        ("LibraryModel", "Flagged", "待讨论"),
        ("MetricsModel", "Indicator", "指标类别"),
    ],
)
def test_strings_come_out_in_chinese(translator, context, source, expected):
    assert QCoreApplication.translate(context, source) == expected


def test_placeholders_and_plurals_are_filled_in(translator):
    assert QCoreApplication.translate("LibraryModel", "%n item(s) not yet reviewed", None, 3) == "3 个条目尚未审核"
    assert QCoreApplication.translate("Problems", "Unknown province: %1").replace("%1", "江苏") == "未知省份：江苏"


def test_a_real_dialog_is_in_chinese(translator, qtbot):
    from desktop.ui.dialogs import ShortcutsDialog

    dialog = ShortcutsDialog([("确认(&A)", "A")])
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "键盘快捷键"
    assert dialog.table.horizontalHeaderItem(0).text() == "操作"


def test_every_string_of_the_interface_is_in_the_ts(tmp_path: Path):
    """A string added to the code without `make translations` would show in English."""
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists():
        pytest.skip("no pyside6-lupdate")
    sources = sorted(str(p) for p in (Path(__file__).resolve().parents[2] / "desktop" / "ui").rglob("*.py"))
    fresh = tmp_path / "fresh.ts"
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    in_code = {
        (c.findtext("name") or "", m.findtext("source") or "")
        for c in ET.parse(fresh).getroot().iter("context")
        for m in c.iter("message")
    }
    in_ts = {(m["context"], m["source"]) for m in messages()}
    assert in_code - in_ts == set(), "run make translations and translate the new strings"
