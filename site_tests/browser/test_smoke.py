"""The column home opens in Chromium and shows the category tree."""

import yaml

from conftest import SMALL_CATALOGUE, serve


def tree_titles(categories: list[dict]) -> list[str]:
    return [title for c in categories for title in [c["title"], *tree_titles(c.get("children", []))]]


def test_column_home_in_browser(page, build_site):
    built = build_site()
    url, server = serve(built.site)
    try:
        page.goto(url + "gkml/")
        assert page.locator("h1").first.inner_text() == "政府信息公开目录"
        tree = page.locator("ul.dc-tree a").evaluate_all("links => links.map(a => a.textContent.trim())")
        assert tree == tree_titles(yaml.safe_load(SMALL_CATALOGUE)["categories"])
        page.get_by_role("link", name="规范性文件").first.click()
        page.wait_for_url("**/gkml/category/normative/")
    finally:
        server.shutdown()
