"""links/sources.py: a broken link is traced back to the line where an editor wrote it."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SMALL_CATALOGUE, SMALL_FILES, write_project
from disclosure.catalogue import load_catalogue
from disclosure.links.sources import Project, SourceLocator, markdown_candidates, url_forms

ENTRY_PAGE = "gkml/11440100MB2C00000X-2021-00001/index.html"
LINK_PAGE = "gkml/11440100MB2C00000X-2020-00007/index.html"


@pytest.fixture
def locator(tmp_path: Path, monkeypatch) -> SourceLocator:
    monkeypatch.chdir(tmp_path)
    files = {**SMALL_FILES, "directory.yml": SMALL_CATALOGUE,
             "content/gkml/2021/00001.md": "第一条\n\n见[旧文件](../../files/旧.pdf)和[章节](#第二章)。\n",
             "content/about.md": "---\ntitle: 关于\n---\n\n# 关于\n\n[联系](contact.md#电话)\n[下载](files/%E8%A1%A8.xls)\n",
             "content/guide/index.md": "# 指南\n\n[老页面](../old/index.md)\n",
             "theme_overrides/main.html": '{% extends "base.html" %}\n<a href="/legacy/portal.html">门户</a>\n'}
    write_project(tmp_path, files)
    catalogue = load_catalogue("directory.yml", "directory.yml", "content")
    return SourceLocator(Project("content", "gkml", catalogue, ["theme_overrides"]))


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_attachment_points_at_its_file_line(locator: SourceLocator):
    line = line_of(SMALL_CATALOGUE, "file: files/2021/00001-1.pdf")
    assert locator.locate(ENTRY_PAGE, "../../files/2021/00001-1.pdf", "files/2021/00001-1.pdf") == f"directory.yml:{line}"


def test_entry_link_points_at_its_link_line(locator: SourceLocator):
    line = line_of(SMALL_CATALOGUE, "link: https://www.example.gov.cn/a.html")
    assert locator.locate(LINK_PAGE, "https://www.example.gov.cn/a.html", None) == f"directory.yml:{line}"


def test_body_links_point_at_the_markdown_line(locator: SourceLocator):
    body = "content/gkml/2021/00001.md"
    assert locator.locate(ENTRY_PAGE, "../../files/%E6%97%A7.pdf", "files/旧.pdf") == f"{body}:3"
    assert locator.locate(ENTRY_PAGE, "#%E7%AC%AC%E4%BA%8C%E7%AB%A0", ENTRY_PAGE) == f"{body}:3"


def test_normal_pages_count_front_matter_lines(locator: SourceLocator):
    assert locator.locate("about/index.html", "../contact/#%E7%94%B5%E8%AF%9D", "contact/") == "content/about.md:7"
    assert locator.locate("about/index.html", "../files/%E8%A1%A8.xls", "files/表.xls") == "content/about.md:8"
    assert locator.locate("guide/index.html", "../old/", "old/") == "content/guide/index.md:3"


def test_template_or_unknown(locator: SourceLocator):
    assert locator.locate("gkml/index.html", "/legacy/portal.html", None) == "theme_overrides/main.html:2"
    assert locator.locate("gkml/index.html", "../nowhere-at-all/", None) is None
    assert locator.locate("gkml/index.html", "../", None) is None


def test_markdown_candidates():
    assert markdown_candidates("index.html") == ["index.md", "README.md"]
    assert markdown_candidates("a/b/index.html") == ["a/b.md", "a/b/index.md", "a/b/README.md"]
    assert markdown_candidates("a/b.html") == ["a/b.md"]
    assert markdown_candidates("a/b.pdf") == []


def test_url_forms_include_markdown_and_decoded_forms():
    forms = url_forms("../%E8%81%94%E7%B3%BB/#x")
    assert "../%E8%81%94%E7%B3%BB/#x" in forms and "../联系/#x" in forms and "联系.md#x" in forms


def test_short_urls_point_at_the_link_not_at_an_earlier_mention(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_project(tmp_path, {"content/about.md": "# x 和 a\n\nx 出现在正文里，`![](x)` 在代码里。\n\n![图](x)\n\n<img alt=\"a\" src=\"a\">\n"})
    locator = SourceLocator(Project("content", "gkml", None, []))
    assert locator.locate("about/index.html", "../x", "x") == "content/about.md:5"
    assert locator.locate("about/index.html", "../a", "a") == "content/about.md:7"


def test_unreadable_sources_do_not_stop_the_search(tmp_path, monkeypatch):
    import os
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    os.mkfifo(tmp_path / "content/about.md")
    os.symlink("loop.md", tmp_path / "content/loop.md")
    locator = SourceLocator(Project("content", "gkml", None, []))
    assert locator.locate("about/index.html", "../x", "x") is None
    assert locator.locate("loop/index.html", "../x", "x") is None
