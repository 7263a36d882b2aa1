"""Generators of compressed files that inflate far past their size (zip and flate bombs).

Each is built in a streaming way, so a test can make a 100 MB bomb without holding 100 MB.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="png" ContentType="image/png"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
_IMAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
    'Target="media/image1.png"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DOC_HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}"><w:body>'
_DOC_TAIL = "</w:body></w:document>"
_PARAGRAPH = "<w:p><w:r><w:t>2022年法治政府建设年度报告。全年办理案件1,234件。</w:t></w:r></w:p>"


def docx_bomb(path: Path, xml_bytes: int, image_bytes: int = 0) -> Path:
    """A .docx whose document.xml inflates to about ``xml_bytes`` of paragraphs, with an
    unused image of ``image_bytes`` zeros beside it (written in chunks)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        with zf.open("word/document.xml", "w", force_zip64=True) as out:
            out.write(_DOC_HEAD.encode())
            chunk = (_PARAGRAPH * 1000).encode()
            written = 0
            while written < xml_bytes:
                out.write(chunk)
                written += len(chunk)
            out.write(_DOC_TAIL.encode())
        if image_bytes:
            # referenced by the document (python-docx loads every part a relationship names)
            zf.writestr("word/_rels/document.xml.rels", _IMAGE_RELS)
            with zf.open("word/media/image1.png", "w", force_zip64=True) as out:
                zeros = bytes(2**20)
                for _ in range(image_bytes // len(zeros)):
                    out.write(zeros)
    return path


def small_docx(path: Path, paragraphs: list[str]) -> Path:
    """A minimal .docx (no python-docx needed) with these paragraphs."""
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("word/document.xml", _DOC_HEAD + body + _DOC_TAIL)
    return path


def pdf_flate_bomb(path: Path, inflated_bytes: int) -> Path:
    """A one-page PDF whose content stream is a flate stream of ``inflated_bytes`` spaces."""
    comp = zlib.compressobj(9)
    stream = io.BytesIO()
    block = b" " * 2**20
    left = inflated_bytes
    while left > 0:
        stream.write(comp.compress(block[: min(left, len(block))]))
        left -= len(block)
    stream.write(comp.flush())
    data = stream.getvalue()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    path.write_bytes(out.getvalue())
    return path
