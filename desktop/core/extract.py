"""One report in, one extraction out, in the shape of EXTRACTION_CONTRACT.md."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import Any

from .metadata import Metadata, extract_metadata, find_doc_numbers
from .metrics import Metric, find_metrics
from .noise import Line, chrome_spans, spam_spans, split_lines
from .normalise import Flag, NormalisedText, normalise
from .outline import PartSpan, Section, find_parts, find_sections
from .reading import ReadError, ReadResult, read_report
from .thresholds import FLAG_BELOW

EXTRACTOR_VERSION = "0.2.0"  # recorded with every extraction run: the rules of this version


@dataclass
class Extraction:
    source: ReadResult
    norm: NormalisedText
    metadata: Metadata
    sections: list[dict[str, Any]] = field(default_factory=list)
    parts: list[dict[str, Any]] = field(default_factory=list)
    metrics: list[dict[str, Any]] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)

    def to_json(self, file_label: str | None = None) -> dict[str, Any]:
        return {
            "file": file_label if file_label is not None else str(self.source.path),
            "sha256": self.source.sha256,
            "encoding": self.source.encoding,
            "metadata": self.metadata.as_dict(),
            "sections": self.sections,
            "parts": self.parts,
            "metrics": self.metrics,
            "flags": [flag.to_json() for flag in self.flags],
        }


def _noise_flags(norm: NormalisedText, source: ReadResult, lines: list[Line], metadata: Metadata) -> list[Flag]:
    spans = chrome_spans(lines)
    title = metadata.fields.get("title")
    if title is not None and title.start is not None:
        # Short lines above the report's own title are the page's masthead (site name, menus).
        for line in lines:
            if line.end > title.start:
                break  # lines are in text order: the rest are below the title
            if not line.is_sentence and not find_doc_numbers(line.text):
                spans.append((line.start, line.end))
    flags = [Flag("boilerplate", *norm.to_original(s, e)) for s, e in sorted(set(spans))]
    flags += [Flag("boilerplate", s, e, note="dropped page chrome") for s, e in source.chrome]
    flags += [Flag("spam", *norm.to_original(s, e)) for s, e in spam_spans(norm.text)]
    return flags


def _confidence_flags(norm: NormalisedText, metadata: Metadata) -> list[Flag]:
    flags = []
    for name, item in metadata.fields.items():
        if item.confidence >= FLAG_BELOW:
            continue
        if item.start is not None and item.end is not None:
            start, end = norm.to_original(item.start, item.end)
        else:
            start = end = 0
        flags.append(Flag("low_confidence", start, end, field=name))
    return flags


def _item_flags(
    norm: NormalisedText, sections: list[Section], parts: list[PartSpan], metrics: list[Metric]
) -> list[Flag]:
    """low_confidence flags for the items the review window should put first."""
    flags = []
    for section in sections:
        if section.confidence < FLAG_BELOW:
            start, end = norm.to_original(section.start, min(section.end, section.start + len(section.title) + 8))
            flags.append(Flag("low_confidence", start, end, field="section", note=section.title))
    for part in parts:
        if part.confidence < FLAG_BELOW:
            start, end = norm.to_original(part.start, part.end)
            flags.append(Flag("low_confidence", start, end, field="part", note=part.part))
    for metric in metrics:
        if metric.confidence < FLAG_BELOW:
            start, end = norm.to_original(metric.start, metric.end)
            flags.append(Flag("low_confidence", start, end, field="metric", note=metric.label))
    return flags


def _mark_targets(parts: list[PartSpan], metrics: list[Metric]) -> None:
    """Figures in the plan for next year are targets (确保…100%), borderline as metrics."""
    for part in parts:
        if part.part != "next_year":
            continue
        start, end = part.start, part.end
        for metric in metrics:
            if start <= metric.start < end:
                metric.confidence = min(metric.confidence, 0.6)


@lru_cache(maxsize=64, typed=True)  # typed: round(1, 2) is 1, not 1.0
def _rounded(confidence: float) -> float:
    """A confidence to two decimals, as the JSON gives it. Remembered because round() of a
    float is slow (it goes through the decimal digits) and confidences take a few values."""
    return round(confidence, 2)


def _section_json(norm: NormalisedText, section: Section) -> dict[str, Any]:
    start, end = norm.to_original(section.start, section.end)
    return {
        "level": section.level,
        "number": section.number,
        "title": section.title,
        "inferred": section.inferred,
        "start": start,
        "end": end,
        "confidence": _rounded(section.confidence),
    }


def _part_json(norm: NormalisedText, part: PartSpan) -> dict[str, Any]:
    start, end = norm.to_original(part.start, part.end)
    return {"part": part.part, "start": start, "end": end, "confidence": _rounded(part.confidence)}


def _metric_json(norm: NormalisedText, metric: Metric) -> dict[str, Any]:
    start, end = norm.to_original(metric.start, metric.end)
    out = {
        "text": norm.original[start:end],
        "start": start,
        "end": end,
        "value": metric.value_json(),
        "unit": metric.unit,
        "approx": metric.approx,
        "label": metric.label,
        "indicator": metric.indicator,
        "confidence": _rounded(metric.confidence),
    }
    if metric.value_to is not None:
        out["value_to"] = int(metric.value_to) if metric.value_to.is_integer() else metric.value_to
    return out


def extract_source(source: ReadResult) -> Extraction:
    norm = normalise(source.text)
    lines = split_lines(norm.text)
    metadata = extract_metadata(norm, lines)
    sections = find_sections(norm, lines)
    parts = find_parts(norm, lines, sections)
    metrics = find_metrics(norm.text)
    _mark_targets(parts, metrics)
    flags = (
        norm.flags
        + _noise_flags(norm, source, lines, metadata)
        + _confidence_flags(norm, metadata)
        + _item_flags(norm, sections, parts, metrics)
    )
    flags.sort(key=attrgetter("start", "end", "kind"))
    return Extraction(
        source=source,
        norm=norm,
        metadata=metadata,
        sections=[_section_json(norm, s) for s in sections],
        parts=[_part_json(norm, p) for p in parts],
        metrics=[_metric_json(norm, m) for m in metrics],
        flags=flags,
    )


def extract_path(path: str | Path) -> Extraction:
    """Read and extract one file; raises :class:`ReadError` when it cannot be read."""
    return extract_source(read_report(path))


def error_object(path: str | Path, error: ReadError | str) -> dict[str, Any]:
    return {"file": str(path), "error": str(error)}
