"""`disclosure validate [-f mkdocs.yml]`: check the catalogue and Markdown without building."""

from __future__ import annotations

import argparse
import os
import sys

from . import formats, xrefs
from .pages import read_markdown_files
from .problems import Problem, display_path
from .project import check_project


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("validate", help="检查 directory.yml 和 Markdown，不生成网站")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="mkdocs.yml 的路径")
    parser.add_argument("--format", choices=("text", "github", "gitlab"), default="text",
                        help="输出格式：text（默认）、github（工作流注释）、gitlab（代码质量报告 JSON）")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    warnings: list[Problem] = []
    problems = validate_project(args.config_file, warnings)
    if args.format == "text":
        for problem in problems + warnings:
            print(problem)
    else:
        findings = [formats.from_problem(p) for p in problems]
        output = formats.github(findings) if args.format == "github" else formats.gitlab(findings)
        if output:
            print(output)
    if problems:
        print(f"共发现 {len(problems)} 个问题。", file=sys.stderr)
        return 1
    noted = f"，有 {len(warnings)} 个警告（以“警告：”标出，不影响发布，请核对）" if warnings else "，没有发现问题"
    print(f"检查通过{noted}。", file=sys.stderr)
    return 0


def validate_project(config_file: str, warnings: list[Problem] | None = None) -> list[Problem]:
    """Every problem of the project; its warnings are appended to `warnings` when given."""
    project, problems = check_project(config_file)
    if project is None:
        return sorted(problems)
    if warnings is not None:
        warnings += project.warnings
    config, catalogue = project.config, project.catalogue
    markdown_paths = [
        os.path.relpath(os.path.join(root, name), config.docs_dir)
        for root, _, names in os.walk(config.docs_dir) for name in sorted(names) if name.endswith(".md")
    ]
    texts = read_markdown_files(markdown_paths, config.docs_dir, problems)
    for relative_path, text in texts.items():
        problems += xrefs.check_links(text, display_path(os.path.join(config.docs_dir, relative_path)), catalogue)
    return sorted(problems)
