"""The self-inspection as an xlsx 自查表: one row per indicator (指标, 考察点, 结果, 问题明细, 是否单项否决)."""

from __future__ import annotations

import datetime
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from .findings import INDICATORS, Finding, result_text
from .formats import summary

HEADER = ("指标", "考察点", "结果", "问题明细", "是否单项否决")


def inspection_workbook(findings: list[Finding], as_of: datetime.date, site_name: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "自查表"
    sheet.append([f"{site_name} 政府网站自查表（截至 {as_of}）"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([summary(findings, as_of)])
    sheet.append(list(HEADER))
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for indicator in INDICATORS:
        group = [f for f in findings if f.indicator == indicator.id]
        result = result_text(indicator, group)
        details = "\n".join(f"{f.where or '—'}：{f.message}" for f in group)
        sheet.append([indicator.name, indicator.point, result, _text(details), "是" if indicator.can_veto else "否"])
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDE", (22, 40, 18, 90, 12)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A4"
    workbook.properties.title = f"{site_name}政府网站自查表"
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def _text(value: str) -> str:
    """A cell Excel never evaluates: text that starts like a formula gets a leading apostrophe-free space."""
    value = value[:32000]  # Excel's limit is 32 767 characters a cell
    return " " + value if value[:1] in ("=", "+", "-", "@") else value
