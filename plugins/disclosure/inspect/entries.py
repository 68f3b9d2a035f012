"""扣分 rules over the entries: the old `disclosure report` checks (reports/compliance.py) under their
indicator ids, plus 解读 and the annual report's deadline."""

from __future__ import annotations

import dataclasses
import datetime
import re

from ..catalogue.model import Catalogue, Entry
from ..reports.compliance import Settings, check_compliance, normative_ids
from .findings import Finding
from .settings import InspectSettings, deadline_of

FROM_COMPLIANCE = {"late": "timeliness", "normative_fields": "validity_missing", "expired_in_force": "expired_in_force",
                   "duplicate_title": "duplicate_title", "miswriting": "miswriting"}
REPORT_YEAR = re.compile(r"(\d{4})\s*年度?.*年度报告")


def compliance_settings(settings: InspectSettings, today: datetime.date, links_result: str | None = None) -> Settings:
    return Settings(today=today, deadline=settings.deadline_workdays, normative=tuple(settings.normative_categories),
                    mandatory=tuple(settings.mandatory_categories), miswritings=dict(settings.miswritings),
                    links_result=links_result)


def entry_rules(catalogue: Catalogue, entries: list[Entry], as_of: datetime.date, settings: InspectSettings,
                report_years: dict[str, int]) -> list[Finding]:
    current = dataclasses.replace(catalogue, entries=tuple(entries))
    options = dataclasses.replace(compliance_settings(settings, as_of), mandatory=())  # blank columns: freshness.py
    findings = [Finding(FROM_COMPLIANCE[f.rule], f.message, pos=f.pos) for f in check_compliance(current, options)]
    findings += interpretations(current, entries, settings)
    findings += annual_reports(catalogue, entries, as_of, settings, report_years)
    return findings


def interpretations(catalogue: Catalogue, entries: list[Entry], settings: InspectSettings) -> list[Finding]:
    """Documents of the categories that need a 解读 (default: the normative ones) without one."""
    roots = settings.interpretation_categories
    if roots is None:
        ids = normative_ids(catalogue, compliance_settings(settings, datetime.date.today()))
    else:
        ids = {i for root in roots if root in catalogue.by_category for i in catalogue.subtree_ids(root)}
    explained = {e.interprets for e in entries if e.interprets}
    return [Finding("interpretation_missing", f"“{e.title}”没有对应的政策解读：请发布解读并在解读条目中写 interprets: {e.index}",
                    pos=e.pos) for e in entries if e.category in ids and e.index not in explained
            and e.validity not in ("expired", "repealed")]  # a document no longer in force needs none


def annual_reports(catalogue: Catalogue, entries: list[Entry], as_of: datetime.date, settings: InspectSettings,
                   report_years: dict[str, int]) -> list[Finding]:
    """The report on year Y is due by the deadline in Y + 1: late ones, and the latest one due but missing."""
    found: dict[int, Entry] = {}
    for entry in entries:
        year = _report_year(entry, catalogue, settings, report_years)
        if year is not None and (year not in found or found[year].date > entry.date):
            found[year] = entry
    findings = []
    for year, entry in sorted(found.items()):
        deadline = deadline_of(settings, year + 1)
        published = entry.published or entry.date
        if published > deadline:
            findings.append(Finding("annual_report_late", f"{year} 年度报告 {published} 才发布，晚于 {deadline} 的期限",
                                    pos=entry.pos_of("published" if entry.published else "date")))
    due = as_of.year - 1 if as_of >= deadline_of(settings, as_of.year) else as_of.year - 2
    if due not in found and entries and _report_categories(catalogue, settings):
        findings.append(Finding("annual_report_late", f"没有找到 {due} 年度的政府信息公开工作年度报告（应在 "
                                f"{deadline_of(settings, due + 1)} 前发布）", place=catalogue.source))
    return findings


def _report_year(entry: Entry, catalogue: Catalogue, settings: InspectSettings, report_years: dict[str, int]) -> int | None:
    if entry.index in report_years:
        return report_years[entry.index]
    match = REPORT_YEAR.search(entry.title) if entry.category in _report_categories(catalogue, settings) else None
    return int(match[1]) if match and "信息公开" in entry.title else None


def _report_categories(catalogue: Catalogue, settings: InspectSettings) -> set[str]:
    """Where annual reports are filed: the setting, or categories titled 年度报告 (with their subtrees)."""
    roots = settings.annual_report_categories or [c.id for c in catalogue.walk_categories() if "年度报告" in c.title]
    return {i for root in roots if root in catalogue.by_category for i in catalogue.subtree_ids(root)}
