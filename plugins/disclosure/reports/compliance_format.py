"""Output formats of `disclosure report`: text (one finding a line), json, markdown."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable

from .compliance import RULES, Finding, Settings


def _scope(settings: Settings) -> str:
    return f"{settings.year} 年" if settings.year else "全部年份"


def _where(finding: Finding, source: str) -> str:
    if finding.pos is None:
        return f"{source}:1:1"
    return str(finding.pos)


def _summary(findings: list[Finding], entries: int, settings: Settings) -> str:
    if not findings:
        return f"检查了 {_scope(settings)}的 {entries} 个条目，没有发现问题。"
    counts = Counter(f.rule for f in findings)
    parts = "、".join(f"{RULES[rule]} {counts[rule]}" for rule in RULES if counts[rule])
    return f"检查了 {_scope(settings)}的 {entries} 个条目，发现 {len(findings)} 个问题：{parts}。"


def format_text(findings: list[Finding], settings: Settings, entries: int, source: str) -> str:
    lines = [f"{_where(f, source)}: {f.index or '目录'}: [{f.label}] {f.message}" for f in findings]
    return "\n".join(lines + [_summary(findings, entries, settings)])


def format_json(findings: list[Finding], settings: Settings, entries: int, source: str) -> str:
    items = [{
        "rule": f.rule, "label": f.label, "index": f.index, "message": f.message,
        "file": f.pos.file if f.pos else source, "line": f.pos.line if f.pos else None,
        "col": f.pos.col if f.pos else None,
    } for f in findings]
    counts = Counter(f.rule for f in findings)
    data = {"year": settings.year, "entries": entries, "findings": items,
            "counts": {rule: counts[rule] for rule in RULES}, "ok": not findings}
    return json.dumps(data, ensure_ascii=False, indent=2)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def format_markdown(findings: list[Finding], settings: Settings, entries: int, source: str) -> str:
    counts = Counter(f.rule for f in findings)
    lines = [f"# 政府信息公开合规检查（{_scope(settings)}）", "", _summary(findings, entries, settings), "",
             "| 检查项 | 问题数 |", "| --- | ---: |"]
    lines += [f"| {label} | {counts[rule]} |" for rule, label in RULES.items()]
    for rule, label in RULES.items():
        group = [f for f in findings if f.rule == rule]
        if not group:
            continue
        lines += ["", f"## {label}（{len(group)}）", "", "| 位置 | 索引号 | 说明 |", "| --- | --- | --- |"]
        lines += [f"| {_where(f, source)} | {f.index or '—'} | {_cell(f.message)} |" for f in group]
    return "\n".join(lines)


FORMATS: dict[str, Callable[[list[Finding], Settings, int, str], str]] = {
    "text": format_text, "json": format_json, "markdown": format_markdown,
}
