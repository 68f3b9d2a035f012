"""The report's tables as one xlsx workbook, a sheet per table."""

from __future__ import annotations

import datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .legacy import tables_for
from .model import AnnualReport
from .views import Row, Table
from ..stable_xlsx import workbook_bytes

SHEET_NAMES = {"applications": "依申请公开", "appeals": "复议和诉讼", "legacy": "统计表"}


def report_workbook(report: AnnualReport, agency: str, comparison: list[Row] | None = None) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables_for(report):
        _sheet(workbook, SHEET_NAMES.get(table.key, table.caption), f"{agency}{report.year}年{table.caption}", table)
    if comparison:
        table = Table("comparison", "与上年对比", (f"{report.year - 1}年", f"{report.year}年", "增减"), tuple(comparison), "指标")
        _sheet(workbook, "与上年对比", f"{agency}{report.year}年与上年对比", table)
    workbook.properties.title = f"{agency}{report.year}年政府信息公开工作年度报告统计表"
    return workbook_bytes(workbook, datetime.date(report.year, 12, 31))  # same report, same bytes


def _sheet(workbook: Workbook, name: str, title: str, table: Table) -> None:
    sheet = workbook.create_sheet(name)
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    _header(sheet, table)
    for row in table.rows:
        label = ["　" * row.level + row.label] if table.corner else []
        sheet.append([*label, *[_plain(v) for v in row.cells]])
    sheet.column_dimensions["A"].width = 48 if table.corner else 12
    for column in range(2, table.width + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 12
    sheet.freeze_panes = sheet.cell(row=2 + len(table.head), column=2 if table.corner else 1)


def _header(sheet, table: Table) -> None:
    """The header rows as printed: spanning cells merged."""
    taken: set[tuple[int, int]] = set()
    for offset, header_row in enumerate(table.head):
        row, column = 2 + offset, 1
        for head in header_row:
            while (row, column) in taken:
                column += 1
            cell = sheet.cell(row=row, column=column, value=head.label)
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
            if head.colspan > 1 or head.rowspan > 1:
                sheet.merge_cells(start_row=row, start_column=column,
                                  end_row=row + head.rowspan - 1, end_column=column + head.colspan - 1)
            taken |= {(r, c) for r in range(row, row + head.rowspan) for c in range(column, column + head.colspan)}
            column += head.colspan


def _plain(value: object) -> int | float:
    return value if isinstance(value, int) else float(value)  # type: ignore[arg-type]
