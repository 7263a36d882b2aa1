"""The user catalogue beside the bundled one: a phrase added there changes the next
extraction, in the same process, without a restart."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from desktop.core import indicators
from desktop.core.indicators import (
    CatalogueError,
    UserEntry,
    add_user_phrase,
    default_catalogue,
    literal_phrase,
    read_user_catalogue,
    user_catalogue_error,
    user_catalogue_path,
    write_user_catalogue,
)
from desktop.core.metrics import find_metrics

SEED = "000_9b94de69fa88372b.txt"
# In that seed, "处理完企业反映的问题超过七千二百个,满意程度达到百分之九十九点二" names no indicator
# the bundled catalogue knows.
NUMBER = "百分之九十九点二"


@pytest.fixture(autouse=True)
def user_file(tmp_path, monkeypatch) -> Path:
    """Every test here has a user catalogue path of its own; nothing leaks to other tests."""
    path = tmp_path / "config" / "indicators.toml"
    monkeypatch.setenv(indicators.USER_CATALOGUE_ENV, str(path))
    yield path
    monkeypatch.undo()
    default_catalogue.cache_clear()


def indicator_of(text: str, number: str) -> str | None:
    return next(m.indicator for m in find_metrics(text) if m.text == number)


def test_a_phrase_added_changes_the_next_extraction(seed_texts, user_file):
    text = seed_texts[SEED]
    assert indicator_of(text, NUMBER) is None
    assert add_user_phrase("hotline_satisfaction_rate", literal_phrase("满意程度")) is True
    assert user_file.is_file()
    assert indicator_of(text, NUMBER) == "hotline_satisfaction_rate"
    # the bundled catalogue's phrases are still there; the file holds what was added
    assert len(default_catalogue().by_key["hotline_satisfaction_rate"].phrases) > 1
    assert read_user_catalogue() == [UserEntry("hotline_satisfaction_rate", ["满意程度"])]
    assert add_user_phrase("hotline_satisfaction_rate", "满意程度") is False  # already there


def test_the_file_is_read_again_when_it_changes(seed_texts, user_file):
    text = seed_texts[SEED]
    write_user_catalogue([UserEntry("hotline_satisfaction_rate", ["满意程度"])])
    assert indicator_of(text, NUMBER) == "hotline_satisfaction_rate"
    # another program rewrites it (a different size and modification time)
    user_file.write_text(
        '[[indicator]]\nkey = "mediation_success_rate"\nphrases = ["满意程度达到"]\n', encoding="utf-8"
    )
    os.utime(user_file, ns=(time.time_ns(), time.time_ns() + 1_000_000))
    assert indicator_of(text, NUMBER) == "mediation_success_rate"
    user_file.unlink()
    assert indicator_of(text, NUMBER) is None


def test_a_new_indicator(seed_texts, user_file):
    user_file.parent.mkdir(parents=True)
    user_file.write_text(
        '[[indicator]]\nkey = "service_satisfaction_rate"\nzh = "政务服务满意率"\n'
        'en = "Public service satisfaction rate"\nunit_kind = "rate"\nphrases = ["满意程度"]\n',
        encoding="utf-8",
    )
    catalogue = default_catalogue()
    assert catalogue.by_key["service_satisfaction_rate"].zh == "政务服务满意率"
    assert catalogue.indicators[-1].key == "service_satisfaction_rate"  # after the bundled ones
    assert indicator_of(seed_texts[SEED], NUMBER) == "service_satisfaction_rate"
    with pytest.raises(CatalogueError, match="needs zh, en and unit_kind"):
        write_user_catalogue([UserEntry("another_rate", ["比例"])])


def test_a_broken_user_file_is_left_out(seed_texts, user_file, caplog):
    user_file.parent.mkdir(parents=True)
    user_file.write_text("[[indicator]]\nkey = \n", encoding="utf-8")
    assert len(default_catalogue().indicators) == len(indicators._bundled_entries())
    assert "indicators.toml" in (user_catalogue_error() or "")
    assert indicator_of(seed_texts[SEED], "98.22%") == "court_appearance_rate"  # the bundled catalogue works
    user_file.write_text('[[indicator]]\nkey = "court_appearance_rate"\nphrases = ["(出庭"]\n', encoding="utf-8")
    assert "not a valid pattern" in (user_catalogue_error() or "")
    with pytest.raises(CatalogueError):
        read_user_catalogue()
    with pytest.raises(CatalogueError, match="unknown indicator"):
        add_user_phrase("no_such_indicator", "出庭")
    with pytest.raises(CatalogueError, match="empty"):
        add_user_phrase("court_appearance_rate", " ")


def test_switched_off_and_default_location(monkeypatch):
    monkeypatch.setenv(indicators.USER_CATALOGUE_ENV, "")
    assert user_catalogue_path() is None
    assert len(default_catalogue().indicators) == len(indicators._bundled_entries())
    with pytest.raises(CatalogueError, match="switched off"):
        write_user_catalogue([UserEntry("court_appearance_rate", ["出庭"])])
    monkeypatch.delenv(indicators.USER_CATALOGUE_ENV)
    monkeypatch.setenv("XDG_CONFIG_HOME", "/nonexistent-config")
    path = user_catalogue_path()
    assert path is not None and path.name == "indicators.toml" and "fazhi-review" in str(path)


def test_written_file_round_trips(user_file):
    entries = [
        UserEntry("court_appearance_rate", ["出庭.{0,4}比例", 'a "quoted" \\d phrase']),
        UserEntry("new_thing", ["新事物"], zh="新事物", en="A new thing", unit_kind="count"),
    ]
    write_user_catalogue(entries)
    assert read_user_catalogue() == entries
    assert literal_phrase("满意(程度)") == r"满意\(程度\)"
