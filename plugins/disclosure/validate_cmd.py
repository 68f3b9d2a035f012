"""`disclosure validate [-f mkdocs.yml]`: check the catalogue and Markdown without building."""

from __future__ import annotations

import argparse
import os
import sys

from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError

from . import xrefs
from .catalogue import load_catalogue
from .pages import read_markdown_files
from .problems import Problem, ProblemsError, display_path


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("validate", help="检查 directory.yml 和 Markdown，不生成网站")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="mkdocs.yml 的路径")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    problems = validate_project(args.config_file)
    for problem in problems:
        print(problem)
    if problems:
        print(f"共发现 {len(problems)} 个问题。", file=sys.stderr)
        return 1
    print("检查通过，没有发现问题。", file=sys.stderr)
    return 0


def validate_project(config_file: str) -> list[Problem]:
    if not os.path.isfile(config_file):
        return [Problem(config_file, 1, 1, "文件", "找不到 mkdocs.yml：请在网站根目录运行，或用 -f 指定")]
    try:
        config = load_config(config_file)
    except (ConfigurationError, SystemExit) as error:
        return [Problem(display_path(config_file), 1, 1, "文件", f"mkdocs.yml 配置有误：{error}")]
    options = config.plugins["disclosure"].config if "disclosure" in config.plugins else None
    directory = os.path.join(os.path.dirname(config.config_file_path), options.directory if options else "directory.yml")
    try:
        catalogue = load_catalogue(directory, display_path(directory), config.docs_dir)
    except ProblemsError as error:
        return error.problems
    problems: list[Problem] = []
    markdown_paths = [
        os.path.relpath(os.path.join(root, name), config.docs_dir)
        for root, _, names in os.walk(config.docs_dir) for name in sorted(names) if name.endswith(".md")
    ]
    texts = read_markdown_files(markdown_paths, config.docs_dir, problems)
    for relative_path, text in texts.items():
        problems += xrefs.check_index_links(text, display_path(os.path.join(config.docs_dir, relative_path)), catalogue)
    return sorted(problems)
