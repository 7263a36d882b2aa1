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


def seeds_dir() -> Path:
    """The bundled sample reports (``seeds/``): at the repo root, or inside a PyInstaller
    bundle, which adds them as ``seeds`` (see packaging/fazhi-review.spec)."""
    base = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and base:
        return Path(base) / "seeds"
    return Path(__file__).resolve().parents[2] / "seeds"


def read_word_lists(relative_path: str) -> dict[str, list[str]]:
    """A word-list data file: one entry a line, ``#`` starts a comment, ``[name]`` opens a
    named list. Entries before any ``[name]`` go to the list named ``""``."""
    lists: dict[str, list[str]] = {"": []}
    current = ""
    with (resources_dir() / relative_path).open(encoding="utf-8") as handle:
        for raw in handle:
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            if line.startswith("[") and line.endswith("]"):
                current = line[1:-1]
                lists.setdefault(current, [])
            else:
                lists[current].append(line)
    return lists
