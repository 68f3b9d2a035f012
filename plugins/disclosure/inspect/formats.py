"""Output formats of `disclosure inspect`: text, json (SPEC shape), markdown, gitlab (Code Quality)."""

from __future__ import annotations

import datetime
import json
from collections import Counter
from collections.abc import Callable

from .. import formats
from .findings import BY_ID, INDICATORS, Finding, is_veto, result_text

Formatter = Callable[[list[Finding], datetime.date], str]


def summary(findings: list[Finding], as_of: datetime.date) -> str:
    if not findings:
        return f"截至 {as_of} 自查：所查指标均未发现问题。"
    verdict = "有单项否决指标未通过（不合格）" if is_veto(findings) else "单项否决指标均通过"
    counts = Counter(f.indicator for f in findings)
    parts = "、".join(f"{i.name} {counts[i.id]}" for i in INDICATORS if counts[i.id])
    return f"截至 {as_of} 自查：{verdict}；发现 {len(findings)} 个问题：{parts}。"


def format_text(findings: list[Finding], as_of: datetime.date) -> str:
    lines = [f"{f.where or '—'}: [{BY_ID[f.indicator].name}]{'[单项否决]' if f.veto else ''} {f.message}" for f in findings]
    return "\n".join(lines + [summary(findings, as_of)])


def format_json(findings: list[Finding], as_of: datetime.date) -> str:
    data = {"as_of": as_of.isoformat(), "veto": is_veto(findings), "findings": [
        {"indicator": f.indicator, "veto": f.veto, "where": f.where, "message": f.message} for f in findings]}
    return json.dumps(data, ensure_ascii=False, indent=2)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def format_markdown(findings: list[Finding], as_of: datetime.date) -> str:
    lines = [f"# 政府网站自查（截至 {as_of}）", "", summary(findings, as_of), "",
             "| 指标 | 考察点 | 结果 | 单项否决 |", "| --- | --- | --- | --- |"]
    lines += [f"| {i.name} | {_cell(i.point)} | {result_text(i, [f for f in findings if f.indicator == i.id])} "
              f"| {'是' if i.can_veto else '否'} |" for i in INDICATORS]
    for indicator in INDICATORS:
        group = [f for f in findings if f.indicator == indicator.id]
        if group:
            lines += ["", f"## {indicator.name}（{len(group)}）", "", "| 位置 | 说明 |", "| --- | --- |"]
            lines += [f"| {_cell(f.where or '—')} | {_cell(f.message)} |" for f in group]
    return "\n".join(lines)


def format_gitlab(findings: list[Finding], as_of: datetime.date) -> str:
    return formats.gitlab([formats.Finding(f"disclosure-inspect/{f.indicator}", f"[{BY_ID[f.indicator].name}] {f.message}",
                                           f.pos.file if f.pos else None, f.pos.line if f.pos else None,
                                           severity="blocker" if f.veto else "minor")
                           for f in findings])


FORMATS: dict[str, Formatter] = {"text": format_text, "json": format_json, "markdown": format_markdown, "gitlab": format_gitlab}
