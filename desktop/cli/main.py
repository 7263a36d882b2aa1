"""The ``fazhi-review`` command."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from desktop import __version__
from desktop.cli.display import json_name, shown
from desktop.cli.insights_commands import add_insights_commands
from desktop.cli.store_commands import add_store_commands
from desktop.cli.team_commands import add_team_commands
from desktop.core.reading import ReadError, display_width, iter_report_paths

EXIT_OK, EXIT_SOME_UNREADABLE, EXIT_BAD_ARGS = 0, 1, 2


def _extract_all(paths: list[str]) -> Iterator[tuple[Path, dict[str, Any], bool]]:
    """(path, contract object, read ok) for every report under ``paths``, in order."""
    from desktop.core.extract import error_object, extract_path  # not loaded by the other commands

    unlisted: list[tuple[Path, str]] = []
    for path in iter_report_paths(paths, errors=unlisted):
        yield from _unlisted(unlisted)
        try:
            extraction = extract_path(path)
        except ReadError as error:
            print(f"fazhi-review: {shown(path)}: {error}", file=sys.stderr)
            yield path, error_object(json_name(path), error), False
        else:
            # JSON holds valid Unicode only: a name's undecodable bytes are written as \xNN
            yield path, extraction.to_json(json_name(path)), True
    yield from _unlisted(unlisted)


def _unlisted(unlisted: list[tuple[Path, str]]) -> Iterator[tuple[Path, dict[str, Any], bool]]:
    """Folders that could not be listed: an error object each, not a silent skip."""
    from desktop.core.extract import error_object

    while unlisted:
        folder, reason = unlisted.pop(0)
        print(f"fazhi-review: {shown(folder)}: {reason}", file=sys.stderr)
        yield folder, error_object(json_name(folder), reason), False


def cmd_extract(args: argparse.Namespace) -> int:
    ok = True
    count = 0
    if args.format == "jsonl":
        for _, obj, read in _extract_all(args.paths):
            sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
            sys.stdout.flush()
            ok &= read
            count += 1
    else:
        objects = []
        for _, obj, read in _extract_all(args.paths):
            objects.append(obj)
            ok &= read
        count = len(objects)
        sys.stdout.write(json.dumps(objects, ensure_ascii=False, indent=1) + "\n")
    if count == 0:
        print("fazhi-review: no report files found (.txt, .html, .htm, .docx, .pdf)", file=sys.stderr)
        return EXIT_SOME_UNREADABLE
    return EXIT_OK if ok else EXIT_SOME_UNREADABLE


def cmd_summary(args: argparse.Namespace) -> int:
    """A readable table of what the extractor finds: the first look at a folder of reports."""
    columns = ("file", "script", "region", "province", "level", "year", "doc_number", "published", "flags")
    rows = []
    ok = True
    for path, obj, read in _extract_all(args.paths):
        if not read:
            ok = False
            rows.append((shown(path.name), f"unreadable: {obj['error']}", "", "", "", "", "", "", ""))
            continue
        md = obj["metadata"]
        kinds = Counter(flag["kind"] for flag in obj["flags"])
        rows.append(
            (
                shown(path.name),
                md["script"],
                md["region"] or "-",
                md["province"] or "-",
                md["level"] or "-",
                str(md["report_year"] or "-"),
                md["doc_number"] or "-",
                md["publish_date"] or "-",
                ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) or "-",
            )
        )
        rows.append(("", "title: " + (md["title"] or "-"), "issuer: " + (md["issuer"] or "-"), "", "", "", "", "", ""))
    widths = [max(display_width(str(r[i])) for r in rows + [columns]) for i in range(len(columns))]
    for row in [columns, *rows]:
        print("  ".join(str(v) + " " * (w - display_width(str(v))) for v, w in zip(row, widths)).rstrip())
    return EXIT_OK if ok else EXIT_SOME_UNREADABLE


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fazhi-review",
        description="Extract and review Chinese rule-of-law government annual reports.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    extract = commands.add_parser("extract", help="print what the extractor finds, as JSON")
    extract.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER")
    extract.add_argument(
        "--format",
        choices=("json", "jsonl"),
        default="json",
        help="json: one array; jsonl: one object per line, streamed",
    )
    extract.set_defaults(handler=cmd_extract)

    summary = commands.add_parser("summary", help="print a table of the reports' metadata")
    summary.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER")
    summary.set_defaults(handler=cmd_summary)

    add_store_commands(commands)
    add_insights_commands(commands)
    add_team_commands(commands)
    return parser


def _quiet_cleanup_errors(unraisable: sys.UnraisableHookArgs) -> None:
    # A writer that failed (a full disk) is closed again when it is collected, and that
    # fails the same way: the failure was already said in one line.
    if isinstance(unraisable.exc_value, OSError):
        return
    sys.__unraisablehook__(unraisable)


def main(argv: list[str] | None = None) -> int:
    sys.unraisablehook = _quiet_cleanup_errors
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return EXIT_BAD_ARGS
    handler: Callable[[argparse.Namespace], int] = args.handler  # each command's set_defaults
    try:
        return handler(args)
    except BrokenPipeError:  # `fazhi-review extract … | head` is fine
        return EXIT_OK
    except KeyboardInterrupt:
        print("fazhi-review: interrupted", file=sys.stderr)
        return EXIT_SOME_UNREADABLE
    except Exception as error:
        from desktop.store.db import mask_passwords

        text = " ".join(str(error).split()) or type(error).__name__
        print(mask_passwords(f"fazhi-review: unexpected error: {type(error).__name__}: {text}"[:400]), file=sys.stderr)
        return EXIT_SOME_UNREADABLE


if __name__ == "__main__":
    sys.exit(main())
