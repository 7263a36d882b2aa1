"""Running the ``fazhi-review`` command line in a subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CLI = [sys.executable, "-m", "desktop.cli.main"]


# root reads and lists everything: a test of what a user may not read runs the command as nobody
AS_USER = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] if os.geteuid() == 0 else []


def run_cli(
    *args: str | Path, env: dict | None = None, timeout: float = 300, unprivileged: bool = False
) -> subprocess.CompletedProcess:
    """``env`` adds to (or overrides) this process's environment. ``unprivileged``: as an
    ordinary user even when the tests run as root (the files it touches must be theirs to use)."""
    command = [*(AS_USER if unprivileged else []), *CLI, *map(str, args)]
    return subprocess.run(
        command, capture_output=True, text=True, encoding="utf-8", timeout=timeout, env={**os.environ, **(env or {})}
    )
