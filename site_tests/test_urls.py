"""urls.py: every URL of the column, relative links between them (checked against posixpath), and the
`dc_url` filter the templates write every URL with (percent-encoded, attribute-escaped)."""

from __future__ import annotations

import datetime
import posixpath

import pytest

from disclosure.catalogue.model import Entry
from disclosure.problems import Pos
from conftest import SMALL_CATALOGUE
from disclosure.urls import ColumnUrls, href, relative

HERE = Pos("directory.yml", 1, 1)
ENTRY = "gkml/11440100MB2C00000X-2021-00001/index.html"


def entry(index: str, title: str = "通知", category: str = "rules") -> Entry:
    return Entry(index=index, title=title, category=category, publisher="办公室", date=datetime.date(2021, 3, 1), pos=HERE)


@pytest.mark.parametrize("prefix", ["gkml", "/gkml/", "info/open"])
def test_every_url_lives_under_the_prefix(prefix):
    urls = ColumnUrls(prefix)
    folder = prefix.strip("/")
    one = entry("11440100MB2C00000X/2021-00001")
    assert urls.home() == f"{folder}/" and urls.home_src() == f"{folder}/index.md"
    assert urls.entry(one) == f"{folder}/11440100MB2C00000X-2021-00001/"
    assert urls.entry_src(one) == urls.entry(one) + "index.md"
    assert urls.category("normative") == f"{folder}/category/normative/"
    assert urls.category("normative", 3) == f"{folder}/category/normative/3/"
    assert urls.category_src("normative", 2) == f"{folder}/category/normative/2/index.md"
    assert urls.fulltext() == f"{folder}/fulltext/" and urls.export("feed.xml") == f"{folder}/feed.xml"
    assert urls.entry_pattern() == f"{folder}/{{slug}}/"
    assert urls.entry_pattern(use_directory_urls=False) == f"{folder}/{{slug}}/index.html"
    assert urls.entry_pattern().format(slug=one.slug) == urls.entry(one)


def test_entry_url_comes_from_the_index_number_alone():
    urls = ColumnUrls("gkml")
    before = entry("11440100MB2C00000X/2021-00001", "旧标题", "rules")
    after = entry("11440100MB2C00000X/2021-00001", "新标题", "plans")
    assert urls.entry(before) == urls.entry(after)
    assert urls.entry(before) != urls.entry(entry("11440100MB2C00000X/2021-00002"))


def test_is_column():
    urls = ColumnUrls("gkml")
    assert urls.is_column("gkml") and urls.is_column("gkml/index.html") and urls.is_column("gkml/a/b/")
    assert not urls.is_column("gkmlx/index.html") and not urls.is_column("index.html") and not urls.is_column("")


PAGES = ["", "gkml/", "gkml/11440100MB2C00000X-2021-00001/", "gkml/category/normative/2/", "about/", "gkml/index.html"]
TARGETS = ["gkml/", "gkml/11440100MB2C00000X-2020-00007/", "gkml/category/rules/", "gkml/feed.xml",
           "files/2021/00001-1.pdf", "about/", "index.html", "gkml/category/normative/2/"]


@pytest.mark.parametrize("from_url", PAGES)
@pytest.mark.parametrize("to_url", TARGETS)
def test_relative_links_agree_with_posixpath(from_url, to_url):
    """From a page (a folder URL, or a file URL whose folder counts) to any site-root-relative URL."""
    folder = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    expected = posixpath.relpath(to_url or ".", folder or ".") + ("/" if to_url.endswith("/") else "")
    expected = "./" if expected in ("./", "./.") or expected == "." else expected.removeprefix("./")
    link = relative(from_url, to_url)
    assert link == expected
    assert posixpath.normpath(posixpath.join(folder, link)) == posixpath.normpath(to_url)


@pytest.mark.parametrize("value, expected", [
    ('files/p" onmouseover="alert(1)" x=".pdf', "files/p%22%20onmouseover%3D%22alert%281%29%22%20x%3D%22.pdf"),
    ("files/a#b?c.pdf", "files/a%23b%3Fc.pdf"),
    ("files/附件 1.pdf", "files/%E9%99%84%E4%BB%B6%201.pdf"),
    ("files/it's<b>.pdf", "files/it%27s%3Cb%3E.pdf"),
    ("https://www.example.gov.cn/a b.html?x=1&y=\"2\"#p", "https://www.example.gov.cn/a%20b.html?x=1&amp;y=%222%22#p"),
    ("http://[x/", "http%3A//%5Bx/"),
])
def test_every_character_that_could_leave_the_attribute_is_encoded(value, expected):
    assert str(href({"page": None, "base_url": ""}, value)) == expected


def test_attachment_names_with_spaces_brackets_and_chinese_work_as_links(build_site):
    name = "files/2021/附件 (1)&说明.pdf"
    built = build_site(files={f"content/{name}": "%PDF-1.4\n"},
                       directory=SMALL_CATALOGUE.replace("files/2021/00001-1.pdf", name))
    assert built.returncode == 0, built.output  # the link check found the file behind the encoded URL
    page = built.page(ENTRY)
    assert 'href="../../files/2021/%E9%99%84%E4%BB%B6%20%281%29%26%E8%AF%B4%E6%98%8E.pdf"' in page
