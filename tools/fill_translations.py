"""Fill a Qt Linguist .ts file from a translation table, so that ``make translations`` can be re-run.

    python tools/fill_translations.py resources/translations/fazhi_review_zh_CN.ts \
        resources/translations/zh_CN.tsv

The table has one message a line, ``context<TAB>source<TAB>translation``, with an optional fourth
column for lupdate's disambiguation comment; ``\\n``, ``\\t`` and ``\\\\`` stand for a newline, a tab
and a backslash. Lines starting with ``#`` and blank lines are ignored.

Every message of the .ts whose (context, source, comment) is in the table gets that translation and
loses ``type="unfinished"``. A message not in the table is left as it is; if the same source text is
translated under another context, and all such translations agree, that one is filled in but the
message stays ``unfinished`` (lrelease still ships it, the test asks for a real entry). Obsolete and
vanished messages are left alone. The .ts is edited in place, keeping lupdate's layout, so the diff
after a ``make translations`` run shows only real changes.

Exit status 0, or 1 with ``--strict`` when some message is left unfinished. The messages left over
(and, with ``--unused``, the table lines no message needed) are listed on stderr.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from dataclasses import dataclass
from pathlib import Path

_CONTEXT = re.compile(r"(<context>\s*<name>)(.*?)(</name>)(.*?)(</context>)", re.DOTALL)
_EMPTY_NAME = re.compile(r"(<context>\s*)<name/>(.*?)(</context>)", re.DOTALL)
_MESSAGE = re.compile(r"(?P<indent>[ \t]*)<message(?P<attrs>[^>]*)>(?P<body>.*?)</message>", re.DOTALL)
_SOURCE = re.compile(r"<source>(.*?)</source>", re.DOTALL)
_COMMENT = re.compile(r"<comment>(.*?)</comment>", re.DOTALL)
_TRANSLATION = re.compile(r"<translation(?P<attrs>[^>]*?)(?:/>|>(?P<body>.*?)</translation>)", re.DOTALL)
_NUMERUSFORM = re.compile(r"<numerusform[^>]*?(?:/>|>(.*?)</numerusform>)", re.DOTALL)
_TYPE = re.compile(r'\s*type="([^"]*)"')


@dataclass
class Result:
    filled: int = 0
    guessed: list[tuple[str, str, str]] | None = None
    missing: list[tuple[str, str, str]] | None = None
    used: set[tuple[str, str, str]] | None = None


def unescape_cell(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t", "\\": "\\"}.get(m.group(1), m.group(0)), text)


def escape_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def read_table(path: Path) -> dict[tuple[str, str, str], str]:
    """(context, source, comment) -> translation."""
    table: dict[tuple[str, str, str], str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) not in (3, 4):
            raise SystemExit(f"{path}:{number}: expected 3 or 4 tab-separated columns, found {len(cells)}")
        context, source, translation = (unescape_cell(c) for c in cells[:3])
        comment = unescape_cell(cells[3]) if len(cells) == 4 else ""
        key = (context, source, comment)
        if key in table and table[key] != translation:
            raise SystemExit(f"{path}:{number}: a second, different translation of {key!r}")
        if not translation:
            raise SystemExit(f"{path}:{number}: empty translation of {key!r}")
        table[key] = translation
    return table


def xml_text(text: str) -> str:
    """Escaped the way lupdate writes it."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("'", "&apos;")
        .replace('"', "&quot;")
    )


def _by_source(table: dict[tuple[str, str, str], str]) -> dict[tuple[str, str], set[str]]:
    found: dict[tuple[str, str], set[str]] = {}
    for (_context, source, comment), translation in table.items():
        found.setdefault((source, comment), set()).add(translation)
    return found


def fill(ts_text: str, table: dict[tuple[str, str, str], str]) -> tuple[str, Result]:
    result = Result(guessed=[], missing=[], used=set())
    by_source = _by_source(table)

    def one_message(context: str, match: re.Match) -> str:
        indent, attrs, body = match.group("indent"), match.group("attrs"), match.group("body")
        source_match, translation_match = _SOURCE.search(body), _TRANSLATION.search(body)
        if source_match is None or translation_match is None:
            return match.group(0)
        state = _TYPE.search(translation_match.group("attrs") or "")
        if state and state.group(1) in ("obsolete", "vanished"):
            return match.group(0)
        source = html.unescape(source_match.group(1))
        comment_match = _COMMENT.search(body)
        comment = html.unescape(comment_match.group(1)) if comment_match else ""
        key = (context, source, comment)
        finished = True
        translation = table.get(key)
        if translation is None:
            elsewhere = by_source.get((source, comment), set())
            if len(elsewhere) == 1:
                translation, finished = next(iter(elsewhere)), False
                result.guessed.append(key)
            else:
                already = translation_match.group("body") or ""
                if state is not None or not already.strip():
                    result.missing.append(key)
                return match.group(0)
        else:
            result.used.add(key)
        mark = "" if finished else ' type="unfinished"'
        if 'numerus="yes"' in attrs:
            forms = max(1, len(_NUMERUSFORM.findall(translation_match.group("body") or "")))
            inner = "".join(
                f"\n{indent}        <numerusform>{xml_text(translation)}</numerusform>" for _ in range(forms)
            )
            element = f"<translation{mark}>{inner}\n{indent}    </translation>"
        else:
            element = f"<translation{mark}>{xml_text(translation)}</translation>"
        if finished:
            result.filled += 1
        new_body = body[: translation_match.start()] + element + body[translation_match.end() :]
        return f"{indent}<message{attrs}>{new_body}</message>"

    def one_context(match: re.Match) -> str:
        context = html.unescape(match.group(2))
        messages = _MESSAGE.sub(lambda m: one_message(context, m), match.group(4))
        return match.group(1) + match.group(2) + match.group(3) + messages + match.group(5)

    def empty_context(match: re.Match) -> str:
        messages = _MESSAGE.sub(lambda m: one_message("", m), match.group(2))
        return match.group(1) + "<name/>" + messages + match.group(3)

    text = _CONTEXT.sub(one_context, ts_text)
    text = _EMPTY_NAME.sub(empty_context, text)
    return text, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ts", type=Path, help="the .ts file lupdate wrote; edited in place")
    parser.add_argument("table", type=Path, help="context<TAB>source<TAB>translation lines")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a message is left unfinished")
    parser.add_argument("--unused", action="store_true", help="list the table lines no message needed")
    args = parser.parse_args(argv)

    table = read_table(args.table)
    original = args.ts.read_text(encoding="utf-8")
    text, result = fill(original, table)
    if text != original:
        args.ts.write_text(text, encoding="utf-8")
    print(f"{args.ts}: {result.filled} message(s) translated from {args.table}", file=sys.stderr)
    for context, source, comment in result.guessed:
        print(
            f"  guessed from another context (still unfinished): {context}\t{escape_cell(source)}"
            + (f"\t[{escape_cell(comment)}]" if comment else ""),
            file=sys.stderr,
        )
    for context, source, comment in result.missing:
        print(
            f"  not translated: {context}\t{escape_cell(source)}" + (f"\t[{escape_cell(comment)}]" if comment else ""),
            file=sys.stderr,
        )
    if args.unused:
        for context, source, _comment in sorted(set(table) - result.used):
            print(f"  unused table line: {context}\t{escape_cell(source)}", file=sys.stderr)
    left = len(result.guessed) + len(result.missing)
    if left:
        print(f"  {left} message(s) left unfinished: add them to {args.table}", file=sys.stderr)
    return 1 if args.strict and left else 0


if __name__ == "__main__":
    sys.exit(main())
