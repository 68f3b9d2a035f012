"""Printing an entry page: only the document (title, metadata table, body) goes on paper."""

from __future__ import annotations

import pytest

from visitor_site import ENTRY, PROJECT, REPEALED

CHROME = {"header": ".md-header", "navigation sidebar": ".md-sidebar--primary", "toc sidebar": ".md-sidebar--secondary",
          "footer": ".md-footer", "breadcrumb": "nav.dc-breadcrumb", "print button": "button.dc-print",
          "skip link": ".dc-skip"}
DOCUMENT = {"title": "h1.dc-title", "metadata table": "table.dc-meta", "body": ".dc-body", "attachments": ".dc-attachments"}


@pytest.fixture(scope="module")
def site_url(served_project):
    return served_project(PROJECT)[1]


@pytest.fixture
def wide_page(page):
    page.set_viewport_size({"width": 1400, "height": 900})  # wide enough for both of Material's sidebars
    return page


def visible(page, selector: str) -> bool:
    """Whether anything matching `selector` is rendered (not display:none / zero-sized)."""
    return page.evaluate("""selector => [...document.querySelectorAll(selector)].some(element => {
        const box = element.getBoundingClientRect();
        return getComputedStyle(element).visibility !== 'hidden' && box.width > 0 && box.height > 0;
    })""", selector)


def test_print_button_on_screen(wide_page, site_url):
    page = wide_page
    page.goto(site_url + ENTRY)
    button = page.get_by_role("button", name="打印本页")
    assert button.is_visible()
    page.evaluate("() => { window.print = () => { window.__printed = true; }; }")
    button.click()
    assert page.evaluate("() => window.__printed === true")
    for name in ("header", "navigation sidebar", "footer", "breadcrumb"):
        assert visible(page, CHROME[name]), f"{name} should be on screen"


def test_print_shows_only_the_document(wide_page, site_url):
    page = wide_page
    page.goto(site_url + ENTRY)
    page.emulate_media(media="print")
    hidden = [name for name, selector in CHROME.items() if visible(page, selector)]
    assert hidden == [], f"printed although they should not be: {hidden}"
    missing = [name for name, selector in DOCUMENT.items() if not visible(page, selector)]
    assert missing == [], f"missing from print: {missing}"
    meta = page.locator("table.dc-meta").inner_text()
    for label in ("索引号", "发布机构", "生成日期", "文号", "有效性"):
        assert label in meta
    # the content starts at the left edge of the paper, not beside an empty sidebar column
    assert page.locator("h1.dc-title").bounding_box()["x"] < 100
    page.emulate_media(media="screen")
    assert visible(page, CHROME["header"]) and visible(page, CHROME["print button"])


def test_print_of_repealed_entry_keeps_the_notice(wide_page, site_url):
    page = wide_page
    page.goto(site_url + REPEALED)
    page.emulate_media(media="print")
    assert visible(page, ".dc-void") and "本文件已废止" in page.locator(".dc-void").inner_text()
    assert visible(page, "table.dc-meta") and visible(page, "h1.dc-title")
    assert not visible(page, "button.dc-print")
