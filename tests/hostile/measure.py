"""Running the command line as a user would, with its wall time and peak memory.

The peak is the process's own VmHWM (read at exit): ``wait4``'s ru_maxrss would count the
image of the test process the child was forked from, before it ran the command."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass

_WRAPPER = (
    "import atexit, sys\n"
    "def peak():\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM:'):\n"
    "            sys.stderr.write('\\nPEAK_KB=' + line.split()[1] + '\\n')\n"
    "atexit.register(peak)\n"
    "from desktop.cli.main import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)
_PEAK = re.compile(r"\n?PEAK_KB=(\d+)\n")


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float  # the command's own peak resident memory


def run_measured(*args, env: dict | None = None, timeout: float = 120) -> Run:
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *map(os.fsdecode, args)],
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )
    seconds = time.monotonic() - start
    stderr = proc.stderr.decode("utf-8", "replace")
    found = _PEAK.search(stderr)
    assert found, f"no peak memory reported: {stderr[-500:]}"
    return Run(
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        _PEAK.sub("", stderr),
        seconds,
        int(found.group(1)) / 1024,
    )
