"""One small site shared by the browser tests: a paginated category (page_size 2), a repealed entry,
attachments, an editorial page, an annual report. Built once per test module by conftest's `served_project(PROJECT)`."""

from __future__ import annotations

from pathlib import Path

from conftest import SMALL_FILES

CODE = "11440100MB2C00000X"
MKDOCS = """\
site_name: 示例
docs_dir: content
theme: {name: material, language: zh}
plugins: [search, {disclosure: {page_size: 2}}]
"""
CATALOGUE = f"""\
agency:
  name: 示例市数据管理局
  code: "{CODE}"
  address: 示例市示例路1号
  phone: 020-00000000
  icp: 示ICP备00000000号
categories:
  - id: rules
    title: 法规文件
    children:
      - {{id: normative, title: 规范性文件}}
  - id: plans
    title: 规划计划
  - id: annual
    title: 年度报告
entries:
  - index: {CODE}/2021-00001
    title: 关于印发示例管理办法的通知
    category: normative
    publisher: 办公室
    date: 2021-03-01
    doc_number: 示例〔2021〕1号
    validity: in_force
    keywords: [数据, 共享]
    summary: 一句话内容概述
    body: gkml/2021/00001.md
    attachments:
      - {{title: 附件1 示例管理办法, file: files/2021/00001-1.pdf}}
      - {{title: 附件2 申请表, file: files/2021/00001-2.docx}}
  - index: {CODE}/2021-00002
    title: 关于开展数据质量检查的通知
    category: normative
    publisher: 办公室
    date: 2021-06-15
    doc_number: 示例〔2021〕2号
    validity: in_force
    body: gkml/2021/00002.md
  - index: {CODE}/2021-00003
    title: 示例市公共数据开放目录
    category: normative
    publisher: 数据资源科
    date: 2021-09-01
    validity: expired
    attachments:
      - {{title: 开放目录, file: files/2021/00003-1.xlsx}}
  - index: {CODE}/2022-00001
    title: 关于进一步规范数据共享的意见
    category: normative
    publisher: 办公室
    date: 2022-02-10
    doc_number: 示例〔2022〕1号
    body: gkml/2022/00001.md
  - index: {CODE}/2022-00002
    title: 示例市数据安全管理规定
    category: normative
    publisher: 法规科
    date: 2022-08-20
    validity: in_force
    body: gkml/2022/00002.md
  - index: {CODE}/2020-00007
    title: 示例市数据发展规划
    category: plans
    publisher: 规划科
    date: 2020-05-06
    validity: repealed
    summary: 已被新规划取代
    link: https://www.example.gov.cn/a.html
  - index: {CODE}/2025-00002
    title: 示例市数据管理局2024年政府信息公开工作年度报告
    category: annual
    publisher: 办公室
    date: 2025-01-20
    body: reports/2024.md
    report: reports/2024.yml
"""
FILES = {
    **SMALL_FILES,
    "content/about.md": "# 关于本站\n\n本站是示例市数据管理局的政府信息公开网站。\n\n## 联系我们\n\n电话：020-00000000\n",
    "content/gkml/2021/00002.md": "开展数据质量检查。\n",
    "content/gkml/2022/00001.md": "进一步规范数据共享。\n\n## 一、总体要求\n\n坚持依法共享。\n",
    "content/gkml/2022/00002.md": "第一条 为了保障数据安全，制定本规定。\n",
    "content/files/2021/00001-2.docx": b"PK\x03\x04 not really a docx",
    "content/files/2021/00003-1.xlsx": b"PK\x03\x04 not really an xlsx",
    "content/reports/2024.md": "## 一、总体情况\n\n本年度……\n\n<!-- 年度报告表格 -->\n\n## 五、存在的主要问题及改进情况\n\n略。\n",
    "content/reports/2024.yml": (Path(__file__).parents[1] / "reports_data/good_2024.yml").read_text(encoding="utf-8"),
}
ENTRY = f"gkml/{CODE}-2021-00001/"
REPEALED = f"gkml/{CODE}-2020-00007/"
CATEGORY = "gkml/category/normative/"
REPORT = f"gkml/{CODE}-2025-00002/"
PROJECT = {"mkdocs.yml": MKDOCS, "directory.yml": CATALOGUE, **FILES}  # for conftest's served_project
