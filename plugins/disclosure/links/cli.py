"""`disclosure links SITE_DIR [--format text|json|github] [--external]`: check a built site for dead links."""

from __future__ import annotations

import argparse
import os
import re
import sys

from ..forks import cores
from .check import CheckResult, check_site
from .project import find_config, load_project
from .report import format_result, summary
from .sources import SourceLocator


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("links", help="检查已生成网站中的失效链接")
    parser.add_argument("site_dir", metavar="SITE_DIR", help="已生成网站的文件夹，例如 site")
    parser.add_argument("--format", choices=("text", "json", "github", "gitlab"), default="text",
                        help="输出格式：text、json、github（工作流注释）、gitlab（代码质量报告 JSON）")
    parser.add_argument("--external", action="store_true", help="同时检查指向其他网站的链接（需要联网）")
    parser.add_argument("-f", "--config-file", default=None, help="mkdocs.yml 的路径（用于定位出错的源文件）")
    parser.add_argument("--site-url", default=None, help="网站地址（默认取 mkdocs.yml 的 site_url）")
    parser.add_argument("--ignore", action="append", default=[], metavar="REGEX", help="不检查匹配此正则的外部链接")
    parser.add_argument("--cache", default=".cache/disclosure-links.json", help="外部链接检查结果的缓存文件")
    parser.add_argument("--cache-ttl", type=float, default=24.0, help="缓存有效期（小时）")
    parser.add_argument("--timeout", type=float, default=10.0, help="外部链接的超时时间（秒）")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not os.path.isdir(args.site_dir):
        print(f"找不到网站文件夹 {args.site_dir}：请先运行 mkdocs build，或检查路径", file=sys.stderr)
        return 2
    bad = next((pattern for pattern in args.ignore if not _is_regex(pattern)), None)
    if bad is not None:
        print(f"--ignore 的正则表达式有误：{bad}", file=sys.stderr)
        return 2
    config_file = find_config(args.site_dir, args.config_file)
    if args.config_file and config_file is None:
        print(f"找不到配置文件 {args.config_file}", file=sys.stderr)
        return 2
    project = load_project(config_file) if config_file else None
    site_url = args.site_url or (project.site_url if project else None)
    locator = SourceLocator(project) if project else None
    result = check_site(args.site_dir, site_url, external=args.external, locator=locator, workers=cores())
    if args.external:
        _check_external(result, args, locator)
    print(format_result(result, args.format))
    if args.format == "gitlab":
        print(summary(result), file=sys.stderr)
    return 1 if result.broken else 0


def _is_regex(pattern: str) -> bool:
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True


def _check_external(result: CheckResult, args: argparse.Namespace, locator: SourceLocator | None) -> None:
    from .external import ExternalChecker, ExternalOptions

    options = ExternalOptions(timeout=args.timeout, ignore=args.ignore, cache_file=args.cache,
                              cache_ttl=args.cache_ttl * 3600, progress=sys.stderr.isatty())
    ExternalChecker(options).check_into(result, locator)
