"""Running the command line as a user would, with its wall time and peak memory (wait4)."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass

CLI = [sys.executable, "-m", "desktop.cli.main"]


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float  # the command's own peak resident memory


def run_measured(*args, env: dict | None = None, timeout: float = 120) -> Run:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen([*CLI, *map(os.fsdecode, args)], stdout=out, stderr=err,
                                env={**os.environ, **(env or {})})
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                os.wait4(proc.pid, 0)
                raise TimeoutError(f"{args} still running after {timeout} s")
            time.sleep(0.02)  # polling the child (not waiting for a condition in the test)
        seconds = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(proc.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                   seconds, usage.ru_maxrss / 1024)
