"""The dataset's commands: ``quality`` (how the extractor did, measured by the reviewers'
decisions) and ``dataset`` (the indicator table: reports x indicators, curated values).

    fazhi-review quality [--db DB] [--out FILE.csv] [filters]
    fazhi-review dataset --out FILE.csv [--db DB] [filters]

Filters are the library view's: ``--state``, ``--province``, ``--level``, ``--year``,
``--flagged``, ``--search``. No Qt here (import-linter contract).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.store_commands import EXIT_OK, CommandError, _handled, _open

if TYPE_CHECKING:
    from desktop.store.queries import LibraryFilter


def _filter(args: argparse.Namespace) -> LibraryFilter:
    from desktop.store.queries import LibraryFilter

    return LibraryFilter(
        states=tuple(args.state or ()),
        province=args.province,
        level=args.level,
        year=args.year,
        has_flags=True if args.flagged else None,
        search=args.search or "",
    )


def _write(rows: Iterable[list[Any]], out: str) -> Path:
    from desktop.store.insights import write_csv

    try:
        return write_csv(rows, Path(out))
    except OSError as error:
        raise CommandError(f"cannot write {out}: {error.strerror or error}") from None


def cmd_quality(args: argparse.Namespace) -> int:
    from desktop.store.insights import QUALITY_COLUMNS, quality_report, quality_rows, quality_text

    store = _open(args.db)
    try:
        report = quality_report(store, _filter(args))
    finally:
        store.close()
    sys.stdout.write(quality_text(report))
    if args.out:
        path = _write([list(QUALITY_COLUMNS), *quality_rows(report)], args.out)
        print(f"written {path}", file=sys.stderr)
    return EXIT_OK


def cmd_dataset(args: argparse.Namespace) -> int:
    from desktop.store.insights import indicator_table, table_csv_rows

    store = _open(args.db)
    try:
        table = indicator_table(store, _filter(args))
    finally:
        store.close()
    path = _write(table_csv_rows(table), args.out)
    coverage = table.coverage
    stated = [key for key in table.indicators if coverage[key]]
    print(
        f"{len(table.rows)} reports x {len(table.indicators)} indicators ({len(stated)} stated somewhere) "
        f"written to {path}"
    )
    for key in stated:
        print(f"  {key}: {coverage[key]} of {len(table.rows)} reports")
    return EXIT_OK


def add_insights_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``quality`` and ``dataset`` to ``fazhi-review``'s parser."""

    def common(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
        parser.add_argument(
            "--db",
            metavar="DB",
            default=None,
            help="the library: a file path or SQLAlchemy URL (default: the window's library)",
        )
        parser.add_argument(
            "--state",
            action="append",
            metavar="STATE",
            choices=("new", "in_review", "done", "flagged"),
            help="only reports in this review state (repeat for several; default: all)",
        )
        parser.add_argument("--province", default=None, help="only reports of this province (e.g. 广东省)")
        parser.add_argument("--level", default=None, help="only reports of this level (province, prefecture, ...)")
        parser.add_argument("--year", type=int, default=None, help="only reports of this report year")
        parser.add_argument("--flagged", action="store_true", help="only reports with extractor flags")
        parser.add_argument("--search", default=None, help="only reports whose text contains these words")
        return parser

    quality = common(
        commands.add_parser(
            "quality", help="how often reviewers accepted, corrected, rejected or added to what the extractor found"
        )
    )
    quality.add_argument("--out", metavar="FILE.csv", default=None, help="also write the table as CSV")
    quality.set_defaults(handler=_handled(cmd_quality))

    dataset = common(
        commands.add_parser("dataset", help="write the indicator table (reports x indicators, curated values) as CSV")
    )
    dataset.add_argument("--out", metavar="FILE.csv", required=True)
    dataset.set_defaults(handler=_handled(cmd_dataset))
