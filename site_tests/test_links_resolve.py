"""links/resolve.py and links/check.py on a hand-written corpus: every kind of defect found, no false alarm."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure.links import check_site
from disclosure.links.resolve import SiteIndex

CN_PDF = "附件/通知 2021.pdf"  # a Chinese file name with a space
CN_PDF_ENCODED = "%E9%99%84%E4%BB%B6/%E9%80%9A%E7%9F%A5%202021.pdf"
CN_ID_ENCODED = "%E7%AC%AC%E4%B8%80%E7%AB%A0"  # 第一章

VALID = [
    "", "#", "#top", "#sec", "#第一章", f"#{CN_ID_ENCODED}", "#named",
    "other.html", "other.html#sec", "other.html?x=1#sec", "./other.html",
    "folder/", "folder", "folder/index.html", "folder/#inner", "folder#inner", "./", ".",
    "../gkml/doc/", "/sub/gkml/doc/", "/sub/", "/sub", "/sub/gkml/other.html#sec",
    CN_PDF_ENCODED, CN_PDF, f"{CN_PDF_ENCODED}#page=2", "中文页/", "%E4%B8%AD%E6%96%87%E9%A1%B5/",
    f"中文页/#{CN_ID_ENCODED}", "中文页/#第一章", "files/a.pdf?download=1",
    "mailto:office@example.gov.cn", "tel:020-00000000", "javascript:void(0)", "data:image/png;base64,AAAA",
    "https://www.example.gov.cn/a.html", "//cdn.example.com/x.js", "ftp://files.example.com/x",
    "https://site.example.gov.cn/sub/gkml/doc/", "other.html#top",
]
BROKEN = {
    "missing.html": "目标文件不存在",
    "Other.html": "目标文件不存在",  # case-sensitive
    "other.html#nope": "目标页面中没有锚点 #nope",
    "#missing": "目标页面中没有锚点 #missing",
    "folder/#nope": "目标页面中没有锚点 #nope",
    "empty/": "目标文件不存在",  # a folder without index.html
    "/gkml/doc/": "链接指向网站根路径 /sub/ 之外",
    "../../../outside.html": "链接超出了网站根目录",
    "%E9%99%84%E4%BB%B6/missing.pdf": "目标文件不存在",
    "中文页/#第二章": "目标页面中没有锚点 #第二章",
    "https://site.example.gov.cn/sub/gkml/gone/": "目标文件不存在",
    "files/a.PDF": "目标文件不存在",
}


def write(path: Path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


def page_with(links: list[str], ids: str = "") -> str:
    anchors = "".join(f'<a href="{url.replace("&", "&amp;")}">x</a>' for url in links)
    return f"<!doctype html><html><body>{ids}{anchors}</body></html>"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    ids = '<h2 id="sec">s</h2><h2 id="第一章">一</h2><a name="named"></a>'
    write(site / "gkml/index.html", page_with(VALID + list(BROKEN), ids))
    write(site / "gkml/other.html", page_with([], '<p id="sec">'))
    write(site / "gkml/folder/index.html", page_with([], '<p id="inner">'))
    write(site / "gkml/empty/readme.txt", "no index here")
    write(site / "gkml/doc/index.html", page_with(["../", "../index.html#sec"]))
    write(site / "gkml" / CN_PDF, b"%PDF-1.4")
    write(site / "gkml/中文页/index.html", page_with([], '<h1 id="第一章">一</h1>'))
    write(site / "gkml/files/a.pdf", b"%PDF-1.4")
    write(site / "index.html", page_with(["gkml/", "gkml/doc/", "nothing/"]))
    return site


def test_every_planted_defect_and_no_false_alarm(corpus: Path):
    result = check_site(str(corpus), "https://site.example.gov.cn/sub/", lambda p: p.startswith("gkml/"))
    found = {b.url: b.reason for b in result.broken}
    assert found == BROKEN
    assert {b.page for b in result.broken} == {"gkml/index.html"}
    assert result.pages == 5
    assert result.links == len(VALID) - 1 + len(BROKEN) + 2  # href="" is no link


def test_site_scope_checks_every_page(corpus: Path):
    result = check_site(str(corpus), "https://site.example.gov.cn/sub/")
    assert {b.url for b in result.broken if b.page == "index.html"} == {"nothing/"}


def test_root_relative_without_site_url_path(tmp_path: Path):
    write(tmp_path / "a/index.html", page_with(["/a/", "/b/", "/", "/a/index.html"]))
    write(tmp_path / "index.html", page_with([]))
    result = check_site(str(tmp_path))
    assert [(b.page, b.url) for b in result.broken] == [("a/index.html", "/b/")]


def test_external_links_are_collected_only_when_asked(corpus: Path):
    assert check_site(str(corpus)).external == {}
    external = check_site(str(corpus), "https://site.example.gov.cn/sub/", external=True).external
    assert set(external) == {"https://www.example.gov.cn/a.html", "https://cdn.example.com/x.js"}


def test_target_file_rules():
    index = SiteIndex({"index.html", "x/index.html", "y.html", "z"})
    assert index.target_file("") == "index.html"
    assert index.target_file("x/") == "x/index.html"
    assert index.target_file("x") == "x/index.html"
    assert index.target_file("y.html") == "y.html"
    assert index.target_file("z") == "z"
    assert index.target_file("z/") is None
    assert index.target_file("Y.html") is None


def test_each_page_is_parsed_once(corpus: Path, monkeypatch):
    from disclosure.links import check as check_module

    calls: list[str] = []
    original = check_module.parse_file
    monkeypatch.setattr(check_module, "parse_file", lambda site, path: calls.append(path) or original(site, path))
    check_site(str(corpus))
    pages = sorted(str(p.relative_to(corpus)) for p in corpus.rglob("*.html"))
    assert len(pages) == 6 and sorted(calls) == pages  # every page, each once


def test_a_target_does_not_depend_on_the_pages_classified_before():
    """Targets of "/…" and "../…" URLs are kept per folder they resolve from: every page must get what
    an index that saw only that page gives, wherever the URL climbs to (out of the site included)."""
    pages = ["index.html", "a.html", "gkml/index.html", "gkml/x/index.html", "gkml/y/index.html",
             "gkml/category/rules/2/index.html", "other/x/index.html"]
    urls = ["../", "../index.html", "../../", "../../assets/a.css", "../../../x/", "../../../../up.html", "..",
            "../..", "../../%2E%2E/z.html", "../y/#sec", "../x/?q=1", "../../gkml/./y/", "/", "/gkml/x/", "//cdn.example/a.js",
            "./", "#top", "", "z.html", "../中文/", "../%E4%B8%AD/"]
    files = {"index.html", "gkml/index.html", "gkml/x/index.html", "gkml/y/index.html", "assets/a.css"}
    shared = SiteIndex(files, "https://site.example.gov.cn/")
    for page in pages * 2:  # the second round takes the kept targets
        for url in urls:
            assert shared.classify(page, url) == SiteIndex(files, "https://site.example.gov.cn/").classify(page, url), (page, url)
    assert shared.classify("gkml/x/index.html", "../../assets/a.css") is shared.classify("gkml/y/index.html", "../../assets/a.css")
