"""Render the app icon (resources/icons/fazhi-review.svg, drawn by hand) to the files the
installers use: PNGs for Linux (.desktop, hicolor theme), .ico for Windows, .icns for macOS.

    .venv/bin/python tools/make_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
PNG_SIZES = (256, 128, 48)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "fazhi-review.svg"))
    if not renderer.isValid():
        print("cannot read fazhi-review.svg", file=sys.stderr)
        return 1
    for size in PNG_SIZES:
        target = ICONS / f"fazhi-review-{size}.png"
        if not render(renderer, size).save(str(target), "PNG"):
            print(f"cannot write {target}", file=sys.stderr)
            return 1
    # Qt's ico and icns image plugins write one picture each: 256 px serves both systems.
    for suffix, fmt in ((".ico", "ICO"), (".icns", "ICNS")):
        target = ICONS / f"fazhi-review{suffix}"
        if not render(renderer, 256).save(str(target), fmt):
            print(f"cannot write {target}", file=sys.stderr)
            return 1
    del app
    print(f"icons written to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
