"""`disclosure report [--year Y] [--format text|json|markdown]`: compliance findings over the catalogue.

Exit 0 when no rule is broken, 1 when some is (or the catalogue is invalid), 2 on a usage error, a
wrong setting or a `--links-result` file that does not exist. The settings are those of `disclosure
inspect` (inspect/settings.py: `extra: disclosure_inspect:` or the older `disclosure_report:`), checked
with Chinese messages naming mkdocs.yml. `disclosure inspect` runs these rules too, under the national
indicator ids; this command stays for CI jobs that call it.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import os
import sys

from ..inspect.entries import compliance_settings
from ..inspect.settings import load_settings
from ..project import check_project
from .compliance import check_compliance
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
    project, problems = check_project(args.config_file)
    if project is None:
        print("\n".join(map(str, problems)) + "\n目录有错误，请先用 disclosure validate 检查并修正。", file=sys.stderr)
        return 1
    loaded, problems = load_settings(project.config.extra or {}, args.config_file)
    if loaded is None:
        print("\n".join(map(str, problems)), file=sys.stderr)
        return 2
    links = args.links_result or loaded.links_result
    if links and not os.path.isfile(links if os.path.isabs(links) or args.links_result else os.path.join(project.root, links)):
        print(f"找不到链接检查结果 {links}：请先运行 disclosure links SITE_DIR --format json > {links}，或检查路径", file=sys.stderr)
        return 2
    links = (links if os.path.isabs(links) or args.links_result else os.path.join(project.root, links)) if links \
        else os.path.join(project.root, DEFAULT_LINKS_RESULT)  # the default is read when it exists
    settings = dataclasses.replace(compliance_settings(loaded, args.today or datetime.date.today(), links), year=args.year,
                                   mandatory=tuple(loaded.mandatory_categories) + tuple(args.mandatory))
    catalogue = project.catalogue
    findings = check_compliance(catalogue, settings)
    entries = sum(1 for e in catalogue.entries if args.year is None or e.year == args.year)
    print(FORMATS[args.format](findings, settings, entries, catalogue.source))
    return 1 if findings else 0
