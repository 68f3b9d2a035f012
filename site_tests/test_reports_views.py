"""Report views: the rendered tables against golden files, the header of the national templates,
blank cells, the carry-over between years and the report JSON Schema."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import SMALL_CATALOGUE
from disclosure.reports import schema as report_schema
from selectolax.lexbor import LexborHTMLParser as HTMLParser

DATA = Path(__file__).parent / "reports_data"
GOLDEN = DATA / "golden"
SCHEMA_FILE = Path(report_schema.__file__).with_name("schema.json")
REPORTS = {"2024": "good_2024.yml", "2023": "good_2023.yml", "2020": "trial_2020.yml", "2018": "legacy_2018.yml"}
ENTRY = """\
  - index: 11440100MB2C00000X/{number}
    title: 示例市数据管理局{year}年政府信息公开工作年度报告
    category: annual
    publisher: 办公室
    date: {date}
    body: reports/body.md
    report: reports/{year}.yml
"""
DATES = {"2024": ("2025-00002", "2025-01-20"), "2023": ("2024-00003", "2024-01-22"),
         "2020": ("2021-00004", "2021-01-25"), "2018": ("2019-00001", "2019-03-29")}
CATALOGUE = SMALL_CATALOGUE.replace("  - id: plans\n", "  - id: annual\n    title: 年度报告\n  - id: plans\n") + "".join(
    ENTRY.format(number=number, date=date, year=year) for year, (number, date) in DATES.items())
FILES = {"content/reports/body.md": "## 一、总体情况\n\n本年度……\n",
         **{f"content/reports/{year}.yml": (DATA / name).read_text(encoding="utf-8") for year, name in REPORTS.items()}}


def page_of(year: str) -> str:
    return f"gkml/11440100MB2C00000X-{DATES[year][0]}/index.html"


def tables(html: str) -> dict[str, str]:
    """data-report-table key → the table's HTML, one tag a line."""
    found = {}
    for table in HTMLParser(html).css("table[data-report-table]"):
        found[table.attributes["data-report-table"]] = re.sub(r">\s*<", ">\n<", table.html.strip()) + "\n"
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    import sys

    from conftest import MINIMAL_MKDOCS, run, write_project
    root = tmp_path_factory.mktemp("reports")
    write_project(root, {"mkdocs.yml": MINIMAL_MKDOCS, "directory.yml": CATALOGUE, "content/index.md": "# 首页\n",
                         "content/gkml/2021/00001.md": "正文\n", "content/files/2021/00001-1.pdf": "%PDF-1.4\n", **FILES})
    result = run([sys.executable, "-m", "mkdocs", "build", "-d", str(root / "site")], root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


@pytest.mark.parametrize("year", sorted(REPORTS))
def test_rendered_tables_match_the_golden_files(built, year):
    """Set DISCLOSURE_UPDATE_GOLDEN=1 to rewrite the files after a deliberate change, then read the diff."""
    found = tables((built / page_of(year)).read_text(encoding="utf-8"))
    assert found
    for key, html in found.items():
        golden = GOLDEN / f"{year}-{key}.html"
        if os.environ.get("DISCLOSURE_UPDATE_GOLDEN"):
            golden.write_text(html, encoding="utf-8")
        assert html == golden.read_text(encoding="utf-8"), golden.name


def test_appeals_are_one_row_of_fifteen_under_a_two_level_header(built):
    table = HTMLParser((built / page_of("2024")).read_text(encoding="utf-8")).css_first('table[data-report-table="appeals"]')
    rows = table.css("thead tr")
    heads = [[(th.text(), th.attributes.get("scope"), th.attributes.get("colspan"), th.attributes.get("rowspan"))
              for th in row.css("th")] for row in rows]
    assert heads[0] == [("行政复议", "colgroup", "5", None), ("行政诉讼", "colgroup", "10", None)]
    assert heads[1][:5] == [(label, "col", None, "2") for label in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")]
    assert heads[1][5:] == [("未经复议直接起诉", "colgroup", "5", None), ("复议后起诉", "colgroup", "5", None)]
    assert [h[0] for h in heads[2]] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2
    assert len(table.css("tbody tr")) == 1 and len(table.css("tbody td")) == 15


def test_the_2019_trial_template_and_blank_cells(built):
    html = (built / page_of("2020")).read_text(encoding="utf-8")
    tree = HTMLParser(html)
    item5 = tree.css_first('table[data-report-table="item-5"]')
    assert [th.text() for th in item5.css("thead th")] == ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]
    assert [td.text() for td in item5.css("tbody tr")[0].css("td")] == ["12", "-2", "118"]
    item9 = tree.css_first('table[data-report-table="item-9"]')
    assert [td.text() for td in item9.css("td")] == ["2", "56.8"]
    applications = {tr.css_first("th").text(): [td.text() for td in tr.css("td")]
                    for tr in tree.css('table[data-report-table="applications"] tbody tr') if tr.css("td")}
    assert applications["不予公开：4．保护第三方合法权益"] == ["1", "1", "0", "0", "0", "0", "2"]  # blank 总计 = sum
    assert applications["（六）其他处理"] == ["1", "0", "0", "0", "0", "0", "1"]  # one row in the trial template
    assert applications["四、结转下年度继续办理"] == ["0"] * 7
    assert "1．申请人无正当理由逾期不补正" not in html


def test_carry_over_must_match_last_years_report(build_site):
    broken = FILES["content/reports/2024.yml"].replace("carried_over:  [3, 1, 0, 0, 0, 0, 4]", "carried_over:  [2, 1, 0, 0, 0, 0, 3]")
    broken = broken.replace("received:      [38, 9, 1, 0, 2, 1, 51]", "received:      [39, 9, 1, 0, 2, 1, 52]")
    result = build_site(files={**FILES, "content/reports/2024.yml": broken}, directory=CATALOGUE)
    assert result.returncode != 0
    line = broken.splitlines().index(next(x for x in broken.splitlines() if x.startswith("  carried_over:"))) + 1
    expected = (f"content/reports/2024.yml:{line}:19: applications.carried_over[0]: “自然人”一列上年结转应为 3，实为 2："
                "应等于 2023 年报告的“结转下年度继续办理”（content/reports/2023.yml:48:24）")
    assert expected in result.output
    assert "applications.carried_over[6]" in result.output and "applications.carried_over[1]" not in result.output


def test_two_reports_for_one_year_are_an_error(build_site):
    copied = {**FILES, "content/reports/2024.yml": FILES["content/reports/2023.yml"]}
    result = build_site(files=copied, directory=CATALOGUE)
    assert result.returncode != 0
    assert "content/reports/2023.yml:3:7: year: 与 content/reports/2024.yml 同为 2023 年度的年度报告数据" in result.output


def test_schema_is_built_from_the_layouts_and_accepts_the_reports():
    shipped = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert shipped == report_schema.build_schema(), "run: python -m disclosure.reports.schema > plugins/disclosure/reports/schema.json"
    validator = jsonschema.Draft202012Validator(shipped)
    validator.check_schema(shipped)
    demo = Path(__file__).resolve().parent.parent / "content/reports"
    for path in [*(DATA / name for name in REPORTS.values()), *demo.glob("*.yml")]:
        for loader in (yaml.SafeLoader, yaml.BaseLoader):  # an editor's types, and ours (all text)
            assert list(validator.iter_errors(yaml.load(path.read_text(encoding="utf-8"), Loader=loader))) == [], path
    trial = yaml.safe_load(FILES["content/reports/2020.yml"])
    trial["active"]["licensing"]["made"] = 1  # a 2021 column in a 2019 report
    assert not validator.is_valid(trial)
    current = yaml.safe_load(FILES["content/reports/2024.yml"])
    current["applications"]["results"]["other"] = [1, 0, 0, 0, 0, 0, 1]  # one row only in the 2019 template
    assert not validator.is_valid(current)
