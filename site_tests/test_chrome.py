"""Shared chrome (chrome.py): every page equals, byte for byte, the page rendered in full."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SMALL_CATALOGUE, SMALL_FILES, write_project
from mkdocs.commands.build import build
from mkdocs.config import load_config

TRICKY = SMALL_CATALOGUE + """\
  - index: 11440100MB2C00000X/2021-00002
    title: "A & B <b>粗</b> \\"引号\\" 'x'"
    category: normative
    publisher: 办公室
    date: 2021-03-02
    summary: "概述 & <i>斜</i>"
    body: gkml/2021/00002.md
  - index: 11440100MB2C00000X/2021-00003
    title: "两个  空格的标题"
    category: normative
    publisher: 办公室
    date: 2021-03-03
    summary: " 前后有空格 "
    body: gkml/2021/00003.md
  - index: 11440100MB2C00000X/2021-00004
    title: 正文有小标题
    category: plans
    publisher: 办公室
    date: 2021-03-04
    body: gkml/2021/00004.md
  - index: 11440100MB2C00000X/2021-00005
    title: 正文也有小标题
    category: plans
    publisher: 办公室
    date: 2021-03-05
    body: gkml/2021/00005.md
  - index: 11440100MB2C00000X/2021-00006
    title: 正文以一级标题开头
    category: plans
    publisher: 办公室
    date: 2021-03-06
    body: gkml/2021/00006.md
  - index: 11440100MB2C00000X/2021-00007
    title: 概述有两行
    category: plans
    publisher: 办公室
    date: 2021-03-07
    summary: |
      第一行，
        第二行。
    body: gkml/2021/00007.md
""" + "".join(f"""\
  - index: 11440100MB2C00000X/2019-{n:05d}
    title: 第{n}号普通文件
    category: plans
    publisher: 规划科
    date: 2019-{1 + n // 20:02d}-{1 + n % 20:02d}
    keywords: [规划]
    body: gkml/2019/{n:05d}.md
""" for n in range(1, 41))
FILES = {
    **SMALL_FILES,
    "content/gkml/2021/00002.md": "正文 <script>alert(1)</script> & 更多。\n",
    "content/gkml/2021/00003.md": "---\nhide: [toc]\n---\n正文带前言。\n",
    "content/gkml/2021/00004.md": "## 第一章\n\n内容。\n\n## 第二章\n\n内容。\n",
    "content/gkml/2021/00005.md": "## 总则 & <范围>\n\n内容。\n\n### 适用\n\n内容。\n\n## 附则\n\n内容。\n",
    "content/gkml/2021/00006.md": "# 通知\n\n## 一、背景\n\n内容。\n",
    "content/gkml/2021/00007.md": "正文。\n",
    **{f"content/gkml/2019/{n:05d}.md": f"第{n}号正文。\n" for n in range(1, 41)},
}
CONFIGS = {
    "plain": "site_name: 示例\ndocs_dir: content\ntheme: {name: material, language: zh}\nplugins: [search, disclosure]\n",
    "site_url": ("site_name: 示例\nsite_url: https://example.gov.cn/sub/\ndocs_dir: content\nuse_directory_urls: false\n"
                 "theme: {name: material, language: zh, features: [navigation.path, content.action.edit]}\n"
                 "repo_url: https://example.gov.cn/repo\nplugins: [search, disclosure]\n"
                 "markdown_extensions: [{toc: {title: 本页目录, permalink: true}}]\n"),
    "toc.integrate": "site_name: 示例\ndocs_dir: content\ntheme: {name: material, language: zh, features: [toc.integrate]}\n"
                     "plugins: [search, disclosure]\n",
}


def build_into(root: Path, mkdocs: str, site: str, shared: bool) -> Path:
    text = mkdocs.replace("disclosure]", "{disclosure: {shared_chrome: " + ("true" if shared else "false") + "}}]")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / site)))
    return root / site


def tree(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in site.rglob("*") if path.is_file()}


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_shared_chrome_equals_full_render(tmp_path, name):
    write_project(tmp_path, {**FILES, "directory.yml": SMALL_CATALOGUE.split("entries:")[0] + "entries:" + TRICKY.split("entries:", 1)[1]})
    fast = tree(build_into(tmp_path, CONFIGS[name], "fast", True))
    full = tree(build_into(tmp_path, CONFIGS[name], "full", False))
    assert fast.keys() == full.keys()
    differing = [path for path in fast if fast[path] != full[path]]
    assert differing == []
    entry_pages = [path for path in fast if path.startswith("gkml/11440100MB2C00000X-2019-")]
    assert len(entry_pages) == 40  # the shared path did run on ordinary pages


def test_frame_is_used_and_tricky_pages_fall_back(tmp_path, monkeypatch):
    from disclosure import chrome
    filled = []
    original = chrome.Frame.fill
    monkeypatch.setattr(chrome.Frame, "fill", lambda self, values: filled.append(values) or original(self, values))
    write_project(tmp_path, {**FILES, "directory.yml": SMALL_CATALOGUE.split("entries:")[0] + "entries:" + TRICKY.split("entries:", 1)[1]})
    build_into(tmp_path, CONFIGS["plain"], "fast", True)
    titles = {values[chrome.MARKS["title"]] for values in filled}
    assert "第7号普通文件" in titles
    assert {"正文有小标题", "正文也有小标题", "正文以一级标题开头"} <= titles  # with a table of contents too
    assert "两个 空格的标题" not in titles  # front matter of its own: full render
    assert "概述有两行" in titles  # its 内容概述 on one line in the meta description
    page = (tmp_path / "fast/gkml/11440100MB2C00000X-2021-00007/index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="第一行， 第二行。">' in page


def test_theme_override_of_the_table_of_contents_is_rendered_per_page(tmp_path, monkeypatch):
    """An override that prints the table of contents without the mark: pages with headings take the full
    render (the frame would show its stand-in heading), and still equal it."""
    import material
    from disclosure import chrome
    filled = []
    original = chrome.Frame.fill
    monkeypatch.setattr(chrome.Frame, "fill", lambda self, values: filled.append(values) or original(self, values))
    material_toc = Path(material.__file__).parent / "templates" / "partials" / "toc.html"
    write_project(tmp_path, {**FILES, "directory.yml": SMALL_CATALOGUE.split("entries:")[0] + "entries:" + TRICKY.split("entries:", 1)[1],
                             "overrides/partials/toc.html": material_toc.read_text(encoding="utf-8")})
    config = CONFIGS["plain"].replace("language: zh}", "language: zh, custom_dir: overrides}")
    fast = tree(build_into(tmp_path, config, "fast", True))
    titles = {values[chrome.MARKS["title"]] for values in filled}
    assert "第7号普通文件" in titles and "正文有小标题" not in titles
    assert fast == tree(build_into(tmp_path, config, "full", False))
    assert 'data-md-component="toc"' in fast["gkml/11440100MB2C00000X-2021-00004/index.html"].decode()
