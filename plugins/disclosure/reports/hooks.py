"""What the plugin calls: add the report stylesheet, and render an entry's report into its page.

The tables go where the entry's body has the comment `<!-- 年度报告表格 -->` (or
`<!-- report-tables -->`), otherwise after the body. Next to the page the build writes the chart
(`<slug>-report.svg`) and the tables as a workbook (`<slug>-report.xlsx`).
"""

from __future__ import annotations

import os

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from ..catalogue.model import Catalogue, Entry
from ..problems import ProblemsError
from .field import report_display
from .legacy import tables_for
from .load import load_report
from .model import AnnualReport
from .series import previous_report
from .views import comparison_rows

CSS = "assets/disclosure/reports.css"
MARKERS = ("<!-- 年度报告表格 -->", "<!-- report-tables -->")


def configure(config: MkDocsConfig) -> None:
    if CSS not in config.extra_css:
        config.extra_css.append(CSS)


def load_reports(catalogue: Catalogue, docs_dir: str) -> dict[str, AnnualReport]:
    """Index number → report, for every entry with `report:` (already validated)."""
    found: dict[str, AnnualReport] = {}
    for entry in catalogue.entries:
        if entry.report:
            report, problems = load_report(docs_dir, entry.report, report_display(docs_dir, entry.report))
            if problems:
                raise ProblemsError(problems)
            found[entry.index] = report  # type: ignore[assignment]
    return found


class ReportPages:
    """One build's annual reports: read on first use, rendered with the theme's templates.

    The Jinja environment is an overlay of the theme's own (`config.theme.get_env()`), so the site's
    `custom_dir` (theme_overrides/) overrides `disclosure/report.html` and `disclosure/report-table.html`
    like any other template; the overlay only adds autoescaping and strict undefined names.
    """

    def __init__(self, catalogue: Catalogue, config: MkDocsConfig) -> None:
        self.catalogue = catalogue
        self.config = config
        self._reports: dict[str, AnnualReport] | None = None
        self._env: jinja2.Environment | None = None

    @property
    def reports(self) -> dict[str, AnnualReport]:
        if self._reports is None:
            self._reports = load_reports(self.catalogue, self.config.docs_dir)
        return self._reports

    @property
    def env(self) -> jinja2.Environment:
        if self._env is None:
            self._env = self.config.theme.get_env().overlay(
                autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        return self._env

    def render(self, html: str, entry: Entry, page: Page) -> str:
        """The entry page's HTML with the report's tables and chart in place."""
        from .chart import chart_text, chart_title  # pygal takes 0.1 s to import: only for a site with annual reports

        report = self.reports[entry.index]
        previous = previous_report(report, list(self.reports.values()), self.catalogue.agency.name)
        agency = self.catalogue.agency.name
        files = _write_files(report, previous, agency, entry, page, self.config)
        tables = self.env.get_template("disclosure/report.html").render(
            report=report, previous=previous, agency=agency, tables=tables_for(report),
            comparison=comparison_rows(report, previous) if previous else None,
            chart={"src": files["svg"], "title": chart_title(report, previous), "text": chart_text(report, previous)}
            if "svg" in files else None,
            xlsx=files["xlsx"],
        )
        for marker in MARKERS:
            if marker in html:
                return html.replace(marker, tables, 1)
        return html + tables


def _write_files(report: AnnualReport, previous: AnnualReport | None, agency: str, entry: Entry,
                 page: Page, config: MkDocsConfig) -> dict[str, str]:
    folder = os.path.join(config.site_dir, os.path.dirname(page.file.dest_path))
    os.makedirs(folder, exist_ok=True)
    names = {"xlsx": f"{entry.slug}-report.xlsx"}
    comparison = comparison_rows(report, previous) if previous else None
    from .chart import chart_svg
    from .xlsx import report_workbook  # openpyxl takes 0.1 s to import: only for a site with annual reports

    contents = {"xlsx": report_workbook(report, agency, comparison)}
    if report.layout != "2009":  # the chart shows the outcome groups of the national templates
        names["svg"] = f"{entry.slug}-report.svg"
        contents["svg"] = chart_svg(report, previous)
    for kind, name in names.items():
        with open(os.path.join(folder, name), "wb") as stream:
            stream.write(contents[kind])
    return names
