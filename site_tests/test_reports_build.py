"""Annual reports in a real build: tables read back from HTML, chart, xlsx, and failing builds."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from conftest import MINIMAL_MKDOCS, SMALL_CATALOGUE

DATA = Path(__file__).parent / "reports_data"
DEMO = {year: (DATA / f"good_{year}.yml").read_text(encoding="utf-8") for year in (2023, 2024)}
CATALOGUE = SMALL_CATALOGUE.replace("  - id: plans\n", "  - id: annual\n    title: 年度报告\n  - id: plans\n") + """\
  - index: 11440100MB2C00000X/2025-00002
    title: 示例市数据管理局2024年政府信息公开工作年度报告
    category: annual
    publisher: 办公室
    date: 2025-01-20
    body: reports/2024.md
    report: reports/2024.yml
  - index: 11440100MB2C00000X/2024-00003
    title: 示例市数据管理局2023年政府信息公开工作年度报告
    category: annual
    publisher: 办公室
    date: 2024-01-22
    body: reports/2023.md
    report: reports/2023.yml
  - index: 11440100MB2C00000X/2019-00001
    title: 示例市数据管理局2018年政府信息公开工作年度报告
    category: annual
    publisher: 办公室
    date: 2019-03-29
    body: reports/2023.md
    report: reports/2018.yml
"""
BODY_2024 = "## 一、总体情况\n\n本年度……\n\n<!-- 年度报告表格 -->\n\n## 五、存在的主要问题及改进情况\n\n略。\n"
FILES = {
    "content/reports/2024.yml": DEMO[2024], "content/reports/2023.yml": DEMO[2023],
    "content/reports/2024.md": BODY_2024, "content/reports/2018.yml": (DATA / "legacy_2018.yml").read_text(encoding="utf-8"), "content/reports/2023.md": "## 一、总体情况\n\n本年度……\n",
}
PAGE_2024 = "gkml/11440100MB2C00000X-2025-00002/index.html"
PAGE_2023 = "gkml/11440100MB2C00000X-2024-00003/index.html"


def read_table(html: str, key: str) -> dict[str, list[str]]:
    """Row header text → cell texts of the table marked data-report-table=key."""
    table = HTMLParser(html).css_first(f'table[data-report-table="{key}"]')
    assert table is not None, key
    rows = {}
    for tr in table.css("tbody tr"):
        header = tr.css_first('th[scope="row"]')
        if header is not None:
            rows[header.text(strip=True)] = [td.text(strip=True) for td in tr.css("td")]
    return rows


def test_report_tables_chart_and_xlsx(build_site):
    built = build_site(files=FILES, directory=CATALOGUE)
    assert built.returncode == 0, built.output
    html = built.page(PAGE_2024)
    tree = HTMLParser(html)
    applications = read_table(html, "applications")
    assert applications["一、本年新收政府信息公开申请数量"] == ["38", "9", "1", "0", "2", "1", "51"]
    assert applications["不予公开：4．保护第三方合法权益"] == ["2", "1", "0", "0", "0", "0", "3"]
    assert applications["办理结果（七）总计"] == ["38", "9", "1", "0", "2", "1", "51"]
    caption = tree.css_first('table[data-report-table="applications"] caption').text()
    assert "收到和处理政府信息公开申请情况" in caption
    groups = [th.text() for th in tree.css('table[data-report-table="applications"] th[scope="colgroup"]')]
    assert groups == ["申请人情况", "法人或其他组织"]
    appeals = tree.css_first('table[data-report-table="appeals"]')
    assert [td.text() for td in appeals.css("tbody td")] == ["2", "1", "0", "1", "4", "1", "0", "0", "0", "1", "0", "0", "0", "1", "1"]
    assert read_table(html, "item-1")["行政规范性文件"] == ["4", "1", "18"]
    assert read_table(html, "item-5")["行政许可"] == ["136"]
    assert read_table(html, "item-8")["行政事业性收费"] == ["0"]
    # tables sit where the body's marker was: between the free-text sections
    body = tree.css_first(".dc-body").html
    assert body.index("一、总体情况") < body.index('data-report-table="item-1"') < body.index("五、存在的主要问题")
    assert read_table(html, "comparison")["本年新收申请"] == ["38", "51", "+13"]
    check_chart(built, tree)
    check_workbook(built.site / "gkml/11440100MB2C00000X-2025-00002/11440100MB2C00000X-2025-00002-report.xlsx")
    legacy = read_table(built.page("gkml/11440100MB2C00000X-2019-00001/index.html"), "legacy")
    assert legacy["（三）申请答复数"] == ["12"] and legacy["涉及商业秘密"] == ["1"]
    first_year = built.page(PAGE_2023)
    assert 'data-report-table="applications"' in first_year and 'data-report-table="comparison"' not in first_year


def check_chart(built, tree: HTMLParser) -> None:
    image = tree.css_first(".dc-report-chart img")
    alt = image.attributes["alt"]
    assert "2023 年：予以公开 13 件" in alt and "2024 年：予以公开 21 件" in alt
    assert tree.css_first(".dc-report-chart figcaption").text().startswith("图：")
    svg = (built.site / "gkml/11440100MB2C00000X-2025-00002" / image.attributes["src"]).read_text(encoding="utf-8")
    assert 'role="img"' in svg and "<desc>" in svg and "予以公开" in svg
    assert "<script" not in svg and "https://" not in svg


def check_workbook(path: Path) -> None:
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项",
                                   "依申请公开", "复议和诉讼", "与上年对比"]
    rows = list(workbook["依申请公开"].iter_rows(min_row=5, values_only=True))  # title, then three header rows
    assert rows[0] == ("一、本年新收政府信息公开申请数量", 38, 9, 1, 0, 2, 1, 51)


def test_a_wrong_total_fails_the_build_with_its_position(build_site):
    bad = (Path(__file__).parent / "reports_data/total_error.yml").read_text(encoding="utf-8")
    earlier = build_site()  # the site of an earlier good build must not survive the failed one
    assert earlier.returncode == 0 and "index.html" in earlier.leftovers(), earlier.output
    built = build_site(files={**FILES, "content/reports/2024.yml": bad}, directory=CATALOGUE)
    assert built.returncode != 0
    assert "content/reports/2024.yml:47:43: applications.results.total[6]: 总计应为 51，实为 52" in built.output
    assert built.leftovers() == []


def test_report_field_must_name_a_yaml_file(build_site):
    catalogue = CATALOGUE.replace("report: reports/2024.yml", "report: reports/2024.md")
    built = build_site(files=FILES, directory=catalogue)
    assert built.returncode != 0
    line = catalogue.splitlines().index("    report: reports/2024.md") + 1
    assert f"directory.yml:{line}:13: entries[2].report: 年度报告数据 \"reports/2024.md\" 应是 YAML 文件" in built.output


def test_report_templates_are_overridden_from_theme_overrides(build_site):
    """The site's custom_dir wins over the package's report templates, like for every other template."""
    override = ('{% macro report_table(table, applicant_groups=false) %}'
                '<table data-report-table="{{ table.key }}" data-site-override="yes"><caption>{{ table.caption }}</caption>'
                '</table>{% endmacro %}\n')
    mkdocs = MINIMAL_MKDOCS.replace("theme: {name: material, language: zh}",
                                    "theme: {name: material, language: zh, custom_dir: theme_overrides}")
    files = {**FILES, "theme_overrides/disclosure/report-table.html": override}
    built = build_site(files=files, directory=CATALOGUE, mkdocs=mkdocs)
    assert built.returncode == 0, built.output
    tables = HTMLParser(built.page(PAGE_2024)).css("table[data-report-table]")
    overridden = [t.attributes["data-report-table"] for t in tables if "data-site-override" in t.attributes]
    assert overridden == ["item-1", "item-5", "item-6", "item-8", "applications", "appeals"]
    assert built.page(PAGE_2024).count('class="dc-report-scroll"') == 1  # only the comparison, from report.html
