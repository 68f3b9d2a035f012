"""`disclosure report [--year Y] [--format text|json|markdown]`: compliance findings over the catalogue.

Exit 0 when no rule is broken, 1 when some is (or the catalogue is invalid), 2 on a usage error.
Site settings live in mkdocs.yml under `extra: {disclosure_report: {...}}`: `mandatory_categories`,
`normative_categories`, `miswritings`, `deadline_workdays`, `links_result`.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys

from ..catalogue import Catalogue
from ..project import check_project
from .compliance import Settings, check_compliance
from .compliance_format import FORMATS

DEFAULT_LINKS_RESULT = ".ci/links-result.json"


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("report", help="按《政府信息公开条例》检查目录：公开时限、文号、有效期、重复、错别字、失效链接")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="mkdocs.yml 的路径")
    parser.add_argument("--year", type=int, help="只检查该年份生成的条目")
    parser.add_argument("--format", choices=sorted(FORMATS), default="text", help="输出格式（默认 text）")
    parser.add_argument("--today", type=datetime.date.fromisoformat, help="按此日期判断有效期（默认今天，YYYY-MM-DD）")
    parser.add_argument("--mandatory", action="append", default=[], metavar="分类编号", help="必须有条目的分类（可重复）")
    parser.add_argument("--links-result", help=f"disclosure links --format json 的输出文件（默认 {DEFAULT_LINKS_RESULT}，存在时读取）")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    loaded = _load(args.config_file)
    if isinstance(loaded, str):
        print(loaded, file=sys.stderr)
        return 1
    catalogue, extra, root = loaded
    settings = _settings(args, extra, root)
    findings = check_compliance(catalogue, settings)
    entries = sum(1 for e in catalogue.entries if args.year is None or e.year == args.year)
    print(FORMATS[args.format](findings, settings, entries, catalogue.source))
    return 1 if findings else 0


def _load(config_file: str) -> tuple[Catalogue, dict, str] | str:
    """(catalogue, extra.disclosure_report, project root), or a message saying why not."""
    project, problems = check_project(config_file)
    if project is None:
        return "\n".join(map(str, problems)) + "\n目录有错误，请先用 disclosure validate 检查并修正。"
    extra = (project.config.extra or {}).get("disclosure_report") or {}
    return project.catalogue, extra if isinstance(extra, dict) else {}, project.root


def _settings(args: argparse.Namespace, extra: dict, root: str) -> Settings:
    links = args.links_result or os.path.join(root, str(extra.get("links_result") or DEFAULT_LINKS_RESULT))
    return Settings(
        year=args.year, today=args.today or datetime.date.today(),
        deadline=int(extra.get("deadline_workdays") or 20),
        normative=tuple(str(i) for i in extra.get("normative_categories") or ()),
        mandatory=tuple(str(i) for i in (extra.get("mandatory_categories") or [])) + tuple(args.mandatory),
        miswritings={str(k): str(v) for k, v in (extra.get("miswritings") or {}).items()},
        links_result=links,
    )
