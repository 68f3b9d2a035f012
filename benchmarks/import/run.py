"""Benchmarks of issue 15: `disclosure import` of an N-row workbook (compared with `mkdocs build` of the
same entries), and `disclosure validate` of M entries spread over per-year included files.

    python benchmarks/import/run.py [--rows 10000] [--validate 100000] [--no-build] [--out DIR]

Writes the "## Import and included files" section of benchmarks/RESULTS.md (machine, date, commit,
load average, commands). Projects are generated under --out (default benchmarks/out/import).
"""

from __future__ import annotations

import argparse
import datetime
import os
import resource
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "build"))
from generate import AGENCY_CODE, AGENCY_NAME, YEARS, categories_tree, make_entries, write  # noqa: E402
from results_md import write_section  # noqa: E402

HEADING = "## Import and included files"
HEADER = ["序号", "索引号", "信息名称", "发文机关", "成文日期", "主题分类", "文号", "有效性", "关键词", "摘要", "网址", "正文"]
VALIDITY = {"in_force": "有效", "expired": "失效", "repealed": "废止"}


def head_yaml(entries_key: str) -> str:
    tree, _ = categories_tree()
    lines = ["agency:", f"  name: {AGENCY_NAME}", f'  code: "{AGENCY_CODE}"', "categories:"]
    for root in tree:
        lines += [f"  - id: {root['id']}", f"    title: {root['title']}", "    children:"]
        lines += [f"      - {{id: {kid['id']}, title: {kid['title']}}}" for kid in root["children"]]
    return "\n".join(lines) + "\n" + entries_key


def empty_project(root: str) -> None:
    shutil.rmtree(root, ignore_errors=True)
    write(os.path.join(root, "mkdocs.yml"),
          "site_name: 示例\ndocs_dir: content\ntheme: {name: material, language: zh}\nplugins: [search, disclosure]\n")
    write(os.path.join(root, "content", "index.md"), "# 首页\n\n见[政府信息公开目录](gkml/index.md)。\n")
    write(os.path.join(root, "directory.yml"), head_yaml("entries: []\n"))


def workbook(entries: list[dict], path: str) -> None:
    """A CMS-like export: a title row, Chinese headers, real date cells, HTML bodies with a script."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("主动公开基本目录")
    sheet.append([f"{AGENCY_NAME} 主动公开基本目录"])
    sheet.append(HEADER)
    for number, e in enumerate(entries, 1):
        body = "".join(f"<p style=\"text-indent:2em\">　　{p}</p>" for p in e["paragraphs"]) + "<script>pv()</script>"
        sheet.append([number, e["index"], e["title"], e["publisher"], datetime.date.fromisoformat(e["date"]),
                      e["category_title"], e.get("doc_number", ""), VALIDITY.get(e.get("validity"), ""),
                      "、".join(e["keywords"]), e["summary"], f"/art/{e['year']}/{e['seq']}.html", body])
    book.save(path)


def split_project(entries: list[dict], root: str) -> None:
    """M entries (link only) in catalogue/<year>.yml, directory.yml with agency, categories and include."""
    shutil.rmtree(root, ignore_errors=True)
    write(os.path.join(root, "mkdocs.yml"),
          "site_name: 示例\ndocs_dir: content\ntheme: {name: material, language: zh}\nplugins: [search, disclosure]\n")
    write(os.path.join(root, "content", "index.md"), "# 首页\n")
    write(os.path.join(root, "directory.yml"), head_yaml("include: [catalogue/*.yml]\n"))
    by_year: dict[int, list[str]] = {}
    for e in entries:
        lines = [f"  - index: {e['index']}", f"    title: \"{e['title']}\"", f"    category: {e['category']}",
                 f"    publisher: {e['publisher']}", f"    date: {e['date']}", f"    keywords: [{', '.join(e['keywords'])}]",
                 f"    summary: \"{e['summary']}\"", f"    link: https://www.example.gov.cn/art/{e['year']}/{e['seq']}.html"]
        if "validity" in e:
            lines.append(f"    validity: {e['validity']}")
        by_year.setdefault(e["year"], []).append("\n".join(lines))
    for year, items in by_year.items():
        write(os.path.join(root, "catalogue", f"{year}.yml"), "entries:\n" + "\n".join(items) + "\n")


def timed(args: list[str], cwd: str) -> tuple[float, float, subprocess.CompletedProcess]:
    """(wall s, cpu s of the child) for one command."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return wall, cpu, result


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    return f"{os.cpu_count()} cores ({cpu}), Python {sys.version.split()[0]}, shared with other concurrent work"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--validate", type=int, default=100_000)
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(HERE), "out", "import"))
    args = parser.parse_args()
    rows = []
    entries = make_entries(args.rows)
    project = os.path.join(args.out, "imported")
    empty_project(project)
    book = os.path.join(args.out, f"export-{args.rows}.xlsx")
    workbook(entries, book)
    load = os.getloadavg()
    wall, cpu, _ = timed([sys.executable, "-m", "disclosure.cli", "import", book, "--dry-run"], project)
    rows.append((f"`disclosure import` --dry-run, {args.rows:,}-row .xlsx (HTML bodies)", wall, cpu, load))
    load = os.getloadavg()
    wall, cpu, _ = timed([sys.executable, "-m", "disclosure.cli", "import", book], project)
    rows.append((f"`disclosure import`, {args.rows:,}-row .xlsx → {len(YEARS)} year files + {args.rows:,} bodies", wall, cpu, load))
    if not args.no_build:
        load = os.getloadavg()
        wall, cpu, _ = timed([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"], project)
        rows.append((f"`mkdocs build` of the imported {args.rows:,} entries", wall, cpu, load))
    split = os.path.join(args.out, "split")
    split_project(make_entries(args.validate), split)
    load = os.getloadavg()
    wall, cpu, _ = timed([sys.executable, "-m", "disclosure.cli", "validate"], split)
    rows.append((f"`disclosure validate`, {args.validate:,} entries in {len(YEARS)} `catalogue/<year>.yml` files", wall, cpu, load))
    report(args, rows)


def report(args: argparse.Namespace, rows: list) -> None:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE).stdout.strip()
    lines = [HEADING, "", f"- Machine: {machine()}.",
             f"- Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; commit {commit}.",
             f"- Rerun: `python benchmarks/import/run.py --rows {args.rows} --validate {args.validate}"
             f"{' --no-build' if args.no_build else ''}` (projects under `benchmarks/out/import/`).",
             "- Each command is one process; cpu = user+sys of that process (steadier than wall on this shared machine).",
             "", "| command | wall s | cpu s | load average (1/5/15 min) before |", "|---|---|---|---|"]
    lines += [f"| {name} | {wall:.1f} | {cpu:.1f} | {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} |" for name, wall, cpu, load in rows]
    write_section(HEADING, "\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
