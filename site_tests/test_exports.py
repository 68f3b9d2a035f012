"""Exports read back from a real build: JSON, CSV with BOM, XLSX, Atom feed."""

import csv
import dataclasses
import datetime
import io
import json
import os
import warnings
import xml.etree.ElementTree as ET
import zipfile
from types import SimpleNamespace

import pytest
import yaml
from openpyxl import load_workbook

from conftest import MINIMAL_MKDOCS, SMALL_CATALOGUE
from disclosure import exports
from disclosure.urls import ColumnUrls


@pytest.fixture
def catalogue(small_catalogue):
    return small_catalogue


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


def hostile_catalogue():
    return (SMALL_CATALOGUE.replace("title: 示例市数据发展规划", "title: \"=HYPERLINK(\\\"http://evil.example\\\")\"")
            .replace("publisher: 规划科", "publisher: \"-2+3\"").replace("doc_number: 示例〔2021〕1号", "doc_number: \"+SUM(1)\"")
            .replace("summary: 一句话内容概述", "summary: \"@A1\""))


def test_formulas_are_text_in_xlsx_and_neutralised_in_csv(build_site):
    built = build_site(directory=hostile_catalogue())
    assert built.returncode == 0, built.output
    column = built.site / "gkml"
    rows = list(csv.reader(io.StringIO((column / "catalogue.csv").read_text(encoding="utf-8-sig"))))
    cells = {cell for row in rows[1:] for cell in row}
    assert {"'=HYPERLINK(\"http://evil.example\")", "'-2+3", "'+SUM(1)", "'@A1"} <= cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    with zipfile.ZipFile(column / "catalogue.xlsx") as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    sheet = load_workbook(column / "catalogue.xlsx").active
    values = {cell.value: cell.data_type for row in sheet.iter_rows() for cell in row if cell.value}
    for formula in ("=HYPERLINK(\"http://evil.example\")", "-2+3", "+SUM(1)", "@A1"):
        assert values[formula] == "s", formula


@pytest.mark.parametrize("bad", ["\x01", "\x00", "\x0b", "\ufffe", "\uffff", "\ud800", "\x1f"])
def test_characters_xml_cannot_carry_never_reach_the_files(bad, catalogue):
    row = [f"标{bad}题"] + [""] * (len(exports.COLUMNS) - 1)
    assert exports.csv_bytes([row]).decode("utf-8-sig").splitlines()[1].startswith("标题")
    sheet = load_workbook(io.BytesIO(exports.xlsx_bytes([row], f"机{bad}构", datetime.date(2021, 3, 1)))).active
    assert sheet["A3"].value == "标题" and sheet["A1"].value == "机构 主动公开基本目录"
    for name in ("catalogue.json", "feed.xml"):
        assert bad.encode("utf-8", "surrogatepass") not in exported(name, bad, catalogue)


def exported(name: str, bad: str, base) -> bytes:
    entry = dataclasses.replace(base.entries[0], title=f"标{bad}题", summary=f"概{bad}述")
    catalogue = dataclasses.replace(base, entries=(entry,), agency=dataclasses.replace(base.agency, name=f"机{bad}构"))
    urls = ColumnUrls("gkml")
    if name == "feed.xml":
        data = exports.feed_bytes(catalogue, urls, SimpleNamespace(site_url="https://x.example/"), 10)
        assert ET.fromstring(data).find("{http://www.w3.org/2005/Atom}title").text == "机构 政府信息公开"
        return data
    data = exports.json_bytes(catalogue, [exports.entry_record(entry, catalogue, urls)])
    assert json.loads(data)["entries"][0]["title"] == "标题"
    return data


def test_a_cell_over_excels_limit_says_where_the_rest_is():
    long = "长" * 40000
    row = [long] + [""] * (len(exports.COLUMNS) - 1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # XlsxWriter would warn had it cut the text itself
        sheet = load_workbook(io.BytesIO(exports.xlsx_bytes([row], "机构", datetime.date(2021, 3, 1)))).active
    cell = sheet["A3"].value
    assert len(cell) == exports.XLSX_CELL_MAX and cell.endswith("全文见 catalogue.csv）") and cell.startswith("长" * 1000)
    assert long in exports.csv_bytes([row]).decode("utf-8-sig")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_exports_made_ahead_fail_as_a_plugin_error(monkeypatch):
    """A bug in the exports child reaches the build as a PluginError that carries the child's traceback."""
    from mkdocs.exceptions import PluginError
    from disclosure import forks
    monkeypatch.setattr(forks, "can_fork", lambda: True)  # beside a test worker's browser threads too
    ahead = exports.Ahead(lambda: {}["缺少的键"])
    with pytest.raises(PluginError, match="(?s)生成导出文件时出错.*KeyError: '缺少的键'"):
        ahead.made()


def _catalogue_of(base, entries, categories=None):
    categories = categories or base.categories
    return dataclasses.replace(base, entries=tuple(entries), by_index={e.index: e for e in entries}, categories=categories,
                               by_category={c.id: c for root in categories for c in root.walk()})


def test_exports_from_what_the_preview_remembered_are_those_made_anew(catalogue, monkeypatch):
    """The preview's exports job takes the rows and search filters the server remembered of the last
    catalogue (memo.py): after a save that edits, adds and removes entries, only the entries it changed
    are made again, and the files are the bytes a build makes; a renamed category makes every row again."""
    from disclosure.memo import Memo
    urls, config = ColumnUrls("gkml"), SimpleNamespace(site_url="https://x.example/", use_directory_urls=True)
    memo = Memo()
    exports.remember(memo, catalogue, urls, config)
    first, second, *rest = catalogue.entries
    edited = dataclasses.replace(first, title="改过的标题", keywords=("新词",))
    added = dataclasses.replace(second, index=second.index[:-1] + "9", title="新增的条目")
    saved = _catalogue_of(catalogue, [edited, added, *rest])  # `second` removed
    categories = tuple(dataclasses.replace(c, title="改名的分类") if c.id == "plans" else c for c in catalogue.categories)
    renamed = _catalogue_of(catalogue, catalogue.entries, categories)
    made = []
    record = exports.entry_record
    monkeypatch.setattr(exports, "entry_record", lambda entry, *args: made.append(entry.index) or record(entry, *args))
    assert exports.make(saved, urls, config, 10, memo) == exports.make(saved, urls, config, 10)
    assert made[:2] == [edited.index, added.index] and len(made) == 2 + len(saved.entries)
    assert exports.make(renamed, urls, config, 10, memo) == exports.make(renamed, urls, config, 10)
    records = json.loads(exports.make(renamed, urls, config, 10, memo)[0]["catalogue.json"])["entries"]
    assert "改名的分类" in {record["category_title"] for record in records}
