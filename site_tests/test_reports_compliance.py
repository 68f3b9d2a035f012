"""`disclosure report`: compliance findings on a seeded catalogue, positions and exit codes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from conftest import MINIMAL_MKDOCS, SMALL_CATALOGUE, SMALL_FILES, run, write_project

SEEDED = SMALL_CATALOGUE.replace("  - id: plans\n", "  - id: annual\n    title: 年度报告\n  - id: plans\n") + """\
  - index: 11440100MB2C00000X/2024-00001
    title: 国庆前生成、假期后按时公开的通知
    category: plans
    publisher: 办公室
    date: 2024-09-27
    published: 2024-10-30
    link: https://www.example.gov.cn/b.html
  - index: 11440100MB2C00000X/2024-00002
    title: 国庆前生成、公开晚了一天的通知
    category: plans
    publisher: 办公室
    date: 2024-09-27
    published: 2024-10-31
    link: https://www.example.gov.cn/c.html
  - index: 11440100MB2C00000X/2024-00003
    title: 关于印发示例数据安全规定的通知
    category: normative
    publisher: 办公室
    date: 2024-03-01
    published: 2024-03-29
    validity: in_force
    valid_until: 2024-06-30
    summary: 截止目前已有十个部门接入。
    link: https://www.example.gov.cn/d.html
  - index: 11440100MB2C00000X/2024-00004
    title: 国庆前生成、公开晚了一天的通知
    category: plans
    publisher: 办公室
    date: 2024-11-01
    link: https://www.example.gov.cn/e.html
"""
MKDOCS = MINIMAL_MKDOCS + "extra:\n  disclosure_report:\n    mandatory_categories: [annual]\n    miswritings: {示例错字: 示例正字}\n"
LINKS = {"pages": 3, "links": 9, "broken": [
    {"page": "gkml/11440100MB2C00000X-2024-00001/index.html", "url": "../x/", "reason": "页面不存在", "source": None},
]}


def line_of(text: str, needle: str, after: str = "") -> int:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i in range(start, len(lines)) if needle in lines[i]) + 1


def report(tmp_path: Path, *args: str, directory: str = SEEDED, links: dict | None = None, mkdocs: str = MKDOCS):
    files = {"mkdocs.yml": mkdocs, "directory.yml": directory, **SMALL_FILES}
    if links is not None:
        files[".ci/links-result.json"] = json.dumps(links, ensure_ascii=False)
    write_project(tmp_path, files)
    return run([sys.executable, "-m", "disclosure.cli", "report", "--today", "2025-01-01", *args], tmp_path)


def test_seeded_findings_in_text(tmp_path):
    result = report(tmp_path, "--year", "2024", links=LINKS)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    late_line = line_of(SEEDED, "published: 2024-10-31")
    assert (f"directory.yml:{late_line}:16: 11440100MB2C00000X/2024-00002: [公开不及时] "
            "上网公开日期 2024-10-31 比生成日期 2024-09-27 晚 21 个工作日") in result.stdout
    assert not any("2024-00001: [公开不及时]" in line for line in lines)  # 20 working days with the holiday
    assert not any("2024-00003: [公开不及时]" in line for line in lines)
    normative = line_of(SEEDED, "- index: 11440100MB2C00000X/2024-00003")
    assert any(line.startswith(f"directory.yml:{normative}:5: 11440100MB2C00000X/2024-00003: [规范性文件缺少文号或有效性]")
               and "文号（doc_number）" in line for line in lines)
    validity = line_of(SEEDED, "validity: in_force", after="2024-00003")
    assert f"directory.yml:{validity}:15: 11440100MB2C00000X/2024-00003: [超过有效期仍标为有效]" in result.stdout
    assert "[必须公开的栏目为空] 必须公开的栏目“年度报告”（annual）2024 年没有任何条目" in result.stdout
    duplicate = line_of(SEEDED, "title: 国庆前生成、公开晚了一天的通知", after="2024-00004")
    assert f"directory.yml:{duplicate}:12: 11440100MB2C00000X/2024-00004: [标题重复]" in result.stdout
    summary = line_of(SEEDED, "summary: 截止目前")
    assert f"directory.yml:{summary}:14: 11440100MB2C00000X/2024-00003: [错别字] 内容概述中的“截止目前”应为“截至目前”" in result.stdout
    assert "[失效链接] 页面 gkml/11440100MB2C00000X-2024-00001/index.html 中的链接 ../x/ 失效" in result.stdout
    assert lines[-1].startswith("检查了 2024 年的 4 个条目，发现 7 个问题")


def test_json_and_markdown(tmp_path):
    result = report(tmp_path, "--year", "2024", "--format", "json")
    data = json.loads(result.stdout)
    assert result.returncode == 1 and data["ok"] is False and data["entries"] == 4
    assert data["counts"]["late"] == 1 and data["counts"]["dead_link"] == 0  # no link result file
    late = next(f for f in data["findings"] if f["rule"] == "late")
    assert (late["file"], late["line"], late["index"]) == ("directory.yml", line_of(SEEDED, "published: 2024-10-31"),
                                                           "11440100MB2C00000X/2024-00002")
    markdown = report(tmp_path, "--year", "2024", "--format", "markdown").stdout
    assert markdown.startswith("# 政府信息公开合规检查（2024 年）")
    assert "| 公开不及时 | 1 |" in markdown and "## 错别字（1）" in markdown


def test_clean_year_exits_zero_and_broken_catalogue_exits_one(tmp_path):
    result = report(tmp_path, "--year", "2021", "--mandatory", "normative", mkdocs=MINIMAL_MKDOCS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "没有发现问题" in result.stdout
    broken = report(tmp_path, directory=SEEDED.replace("category: plans", "category: plan", 1))
    assert broken.returncode == 1 and "未知分类 \"plan\"" in broken.stderr and "Traceback" not in broken.stderr
    usage = report(tmp_path, "--format", "pdf")
    assert usage.returncode == 2
