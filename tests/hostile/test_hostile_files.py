"""Files built to exhaust memory: zip bombs in .docx, flate bombs in .pdf."""

from __future__ import annotations

import sys

import pytest
from bombs import docx_bomb, pdf_flate_bomb, small_docx
from measure import run_measured

from desktop.core.reading import ReadError, read_report


def test_a_docx_is_read_from_its_document_part(tmp_path):
    path = small_docx(tmp_path / "a.docx", ["2022年法治政府建设年度报告", "一、主要成效"])
    assert read_report(path).text == "2022年法治政府建设年度报告\n一、主要成效"


LINUX = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="peak memory from /proc")


@LINUX
def test_a_docx_with_too_much_xml_is_refused_before_inflating(tmp_path):
    # 40 MB of XML in a file of some hundred KB: refused from the archive's directory.
    path = docx_bomb(tmp_path / "bomb.docx", 40 * 2**20)
    assert path.stat().st_size < 2**20
    run = run_measured("extract", path, "--format", "jsonl")
    assert run.returncode == 1
    assert "the Word document's text part inflates to over 32 MB (a zip bomb?)" in run.stderr
    assert run.peak_mb < 250  # before: the whole XML and its tree (1.2 GB for 100 MB)


@LINUX
def test_an_unused_huge_image_in_a_docx_is_never_inflated(tmp_path):
    path = docx_bomb(tmp_path / "image.docx", 10_000, image_bytes=300 * 2**20)
    run = run_measured("extract", path, "--format", "jsonl")
    assert run.returncode == 0, run.stderr
    assert run.peak_mb < 250  # python-docx inflated every part: 300 MB and more


def test_a_docx_whose_text_is_over_the_limit_is_refused(tmp_path, monkeypatch):
    from desktop.core import reading

    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 100_000)  # scaled down: 20 MB of text in CI is slow
    path = docx_bomb(tmp_path / "long.docx", 400_000)
    with pytest.raises(ReadError, match=r"the text read is 0\.1 million characters; the limit is"):
        read_report(path)


def test_a_pdf_stream_that_inflates_past_the_limit_gets_its_own_reason(tmp_path):
    path = pdf_flate_bomb(tmp_path / "bomb.pdf", 100 * 2**20)
    with pytest.raises(ReadError) as info:
        read_report(path)
    assert str(info.value) == "page 1 of the PDF holds a stream that inflates past 75 MB (a zip bomb?): not read"
