"""The library view's queries: filters, sorting, search (Chinese, short and long), counts,
pending counts that follow the reviewers' edits, and "next report needing review"."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.store import queries
from desktop.store.db import open_store
from desktop.store.importer import import_paths
from desktop.store.ops import Operations
from desktop.store.queries import LibraryFilter, count_reports, list_reports

SEEDS = (
    "000_9b94de69fa88372b.txt",
    "001_a08c839c0d0a26f1.txt",
    "002_59c7d4ea9493623a.txt",
    "003_f885b1ea36eeffc6.txt",
    "004_41264ee4147a8939.txt",
)


@pytest.fixture(scope="module")
def template(backend, tmp_path_factory, seeds_dir: Path, request) -> tuple[Path | str, dict[str, int]]:
    """The seeds imported once per module and backend: a backup file (SQLite) or a template
    database (PostgreSQL) that each test copies."""
    folder = tmp_path_factory.mktemp("queries")
    if backend == "sqlite":
        location = folder / "work.sqlite3"
    else:
        server = request.getfixturevalue("pg_server")
        location = server.new_database()
    store = open_store(location)
    try:
        result = import_paths(store, [seeds_dir], workers=1)
        if backend == "sqlite":
            store.backup(folder / "library.sqlite3")
    finally:
        store.close()
    ids = {path.name: rid for path, rid in result.imported}
    if backend == "sqlite":
        return folder / "library.sqlite3", ids
    return server.template_from(location), ids


@pytest.fixture
def lib(backend, template, tmp_path, request):
    if backend == "sqlite":
        location = tmp_path / "library.sqlite3"
        shutil.copy(template[0], location)
    else:
        server = request.getfixturevalue("pg_server")
        location = server.copy_of(template[0])
    store = open_store(location)
    yield store, template[1]
    store.close()
    if backend != "sqlite":
        server.drop(location)


def names(rows) -> list[str]:
    return [row.file_name.removeprefix("seeds/") for row in rows]


def field_items(store, report_id: int) -> dict[str, dict]:
    with store.engine.connect() as conn:
        rows = (
            conn.execute(
                text("SELECT id, key, version FROM items WHERE report_id = :r AND kind = 'field'"), {"r": report_id}
            )
            .mappings()
            .all()
        )
    return {row["key"]: dict(row) for row in rows}


def test_every_seed_is_listed_with_its_metadata(lib):
    store, ids = lib
    rows = list_reports(store, LibraryFilter())
    assert names(rows) == list(SEEDS) and count_reports(store, LibraryFilter()) == 5
    jiangmen = rows[0]
    assert (jiangmen.title, jiangmen.issuer, jiangmen.region, jiangmen.province, jiangmen.year, jiangmen.level) == (
        "江门市2022年度法治政府建设情况报告",
        "江门市人民政府",
        "江门市",
        "广东省",
        2022,
        "prefecture",
    )
    assert jiangmen.state == "new" and jiangmen.flags > 0 and jiangmen.pending > 9
    assert jiangmen.imported_at is not None and jiangmen.imported_at.tzinfo is not None
    assert rows[2].title is None  # 仲恺: the extractor found no title
    assert queries.report_row(store, ids[SEEDS[4]]) == rows[4]
    assert queries.report_row(store, 999_999) is None


def test_filters_by_province_level_year_state_and_flags(lib):
    store, ids = lib
    assert names(list_reports(store, LibraryFilter(province="广东省"))) == list(SEEDS[:3])
    assert names(list_reports(store, LibraryFilter(province="福建省"))) == [SEEDS[4]]
    assert names(list_reports(store, LibraryFilter(level="prefecture", year=2022))) == [SEEDS[0], SEEDS[4]]
    assert count_reports(store, LibraryFilter(year=2023)) == 2
    assert count_reports(store, LibraryFilter(has_flags=True)) == 5
    assert count_reports(store, LibraryFilter(has_flags=False)) == 0
    ops = Operations(store, "alice")
    ops.set_report_state(ids[SEEDS[3]], "done", base_version=1)
    assert names(list_reports(store, LibraryFilter(states=("done",)))) == [SEEDS[3]]
    assert count_reports(store, LibraryFilter(states=("new", "in_review"))) == 4
    assert queries.facet_values(store) == {
        "province": ["广东省", "江苏省", "福建省"],
        "level": ["county", "prefecture", "zone"],
        "year": [2020, 2022, 2023],
        "state": ["done", "new"],
    }


@pytest.mark.parametrize("key", queries.SORT_KEYS)
def test_every_sort_key_sorts_both_ways_with_missing_values_last(lib, key):
    store, _ = lib
    rows = list_reports(store, LibraryFilter(), sort=key)
    values = [row.id if key == "id" else getattr(row, key) for row in rows]
    present = [v for v in values if v is not None]
    assert present == sorted(present) and values[len(present) :] == [None] * (len(values) - len(present))
    down = list_reports(store, LibraryFilter(), sort=key, descending=True)
    down_values = [row.id if key == "id" else getattr(row, key) for row in down]
    assert [v for v in down_values if v is not None] == sorted(present, reverse=True)
    assert set(row.id for row in down) == set(row.id for row in rows)


def test_sort_by_year_breaks_ties_by_id_and_pages_do_not_overlap(lib):
    store, _ = lib
    rows = list_reports(store, LibraryFilter(), sort="year")
    assert [(r.year, names([r])[0]) for r in rows] == [
        (2020, SEEDS[1]),
        (2022, SEEDS[0]),
        (2022, SEEDS[4]),
        (2023, SEEDS[2]),
        (2023, SEEDS[3]),
    ]
    paged = [
        row
        for offset in range(0, 5, 2)
        for row in list_reports(store, LibraryFilter(), sort="year", offset=offset, limit=2)
    ]
    assert paged == rows
    with pytest.raises(ValueError):
        list_reports(store, LibraryFilter(), sort="text")


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("法治政府建设工作情况报告", [SEEDS[3]]),  # long phrase in the text and title
        ("如皋", [SEEDS[3]]),  # 2 characters
        ("皋", [SEEDS[3]]),  # 1 character
        ("廈門", [SEEDS[4]]),  # traditional characters in the text only
        ("汕尾市", [SEEDS[1]]),
        ("仲恺高新区管委会", [SEEDS[2]]),  # the issuer (the text says 仲愷)
        ("001_a08c", [SEEDS[1]]),  # the file name
        ("汕尾 江门", []),  # every word must match (each is in a different report)
        ("江门 2022", [SEEDS[0]]),
        ("不存在的短语", []),
        ("鬼", []),
    ],
)
def test_search_finds_substrings_of_any_length(lib, search, expected):
    store, _ = lib
    flt = LibraryFilter(search=search)
    assert names(list_reports(store, flt)) == expected
    assert count_reports(store, flt) == len(expected)


def test_short_search_finds_the_last_characters_of_a_text(lib):
    store, ids = lib
    with store.engine.connect() as conn:
        endings = {rid: body[-2:] for rid, body in conn.execute(text("SELECT id, text FROM reports"))}
    rid = ids[SEEDS[2]]
    last = endings[rid]
    for term in (last, last[-1]):
        assert rid in {row.id for row in list_reports(store, LibraryFilter(search=term))}, term


def test_search_is_case_insensitive_for_latin_letters(lib):
    store, _ = lib
    assert names(list_reports(store, LibraryFilter(search="SEEDS/003"))) == [SEEDS[3]]


def test_pending_counts_and_fields_follow_the_reviewers_edits(lib):
    store, ids = lib
    rid = ids[SEEDS[0]]
    before = queries.report_row(store, rid)
    fields = field_items(store, rid)
    ops = Operations(store, "alice")
    ops.accept(fields["issuer"]["id"], base_version=fields["issuer"]["version"])
    ops.update_item(fields["region"]["id"], {"value": "江门"}, base_version=fields["region"]["version"])
    ops.reject(fields["title"]["id"], base_version=fields["title"]["version"])
    after = queries.report_row(store, rid)
    assert after.pending == before.pending - 3
    assert (after.issuer, after.region, after.title) == ("江门市人民政府", "江门", None)
    assert names(list_reports(store, LibraryFilter(search="江门市2022年度"))) == []  # the title was rejected
    ops.undo()  # the rejection
    assert queries.report_row(store, rid).title == "江门市2022年度法治政府建设情况报告"
    assert queries.report_row(store, rid).pending == before.pending - 2
    added = ops.add_item(rid, "field", {"value": 2021}, key="report_year")
    assert queries.report_row(store, rid).year == 2021  # a reviewer's value beats the extractor's
    ops.delete_item(added.item_id, base_version=1)
    assert queries.report_row(store, rid).year == 2022


def test_deleted_reports_leave_the_list_and_the_search(lib):
    store, ids = lib
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM reports WHERE id = :r"), {"r": ids[SEEDS[3]]})
    assert count_reports(store, LibraryFilter()) == 4
    assert list_reports(store, LibraryFilter(search="如皋市人民政府2023")) == []


def test_the_summary_matches_rows_computed_from_the_items(lib, monkeypatch):
    """The triggers' summary agrees with the rows computed from the base tables (the path
    other databases take) after edits of every kind."""
    store, ids = lib
    ops = Operations(store, "bob")
    for rid in list(ids.values())[:3]:
        fields = field_items(store, rid)
        ops.reject(fields["province"]["id"], base_version=fields["province"]["version"])
        ops.update_item(fields["level"]["id"], {"value": "county"}, base_version=fields["level"]["version"])
        ops.set_report_state(rid, "in_review", base_version=1)
    fast = {key: list_reports(store, LibraryFilter(), sort=key) for key in queries.SORT_KEYS}
    fast_search = list_reports(store, LibraryFilter(search="法治政府建设工作"))
    monkeypatch.setattr(queries, "_uses_summary", lambda store: False)
    for key in queries.SORT_KEYS:
        assert list_reports(store, LibraryFilter(), sort=key) == fast[key], key
    assert list_reports(store, LibraryFilter(search="法治政府建设工作")) == fast_search


def test_next_report_needing_review_goes_round(lib):
    store, ids = lib
    order = [ids[name] for name in SEEDS]
    nxt = queries.next_report_needing_review
    assert nxt(store, None) == order[0]
    assert nxt(store, order[0]) == order[1]
    assert nxt(store, order[4]) == order[0]  # wraps round
    ops = Operations(store, "alice")
    ops.set_report_state(order[1], "done", base_version=1)
    assert nxt(store, order[0]) == order[2]  # done reports are skipped
    assert nxt(store, order[0], LibraryFilter(province="福建省")) == order[4]
    with store.engine.begin() as conn:  # every item of the others reviewed
        conn.execute(text("UPDATE items SET state = 'accepted' WHERE report_id != :r"), {"r": order[3]})
    assert nxt(store, order[3]) == order[3]  # the only one left
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE items SET state = 'accepted'"))
    assert nxt(store, order[3]) is None


@pytest.mark.parametrize("term", ["出庭应诉", "出庭應訴", "应诉", "應"])
def test_search_finds_a_phrase_in_any_script(lib, term):
    """Two seeds write 出庭应诉, one 出庭應訴, one 出庭應(yīng)訴 (pinyin notes inside the
    word): the normalised text is searched beside the text as read, for 1-2 characters too."""
    store, _ = lib
    rows = list_reports(store, LibraryFilter(search=term))
    found = [name[:3] for name in names(rows)]
    assert {"000", "002", "003", "004"} <= set(found), term
    if len(term) == 4:
        assert found == ["000", "002", "003", "004"]


def test_find_all_places_a_phrase_in_any_script():
    from desktop.store.searchtext import find_all

    text = "一是出庭应诉率100%。二是出庭應訴。三是出庭應(yīng)訴。"
    spans = find_all(text, "出庭应诉")
    assert [text[s:e] for s, e in spans] == ["出庭应诉", "出庭應訴", "出庭應(yīng)訴"]
    assert [text[s:e] for s, e in find_all(text, "出庭應訴")] == ["出庭应诉", "出庭應訴", "出庭應(yīng)訴"]
    assert find_all(text, "没有") == [] and find_all(text, " ") == []
