"""`interprets:` in a real build: the document and its interpretations link to each other, and the
exports carry the relation."""

from __future__ import annotations

import csv
import io
import json

from conftest import SMALL_CATALOGUE
from openpyxl import load_workbook
from selectolax.lexbor import LexborHTMLParser as HTMLParser

INTERPRETATION = """\
  - index: 11440100MB2C00000X/2021-00002
    title: 《示例管理办法》政策解读
    category: normative
    publisher: 办公室
    date: 2021-03-02
    interprets: 11440100MB2C00000X/2021-00001
    body: gkml/2021/00002.md
  - index: 11440100MB2C00000X/2021-00003
    title: 《示例管理办法》图解
    category: plans
    publisher: 办公室
    date: 2021-03-05
    interprets: 11440100MB2C00000X/2021-00001
    link: https://www.example.gov.cn/tujie.html
"""
FILES = {"content/gkml/2021/00002.md": "问答形式的解读。\n"}
DOCUMENT = "gkml/11440100MB2C00000X-2021-00001/index.html"


def relation_links(html: str, kind: str) -> list[tuple[str, str]]:
    section = HTMLParser(html).css_first(f'section[data-relation="{kind}"]')
    if section is None:
        return []
    assert section.css_first("h2").text() == {"interprets": "解读对象", "interpretations": "相关解读"}[kind]
    return [(a.attributes["href"], a.text()) for a in section.css("a")]


def test_document_and_interpretations_link_to_each_other(build_site):
    built = build_site(files=FILES, directory=SMALL_CATALOGUE + INTERPRETATION)
    assert built.returncode == 0, built.output
    document = built.page(DOCUMENT)
    assert relation_links(document, "interpretations") == [
        ("../11440100MB2C00000X-2021-00003/", "《示例管理办法》图解"),  # newest first
        ("../11440100MB2C00000X-2021-00002/", "《示例管理办法》政策解读"),
    ]
    assert relation_links(document, "interprets") == []
    interpretation = built.page("gkml/11440100MB2C00000X-2021-00002/index.html")
    assert relation_links(interpretation, "interprets") == [("../11440100MB2C00000X-2021-00001/", "关于印发示例管理办法的通知")]
    assert "示例〔2021〕1号" in HTMLParser(interpretation).css_first('section[data-relation="interprets"]').text()
    assert relation_links(built.page("gkml/11440100MB2C00000X-2020-00007/index.html"), "interpretations") == []
    for href, _ in relation_links(document, "interpretations"):  # the links lead to the pages
        assert (built.site / "gkml" / href.strip("./") / "index.html").is_file()


def test_exports_carry_the_relation(build_site):
    built = build_site(files=FILES, directory=SMALL_CATALOGUE + INTERPRETATION)
    assert built.returncode == 0, built.output
    records = {r["index"]: r for r in json.loads(built.page("gkml/catalogue.json"))["entries"]}
    assert records["11440100MB2C00000X/2021-00002"]["interprets"] == "11440100MB2C00000X/2021-00001"
    assert records["11440100MB2C00000X/2021-00001"]["interprets"] is None
    rows = list(csv.DictReader(io.StringIO(built.page("gkml/catalogue.csv").lstrip("\ufeff"))))
    assert {r["索引号"]: r["解读对象"] for r in rows}["11440100MB2C00000X/2021-00003"] == "11440100MB2C00000X/2021-00001"
    sheet = load_workbook(built.site / "gkml/catalogue.xlsx").active
    header = [c.value for c in next(sheet.iter_rows(max_row=3)) if c.value]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    column = next(i for row in values for i, v in enumerate(row) if v == "解读对象")
    assert any(row[column] == "11440100MB2C00000X/2021-00001" for row in values), header
