"""The library's commands: import, export, stats, reextract, backup, restore.

Every command takes ``--db PATH_OR_URL`` (default: the library the window uses,
``default_database_path()``): a SQLite file, or a PostgreSQL database shared by a team
(``postgresql+psycopg://user@host/db``). ``backup`` and ``restore`` copy SQLite files; on
PostgreSQL they refuse and name the pg_dump / pg_restore command that does it. Progress and
warnings go to stderr, results to stdout; exit status 0 when all went well, 1 when something
could not be done (unreadable files, a library that cannot be opened, a failed export), 2 for bad arguments.

The store (SQLAlchemy) is imported by the commands that use it, so that ``extract`` and
``summary`` do not pay for loading it.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.display import shown

if TYPE_CHECKING:
    from desktop.store.db import Store
    from desktop.store.importer import ImportReport

EXIT_OK, EXIT_FAILED, EXIT_BAD_ARGS = 0, 1, 2

#: a command: takes the parsed arguments, returns the exit status
Handler = Callable[[argparse.Namespace], int]


class CommandError(Exception):
    """A one-line reason the command failed (printed as ``fazhi-review: <reason>``)."""


def _err(message: str) -> None:
    print(f"fazhi-review: {message}", file=sys.stderr)


def _db_label(db: str | None) -> str:
    """The library for messages: a URL's password is never printed."""
    from desktop.store.db import default_database_path, mask_passwords

    if not db:
        return shown(default_database_path())
    return shown(mask_passwords(str(db)))


def _is_server_url(db: str | None) -> bool:
    return db is not None and "://" in db and not db.startswith("sqlite")


_SQLITE_MAGIC = b"SQLite format 3\x00"


def _check_library_file(db: str | None) -> None:
    """Refuse a path that exists but is not a SQLite file, before anything opens it."""
    if _is_server_url(db):
        return
    path = _db_path(db)
    if path.is_dir():
        raise CommandError(f"{path} is a folder, not a library file")
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except FileNotFoundError:
        return
    except OSError as error:
        raise CommandError(f"cannot open the library {path}: {error.strerror or error}") from None
    if head and head != _SQLITE_MAGIC:
        raise CommandError(f"{path} is not a library (not a SQLite database file)")


def _open(db: str | None) -> Store:
    from sqlalchemy.exc import SQLAlchemyError

    from desktop.store.db import describe_error, mask_passwords, needs_password, open_store, with_password

    _check_library_file(db)
    try:
        try:
            return open_store(db)
        except SQLAlchemyError as error:
            # No password in the URL, none in PGPASSWORD or ~/.pgpass: ask for it at a terminal,
            # so that it never has to be on the command line (where `ps` shows it).
            if not (needs_password(error) and db and sys.stdin.isatty()):
                raise
            import getpass

            return open_store(with_password(db, getpass.getpass(f"password for {_db_label(db)}: ")))
    except (SQLAlchemyError, OSError, ValueError, ImportError) as error:
        # ImportError: a URL naming a database driver that is not installed
        described = describe_error(error, _db_label(db), connected=False)
        if described is not None:
            raise CommandError(described) from None
        reason = mask_passwords(" ".join(str(getattr(error, "orig", None) or error).split()))
        raise CommandError(f"cannot open the library {_db_label(db)}: {reason}") from None


class _Progress:
    """``[done/total] name`` on one stderr line, rewritten in place when stderr is a terminal."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()

    def __call__(self, done: int, total: int, path: Path) -> None:
        if self.tty:
            sys.stderr.write(f"\r\x1b[K[{done}/{total}] {shown(Path(path).name)}"[:200])
            sys.stderr.flush()
        elif done == total or done % 500 == 0:
            print(f"[{done}/{total}]", file=sys.stderr)

    def finish(self) -> None:
        if self.tty:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


# --------------------------------------------------------------------------- commands


def _print_import(result: ImportReport) -> None:
    for path, report_id in result.imported:
        print(f"imported\t{report_id}\t{shown(path)}")
    for path, existing_id in result.duplicates:  # the report already in the library
        print(f"duplicate\t{existing_id}\t{shown(path)}")
    for path, reason in result.failed:
        print(f"unreadable\t-\t{shown(path)}\t{reason}")
        _err(f"{shown(path)}: {reason}")
    print(result.summary())


def cmd_import(args: argparse.Namespace) -> int:
    from desktop.store.preparing import start_early

    # the workers load the extractor while this process loads SQLAlchemy and opens the library
    pool = start_early(args.db, args.paths, args.workers)
    try:
        from desktop.store.derived import backlog_size
        from desktop.store.importer import ImportReport, import_paths

        store = _open(args.db)
    except BaseException:
        if pool is not None:
            pool.discard()
        raise
    progress = _Progress()
    result = ImportReport()
    try:
        import_paths(
            store,
            args.paths,
            progress=progress,
            workers=args.workers,
            into=result,
            file_seconds=args.time_limit,
            pool=pool,
        )
    except KeyboardInterrupt:
        progress.finish()
        _print_import(result)
        _err("interrupted: the files listed above are in the library, each one whole")
        return EXIT_FAILED
    except Exception as error:
        progress.finish()
        if result.total:
            _print_import(result)
        raise CommandError(
            f"{_failure(error, args.db)}; the import stopped"
            + (
                "; the files listed above are in the library, each one whole"
                if result.total
                else "; nothing was imported"
            )
        ) from None
    else:
        waiting = backlog_size(store) if result.imported else 0
    finally:
        store.close()
    progress.finish()
    _print_import(result)
    if waiting:
        _err(
            f"{waiting} reports wait to be indexed for search: the window indexes them in the background, "
            "`fazhi-review index` does it now (search finds them meanwhile, more slowly)"
        )
    if result.total == 0:
        _err("no report files found (.txt, .html, .htm, .docx, .pdf)")
        return EXIT_FAILED
    return EXIT_FAILED if result.failed else EXIT_OK


def cmd_index(args: argparse.Namespace) -> int:
    """Move the reports waiting for the search index into it (the window does it in the background)."""
    from desktop.store.derived import backlog_size, index_backlog

    store = _open(args.db)
    tty = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if tty:
            sys.stderr.write(f"\r\x1b[K[{done}/{total}] indexing for search")
            sys.stderr.flush()

    try:
        indexed = index_backlog(store, progress=progress)
        left = backlog_size(store)
    except KeyboardInterrupt:
        if tty:
            sys.stderr.write("\r\x1b[K")
        _err("interrupted: the reports indexed so far stay indexed")
        return EXIT_FAILED
    finally:
        store.close()
    if tty:
        sys.stderr.write("\r\x1b[K")
    print(f"{indexed} reports indexed for search" + (f", {left} still waiting" if left else ""))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from desktop.store.exporter import ExportError, export
    from desktop.store.outfiles import OutputFileError

    store = _open(args.db)
    try:
        written = export(
            store,
            args.out,
            args.format,
            states=args.state,
            provenance=args.provenance,
            progress=(lambda n: print(f"[{n} reports]", file=sys.stderr)) if sys.stderr.isatty() else None,
        )
    except ExportError as error:
        raise CommandError(str(error)) from None
    except OutputFileError as error:
        raise CommandError(str(error)) from None
    except OSError as error:
        raise CommandError(f"cannot write {shown(args.out)}: {_failure(error, args.db)}") from None
    finally:
        store.close()
    for path in written:
        print(shown(path))
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from sqlalchemy import func, select

    from desktop.store.derived import backlog_size
    from desktop.store.models import ITEM_KINDS, REPORT_STATES, REVIEW_STATES, Edit, ExtractionRun, Item, Report

    store = _open(args.db)
    try:
        with store.session(readonly=True) as session:
            reports = Counter(dict(session.execute(select(Report.state, func.count()).group_by(Report.state)).all()))
            items = {
                (k, s): n
                for k, s, n in session.execute(
                    select(Item.kind, Item.state, func.count())
                    .where(Item.coder.is_(None))  # canonical items
                    .group_by(Item.kind, Item.state)
                ).all()
            }
            edits = session.execute(select(func.count()).select_from(Edit)).scalar_one()
            runs = session.execute(select(func.count()).select_from(ExtractionRun)).scalar_one()
        waiting = backlog_size(store)
    finally:
        store.close()
    print(f"library: {_db_label(args.db)}")
    states = list(REPORT_STATES) + sorted(set(reports) - set(REPORT_STATES))
    print(f"reports: {sum(reports.values())} (" + ", ".join(f"{s} {reports.get(s, 0)}" for s in states) + ")")
    review = list(REVIEW_STATES) + sorted({s for _, s in items} - set(REVIEW_STATES))
    kinds = list(ITEM_KINDS) + sorted({k for k, _ in items} - set(ITEM_KINDS))
    header = ["items", *review, "total"]
    rows = [
        [kind, *(str(items.get((kind, s), 0)) for s in review), str(sum(items.get((kind, s), 0) for s in review))]
        for kind in kinds
    ]
    rows.append(["total", *(str(sum(items.get((k, s), 0) for k in kinds)) for s in review), str(sum(items.values()))])
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(v.ljust(w) if i == 0 else v.rjust(w) for i, (v, w) in enumerate(zip(row, widths))))
    print(f"edits: {edits}")
    print(f"extraction runs: {runs}")
    if waiting:
        print(f"search index: {waiting} reports not yet indexed (`fazhi-review index`; search reads them meanwhile)")
    return EXIT_OK


def cmd_reextract(args: argparse.Namespace) -> int:
    from desktop.store.reextract import reextract

    store = _open(args.db)
    progress = _Progress()
    try:
        summary = reextract(
            store, report_ids=args.report or None, progress=lambda n, total: progress(n, total, Path(f"report {n}"))
        )
    finally:
        store.close()
    progress.finish()
    print(summary)
    return EXIT_FAILED if summary.failed else EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    store = _open(args.db)
    try:
        store.backup(Path(args.path))
    except NotImplementedError as error:
        raise CommandError(str(error)) from None
    except (OSError, SQLAlchemyError) as error:
        raise CommandError(f"cannot write the backup {shown(args.path)}: {_failure(error, args.db)}") from None
    finally:
        store.close()
    print(shown(Path(args.path)))
    return EXIT_OK


def _db_path(db: str | None) -> Path:
    from sqlalchemy.engine import make_url

    from desktop.store.db import default_database_path

    if db is None:
        return default_database_path()
    if "://" in db:
        url = make_url("postgresql" + db[len("postgres") :] if db.startswith("postgres://") else db)
        if url.get_backend_name() == "postgresql":
            raise CommandError(
                "restore replaces SQLite library files; restore a PostgreSQL library from a "
                "pg_dump archive with pg_restore: pg_restore --clean --if-exists "
                f"--dbname='{url.set(drivername='postgresql').render_as_string(hide_password=True)}' "
                "ARCHIVE"
            )
        if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
            raise CommandError("restore works on a SQLite library file only")
        return Path(url.database).expanduser()
    return Path(db).expanduser()


def cmd_restore(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from desktop.store.db import open_store, restore_store

    target = _db_path(args.db)
    try:
        restore_store(Path(args.path), target)
    except FileNotFoundError as error:
        raise CommandError(str(error.args[0] if error.args else error)) from None
    except ValueError as error:
        raise CommandError(" ".join(str(error).split())) from None
    except OSError as error:
        raise CommandError(f"cannot restore into {target}: {error.strerror or error}") from None
    try:
        open_store(target).close()  # upgrades an older backup to the current schema now, not at next start
    except (SQLAlchemyError, OSError, ValueError) as error:
        raise CommandError(f"restored, but the library cannot be opened: {' '.join(str(error).split())}") from None
    print(f"restored {target} from {args.path}")
    return EXIT_OK


# --------------------------------------------------------------------------- parser


def _failure(error: BaseException, db: str | None) -> str:
    """One line for an error: in words when the store knows it (a full disk, a damaged or
    busy library, a lost server), else its own text; never a URL's password."""
    import sqlite3

    from desktop.store.db import describe_error, mask_passwords

    described = describe_error(error, _db_label(db))
    if described is not None:
        return described
    if isinstance(error, OSError) and error.strerror:
        where = f": {shown(error.filename)}" if error.filename else ""
        return f"{error.strerror}{where}"
    if isinstance(error, sqlite3.Error) or type(error).__module__.startswith("sqlalchemy"):
        error = getattr(error, "orig", None) or error
    text = " ".join(str(error).split()).split(" [SQL:")[0] or type(error).__name__
    return mask_passwords(f"{type(error).__name__}: {text}"[:300])


def _handled(handler: Handler) -> Handler:
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except CommandError as error:
            _err(str(error))
            return EXIT_FAILED
        except (KeyboardInterrupt, SystemExit, BrokenPipeError):
            raise
        except Exception as error:
            _err(_failure(error, getattr(args, "db", None)))
            return EXIT_FAILED

    return run


def add_store_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the library's subcommands to ``fazhi-review``'s parser."""
    db_help = "the library: a file path or SQLAlchemy URL (default: the window's library)"

    def with_db(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
        parser.add_argument("--db", metavar="DB", default=None, help=db_help)
        return parser

    imp = with_db(commands.add_parser("import", help="import report files and folders into the library"))
    imp.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER")
    imp.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="processes for reading and extracting (default: all cores)",
    )
    imp.add_argument(
        "--time-limit",
        type=float,
        default=None,
        metavar="SECONDS",
        help="stop a file still being read and extracted after this long and report it "
        "unreadable (default: 120; with worker processes only)",
    )
    imp.set_defaults(handler=_handled(cmd_import))

    exp = with_db(commands.add_parser("export", help="export the curated dataset"))
    exp.add_argument("--format", required=True, choices=("jsonl", "csv", "xlsx"))
    exp.add_argument(
        "--out",
        required=True,
        metavar="PATH",
        help="the file to write; csv writes PATH.reports.csv, .metrics.csv, .sections.csv and "
        ".parts.csv (PATH minus .csv), or reports.csv … parts.csv inside a folder",
    )
    exp.add_argument(
        "--state",
        action="append",
        metavar="STATE",
        choices=("new", "in_review", "done", "flagged"),
        help="only reports in this review state (repeat for several; default: all)",
    )
    exp.add_argument(
        "--provenance",
        action="store_true",
        help="add each item's source, the extractor's original value and its confidence",
    )
    exp.set_defaults(handler=_handled(cmd_export))

    stats = with_db(commands.add_parser("stats", help="reports by state, items by kind and review state, edits"))
    stats.set_defaults(handler=_handled(cmd_stats))

    rex = with_db(commands.add_parser("reextract", help="run the current extractor again on the stored texts"))
    rex.add_argument("--report", type=int, action="append", metavar="ID", help="only this report (repeatable)")
    rex.set_defaults(handler=_handled(cmd_reextract))

    index = with_db(commands.add_parser("index", help="index the reports still waiting for the search index"))
    index.set_defaults(handler=_handled(cmd_index))

    backup = with_db(commands.add_parser("backup", help="write a consistent copy of the library"))
    backup.add_argument("path", metavar="PATH")
    backup.set_defaults(handler=_handled(cmd_backup))

    restore = with_db(commands.add_parser("restore", help="replace the library with a backup (close the window first)"))
    restore.add_argument("path", metavar="PATH")
    restore.set_defaults(handler=_handled(cmd_restore))
