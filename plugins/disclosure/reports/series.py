"""Checks across the reports of consecutive years: last year's carry-forward is this year's carry-over.

Table 3 of the national templates (2019 trial and 2021) has 二、上年结转政府信息公开申请数量; it must
equal the previous report's 四、结转下年度继续办理, column by column. A problem is reported at the
later report's cell. Two reports of one agency for the same year are an error too (usually a
copied file whose `year` was not changed).
"""

from __future__ import annotations

from ..problems import Problem
from . import layout
from .model import AnnualReport


def agency_of(report: AnnualReport, default: str) -> str:
    return report.agency or default


def previous_report(report: AnnualReport, reports: list[AnnualReport], default_agency: str) -> AnnualReport | None:
    """Last year's report of the same agency in a national template (2019 trial or 2021)."""
    if report.layout == "2009":
        return None
    agency = agency_of(report, default_agency)
    return next((other for other in reports if other.year == report.year - 1 and other.layout != "2009"
                 and agency_of(other, default_agency) == agency), None)


def check_series(reports: list[AnnualReport], default_agency: str) -> list[Problem]:
    unique: dict[str, AnnualReport] = {}
    for report in reports:
        unique.setdefault(report.content_path, report)  # two entries may show one report file
    problems = _duplicates(list(unique.values()), default_agency)
    for report in unique.values():
        previous = previous_report(report, list(unique.values()), default_agency)
        if previous is not None:
            problems += _carry_over(report, previous)
    return problems


def _duplicates(reports: list[AnnualReport], default_agency: str) -> list[Problem]:
    seen: dict[tuple[str, int], AnnualReport] = {}
    problems = []
    for report in reports:
        key = (agency_of(report, default_agency), report.year)
        if key in seen:
            where = report.where("year")
            message = (f"与 {seen[key].source} 同为 {report.year} 年度的年度报告数据：请检查 year"
                       "（复制上一年的文件后常忘记改年份）")
            problems.append(Problem(where.file, where.line, where.col, "year", message))
        else:
            seen[key] = report
    return problems


def _carry_over(report: AnnualReport, previous: AnnualReport) -> list[Problem]:
    problems = []
    for column, name in enumerate(layout.APPLICANT_COLUMNS):
        now = report.get(f"applications.carried_over[{column}]")
        before = previous.get(f"applications.carried_forward[{column}]")
        if now != before:
            path = f"applications.carried_over[{column}]"
            source = previous.where(f"applications.carried_forward[{column}]")
            message = (f"“{name}”一列上年结转应为 {before}，实为 {now}：应等于 {previous.year} 年报告的"
                       f"“结转下年度继续办理”（{source.file}:{source.line}:{source.col}）")
            where = report.where(path)
            problems.append(Problem(where.file, where.line, where.col, path, message))
    return problems
