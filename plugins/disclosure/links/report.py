"""Output formats of `disclosure links`: text (Chinese, grouped by source file), json, github annotations."""

from __future__ import annotations

import json
from itertools import groupby

from .. import formats
from ..problems import one_line
from .check import Broken, CheckResult

UNKNOWN_SOURCE = "（来源未知）"


def format_result(result: CheckResult, fmt: str) -> str:
    if fmt == "json":
        return format_json(result)
    if fmt == "github":
        return format_github(result)
    if fmt == "gitlab":
        return formats.gitlab(findings(result))
    return format_text(result)


def format_json(result: CheckResult) -> str:
    data = {
        "pages": result.pages,
        "links": result.links,
        "broken": [{"page": b.page, "url": b.url, "reason": b.reason, "source": b.source} for b in result.broken],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _source_file(broken: Broken) -> str:
    return broken.source.rpartition(":")[0] if broken.source else UNKNOWN_SOURCE


def _sort_key(broken: Broken) -> tuple[str, int, str, str, str]:
    line = int(broken.source.rpartition(":")[2]) if broken.source else 0
    return (_source_file(broken), line, broken.url, broken.reason, broken.page)


def format_text(result: CheckResult) -> str:
    """Grouped by source file; one row per (line, URL, reason), naming the pages it appears on."""
    lines: list[str] = []
    for file, group in groupby(sorted(result.broken, key=_sort_key), key=_source_file):
        lines.append(one_line(f"{file}:"))
        for (source, url, reason), rows in groupby(group, key=lambda b: (b.source, b.url, b.reason)):
            pages = [b.page for b in rows]
            where = f"第 {source.rpartition(':')[2]} 行" if source else "位置未知"
            lines.append(one_line(f"  {where}：{url or '（文件本身）'} —— {reason}（{_pages_label(pages)}）"))
    lines.append(summary(result))
    return "\n".join(lines)


def _pages_label(pages: list[str]) -> str:
    shown = "、".join(pages[:3])
    return f"页面 {shown}" if len(pages) <= 3 else f"页面 {shown} 等 {len(pages)} 个"


def summary(result: CheckResult) -> str:
    if not result.broken:
        return f"检查了 {result.pages} 个页面、{result.links} 个链接，没有发现失效链接。"
    files = sum(1 for b in result.broken if not b.url)
    found = f"发现 {len(result.broken) - files} 个失效链接" + (f"，{files} 个文件无法检查" if files else "")
    return f"检查了 {result.pages} 个页面、{result.links} 个链接，{found}。"


def findings(result: CheckResult) -> list[formats.Finding]:
    """Each broken link at the file and line an editor wrote it (unknown source: no place)."""
    result_findings = []
    for broken in sorted(result.broken, key=_sort_key):
        message = (f"失效链接 {broken.url}：{broken.reason}（页面 {broken.page}）" if broken.url
                   else f"无法检查的文件 {broken.page}：{broken.reason}")
        file, _, line = broken.source.rpartition(":") if broken.source else (None, "", "")
        result_findings.append(formats.Finding("dead_link", message, file, int(line) if line else None))
    return result_findings


def format_github(result: CheckResult) -> str:
    return "\n".join(filter(None, [formats.github(findings(result)), summary(result)]))
