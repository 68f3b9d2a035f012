"""Ranking by relevance (title, 文号 or 索引号 > 主题词, 内容概述 or 发布机构 > body only; then more of the query's
words; then newer) in the site-wide search and the catalogue search, and the switch 按相关度 / 按时间."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from ranking_site import EXAM, KEYWORD, NEWER, PLATFORM, PROJECT, SUBJECT, TRAP, entry_path
from test_site_search import results


@pytest.fixture(scope="module")
def site_url(served_project):
    return served_project(PROJECT)[1]


def paths(found: list[tuple[str, str]]) -> list[str]:
    return [path for path, _ in found]


def test_the_subject_of_a_word_comes_before_newer_mentions(page, site_url):
    """Material shows the first ten: pages and entries merged by tier, a page first within one."""
    found = paths(results(page, site_url, "数据共享"))
    assert found == ["guide/", *map(entry_path, [TRAP, EXAM, SUBJECT, KEYWORD, PLATFORM]), "about/",
                     *map(entry_path, NEWER[:3])]
    switch = page.get_by_role("group", name="结果排序")
    assert switch.get_by_role("button", name="按相关度").get_attribute("aria-pressed") == "true"
    assert switch.get_by_role("button", name="按时间").get_attribute("aria-pressed") == "false"


def test_by_time_is_the_old_order_and_kept_in_the_url(page, site_url):
    found = paths(results(page, site_url, "数据共享", sort="time"))
    assert found == ["guide/", "about/", entry_path(TRAP), *map(entry_path, NEWER[:7])]
    assert page.get_by_role("button", name="按时间").get_attribute("aria-pressed") == "true"
    page.get_by_role("button", name="按相关度").click()  # the worker answers again in the other order
    page.wait_for_function("""() => [...document.querySelectorAll('.md-search-result__link')]
        .map(a => a.getAttribute('href')).slice(0, 2).join(' ').includes('2024-00031')""")
    assert paths(results_now(page, site_url))[:4] == ["guide/", *map(entry_path, [TRAP, EXAM, SUBJECT])]
    assert "sort" not in parse_qs(urlsplit(page.url).query) and parse_qs(urlsplit(page.url).query)["q"] == ["数据共享"]
    assert page.locator("#__search").is_checked()  # the dialog stays open
    page.get_by_role("button", name="按时间").click()
    page.wait_for_function("location.search.includes('sort=time')")
    page.wait_for_function("""() => document.querySelectorAll('.md-search-result__link')[1].getAttribute('href').includes('about')""")


def results_now(page, url: str) -> list[tuple[str, str]]:
    links = page.locator("[data-md-component=search-result] a.md-search-result__link")
    return [(href.removeprefix(url), text) for href, text in
            zip(links.evaluate_all("ls => ls.map(l => l.href)"), links.evaluate_all("ls => ls.map(l => l.textContent)"))]


def test_pairs_in_the_title_do_not_make_a_title_match(page, site_url):
    """Every pair of 数据共享平台 is in the newest title (共享平台建设与数据共享), the word only in its body: it
    comes after the old entry holding the word as a keyword."""
    assert paths(results(page, site_url, "数据共享平台")) == [entry_path(PLATFORM), entry_path(TRAP)]
    assert paths(results(page, site_url, "数据共享平台", sort="time")) == [entry_path(TRAP), entry_path(PLATFORM)]


def test_more_words_in_the_best_tier_first(page, site_url):
    found = paths(results(page, site_url, "数据共享 考核"))
    assert found[:5] == [entry_path(EXAM), entry_path(SUBJECT), *map(entry_path, NEWER[:3])]


def test_enter_opens_the_first_result(page, site_url):
    results(page, site_url, "数据共享平台")
    page.locator("[data-md-component=search-query]").press("Enter")
    page.wait_for_url("**/" + entry_path(PLATFORM))


def catalogue_rows(page) -> list[str]:
    page.wait_for_function("!document.querySelector('[data-dc-status]').hasAttribute('aria-busy')")
    return page.locator("[data-dc-list] [data-index]").evaluate_all("rows => rows.map(r => r.dataset.index.split('/')[1])")


def test_catalogue_search_newest_first_unless_asked(page, site_url):
    page.goto(site_url + "gkml/?q=数据共享")
    page.wait_for_selector("[data-dc-catalogue-search][data-dc-ready]")
    assert catalogue_rows(page) == [TRAP, EXAM, KEYWORD, SUBJECT, PLATFORM]
    relevance = page.get_by_role("group", name="排序：").get_by_role("button", name="按相关度")
    assert relevance.get_attribute("aria-pressed") == "false"
    relevance.click()
    page.wait_for_function("location.search.includes('sort=relevance')")
    assert catalogue_rows(page) == [TRAP, EXAM, SUBJECT, KEYWORD, PLATFORM]
    assert relevance.get_attribute("aria-pressed") == "true"
    page.go_back()
    page.wait_for_function("!location.search.includes('sort=')")
    assert catalogue_rows(page) == [TRAP, EXAM, KEYWORD, SUBJECT, PLATFORM]
    page.goto(site_url + "gkml/?q=数据共享平台&sort=relevance")
    page.wait_for_selector("[data-dc-catalogue-search][data-dc-ready]")
    assert catalogue_rows(page) == [PLATFORM]  # the catalogue has no bodies: only the keyword matches
    page.goto(site_url + "gkml/?category=rules")
    page.wait_for_selector("[data-dc-catalogue-search][data-dc-ready]")
    assert page.locator("[data-dc-sort]").is_hidden()  # no words, nothing to rank
