"""A one-page summary of one report's curated data, to share: a self-contained HTML page
(inline CSS, no scripts, no external files; fonts that show Chinese on every platform).

``report_summary_html(store, report_id, lang="zh")`` gives the page: the report's metadata,
its parts and top-level headings, and its metrics that have an indicator (value, unit,
label, indicator, review state), with the number of other metrics. Curated values, as
the export has them: reviewers' corrections applied, rejected items left out. No Qt here;
the window prints the same HTML to PDF.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypedDict

from desktop.core.indicators import default_catalogue
from desktop.core.metadata import FIELDS

from .db import Store
from .outfiles import output_file
from .reports import ReportRecord, load_report

FONTS = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", '
    '"WenQuanYi Micro Hei", "SimHei", sans-serif'
)
#: headings deeper than this are left out of the outline (one page)
OUTLINE_DEPTH = 2


class _Texts(TypedDict):
    """The page's words in one language: labels, sentences to format, and names of values."""

    title: str
    metadata: str
    outline: str
    parts: str
    metrics: str
    value: str
    label: str
    indicator: str
    state: str
    none: str
    others: str  # formatted with n
    no_metrics: str
    footer: str  # formatted with date
    fields: dict[str, str]
    states: dict[str, str]
    report_states: dict[str, str]
    parts_names: dict[str, str]
    levels: dict[str, str]
    review: str


_TEXT: dict[str, _Texts] = {
    "zh": {
        "title": "报告摘要",
        "metadata": "基本信息",
        "outline": "结构",
        "parts": "部分",
        "metrics": "指标",
        "value": "数值",
        "label": "表述",
        "indicator": "指标类别",
        "state": "审核",
        "none": "无",
        "others": "另有 {n} 项指标未归入指标类别。",
        "no_metrics": "没有归入指标类别的指标。",
        "footer": "法治审核 (Fazhi Review) 生成于 {date}；数值为审核后的数据（已更正，已驳回的不列）。",
        "fields": {
            "title": "标题",
            "issuer": "发布机关",
            "region": "地区",
            "province": "省份",
            "level": "层级",
            "report_year": "报告年度",
            "doc_number": "文号",
            "publish_date": "发布日期",
            "script": "字形",
        },
        "states": {"pending": "待审", "accepted": "已确认", "corrected": "已更正", "added": "已添加"},
        "report_states": {"new": "新导入", "in_review": "审核中", "done": "已完成", "flagged": "待讨论"},
        "parts_names": {
            "achievements": "主要举措和成效",
            "leader_duty": "第一责任人职责",
            "shortcomings": "存在的不足",
            "next_year": "下一年度工作安排",
            "other": "其他",
        },
        "levels": {
            "province": "省级",
            "prefecture": "地级",
            "county": "县级",
            "district": "区级",
            "zone": "开发区",
            "department": "部门",
            "township": "乡镇",
        },
        "review": "审核状态",
    },
    "en": {
        "title": "Report summary",
        "metadata": "Metadata",
        "outline": "Outline",
        "parts": "Parts",
        "metrics": "Metrics",
        "value": "Value",
        "label": "Label",
        "indicator": "Indicator",
        "state": "Review",
        "none": "none",
        "others": "{n} more metrics have no indicator.",
        "no_metrics": "No metric has an indicator.",
        "footer": "Fazhi Review, {date}; curated values (reviewers' corrections applied, rejected items left out).",
        "fields": {
            "title": "Title",
            "issuer": "Issuer",
            "region": "Region",
            "province": "Province",
            "level": "Level",
            "report_year": "Report year",
            "doc_number": "Document number",
            "publish_date": "Published",
            "script": "Script",
        },
        "states": {"pending": "pending", "accepted": "accepted", "corrected": "corrected", "added": "added"},
        "report_states": {"new": "new", "in_review": "in review", "done": "done", "flagged": "flagged"},
        "parts_names": {
            "achievements": "Measures and results",
            "leader_duty": "Leaders' duty",
            "shortcomings": "Shortcomings",
            "next_year": "Plans for next year",
            "other": "Other",
        },
        "levels": {
            "province": "provincial",
            "prefecture": "prefectural",
            "county": "county",
            "district": "district",
            "zone": "development zone",
            "department": "department",
            "township": "township",
        },
        "review": "Review state",
    },
}

CSS = f"""
@page {{ size: A4; margin: 14mm; }}
body {{ font-family: {FONTS}; font-size: 10pt; color: #1d1d1f; margin: 0 auto; max-width: 190mm; line-height: 1.35; }}
h1 {{ font-size: 15pt; margin: 0 0 2mm 0; }}
h2 {{ font-size: 11pt; margin: 4mm 0 1.5mm 0; border-bottom: 1px solid #c9c9d1; color: #233a6b; }}
table {{ border-collapse: collapse; width: 100%; }}
td, th {{ padding: 1px 5px; vertical-align: top; text-align: left; }}
table.meta td.k {{ color: #5a5a66; width: 22%; white-space: nowrap; }}
table.metrics th {{ background: #eef1f7; font-weight: 600; }}
table.metrics td, table.metrics th {{ border-bottom: 1px solid #e4e4ea; }}
td.num {{ text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }}
.state {{ color: #5a5a66; font-size: 8.5pt; white-space: nowrap; }}
.pending {{ color: #9a6700; }}
ul {{ margin: 0; padding-left: 5mm; }}
li.l2 {{ margin-left: 5mm; color: #3a3a44; }}
p.note, p.footer {{ color: #5a5a66; font-size: 8.5pt; margin: 1.5mm 0; }}
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _data(item: Mapping[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = item["data"] or {}
    return data


def _curated_fields(record: ReportRecord) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for item in record.items:  # sorted by kind and position; a later item for a field wins
        if item["kind"] == "field" and item["state"] != "rejected":
            values[item["key"]] = _data(item).get("value")
    return values


def _kept(record: ReportRecord, kind: str) -> list[dict[str, Any]]:
    items = [i for i in record.items_of(kind) if i["state"] != "rejected"]
    return sorted(items, key=lambda i: (i["start"] is None, i["start"] or 0, i["id"]))


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def metric_value_text(data: Mapping[str, Any]) -> str:
    value = _number(data.get("value"))
    if data.get("value_to") is not None:
        value += "–" + _number(data.get("value_to"))
    return ("≈" if data.get("approx") else "") + value + (data.get("unit") or "")


def summary_html(record: ReportRecord, lang: str = "zh", today: dt.date | None = None) -> str:
    """The page for a loaded report (see the module docstring)."""
    t = _TEXT.get(lang, _TEXT["en"])
    fields = _curated_fields(record)
    title = fields.get("title") or Path(record.file_name).name
    catalogue = default_catalogue()
    out = [
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
        f"<title>{_e(title)} — {_e(t['title'])}</title><style>{CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
    ]

    out.append(f'<h2>{_e(t["metadata"])}</h2><table class="meta">')
    for name in FIELDS:
        if name == "title":
            continue
        value = fields.get(name)
        if name == "level":
            value = t["levels"].get(value, value) if value else value
        if name == "script" and value:
            value = {
                "simplified": "简体" if lang == "zh" else "simplified",
                "traditional": "繁体" if lang == "zh" else "traditional",
            }.get(value, value)
        out.append(f'<tr><td class="k">{_e(t["fields"][name])}</td><td>{_e(value) or "—"}</td></tr>')
    out.append(
        f'<tr><td class="k">{_e(t["review"])}</td>'
        f"<td>{_e(t['report_states'].get(record.state, record.state))}</td></tr></table>"
    )

    parts = _kept(record, "part")
    sections = [s for s in _kept(record, "section") if _data(s).get("level", 1) <= OUTLINE_DEPTH]
    if parts or sections:
        out.append(f"<h2>{_e(t['outline'])}</h2>")
        if parts:
            keys = [_data(p).get("part", "") for p in parts]  # none: blank, as _e(None) was
            names = [t["parts_names"].get(key, key) for key in keys]
            out.append(f"<p><b>{_e(t['parts'])}:</b> " + " · ".join(_e(n) for n in names) + "</p>")
        if sections:
            out.append("<ul>")
            for section in sections:
                data = _data(section)
                number = (
                    f"{data.get('number')}、"
                    if data.get("number") and lang == "zh"
                    else (f"{data.get('number')}. " if data.get("number") else "")
                )
                out.append(f'<li class="l{data.get("level", 1)}">{_e(number)}{_e(data.get("title"))}</li>')
            out.append("</ul>")

    metrics = _kept(record, "metric")
    named = [m for m in metrics if _data(m).get("indicator")]
    out.append(f"<h2>{_e(t['metrics'])}</h2>")
    if named:
        out.append(
            f'<table class="metrics"><tr><th>{_e(t["indicator"])}</th><th>{_e(t["value"])}</th>'
            f"<th>{_e(t['label'])}</th><th>{_e(t['state'])}</th></tr>"
        )
        order = {i.key: n for n, i in enumerate(catalogue.indicators)}
        for metric in sorted(named, key=lambda m: (order.get(m["data"]["indicator"], 1 << 20), m["start"] or 0)):
            data = metric["data"]
            indicator = catalogue.by_key.get(data["indicator"])
            name = (indicator.zh if lang == "zh" else indicator.en) if indicator is not None else data["indicator"]
            state = metric["state"]
            out.append(
                f'<tr><td>{_e(name)}</td><td class="num">{_e(metric_value_text(data))}</td>'
                f"<td>{_e(data.get('label'))}</td>"
                f'<td class="state {state}">{_e(t["states"].get(state, state))}</td></tr>'
            )
        out.append("</table>")
    else:
        out.append(f'<p class="note">{_e(t["no_metrics"])}</p>')
    others = len(metrics) - len(named)
    if others:
        out.append(f'<p class="note">{_e(t["others"].format(n=others))}</p>')
    date = (today or dt.date.today()).isoformat()
    out.append(f'<p class="footer">{_e(t["footer"].format(date=date))}</p></body></html>\n')
    return "\n".join(out)


def report_summary_html(store: Store, report_id: int, lang: str = "zh", today: dt.date | None = None) -> str:
    """The summary page of a report in the library; LookupError when it does not exist."""
    record = load_report(store, report_id)  # the canonical items, never a coding copy
    if record is None:
        raise LookupError(f"no report {report_id}")
    return summary_html(record, lang, today)


def write_summary(store: Store, report_id: int, out: str | Path, lang: str = "zh") -> Path:
    out = Path(out)
    text = report_summary_html(store, report_id, lang)
    with output_file(out, "w", encoding="utf-8") as handle:
        handle.write(text)
    return out
