"""History of both searches: typing writes the URL into one entry (replaceState after its first keystroke), a
committed search (Enter, 检索, a filter, a page, the order) adds one; Back and Forward restore query, filters,
page, results and focus."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ranking_site import EXAM, NEWER, PLATFORM, PROJECT, SUBJECT, TRAP, entry_path


@pytest.fixture(scope="module")
def site_url(served_project):
    return served_project(PROJECT)[1]


def params(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def rows(page) -> list[str]:
    page.wait_for_function("!document.querySelector('[data-dc-status]').hasAttribute('aria-busy')")
    return page.locator("[data-dc-list] [data-index]").evaluate_all("rows => rows.map(r => r.dataset.index.split('/')[1])")


def focused(page) -> str:
    return page.evaluate("document.activeElement.id || document.activeElement.getAttribute('data-md-component') || ''")


def open_catalogue(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("[data-dc-catalogue-search][data-dc-ready]")


def open_site_search(page):
    """Click the header's search box until Material has opened its dialog: under load the first click can
    come before Material watches the box's focus (the page's load event does not wait for that)."""
    query = page.locator("[data-md-component=search-query]")
    for _ in range(5):
        query.click()
        try:
            page.wait_for_function("document.getElementById('__search').checked", timeout=3000)
            return query
        except PlaywrightTimeout:
            query.evaluate("input => input.blur()")
    raise AssertionError("Material's search dialog did not open on a click in the header's search box")


def type_slowly(page, text: str) -> None:
    """Key by key, waiting for each URL write (it comes after the next frame)."""
    box = page.get_by_label("关键词、文号或索引号")
    box.fill("")
    for n in range(1, len(text) + 1):
        box.press_sequentially(text[n - 1])
        page.wait_for_function("q => new URLSearchParams(location.search).get('q') === q", arg=text[:n])


def test_back_after_typing_and_enter_returns_to_the_first_query(page, site_url):
    """The issue's path: the column home with ?q=, another query typed and Enter, then Back."""
    open_catalogue(page, site_url + "gkml/?q=数据共享平台")
    assert rows(page) == [PLATFORM]
    start = page.evaluate("history.length")
    type_slowly(page, "考核")
    page.keyboard.press("Enter")
    assert rows(page) == [EXAM] and params(page)["q"] == ["考核"]
    assert page.evaluate("history.length") == start + 1  # typing and Enter: one entry
    page.go_back()
    page.wait_for_function("new URLSearchParams(location.search).get('q') === '数据共享平台'")
    assert page.get_by_label("关键词、文号或索引号").input_value() == "数据共享平台"
    assert rows(page) == [PLATFORM]
    assert focused(page) == "dc-q"
    page.go_forward()
    page.wait_for_function("new URLSearchParams(location.search).get('q') === '考核'")
    assert page.get_by_label("关键词、文号或索引号").input_value() == "考核" and rows(page) == [EXAM]


def test_typing_alone_adds_one_entry_and_enter_none_more(page, site_url):
    open_catalogue(page, site_url + "gkml/")
    start = page.evaluate("history.length")
    type_slowly(page, "数据共享")
    assert page.evaluate("history.length") == start + 1
    page.get_by_role("button", name="检索").click()  # commits the entry typing added
    assert page.evaluate("history.length") == start + 1
    page.get_by_role("button", name="检索").click()  # the same search again: nothing new
    assert page.evaluate("history.length") == start + 1
    page.go_back()  # the page as it was before typing, not the previous site
    page.wait_for_function("location.search === ''")
    assert page.url == site_url + "gkml/"
    assert page.get_by_label("关键词、文号或索引号").input_value() == ""
    assert page.locator("[data-dc-results]").is_hidden()


def test_filters_order_and_pages_each_add_an_entry_with_their_focus(page, site_url):
    open_catalogue(page, site_url + "gkml/?q=通知")
    first = rows(page)
    assert len(first) == 20 and params(page) == {"q": ["通知"]}
    page.get_by_role("button", name="下一页").click()
    page.wait_for_function("location.search.includes('page=2')")
    second = rows(page)
    page.get_by_role("button", name="按相关度").click()
    page.wait_for_function("location.search.includes('sort=relevance')")
    assert rows(page) == first and "page" not in params(page)  # every 通知 in a title: the same order, from page 1
    page.locator("select[name=year]").select_option("2023")
    page.wait_for_function("location.search.includes('year=2023')")
    assert rows(page) == NEWER[:20]
    page.go_back()
    page.wait_for_function("!location.search.includes('year=')")
    assert page.locator("select[name=year]").input_value() == "" and rows(page) == first
    assert focused(page) == "dc-sort-relevance"
    page.go_back()
    page.wait_for_function("location.search.includes('page=2')")
    assert rows(page) == second and focused(page) == "dc-results-title"
    assert page.get_by_role("button", name="按时间").get_attribute("aria-pressed") == "true"
    page.go_back()
    page.wait_for_function("!location.search.includes('page=')")
    assert rows(page) == first
    page.go_forward()
    page.go_forward()
    page.go_forward()
    page.wait_for_function("location.search.includes('year=2023')")
    assert page.locator("select[name=year]").input_value() == "2023" and rows(page) == NEWER[:20]
    assert focused(page) == "dc-year"


def site_results(page) -> list[str]:
    meta = page.locator("[data-md-component=search-result] .md-search-result__meta")
    page.wait_for_function("t => /结果/.test(t.textContent)", arg=meta.element_handle())
    return page.locator("[data-md-component=search-result] a.md-search-result__link").evaluate_all(
        "ls => ls.map(l => new URL(l.href).pathname.slice(1))")


def test_site_search_typing_order_and_back(page, site_url):
    page.goto(site_url + "about/")
    start = page.evaluate("history.length")
    query = open_site_search(page)  # the header's search box (wide screen) opens the dialog
    for text in ("数据", "数据共享平台"):
        query.fill(text)
        query.press("End")  # Material reads the query on keyup
        page.wait_for_function("q => new URLSearchParams(location.search).get('q') === q", arg=text)
    page.wait_for_function("document.querySelectorAll('.md-search-result__link').length === 2")
    assert site_results(page) == [entry_path(PLATFORM), entry_path(TRAP)]
    assert page.evaluate("history.length") == start + 1
    page.get_by_role("button", name="按时间").click()
    page.wait_for_function("location.search.includes('sort=time')")
    page.wait_for_function("document.querySelector('.md-search-result__link').href.includes('2024-00031')")
    assert page.evaluate("history.length") == start + 2
    assert focused(page) == "dc-site-sort-time"
    page.go_back()
    page.wait_for_function("!location.search.includes('sort=')")
    page.wait_for_function("document.querySelector('.md-search-result__link').href.includes('2018-00002')")
    assert page.locator("#__search").is_checked() and query.input_value() == "数据共享平台"
    assert focused(page) == "search-query"
    page.go_back()  # the page before the search: the dialog closes
    page.wait_for_function("location.search === ''")
    assert not page.locator("#__search").is_checked()
    page.go_forward()
    page.wait_for_function("location.search.includes('q=')")
    assert page.locator("#__search").is_checked() and query.input_value() == "数据共享平台"
    assert site_results(page) == [entry_path(PLATFORM), entry_path(TRAP)]


def test_site_search_back_from_a_result_and_after_closing(page, site_url):
    page.goto(site_url + "about/")
    query = open_site_search(page)  # the header's search box (wide screen) opens the dialog
    query.fill("数据共享 考核")
    query.press("End")
    page.wait_for_function("location.search.includes('q=')")
    page.wait_for_function("(document.querySelector('.md-search-result__link') || {}).href?.includes('2021-00005')")
    query.press("Enter")  # Material opens the best result: the first one listed
    page.wait_for_url("**/" + entry_path(EXAM))
    page.go_back()
    page.wait_for_url("**/about/?q=*")
    page.wait_for_function("document.getElementById('__search').checked")
    assert query.input_value() == "数据共享 考核"
    assert site_results(page)[:2] == [entry_path(EXAM), entry_path(SUBJECT)]
    page.keyboard.press("Escape")  # closing adds an entry: Back brings the search again
    page.wait_for_function("location.search === ''")
    page.go_back()
    page.wait_for_function("document.getElementById('__search').checked")
    assert query.input_value() == "数据共享 考核" and focused(page) == "search-query"
