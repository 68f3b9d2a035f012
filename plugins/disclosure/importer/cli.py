"""`disclosure import FILE... [-f mkdocs.yml] [--dry-run]`: a CMS export into the catalogue, all or nothing.

Exit 0 when every row was taken (or, with --dry-run, could be), 1 when some row cannot be taken
(each printed as `<file>:<row>: <column>: <message>`, nothing written), 2 on a usage error or a file
that is not a readable table or lacks a required column.
"""

from __future__ import annotations

import argparse
import sys

from ..problems import display_path
from ..project import Project, check_project
from .categories import CategoryFinder
from .columns import is_header, map_columns, missing_required
from .rows import Draft, RowProblem, RowReader
from .tables import TableError, read_tables
from .write import PlanError, plan, write


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("import", help="导入其他系统导出的主动公开基本目录（.xlsx / .csv）")
    parser.add_argument("files", nargs="+", metavar="FILE", help="Excel 工作簿（.xlsx）或 CSV 文件")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="mkdocs.yml 的路径")
    parser.add_argument("--dry-run", action="store_true", help="只检查，不写入任何文件")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project, problems = check_project(args.config_file)
    if project is None:
        for problem in problems:
            print(problem)
        print("项目目录有错误，请先用 disclosure validate 检查并修正，再导入。", file=sys.stderr)
        return 1
    try:
        drafts, row_problems = read_drafts(project, args.files)
    except TableError as error:
        print(error, file=sys.stderr)
        return 2
    if row_problems:
        for row_problem in row_problems:
            print(row_problem)
        print(f"共有 {len(row_problems)} 处无法导入，没有写入任何文件。", file=sys.stderr)
        return 1
    return _write(project, drafts, args)


def read_drafts(project: Project, files: list[str]) -> tuple[list[Draft], list[RowProblem]]:
    """Every row of every table as a draft, or the problems of the rows that cannot be taken."""
    reader = RowReader(project.catalogue.agency, CategoryFinder(project.catalogue))
    drafts: list[Draft] = []
    problems: list[RowProblem] = []
    first: dict[str, tuple[str, str]] = {}  # index → (where, column) of the row that brought it
    for path in files:
        for table in read_tables(path, display_path(path), is_header):
            columns, unused = map_columns(table.headers)
            missing = missing_required(columns)
            if missing:
                raise TableError(f"{table.where(table.header_row)}: 缺少必需的列：{'；'.join(missing)}")
            if unused:
                print(f"{table.where(table.header_row)}: 未使用的列：{'、'.join(unused)}", file=sys.stderr)
            index_column = table.headers[columns["index"]].strip()
            for number, row in table.rows:
                draft, found = reader.read(table, columns, number, row)
                problems += found
                if draft is None:
                    continue
                problems += _duplicate(project, draft, index_column, first)
                first.setdefault(draft.index, (draft.where, index_column))
                drafts.append(draft)
    problems += _relations(project, drafts, first)
    return drafts, problems


def _duplicate(project: Project, draft: Draft, column: str, first: dict[str, tuple[str, str]]) -> list[RowProblem]:
    if draft.index in project.catalogue.by_index:
        where = project.catalogue.by_index[draft.index].pos
        return [RowProblem(draft.where, column, f"索引号 \"{draft.index}\" 已在目录中（{where.file}:{where.line}）：已导入过的行请从表中删除")]
    if draft.index in first:
        return [RowProblem(draft.where, column, f"索引号 \"{draft.index}\" 与 {first[draft.index][0]} 重复：每个条目的索引号必须唯一")]
    return []


def _relations(project: Project, drafts: list[Draft], first: dict[str, tuple[str, str]]) -> list[RowProblem]:
    problems = []
    for draft in drafts:
        target = draft.values.get("interprets")
        if target is not None and (target == draft.index or (target not in first and target not in project.catalogue.by_index)):
            problems.append(RowProblem(draft.where, "解读对象", f"未知索引号 \"{target}\"：解读对象必须是目录中或本次导入的另一个条目"))
    return problems


def _write(project: Project, drafts: list[Draft], args: argparse.Namespace) -> int:
    try:
        result = plan(project, drafts)
    except PlanError as error:
        print(error, file=sys.stderr)
        return 2
    if args.dry_run:
        print(f"检查通过：可以导入 {len(drafts)} 条（--dry-run，没有写入任何文件）。", file=sys.stderr)
        return 0
    try:
        problems = write(project, result, args.config_file)
    except OSError as error:  # nothing stays written: write() put every file back
        print(f"无法写入 {error.filename}：{error.strerror}，没有写入任何内容。", file=sys.stderr)
        return 2
    if problems:
        for problem in problems:
            print(problem)
        print("导入后的目录没有通过检查，已恢复所有文件，没有写入任何内容。", file=sys.stderr)
        return 1
    for path, count in sorted(result.added.items()):
        print(f"{display_path(path)}：新增 {count} 条")
    print(f"已导入 {len(drafts)} 条目录条目，正文 {result.bodies} 篇。", file=sys.stderr)
    return 0
