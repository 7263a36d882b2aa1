"""Running the ``fazhi-review`` command line in a subprocess, as a user would."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CLI = [sys.executable, "-m", "desktop.cli.main"]


def run_cli(*args: str | Path, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    """``env`` adds to (or overrides) this process's environment."""
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, encoding="utf-8",
                          timeout=timeout, env={**os.environ, **(env or {})})
