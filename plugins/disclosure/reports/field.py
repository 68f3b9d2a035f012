"""The `report:` field of a directory.yml entry: checked while the catalogue is validated."""

from __future__ import annotations

import os

from ..catalogue.model import Pos
from ..problems import Problem, display_path
from .load import load_report


def report_display(docs_dir: str, content_path: str) -> str:
    return display_path(os.path.join(docs_dir, content_path))


def check_report_field(docs_dir: str, content_path: str, where: Pos, path: str) -> list[Problem]:
    """Problems of the report file named at `where`; the file's own problems carry its positions."""
    if not content_path.endswith((".yml", ".yaml")):
        message = f"年度报告数据 \"{content_path}\" 应是 YAML 文件（.yml）；报告的文字部分请写在 body 里"
        return [Problem(where.file, where.line, where.col, path, message)]
    _, problems = load_report(docs_dir, content_path, report_display(docs_dir, content_path))
    return problems
