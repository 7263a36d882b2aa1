"""The team's commands: assign reports to reviewers (double coding with two), a reviewer's
queue, and the agreement between double coders (``desktop.store.team``).

    fazhi-review assign REPORT_ID... --to NAME [--to NAME2] --by LEAD [--db DB]
    fazhi-review queue --reviewer NAME [--db DB]
    fazhi-review agreement [--out FILE.csv] [--db DB]

``agreement`` prints a readable summary (with notes on the figures that are fragile); with
``--out`` it also writes the figures as CSV. No Qt here (import-linter contract).
"""

from __future__ import annotations

import argparse
import sys

from desktop.cli.store_commands import EXIT_OK, CommandError, _handled, _open


def cmd_assign(args: argparse.Namespace) -> int:
    from desktop.store.ops import NotFound
    from desktop.store.team import assign

    store = _open(args.db)
    try:
        for report_id in args.report_ids:
            try:
                result = assign(store, report_id, args.to, by=args.by)
            except (ValueError, NotFound) as error:
                raise CommandError(str(error)) from None
            how = "double coding" if len(result) == 2 and all(a.double for a in result) else "single coding"
            print(f"report {report_id}: {', '.join(a.reviewer for a in result)} ({how})")
    finally:
        store.close()
    return EXIT_OK


def cmd_queue(args: argparse.Namespace) -> int:
    from desktop.store.team import assignments, queue

    store = _open(args.db)
    try:
        ids = queue(store, args.reviewer)
        double = {a.report_id for a in assignments(store, reviewer=args.reviewer) if a.double}
    finally:
        store.close()
    for report_id in ids:
        print(f"{report_id}\t{'double' if report_id in double else 'single'}")
    print(f"{len(ids)} report(s) to code for {args.reviewer}", file=sys.stderr)
    return EXIT_OK


def cmd_agreement(args: argparse.Namespace) -> int:
    from desktop.store.team import agreement

    store = _open(args.db)
    try:
        report = agreement(store)
    finally:
        store.close()
    sys.stdout.write(report.summary_text())
    if args.out:
        try:
            path = report.to_csv(args.out)
        except OSError as error:
            raise CommandError(f"cannot write {args.out}: {error.strerror or error}") from None
        print(f"written {path}", file=sys.stderr)
    return EXIT_OK


def add_team_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``assign``, ``queue`` and ``agreement`` to ``fazhi-review``'s parser."""

    def with_db(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
        parser.add_argument(
            "--db",
            metavar="DB",
            default=None,
            help="the library: a file path or SQLAlchemy URL (default: the window's library)",
        )
        return parser

    assign = with_db(commands.add_parser("assign", help="assign reports to a reviewer, or to two for double coding"))
    assign.add_argument("report_ids", nargs="+", type=int, metavar="REPORT_ID")
    assign.add_argument(
        "--to",
        action="append",
        required=True,
        metavar="NAME",
        help="the reviewer (twice: two reviewers code the report independently)",
    )
    assign.add_argument("--by", required=True, metavar="LEAD", help="who assigns (the lead)")
    assign.set_defaults(handler=_handled(cmd_assign))

    queue = with_db(commands.add_parser("queue", help="the reports assigned to a reviewer and not done yet"))
    queue.add_argument("--reviewer", required=True, metavar="NAME")
    queue.set_defaults(handler=_handled(cmd_queue))

    agreement = with_db(
        commands.add_parser("agreement", help="agreement between double coders: percent, Cohen's kappa, span F1")
    )
    agreement.add_argument("--out", metavar="FILE.csv", default=None, help="also write the figures as CSV")
    agreement.set_defaults(handler=_handled(cmd_agreement))
