"""Turn a report file (.txt / .html / .docx / .pdf) into the text that all offsets refer to.

``read_report`` is the single entry point.  It returns the text exactly as the reviewer will
see it, with ``'\\n'`` line ends (universal-newline translation, like
``Path.read_text``), or raises :class:`ReadError` with a one-line, user-readable reason.

Plain text
    BOMs first, then strict UTF-8 (the fast path, most files), then ``charset-normalizer``
    restricted to the encodings we accept (GB18030 family, Big5 family, UTF-16 without BOM).
    Every decode is strict: bytes are never silently replaced or dropped.  A detector guess
    is only accepted when the decoded text *looks like Chinese text*: few control
    characters, some CJK ideographs, and a high share of common characters (see
    ``_plausibility``).  This guard is needed because a multi-byte codec will happily decode
    text written in another one (GBK bytes are usually valid Big5 and vice versa).

HTML
    Decoded like text (BOM, strict UTF-8, ``<meta charset>``, detector), parsed with
    selectolax/Lexbor (no script is ever run).  Non-content elements are dropped, page chrome
    (``<nav>``, ``<aside>``, ``<header>``/``<footer>`` outside ``<article>``/``<main>``/``<section>``,
    and elements whose class/id contains one of ``_CHROME_WORDS`` as a word) is dropped; a few
    weaker markers (``_SOFT_CHROME_WORDS``, e.g. "当前位置" position bars, print/font-size tools)
    are kept but reported in
    ``ReadResult.chrome``.  When an ``<article>``/``<main>`` or an element whose class/id
    contains one of ``_CONTENT_WORDS`` holds most of the text, the result is the page's
    ``<h1>`` headline plus that element.  Block elements become separate lines, whitespace
    runs inside a line collapse to one space, blank lines are dropped.  ``<title>`` is not
    part of the text.

DOCX / PDF
    python-docx paragraphs (tables' cell paragraphs in document order); pypdf text,
    pages joined with ``'\\n'``.
"""

from __future__ import annotations

import codecs
import functools
import hashlib
import io
import os
import re
import stat
import unicodedata
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .regex_cache import compile_regex

if TYPE_CHECKING:  # imported where used, so that reading a .txt never loads them
    import zipfile

    from selectolax.lexbor import LexborNode as Node

__all__ = [
    "MAX_FILE_BYTES",
    "SUPPORTED_SUFFIXES",
    "ReadError",
    "ReadResult",
    "iter_report_paths",
    "read_report",
]

SUPPORTED_SUFFIXES: frozenset[str] = frozenset({".txt", ".html", ".htm", ".docx", ".pdf"})
MAX_FILE_BYTES: int = 20 * 1024 * 1024

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_OLD_DOC_MSG = "old Word .doc format is not supported: save it as .docx"


class ReadError(Exception):
    """One-line, user-readable reason a file cannot be read (str(e) is shown to users)."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(str(message).split()))


@dataclass(frozen=True)
class ReadResult:
    path: Path
    text: str
    encoding: str
    sha256: str
    source_format: str
    chrome: tuple[tuple[int, int], ...] = ()


# --------------------------------------------------------------------------- paths


def iter_report_paths(paths: Iterable[str | Path], errors: list[tuple[Path, str]] | None = None) -> Iterator[Path]:
    """Expand folders recursively (sorted, supported suffixes only, hidden entries skipped).

    A file named explicitly is yielded whatever its suffix, and so is a missing path, so
    that ``read_report`` can say what is wrong with it.  Inside folders, hidden files and
    folders (name starting with '.') and Office lock files ('~$...') are skipped. A folder
    that cannot be listed (no permission) is added to ``errors`` as (folder, reason).
    """

    def unlisted(error: OSError) -> None:
        if errors is not None:
            reason = (
                "permission denied" if isinstance(error, PermissionError) else (error.strerror or type(error).__name__)
            )
            errors.append((Path(error.filename), f"cannot list this folder: {reason}"))

    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            yield path
            continue
        found: list[Path] = []
        for dirpath, dirnames, filenames in os.walk(path, onerror=unlisted):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in filenames:
                if name.startswith((".", "~$")):
                    continue
                if Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                    found.append(Path(dirpath) / name)
        yield from sorted(found)


# --------------------------------------------------------------------------- entry point


def _os_read_error(error: OSError, doing: str) -> ReadError:
    if isinstance(error, FileNotFoundError):
        return ReadError("file not found")
    if isinstance(error, PermissionError):
        return ReadError("permission denied")
    return ReadError(f"cannot {doing} file: {error.strerror or type(error).__name__}")


def read_report(path: str | Path) -> ReadResult:
    """Read one report file; raises :class:`ReadError` (only) when it cannot be read."""
    try:
        p = Path(path)
    except TypeError:
        raise ReadError(f"not a file path: {path!r}") from None
    suffix = p.suffix.lower()
    try:
        st = p.stat()
    except OSError as e:
        raise _os_read_error(e, "open") from None
    except ValueError:  # e.g. an embedded NUL in the name
        raise ReadError("not a valid file path") from None
    if stat.S_ISDIR(st.st_mode):
        raise ReadError("this is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise ReadError("not a regular file")
    if suffix == ".doc":
        raise ReadError(_OLD_DOC_MSG)
    if suffix not in SUPPORTED_SUFFIXES:
        raise ReadError(f"unsupported file type {suffix}" if suffix else "unsupported file type (no extension)")
    if st.st_size > MAX_FILE_BYTES:
        raise ReadError(f"file is {st.st_size / 2**20:.1f} MB; the limit is {MAX_FILE_BYTES // 2**20} MB")
    if st.st_size == 0:
        raise ReadError("empty file")
    try:
        data = p.read_bytes()
    except OSError as e:
        raise _os_read_error(e, "read") from None
    if len(data) > MAX_FILE_BYTES:  # grew after stat
        raise ReadError(f"file is {len(data) / 2**20:.1f} MB; the limit is {MAX_FILE_BYTES // 2**20} MB")
    if not data:
        raise ReadError("empty file")

    _sniff(data, suffix)
    chrome: tuple[tuple[int, int], ...] = ()
    fmt = {".htm": "html"}.get(suffix, suffix[1:])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if suffix == ".txt":
                fmt = "txt"
                text, encoding = _decode_text(data)
                text = _newlines(text)
                if not text.strip():
                    raise ReadError("empty file (only whitespace)")
            elif suffix in (".html", ".htm"):
                fmt = "html"
                text, encoding, chrome = _read_html(data)
            elif suffix == ".docx":
                fmt, encoding = "docx", "docx"
                text = _read_docx(data)
            else:
                fmt, encoding = "pdf", "pdf"
                text = _read_pdf(data)
    except ReadError:
        raise
    except RecursionError:
        raise ReadError(f"cannot read {fmt} file: structure is nested too deeply") from None
    except MemoryError:
        raise ReadError("file is too large to process") from None
    except Exception as e:
        raise ReadError(f"cannot read {fmt} file: {type(e).__name__}: {e}"[:200]) from None
    if len(text) > MAX_FILE_BYTES:  # a small archive can hold far more text than the file's size
        raise ReadError(
            f"the text read is {len(text) / 1e6:.1f} million characters; the limit is {MAX_FILE_BYTES // 2**20} MB"
        )
    return ReadResult(
        path=p,
        text=text,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        source_format=fmt,
        chrome=chrome,
    )


def _newlines(text: str) -> str:
    """Universal-newline translation, as ``Path.read_text`` does."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _sniff(data: bytes, suffix: str) -> None:
    """Refuse files whose content contradicts their suffix, with a useful message."""
    if data.startswith(_OLE_MAGIC):
        if suffix == ".docx":
            raise ReadError(
                "this is an old Word .doc or a password-protected document: save it as .docx without a password"
            )
        raise ReadError(_OLD_DOC_MSG if suffix != ".pdf" else "not a PDF: it is an old Office (.doc/.xls) file")
    head = data[:1024].lstrip()
    is_pdf = head.startswith(b"%PDF-")
    is_zip = data.startswith(_ZIP_MAGIC)
    looks_html = re.match(rb"(?i)(\xef\xbb\xbf)?\s*<(!doctype|html|head|body|meta|\?xml)", head) is not None
    if suffix in (".txt", ".html", ".htm"):
        if is_pdf:
            raise ReadError("not a text file: it is a PDF (rename it to .pdf)")
        if is_zip:
            raise ReadError("not a text file: it is a ZIP/Office file (a .docx? rename it)")
    elif suffix == ".docx" and not is_zip:
        if is_pdf:
            raise ReadError("not a Word file: it is a PDF (rename it to .pdf)")
        if looks_html:
            raise ReadError("not a Word file: it is a web page (download error?)")
        raise ReadError("corrupt .docx: not a ZIP package")
    elif suffix == ".pdf" and b"%PDF-" not in data[:1024]:
        if looks_html:
            raise ReadError("not a PDF: it is a web page (download error?)")
        raise ReadError("corrupt PDF: no PDF header")


# --------------------------------------------------------------------------- decoding

# Codecs tried for legacy (non-Unicode) Chinese text, in order of preference inside a family.
# The family is reported by its first name: GBK/GB2312 are decoded (and reported) as their
# superset 'gb18030'; a Big5 file is reported as 'big5' even when it needs the Windows (cp950)
# or Hong Kong (big5hkscs) extensions to decode, e.g. for 恒 (cp950 0xF9DA).
_GB_FAMILY = ("gb18030",)
_BIG5_FAMILY = ("big5", "cp950", "big5hkscs")
_DETECTOR_CODECS = ["gb18030", "big5", "cp950", "big5hkscs", "utf_16_le", "utf_16_be"]
_MIN_PLAUSIBILITY = 0.85


def _codec_name(label: str) -> str | None:
    """Map an encoding label (detector name or meta charset) to our codec family head."""
    try:
        name = codecs.lookup(label.strip().lower().replace("x-", "")).name
    except LookupError:
        return None
    if name in ("gb2312", "gbk", "gb18030", "hz"):
        return "gb18030"
    if name in ("big5", "cp950", "big5hkscs"):
        return "big5"
    if name in ("utf-8", "utf-16", "utf-16-le", "utf-16-be", "ascii"):
        return name if name != "ascii" else "utf-8"
    return None


def _family(codec: str) -> tuple[str, ...]:
    if codec == "gb18030":
        return _GB_FAMILY
    if codec == "big5":
        return _BIG5_FAMILY
    return (codec,)


@functools.cache
def _hanzi_weights() -> dict[str, float]:
    """Frequent hanzi (GB2312 level 1, Big5 level 1) weigh 1.0, GB2312 level 2 weighs 0.6."""
    weights: dict[str, float] = {}
    for lead in range(0xB0, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                weights[bytes((lead, trail)).decode("gb2312")] = 1.0 if lead <= 0xD7 else 0.6
            except UnicodeDecodeError:
                pass
    for lead in range(0xA4, 0xC7):
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            if (lead, trail) > (0xC6, 0x7E):
                break
            try:
                weights[bytes((lead, trail)).decode("big5")] = 1.0
            except UnicodeDecodeError:
                pass
    return weights


def _is_hanzi(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x3134F or 0xF900 <= o <= 0xFAFF


def _likely_non_ascii(ch: str) -> bool:
    o = ord(ch)
    return (
        0x3000 <= o <= 0x303F  # CJK symbols and punctuation
        or 0xFF01 <= o <= 0xFF5E  # full-width forms
        or 0x2010 <= o <= 0x203B  # dashes, quotes, ellipsis, ※
        or 0x00A0 <= o <= 0x024F  # Latin-1 / Latin extended (pinyin tone marks)
        or 0x2160 <= o <= 0x217F  # Roman numerals
        or 0x2460 <= o <= 0x24FF  # ① ⑴ ⒈
        or o in (0x02C7, 0x02C9, 0x2103, 0x2116, 0x2236, 0x25CF, 0x25CB, 0x25A0, 0x25A1, 0x2605, 0x2606, 0x2192)
    )


def _plausibility(text: str) -> tuple[float, int]:
    """(weighted share of non-ASCII, non-space characters common in Chinese text, hanzi count).

    Correctly decoded reports score ~0.95+; text decoded with the wrong CJK codec scores
    ~0.3-0.6 because it lands on rare ideographs, kana, Cyrillic or private-use characters.
    """
    weights = _hanzi_weights()
    total = hanzi = 0
    likely = 0.0
    for ch in text:
        if ch < "\x80" or ch.isspace():
            continue
        total += 1
        if _is_hanzi(ch):
            hanzi += 1
            likely += weights.get(ch, 0.0)
        elif _likely_non_ascii(ch):
            likely += 1
    return (likely / total if total else 1.0), hanzi


def _too_many_controls(text: str) -> bool:
    """A NUL, or more than 0.5% control characters: binary data, not text."""
    if not text:
        return False
    # The control characters are all Latin-1: encoding keeps only the Latin-1 characters (the
    # rest dropped in C) and the bytes that are not controls are deleted; several times cheaper
    # than a regex testing every character.
    controls = text.encode("latin-1", "ignore").translate(None, _NOT_CONTROL_BYTES)
    return b"\x00" in controls or len(controls) / len(text) > 0.005


# Control characters that text files do not hold (tab, line ends, form feed and ^Z do).
_CONTROL_CHARS = compile_regex(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f]")
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if not _CONTROL_CHARS.match(chr(b)))


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    ctrl = sum(1 for b in sample if b < 0x20 and b not in (9, 10, 12, 13, 11, 26))
    return b"\x00" in sample or ctrl > len(sample) * 0.005


def _utf16_nul_pattern(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when the NUL bytes sit mostly on one parity.

    In UTF-16 text the NULs are the high bytes of ASCII characters (digits, newlines), so
    they fall mostly on odd offsets (LE) or even offsets (BE); in binary data they are spread
    evenly. The decode is then checked for plausibility anyway.
    """
    sample = data[:65536]
    if len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= 2 and even * 3 <= odd:
        return "utf-16-le"
    if even >= 2 and odd * 3 <= even:
        return "utf-16-be"
    return None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _check_decoded(text: str) -> None:
    if _too_many_controls(text):
        raise ReadError("not a text file: binary data")


def _decode_candidate(data: bytes, codec: str) -> tuple[float, str, str] | None:
    """(plausibility, text, codec) with the first codec of ``codec``'s family that decodes
    strictly and looks like Chinese text, else None."""
    for name in _family(codec):
        text = _strict(data, name)
        if text is None:
            continue
        if _too_many_controls(text):
            continue
        score, hanzi = _plausibility(text)
        if hanzi and score >= _MIN_PLAUSIBILITY:
            return score, text, _family(codec)[0]
    return None


def _decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes of a text (or HTML) file; returns (text, python codec name)."""
    # 1. Byte-order marks.
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data[3:], "utf-8")
        if text is None:
            raise ReadError(f"cannot decode: UTF-8 (with BOM) but {_utf8_problem(data[3:])}")
        _check_decoded(text)
        return text, "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not data.startswith(codecs.BOM_UTF32_LE):
        text = _strict(data, "utf-16")
        if text is None:
            raise ReadError("cannot decode: UTF-16 (with BOM) but the data is damaged or truncated")
        _check_decoded(text)
        return text, "utf-16"

    # 2. Strict UTF-8 (also plain ASCII): the fast path.
    text = _strict(data, "utf-8")
    if text is not None:
        _check_decoded(text)
        return text, "utf-8"

    # 3. NUL bytes: UTF-16 without BOM if they sit on one parity, else binary data.
    if b"\x00" in data[:65536]:
        nul_codec = _utf16_nul_pattern(data)
        options = [nul_codec] if nul_codec else ([] if len(data) % 2 else ["utf-16-le", "utf-16-be"])
        found = [got for codec in options if (got := _decode_candidate(data, codec))]
        if not found:
            raise ReadError("not a text file: binary data")
        best_nul = max(found, key=lambda got: got[0])
        return best_nul[1], best_nul[2]

    # 4. Candidates: the declared charset (HTML <meta>), the detector's guess, then the rest.
    #    The most plausible strict decoding wins; earlier candidates win ties.
    order: list[str] = []
    for codec in (declared, _detect(data), "gb18030", "big5", "utf-16-le", "utf-16-be"):
        if codec and codec != "utf-8" and codec not in order:
            if not (codec.startswith("utf-16") and len(data) % 2):
                order.append(codec)
    best: tuple[float, str, str] | None = None
    for codec in order:
        got = _decode_candidate(data, codec)
        if got is not None and (best is None or got[0] > best[0]):
            best = got
            if got[0] >= 0.98:
                break
    if best is not None:
        return best[1], best[2]

    # 5. Nothing fits: say why as precisely as we can.
    if _looks_binary(data):
        raise ReadError("not a text file: binary data")
    raise ReadError(_decode_failure(data))


def _detect(data: bytes) -> str | None:
    """charset-normalizer's best guess among the codecs we accept, as a family head."""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=_DETECTOR_CODECS).best()
    except Exception:
        return None
    if best is None:
        return None
    return _codec_name(best.encoding)


def _utf8_problem(data: bytes) -> str:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.end >= len(data) and e.reason == "unexpected end of data":
            return "truncated in the middle of a character"
        return f"invalid byte 0x{data[e.start]:02X} at offset {e.start}"
    return "no problem"


def _decode_failure(data: bytes) -> str:
    # Truncated multi-byte text: everything decodes except an incomplete last character.
    for codec, label in (("utf-8", "UTF-8"), ("gb18030", "GB18030"), ("big5", "Big5"), ("cp950", "Big5")):
        try:
            data.decode(codec)
        except UnicodeDecodeError as e:
            if e.start >= len(data) - 3 and e.start > 0:
                head = _strict(data[: e.start], codec)
                if head is not None and (codec == "utf-8" or _decode_candidate(data[: e.start], codec)):
                    return f"cannot decode: looks like {label} truncated in the middle of a character"
    # Mostly UTF-8 with a few bad bytes (e.g. a damaged download).
    lossy = data.decode("utf-8", errors="replace")
    bad = lossy.count("\ufffd")
    if bad and sum(1 for ch in lossy if ch > "\x7f") > bad * 20:
        return f"cannot decode: mostly UTF-8 but {_utf8_problem(data)}"
    return "cannot decode: not UTF-8, GB18030, Big5 or UTF-16 text"


# --------------------------------------------------------------------------- HTML

_DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "svg",
        "head",
        "title",
        "object",
        "embed",
        "canvas",
        "video",
        "audio",
        "map",
        "select",
        "option",
        "button",
        "textarea",
        "input",
        "math",
        "frameset",
        "frame",
    }
)
_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside"})
# class/id words (split on non-letters and camelCase) that mark page chrome: dropped.
_CHROME_WORDS = frozenset(
    {
        "nav",
        "navbar",
        "navigation",
        "menu",
        "breadcrumb",
        "breadcrumbs",
        "crumb",
        "crumbs",
        "footer",
        "header",
        "share",
        "sidebar",
        "toolbar",
        "copyright",
    }
)
# weaker markers: kept in the text but reported as chrome spans.
_SOFT_CHROME_WORDS = frozenset({"position", "location", "pager", "pagination", "print", "fontsize", "tools"})
# class/id words that mark the main text of a page.
_CONTENT_WORDS = frozenset({"content", "contents", "article", "trs", "zoom", "detail", "details", "main", "zw", "text"})
_BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
        "html",
        "legend",
        "menu",
    }
)
_CELL_TAGS = frozenset({"td", "th"})
_MAX_CONTENT_CANDIDATES = 40
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_WORD_SPLIT = compile_regex(r"[^A-Za-z]+|(?<=[a-z])(?=[A-Z])")
_HIDDEN_STYLE = compile_regex(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _words(node: Node) -> set[str]:
    attrs = node.attributes
    raw = " ".join(v for k in ("class", "id") if (v := attrs.get(k)))
    return {w.lower() for w in _WORD_SPLIT.split(raw) if w} if raw else set()


def _kind(node: Node, in_section: bool) -> str:
    """'drop' | 'chrome' | 'soft' | '' for an element node; ``in_section``: inside
    <article>/<main>/<section>, where <header>/<footer> belong to the text."""
    tag = node.tag
    if tag in _DROP_TAGS:
        return "drop"
    attrs = node.attributes
    if "hidden" in attrs or _HIDDEN_STYLE.search(attrs.get("style") or ""):
        return "drop"
    if attrs.get("aria-hidden") == "true":
        return "drop"
    if tag in _CHROME_TAGS and not (tag in ("header", "footer") and in_section):
        return "chrome"
    words = _words(node)
    if words & _CHROME_WORDS:
        return "chrome"
    if words & _SOFT_CHROME_WORDS:
        return "soft"
    return ""


def _is_element(tag: str | None) -> bool:
    # Text, comments and the doctype have tags starting with '-'; a processing instruction
    # (<?import ...?>, common in pages saved from Word) has none.
    return tag is not None and not tag.startswith("-")


class _Tree:
    """Each element's kind, and its place in document order, from one walk down the tree.

    Asking an element's ancestors (is it inside a <section>? under page chrome? inside that
    candidate?) costs the depth of the tree each time, so a page nested thousands of levels
    deep cost the square of its size; here every answer costs a dictionary look-up.
    """

    def __init__(self, body: Node) -> None:
        self.kinds: dict[int, str] = {}
        self.order: dict[int, tuple[int, int]] = {}  # mem_id -> (first, last) preorder index
        self._chrome: dict[frozenset[int], dict[int, bool]] = {}
        index = 0
        stack: list[tuple[Any, ...]] = [(body, False)]
        while stack:
            item = stack.pop()
            if item[0] is None:  # leaving an element: its last descendant is the latest index
                first_index, mem_id = item[1]
                self.order[mem_id] = (first_index, index - 1)
                continue
            node, in_section = item
            tag = node.tag
            if not _is_element(tag):
                continue
            mem_id = node.mem_id
            self.kinds[mem_id] = _kind(node, in_section)
            stack.append((None, (index, mem_id)))
            index += 1
            inner = in_section or tag in ("article", "main", "section")
            child = node.last_child
            while child is not None:
                stack.append((child, inner))
                child = child.prev

    def kind(self, node: Node) -> str:
        return self.kinds.get(node.mem_id, "")

    def in_chrome(self, node: Node, protected: frozenset[int] = frozenset()) -> bool:
        """Has ``node`` an ancestor (other than <html>/<body> and ``protected``) that is
        chrome or dropped? Answers are kept for every ancestor walked, so a walk stops at the
        first ancestor already answered."""
        memo = self._chrome.setdefault(protected, {})  # mem_id -> it or an ancestor is chrome
        walked: list[int] = []
        result = False
        anc = node.parent
        while anc is not None:
            mem_id = anc.mem_id
            if mem_id in memo:
                result = memo[mem_id]
                break
            walked.append(mem_id)
            tag = anc.tag
            if (
                _is_element(tag)
                and tag not in ("html", "body")
                and mem_id not in protected
                and self.kinds.get(mem_id) in ("chrome", "drop")
            ):
                result = True
                break
            anc = anc.parent
        for mem_id in walked:
            memo[mem_id] = result
        return result

    def contains(self, outer: Node, inner: Node) -> bool:
        """Is ``inner`` a descendant of ``outer``?"""
        o, i = self.order.get(outer.mem_id), self.order.get(inner.mem_id)
        return o is not None and i is not None and o[0] < i[0] <= o[1]


class _Lines:
    def __init__(self) -> None:
        self.lines: list[tuple[str, bool]] = []
        self.buf: list[str] = []

    def flush(self, soft: bool) -> None:
        if self.buf:
            line = " ".join("".join(self.buf).split())
            self.buf = []
            if line:
                self.lines.append((line, soft))


def _render(tree: _Tree, root: Node, protected: frozenset[int], drop_chrome: bool = True) -> list[tuple[str, bool]]:
    """Lines of ``root`` as (text, is_soft_chrome); iterative so deep nesting is fine."""
    out = _Lines()
    # ("enter", node, soft) | ("exit", flush_line, leaves_pre, soft)
    stack: list[tuple[Any, ...]] = [("enter", root, False)]
    pre = 0
    while stack:
        item = stack.pop()
        if item[0] == "exit":
            _, flush_line, leaves_pre, soft = item
            if flush_line:
                out.flush(soft)
            pre -= leaves_pre
            continue
        _, node, soft = item
        tag = node.tag
        if tag == "-text":
            text = node.text_content or ""
            if pre and "\n" in text:
                *full, last = text.split("\n")
                for part in full:
                    out.buf.append(part)
                    out.flush(soft)
                out.buf.append(last)
            else:
                out.buf.append(text)
            continue
        if not _is_element(tag):  # comments, doctype, processing instructions
            continue
        kind = tree.kind(node) if node is not root else ""
        if kind == "drop":
            continue
        if kind == "chrome" and node.mem_id not in protected:
            if drop_chrome:
                continue
            kind = "soft"
        if tag == "br":
            out.flush(soft)
            continue
        boundary = tag in _BLOCK_TAGS or kind == "soft" or node is root
        inner_soft = soft or kind == "soft"
        if boundary:
            out.flush(soft)
        elif tag in _CELL_TAGS:
            out.buf.append(" ")
        is_pre = tag == "pre"
        pre += is_pre
        stack.append(("exit", boundary, is_pre, inner_soft))
        child = node.last_child
        while child is not None:
            stack.append(("enter", child, inner_soft))
            child = child.prev
    out.flush(False)
    return out.lines


def _ancestors(node: Node) -> Iterator[Node]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def _size(lines: list[tuple[str, bool]]) -> int:
    """Visible characters (no spaces) outside soft chrome."""
    return sum(len(line) - line.count(" ") for line, soft in lines if not soft)


# Browsers stop nesting at some hundreds of levels (Blink at 512) and so does this reader:
# Lexbor, like the HTML parsing algorithm, looks through the open elements at each tag, so a
# page of 100,000 nested tags took minutes to parse. No real page comes near the limit.
_MAX_DEPTH = 512
_TAG = compile_regex(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*?(/?)>")
# Void elements never nest; these are often left open, and the parser closes them itself.
_NOT_NESTING = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "dt",
        "dd",
        "tr",
        "td",
        "th",
        "option",
        "optgroup",
        "thead",
        "tbody",
        "tfoot",
        "rt",
        "rp",
        "colgroup",
        "caption",
    }
)


def _flatten_deep(html: str) -> str:
    """``html`` with the tags nested past ``_MAX_DEPTH`` removed (their text kept), or
    ``html`` itself when it is not that deep. Depth counts start tags minus end tags."""
    if html.count("<") <= _MAX_DEPTH:  # (most pages: too few tags to nest that deep)
        return html
    depth = deepest = 0
    for m in _TAG.finditer(html):
        if m.group(3) or m.group(2).lower() in _NOT_NESTING:
            continue
        depth = max(0, depth - 1) if m.group(1) else depth + 1
        deepest = max(deepest, depth)
    if deepest <= _MAX_DEPTH:
        return html
    depth = 0

    def keep(m: re.Match[str]) -> str:
        nonlocal depth
        if m.group(3) or m.group(2).lower() in _NOT_NESTING:
            return m.group()
        if m.group(1):
            depth = max(0, depth - 1)
            return m.group() if depth < _MAX_DEPTH else ""
        depth += 1
        return m.group() if depth <= _MAX_DEPTH else ""

    return _TAG.sub(keep, html)


def _html_lines(html: str) -> list[tuple[str, bool]]:
    from selectolax.lexbor import LexborHTMLParser

    parsed = LexborHTMLParser(_flatten_deep(html))
    body = parsed.body
    if body is None:
        return []
    tree = _Tree(body)
    nothing: frozenset[int] = frozenset()
    all_lines = _render(tree, body, nothing)
    total = _size(all_lines)
    if total == 0:  # everything was marked as chrome: keep it, flagged
        return _render(tree, body, nothing, drop_chrome=False)

    # Headline: first non-empty <h1> outside page chrome.
    h1 = None
    for node in body.css("h1"):
        if " ".join((node.text() or "").split()) and not tree.in_chrome(node):
            h1 = node
            break

    protected = frozenset([h1.mem_id, *(a.mem_id for a in _ancestors(h1))]) if h1 is not None else nothing

    # Main-content element holding most of the text: the smallest one with >= half of it,
    # widened to an enclosing candidate that adds little (e.g. signature lines after the body).
    candidates = []
    examined = 0
    for node in body.css("article, main, [role=main], [class], [id]"):
        if node.tag in _DROP_TAGS or node.tag in _CHROME_TAGS:
            continue
        if node.tag not in ("article", "main") and node.attributes.get("role") != "main":
            if not (_words(node) & _CONTENT_WORDS) or tree.kind(node):
                continue
        examined += 1
        if examined > _MAX_CONTENT_CANDIDATES:  # bounds the work on pathological pages
            break
        if len("".join((node.text() or "").split())) * 2 < total or tree.in_chrome(node):
            continue  # (raw text is an upper bound of the rendered size: cheap pre-filter)
        lines = _render(tree, node, protected)
        size = _size(lines)
        if size * 2 >= total:
            candidates.append((size, node, lines))
    if not candidates:
        return all_lines if h1 is None else _render(tree, body, protected)
    candidates.sort(key=lambda c: c[0])
    size, chosen, lines = candidates[0]
    for bigger_size, bigger, bigger_lines in candidates[1:]:
        if bigger_size <= size * 1.25 and tree.contains(bigger, chosen):
            size, chosen, lines = bigger_size, bigger, bigger_lines
    if h1 is not None and not (h1.mem_id == chosen.mem_id or tree.contains(chosen, h1)):
        headline = " ".join((h1.text() or "").split())
        lines = [(headline, False), *lines]
    return lines


def _read_html(data: bytes) -> tuple[str, str, tuple[tuple[int, int], ...]]:
    declared = None
    m = _META_CHARSET.search(data[:4096])
    if m:
        declared = _codec_name(m.group(1).decode("ascii", "ignore"))
    html, encoding = _decode_text(data, declared=declared)
    lines = _html_lines(_newlines(html))
    parts: list[str] = []
    chrome: list[tuple[int, int]] = []
    pos = 0
    for line, soft in lines:
        if soft:
            chrome.append((pos, pos + len(line)))
        parts.append(line)
        pos += len(line) + 1
    text = "\n".join(parts)
    if not text.strip():
        raise ReadError("no text found in the web page")
    return text, encoding, tuple(chrome)


# --------------------------------------------------------------------------- DOCX


# A .docx is a ZIP archive: a small file can inflate to gigabytes. Only the main document
# part is read (python-docx's Document() inflates every part, images included), its size is
# checked in the archive's directory before inflating, and inflating stops at the limit.
# Text of any real report takes a few MB of XML; 32 MB holds millions of characters.
_MAX_DOCX_XML = 32 * 1024 * 1024
_MAX_DOCX_RELS = 1024 * 1024
_OFFICE_DOCUMENT = "/officeDocument"


def _zip_member(zf: zipfile.ZipFile, name: str, limit: int, what: str) -> bytes:
    import zipfile

    try:
        info = zf.getinfo(name)
    except KeyError:
        raise ReadError(f"corrupt .docx: {what} is missing") from None
    too_big = ReadError(
        f"the Word document's {what} inflates to over {limit // 2**20} MB "
        f"(a zip bomb?); the limit is {limit // 2**20} MB"
    )
    if info.file_size > limit:
        raise too_big
    try:
        with zf.open(info) as member:
            blob = member.read(limit + 1)  # the directory can lie: never inflate past the limit
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as e:
        raise ReadError(f"corrupt .docx: {type(e).__name__}: {e}"[:200]) from None
    if len(blob) > limit:
        raise too_big
    return blob


def _docx_main_part(zf: zipfile.ZipFile) -> str:
    """Name of the main document part, from the package relationships (word/document.xml)."""
    from docx.oxml.parser import parse_xml

    try:
        rels = parse_xml(_zip_member(zf, "_rels/.rels", _MAX_DOCX_RELS, "package relationships"))
    except ReadError as e:
        if "missing" not in str(e):
            raise
        return "word/document.xml"
    for rel in rels:
        if str(rel.get("Type", "")).endswith(_OFFICE_DOCUMENT):
            return str(rel.get("Target", "")).lstrip("/")
    raise ReadError("corrupt .docx: not a Word document (no main document part)")


def _read_docx(data: bytes) -> str:
    import zipfile

    try:
        from docx.oxml.ns import qn
        from docx.oxml.parser import parse_xml
    except ImportError:  # pragma: no cover - declared dependency
        raise ReadError("cannot read .docx: python-docx is not installed") from None
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as e:
        raise ReadError(f"corrupt .docx: {type(e).__name__}: {e}"[:200]) from None
    with zf:
        blob = _zip_member(zf, _docx_main_part(zf), _MAX_DOCX_XML, "text part")
    try:
        # python-docx's parser: its element classes give each paragraph's text (runs, tabs,
        # breaks, hyperlinks) exactly as Document() would; entities are not resolved.
        root = parse_xml(blob)
    except Exception as e:
        raise ReadError(f"corrupt .docx: {type(e).__name__}: {e}"[:200]) from None
    del blob
    body = root.find(qn("w:body"))
    if body is None:
        raise ReadError("corrupt .docx: the document has no body")

    lines: list[str] = []
    p_tag, tbl_tag, tr_tag, tc_tag, sdt_tag = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdt")
    sdt_content = qn("w:sdtContent")
    # iterative walk over block-level content in document order
    stack = [iter(body.iterchildren())]
    while stack:
        el = next(stack[-1], None)
        if el is None:
            stack.pop()
            continue
        if el.tag == p_tag:
            lines.append(el.text)
        elif el.tag in (tbl_tag, tr_tag, tc_tag):
            stack.append(iter(el.iterchildren()))
        elif el.tag == sdt_tag:
            content = el.find(sdt_content)
            if content is not None:
                stack.append(iter(content.iterchildren()))
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    text = _newlines("\n".join(lines))
    if not text.strip():
        raise ReadError("the Word document contains no text")
    return text


# --------------------------------------------------------------------------- PDF


_PDF_STREAM_LIMIT_MB = 75  # pypdf's ZLIB_MAX_OUTPUT_LENGTH


def _inflates_past_limit(page: Any, limit_error: type[Exception]) -> bool:
    """Did a content stream of this page stop at pypdf's inflating limit? ``extract_text``
    logs that and returns no text, which looked like a scanned page."""
    try:
        contents = page.get("/Contents")
        contents = contents.get_object() if contents is not None else None
        streams = list(contents) if isinstance(contents, list) else [contents]
        for stream in streams:
            stream = stream.get_object() if stream is not None else None
            if stream is not None and hasattr(stream, "get_data"):
                stream.get_data()
    except (limit_error, MemoryError):
        return True
    except Exception:
        return False
    return False


def _read_pdf(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except (DependencyError, NotImplementedError):
                raise ReadError("PDF is encrypted with a method that cannot be opened here") from None
            if not ok:
                raise ReadError("PDF is password-protected")
        pages = reader.pages
        n_pages = len(pages)
    except ReadError:
        raise
    except (PdfReadError, FileNotDecryptedError, ValueError, KeyError, TypeError, AttributeError, IndexError) as e:
        raise ReadError(f"corrupt PDF: {type(e).__name__}: {e}"[:200]) from None
    texts: list[str] = []
    for number, page in enumerate(pages, start=1):
        try:
            texts.append((page.extract_text() or "").rstrip("\r\n"))
        except (LimitReachedError, MemoryError):
            # pypdf stops inflating a stream at its limit (75 MB): say so, not "scanned"
            raise ReadError(
                f"page {number} of the PDF holds a stream that inflates past "
                f"{_PDF_STREAM_LIMIT_MB} MB (a zip bomb?): not read"
            ) from None
        except Exception:
            texts.append("")
    for number, (page, page_text) in enumerate(zip(pages, texts), start=1):
        if not page_text.strip() and _inflates_past_limit(page, LimitReachedError):
            raise ReadError(
                f"page {number} of the PDF holds a stream that inflates past "
                f"{_PDF_STREAM_LIMIT_MB} MB (a zip bomb?): not read"
            )
    text = _newlines("\n".join(texts))
    visible = sum(1 for ch in text if not ch.isspace())
    if visible < 10 + 2 * n_pages:
        raise ReadError("PDF has no text layer (scanned?): run OCR first")
    return join_wrapped_lines(text)


_PARAGRAPH_END = tuple("。！？!?；;:：”」》)）")
_FULL_LINE = 0.85  # a line at least this share of the page width was wrapped, not ended


def display_width(line: str) -> int:
    """Terminal (and fixed-pitch page) columns: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def join_wrapped_lines(text: str) -> str:
    """Undo a PDF's line wrapping: a full-width line that ends mid-sentence continues on the next.

    A PDF keeps no paragraphs, only lines as the page laid them out, so the issuer in
    ``厦门市人民\n政府`` would be cut in two. Lines are joined when they fill the page width
    (the widest lines set it) and do not end a sentence; short lines (headings, signatures,
    dates) always stay lines of their own.
    """
    lines = text.split("\n")
    widths = [display_width(line.rstrip()) for line in lines]
    filled = sorted(w for w in widths if w)
    if len(filled) < 5:
        return text
    page_width = filled[int(len(filled) * 0.9)]
    out: list[str] = []
    joining = False
    for line, width in zip(lines, widths):
        if joining and line.strip():
            out[-1] = out[-1].rstrip() + line.lstrip()
        else:
            out.append(line)
        stripped = out[-1].rstrip()
        joining = width >= _FULL_LINE * page_width and bool(stripped) and not stripped.endswith(_PARAGRAPH_END)
    return "\n".join(out)
