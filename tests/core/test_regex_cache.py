"""The compiled-regex cache (desktop/core/regex_cache.py): a command that starts again reuses
the programs the last one compiled, and nothing it finds in the cache folder can change
what the extractor finds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cli_runner import run_cli

from desktop.core import indicators, regex_cache


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    """The cache on, in a folder of the test's own, and nothing left over from other tests."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(regex_cache.CACHE_ENV, str(folder))
    monkeypatch.setattr(regex_cache, "_programs", None)
    monkeypatch.setattr(regex_cache, "_added", {})
    return folder


PATTERNS = [
    (r"(?P<year>(?:19|20)\d\d)年(?P<count>[一二三四五六七八九十]+)项", 0),
    (r"^[\u4e00-\u9fff()（）]{2,24}$", re.M),
    (r"[^\x00-\x7f，。、]+", 0),
    (r"(?i)rule of law", 0),
    (r"(a)|(?P<b>b)", re.S | re.X),
]
TEXT = "2022年十二项\n法治政府建设年度报告\nThe Rule of Law, ab"


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_a_pattern_from_the_cache_behaves_as_re_compile_makes_it(cache_folder, pattern, flags):
    fresh = regex_cache.compile_regex(pattern, flags)
    regex_cache.save()
    regex_cache._programs = None  # as a new process: read the saved file
    cached = regex_cache.compile_regex(pattern, flags)
    assert regex_cache._added == {}, "the second compile should have come from the file"
    reference = re.compile(pattern, flags)
    for compiled in (fresh, cached):
        assert compiled.pattern == reference.pattern
        assert compiled.flags == reference.flags
        assert compiled.groups == reference.groups
        assert compiled.groupindex == reference.groupindex
        assert [m.span() for m in compiled.finditer(TEXT)] == [m.span() for m in reference.finditer(TEXT)]


def test_a_bad_pattern_is_still_an_error(cache_folder):
    with pytest.raises(re.error):
        regex_cache.compile_regex(r"[\u4e00-")


@pytest.mark.parametrize(
    "damage",
    [
        b"",  # an empty file
        b"\x00\xff\x13 not marshal",
        b"truncated",
    ],
)
def test_a_damaged_cache_file_is_ignored_and_replaced(cache_folder, damage):
    path = regex_cache.cache_file()
    assert path is not None and path.parent == cache_folder
    cache_folder.mkdir()
    path.write_bytes(damage)
    compiled = regex_cache.compile_regex(r"[\u3400-\u9fff]+")
    assert compiled.findall("abc法治def") == ["法治"]
    regex_cache.save()
    regex_cache._programs = None
    assert regex_cache._saved_programs(), "the damaged file should have been replaced by a good one"


def test_a_program_the_engine_refuses_is_compiled_afresh(cache_folder):
    pattern = r"(?P<n>\d+)项"
    regex_cache.compile_regex(pattern)
    regex_cache.save()
    regex_cache._programs = None
    key = (pattern, 0)
    flags, code, groups, groupindex, indexgroup = regex_cache._saved_programs()[key]
    regex_cache._saved_programs()[key] = (flags, [*code[:-3], 99999], groups, groupindex, indexgroup)
    compiled = regex_cache.compile_regex(pattern)
    assert compiled.search("共12项").group("n") == "12"
    assert key in regex_cache._added, "the good program should be saved over the refused one"


def test_a_cache_folder_that_cannot_be_written_costs_nothing_but_time(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv(regex_cache.CACHE_ENV, str(blocker / "cache"))
    monkeypatch.setattr(regex_cache, "_programs", None)
    monkeypatch.setattr(regex_cache, "_added", {})
    assert regex_cache.compile_regex(r"[一-龥]").search("年度报告")
    regex_cache.save()  # must not raise
    assert list(tmp_path.iterdir()) == [blocker]


def test_an_empty_setting_turns_the_cache_off(monkeypatch):
    monkeypatch.setenv(regex_cache.CACHE_ENV, "")
    monkeypatch.setattr(regex_cache, "_added", {})
    assert regex_cache.cache_file() is None
    regex_cache.compile_regex(r"[\u4e00-\u9fff]{3}")
    assert regex_cache._added == {}


def test_the_cache_is_capped(cache_folder, monkeypatch):
    monkeypatch.setattr(regex_cache, "MAX_PROGRAMS", 3)
    for count in range(5):
        regex_cache.compile_regex(rf"[\u4e00-\u9fff]{{{count + 1}}}")
    regex_cache.save()
    regex_cache._programs = None
    assert [pattern for pattern, _ in regex_cache._saved_programs()] == [
        rf"[\u4e00-\u9fff]{{{count + 1}}}" for count in (2, 3, 4)
    ]


def test_extract_gives_the_same_output_with_a_cold_a_warm_and_no_cache(tmp_path, seeds_dir):
    """The first command fills the cache, the second reads it: both say exactly what a run
    without the cache says, on every seed."""
    folder = tmp_path / "cache"
    outputs = []
    written = []
    for setting in ("", str(folder), str(folder)):
        result = run_cli("extract", seeds_dir, "--format", "jsonl", env={regex_cache.CACHE_ENV: setting})
        assert result.returncode == 0, result.stderr
        outputs.append([json.loads(line) for line in result.stdout.splitlines()])
        if setting:
            saved = list(folder.glob("regex-*.marshal"))
            assert len(saved) == 1, "the command should leave its compiled patterns in the cache folder"
            assert saved[0].stat().st_size > 10_000
            written.append(saved[0].stat().st_mtime_ns)
    assert written[1] == written[0], "a warm run should find every pattern it needs and write nothing"
    assert len(outputs[0]) == len(list(Path(seeds_dir).glob("*.txt")))
    assert outputs[1] == outputs[0]
    assert outputs[2] == outputs[0]


def test_a_file_that_cannot_be_replaced_leaves_no_partial_file_behind(cache_folder, monkeypatch):
    regex_cache.compile_regex(r"[\u4e00-\u9fff]{2}年")

    def refuse(source, target):
        raise PermissionError(13, "being read by another process", str(target))

    monkeypatch.setattr(regex_cache.os, "replace", refuse)
    regex_cache.save()
    assert list(cache_folder.iterdir()) == []


def test_a_phrase_checked_as_a_reviewer_types_it_is_not_kept(cache_folder):
    """The catalogue dialog checks the phrase at every keystroke: those half-typed phrases
    must not fill the cache file that every command reads."""
    typed = "行政复议.{0,4}案件"
    for end in range(1, len(typed) + 1):
        indicators.phrase_error(typed[:end])
    assert regex_cache._added == {}
