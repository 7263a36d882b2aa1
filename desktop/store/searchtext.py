"""What the library's search reads of a report besides its text: the normalised text
(simplified script, pinyin annotations and mojibake repaired), so that 出庭应诉 finds a
report written 出庭應訴 or 出庭應(yīng)訴. No Qt here."""

from __future__ import annotations

from typing import Any


def search_form(text: str | None) -> str | None:
    """The normalised text, or None when it reads the same as ``text`` (most reports are in
    simplified script already: nothing more to index)."""
    if not text:
        return None
    from desktop.core.normalise import normalise  # OpenCC loads on first use

    normalised = normalise(text).text
    return normalised if normalised != text else None


def search_term(term: str) -> str:
    """A search term as the normalised text has it (a traditional term finds it too)."""
    return search_form(term) or term


def default_normalised(context: Any) -> str | None:
    """Column default of ``reports.normalised``: computed from the text being inserted (an
    importer that has the normalised text at hand may give it instead)."""
    return search_form(context.get_current_parameters().get("text"))


def find_all(text: str, term: str) -> list[tuple[int, int]]:
    """Every place ``term`` stands in ``text``, in any script: (start, end) offsets of the text
    as read, in order. 出庭应诉 finds 出庭應訴 and 出庭應(yīng)訴 (the span then covers the note)."""
    term = term.strip()
    if not term or not text:
        return []
    from desktop.core.normalise import normalise

    found = {(m, m + len(term)) for m in _occurrences(text, term)}
    normalised = normalise(text)
    wanted = search_term(term)
    for start in _occurrences(normalised.text, wanted):
        found.add(normalised.to_original(start, start + len(wanted)))
    return sorted(found)


def _occurrences(text: str, term: str) -> list[int]:
    out, at = [], text.find(term)
    while at >= 0:
        out.append(at)
        at = text.find(term, at + 1)
    return out
