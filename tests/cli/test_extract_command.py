"""`fazhi-review extract` as EXTRACTION_CONTRACT.md defines it, run as a user runs it."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import fixtures_formats as formats
import pytest
from cli_runner import run_cli

TRADITIONAL_SEED = "002_59c7d4ea9493623a.txt"  # the one Big5 can hold (004 carries pinyin)


@pytest.fixture(scope="module")
def seed_extraction(seeds_dir: Path) -> dict[str, dict]:
    result = run_cli("extract", seeds_dir, "--format", "json")
    assert result.returncode == 0, result.stderr
    return {Path(obj["file"]).name: obj for obj in json.loads(result.stdout)}


def test_every_seed_yields_a_contract_object(seed_extraction, seeds_dir):
    assert sorted(seed_extraction) == sorted(p.name for p in seeds_dir.glob("*.txt"))
    for name, obj in seed_extraction.items():
        text = (seeds_dir / name).read_text(encoding="utf-8")
        assert obj["sha256"] == hashlib.sha256((seeds_dir / name).read_bytes()).hexdigest()
        assert obj["encoding"] == "utf-8"
        assert set(obj["metadata"]) == {
            "title",
            "issuer",
            "region",
            "province",
            "level",
            "report_year",
            "doc_number",
            "publish_date",
            "script",
        }
        for key in ("sections", "parts", "metrics", "flags"):
            assert isinstance(obj[key], list)
        for flag in obj["flags"]:
            assert flag["kind"] in {"mojibake", "pinyin", "boilerplate", "spam", "low_confidence"}
            assert 0 <= flag["start"] <= flag["end"] <= len(text)
            if flag["kind"] == "low_confidence":
                assert flag["field"] in {*obj["metadata"], "section", "part", "metric"}


def test_flags_point_at_what_the_reviewer_should_see(seed_extraction, seeds_dir):
    text = (seeds_dir / "004_41264ee4147a8939.txt").read_text(encoding="utf-8")
    flags = seed_extraction["004_41264ee4147a8939.txt"]["flags"]
    mojibake = [f for f in flags if f["kind"] == "mojibake"]
    assert mojibake, "the garbled heading lines of 004 are flagged"
    for flag in mojibake:
        assert (
            "ㄈ" in text[flag["start"] : flag["end"]]
            or "┩" in text[flag["start"] : flag["end"]]
            or "ㄎ" in text[flag["start"] : flag["end"]]
            or "ㄒ" in text[flag["start"] : flag["end"]]
            or "ǘ" in text[flag["start"] : flag["end"]]
            or "ㄋ" in text[flag["start"] : flag["end"]]
        )
        assert flag["repair"] and flag["repair"] != text[flag["start"] : flag["end"]]
    pinyin = [f for f in flags if f["kind"] == "pinyin"]
    assert all("(" in text[f["start"] : f["end"]] for f in pinyin) and pinyin
    spam = [f for f in seed_extraction["000_9b94de69fa88372b.txt"]["flags"] if f["kind"] == "spam"]
    spam_text = (seeds_dir / "000_9b94de69fa88372b.txt").read_text(encoding="utf-8")
    assert any("侦探" in spam_text[f["start"] : f["end"]] for f in spam)


def test_jsonl_streams_one_object_per_line(seeds_dir):
    result = run_cli(
        "extract", seeds_dir / "001_a08c839c0d0a26f1.txt", seeds_dir / "003_f885b1ea36eeffc6.txt", "--format", "jsonl"
    )
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert [json.loads(line)["metadata"]["region"] for line in lines] == ["汕尾市", "如皋市"]


def _variants(seed_texts: dict[str, str], folder: Path) -> list[tuple[str, Path]]:
    out = []
    for name, text in seed_texts.items():
        stem = Path(name).stem
        out.append((name, formats.write_encoded(text, folder, f"{stem}.gb18030.txt", "gb18030")))
        out.append((name, formats.write_encoded(text, folder, f"{stem}.utf16.txt", "utf-16")))
        out.append((name, formats.write_html(text, folder, f"{stem}.html")))
        out.append((name, formats.write_docx(text, folder, f"{stem}.docx")))
        out.append((name, formats.write_pdf(text, folder, f"{stem}.pdf")))
    big5 = seed_texts[TRADITIONAL_SEED]
    out.append((TRADITIONAL_SEED, formats.write_encoded(big5, folder, "002.big5.txt", "big5")))
    return out


def test_the_same_report_in_any_format_gives_the_same_metadata(seed_extraction, seed_texts, tmp_path):
    variants = _variants(seed_texts, tmp_path)
    result = run_cli("extract", *[path for _, path in variants], "--format", "json")
    assert result.returncode == 0, result.stderr
    by_file = {obj["file"]: obj for obj in json.loads(result.stdout)}
    mismatches = []
    for seed, path in variants:
        got = by_file[str(path)]["metadata"]
        want = seed_extraction[seed]["metadata"]
        if got != want:
            diff = {k: (want[k], got[k]) for k in want if want[k] != got[k]}
            mismatches.append(f"{path.name}: {diff}")
    assert not mismatches, "\n".join(mismatches)
    encodings = {path.name: by_file[str(path)]["encoding"] for _, path in variants}
    assert encodings["002.big5.txt"] == "big5"
    assert all(encodings[p] == "gb18030" for p in encodings if ".gb18030." in p)


def test_bad_inputs_each_get_a_one_line_error_and_the_run_goes_on(tmp_path, seeds_dir):
    bad = formats.write_bad_inputs(tmp_path)
    no_permission = tmp_path / "locked.txt"
    no_permission.write_text("2023年法治政府建设年度报告", encoding="utf-8")
    no_permission.chmod(0)
    good = seeds_dir / "001_a08c839c0d0a26f1.txt"
    paths = [*bad.values(), no_permission, good]
    result = run_cli("extract", *paths, "--format", "json")
    assert result.returncode == 1
    objects = json.loads(result.stdout)  # stdout holds the JSON and nothing else
    assert [obj["file"] for obj in objects] == [str(p) for p in paths]
    errors = {Path(obj["file"]).name: obj.get("error") for obj in objects}
    assert errors[good.name] is None and objects[-1]["metadata"]["region"] == "汕尾市"
    for path in bad.values():
        message = errors[path.name]
        assert message and "\n" not in message, (path.name, message)
    if os.geteuid() != 0:  # root reads anything; the reader's own test covers that path
        assert "permission" in errors["locked.txt"].lower()
    assert "MB" in errors[bad["huge_text"].name]
    # stderr names each unreadable file once, for the user watching the terminal
    assert result.stderr.count(bad["empty"].name) == 1


def test_bad_arguments_exit_2():
    assert run_cli("extract").returncode == 2
    assert run_cli("extract", "x", "--format", "xml").returncode == 2


def test_missing_path_is_reported_not_fatal(tmp_path, seeds_dir):
    result = run_cli("extract", tmp_path / "nope.txt", seeds_dir / "004_41264ee4147a8939.txt")
    assert result.returncode == 1
    objects = json.loads(result.stdout)
    assert "error" in objects[0] and objects[1]["metadata"]["region"] == "厦门市"


def test_items_carry_a_confidence_and_unsure_ones_are_flagged(seed_extraction):
    for obj in seed_extraction.values():
        for item in obj["sections"] + obj["parts"] + obj["metrics"]:
            assert 0 <= item["confidence"] <= 1
        flagged = {(f["start"], f["end"]) for f in obj["flags"] if f.get("field") == "metric"}
        for metric in obj["metrics"]:
            assert ((metric["start"], metric["end"]) in flagged) == (metric["confidence"] < 0.8)
