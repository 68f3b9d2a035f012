"""A report YAML file → AnnualReport, or every problem found in it (structure and arithmetic).

Cells may be left blank as in the printed tables: an empty value, `-`, `—` or `/` means 0, and a
blank 总计 (or a missing key) is taken as the sum of its parts instead of being checked.
"""

from __future__ import annotations

import os
import re
import unicodedata
from decimal import Decimal

from .. import values as fields
from ..problems import FILE_LEVEL, Pos, Problem
from ..yamlpos import LoadError, Mapping, load_yaml
from . import layout
from .checks import check_arithmetic, fill_totals
from .legacy import check_legacy, fill_legacy_totals, read_legacy
from .model import AnnualReport, Number

TOP_KEYS = ["year", "layout", "agency", "active", "applications", "appeals"]
PATTERNS = {"int": re.compile(r"^\d+$"), "signed": re.compile(r"^[-+－−]?\d+$"), "amount": re.compile(r"^\d+(\.\d{1,4})?$")}
KIND_NAMES = {"int": "非负整数", "signed": "整数（减少写负数，如 -8）", "amount": "非负数（金额，单位：万元）"}
THOUSANDS = re.compile(r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$")
BLANKS = {"", "-", "－", "—", "——", "–", "/", "／"}


def load_report(docs_dir: str, content_path: str, display: str) -> tuple[AnnualReport | None, list[Problem]]:
    """Read `content_path` (under docs_dir); returns the report (None if unusable) and its problems."""
    problems: list[Problem] = []
    try:
        with open(os.path.join(docs_dir, content_path), "rb") as stream:
            data = stream.read()
    except OSError as error:
        return None, [Problem(display, 1, 1, FILE_LEVEL, f"无法读取年度报告数据：{error.strerror}")]
    try:
        root = load_yaml(data, display, problems)
    except LoadError as error:
        return None, error.problems
    reader = _Reader(display, problems)
    report = reader.report(root, content_path)
    if report is not None and not problems:
        problems += check_legacy(report) if report.layout == "2009" else check_arithmetic(report)
    return (report if not problems else None), problems


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip() in BLANKS)


def _number_text(value: str) -> str:
    """A number as printed: full-width digits, a minus sign and thousands separators (1,234) allowed."""
    text = unicodedata.normalize("NFKC", value).strip().replace("−", "-")
    return text.replace(",", "") if THOUSANDS.match(text) else text


class _Reader:
    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        self.values: dict[str, Number] = {}
        self.pos: dict[str, Pos] = {}
        self.blank_totals: set[str] = set()
        self.layout = "2021"

    def say(self, where: Pos, path: str, message: str) -> None:
        self.problems.append(Problem(where.file, where.line, where.col, path, message))

    def report(self, root: object, content_path: str) -> AnnualReport | None:
        top = fields.mapping_at(root, Pos(self.file, 1, 1), FILE_LEVEL, self.say)
        if top is None:
            return None
        year = self.year(top)
        self.layout = fields.text(top, "layout", "", self.say) or (layout.layout_for_year(year) if year else "2021")
        if self.layout not in layout.LAYOUTS:
            self.say(top.value_pos["layout"], "layout", f"不支持的报告格式 \"{self.layout}\"：可选 2021（2021 年起的全国统一格式）、"
                     "2019（2019、2020 年度的试行格式）或 2009（旧版统计表）")
            return None
        if self.layout == "2009":
            read_legacy(self, top)
        else:
            fields.check_keys(top, TOP_KEYS, ["year"], "", self.say)
            self.active(self.section(top, "active"))
            self.applications(self.section(top, "applications"))
            self.appeals(self.section(top, "appeals"))
        if year is None or self.problems:
            return None
        if self.layout == "2009":
            fill_legacy_totals(self.values, self.blank_totals)
        else:
            fill_totals(self.values, self.blank_totals, self.layout)
        agency = fields.text(top, "agency", "", self.say)
        return AnnualReport(year, self.file, content_path, self.values, self.pos, self.layout, agency)

    def year(self, top: Mapping) -> int | None:
        value = fields.text(top, "year", "", self.say)
        if value is None:
            return None
        self.pos["year"] = top.value_pos["year"]
        if not re.match(r"^\d{4}$", value) or not 2008 <= int(value) <= 2100:
            self.say(top.value_pos["year"], "year", f"年份 \"{value}\" 无效：请写四位数字年份，如 2023")
            return None
        return int(value)

    def section(self, parent: Mapping | None, key: str, path: str = "") -> Mapping | None:
        """A sub-mapping; an empty or missing one is an empty Mapping (all of its cells blank)."""
        full = f"{path}.{key}" if path else key
        if parent is None or parent.get(key) is None:
            empty = Mapping(parent.key_pos.get(key, parent.pos) if parent is not None else Pos(self.file, 1, 1))
            return empty
        return fields.mapping_at(parent[key], parent.value_pos[key], full, self.say)

    def number(self, parent: Mapping, key: str, path: str, kind: str = "int") -> None:
        full = f"{path}.{key}" if path else key
        where = parent.value_pos.get(key) or parent.key_pos.get(key) or parent.pos
        self.store(parent.get(key), where, full, kind)

    def store(self, value: object, where: Pos, path: str, kind: str = "int") -> None:
        self.pos[path] = where
        if is_blank(value):
            if path.endswith(("total", f"[{layout.TOTAL_COLUMN}]")) or path.startswith("applications.results.total"):
                self.blank_totals.add(path)
            else:
                self.values[path] = 0
            return
        text = _number_text(value) if isinstance(value, str) else None
        if text is None or not PATTERNS[kind].match(text):
            shown = f"\"{value}\"" if isinstance(value, str) else "列表或键值对"
            self.say(where, path, f"应为{KIND_NAMES[kind]}，实为 {shown}；没有的可留空或填 0")
            return
        self.values[path] = Decimal(text) if kind == "amount" else int(text)

    def keys(self, node: Mapping, allowed: list[str], path: str) -> None:
        fields.check_keys(node, allowed, [], path, self.say)

    def active(self, node: Mapping | None) -> None:
        if node is None:
            return
        tables = layout.active_tables(self.layout)
        self.keys(node, [row for table in tables for row, _ in table.rows], "active")
        for table in tables:
            for row, _ in table.rows:
                if not table.columns[0].key:
                    self.number(node, row, "active", table.columns[0].kind)
                elif (cells := self.section(node, row, "active")) is not None:
                    self.keys(cells, [c.key for c in table.columns], f"active.{row}")
                    for column in table.columns:
                        self.number(cells, column.key, f"active.{row}", column.kind)

    def applications(self, node: Mapping | None) -> None:
        if node is None:
            return
        self.keys(node, ["received", "carried_over", "results", "carried_forward"], "applications")
        for key in ("received", "carried_over", "carried_forward"):
            self.row(node, key, "applications")
        results = self.section(node, "results", "applications")
        if results is None:
            return
        path = "applications.results"
        outcomes = layout.outcomes(self.layout)
        self.keys(results, [o.key for o in outcomes] + ["total"], path)
        for outcome in outcomes:
            if not outcome.reasons:
                self.row(results, outcome.key, path)
            elif (group := self.section(results, outcome.key, path)) is not None:
                self.keys(group, [k for k, _ in outcome.reasons], f"{path}.{outcome.key}")
                for key, _ in outcome.reasons:
                    self.row(group, key, f"{path}.{outcome.key}")
        self.row(results, "total", path)

    def row(self, parent: Mapping, key: str, path: str) -> None:
        """Seven numbers (自然人 … 总计); a blank row is seven blank cells."""
        full = f"{path}.{key}"
        size = len(layout.APPLICANT_COLUMNS)
        where = parent.value_pos.get(key) or parent.key_pos.get(key) or parent.pos
        if is_blank(parent.get(key)):
            for i in range(size):
                self.store(None, where, f"{full}[{i}]")
            return
        items = fields.sequence_at(parent[key], where, full, self.say)
        if items is None:
            return
        if len(items) != size:
            columns = "、".join(layout.APPLICANT_COLUMNS)
            self.say(where, full, f"应有 {size} 个数，依次为：{columns}（没有的留空或填 0）；实有 {len(items)} 个")
            return
        for i, value in enumerate(items):
            self.store(value, items.item_pos[i], f"{full}[{i}]")

    def appeals(self, node: Mapping | None) -> None:
        if node is None:
            return
        self.keys(node, [k for k, _ in layout.APPEAL_ROWS], "appeals")
        for key, _ in layout.APPEAL_ROWS:
            if (row := self.section(node, key, "appeals")) is not None:
                self.keys(row, [k for k, _ in layout.APPEAL_COLUMNS], f"appeals.{key}")
                for column, _ in layout.APPEAL_COLUMNS:
                    self.number(row, column, f"appeals.{key}")
