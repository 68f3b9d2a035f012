"""Catalogue search (目录检索) on the column home, in Chromium."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import MINIMAL_MKDOCS, SMALL_FILES

CATALOGUE = """\
agency: {name: 示例市数据管理局, code: "11440100MB2C00000X"}
categories:
  - {id: rules, title: 法规文件, children: [{id: normative, title: 规范性文件}]}
  - {id: plans, title: 规划计划}
  - {id: licensing, title: 行政许可}
  - {id: batch, title: 批量事项}
entries:
  - {index: 11440100MB2C00000X/2021-00012, title: 关于行政许可事项清单的通知, category: licensing, publisher: 审批科,
     date: 2021-06-01, doc_number: 示例〔2021〕12号, validity: in_force, keywords: [审批], link: "https://www.example.gov.cn/1.html"}
  - {index: 11440100MB2C00000X/2021-00001, title: 关于印发示例管理办法的通知, category: normative, publisher: 办公室,
     date: 2021-03-01, doc_number: 示例〔2021〕1号, validity: in_force, keywords: [数据, 共享], summary: 规范数据共享工作,
     link: "https://www.example.gov.cn/2.html"}
  - {index: 11440100MB2C00000X/2020-00007, title: 示例市数据发展规划, category: plans, publisher: 规划科, date: 2020-05-06,
     validity: repealed, link: "https://www.example.gov.cn/3.html"}
  - {index: 11440100MB2C00000X/2019-00003, title: "<b>加粗</b> 与 <script>alert(1)</script> 的标题", category: rules,
     publisher: 办公室, date: 2019-01-02, doc_number: 示例（2019）3号, validity: expired, link: "https://www.example.gov.cn/4.html"}
"""
BATCH = "".join(f"""
  - {{index: 11440100MB2C00000X/2018-{n:05d}, title: 批量事项之{n}, category: batch, publisher: 统计科,
      date: 2018-02-{n:02d}, link: "https://www.example.gov.cn/b{n}.html"}}""" for n in range(1, 26))
CATALOGUE += BATCH + "\n"
ALL = ["11440100MB2C00000X/2021-00012", "11440100MB2C00000X/2021-00001",
       "11440100MB2C00000X/2020-00007", "11440100MB2C00000X/2019-00003"]


@pytest.fixture(scope="module")
def site_url(served_project):
    _, url = served_project({"mkdocs.yml": MINIMAL_MKDOCS, **SMALL_FILES, "directory.yml": CATALOGUE})
    return url + "gkml/"


def open_search(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("[data-dc-catalogue-search][data-dc-ready]")


def settled(page) -> None:
    """While typing, the count may finish after the frame (aria-busy meanwhile)."""
    page.wait_for_function("!document.querySelector('[data-dc-status]').hasAttribute('aria-busy')")


def indexes(page) -> list[str]:
    settled(page)
    return page.locator("[data-dc-list] [data-index]").evaluate_all("rows => rows.map(r => r.dataset.index)")


def status(page) -> str:
    settled(page)
    return page.locator("[data-dc-status]").inner_text()


def type_query(page, text: str) -> None:
    page.get_by_label("关键词、文号或索引号").fill(text)


@pytest.mark.parametrize("query, expected", [
    ("许可", ALL[:1]),                         # a sub-word of 行政许可
    ("[2021]12号", ALL[:1]),                    # bracket variant of 〔2021〕12号
    ("（2021）12号", ALL[:1]),
    ("【2021】1号", ALL[1:2]),
    ("〔2019〕3号", ALL[3:]),                    # written with （） in the catalogue
    ("１２号", ALL[:1]),                         # full-width digits
    ("11440100mb2c00000x/2020-00007", ALL[2:3]),  # full index, other case
    ("2021-000", ALL[:2]),                      # partial index
    ("共享", ALL[1:2]),                          # keywords and summary
    ("规划科", ALL[2:3]),                        # publisher
    ("数据 通知", ALL[1:2]),                      # every word must match
    ("许\u200b可 许可", ALL[:1]),                  # a zero-width space pasted from segmented text; a word twice
])
def test_query(page, site_url, query, expected):
    open_search(page, site_url)
    type_query(page, query)
    assert indexes(page) == expected
    assert f"共找到 {len(expected)} 条" in status(page)
    page.wait_for_function("q => new URLSearchParams(location.search).get('q') === q", arg=query)  # after a frame


def test_highlight_and_markup_as_text(page, site_url):
    open_search(page, site_url)
    type_query(page, "加粗")
    row = page.locator("[data-dc-list] [data-index='11440100MB2C00000X/2019-00003']")
    assert row.locator("a").inner_text() == "<b>加粗</b> 与 <script>alert(1)</script> 的标题"
    assert row.locator("a mark").inner_text() == "加粗"
    assert row.locator("b, script").count() == 0
    type_query(page, "许可")
    assert page.locator("[data-dc-list] mark").first.inner_text() == "许可"


@pytest.mark.parametrize("name, value, expected", [
    ("category", "rules", [ALL[1], ALL[3]]),   # includes the sub-category 规范性文件
    ("category", "plans", ALL[2:3]),
    ("year", "2021", ALL[:2]),
    ("publisher", "办公室", [ALL[1], ALL[3]]),
    ("validity", "in_force", ALL[:2]),
    ("validity", "expired", ALL[3:]),
])
def test_filters(page, site_url, name, value, expected):
    open_search(page, site_url)
    page.locator(f"select[name={name}]").select_option(value)
    assert indexes(page) == expected
    assert parse_qs(urlsplit(page.url).query)[name] == [value]


def test_filter_with_query_and_no_result(page, site_url):
    open_search(page, site_url + "?q=通知&publisher=办公室")
    assert indexes(page) == ALL[1:2]
    assert page.locator("select[name=publisher]").input_value() == "办公室"
    page.locator("select[name=year]").select_option("2020")
    assert indexes(page) == []
    assert "没有找到" in status(page)
    assert page.locator("[data-dc-status]").get_attribute("aria-live") == "polite"


def test_url_state_back_and_forward(page, site_url):
    open_search(page, site_url + "?q=数据")
    assert page.get_by_label("关键词、文号或索引号").input_value() == "数据"
    assert indexes(page) == [ALL[1], ALL[2]]
    # ?q= belongs to the catalogue search here: Material's site-search dialog stays closed and empty
    assert not page.locator("#__search").is_checked()
    assert page.locator("[data-md-component=search-query]").input_value() == ""
    page.locator("select[name=year]").select_option("2020")
    assert indexes(page) == ALL[2:3]
    page.go_back()
    page.wait_for_function("!location.search.includes('year=')")
    assert page.locator("select[name=year]").input_value() == ""
    assert indexes(page) == [ALL[1], ALL[2]]
    page.go_forward()
    page.wait_for_function("location.search.includes('year=2020')")
    assert page.locator("select[name=year]").input_value() == "2020"
    assert indexes(page) == ALL[2:3]


def test_keyboard_only(page, site_url):
    open_search(page, site_url)
    page.get_by_label("关键词、文号或索引号").focus()
    page.keyboard.type("规划")
    page.keyboard.press("Enter")
    assert indexes(page) == ALL[2:3]
    page.keyboard.press("Tab")  # the submit button
    page.keyboard.press("Tab")  # 主题分类
    assert page.evaluate("document.activeElement.name") == "category"
    for name in ("year", "publisher", "validity"):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.name") == name
    link = page.locator("[data-dc-list] a").first
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/gkml/11440100MB2C00000X-2020-00007/")


def test_controls_are_labelled(page, site_url):
    open_search(page, site_url)
    assert page.get_by_role("searchbox", name="关键词、文号或索引号").count() == 1
    for label in ("主题分类", "年份", "发布机构", "效力状态"):
        assert page.get_by_role("combobox", name=label, exact=True).count() == 1
    assert page.get_by_role("region", name="检索结果").count() == 0  # hidden until there is a search
    type_query(page, "通知")
    assert page.get_by_role("region", name="检索结果").count() == 1


def test_paging_newest_first(page, site_url):
    open_search(page, site_url + "?q=批量")
    assert "共找到 25 条信息，第 1 / 2 页" in status(page)
    first = indexes(page)
    assert first == [f"11440100MB2C00000X/2018-{n:05d}" for n in range(25, 5, -1)]  # newest first
    page.get_by_role("button", name="下一页").click()
    page.wait_for_function("location.search.includes('page=2')")
    assert indexes(page) == [f"11440100MB2C00000X/2018-{n:05d}" for n in range(5, 0, -1)]
    assert page.evaluate("document.activeElement.id") == "dc-results-title"
    page.go_back()
    page.wait_for_function("!location.search.includes('page=')")
    assert indexes(page) == first


def test_results_are_links_inside_data_search_results(page, site_url):
    """The SPEC's "results ... inside an element with data-search-results" also holds on the column home."""
    page.goto(site_url + "?q=通知")
    links = page.locator("[data-search-results] a[href]")
    links.first.wait_for()
    assert links.evaluate_all("links => links.map(a => a.textContent)") == ["关于行政许可事项清单的通知", "关于印发示例管理办法的通知"]
    assert links.first.get_attribute("href") == "11440100MB2C00000X-2021-00012/"


def test_typing_narrows_and_widens_again(page, site_url):
    """Each keystroke reuses the previous results when the query only grows; it must not lose any."""
    open_search(page, site_url)
    for query, expected in [("数", [ALL[1], ALL[2]]), ("数据", [ALL[1], ALL[2]]), ("数据 通", ALL[1:2]),
                            ("数据 通知", ALL[1:2]), ("数据 通知 办公", ALL[1:2]), ("数据 通知 规划", []),
                            ("数据", [ALL[1], ALL[2]]), ("规划", ALL[2:3]), ("规划科", ALL[2:3]), ("", [])]:
        type_query(page, query)
        assert indexes(page) == expected, query


def test_publisher_words_and_filters_together(page, site_url):
    open_search(page, site_url + "?q=办公室&validity=expired")
    assert indexes(page) == ALL[3:]
    page.locator("select[name=validity]").select_option("in_force")
    assert indexes(page) == ALL[1:2]


def test_folding_and_piece_hashes_agree_with_the_build(page, site_url):
    """Shards are folded with a lookup table, queries with a regular expression, the build's shard bitmaps
    in Python: the same result for every character, and the same piece hashes."""
    from disclosure.search import shard_filter

    open_search(page, site_url)
    every = "".join(chr(code) for code in range(0x10000) if not 0xD800 <= code <= 0xDFFF)
    folded = page.evaluate("""(text) => {
        const I = window.DisclosureCatalogueIndex;
        return I.foldText(text) === I.fold(text) ? I.fold(text) : 'table and regular expression differ';
    }""", every)
    assert folded == shard_filter.fold(every)
    samples = ["数据", "示例[2021]", "ab", "a😀b", "11440100mb2c00000x/2020-00007"]
    hashes = page.evaluate("""(samples) => samples.map(text => {
        const out = [];
        for (const n of [2, 3]) for (let at = 0; at + n <= text.length; at++) out.push(window.DisclosureCatalogueIndex.pieceHash(text, at, n));
        return out;
    })""", samples)
    units = [shard_filter._utf16(text) for text in samples]
    assert hashes == [[shard_filter.piece_hash(map(ord, u[at:at + n])) for n in (2, 3) for at in range(len(u) - n + 1)]
                      for u in units]


def test_old_results_show_before_newer_shards_arrive(page, site_url):
    """The shard bitmaps rule out the newer years for 批量 (only in 2018): its results need only that shard."""
    held = []
    page.route("**/search/2021-*.json", lambda route: held.append(route))  # never answered
    page.goto(site_url + "?q=批量")
    page.wait_for_function("document.querySelectorAll('[data-dc-list] [data-index]').length === 20")
    assert "共找到 25 条信息，第 1 / 2 页" in status(page)
    assert page.locator("[data-dc-ready]").count() == 0 and held
    page.goto(site_url + "?q=通知")  # 2021 matches: it must wait for that shard
    page.wait_for_function("/正在加载/.test(document.querySelector('[data-dc-status]').textContent)")
    assert indexes(page) == []


def test_typing_quickly_ends_with_the_final_count_and_rows(page, site_url):
    """Shards served 300 times over (8,700 entries), so a keystroke searches only the newest shards and the
    count is finished after the frame, in slices: input events in quick succession, each one cancelling the
    unfinished count of the one before, end with the right count and rows; the live region (aria-live) only
    ever gets final counts, never the provisional text."""
    def inflate(route):
        response = route.fetch()
        data = response.json()
        if "text" in data:
            data = {key: "\n".join([value] * 300) if key == "text" else value * 300 if isinstance(value, list) else value
                    for key, value in data.items()}
        route.fulfill(response=response, json=data)

    page.route("**/search/*.json", inflate)
    open_search(page, site_url)
    page.evaluate("""() => {
        const status = document.querySelector('[data-dc-status]');
        window.__said = [];
        new MutationObserver(() => window.__said.push(status.textContent)).observe(status, {childList: true, characterData: true, subtree: true});
    }""")
    for words, found in [(["2", "20", "202", "2021"], "共找到 600 条信息，第 1 / 30 页。"),
                         (["关", "关于", "2", "20"], "共找到 8700 条信息，第 1 / 435 页。")]:
        busy = page.evaluate("""(words) => {
            const input = document.getElementById('dc-q');
            for (const word of words) { input.value = word; input.dispatchEvent(new Event('input', {bubbles: true})); }
            return document.querySelector('[data-dc-status]').hasAttribute('aria-busy');
        }""", words)
        assert busy  # the count is not done in the handler
        page.wait_for_function("!document.querySelector('[data-dc-status]').hasAttribute('aria-busy')")
        assert status(page) == found
        assert indexes(page) == ALL[:2] * 10
        assert page.locator("[data-dc-pager]").is_visible()
    assert page.evaluate("window.__said") == ["共找到 600 条信息，第 1 / 30 页。", "共找到 8700 条信息，第 1 / 435 页。"]
    assert page.locator("[data-dc-catalogue-search] p[aria-hidden=true]").is_hidden()
