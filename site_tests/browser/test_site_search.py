"""Site-wide full-text search (Material + jieba): ?q= on any page opens it pre-filled."""

from __future__ import annotations

import json

import pytest

from conftest import serve

FILES = {"content/about.md": "# 关于数据共享\n\n本局负责全市政务数据共享交换工作。\n"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import MINIMAL_MKDOCS, SMALL_CATALOGUE, SMALL_FILES, run, write_project
    import sys

    root = tmp_path_factory.mktemp("site-search")
    write_project(root, {"mkdocs.yml": MINIMAL_MKDOCS, **SMALL_FILES, **FILES, "directory.yml": SMALL_CATALOGUE})
    result = run([sys.executable, "-m", "mkdocs", "build", "-d", str(root / "site")], root)
    assert result.returncode == 0, result.stdout + result.stderr
    url, server = serve(root / "site")
    yield root / "site", url
    server.shutdown()


def test_entry_pages_stay_out_of_the_index(built):
    site, _ = built
    locations = [doc["location"] for doc in json.loads((site / "search/search_index.json").read_text("utf-8"))["docs"]]
    assert any(location.startswith("about/") for location in locations)
    assert not any(location.startswith("gkml/11440100MB2C00000X-") for location in locations)


def test_query_opens_search_prefilled_without_zero_width_spaces(page, built):
    _, url = built
    page.goto(url + "about/?q=数据共享")
    page.wait_for_function("document.getElementById('__search').checked")
    assert page.locator("[data-md-component=search-query]").input_value() == "数据共享"
    results = page.locator("[data-md-component=search-result] a")
    results.first.wait_for()
    assert "数据共享" in results.first.inner_text()
    text = page.locator("[data-md-component=search-result]").evaluate("e => e.textContent")
    assert "\u200b" not in text


def test_column_home_keeps_q_for_the_catalogue_search(page, built):
    _, url = built
    page.goto(url + "gkml/?q=规划")
    page.wait_for_selector("[data-dc-catalogue-search][data-dc-ready]")
    page.wait_for_load_state("load")
    page.wait_for_function("location.search === '?q=' + encodeURIComponent('规划')")
    assert not page.locator("#__search").is_checked()
    assert page.locator("[data-dc-list] [data-index]").count() == 1
