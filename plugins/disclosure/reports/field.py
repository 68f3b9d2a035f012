"""The `report:` field of directory.yml entries: checked after the catalogue is validated."""

from __future__ import annotations

import os

from ..catalogue.model import Catalogue
from ..problems import Pos, Problem, display_path
from .load import load_report
from .model import AnnualReport
from .series import check_series


def report_display(docs_dir: str, content_path: str) -> str:
    return display_path(os.path.join(docs_dir, content_path))


def check_report_field(docs_dir: str, content_path: str, where: Pos, path: str) -> tuple[AnnualReport | None, list[Problem]]:
    """The report file named at `where` and its problems; the file's own problems carry its positions."""
    if not content_path.endswith((".yml", ".yaml")):
        message = f"年度报告数据 \"{content_path}\" 应是 YAML 文件（.yml）；报告的文字部分请写在 body 里"
        return None, [Problem(where.file, where.line, where.col, path, message)]
    return load_report(docs_dir, content_path, report_display(docs_dir, content_path))


def check_reports(catalogue: Catalogue, docs_dir: str) -> list[Problem]:
    """Every problem of the catalogue's report files, then the checks between consecutive years."""
    problems: list[Problem] = []
    reports: list[AnnualReport] = []
    for entry in catalogue.entries:
        if entry.report:
            report, found = check_report_field(docs_dir, entry.report, entry.pos_of("report"), "report")
            problems += found
            reports += [report] if report is not None else []
    return problems + check_series(reports, catalogue.agency.name)
