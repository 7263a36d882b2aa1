"""make lint's type check: mypy over desktop/, held to the recorded count of errors per file.

mypy's settings are in pyproject.toml (strict for desktop/core and desktop/store). The code
predates them, so tools/mypy-baseline.txt records how many errors each file still has: a file
may go down, never up, and a file not listed must have none. ``--update`` rewrites the record
after errors were fixed (it refuses to raise a count).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

BASELINE = Path(__file__).with_name("mypy-baseline.txt")
ERROR = re.compile(r"^(?P<path>[^:]+\.py):\d+: error:")


def counts(output: str) -> Counter[str]:
    return Counter(m["path"] for line in output.splitlines() if (m := ERROR.match(line)))


def read_baseline() -> Counter[str]:
    found: Counter[str] = Counter()
    if BASELINE.exists():
        for line in BASELINE.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                n, path = line.split(maxsplit=1)
                found[path] = int(n)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="record the lower counts after fixing errors")
    args = parser.parse_args()
    result = subprocess.run([sys.executable, "-m", "mypy"], capture_output=True, text=True)
    now, allowed = counts(result.stdout), read_baseline()
    worse = {path: (n, allowed[path]) for path, n in now.items() if n > allowed[path]}
    if worse:
        print(result.stdout, end="")
        for path, (n, limit) in sorted(worse.items()):
            print(f"{path}: {n} type errors, {limit} allowed (tools/mypy-baseline.txt)", file=sys.stderr)
        return 1
    if args.update:
        lines = ["# mypy errors per file still to fix (tools/typecheck.py); counts only go down"]
        lines += [f"{n} {path}" for path, n in sorted(now.items())]
        BASELINE.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(
        f"mypy: {sum(now.values())} errors left in {len(now)} files, none new "
        f"({sum(allowed.values()) - sum(now.values())} fewer than recorded)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
