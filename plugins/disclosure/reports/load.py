"""A report YAML file → AnnualReport, or every problem found in it (structure and arithmetic)."""

from __future__ import annotations

import os
import re
from decimal import Decimal

from .. import values as fields
from ..problems import FILE_LEVEL, Pos, Problem
from ..yamlpos import LoadError, Mapping, load_yaml
from . import layout
from .checks import check_arithmetic
from .legacy import check_legacy, read_legacy
from .model import AnnualReport, Number

TOP_KEYS = ["year", "layout", "agency", "active", "applications", "appeals"]
INTEGER = re.compile(r"^\d+$")
AMOUNT = re.compile(r"^\d+(\.\d{1,4})?$")
LAYOUTS = ["2021", "2009"]


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


class _Reader:
    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        self.values: dict[str, Number] = {}
        self.pos: dict[str, Pos] = {}

    def say(self, where: Pos, path: str, message: str) -> None:
        self.problems.append(Problem(where.file, where.line, where.col, path, message))

    def report(self, root: object, content_path: str) -> AnnualReport | None:
        top = fields.mapping_at(root, Pos(self.file, 1, 1), FILE_LEVEL, self.say)
        if top is None:
            return None
        kind = fields.text(top, "layout", "", self.say) or "2021"
        if kind == "2009":
            read_legacy(self, top)
        else:
            fields.check_keys(top, TOP_KEYS, ["year", "active", "applications", "appeals"], "", self.say)
            self.active(self.section(top, "active"))
            self.applications(self.section(top, "applications"))
            self.appeals(self.section(top, "appeals"))
        if kind not in LAYOUTS:
            self.say(top.value_pos["layout"], "layout", f"不支持的报告格式 \"{kind}\"：可选 2021（2021 年起的全国统一格式）或 2009（旧版统计表）")
        year = self.year(top)
        if year is None:
            return None
        return AnnualReport(year, self.file, content_path, self.values, self.pos, kind)

    def year(self, top: Mapping) -> int | None:
        value = fields.text(top, "year", "", self.say)
        if value is None:
            return None
        if not re.match(r"^\d{4}$", value) or not 2008 <= int(value) <= 2100:
            self.say(top.value_pos["year"], "year", f"年份 \"{value}\" 无效：请写四位数字年份，如 2023")
            return None
        return int(value)

    def section(self, parent: Mapping, key: str, path: str = "") -> Mapping | None:
        full = f"{path}.{key}" if path else key
        if parent.get(key) is None:
            return None  # check_keys reported it when required
        return fields.mapping_at(parent[key], parent.value_pos[key], full, self.say)

    def number(self, parent: Mapping, key: str, path: str, amount: bool = False) -> None:
        full = f"{path}.{key}"
        if key not in parent or parent.get(key) is None:
            self.say(parent.key_pos.get(key, parent.pos), full, f"缺少 \"{key}\"：没有的请填 0")
            return
        self.store(parent[key], parent.value_pos[key], full, amount)

    def store(self, value: object, where: Pos, path: str, amount: bool = False) -> None:
        pattern = AMOUNT if amount else INTEGER
        if not isinstance(value, str) or not pattern.match(value.strip()):
            shown = f"\"{value}\"" if isinstance(value, str) else "列表或键值对"
            kind = "非负数（金额，单位：万元）" if amount else "非负整数"
            self.say(where, path, f"应为{kind}，实为 {shown}")
            return
        self.values[path] = Decimal(value.strip()) if amount else int(value.strip())
        self.pos[path] = where

    def keys(self, node: Mapping, allowed: list[str], path: str) -> None:
        fields.check_keys(node, allowed, allowed, path, self.say)

    def active(self, node: Mapping | None) -> None:
        if node is None:
            return
        rows = [k for k, _ in layout.DOCUMENT_ROWS] + [k for k, _ in layout.DECISION_ROWS] + [layout.FEES[0]]
        self.keys(node, rows, "active")
        self.named_rows(node, layout.DOCUMENT_ROWS, layout.DOCUMENT_COLUMNS, "active")
        for key, _ in layout.DECISION_ROWS:
            if key in node:
                self.number(node, key, "active")
        if layout.FEES[0] in node:
            self.number(node, layout.FEES[0], "active", amount=True)

    def applications(self, node: Mapping | None) -> None:
        if node is None:
            return
        self.keys(node, ["received", "carried_over", "results", "carried_forward"], "applications")
        for key in ("received", "carried_over", "carried_forward"):
            self.row(node, key, "applications")
        results = self.section(node, "results", "applications")
        if results is None:
            return
        self.keys(results, [o.key for o in layout.OUTCOMES] + ["total"], "applications.results")
        for outcome in layout.OUTCOMES:
            path = "applications.results"
            if not outcome.reasons:
                self.row(results, outcome.key, path)
            elif (group := self.section(results, outcome.key, path)) is not None:
                self.keys(group, [k for k, _ in outcome.reasons], f"{path}.{outcome.key}")
                for key, _ in outcome.reasons:
                    self.row(group, key, f"{path}.{outcome.key}")
        self.row(results, "total", "applications.results")

    def row(self, parent: Mapping, key: str, path: str) -> None:
        full = f"{path}.{key}"
        if key not in parent:
            return  # reported by keys()
        items = fields.sequence_at(parent[key], parent.value_pos[key], full, self.say)
        if items is None:
            return
        size = len(layout.APPLICANT_COLUMNS)
        if len(items) != size:
            columns = "、".join(layout.APPLICANT_COLUMNS)
            self.say(parent.value_pos[key], full, f"应有 {size} 个数，依次为：{columns}；实有 {len(items)} 个")
            return
        for i, value in enumerate(items):
            self.store(value, items.item_pos[i], f"{full}[{i}]")

    def appeals(self, node: Mapping | None) -> None:
        if node is None:
            return
        self.keys(node, [k for k, _ in layout.APPEAL_ROWS], "appeals")
        self.named_rows(node, layout.APPEAL_ROWS, layout.APPEAL_COLUMNS, "appeals")

    def named_rows(self, node: Mapping, rows: list, columns: list, path: str) -> None:
        """Rows of named counts, e.g. `active.regulations: {issued: 1, repealed: 0, in_force: 3}`."""
        for key, _ in rows:
            row = self.section(node, key, path)
            if row is not None:
                self.keys(row, [k for k, _ in columns], f"{path}.{key}")
                for column, _ in columns:
                    if column in row:
                        self.number(row, column, f"{path}.{key}")

