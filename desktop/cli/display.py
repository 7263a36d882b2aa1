"""File names as the command line prints them: one line, nothing a terminal would run.

A name may hold any byte but '/' and NUL: a newline or tab would split the ``imported ID
PATH`` lines, an ESC would send escape sequences to the terminal, and bytes that are not
UTF-8 cannot be printed at all (Python holds them as surrogate escapes). Such a name is
shown in double quotes with backslash escapes (``"bad\\xff\\xfe.txt"``, ``"a\\nb.txt"``);
every other name is shown as it is.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

# C0/C1 controls, DEL, surrogate escapes, a quote or backslash (so that quoting is unambiguous),
# and the invisible characters that reorder or hide text (bidi overrides, line separators).
_SPECIAL = re.compile(r'[\x00-\x1f\x7f-\x9f\ud800-\udfff"\\\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]')
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def _escape(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of the name
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def shown(path: str | Path) -> str:
    """``path`` for a terminal or a line-based output: as it is, or quoted and escaped."""
    text = os.fspath(path)
    if not _SPECIAL.search(text) and all(unicodedata.category(c) != "Cf" for c in text if ord(c) > 0x7F):
        return text
    return '"' + "".join(_escape(c) if _SPECIAL.match(c) or unicodedata.category(c) == "Cf" else c for c in text) + '"'


def json_name(path: str | Path) -> str:
    """``path`` as valid Unicode for JSON: undecodable bytes written as ``\\xNN``."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    return text
