"""Files → tables: every sheet of an .xlsx workbook, or a .csv in UTF-8 (± BOM) or GB18030/GBK.

A table is its header row (found among the first rows: CMS exports often put a title line above
it) and the rows below it, each with the row number an editor sees in Excel or a text editor.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Callable

HEADER_SEARCH_ROWS = 10  # the header row is looked for among the first rows of a sheet


class TableError(Exception):
    """A file that cannot be read as a table (the message says what was expected)."""


@dataclass
class Table:
    file: str  # as shown in messages
    sheet: str | None  # None for CSV
    header_row: int
    headers: list[str]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)  # (row number, cell values)

    def where(self, row: int) -> str:
        return f"{self.file}:{self.sheet}:{row}" if self.sheet is not None else f"{self.file}:{row}"


def read_tables(path: str, display: str, is_header: Callable[[list[Any]], bool]) -> list[Table]:
    """Every table in the file; `is_header` says whether a row looks like the header row."""
    extension = os.path.splitext(path)[1].lower()
    try:
        with open(path, "rb") as stream:
            data = stream.read()
    except OSError as error:
        raise TableError(f"{display}: 无法读取文件：{error.strerror}") from None
    sheets: Sequence[tuple[str | None, list[tuple[int, list[Any]]]]]  # (sheet name, None for CSV; rows)
    if extension in (".xlsx", ".xlsm"):
        sheets = _xlsx_sheets(data, display)
    elif extension in (".csv", ".txt"):
        sheets = [(None, _csv_rows(data, display))]
    elif extension == ".xls":
        raise TableError(f"{display}: 这是旧版 Excel（.xls）文件：请在 Excel 或 WPS 中“另存为” .xlsx 或 .csv 后再导入")
    else:
        raise TableError(f"{display}: 不是表格文件：请导入 Excel 工作簿（.xlsx）或 CSV 文件（.csv）")
    tables = []
    for sheet, rows in sheets:
        table = _table(display, sheet, rows, is_header)
        if table is not None:
            tables.append(table)
    if not tables:
        raise TableError(f"{display}: 没有找到表头：第一行（或标题下面的一行）应是列名，如 索引号、名称、发布机构、生成日期、分类")
    return tables


def _table(display: str, sheet: str | None, rows: list[tuple[int, list[Any]]], is_header) -> Table | None:
    for position, (number, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if is_header(cells):
            headers = ["" if c is None else str(c) for c in cells]
            body = [(n, c) for n, c in rows[position + 1:] if any(_filled(v) for v in c)]
            return Table(display, sheet, number, headers, body)
    return None


def _filled(value: Any) -> bool:
    return value is not None and (not isinstance(value, str) or value.strip(" \t\r\n\u3000\xa0") != "")


def _xlsx_sheets(data: bytes, display: str) -> list[tuple[str, list[tuple[int, list[Any]]]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged or mislabelled file
        raise TableError(f"{display}: 无法作为 Excel 工作簿（.xlsx）打开：文件可能已损坏，或其实是别的格式（{error}）") from None
    sheets = []
    for sheet in workbook.worksheets:
        rows = [(number, [_cell(v) for v in values])
                for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)]
        sheets.append((sheet.title, rows))
    workbook.close()
    return sheets


def _cell(value: Any) -> Any:
    """Excel cells as text, dates as datetime.date (real date cells), numbers without a trailing .0."""
    if isinstance(value, datetime.datetime):
        return value.date() if value.time() == datetime.time() else value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def decode(data: bytes, display: str) -> str:
    """UTF-8 with or without BOM, else GB18030 (a superset of GBK and GB2312) as older systems write."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise TableError(f"{display}: 无法识别文件编码：请用 UTF-8 或 GBK 编码的 CSV") from None


def _csv_rows(data: bytes, display: str) -> list[tuple[int, list[Any]]]:
    text = decode(data, display)
    if "\x00" in text:
        raise TableError(f"{display}: 不是文本表格（含有二进制内容）：请导入 .xlsx 或 .csv 文件")
    sample = text[:20000]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows = []
    start = 1
    try:
        for cells in reader:
            rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as error:
        raise TableError(f"{display}:{start}: CSV 格式有误：{error}（引号是否成对？）") from None
    return rows
