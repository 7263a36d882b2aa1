"""Write a seed report in other formats and encodings, plus deliberately bad inputs.

Plain functions, no pytest: each takes text and a folder and returns the written path.
PDFs are made with reportlab's built-in CID font STSong-Light (no font file needed);
pypdf extracts Chinese from them correctly.
"""

from __future__ import annotations

import html
import random
from pathlib import Path

__all__ = ["write_bad_inputs", "write_docx", "write_encoded", "write_html", "write_pdf"]

NAV_STRINGS = ("首页", "政务公开", "网站地图", "政府信息公开目录")
HEADER_STRINGS = ("示例市人民政府门户网站",)
BREADCRUMB_STRINGS = ("当前位置",)
FOOTER_STRINGS = ("版权所有", "网站标识码", "粤ICP备05080000号", "分享到", "主办单位")
SCRIPT_STRINGS = ("document.write", "trackVisit", "TITLE-ONLY-标题栏")
CHROME_STRINGS = NAV_STRINGS + HEADER_STRINGS + BREADCRUMB_STRINGS + FOOTER_STRINGS + SCRIPT_STRINGS


def write_encoded(text: str, folder: Path, name: str, encoding: str) -> Path:
    """Write ``text`` in ``encoding`` (strictly: raises if a character cannot be encoded).

    'utf-16' writes a BOM (Python's default), 'utf-8-sig' too; 'utf-16-le'/'utf-16-be' do not.
    'big5' falls back to Windows Big5 (cp950) when strict Big5 lacks a character, as real
    files do: seed 002 has 恒, which only cp950/big5hkscs encode.
    """
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        if encoding.lower().replace("_", "-") != "big5":
            raise
        data = text.encode("cp950")
    path = Path(folder) / name
    path.write_bytes(data)
    return path


def write_html(text: str, folder: Path, name: str) -> Path:
    """A realistic government article page with the report inside ``<div class="article">``.

    The first line of ``text`` becomes the ``<h1>``, every other non-blank line a ``<p>``.
    """
    lines = [line for line in text.split("\n") if line.strip()]
    title, body = (lines[0], lines[1:]) if lines else ("", [])
    paragraphs = "\n".join(f"      <p>{html.escape(line)}</p>" for line in body)
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <title>TITLE-ONLY-标题栏 {html.escape(title)}_示例市人民政府</title>
  <style>body {{ font-family: SimSun; }} .article p {{ text-indent: 2em; }}</style>
  <script type="text/javascript">
    document.write("<p>document.write injected</p>");
    function trackVisit() {{ new Image().src = "https://stat.example.gov.cn/t?u=" + location.href; }}
    trackVisit();
  </script>
</head>
<body>
  <div class="top-header">
    <div class="logo"><a href="/"><img src="/images/logo.png" alt="logo"></a>示例市人民政府门户网站</div>
    <div class="header-links"><a href="#">无障碍</a> <a href="#">English</a></div>
  </div>
  <nav class="main-nav">
    <ul>
      <li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
      <li><a href="/xxgk/">政府信息公开目录</a></li><li><a href="/wzdt/">网站地图</a></li>
    </ul>
  </nav>
  <div class="breadcrumb">当前位置:<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 规划计划</div>
  <div class="main">
    <div class="article">
      <h1>{html.escape(title)}</h1>
{paragraphs}
    </div>
    <div class="share-bar">分享到:<a href="#">微信</a> <a href="#">微博</a></div>
  </div>
  <noscript>请启用JavaScript trackVisit</noscript>
  <footer class="site-footer">
    <p>主办单位:示例市人民政府办公室 版权所有 &copy; 示例市人民政府</p>
    <p>网站标识码:4407000001 <a href="https://beian.miit.gov.cn/">粤ICP备05080000号</a></p>
  </footer>
  <script>trackVisit();</script>
</body>
</html>
"""
    path = Path(folder) / name
    path.write_text(page, encoding="utf-8")
    return path


def write_docx(text: str, folder: Path, name: str) -> Path:
    """One Word paragraph per line of ``text``."""
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    path = Path(folder) / name
    document.save(str(path))
    return path


def _cid_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def _wrap(line: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out: list[str] = []
    current = ""
    for ch in line:
        if current and stringWidth(current + ch, font, size) > width:
            out.append(current)
            current = ""
        current += ch
    out.append(current)
    return out


def write_pdf(text: str, folder: Path, name: str) -> Path:
    """A multi-page A4 PDF, STSong-Light 11pt, long lines wrapped to stay on the page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font, size, margin = _cid_font(), 11, 56
    width, height = A4
    path = Path(folder) / name
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont(font, size)
    y = height - margin
    for line in text.split("\n"):
        for part in _wrap(line, font, size, width - 2 * margin):
            if y < margin:
                pdf.showPage()
                pdf.setFont(font, size)
                y = height - margin
            pdf.drawString(margin, y, part)
            y -= size * 1.6
    pdf.showPage()
    pdf.save()
    return path


_SAMPLE = "二〇二三年,本市深入学习贯彻习近平法治思想,扎实推进法治政府建设。现将有关情况报告如下。\n"


def write_bad_inputs(folder: Path) -> dict[str, Path]:
    """Files that must be refused, keyed by what is wrong with them."""
    folder = Path(folder)
    paths: dict[str, Path] = {}

    paths["empty"] = folder / "empty.txt"
    paths["empty"].write_bytes(b"")

    paths["whitespace"] = folder / "whitespace.txt"
    paths["whitespace"].write_text(" \n\t\u3000\n\n", encoding="utf-8")

    paths["random_bytes"] = folder / "random.txt"
    paths["random_bytes"].write_bytes(random.Random(20240501).randbytes(4096))

    data = (_SAMPLE * 20).encode("gbk")
    cut = len(data) // 2
    while data[cut] < 0x81:  # stop right after the first byte of a two-byte character
        cut += 1
    paths["truncated_gbk"] = folder / "truncated_gbk.txt"
    paths["truncated_gbk"].write_bytes(data[: cut + 1])

    paths["huge_text"] = write_huge_text(folder / "huge.txt", 51 * 2**20)

    paths["old_doc"] = folder / "report.doc"
    paths["old_doc"].write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + _SAMPLE.encode("utf-16-le"))

    paths["doc_renamed_docx"] = folder / "renamed.docx"
    paths["doc_renamed_docx"].write_bytes(paths["old_doc"].read_bytes())

    paths["scanned_pdf"] = _write_scanned_pdf(folder / "scanned.pdf")

    paths["corrupt_docx"] = folder / "corrupt.docx"
    paths["corrupt_docx"].write_bytes(b"PK\x03\x04" + random.Random(1).randbytes(2000))

    paths["corrupt_pdf"] = folder / "corrupt.pdf"
    paths["corrupt_pdf"].write_bytes(b"%PDF-1.7\n" + random.Random(2).randbytes(2000))

    paths["html_as_pdf"] = folder / "download.pdf"
    paths["html_as_pdf"].write_text("<!DOCTYPE html><html><body>404 Not Found</body></html>", encoding="utf-8")

    paths["unsupported"] = folder / "report.xyz"
    paths["unsupported"].write_text(_SAMPLE, encoding="utf-8")
    return paths


def write_huge_text(path: Path, size: int) -> Path:
    """A real UTF-8 text file of at least ``size`` bytes, written in 1 MiB blocks."""
    unit = _SAMPLE.encode("utf-8")
    block = unit * (2**20 // len(unit) + 1)
    with open(path, "wb") as f:
        written = 0
        while written < size:
            f.write(block)
            written += len(block)
    return Path(path)


def _write_scanned_pdf(path: Path) -> Path:
    """A two-page PDF with only drawings (as a scan without OCR looks to a text extractor)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(2):
        pdf.setFillGray(0.8)
        pdf.rect(60, 100, 470, 640, fill=1, stroke=1)
        pdf.line(60, 400, 530, 420)
        pdf.showPage()
    pdf.save()
    return path
