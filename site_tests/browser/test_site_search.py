"""Site-wide full-text search: Material's dialog, our worker (substring matching over pages and the
column's bigram index). ?q= on any page opens it pre-filled; results are links in Material's list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import MINIMAL_MKDOCS, SMALL_FILES

PLUGIN = Path(__file__).resolve().parents[2] / "plugins/disclosure"
CODE = "11440100MB2C00000X"
CATALOGUE = f"""\
agency: {{name: 示例市数据管理局, code: "{CODE}"}}
categories: [{{id: rules, title: 法规文件}}, {{id: permits, title: 行政许可}}]
entries:
  - {{index: {CODE}/2021-00010, title: 关于调整领导分工的通知, category: rules, publisher: 办公室,
      date: 2021-11-03, doc_number: 示例〔2021〕88号, body: gkml/2021/00010.md}}
  - {{index: {CODE}/2021-00001, title: 关于印发示例管理办法的通知, category: rules, publisher: 办公室,
      date: 2021-03-01, doc_number: 示例〔2021〕1号, summary: 规范数据共享, body: gkml/2021/00001.md}}
  - {{index: {CODE}/2020-00007, title: "<b>加粗</b>与<script>alert(1)</script>的标题", category: permits,
      publisher: 审批科, date: 2020-05-06, doc_number: 示例（2020）7号, link: "https://www.example.gov.cn/a.html"}}
"""
FILES = {
    "content/about.md": "# 关于数据共享\n\n本局负责全市政务数据共享交换工作。\n",
    "content/gkml/2021/00010.md": "局领导工作分工调整如下：局长主持全面工作。\n",
    "content/gkml/2021/00001.md": "第一条 为了规范企业开办登记审批服务，制定本办法。\n",
}


@pytest.fixture(scope="module")
def built(served_project):
    return served_project({"mkdocs.yml": MINIMAL_MKDOCS, "content/index.md": SMALL_FILES["content/index.md"], **FILES,
                           "directory.yml": CATALOGUE})


def results(page, url: str, query: str, on: str = "about/", sort: str = "") -> list[tuple[str, str]]:
    """(link path, text) of every result after opening `on?q=query` (and `&sort=`)."""
    from urllib.parse import quote

    page.goto(f"{url}{on}?q={quote(query)}" + (f"&sort={sort}" if sort else ""))
    meta = page.locator("[data-md-component=search-result] .md-search-result__meta")
    page.wait_for_function("t => !/正在|初始化/.test(t.textContent)", arg=meta.element_handle())
    page.wait_for_function("t => /结果/.test(t.textContent)", arg=meta.element_handle())
    links = page.locator("[data-md-component=search-result] a.md-search-result__link")
    return [(href.removeprefix(url), text) for href, text in
            zip(links.evaluate_all("ls => ls.map(l => l.href)"), links.evaluate_all("ls => ls.map(l => l.textContent)"))]


def all_results(page) -> list[tuple[str, str]]:
    """Material renders ten results, then four more each time the list's end comes into view. It samples the
    scroll position once per animation frame, so scroll away from the end and back, each time waiting for the
    scroll event and the next two frames, until no more come."""
    links = page.locator("[data-md-component=search-result] a.md-search-result__link")
    more = "n => document.querySelectorAll('.md-search-result__link').length > n"
    scroll_away_and_back = """async e => {
        const to = async top => {
            if (e.scrollTop === top) return;
            const seen = new Promise(r => e.addEventListener("scroll", r, {once: true}));
            e.scrollTop = top;
            await seen;
            for (const _ of [1, 2]) await new Promise(requestAnimationFrame);
        };
        await to(0);
        await to(e.scrollHeight - e.clientHeight);
    }"""
    misses = 0
    while misses < 2:  # twice nothing more: the list is complete (one miss may be a slow frame)
        count = links.count()
        page.locator(".md-search__scrollwrap").evaluate(scroll_away_and_back)
        try:
            page.wait_for_function(more, arg=count, timeout=3000)
            misses = 0
        except Exception:  # playwright's TimeoutError
            misses += 1
    base = page.evaluate("location.origin + '/'")
    return [(href.removeprefix(base), text) for href, text in
            zip(links.evaluate_all("ls => ls.map(l => l.href)"), links.evaluate_all("ls => ls.map(l => l.textContent)"))]


def entry(year_seq: str) -> str:
    return f"gkml/{CODE}-{year_seq}/"


def test_entry_pages_stay_out_of_materials_index(built):
    site, _ = built
    locations = [doc["location"] for doc in json.loads((site / "search/search_index.json").read_text("utf-8"))["docs"]]
    assert any(location.startswith("about/") for location in locations)
    assert not any(location.startswith(f"gkml/{CODE}-") for location in locations)


def test_query_opens_search_prefilled_without_zero_width_spaces(page, built):
    _, url = built
    found = results(page, url, "数据共享")
    assert page.locator("#__search").is_checked()
    assert page.locator("[data-md-component=search-query]").input_value() == "数据共享"
    assert found[0][0].startswith("about/") and "数据共享" in found[0][1]
    assert entry("2021-00001") in [path for path, _ in found]  # its summary
    text = page.locator("[data-md-component=search-result]").evaluate("e => e.textContent")
    assert "\u200b" not in text


def test_sub_word_of_an_entry_body_is_found_and_highlighted(page, built):
    _, url = built
    found = results(page, url, "开办登记")  # inside 企业开办登记审批服务, in the body only
    assert [path for path, _ in found] == [entry("2021-00001")]
    assert "正文含有" in found[0][1]
    assert page.locator("[data-md-component=search-result] mark", has_text="开办登记").count() >= 1


def test_a_body_match_is_a_substring_not_only_its_pairs(page, built):
    _, url = built
    # every pair of 全面工作分工 is in the body 局领导工作分工调整如下：局长主持全面工作。 but not the word
    assert results(page, url, "全面工作分工") == []
    assert [p for p, _ in results(page, url, "主持全面工作")] == [entry("2021-00010")]


def test_document_number_with_other_brackets_and_index_numbers(page, built):
    _, url = built
    assert [p for p, _ in results(page, url, "示例[2021]88号")] == [entry("2021-00010")]
    assert [p for p, _ in results(page, url, "示例(2020)7")] == [entry("2020-00007")]
    assert [p for p, _ in results(page, url, f"{CODE}/2021-00001")] == [entry("2021-00001")]
    # every pair of 2021-0001 occurs in 2021-00010 too, but only 2021-00010 holds the string
    assert [p for p, _ in results(page, url, "2021-0001")] == [entry("2021-00010")]


def test_every_word_must_match_and_no_result_says_so(page, built):
    _, url = built
    assert [p for p, _ in results(page, url, "局长 分工")] == [entry("2021-00010")]
    assert [p for p, _ in results(page, url, "局领导工作分工调整如下：局长主持全面工作。")] == [entry("2021-00010")]
    assert results(page, url, "局长 审批") == []
    assert "没有找到" in page.locator(".md-search-result__meta").inner_text()


def test_titles_with_markup_are_text(page, built):
    _, url = built
    found = results(page, url, "<script>")
    assert [p for p, _ in found] == [entry("2020-00007")]
    assert "<b>加粗</b>" in found[0][1]
    assert page.locator("[data-md-component=search-result] b, [data-md-component=search-result] script").count() == 0


def test_column_home_keeps_q_for_the_catalogue_search(page, built):
    _, url = built
    page.goto(url + "gkml/?q=规划")
    page.wait_for_selector("[data-dc-catalogue-search][data-dc-ready]")
    page.wait_for_load_state("load")
    page.wait_for_function("location.search === '?q=' + encodeURIComponent('规划')")
    assert not page.locator("#__search").is_checked()


def test_worker_folds_and_hashes_like_the_plugin(page, built):
    from disclosure.search.fold import fold
    from disclosure.search.fulltext import bucket_of

    _, url = built
    page.goto(url + "about/")
    for script in ("fold.js", "fulltext-index.js"):
        page.add_script_tag(path=str(PLUGIN / "templates/assets/disclosure" / script))
    chars = "".join(chr(c) for c in [*range(0x20, 0x7f), 0x3000, *range(0xff01, 0xff5f), *map(ord, "〔〕【】〖〗〘〙﹝﹞（）［］")])
    assert page.evaluate("DisclosureFold.fold", chars) == fold(chars)
    grams = ["许可", "[2", "a", "𠀀字", "〕1"]
    assert page.evaluate("gs => gs.map(g => DisclosureFullText.bucketOf(g, 4096))", grams) == [bucket_of(g, 4096) for g in grams]


GENERATED_HEAD = [f'agency: {{name: 示例市数据管理局, code: "{CODE}"}}', "categories: [{id: rules, title: 法规文件}]", "entries:"]


@pytest.fixture(scope="module")
def many(served_project):
    """205 entries whose titles all hold 工作通知."""
    lines = GENERATED_HEAD[:]
    for n in range(1, 206):
        kind = "检查工作通知" if n % 2 == 0 else "会议工作通知"
        lines.append(f"  - {{index: {CODE}/2022-{n:05d}, title: 第{n}号{kind}, category: rules, publisher: 办公室, "
                     f"date: 2022-01-01, link: 'https://www.example.gov.cn/{n}.html'}}")
    _, url = served_project({"mkdocs.yml": MINIMAL_MKDOCS, "content/index.md": "# 首页\n", "directory.yml": "\n".join(lines) + "\n"})
    return url


def test_a_long_list_stops_at_200_and_says_how_many_there_are(page, many):
    found = results(page, many, "通知", on="")
    assert found[0][0] == f"gkml/{CODE}-2022-00205/"  # newest first (same date: higher number first)
    found = all_results(page)
    assert len(found) == 201 and found[-1][0].startswith("gkml/?q=")  # the last one leads to the catalogue search
    assert "还有 5 条" in found[-1][1]
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.includes('205')")
    assert page.locator(".md-search-result__meta").inner_text() == "找到 205 个符合条件的结果，列出最相关的 200 条目录信息"
    results(page, many, "工作通知", on="", sort="time")  # words of three characters and more are confirmed row by row
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.includes('约')")
    assert page.locator(".md-search-result__meta").inner_text() == "找到约 205 个符合条件的结果，列出最新的 200 条目录信息"


def test_other_prefix_and_file_urls(page, served_project):
    mkdocs = MINIMAL_MKDOCS.replace("plugins: [search, disclosure]", "use_directory_urls: false\nplugins: [search, {disclosure: {prefix: xxgk}}]")
    assert mkdocs != MINIMAL_MKDOCS
    files = {path.replace("content/gkml/", "content/xxgk/"): text for path, text in FILES.items()}
    _, url = served_project({"mkdocs.yml": mkdocs, "content/index.md": "# 首页\n", **files,
                             "directory.yml": CATALOGUE.replace("body: gkml/", "body: xxgk/")})
    found = results(page, url, "开办登记", on="about.html")
    assert [path for path, _ in found] == [f"xxgk/{CODE}-2021-00001/index.html"]
    response = page.goto(url + found[0][0])
    assert response and response.status == 200


@pytest.fixture(scope="module")
def scattered(served_project):
    """24 entries with bodies, one body file each (a hook shrinks the files), three times the files a
    query may fetch: every body holds 政务数据 and 数据采集 apart (all pairs of 政务数据采集, never the
    word) and the whole word 共享开放工作."""
    lines = GENERATED_HEAD[:]
    files = {"mkdocs.yml": MINIMAL_MKDOCS + "hooks: [small_body_files.py]\n", "content/index.md": "# 首页\n",
             "small_body_files.py": "import disclosure.search.fulltext as fulltext\nfulltext.BODY_BYTES = 40\n"}
    for n in range(1, 25):
        lines.append(f"  - {{index: {CODE}/2023-{n:05d}, title: 第{n}号通知, category: rules, publisher: 办公室, "
                     f"date: 2023-01-{n:02d}, body: gkml/2023/{n:05d}.md}}")
        files[f"content/gkml/2023/{n:05d}.md"] = f"第{n}条 推进政务数据共享开放工作，规范数据采集。\n"
    site, url = served_project({**files, "directory.yml": "\n".join(lines) + "\n"})
    assert len(json.loads((site / "gkml/fulltext/manifest.json").read_text("utf-8"))["bodies"]) == 24
    return url


def test_bodies_beyond_the_fetched_files_follow_what_the_fetched_ones_showed(page, scattered):
    """The newest eight bodies are read; none holds 政务数据采集, so the pairs are not trusted for the rest.
    All eight hold 共享开放工作, so the other sixteen are listed on their pairs."""
    assert results(page, scattered, "政务数据采集", on="") == []
    found = results(page, scattered, "共享开放工作", on="")
    found += all_results(page)[len(found):]
    assert [path for path, _ in found] == [f"gkml/{CODE}-2023-{n:05d}/" for n in range(24, 0, -1)]


def test_an_index_of_another_format_is_not_read_pages_are_still_found(page, served_project):
    """A page of an older build under a newer index (or the reverse) asks for the index's format in the
    worker's URL; the worker reads no index of another format (its lists would name other entries),
    and pages are still searched."""
    site, url = served_project({"mkdocs.yml": MINIMAL_MKDOCS, "content/index.md": "# 首页\n", **FILES, "directory.yml": CATALOGUE})
    assert [path for path, _ in results(page, url, "数据共享")] == ["about/", entry("2021-00001")]
    manifest = site / "gkml/fulltext/manifest.json"
    data = json.loads(manifest.read_text("utf-8"))
    manifest.write_text(json.dumps({**data, "format": data["format"] - 1}), "utf-8")
    assert [path for path, _ in results(page, url, "数据共享")] == ["about/"]


def test_results_follow_dates_where_index_numbers_do_not(page, served_project):
    """Doc ids rank index numbers; the browser places them by date through the order file: newest
    first by date, by relevance too within a group (00002 holds the word in its title, 00001 and 00004
    in their bodies, 00003 and 00005 nowhere)."""
    lines, files = GENERATED_HEAD[:], {"mkdocs.yml": MINIMAL_MKDOCS, "content/index.md": "# 首页\n"}
    for seq, date in ((3, "2021-01-05"), (1, "2021-06-01"), (4, "2021-12-01"), (2, "2021-03-01"), (5, "2021-02-01")):
        title = "数据共享的通知" if seq == 2 else f"第{seq}号通知"
        lines.append(f"  - {{index: {CODE}/2021-{seq:05d}, title: {title}, category: rules, publisher: 办公室, "
                     f"date: {date}, body: gkml/2021/{seq:05d}.md}}")
        files[f"content/gkml/2021/{seq:05d}.md"] = "推进政务数据共享开放。\n" if seq in (1, 4) else "其他事项。\n"
    _, url = served_project({**files, "directory.yml": "\n".join(lines) + "\n"})
    by_time = [path for path, _ in results(page, url, "数据共享", on="", sort="time")]
    assert by_time == [entry(f"2021-{seq:05d}") for seq in (4, 1, 2)]
    by_relevance = [path for path, _ in results(page, url, "数据共享", on="", sort="relevance")]
    assert by_relevance == [entry(f"2021-{seq:05d}") for seq in (2, 4, 1)]
