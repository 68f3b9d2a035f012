"""Listing and entry pages rendered in worker processes (page_workers.py): the same site, byte for
byte, as one process writes; warnings from the workers still reach the log and `strict`; and the
reused Markdown instance converts every body as a fresh one does."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import MINIMAL_MKDOCS, REPO, SMALL_CATALOGUE, Built, mkdocs_build, write_project
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from markdown.treeprocessors import InlineProcessor

from disclosure.page_workers import Converter, ColumnPage
from disclosure.plain_inline import PlainTextInline


def tree(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def demo_with(root: Path, workers: int) -> Built:
    for name in ("content", "theme_overrides", "catalogue"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "directory.yml", root / "directory.yml")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  - disclosure\n" in config and "site_url" not in config
    config = config.replace("\n  - disclosure\n", f"\n  - disclosure:\n      workers: {workers}\n", 1)
    (root / "mkdocs.yml").write_text("site_url: https://gk.example.gov.cn/\n" + config, encoding="utf-8")
    return Built(root, root / "site", *mkdocs_build(root, root / "site"))


def test_three_workers_write_the_site_one_process_writes(tmp_path):
    alone, shared = demo_with(tmp_path / "one", 1), demo_with(tmp_path / "three", 3)
    assert alone.returncode == 0, alone.output
    assert shared.returncode == 0, shared.output
    one, three = tree(alone.site), tree(shared.site)
    assert sorted(one) == sorted(three)
    assert [path for path in one if one[path] != three[path]] == []
    sitemap = one["sitemap.xml"].decode()
    column = [p for p in one if p.startswith("gkml/") and p.endswith("/index.html")]  # home, listings, entries
    assert sitemap.count("<loc>https://gk.example.gov.cn/gkml/") == len(column) > 50
    assert all(f"<loc>https://gk.example.gov.cn/{p.removesuffix('index.html')}</loc>" in sitemap for p in column)
    assert one["gkml/fulltext/manifest.json"] == three["gkml/fulltext/manifest.json"]  # texts came back
    assert {"gkml/catalogue.json", "gkml/catalogue.xlsx", "gkml/feed.xml", "gkml/search/manifest.json"} <= set(one)
    # ^ made ahead, in a child forked as the build starts, with three workers; in the build itself with one


def test_warnings_in_worker_pages_are_logged_once_and_fail_strict(tmp_path):
    entries = "".join(f"""
  - index: 11440100MB2C00000X/2019-{n:05d}
    title: 第{n}号文件
    category: plans
    publisher: 规划科
    date: 2019-03-{n:02d}
    body: gkml/2019/{n:05d}.md""" for n in range(1, 5))
    body = "见[首页](/)。\n"  # MkDocs leaves absolute links as they are, and says so
    mkdocs = MINIMAL_MKDOCS.replace("disclosure]", "{disclosure: {workers: 2}}]") + \
        "validation: {links: {absolute_links: warn}}\n"
    files = {"mkdocs.yml": mkdocs, "directory.yml": SMALL_CATALOGUE + entries + "\n",
             "content/index.md": "# 首页\n", "content/gkml/2021/00001.md": "正文。\n",
             "content/files/2021/00001-1.pdf": "%PDF-1.4\n%%EOF\n",
             **{f"content/gkml/2019/{n:05d}.md": body for n in range(1, 5)}}
    write_project(tmp_path, files)
    status, output = mkdocs_build(tmp_path, tmp_path / "site")
    assert status == 0, output
    assert output.count("contains an absolute link '/'") == 4
    (tmp_path / "mkdocs.yml").write_text(mkdocs + "strict: true\n", encoding="utf-8")
    status, output = mkdocs_build(tmp_path, tmp_path / "site")
    assert status != 0 and "4 warnings in strict mode" in output, output


BODIES = [
    "# 标题一\n\n正文[^1]。\n\n[^1]: 注释一。\n",
    "## 小节 {#own-id}\n\n*[HTML]: 超文本\n\nHTML 一词。\n\n!!! note \"提示\"\n    内容\n",
    "术语\n:   定义\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n\n## 小节\n\n## 小节\n",
    "正文[^1]，再注[^2]。\n\n[^1]: 一\n[^2]: 二\n\n[链接](../index.md#top)\n",
    "",
]


def test_a_reused_converter_renders_every_body_as_a_fresh_markdown_does(tmp_path):
    write_project(tmp_path, {"mkdocs.yml": MINIMAL_MKDOCS + (
        "markdown_extensions: [footnotes, abbr, def_list, attr_list, admonition, tables, md_in_html, "
        "{toc: {permalink: true}}, pymdownx.superfences, pymdownx.details]\n"), "content/index.md": "# 首页\n"})
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config.plugins._current_plugin = None  # as during a build: File.generated reads it
    files = Files([File("index.md", config.docs_dir, config.site_dir, True)])
    converter = Converter(config)
    for number, body in enumerate(BODIES * 2):
        reused = ColumnPage(None, File.generated(config, f"gkml/{number}/index.md", content=body), config)
        fresh = Page(None, File.generated(config, f"gkml/{number}/index.md", content=body), config)
        reused.converter = converter
        for page in (reused, fresh):
            page.markdown = body
            page.render(config, files)
        assert reused.content == fresh.content
        assert str(reused.toc) == str(fresh.toc) and reused.title == fresh.title
        assert reused.present_anchor_ids == fresh.present_anchor_ids


PLAIN_AND_MARKED = [  # each paragraph of the second holds one character an inline pattern needs
    "政府信息公开工作，依法有效。\n\n第二段，没有任何标记。\n第二行。\n",
    "\n\n".join(["行末两个空格  \n换行。", "**加粗**", "*强调*", "_下划线_", "__粗__", "`代码`", "\\*转义\\*",
                "[链接](../index.md)", "![图](a.png)", "[引用][r] 与 [r]", "<https://example.org/>",
                "<someone@example.org>", "<b>粗</b>", "只有实体 &amp; 与 &copy;", "& 与 < 号", "[r]: https://example.org/"]),
    "| 甲 | 乙 |\n|---|---|\n| *1* | 2 |\n\n## 小节 {#own-id}\n\n!!! note \"提示\"\n    内容 a_b_c\n",
    "```\n*不是强调*\n```\n\n<div>\n块级 *HTML*\n</div>\n\n    缩进代码 [x]\n",
]


def render_both(tmp_path, extensions: str, body: str) -> tuple[ColumnPage, Page]:
    (tmp_path / "mkdocs.yml").write_text(MINIMAL_MKDOCS + f"markdown_extensions: [{extensions}]\n", encoding="utf-8")
    (tmp_path / "content").mkdir(exist_ok=True)
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config.plugins._current_plugin = None
    files = Files([])
    reused = ColumnPage(None, File.generated(config, "gkml/1/index.md", content=body), config)
    fresh = Page(None, File.generated(config, "gkml/1/index.md", content=body), config)
    reused.converter = Converter(config)
    for page in (reused, fresh):
        page.markdown = body
        page.render(config, files)
    return reused, fresh


def test_text_without_markup_skips_the_inline_patterns_and_renders_as_markdown_does(tmp_path):
    for body in PLAIN_AND_MARKED:
        reused, fresh = render_both(tmp_path, "tables, attr_list, admonition, {toc: {permalink: false}}", body)
        assert type(reused.converter.instance().treeprocessors["inline"]) is PlainTextInline
        assert reused.content == fresh.content, body
    assert "<br />" in render_both(tmp_path, "tables", PLAIN_AND_MARKED[1])[0].content


def test_an_extension_with_its_own_inline_pattern_keeps_every_text_on_markdowns_path(tmp_path):
    body = "见 https://example.org/a 与 www.example.org。\n"  # no character Markdown's own patterns need
    reused, fresh = render_both(tmp_path, "pymdownx.magiclink", body)
    assert type(reused.converter.instance().treeprocessors["inline"]) is InlineProcessor
    assert reused.content == fresh.content
    assert 'href="https://example.org/a"' in reused.content


HEADED = ["## 一、总则\n\n第一条 正文。\n### （一）范围\n正文。\n\n## 一、总则\n\n## 二、附则\n正文。\n",
          "正文在前。\n\n# 第一章\n\n正文。\n\n#### 四级\n", "# 标题\n\n正文。\n", "#  关于  Notice\u3000Two \n# 又一个一级\n正文。\n"]


def test_plain_headings_render_as_markdown_does_down_to_toc_anchors_and_title(tmp_path):
    for extensions in ("tables, attr_list, admonition, {toc: {permalink: false}}", "{toc: {baselevel: 2, toc_depth: 3}}"):
        for body in HEADED:
            reused, fresh = render_both(tmp_path, extensions, body)
            assert reused.content == fresh.content, body
            assert str(reused.toc) == str(fresh.toc) and reused.title == fresh.title, body
            assert reused.present_anchor_ids == fresh.present_anchor_ids != set(), body
            assert reused.plain_html is not None, body
            title_first = body.startswith("# ") and "baselevel" not in extensions  # MkDocs reads the title off the tree
            assert (reused.title == " ".join(body.split("\n")[0][1:].split())) == title_first, body
    reused, _ = render_both(tmp_path, "{toc: {permalink: true}}", HEADED[0])  # toc adds a link to each heading
    assert reused.plain_html is None and 'class="headerlink"' in reused.content


RICH = "第一条 为规范信息公开工作，见[关于通知](index:11440100MB2C00000X/2019-00001)与[政府网](https://www.gov.cn/a_b/c.htm?x=1#y)。\n\n1. **第一项** 内容\n2. 第二项\n\n| 项目 | 数量 |\n| --- | --- |\n| 申请 | 12 |\n\n- 甲\n- 乙\n\n示例市数据管理局  \n2024年3月1日\n"


def test_simple_lists_tables_and_bold_text_render_as_markdown_does_without_it(tmp_path):
    for extensions, shortcut in (("tables, attr_list, admonition, {toc: {permalink: false}}", True), ("sane_lists", False)):
        reused, fresh = render_both(tmp_path, extensions, RICH)  # sane_lists: list processors it does not know
        assert reused.content == fresh.content and "<td>申请</td>" in reused.content
        assert (reused.plain_html is not None) == shortcut, extensions


def test_windows_line_ends_times_and_ranges_keep_the_shortcut_and_render_as_markdown_does(tmp_path):
    for body in (RICH.replace("\n", "\r\n"), "会议定于9:30在3#楼召开，时限3~5日。\r\n详见 https://www.example.gov.cn/xxgk/ 栏目。\n"):
        reused, fresh = render_both(tmp_path, "tables, attr_list, admonition, {toc: {permalink: false}}", body)
        assert reused.content == fresh.content and reused.plain_html is not None, body
