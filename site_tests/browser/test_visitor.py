"""A visitor's path through the column in Chromium: home → column → category → next page → entry →
attachments; breadcrumb 您的位置; keyboard only (skip link, entry links)."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from visitor_site import CATEGORY, ENTRY, FILES, PROJECT

NEWEST_FIRST = ["示例市数据安全管理规定", "关于进一步规范数据共享的意见", "示例市公共数据开放目录",
                "关于开展数据质量检查的通知", "关于印发示例管理办法的通知"]


@pytest.fixture(scope="module")
def site_url(served_project):
    return served_project(PROJECT)[1]


def crumbs(page) -> list[str]:
    return [text.strip() for text in page.locator("nav.dc-breadcrumb li").all_inner_texts()]


def listed_titles(page) -> list[str]:
    return page.locator("table.dc-list tbody tr td:first-child a").all_inner_texts()


def test_home_to_attachment(page, site_url):
    page.goto(site_url)
    page.locator("article").get_by_role("link", name="政府信息公开目录").click()
    page.wait_for_url(site_url + "gkml/")
    assert page.locator("h1").first.inner_text() == "政府信息公开目录"
    assert page.get_by_role("navigation", name="您的位置").inner_text().startswith("您的位置")
    assert crumbs(page) == ["首页", "政府信息公开目录"]

    page.locator("ul.dc-tree").get_by_role("link", name="规范性文件", exact=True).click()
    page.wait_for_url(site_url + CATEGORY)
    assert page.locator("h1").first.inner_text() == "规范性文件"
    assert crumbs(page) == ["首页", "政府信息公开目录", "法规文件", "规范性文件"]
    assert page.locator("nav.dc-breadcrumb [aria-current=page]").inner_text() == "规范性文件"
    seen = listed_titles(page)
    assert seen == NEWEST_FIRST[:2]  # page_size 2, newest first
    assert "第 1/3 页" in page.locator("table.dc-list caption").inner_text()

    pager = page.get_by_role("navigation", name="分页")
    tops = {round(box["y"]) for box in (item.bounding_box() for item in pager.locator("li").all())}
    assert len(tops) == 1, "the pager is one row of page numbers"
    pager.get_by_role("link", name="下一页").click()
    page.wait_for_url(site_url + CATEGORY + "2/")
    assert page.get_by_role("navigation", name="分页").locator("[aria-current=page]").inner_text() == "2"
    assert "第 2/3 页" in page.locator("table.dc-list caption").inner_text()
    assert crumbs(page) == ["首页", "政府信息公开目录", "法规文件", "规范性文件"]
    seen += listed_titles(page)
    page.get_by_role("navigation", name="分页").get_by_role("link", name="下一页").click()
    page.wait_for_url(site_url + CATEGORY + "3/")
    assert page.get_by_role("navigation", name="分页").get_by_role("link", name="下一页").count() == 0
    seen += listed_titles(page)
    assert seen == NEWEST_FIRST  # every entry reached exactly once through the pager

    page.locator("table.dc-list").get_by_role("link", name="关于印发示例管理办法的通知").click()
    page.wait_for_url(site_url + ENTRY)
    assert page.locator("h1.dc-title").inner_text().strip() == "关于印发示例管理办法的通知"
    assert crumbs(page) == ["首页", "政府信息公开目录", "法规文件", "规范性文件", "关于印发示例管理办法的通知"]
    assert page.locator("table.dc-meta").get_by_text("示例〔2021〕1号").count() == 1
    assert "第一条" in page.locator(".dc-body").inner_text()
    # the crumb of the category leads back to its listing
    assert page.locator("nav.dc-breadcrumb").get_by_role("link", name="规范性文件").get_attribute("href") == "../category/normative/"

    links = page.locator(".dc-attachments a")
    assert links.count() == 2
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href")
        response = page.request.get(urljoin(page.url, href))
        assert response.status == 200, href
        source = FILES["content/" + urljoin("/" + ENTRY, href).lstrip("/")]
        assert response.body() == (source if isinstance(source, bytes) else source.encode())
    with page.expect_download() as download:
        links.first.click()
    assert download.value.suggested_filename == "00001-1.pdf"


def test_keyboard_only(page, site_url):
    page.goto(site_url + CATEGORY)
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.textContent.trim(), document.activeElement.getAttribute('href')]")
    assert focused == ["跳到正文", "#dc-main"]
    box = page.locator(".dc-skip").bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0, "the focused skip link must be visible"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "dc-main"

    for _ in range(10):  # from the main content, the first entry link is a few tabs away
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('table.dc-list') && document.activeElement.tagName == 'A'"):
            break
    else:
        pytest.fail("Tab from the main content never reached an entry link")
    title = page.evaluate("() => document.activeElement.textContent.trim()")
    assert title == NEWEST_FIRST[0]
    page.keyboard.press("Enter")
    page.wait_for_url("**/gkml/11440100MB2C00000X-2022-00002/")
    assert page.locator("h1.dc-title").inner_text().strip() == title

    # on an entry page too, the skip link comes first and lands on the content, past the breadcrumb
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "跳到正文"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "dc-main"
    assert page.evaluate("() => document.getElementById('dc-main').contains(document.querySelector('h1.dc-title'))")


def test_skip_link_on_home_and_404_and_chinese_404(page, site_url):
    for path in ("", "404.html"):
        page.goto(site_url + path)
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.textContent.trim()") == "跳到正文", path
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.activeElement.id") == "dc-main", path
    assert page.locator("h1").inner_text() == "页面不存在（404）"
    assert page.title() == "页面不存在 - 示例"
    page.locator("#dc-main").get_by_role("link", name="政府信息公开目录").click()
    page.wait_for_url(site_url + "gkml/")
