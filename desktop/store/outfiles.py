"""Writing the files a user asks for (exports, datasets, reports): safely, and with cells a
spreadsheet never runs.

``output_file(path)`` writes a temporary file made by ``tempfile`` in the target's folder
(O_EXCL, a name nobody can guess or plant a symlink at) and moves it over ``path`` only
when the writing succeeded, so a full disk or an error leaves the old file as it was. Only
regular files are written: a device (``/dev/full``), a FIFO, a socket or a folder at
``path`` is refused instead of being replaced by a regular file. A file that exists keeps
its permissions; a new one is readable by its owner only, as it holds the library's data.

``guard_cell(value)`` is the one cell-escaping rule of every CSV and XLSX writer: a text
cell a spreadsheet would read as a formula (``= + - @``, also after leading spaces, tabs or
line ends, and a cell starting with a tab or carriage return) gets a leading apostrophe, as
Excel itself shows text typed that way.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

NEW_FILE_MODE = 0o600

_FORMULA = re.compile(r"[ \t\r\n]*[=+\-@]|[\t\r]")


class OutputFileError(OSError):
    """The output path is not something a file may be written to (one-line reason)."""


def looks_like_formula(value: str) -> bool:
    return _FORMULA.match(value) is not None


def guard_cell(value: Any) -> Any:
    """``value`` with a leading apostrophe when it is text a spreadsheet would run."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


def _kind(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_output_path(path: str | Path) -> tuple[Path, int | None]:
    """(the file to write, following symlinks; the mode to give it: the existing file's, or
    None for a new file). Raises :class:`OutputFileError` for anything but a regular file."""
    target = Path(os.path.realpath(path))
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return target, None
    kind = _kind(st.st_mode)
    if kind is not None:
        raise OutputFileError(f"{path} is {kind}, not a regular file: choose a file name to write")
    return target, stat.S_IMODE(st.st_mode)


@contextlib.contextmanager
def output_file(path: str | Path, mode: str | None = "w", **kwargs: Any) -> Iterator[Any]:
    """Write ``path`` as a whole: yields an open file (``open(tmp, mode, **kwargs)``), or with
    ``mode=None`` the temporary path for a library that writes the file itself. The file
    replaces ``path`` only when the block succeeds; otherwise it is removed."""
    target, keep_mode = check_output_path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        if mode is None:
            os.close(fd)
            yield tmp
        else:
            with open(fd, mode, **kwargs) as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, NEW_FILE_MODE if keep_mode is None else keep_mode)
        # checked again just before the move: something may have appeared at the path meanwhile
        check_output_path(target)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
