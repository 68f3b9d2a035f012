"""`disclosure inspect [-f mkdocs.yml] [--as-of YYYY-MM-DD] [--format text|json|markdown|xlsx|gitlab] [-o FILE]
[--site DIR | --links-result FILE]`.

Exit 0 when no 单项否决 indicator fails, 1 when one does, 2 when the project or the options cannot be
used (the messages say why, with file:line:col).
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import sys

from ..project import Project, check_project
from ..reports.hooks import load_reports
from . import entries, freshness, site
from .findings import Finding, is_veto
from .formats import FORMATS
from .settings import InspectSettings, load_settings
from .workbook import inspection_workbook


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("inspect", help="按《政府网站与政务新媒体检查指标》自查（单项否决与扣分项）")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="mkdocs.yml 的路径")
    parser.add_argument("--as-of", type=_date, default=None, help="按这一天的状态检查（YYYY-MM-DD，默认今天）")
    parser.add_argument("--format", choices=[*FORMATS, "xlsx"], default="text", help="输出格式（默认 text）")
    parser.add_argument("-o", "--output", help="写入文件（xlsx 格式必须指定）")
    links = parser.add_mutually_exclusive_group()
    links.add_argument("--site", help="已生成的网站文件夹：检查其中的链接和页脚（默认临时生成一次）")
    links.add_argument("--links-result", help="disclosure links --format json 的输出文件：用其中的失效链接")
    parser.set_defaults(run=run)


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期 \"{text}\" 无效：请写成 YYYY-MM-DD") from None


def run(args: argparse.Namespace) -> int:
    if args.format == "xlsx" and not args.output:
        return _fail("xlsx 格式要写入文件：请加 -o 自查表.xlsx")
    project, problems = check_project(args.config_file)
    if project is None:
        return _fail("\n".join(map(str, problems)) + "\n目录或配置有错误，请先用 disclosure validate 检查并修正。")
    settings, problems = load_settings(project.config.extra or {}, args.config_file)
    if settings is None:
        return _fail("\n".join(map(str, problems)))
    as_of = args.as_of or datetime.date.today()
    try:
        findings = inspect(project, settings, as_of, args)
    except site.InspectError as error:
        return _fail(str(error))
    if args.format == "xlsx":
        with open(args.output, "wb") as stream:
            stream.write(inspection_workbook(findings, as_of, project.config.site_name))
    else:
        _write(FORMATS[args.format](findings, as_of), args.output)
    return 1 if is_veto(findings) else 0


def inspect(project: Project, settings: InspectSettings, as_of: datetime.date, args: argparse.Namespace) -> list[Finding]:
    catalogue = project.catalogue
    present = freshness.existing(catalogue, as_of)
    newest = freshness.newest_by_category(catalogue, present)
    findings = freshness.homepage(present, as_of, settings)
    findings += freshness.columns(catalogue, newest, as_of, settings)
    findings += freshness.blank_columns(catalogue, newest, settings)
    years = {index: report.year for index, report in load_reports(catalogue, project.docs_dir).items()}
    findings += entries.entry_rules(catalogue, present, as_of, settings, years)
    findings += site.undated_pages(project)
    return findings + _site_rules(project, settings, args)


def _site_rules(project: Project, settings: InspectSettings, args: argparse.Namespace) -> list[Finding]:
    result_file = args.links_result or settings.links_result
    if result_file:
        path = result_file if os.path.isabs(result_file) or args.links_result else os.path.join(project.root, result_file)
        return site.dead_links(site.read_links_result(path)) + site.footer(project, None)
    if args.site:
        if not os.path.isdir(args.site):
            raise site.InspectError(f"找不到网站文件夹 {args.site}：请先运行 mkdocs build，或检查路径")
        return site.dead_links(site.check_links(project, args.site)) + site.footer(project, args.site)
    broken, folder = site.build_and_check(args.config_file)
    try:
        return site.dead_links(broken) + site.footer(project, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _write(text: str, output: str | None) -> None:
    if output:
        with open(output, "w", encoding="utf-8") as stream:
            stream.write(text + "\n")
    else:
        print(text)


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2
