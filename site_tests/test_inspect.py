"""`disclosure inspect`: the national indicators on seeded catalogues, as of a day; exit codes and formats."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from conftest import MINIMAL_MKDOCS, REPO, run, write_project
from openpyxl import load_workbook

SMALL_FILES = {"content/index.md": "# 首页\n"}
AGENCY = """\
agency:
  name: 示例市数据管理局
  code: "11440100MB2C00000X"
  site_code: "0000000000"
  icp: 示ICP备00000000号-1
  police_record: 示公网安备44010002000001号
"""


def catalogue(categories: list[tuple[str, int | None]], entries: list[tuple[str, str, str]], head: str = AGENCY) -> str:
    """categories: (id, update_within); entries: (sequence, category, date)."""
    lines = [head, "categories:"]
    for category_id, days in categories:
        lines.append(f"  - {{id: {category_id}, title: 栏目{category_id}" + (f", update_within: {days}}}" if days else "}"))
    lines.append("entries:")
    for sequence, category_id, date in entries:
        lines += [f"  - index: 11440100MB2C00000X/{date[:4]}-{sequence}", f"    title: 信息{sequence}", f"    category: {category_id}",
                  "    publisher: 办公室", f"    date: {date}", "    link: https://www.example.gov.cn/a.html"]
    return "\n".join(lines) + "\n"


def inspect(root: Path, *args: str, directory: str | None = None, mkdocs: str = MINIMAL_MKDOCS, links: dict | None = None):
    files: dict[str, str] = {"mkdocs.yml": mkdocs, **SMALL_FILES}
    if directory is not None:
        files["directory.yml"] = directory
    files["links.json"] = json.dumps(links or {"pages": 1, "links": 0, "broken": []})
    write_project(root, files)
    return run([sys.executable, "-m", "disclosure.cli", "inspect", *args], root)


def findings(result) -> list[dict]:
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)["findings"]


FRESH = [("a", 14), ("b", 14), ("c", 14), ("d", 14), ("e", 14), ("f", None)]


@pytest.mark.parametrize("stale, veto", [(4, False), (5, True)])
def test_stale_columns_are_findings_and_five_are_a_veto(tmp_path, stale, veto):
    entries = [(f"0000{i}", cid, "2025-01-01" if i <= stale else "2025-03-10") for i, (cid, _) in enumerate(FRESH[:5], 1)]
    entries.append(("00009", "f", "2025-03-14"))
    result = inspect(tmp_path, "--as-of", "2025-03-15", "--format", "json", "--links-result", "links.json",
                     directory=catalogue(FRESH, entries))
    found = [f for f in findings(result) if f["indicator"] == "column_not_updated"]
    assert len(found) == stale and all(f["veto"] is veto for f in found)
    assert found[0]["where"] == "directory.yml:9" and "已 73 天未更新，超过更新周期 14 天" in found[0]["message"]
    assert result.returncode == (1 if veto else 0)
    assert json.loads(result.stdout)["veto"] is veto and json.loads(result.stdout)["as_of"] == "2025-03-15"


@pytest.mark.parametrize("blank, veto", [(4, False), (5, True)])
def test_blank_columns(tmp_path, blank, veto):
    categories = [(f"c{i}", None) for i in range(6)]
    entries = [(f"0000{i}", f"c{i}", "2025-03-10") for i in range(blank, 6)]
    result = inspect(tmp_path, "--as-of", "2025-03-15", "--format", "json", "--links-result", "links.json",
                     directory=catalogue(categories, entries))
    found = [f for f in findings(result) if f["indicator"] == "blank_column"]
    assert [f["veto"] for f in found] == [veto] * blank
    assert "栏目“栏目c0”（c0）没有任何信息" in found[0]["message"]


def test_as_of_a_day_later_entries_do_not_exist_and_the_home_page_goes_stale(tmp_path):
    directory = catalogue([("a", 180)], [("00001", "a", "2025-01-02"), ("00002", "a", "2025-03-01")])
    early = findings(inspect(tmp_path, "--as-of", "2025-01-10", "--format", "json", "--links-result", "links.json", directory=directory))
    assert early == []  # 2025-03-01 does not exist yet; 8 days since the newest
    result = inspect(tmp_path, "--as-of", "2025-01-20", "--format", "json", "--links-result", "links.json", directory=directory)
    home = [f for f in findings(result) if f["indicator"] == "homepage_not_updated"]
    assert result.returncode == 1 and home[0]["veto"] is True and "最新一条信息是 2025-01-02" in home[0]["message"]
    assert home[0]["where"] == "index.html"


def test_dead_links_home_page_and_other_pages_apart(tmp_path):
    links = {"pages": 3, "links": 9, "broken": [
        {"page": "index.html", "url": "x.html", "reason": "页面不存在", "source": "content/index.md:3"},
        {"page": "gkml/a/index.html", "url": "../b/", "reason": "页面不存在", "source": None}]}
    result = inspect(tmp_path, "--as-of", "2025-03-15", "--format", "json", "--links-result", "links.json",
                     directory=catalogue([("a", None)], [("00001", "a", "2025-03-10")]), links=links)
    dead = [f for f in findings(result) if f["indicator"] == "dead_link"]
    assert [(f["where"], f["message"].split(" ")[0], f["veto"]) for f in dead] == [
        ("content/index.md:3", "首页", False), ("gkml/a/index.html", "其他页面", False)]
    markdown = inspect(tmp_path, "--as-of", "2025-03-15", "--format", "markdown", "--links-result", "links.json",
                       directory=catalogue([("a", None)], [("00001", "a", "2025-03-10")]), links=links).stdout
    assert "| 可用性：不可用链接 | 首页和其他页面的不可用链接（分开计数） | 首页 1 个，其他页面 1 个 | 否 |" in markdown


def test_settings_are_checked_with_chinese_messages_naming_mkdocs_yml(tmp_path):
    mkdocs = MINIMAL_MKDOCS + "extra:\n  disclosure_report:\n    deadline_workdays: abc\n    miswritings: 其它\n    normative_categories: normative\n"
    directory = catalogue([("a", None)], [("00001", "a", "2025-03-10")])
    for command in ("inspect", "report"):
        write_project(tmp_path, {"mkdocs.yml": mkdocs, "directory.yml": directory, **SMALL_FILES})
        result = run([sys.executable, "-m", "disclosure.cli", command], tmp_path)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert "mkdocs.yml:7:24: extra.disclosure_report.deadline_workdays: 应为正整数，如 20，实为 'abc'" in result.stderr
        assert "mkdocs.yml:8:18: extra.disclosure_report.miswritings: 应写成“错字: 正字”形式的键值对" in result.stderr
        assert "mkdocs.yml:9:27: extra.disclosure_report.normative_categories: 应写成列表" in result.stderr


def test_a_missing_links_result_is_an_error(tmp_path):
    directory = catalogue([("a", None)], [("00001", "a", "2025-03-10")])
    for command in ("inspect", "report"):
        result = inspect(tmp_path, "--links-result", "missing.json", directory=directory) if command == "inspect" else \
            run([sys.executable, "-m", "disclosure.cli", "report", "--links-result", "missing.json"], tmp_path)
        assert result.returncode == 2 and "找不到链接检查结果 missing.json" in result.stderr, command


LATE = """\
  - index: 11440100MB2C00000X/2024-00001
    title: 国庆前生成、公开晚了一天的通知
    category: normative
    publisher: 办公室
    date: 2024-09-27
    published: 2024-10-31
    doc_number: 示例〔2024〕1号
    validity: in_force
    summary: 其它部门也应执行。示例错字在此。
    link: https://www.example.gov.cn/b.html
"""


@pytest.mark.parametrize("command", ["inspect", "report"])
def test_deadline_workdays_and_miswritings_settings_take_effect(tmp_path, command):
    """21 working days late: a finding with the default 20, none with deadline_workdays: 21; a site's own miswriting is found."""
    directory = catalogue([("normative", None)], []) + LATE
    args = ["--as-of", "2024-11-05", "--format", "json", "--links-result", "links.json"] if command == "inspect" else ["--format", "json"]
    texts = {}
    for days in (None, 21):
        setting = f"    deadline_workdays: {days}\n" if days else ""
        mkdocs = MINIMAL_MKDOCS + f"extra:\n  disclosure_inspect:\n{setting}    miswritings: {{示例错字: 示例正字}}\n"
        write_project(tmp_path, {"mkdocs.yml": mkdocs, "directory.yml": directory, "links.json": '{"broken": []}', **SMALL_FILES})
        texts[days] = run([sys.executable, "-m", "disclosure.cli", command, *args], tmp_path).stdout
    assert "晚 21 个工作日" in texts[None] and "晚 21 个工作日" not in texts[21]
    assert "“示例错字”应为“示例正字”" in texts[21] and "“其它”应为“其他”" in texts[21]


def test_interpretations_and_annual_report_deadline(tmp_path):
    directory = catalogue([("normative", None), ("annual", None)], []).replace("title: 栏目annual", "title: 年度报告").replace(
        "title: 栏目normative", "title: 规范性文件") + LATE + """\
  - index: 11440100MB2C00000X/2025-00001
    title: 示例市数据管理局2024年政府信息公开工作年度报告
    category: annual
    publisher: 办公室
    date: 2025-02-20
    link: https://www.example.gov.cn/r.html
"""
    department = findings(inspect(tmp_path, "--as-of", "2025-04-01", "--format", "json", "--links-result", "links.json", directory=directory))
    assert [f["message"] for f in department if f["indicator"] == "annual_report_late"] == [
        "2024 年度报告 2025-02-20 才发布，晚于 2025-01-31 的期限"]
    missing = [f for f in department if f["indicator"] == "interpretation_missing"]
    assert len(missing) == 1 and "interprets: 11440100MB2C00000X/2024-00001" in missing[0]["message"]
    government = MINIMAL_MKDOCS + "extra:\n  disclosure_inspect:\n    agency_kind: government\n    interpretation_categories: []\n"
    result = inspect(tmp_path, "--as-of", "2025-04-01", "--format", "json", "--links-result", "links.json", directory=directory, mkdocs=government)
    assert [f for f in findings(result) if f["indicator"] in ("annual_report_late", "interpretation_missing")] == []
    later = findings(inspect(tmp_path, "--as-of", "2026-02-01", "--format", "json", "--links-result", "links.json", directory=directory))
    assert any("没有找到 2025 年度的政府信息公开工作年度报告" in f["message"] for f in later)


def test_footer_items_are_required_and_shown_with_their_links(tmp_path):
    head = AGENCY.replace('  site_code: "0000000000"\n', "")
    mkdocs = MINIMAL_MKDOCS + "extra:\n  disclosure_footer:\n    jiucuo: true\n"
    result = inspect(tmp_path, "--as-of", "2025-03-15", "--format", "json", mkdocs=mkdocs,
                     directory=catalogue([("a", None)], [("00001", "a", "2025-03-10")], head=head))
    footer = [f["message"] for f in findings(result) if f["indicator"] == "footer"]
    assert footer == ["页脚缺少网站标识码：请在 directory.yml 的 agency 中填写 site_code"]
    built = run([sys.executable, "-m", "mkdocs", "build", "-d", "site"], tmp_path)
    assert built.returncode == 0, built.stderr
    html = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert '<a href="https://beian.miit.gov.cn/" rel="noopener">示ICP备00000000号-1</a>' in html
    assert 'href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=44010002000001"' in html
    assert ">我为政府网站找错</a>" in html


def test_the_demo_passes_without_veto_and_writes_the_workbook(tmp_path):
    for name in ("content", "theme_overrides", "catalogue"):
        shutil.copytree(REPO / name, tmp_path / name)
    for name in ("mkdocs.yml", "directory.yml"):
        shutil.copy(REPO / name, tmp_path / name)
    result = run([sys.executable, "-m", "disclosure.cli", "inspect", "--as-of", "2025-10-20", "--format", "json"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == {"as_of": "2025-10-20", "veto": False, "findings": []}
    result = run([sys.executable, "-m", "disclosure.cli", "inspect", "--as-of", "2025-11-20", "--format", "xlsx", "-o", "自查表.xlsx",
                  "--site", "missing"], tmp_path)
    assert result.returncode == 2 and "找不到网站文件夹 missing" in result.stderr
    result = run([sys.executable, "-m", "disclosure.cli", "inspect", "--as-of", "2025-11-20", "--format", "xlsx", "-o", "自查表.xlsx"], tmp_path)
    assert result.returncode == 1  # a month later the home page is stale: a veto
    rows = list(load_workbook(tmp_path / "自查表.xlsx")["自查表"].iter_rows(values_only=True))
    assert rows[2] == ("指标", "考察点", "结果", "问题明细", "是否单项否决")
    home = next(row for row in rows if row[0] == "首页不更新")
    assert home[2] == "不合格（单项否决）" and "最新一条信息是 2025-10-15" in home[3] and home[4] == "是"


def test_gitlab_format_is_code_quality_json(tmp_path):
    result = inspect(tmp_path, "--as-of", "2025-03-15", "--format", "gitlab", "--links-result", "links.json",
                     directory=catalogue([(f"c{i}", None) for i in range(6)], [("00001", "c5", "2025-03-10")]))
    issues = json.loads(result.stdout)
    blank = [i for i in issues if i["check_name"] == "disclosure-inspect/blank_column"]
    assert len(blank) == 5 and blank[0]["severity"] == "blocker" and blank[0]["location"] == {"path": "directory.yml", "lines": {"begin": 9}}
    assert len({i["fingerprint"] for i in issues}) == len(issues)
