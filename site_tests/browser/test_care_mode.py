"""关怀模式 (care mode): a header button with aria-pressed; text ≥ 20 px, line height ≥ 1.8, contrast ≥ 7:1 (axe's
color-contrast-enhanced), targets ≥ 44 px; remembered across pages and reloads; the normal mode without
JavaScript and on paper; axe-core clean in both modes, the search dialog open too."""

from __future__ import annotations

import pytest

from test_a11y import AXE, describe, serious_violations
from visitor_site import CATEGORY, ENTRY, PROJECT, REPORT

PAGES = {"site home": "", "editorial page": "about/", "column home": "gkml/?q=数据", "category listing": CATEGORY,
         "entry": ENTRY, "annual report entry": REPORT}
ENHANCED_CONTRAST = """async () => (await axe.run(document, {runOnly: {type: 'rule', values: ['color-contrast-enhanced']}}))
    .violations.map(v => v.nodes.slice(0, 6).map(n => n.target.join(' ') + ' → ' + n.failureSummary.replace(/\\s+/g, ' ')))"""
TEXT_SIZES = """() => {
    const small = [], tight = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const e = node.parentElement;
        if (!node.nodeValue.trim() || !e.checkVisibility({visibilityProperty: true}) || e.closest('.dc-sr-only, svg, .md-header')) continue;
        const box = e.getBoundingClientRect(), style = getComputedStyle(e);
        if (!box.width || box.bottom < 0 || box.right < 0) continue;
        const size = parseFloat(style.fontSize), label = e.tagName.toLowerCase() + ' “' + node.nodeValue.trim().slice(0, 12) + '” ';
        if (size < 20) small.push(label + size);
        const block = e.closest('p, li, td, th, dd, dt, caption, figcaption');
        if (block && !block.closest('h1, h2, h3, h4, h5, h6') && parseFloat(getComputedStyle(block).lineHeight) < 1.8 * parseFloat(getComputedStyle(block).fontSize) - 0.5)
            tight.push(label + getComputedStyle(block).lineHeight);
    }
    return {small: small.slice(0, 10), tight: tight.slice(0, 10)};
}"""
TARGETS = """() => [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, summary, label[for]')].filter(e => {
    if (!e.checkVisibility({visibilityProperty: true, opacityProperty: true}) || e.closest('.dc-sr-only, .md-search__overlay') || e.matches('.md-search__overlay, .md-toggle')) return false;
    const box = e.getBoundingClientRect();
    if (!box.width || !box.height || box.bottom < 0 || box.top > innerHeight * 3) return false;
    const inSentence = getComputedStyle(e).display === 'inline' && e.parentElement.textContent.trim() !== e.textContent.trim();
    return box.height < 44 || (box.width < 44 && !inSentence);
}).slice(0, 10).map(e => e.outerHTML.slice(0, 80) + ' ' + Math.round(e.getBoundingClientRect().width) + '×' + Math.round(e.getBoundingClientRect().height))"""


@pytest.fixture(scope="module")
def site_url(served_project):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make test-deps` (npm install --no-save axe-core@4)")
    return served_project(PROJECT)[1]


def care_on(page, url: str) -> None:
    page.goto(url)
    button = page.get_by_role("button", name="关怀模式")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert page.evaluate("document.documentElement.classList.contains('dc-care')")


def test_button_state_is_remembered_across_pages_and_reloads(page, site_url):
    care_on(page, site_url + "about/")
    size = page.locator("article p").first.evaluate("p => parseFloat(getComputedStyle(p).fontSize)")
    assert size >= 20
    page.goto(site_url + ENTRY)  # another page: applied before the first paint, by the line in <head>
    assert page.get_by_role("button", name="关怀模式").get_attribute("aria-pressed") == "true"
    page.reload()
    assert page.evaluate("document.documentElement.classList.contains('dc-care')")
    page.get_by_role("button", name="关怀模式").click()
    page.goto(site_url)
    assert page.get_by_role("button", name="关怀模式").get_attribute("aria-pressed") == "false"
    assert page.locator("article p").first.evaluate("p => parseFloat(getComputedStyle(p).fontSize)") < 20


def test_the_class_is_set_before_the_body_is_parsed(page, site_url):
    page.add_init_script("localStorage.setItem('dc-care', '1')")
    page.add_init_script("""new MutationObserver((_, o) => { if (document.body) { window.__atBody = document.documentElement.classList.contains('dc-care'); o.disconnect(); } })
        .observe(document, {childList: true, subtree: true});""")
    page.goto(site_url + ENTRY)
    assert page.evaluate("window.__atBody") is True


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_text_size_line_height_contrast_and_targets(page, site_url, path, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.add_init_script("localStorage.setItem('dc-care', '1')")
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    if "q=" in path:
        page.locator("[data-dc-list] [data-index]").first.wait_for()
    sizes = page.evaluate(TEXT_SIZES)
    assert sizes == {"small": [], "tight": []}
    assert page.evaluate(TARGETS) == []
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(ENHANCED_CONTRAST) == []
    violations = serious_violations(page)
    assert violations == [], describe(violations)


@pytest.mark.parametrize("care", [False, True], ids=["normal", "care"])
def test_search_dialog_in_both_modes(page, site_url, care):
    if care:
        page.add_init_script("localStorage.setItem('dc-care', '1')")
    page.goto(site_url + "about/?q=数据")
    page.locator("[data-md-component=search-result] a[href*='/gkml/']").first.wait_for()
    violations = serious_violations(page)
    assert violations == [], describe(violations)
    if care:
        assert page.evaluate(ENHANCED_CONTRAST) == []
        assert page.evaluate(TEXT_SIZES)["small"] == []


def test_without_javascript_the_normal_mode_and_no_button(browser, site_url):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(site_url + ENTRY)
        assert page.get_by_role("button", name="关怀模式").count() == 0  # hidden: not in the accessibility tree
        assert page.locator("[data-dc-care-toggle]").count() == 1
        assert not page.evaluate("document.documentElement.classList.contains('dc-care')")
    finally:
        context.close()


def test_print_is_the_same_in_both_modes(page, site_url):
    def printed() -> list:
        page.emulate_media(media="print")
        styles = page.evaluate("""() => ['h1.dc-title', 'table.dc-meta td', '.dc-body p', 'a'].map(s => {
            const e = document.querySelector(s), c = getComputedStyle(e);
            return [s, c.fontSize, c.lineHeight, c.color, c.paddingTop];
        })""")
        page.emulate_media(media="screen")
        return styles

    page.goto(site_url + ENTRY)
    normal = printed()
    page.get_by_role("button", name="关怀模式").click()
    assert printed() == normal
    assert page.get_by_role("button", name="关怀模式").is_visible()
    page.emulate_media(media="print")
    assert not page.get_by_role("button", name="关怀模式").is_visible()


@pytest.mark.parametrize("width", [1280, 360])
def test_the_header_shows_the_same_controls_in_both_modes(page, site_url, width):
    """Material shows the menu and search buttons by screen width; 关怀模式 enlarges them, never reveals one."""
    page.set_viewport_size({"width": width, "height": 800})
    shown = "() => [...document.querySelectorAll('.md-header__button')].filter(e => e.checkVisibility()).map(e => e.outerHTML.slice(0, 60))"
    page.goto(site_url + ENTRY)
    normal = page.evaluate(shown)
    page.get_by_role("button", name="关怀模式").click()
    assert page.evaluate(shown) == normal
