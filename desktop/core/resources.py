"""Where the shipped data files (``resources/``) live, from source or frozen."""
from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The ``resources/`` folder: at the repo root, or inside a PyInstaller bundle.

    A frozen build must add the folder to the bundle as ``resources`` (e.g.
    ``datas=[("resources", "resources")]``); PyInstaller unpacks it under
    ``sys._MEIPASS``.
    """
    base = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and base:
        return Path(base) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"
