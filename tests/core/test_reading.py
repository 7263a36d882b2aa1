"""desktop.core.reading: every report file becomes the text all offsets refer to."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from fixtures_formats import (
    CHROME_STRINGS,
    write_bad_inputs,
    write_docx,
    write_encoded,
    write_html,
    write_pdf,
)

from desktop.core.reading import (
    MAX_FILE_BYTES,
    SUPPORTED_SUFFIXES,
    ReadError,
    ReadResult,
    iter_report_paths,
    read_report,
)

SEED_NAMES = sorted(p.name for p in (Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
TRADITIONAL_SEED = "002_59c7d4ea9493623a.txt"


def _norm_lines(text: str) -> list[str]:
    """Non-blank lines with whitespace runs collapsed: how the HTML reader emits a paragraph."""
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def _squash(text: str) -> str:
    return "".join(text.split())


def test_there_are_seeds() -> None:
    assert len(SEED_NAMES) >= 5
    assert TRADITIONAL_SEED in SEED_NAMES


# --------------------------------------------------------------------------- .txt


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_reads_back_exactly_as_read_text(name: str, seeds_dir: Path) -> None:
    path = seeds_dir / name
    result = read_report(path)
    assert isinstance(result, ReadResult)
    assert result.text == path.read_text(encoding="utf-8")
    assert result.encoding == "utf-8"
    assert result.source_format == "txt"
    assert result.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert result.path == path
    assert result.chrome == ()


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_in_other_encodings_reads_back_identically(
    name: str, encoding: str, seed_texts: dict[str, str], tmp_path: Path
) -> None:
    text = seed_texts[name]
    if encoding == "gbk":  # GBK lacks e.g. U+00A0: write what GBK can hold, expect exactly that
        text = text.encode("gbk", errors="replace").decode("gbk")
    path = write_encoded(text, tmp_path, "report.txt", encoding)
    result = read_report(path)
    assert result.text == text
    expected = {"gbk": "gb18030"}.get(encoding, encoding)
    assert result.encoding == expected


def test_traditional_seed_in_big5(seed_texts: dict[str, str], tmp_path: Path) -> None:
    text = seed_texts[TRADITIONAL_SEED]
    # The seed has 恒, which strict Big5 lacks: the fixture writes Windows Big5 (cp950) then.
    with pytest.raises(UnicodeEncodeError):
        text.encode("big5")
    for written_as in ("big5", "cp950", "big5hkscs"):
        result = read_report(write_encoded(text, tmp_path, f"{written_as}.txt", written_as))
        assert (result.text, result.encoding) == (text, "big5")
    strict = text.replace("恒", "恆")
    result = read_report(write_encoded(strict, tmp_path, "strict_big5.txt", "big5"))
    assert (result.text, result.encoding) == (strict, "big5")


def test_line_endings_are_translated_like_read_text(tmp_path: Path) -> None:
    text = "某市2023年法治政府建设年度报告\r\n一、主要工作\r二、存在问题\n三、下一步安排\r\n"
    utf8 = write_encoded(text, tmp_path, "crlf.txt", "utf-8")
    assert (
        read_report(utf8).text
        == utf8.read_text(encoding="utf-8")
        == "某市2023年法治政府建设年度报告\n一、主要工作\n二、存在问题\n三、下一步安排\n"
    )
    gb = write_encoded(text, tmp_path, "crlf_gb.txt", "gb18030")
    assert read_report(gb).text == utf8.read_text(encoding="utf-8")


def test_short_texts_in_each_encoding(tmp_path: Path) -> None:
    for text in ("依法行政", "法治政府建设年度报告", "中华人民共和国\n"):
        for encoding, expected in (("gb18030", "gb18030"), ("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be")):
            result = read_report(write_encoded(text, tmp_path, "short.txt", encoding))
            assert (result.text, result.encoding) == (text, expected)


def test_utf8_with_a_damaged_byte_is_refused_not_repaired(seed_texts: dict[str, str], tmp_path: Path) -> None:
    text = seed_texts[SEED_NAMES[0]]
    data = bytearray(text.encode("utf-8"))
    offset = len(text[:100].encode("utf-8"))  # first byte of character 100
    data[offset] = 0xFF
    path = tmp_path / "damaged.txt"
    path.write_bytes(bytes(data))
    with pytest.raises(ReadError, match=f"UTF-8 but invalid byte 0xFF at offset {offset}$"):
        read_report(path)


def test_utf8_truncated_mid_character(seed_texts: dict[str, str], tmp_path: Path) -> None:
    text = seed_texts[SEED_NAMES[0]]
    path = tmp_path / "cut.txt"
    path.write_bytes(text[: len(text) // 2].encode("utf-8") + "法".encode()[:2])
    with pytest.raises(ReadError, match="UTF-8 truncated"):
        read_report(path)


def test_random_high_bytes_never_decode_as_some_exotic_codec(tmp_path: Path) -> None:
    rng = random.Random(7)
    path = tmp_path / "noise.txt"
    for _ in range(50):
        path.write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(300)))
        with pytest.raises(ReadError):
            read_report(path)


# --------------------------------------------------------------------------- .html


def test_html_keeps_the_report_and_drops_the_page_chrome(seed_texts: dict[str, str], tmp_path: Path) -> None:
    titled = [name for name, text in seed_texts.items() if "报告" in text.split("\n", 1)[0]]
    assert titled, "need a seed whose first line is the report title"
    for name in titled:
        text = seed_texts[name]
        result = read_report(write_html(text, tmp_path, "page.html"))
        assert result.source_format == "html"
        assert result.encoding == "utf-8"
        lines = result.text.split("\n")
        assert lines[0] == text.split("\n", 1)[0]
        assert lines == _norm_lines(text)
        for chrome in CHROME_STRINGS:
            # the report itself may mention e.g. 政务公开: count, don't just look for it
            assert result.text.count(chrome) == text.count(chrome), chrome


@pytest.mark.parametrize("name", SEED_NAMES)
def test_html_of_every_seed_has_every_line_in_order(name: str, seed_texts: dict[str, str], tmp_path: Path) -> None:
    text = seed_texts[name]
    result = read_report(write_html(text, tmp_path, "page.html"))
    assert result.text.split("\n") == _norm_lines(text)
    assert not result.text.startswith("\n") and not result.text.endswith("\n")
    for chrome in CHROME_STRINGS:
        assert result.text.count(chrome) == text.count(chrome), chrome


def test_html_legacy_charset_article_header_and_soft_chrome(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        "<title>页面标题栏</title></head><body>"
        '<div id="header"><h1>某市人民政府</h1></div>'
        '<div class="position">当前位置:首页 &gt; 政务公开</div>'
        "<article><header><h1>某市2023年法治政府建设年度报告</h1></header>"
        "<p>一、主要工作</p><p>本年度我市   深入推进&nbsp;依法行政。</p>"
        "<table><tr><td>复议案件</td><td>12件</td></tr></table>"
        "<p>某市人民政府<br>2024年1月5日</p>"
        '<div class="share">分享到</div></article>'
        '<div class="footer">版权所有</div></body></html>'
    )
    path = tmp_path / "gbk.htm"
    path.write_bytes(page.encode("gbk"))
    result = read_report(path)
    assert result.encoding == "gb18030"
    assert result.text == (
        "某市2023年法治政府建设年度报告\n一、主要工作\n本年度我市 深入推进 依法行政。\n"
        "复议案件 12件\n某市人民政府\n2024年1月5日"
    )

    # Without a content element, weak chrome (position bar, print link) is kept but marked.
    path = tmp_path / "plain.html"
    path.write_text(
        '<body><div class="position">当前位置:首页</div><div><p>第一段正文。</p>'
        '<p>第二段正文<span class="print">【打印】</span></p></div>'
        '<div style="display:none">隐藏文字</div></body>',
        encoding="utf-8",
    )
    result = read_report(path)
    assert result.text == "当前位置:首页\n第一段正文。\n第二段正文\n【打印】"
    assert [result.text[a:b] for a, b in result.chrome] == ["当前位置:首页", "【打印】"]


def test_html_without_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>标题</title><script>var a = '正文';</script></head><body></body></html>")
    with pytest.raises(ReadError, match="no text"):
        read_report(path)


# --------------------------------------------------------------------------- .docx / .pdf


@pytest.mark.parametrize("name", SEED_NAMES)
def test_docx_paragraphs_are_the_seed_lines(name: str, seed_texts: dict[str, str], tmp_path: Path) -> None:
    text = seed_texts[name]
    result = read_report(write_docx(text, tmp_path, "report.docx"))
    assert (result.source_format, result.encoding) == ("docx", "docx")
    assert result.text == text.strip("\n")


def test_docx_table_cells_come_in_document_order(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("表前段落")
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"单元格{r}{c}"
    document.add_paragraph("表后段落")
    path = tmp_path / "table.docx"
    document.save(str(path))
    assert read_report(path).text == "表前段落\n单元格00\n单元格01\n单元格10\n单元格11\n表后段落"


@pytest.mark.parametrize("name", SEED_NAMES)
def test_pdf_text_is_the_seed_text(name: str, seed_texts: dict[str, str], tmp_path: Path) -> None:
    text = seed_texts[name]
    path = write_pdf(text, tmp_path, "report.pdf")
    result = read_report(path)
    assert (result.source_format, result.encoding) == ("pdf", "pdf")
    # Wrapping splits long lines; apart from whitespace the text is exact (no CJK spacing).
    assert _squash(result.text) == _squash(text)
    assert "\r" not in result.text
    from pypdf import PdfReader

    assert len(PdfReader(path).pages) > 1


# --------------------------------------------------------------------------- bad inputs


@pytest.fixture(scope="session")
def bad_inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_bad_inputs(tmp_path_factory.mktemp("bad"))


EXPECTED_MESSAGES = {
    "empty": "empty file",
    "whitespace": "only whitespace",
    "random_bytes": "binary data",
    "truncated_gbk": "GB18030 truncated in the middle of a character",
    "huge_text": "file is 5",
    "old_doc": ".doc format is not supported",
    "doc_renamed_docx": "old Word .doc",
    "scanned_pdf": "no text layer",
    "corrupt_docx": "corrupt .docx",
    "corrupt_pdf": "corrupt PDF",
    "html_as_pdf": "not a PDF: it is a web page",
    "unsupported": "unsupported file type .xyz",
}


@pytest.mark.parametrize("key", sorted(EXPECTED_MESSAGES))
def test_bad_input_is_refused_with_a_one_line_reason(key: str, bad_inputs: dict[str, Path]) -> None:
    with pytest.raises(ReadError) as info:
        read_report(bad_inputs[key])
    message = str(info.value)
    assert EXPECTED_MESSAGES[key] in message
    assert "\n" not in message and len(message) < 160


def test_bad_inputs_cover_the_brief(bad_inputs: dict[str, Path]) -> None:
    assert set(EXPECTED_MESSAGES) <= set(bad_inputs)
    assert bad_inputs["huge_text"].stat().st_size > 50 * 2**20


def test_huge_file_is_refused_from_its_size_alone(bad_inputs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    def no_reading(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("the reader must not read a file that is too large")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    monkeypatch.setattr(Path, "open", no_reading)
    size = bad_inputs["huge_text"].stat().st_size
    with pytest.raises(ReadError) as info:
        read_report(bad_inputs["huge_text"])
    assert str(info.value) == f"file is {size / 2**20:.1f} MB; the limit is {MAX_FILE_BYTES // 2**20} MB"


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="^file not found$"):
        read_report(tmp_path / "nope.txt")
    with pytest.raises(ReadError, match="folder"):
        read_report(tmp_path)


def _read_in_another_process(path: Path) -> str:
    """What a user's reader says about ``path``; as root, the read runs as the unprivileged user
    nobody (root reads a chmod-000 file, a user does not)."""
    code = (
        "import sys; from desktop.core.reading import ReadError, read_report\n"
        "try:\n    read_report(sys.argv[1])\nexcept ReadError as error:\n    print(error)\n"
        "else:\n    print('read')"
    )
    command = [sys.executable, "-c", code, str(path)]
    if os.geteuid() == 0:
        command = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *command]
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=120).stdout.strip()


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX file permissions")
@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0 and not shutil.which("setpriv"),
    reason="as root, needs setpriv (util-linux) to read as another user",
)
def test_unreadable_file_real_permissions(seed_texts: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as folder:  # not under pytest's root-only temp folder
        os.chmod(folder, 0o755)
        path = write_encoded(seed_texts[SEED_NAMES[0]], Path(folder), "locked.txt", "utf-8")
        path.chmod(0o644)
        assert _read_in_another_process(path) == "read"  # the same user reads it while it is readable
        path.chmod(0)
        assert _read_in_another_process(path) == "permission denied"


@pytest.mark.parametrize("suffix", [".txt", ".html", ".docx", ".pdf"])
def test_unreadable_file(suffix: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / f"locked{suffix}"
    path.write_bytes(b"x" * 100)

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(ReadError, match="^permission denied$"):
        read_report(path)


def test_garbage_in_any_format_raises_read_error_only(seed_texts: dict[str, str], tmp_path: Path) -> None:
    text = seed_texts[SEED_NAMES[0]][:1500]
    good = {
        ".docx": write_docx(text, tmp_path, "good.docx").read_bytes(),
        ".pdf": write_pdf(text, tmp_path, "good.pdf").read_bytes(),
        ".html": write_html(text, tmp_path, "good.html").read_bytes(),
        ".txt": text.encode("gb18030"),
    }
    rng = random.Random(3)
    for suffix, data in good.items():
        path = tmp_path / f"broken{suffix}"
        variants = [data[:cut] for cut in (1, 10, len(data) // 3, len(data) // 2, len(data) - 7)]
        for _ in range(4):
            damaged = bytearray(data)
            for _ in range(20):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
            variants.append(bytes(damaged))
        variants.append(rng.randbytes(3000))
        for variant in variants:
            path.write_bytes(variant)
            try:
                result = read_report(path)
            except ReadError as e:
                assert "\n" not in str(e)
            else:
                assert result.text.strip()


# --------------------------------------------------------------------------- paths


def test_iter_report_paths_expands_folders(tmp_path: Path) -> None:
    root = tmp_path / "reports"
    (root / "b_sub").mkdir(parents=True)
    (root / ".hidden_dir").mkdir()
    for rel in (
        "a.txt",
        "c.PDF",
        "b_sub/x.docx",
        "b_sub/y.htm",
        "notes.xyz",
        ".hidden.txt",
        ".hidden_dir/z.txt",
        "~$lock.docx",
        "b_sub/page.html",
    ):
        (root / rel).write_text("x", encoding="utf-8")
    explicit = tmp_path / "explicit.xyz"
    explicit.write_text("x", encoding="utf-8")
    missing = tmp_path / "missing.txt"

    got = list(iter_report_paths([root, str(explicit), missing]))
    assert got == [
        root / "a.txt",
        root / "b_sub" / "page.html",
        root / "b_sub" / "x.docx",
        root / "b_sub" / "y.htm",
        root / "c.PDF",
        explicit,
        missing,
    ]
    assert SUPPORTED_SUFFIXES == {".txt", ".html", ".htm", ".docx", ".pdf"}
    with pytest.raises(ReadError, match="unsupported file type .xyz"):
        read_report(explicit)


def test_pdf_line_wrapping_is_undone_but_headings_and_signatures_stay_lines():
    from desktop.core.reading import join_wrapped_lines

    full = "全年共办理行政复议案件五十二件,行政机关负责人出庭应诉率达到百分"  # a full page width
    text = "\n".join(
        [
            "一、主要举措和成效",
            full,
            "之百,依法行政水平明显提升。",
            full,
            "之百。",
            "二、存在的不足",
            full,
            full,
            "厦门市人民",
            "政府",
            "厦门市人民政府",
            "2023年1月5日",
        ]
    )
    joined = join_wrapped_lines(text).split("\n")
    assert joined[0] == "一、主要举措和成效"
    assert joined[1] == full + "之百,依法行政水平明显提升。"
    assert joined[2] == full + "之百。"
    assert joined[3] == "二、存在的不足"
    assert joined[4] == full + full + "厦门市人民"  # the wrapped paragraph ends at a short line
    assert joined[-2:] == ["厦门市人民政府", "2023年1月5日"]
