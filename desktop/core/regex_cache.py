"""Compiled regular expressions kept from one run to the next, as ``__pycache__`` keeps bytecode.

The extractor compiles about 230 patterns, many with CJK classes such as ``[\\u4e00-\\u9fff]``.
The standard library compiles in Python and fills a 65,536-entry map for every such class
(CPython gh-149427), about 1 ms a pattern: some 50 ms of a one-file ``fazhi-review extract``,
a third of the whole process. The compiled program depends only on the pattern text, the
flags and the interpreter, so it is saved in the user's cache folder and handed straight to
the regex engine on the next run.

No library does this. It takes the compiler's own steps (``re._parser.parse``,
``re._compiler._code``, ``_sre.compile``, as ``re.compile`` calls them), which are not public:
the file is named for the interpreter and the engine's ``MAGIC``; the engine validates every
program it is given; and anything unexpected (another Python, a damaged file, a program the
engine refuses) falls back to ``re.compile``. Caching only ever changes the speed.

``FAZHI_REGEX_CACHE`` names another folder for the file; set to an empty value it turns the
cache off (the tests do, except the ones about the cache).
"""

from __future__ import annotations

import atexit
import contextlib
import marshal
import os
import re
import sys
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

CACHE_ENV = "FAZHI_REGEX_CACHE"
MAX_PROGRAMS = 1024  # about 5 times what the app compiles; catalogue edits add more, the oldest go first

# flags, code, number of groups, group index, index group: the arguments after the pattern
# that re._compiler.compile passes to _sre.compile.
Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
Key = tuple[str, int]

try:
    import _sre  # type: ignore[import-not-found]
    from re import _compiler, _parser  # type: ignore[attr-defined]

    _ENGINE = f"{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}"
except (ImportError, AttributeError):  # pragma: no cover - an interpreter without them
    _ENGINE = ""

_lock = threading.Lock()
_programs: dict[Key, Program] | None = None
_added: dict[Key, Program] = {}
_save_registered = False


def compile_regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the saved program when there is one."""
    flags = int(flags)
    if not _ENGINE or cache_file() is None:
        return re.compile(pattern, flags)
    key = (pattern, flags)
    program = _saved_programs().get(key)
    if program is not None:
        try:
            return _sre.compile(pattern, *program)  # type: ignore[no-any-return]
        except (RuntimeError, TypeError, ValueError, OverflowError):
            pass  # a program this engine refuses: compile afresh and save that instead
    try:
        program = _compile_program(pattern, flags)
        compiled = _sre.compile(pattern, *program)
    except re.error:
        raise
    except Exception:  # internals not as expected: the cache stays out of the way
        return re.compile(pattern, flags)
    with _lock:
        _added[key] = program
        _register_save()
    return compiled  # type: ignore[no-any-return]


def cache_file() -> Path | None:
    """Where the programs are saved, or None when the cache is off."""
    return _cache_file(os.environ.get(CACHE_ENV), os.environ.get("XDG_CACHE_HOME"), os.environ.get("LOCALAPPDATA"))


def save() -> None:
    """Write the programs compiled in this process, with those already saved (best effort:
    a folder that cannot be written only means the next run compiles again)."""
    path = cache_file()
    with _lock:
        if not _added or path is None:
            return
        programs = dict(_read(path))
        programs.update(_added)
        if len(programs) > MAX_PROGRAMS:
            programs = dict(list(programs.items())[-MAX_PROGRAMS:])
        _added.clear()
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(marshal.dumps({"engine": _ENGINE, "programs": programs}))
        os.replace(partial, path)  # readers see the old file or the new, never half of one
    except OSError:
        # e.g. Windows refuses to replace a file another process is reading: its turn next time
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


def _compile_program(pattern: str, flags: int) -> Program:
    """What ``re._compiler.compile`` builds for ``_sre.compile``."""
    parsed = _parser.parse(pattern, flags)
    code = [int(word) for word in _compiler._code(parsed, flags)]  # opcodes are int subclasses
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))


def _saved_programs() -> dict[Key, Program]:
    global _programs
    if _programs is None:
        path = cache_file()
        loaded = _read(path) if path is not None else {}
        with _lock:
            if _programs is None:
                _programs = loaded
    return _programs


def _read(path: Path) -> dict[Key, Program]:
    try:
        data: Any = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(data, dict) or data.get("engine") != _ENGINE or not isinstance(data.get("programs"), dict):
        return {}
    return data["programs"]  # type: ignore[no-any-return]


def _register_save() -> None:
    global _save_registered
    if not _save_registered:
        _save_registered = True
        atexit.register(save)


@lru_cache(maxsize=8)
def _cache_file(folder: str | None, *_platform_environment: str | None) -> Path | None:
    # remembered per the variables platformdirs reads: every compile asks
    if folder is None:
        import platformdirs

        folder = platformdirs.user_cache_dir("fazhi-review", appauthor=False)
    elif not folder.strip():
        return None
    return Path(folder).expanduser() / f"regex-{_ENGINE}.marshal"
