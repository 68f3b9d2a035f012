"""Phones: at 360 px no page kind is wider than the screen; the entry's metadata table shows label/value pairs;
annual report tables scroll inside their own labelled, focusable box with the first column kept in view."""

from __future__ import annotations

import pytest

from visitor_site import CATEGORY, ENTRY, PROJECT, REPORT

PHONE = {"width": 360, "height": 740}
PAGES = {
    "site home": "",
    "editorial page": "about/",
    "column home": "gkml/",
    "column home with catalogue results": "gkml/?q=数据",
    "category listing": CATEGORY,
    "entry": ENTRY,
    "annual report entry": REPORT,
    "site search results": "about/?q=数据",
    "404": "404.html",
}
WIDTH = "document.scrollingElement.scrollWidth"


@pytest.fixture(scope="module")
def site_url(served_project):
    return served_project(PROJECT)[1]


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    return page


def settle(page, path: str) -> None:
    page.wait_for_load_state("networkidle")
    if "q=" in path and path.startswith("gkml/"):
        page.wait_for_selector("[data-dc-catalogue-search][data-dc-ready]")
        page.locator("[data-dc-list] [data-index]").first.wait_for()
    elif "q=" in path:
        page.locator("[data-md-component=search-result] .md-search-result__link").first.wait_for()


def wider_elements(page) -> list[str]:
    """Elements reaching past the right edge of the screen (outside boxes that scroll on their own)."""
    return page.evaluate("""() => [...document.querySelectorAll('body *')].filter(e => {
        const box = e.getBoundingClientRect();
        if (!box.width || box.right <= innerWidth + 0.5) return false;
        for (let p = e.parentElement; p; p = p.parentElement) {
            const style = getComputedStyle(p);
            if (/(auto|scroll|hidden)/.test(style.overflowX) && p.getBoundingClientRect().right <= innerWidth + 0.5) return false;
        }
        return getComputedStyle(e).visibility !== 'hidden';
    }).slice(0, 8).map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '') + ' ' + Math.round(e.getBoundingClientRect().right))""")


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
@pytest.mark.parametrize("care", [False, True], ids=["normal", "care"])
def test_no_page_is_wider_than_the_phone(phone, site_url, path, care):
    if care:
        phone.add_init_script("localStorage.setItem('dc-care', '1')")
    phone.goto(site_url + path)
    settle(phone, path)
    assert phone.evaluate("document.documentElement.classList.contains('dc-care')") == care
    assert phone.evaluate(WIDTH) <= PHONE["width"], wider_elements(phone)


def test_metadata_table_is_label_value_pairs_on_a_phone_and_a_table_on_a_wide_screen(phone, site_url):
    phone.goto(site_url + ENTRY)
    table = phone.locator("table.dc-meta")
    pairs = table.evaluate("""t => [...t.querySelectorAll('th')].map(th => {
        const value = th.nextElementSibling, a = th.getBoundingClientRect(), b = value.getBoundingClientRect();
        return [th.textContent, Math.round(a.left), Math.round(b.left), Math.abs(a.top - b.top) < 2];
    })""")
    assert [label for label, *_ in pairs][:6] == ["索引号", "分类", "发布机构", "生成日期", "文号", "有效性"]
    assert {left for _, left, _, _ in pairs} == {pairs[0][1]}, "every label starts a line"
    assert all(same_line and value_left > label_left for _, label_left, value_left, same_line in pairs)
    assert phone.get_by_role("table", name="信息属性").count() == 1
    assert phone.get_by_role("rowheader", name="文号").count() == 1  # still a table for screen readers
    assert phone.get_by_role("cell", name="示例〔2021〕1号").count() == 1
    phone.set_viewport_size({"width": 1280, "height": 800})
    lefts = table.locator("tr").first.evaluate("tr => [...tr.children].map(c => Math.round(c.getBoundingClientRect().top))")
    assert len(set(lefts)) == 1, "four cells in one row on a wide screen"


def test_report_tables_scroll_in_their_own_box_with_the_first_column_in_view(phone, site_url):
    phone.goto(site_url + REPORT)
    boxes = phone.locator(".dc-report-scroll")
    assert boxes.count() >= 4
    box = phone.locator(".dc-report-scroll", has=phone.locator("table[data-report-table=applications]"))  # nine columns
    assert box.get_attribute("role") == "region" and box.get_attribute("tabindex") == "0" and box.get_attribute("aria-label")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth"), "the wide table scrolls inside its box"
    box.focus()
    phone.keyboard.press("ArrowRight")  # keyboard users scroll it too (smoothly: wait for it to move)
    phone.wait_for_function("b => b.scrollLeft > 0", arg=box.element_handle())
    box.evaluate("b => { b.style.scrollBehavior = 'auto'; b.scrollLeft = b.scrollWidth; }")  # then to the far end at once
    first = box.locator("tbody tr:not(.dc-report-group) th").first
    header = box.locator("thead th").first
    box_left = box.evaluate("b => b.getBoundingClientRect().left")
    assert box.evaluate("b => b.scrollLeft") > 50
    assert abs(first.evaluate("e => e.getBoundingClientRect().left") - box_left) < 2, "row headers stay at the left edge"
    assert abs(header.evaluate("e => e.getBoundingClientRect().left") - box_left) < 2
    assert first.evaluate("e => getComputedStyle(e).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    assert phone.evaluate(WIDTH) <= PHONE["width"]
