"""Arithmetic of an annual report: every total is the sum of its parts, and the balance holds."""

from __future__ import annotations

from ..problems import Problem
from . import layout
from .model import AnnualReport, Number

COLUMNS = range(len(layout.APPLICANT_COLUMNS))


def fill_totals(values: dict[str, Number], blank: set[str], edition: str) -> None:
    """A 总计 left blank is the sum of its parts (rows first, then the 办理结果 总计 row, then appeals)."""
    total = layout.TOTAL_COLUMN
    rows = [path for path, _ in layout.application_rows(edition) if path != "applications.results.total"]
    for path in rows:
        if f"{path}[{total}]" in blank:
            values[f"{path}[{total}]"] = sum((values.get(f"{path}[{i}]", 0) for i in range(total)), 0)
    parts = [p for outcome in layout.outcomes(edition) for p in layout.outcome_paths(outcome)]
    for column in COLUMNS:
        if f"applications.results.total[{column}]" in blank:
            values[f"applications.results.total[{column}]"] = sum((values.get(f"{p}[{column}]", 0) for p in parts), 0)
    for key, _ in layout.APPEAL_ROWS:
        if f"appeals.{key}.total" in blank:
            values[f"appeals.{key}.total"] = sum((values.get(f"appeals.{key}.{c}", 0) for c, _ in layout.APPEAL_COLUMNS[:-1]), 0)


def check_arithmetic(report: AnnualReport) -> list[Problem]:
    """Every broken sum of the report, each at the cell that should hold it."""
    found = _row_totals(report) + _result_totals(report) + _balance(report) + _appeal_totals(report)
    return _once_per_cell(found)


def _once_per_cell(problems: list[Problem]) -> list[Problem]:
    """A cell wrong both as a row sum and as a column sum with the same expected value: say it once."""
    seen: set[tuple[str, str]] = set()
    result = []
    for problem in problems:
        key = (problem.path, problem.message.split("（")[0])
        if key not in seen:
            seen.add(key)
            result.append(problem)
    return result


def _problem(report: AnnualReport, path: str, message: str) -> Problem:
    where = report.where(path)
    return Problem(where.file, where.line, where.col, path, message)


def _mismatch(report: AnnualReport, path: str, expected: Number, parts: str) -> Problem:
    actual = report.get(path)
    return _problem(report, path, f"总计应为 {expected}，实为 {actual}（{parts}）")


def _row_totals(report: AnnualReport) -> list[Problem]:
    problems = []
    for path, label in layout.application_rows(report.layout):
        row = report.row(path)
        expected = sum(row[:layout.TOTAL_COLUMN])
        if row[layout.TOTAL_COLUMN] != expected:
            where = f"{path}[{layout.TOTAL_COLUMN}]"
            problems.append(_mismatch(report, where, expected, f"“{_short(label)}”一行自然人与法人或其他组织各列之和"))
    return problems


def _result_totals(report: AnnualReport) -> list[Problem]:
    problems = []
    parts = [p for outcome in report.outcomes for p in layout.outcome_paths(outcome)]
    for column in COLUMNS:
        expected = sum(report.get(f"{p}[{column}]") for p in parts)
        where = f"applications.results.total[{column}]"
        if report.get(where) != expected:
            name = layout.APPLICANT_COLUMNS[column]
            problems.append(_mismatch(report, where, expected, f"“{name}”一列办理结果（一）至（六）各项之和"))
    return problems


def _balance(report: AnnualReport) -> list[Problem]:
    """一 + 二 = 三（七）+ 四, column by column."""
    problems = []
    for column in COLUMNS:
        received = report.get(f"applications.received[{column}]")
        carried_over = report.get(f"applications.carried_over[{column}]")
        handled = report.get(f"applications.results.total[{column}]")
        carried_forward = report.get(f"applications.carried_forward[{column}]")
        if received + carried_over != handled + carried_forward:
            name = layout.APPLICANT_COLUMNS[column]
            message = (f"“{name}”一列不平衡：本年新收 {received} + 上年结转 {carried_over} = {received + carried_over}，"
                       f"应等于办理结果总计 {handled} + 结转下年度 {carried_forward} = {handled + carried_forward}")
            problems.append(_problem(report, f"applications.carried_forward[{column}]", message))
    return problems


def _appeal_totals(report: AnnualReport) -> list[Problem]:
    problems = []
    parts = [key for key, _ in layout.APPEAL_COLUMNS if key != "total"]
    for key, label in layout.APPEAL_ROWS:
        expected = sum(report.get(f"appeals.{key}.{part}") for part in parts)
        where = f"appeals.{key}.total"
        if report.get(where) != expected:
            problems.append(_mismatch(report, where, expected, f"{label}的维持、纠正、其他结果、尚未审结之和"))
    return problems


def _short(label: str) -> str:
    """A row label without its long parenthetical note."""
    return label.split("（区分")[0]
