"""The report's tables as one xlsx workbook, a sheet per table."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from .model import AnnualReport
from .legacy import tables_for
from .views import Row, Table

SHEET_NAMES = {"documents": "规章和规范性文件", "decisions": "处理决定和收费", "applications": "依申请公开", "appeals": "复议和诉讼", "legacy": "统计表"}


def report_workbook(report: AnnualReport, agency: str, comparison: list[Row] | None = None) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables_for(report):
        _sheet(workbook, SHEET_NAMES[table.key], f"{agency}{report.year}年{table.caption}", table)
    if comparison:
        table = Table("comparison", "与上年对比", (f"{report.year - 1}年", f"{report.year}年", "增减"), tuple(comparison), "指标")
        _sheet(workbook, "与上年对比", f"{agency}{report.year}年与上年对比", table)
    workbook.properties.title = f"{agency}{report.year}年政府信息公开工作年度报告统计表"
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def _sheet(workbook: Workbook, name: str, title: str, table: Table) -> None:
    sheet = workbook.create_sheet(name)
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([table.corner, *table.columns])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in table.rows:
        label = "　" * row.level + row.label
        sheet.append([label, *[_plain(v) for v in row.cells]])
    sheet.column_dimensions["A"].width = 48
    for letter in "BCDEFGH":
        sheet.column_dimensions[letter].width = 12
    sheet.freeze_panes = "B3"


def _plain(value: object) -> int | float:
    return value if isinstance(value, int) else float(value)  # type: ignore[arg-type]
