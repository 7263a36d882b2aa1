"""Read queries for the library view: every report as one row, filtered, sorted, searched
and paged. No Qt here; ``desktop/ui/library_model.py`` shows these rows.

On SQLite the rows come from ``report_summary`` (revision 0003), a narrow table that
triggers keep current, so a sort, filter, count or page of 10,000 reports reads a few
hundred kilobytes; searches of 3 or more characters use the trigram index ``report_fts``
over the reports' text, shorter ones scan the text (``instr``). On other databases the
same rows are computed from ``reports`` and ``items`` (correct, not tuned).

A metadata field's value is that of its latest item that is not rejected (a rejected field
counts as null), as in the export. ``pending`` counts a report's items in state
``pending``; ``flags`` the extractor's flags of the report. Only the canonical items count
(``items.coder IS NULL``): reviewers' coding copies of double-coded reports are not the
library's values (revision 0004, ``desktop.store.team``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, Integer, bindparam, case, cast, exists, false, func, or_, select, text
from sqlalchemy.sql import FromClause

from .db import Store
from .models import SEARCH_TABLES, Item, Report, ReportSummary
from .searchtext import search_term

REPORTS = Report.__table__
ITEMS = Item.__table__
SUMMARY = ReportSummary.__table__
BACKLOG = SEARCH_TABLES[0]  # search_backlog: reports not yet in the trigram index (SQLite)

SORT_KEYS = ("id", "file_name", "title", "issuer", "region", "province", "year", "level", "state", "pending", "flags")
#: metadata field (items.key) -> row column
FIELD_COLUMNS = {
    "title": "title",
    "issuer": "issuer",
    "region": "region",
    "province": "province",
    "level": "level",
    "report_year": "year",
}
#: searches at least this long use the trigram index (the trigram tokenizer needs 3 characters)
FTS_MIN_CHARS = 3
#: the metadata columns a search looks at besides the text
SEARCHED_COLUMNS = ("file_name", "title", "issuer")
#: a 1-2 character search with more distinct trigrams after it than this scans the texts instead
MAX_PREFIX_TRIGRAMS = 2000


@dataclass(frozen=True)
class LibraryFilter:
    states: tuple[str, ...] = ()  # report states: new, in_review, done, flagged (empty: all)
    province: str | None = None
    level: str | None = None
    year: int | None = None
    has_flags: bool | None = None
    search: str = ""  # substring of the text, file name, title or issuer; words separated by spaces must all match

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(self.search.split())

    def is_empty(self) -> bool:
        return self == LibraryFilter()


@dataclass(frozen=True)
class LibraryRow:
    id: int
    file_name: str
    title: str | None
    issuer: str | None
    region: str | None
    province: str | None
    year: int | None
    level: str | None
    state: str
    pending: int
    flags: int
    imported_at: dt.datetime | None
    total: int = 0  # the report's items (canonical): decided = total - pending

    @property
    def decided(self) -> int:
        return max(0, self.total - self.pending)


# ---------------------------------------------------------------- the rows' source


def _uses_summary(store: Store) -> bool:
    """The trigger-maintained summary and the trigram index exist on SQLite only."""
    return store.is_sqlite


def _computed_rows(dialect: str = "sqlite") -> FromClause:
    """The rows computed from the base tables (databases without the summary's triggers)."""
    r = REPORTS

    def field(key: str, as_int: bool = False) -> Any:
        value = ITEMS.c.data["value"]
        if not as_int:
            value = value.as_string()
        elif dialect == "postgresql":
            # a year a reviewer typed as text ("2022") counts, anything else is null: a plain
            # CAST would fail the whole query on one odd value
            text_value = value.as_string()
            value = case((text_value.regexp_match(r"^\s*-?[0-9]{1,9}\s*$"), cast(func.trim(text_value), Integer)))
        else:
            value = value.as_integer()
        return (
            select(value)
            .where(
                ITEMS.c.report_id == r.c.id,
                ITEMS.c.kind == "field",
                ITEMS.c.key == key,
                ITEMS.c.state != "rejected",
                ITEMS.c.coder.is_(None),
            )
            .order_by(ITEMS.c.id.desc())
            .limit(1)
            .scalar_subquery()
        )

    pending = (
        select(func.count())
        .select_from(ITEMS)
        .where(ITEMS.c.report_id == r.c.id, ITEMS.c.state == "pending", ITEMS.c.coder.is_(None))
        .scalar_subquery()
    )
    flags: ColumnElement[Any]
    if dialect == "postgresql":  # json_array_length raises on anything but an array there
        flags = case((func.json_typeof(r.c.flags) == "array", func.json_array_length(r.c.flags)), else_=0)
    else:
        flags = func.coalesce(func.json_array_length(r.c.flags), 0)
    columns = [r.c.id.label("report_id"), r.c.file_name, r.c.state, r.c.imported_at]
    columns += [field(key, key == "report_year").label(col) for key, col in FIELD_COLUMNS.items()]
    columns += [pending.label("pending"), flags.label("flags")]
    return select(*columns).subquery("library_rows")


def _source(store: Store) -> FromClause:
    return SUMMARY if _uses_summary(store) else _computed_rows(store.engine.dialect.name)


# ---------------------------------------------------------------- filtering


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _contains(column: ColumnElement[Any], term: str, store: Store | None = None) -> ColumnElement[bool]:
    """Substring, ASCII case-insensitive (as the trigram index): LIKE with the term escaped
    (SQLite's LIKE folds ASCII case; elsewhere ILIKE does)."""
    if store is not None and not store.is_sqlite:
        return column.icontains(term, autoescape=True)
    return column.contains(term, autoescape=True)


def _trigrams_starting_with(conn: Connection, term: str) -> list[str]:
    """The indexed trigrams that begin with a 1-2 character term (fts5vocab, a range of terms)."""
    conn.exec_driver_sql(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.report_fts_vocab USING fts5vocab(main, report_fts, row)"
    )
    low = term.lower()  # the index folds case
    rows = conn.exec_driver_sql(
        "SELECT term FROM temp.report_fts_vocab WHERE term >= ? AND term < ? LIMIT ?",
        (low, low + "\U0010ffff", MAX_PREFIX_TRIGRAMS + 1),
    ).all()
    return [row[0] for row in rows]


def _in_fts(src: FromClause, expression: str) -> ColumnElement[bool]:
    match = text("report_fts MATCH :expression").bindparams(bindparam("expression", expression, unique=True))
    return src.c.report_id.in_(select(text("rowid")).select_from(text("report_fts")).where(match))


def _text_condition(conn: Connection, store: Store, src: FromClause, term: str) -> ColumnElement[bool]:
    """The report's text, or its normalised text (revision 0006: simplified script, pinyin
    notes and mojibake repaired), contains ``term`` or the term normalised: 出庭应诉 finds
    出庭應訴 and 出庭應(yīng)訴 too.

    On SQLite the trigram index answers for the indexed reports, and the texts of the reports
    still waiting to be indexed (revision 0007, ``desktop.store.derived``) are read directly,
    so a search right after an import finds every report."""
    terms = list(dict.fromkeys([term, search_term(term)]))
    if _uses_summary(store):  # the trigram index holds both texts
        indexed: ColumnElement[bool] | None = None
        if all(len(t) >= FTS_MIN_CHARS for t in terms):
            indexed = _in_fts(src, " OR ".join(map(_fts_phrase, terms)))
        else:
            trigrams = sorted({g for t in terms for g in _trigrams_starting_with(conn, t)})
            if len(trigrams) <= MAX_PREFIX_TRIGRAMS:
                indexed = _in_fts(src, " OR ".join(map(_fts_phrase, trigrams))) if trigrams else false()
        if indexed is not None:
            if not _has_backlog(conn):
                return indexed
            return or_(indexed, _scanned(store, src, terms, waiting_only=True))
    # a scan of every text: other databases, or a character so common that the OR of its
    # trigrams costs more than reading the texts
    return _scanned(store, src, terms)


def _has_backlog(conn: Connection) -> bool:
    return conn.exec_driver_sql("SELECT 1 FROM search_backlog LIMIT 1").first() is not None


def _scanned(store: Store, src: FromClause, terms: list[str], waiting_only: bool = False) -> ColumnElement[bool]:
    """The texts contain one of ``terms``, read row by row; ``waiting_only``: of the reports
    not yet in the trigram index (the others are never read)."""
    found = []
    for column in (REPORTS.c.text, REPORTS.c.normalised):
        for one in terms:
            if store.is_sqlite and not one.isascii():
                # instr is a plain byte search, faster than LIKE; the term has no letters with a
                # case to fold (checked: not ASCII, and Chinese has no case), so both find the same
                found.append(func.coalesce(func.instr(column, one), 0) > 0)
            else:
                found.append(_contains(column, one, store))
    condition = exists().where(REPORTS.c.id == src.c.report_id, or_(*found))
    if waiting_only:
        return src.c.report_id.in_(select(BACKLOG.c.report_id)) & condition
    return condition


def _conditions(
    conn: Connection, store: Store, src: FromClause, flt: LibraryFilter | None
) -> list[ColumnElement[bool]]:
    if flt is None:
        return []
    out: list[ColumnElement[bool]] = []
    if flt.states:
        out.append(src.c.state.in_(list(flt.states)))
    if flt.province is not None:
        out.append(src.c.province == flt.province)
    if flt.level is not None:
        out.append(src.c.level == flt.level)
    if flt.year is not None:
        out.append(src.c.year == int(flt.year))
    if flt.has_flags is not None:
        out.append(src.c.flags > 0 if flt.has_flags else src.c.flags == 0)
    for term in flt.terms:
        fields = [_contains(src.c[name], term, store) for name in SEARCHED_COLUMNS]
        out.append(or_(*fields, _text_condition(conn, store, src, term)))
    return out


# ---------------------------------------------------------------- rows


def _row_columns(src: FromClause) -> list[ColumnElement[Any]]:
    # the item count of the rows of one page only (the index on report_id, coder serves it)
    total = (
        select(func.count())
        .select_from(ITEMS)
        .where(ITEMS.c.report_id == src.c.report_id, ITEMS.c.coder.is_(None))
        .scalar_subquery()
    )
    return [
        src.c.report_id,
        src.c.file_name,
        src.c.title,
        src.c.issuer,
        src.c.region,
        src.c.province,
        src.c.year,
        src.c.level,
        src.c.state,
        src.c.pending,
        src.c.flags,
        src.c.imported_at,
        total.label("total"),
    ]


def _as_int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def _as_text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return str(value)


def _as_datetime(value: Any) -> dt.datetime | None:
    if isinstance(value, str):  # a computed column may come back unparsed
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return None
    if not isinstance(value, dt.datetime):
        return None
    stamp: dt.datetime = value
    return stamp.replace(tzinfo=dt.UTC) if stamp.tzinfo is None else stamp  # the store writes UTC


def _to_row(row: Sequence[Any]) -> LibraryRow:
    (report_id, file_name, title, issuer, region, province, year, level, state, pending, flags, imported_at, total) = (
        row
    )
    return LibraryRow(
        id=report_id,
        file_name=file_name,
        title=_as_text(title),
        issuer=_as_text(issuer),
        region=_as_text(region),
        province=_as_text(province),
        year=_as_int(year),
        level=_as_text(level),
        state=state,
        pending=int(pending or 0),
        flags=int(flags or 0),
        imported_at=_as_datetime(imported_at),
        total=int(total or 0),
    )


@contextlib.contextmanager
def _reading(store: Store) -> Iterator[Connection]:
    """One read transaction (BEGIN, not IMMEDIATE: never waits for a writer's lock)."""
    with store.engine.execution_options(fazhi_readonly=True).begin() as conn:
        yield conn


def _sort_column(src: FromClause, sort: str) -> Any:
    if sort not in SORT_KEYS:
        raise ValueError(f"unknown sort key {sort!r}; one of {', '.join(SORT_KEYS)}")
    return src.c.report_id if sort == "id" else src.c[sort]


def count_reports(store: Store, flt: LibraryFilter | None = None) -> int:
    """How many reports pass the filter."""
    src = _source(store)
    with _reading(store) as conn:
        query = select(func.count()).select_from(src).where(*_conditions(conn, store, src, flt))
        return int(conn.execute(query).scalar_one())


def list_reports(
    store: Store,
    flt: LibraryFilter | None = None,
    *,
    sort: str = "id",
    descending: bool = False,
    offset: int = 0,
    limit: int = 200,
) -> list[LibraryRow]:
    """One page of the reports that pass the filter, sorted by ``sort`` (one of SORT_KEYS)
    and then by id. Missing values (null) sort last in either direction."""
    src = _source(store)
    column = _sort_column(src, sort)
    order = [column.desc() if descending else column.asc()]
    if sort != "id":
        order.insert(0, case((column.is_(None), 1), else_=0))  # nulls last
        order.append(src.c.report_id.desc() if descending else src.c.report_id.asc())
    with _reading(store) as conn:
        query = (
            select(*_row_columns(src))
            .where(*_conditions(conn, store, src, flt))
            .order_by(*order)
            .offset(max(0, offset))
            .limit(max(0, limit))
        )
        return [_to_row(row) for row in conn.execute(query)]


def report_row(store: Store, report_id: int) -> LibraryRow | None:
    """The row of one report as it is now (after an edit), or None when it does not exist."""
    src = _source(store)
    with _reading(store) as conn:
        row = conn.execute(select(*_row_columns(src)).where(src.c.report_id == report_id)).first()
    return _to_row(row) if row is not None else None


def facet_values(store: Store) -> dict[str, list[Any]]:
    """The distinct values present, for the filter's choices: ``{"province": [...],
    "level": [...], "year": [...], "state": [...]}``, each sorted, nulls left out."""
    src = _source(store)
    out: dict[str, list[Any]] = {}
    with _reading(store) as conn:
        for name in ("province", "level", "year", "state"):
            column = src.c[name]
            values = conn.execute(select(column).where(column.is_not(None)).distinct()).scalars().all()
            if name == "year":
                out[name] = sorted({v for v in map(_as_int, values) if v is not None})
            else:
                out[name] = sorted({str(v) for v in values if str(v).strip()})
    return out


def next_report_needing_review(store: Store, after_id: int | None, flt: LibraryFilter | None = None) -> int | None:
    """The id of the next report (by id, after ``after_id``, wrapping round to the lowest)
    that is not done and still has pending items, among those passing ``flt``. The report
    ``after_id`` itself comes last, so it is returned only when it is the only one left.
    None when no report needs review."""
    src = _source(store)
    with _reading(store) as conn:
        base = [src.c.state != "done", src.c.pending > 0, *_conditions(conn, store, src, flt)]
        if after_id is not None:
            found = conn.execute(
                select(src.c.report_id).where(*base, src.c.report_id > after_id).order_by(src.c.report_id).limit(1)
            ).scalar()
            if found is not None:
                return int(found)
        found = conn.execute(select(src.c.report_id).where(*base).order_by(src.c.report_id).limit(1)).scalar()
    return int(found) if found is not None else None


def reviewer_names(store: Store) -> list[str]:
    """Everyone who has edited this library or has been given reports."""
    from .models import Assignment, Edit

    with store.session(readonly=True) as session:
        names = {r for r in session.execute(select(Edit.reviewer).distinct()).scalars() if r}
        names.update(r for r in session.execute(select(Assignment.reviewer).distinct()).scalars() if r)
    return sorted(names)
