"""Exports read back from a real build: JSON, CSV with BOM, XLSX, Atom feed."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import yaml
from openpyxl import load_workbook

from conftest import MINIMAL_MKDOCS, SMALL_CATALOGUE


def test_exports(build_site):
    built = build_site()
    assert built.returncode == 0, built.output
    column = built.site / "gkml"
    document = json.loads((column / "catalogue.json").read_text(encoding="utf-8"))
    first = document["entries"][0]
    assert first["index"] == "11440100MB2C00000X/2021-00001" and first["url"] == "gkml/11440100MB2C00000X-2021-00001/"
    assert first["doc_number"] == "示例〔2021〕1号" and first["attachments"][0]["file"] == "files/2021/00001-1.pdf"
    assert (built.site / first["url"] / "index.html").exists()

    raw = (column / "catalogue.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["索引号", "名称", "分类"] and rows[1][2] == "规范性文件" and rows[2][6] == "废止"

    sheet = load_workbook(column / "catalogue.xlsx").active
    values = list(sheet.iter_rows(values_only=True))
    assert "主动公开基本目录" in values[0][0] and values[2][0] == "11440100MB2C00000X/2021-00001"

    feed = ET.fromstring((column / "feed.xml").read_bytes())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert titles == ["关于印发示例管理办法的通知", "示例市数据发展规划"]
    link = feed.find("a:entry/a:link", ns).get("href")
    assert (column / link / "index.html").exists()


def test_feed_size_keeps_the_newest_entries(build_site):
    extra = "".join(f"""\
  - index: 11440100MB2C00000X/2022-0000{n}
    title: 第{n}份通知
    category: plans
    publisher: 办公室
    date: 2022-0{n}-15
    link: https://www.example.gov.cn/{n}.html
""" for n in (3, 1, 2))
    catalogue = SMALL_CATALOGUE + extra
    built = build_site(directory=catalogue, mkdocs=MINIMAL_MKDOCS.replace(
        "plugins: [search, disclosure]", "plugins:\n  - search\n  - disclosure:\n      feed_size: 3\n"))
    assert built.returncode == 0, built.output
    entries = yaml.safe_load(catalogue)["entries"]
    newest = [e["title"] for e in sorted(entries, key=lambda e: str(e["date"]), reverse=True)][:3]
    feed = ET.fromstring((built.site / "gkml/feed.xml").read_bytes())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)] == newest
    assert len(entries) == 5 and newest == ["第3份通知", "第2份通知", "第1份通知"]
