"""axe-core on every kind of page: no serious or critical violation, nothing loaded from another host."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from conftest import AXE
from visitor_site import CATEGORY, ENTRY, PROJECT, REPEALED, REPORT

PAGES = {
    "site home": "",
    "editorial page": "about/",
    "column home": "gkml/",
    "category page 1": CATEGORY,
    "category page 2": CATEGORY + "2/",
    "entry": ENTRY,
    "repealed entry": REPEALED,
    "annual report entry": REPORT,
    "404": "404.html",
}
RUN_AXE = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' → ' + n.failureSummary.replace(/\\s+/g, ' '))}))"""


@pytest.fixture(scope="module")
def site_url(served_project):
    return served_project(PROJECT)[1]


@pytest.fixture
def audited(page):
    """The page fixture plus a record of every request to another host (the fixture aborts them)."""
    foreign: list[str] = []
    page.context.on("request", lambda request: None if request.url.startswith(("http://127.0.0.1", "data:", "blob:"))
                    else foreign.append(request.url))
    yield page, foreign
    assert foreign == [], f"requests to another host: {foreign}"


def serious_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE)


def describe(violations: list[dict]) -> str:
    return "\n".join(f"[{v['impact']}] {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"]) for v in violations)


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_no_serious_violations(audited, site_url, path):
    page, _ = audited
    response = page.goto(site_url + path)
    assert response and response.status == 200
    page.wait_for_load_state("networkidle")
    violations = serious_violations(page)
    assert violations == [], describe(violations)


def test_search_dialog_with_results(audited, site_url):
    page, _ = audited
    page.goto(site_url + "about/?q=数据")
    page.locator("[data-md-component=search-result] a[href*='/gkml/']").first.wait_for()  # entries from our worker too
    assert page.locator("[data-md-component=search-result] mark").count() > 0
    assert page.locator("[role=dialog]", has=page.locator(".md-search__form")).get_attribute("aria-label")
    violations = serious_violations(page)
    assert violations == [], describe(violations)


def test_narrow_screen_with_open_drawer(audited, site_url):
    page, _ = audited
    page.set_viewport_size({"width": 375, "height": 720})
    page.goto(site_url + CATEGORY + "2/")
    violations = serious_violations(page)
    assert violations == [], describe(violations)
    page.locator("label.md-header__button[for=__drawer]").click()
    page.locator(".md-sidebar--primary").wait_for(state="visible")
    violations = serious_violations(page)
    assert violations == [], describe(violations)


def test_demo_site_pages(audited, demo_url):
    """The repository's own demo: every editorial page in the nav, the column home, its first categories
    and entries on a wide screen; the editorial pages also at 320 px (editors' tables must not need scrolling)."""
    page, _ = audited
    page.goto(demo_url)
    paths = ["", "gkml/"] + [href for href in page.locator(".md-nav--primary a.md-nav__link[href]").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))") if not href.startswith(("gkml", "#", "http"))]
    page.goto(demo_url + "gkml/")
    for selector in ("ul.dc-tree a", "table.dc-list tbody a"):
        paths += ["gkml/" + href for href in
                  page.locator(selector).evaluate_all("links => links.slice(0, 2).map(a => a.getAttribute('href'))")]
    assert page.locator('ul.dc-tree a[href="category/annual-reports/"]').count() == 1  # the demo has 年度报告
    page.goto(demo_url + "gkml/category/annual-reports/")  # an annual report's entry is a page kind of its own
    reports = page.locator("table.dc-list tbody a").evaluate_all("links => links.slice(0, 1).map(a => a.getAttribute('href'))")
    assert len(reports) == 1
    paths += ["gkml/category/annual-reports/", urljoin(page.url, reports[0]).removeprefix(demo_url)]
    paths = list(dict.fromkeys("" if path in (".", "./") else path.removeprefix("./") for path in paths))
    assert len(paths) >= 6, paths
    failures = []
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 800})
        for path in paths if width > 320 else [path for path in paths if not path.startswith("gkml/")]:
            response = page.goto(demo_url + path)
            assert response and response.status == 200, path
            violations = serious_violations(page)
            if violations:
                failures.append(f"{path} at {width}px:\n{describe(violations)}")
    assert failures == [], "\n".join(failures)
