"""make mutation's summary: the share of mutants the tests killed, per mutated module.

Reads mutmut's results (mutants/**/*.py.meta). A mutant counts as killed when a test failed
or timed out on it; one that no selected test reaches counts as surviving (it is a gap too).
``--survivors`` lists the surviving mutants' names (``mutmut show NAME`` shows the change).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from mutmut.stats import status_by_exit_code

KILLED = {"killed", "timeout", "segfault", "caught by type check"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--survivors", action="store_true", help="list the surviving mutants")
    args = parser.parse_args()
    metas = sorted(Path("mutants").rglob("*.py.meta"))
    if not metas:
        print("no mutation results: run make mutation", file=sys.stderr)
        return 1
    for meta in metas:
        results = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        statuses = {name: status_by_exit_code[code] for name, code in results.items()}
        checked = {name: s for name, s in statuses.items() if s != "not checked"}
        killed = sum(s in KILLED for s in checked.values())
        module = meta.relative_to("mutants").as_posix().removesuffix(".meta")
        share = killed / len(checked) if checked else 0.0
        unchecked = len(statuses) - len(checked)
        print(
            f"{module}: {killed} of {len(checked)} mutants killed, {share:.1%}"
            + (f" ({unchecked} not checked)" if unchecked else "")
        )
        if args.survivors:
            for name, s in sorted(checked.items()):
                if s not in KILLED:
                    print(f"  {s}\t{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
