"""`disclosure import` as SPEC fixes it: CSV in any encoding, workbooks with date cells and several sheets,
every bad row listed and nothing written, exit codes 0/1/2, never a traceback; the editors' example export."""

import datetime
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from conftest import MINIMAL_MKDOCS, REPO, SMALL_CATALOGUE, SMALL_FILES, run, write_project

HEAD = ["索引号", "信息名称", "发文机关", "成文日期", "主题分类", "文号", "有效性", "关键词", "摘要", "原文链接", "正文"]
GOOD = ["11440100MB2C00000X/2022-00001", "示例市数据安全管理办法", "政策法规处", "2022年5月6日", "规范性文件", "示数管规〔2022〕2号",
        "有效", "数据安全、管理", "规范数据安全管理。", "", "<p>　　第一条 为了保障数据安全，制定本办法。</p><script>x()</script>"]
LINK_ONLY = ["11440100MB2C00000X/2021-00005", "示例市数据发展年报", "规划科", "2021/12/30", "规划计划", "", "", "", "", "https://www.example.gov.cn/nb.html", ""]


def project(tmp_path, **files):
    write_project(tmp_path, {"mkdocs.yml": MINIMAL_MKDOCS, **SMALL_FILES, "directory.yml": SMALL_CATALOGUE, **files})


def csv_bytes(rows, encoding="utf-8-sig") -> bytes:
    return "\n".join(",".join(f'"{c}"' if "," in c else c for c in row) for row in rows).encode(encoding) + b"\n"


def import_(tmp_path, *args):
    return run([sys.executable, "-m", "disclosure.cli", "import", *args], tmp_path)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_csv_in_each_encoding_goes_into_a_year_file_and_body(tmp_path, encoding):
    project(tmp_path, **{"export.csv": csv_bytes([HEAD, GOOD, LINK_ONLY], encoding)})
    result = import_(tmp_path, "export.csv")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == ["catalogue/2021.yml：新增 1 条", "catalogue/2022.yml：新增 1 条"]
    assert (tmp_path / "directory.yml").read_text(encoding="utf-8").endswith("include:\n  - catalogue/*.yml\n")
    year = (tmp_path / "catalogue/2022.yml").read_text(encoding="utf-8")
    assert "  - index: 11440100MB2C00000X/2022-00001\n    title: 示例市数据安全管理办法\n    category: normative\n" in year
    assert "    date: 2022-05-06\n    doc_number: 示数管规〔2022〕2号\n    validity: in_force\n    keywords: [数据安全, 管理]\n" in year
    assert (tmp_path / "content/gkml/2022/00001.md").read_text(encoding="utf-8") == "第一条 为了保障数据安全，制定本办法。\n"
    assert run([sys.executable, "-m", "disclosure.cli", "validate"], tmp_path).returncode == 0


def test_workbook_with_title_row_date_cells_and_two_sheets(tmp_path):
    workbook = Workbook()
    first = workbook.active
    first.title = "2022年"
    first.append(["示例市数据管理局 主动公开基本目录"])
    first.append(HEAD)
    first.append([datetime.date(2022, 5, 6) if c == "2022年5月6日" else c for c in GOOD])
    second = workbook.create_sheet("2021年")
    second.append(HEAD)
    second.append([datetime.datetime(2021, 12, 30) if c == "2021/12/30" else c for c in LINK_ONLY])
    workbook.save(tmp_path / "export.xlsx")
    project(tmp_path)
    result = import_(tmp_path, "export.xlsx")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "    date: 2021-12-30\n" in (tmp_path / "catalogue/2021.yml").read_text(encoding="utf-8")


def test_every_bad_row_is_listed_and_nothing_is_written(tmp_path):
    bad_date = [*GOOD[:3], "2022-02-30", *GOOD[4:]]
    unknown = [LINK_ONLY[0].replace("00005", "00006"), *LINK_ONLY[1:4], "不存在的分类", *LINK_ONLY[5:]]
    no_content = [LINK_ONLY[0].replace("00005", "00007"), *LINK_ONLY[1:9], "/art/2021/nb.html", ""]
    taken = ["11440100MB2C00000X/2021-00001", *LINK_ONLY[1:]]
    project(tmp_path, **{"export.csv": csv_bytes([HEAD, bad_date, unknown, no_content, taken, LINK_ONLY, LINK_ONLY])})
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = import_(tmp_path, "export.csv")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [
        'export.csv:2: 成文日期: 日期 "2022-02-30" 不存在：请写一个真实的日期',
        'export.csv:3: 主题分类: 未知分类 "不存在的分类"：请用 directory.yml 中的分类名称，如 规范性文件、规划计划',
        "export.csv:4: 正文、原文链接: 条目需要正文，或以 http:// 或 https:// 开头的原文链接（网址）",
        'export.csv:5: 索引号: 索引号 "11440100MB2C00000X/2021-00001" 已在目录中（directory.yml:14）：已导入过的行请从表中删除',
        'export.csv:7: 索引号: 索引号 "11440100MB2C00000X/2021-00005" 与 export.csv:6 重复：每个条目的索引号必须唯一',
    ]
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_dry_run_checks_only(tmp_path):
    project(tmp_path, **{"export.csv": csv_bytes([HEAD, GOOD])})
    result = import_(tmp_path, "export.csv", "--dry-run")
    assert result.returncode == 0 and "可以导入 1 条" in result.stderr and not (tmp_path / "catalogue").exists()


@pytest.mark.parametrize("name, content, message", [
    ("export.csv", csv_bytes([["索引号", "标题", "日期", "分类"], LINK_ONLY[:4]]), "export.csv:1: 缺少必需的列：发布机构（或 发文机关"),
    ("export.csv", csv_bytes([["a", "b"], ["1", "2"]]), "export.csv: 没有找到表头"),
    ("export.xlsx", b"PK\x03\x04 not really a workbook", "export.xlsx: 无法作为 Excel 工作簿（.xlsx）打开"),
    ("export.xls", b"\xd0\xcf\x11\xe0", "export.xls: 这是旧版 Excel（.xls）文件"),
    ("export.pdf", b"%PDF-1.4", "export.pdf: 不是表格文件"),
])
def test_files_that_are_not_a_usable_table_exit_two(tmp_path, name, content, message):
    project(tmp_path, **{name: content})
    result = import_(tmp_path, name)
    assert result.returncode == 2 and result.stderr.startswith(message) and "Traceback" not in result.stderr


def test_usage_errors_exit_two(tmp_path):
    project(tmp_path)
    assert import_(tmp_path).returncode == 2
    assert import_(tmp_path, "missing.csv").returncode == 2


def test_the_editors_example_export_imports_into_the_demo(tmp_path):
    for name in ("content", "catalogue", "theme_overrides"):
        write_project(tmp_path, {str(p.relative_to(REPO)): p.read_bytes() for p in (REPO / name).rglob("*") if p.is_file()})
    write_project(tmp_path, {name: (REPO / name).read_bytes() for name in ("mkdocs.yml", "directory.yml")})
    example = Path("content/files/bianji/旧系统导出示例.csv")
    result = import_(tmp_path, str(example))
    assert result.returncode == 0, result.stdout + result.stderr
    body = (tmp_path / "content/gkml/2018/00001.md").read_text(encoding="utf-8")
    assert "| 目录要素 | 是否必填 |" in body and "pv" not in body and "style" not in body
    built = run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "site")], tmp_path)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "目录要素" in (tmp_path / "site/gkml/11440100MB2C00000X-2018-00001/index.html").read_text(encoding="utf-8")
