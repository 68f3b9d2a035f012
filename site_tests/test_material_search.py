"""material_search.py: pages Material's search plugin leaves as they are skip its handler; the site is
the same as with the handler run on every page."""

from __future__ import annotations

from conftest import SMALL_CATALOGUE, SMALL_FILES, site_tree, write_project
from material.plugins.search.plugin import SearchPlugin
from mkdocs.commands.build import build
from mkdocs.config import load_config

from disclosure import material_search

MKDOCS = ("site_name: 示例\ndocs_dir: content\ntheme: {name: material, language: zh}\n"
          "plugins: [search, {disclosure: {sanitize_html: false}}]\nmarkdown_extensions: [attr_list, md_in_html]\n")
FILES = {  # an entry body and a page that mark a section for the search to leave out
    **SMALL_FILES,
    "content/gkml/2021/00001.md": '第一条 正文。\n\n<div data-search-exclude markdown>\n不进入检索的说明。\n</div>\n',
    "content/guide.md": "# 指南\n\n公开指南正文。\n\n## 附录 {data-search-exclude}\n\n附录正文。\n",
}


def built(root, site: str) -> dict[str, bytes]:
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / site)))
    return site_tree(root / site)


def test_skipping_the_handler_changes_no_byte(tmp_path, monkeypatch):
    write_project(tmp_path, {**FILES, "directory.yml": SMALL_CATALOGUE, "mkdocs.yml": MKDOCS})
    calls = []
    handler = SearchPlugin.on_page_context
    monkeypatch.setattr(SearchPlugin, "on_page_context", lambda self, context, **kw: calls.append(kw["page"].url) or handler(self, context, **kw))
    spared = built(tmp_path, "spared")
    assert "guide/" in calls and "gkml/11440100MB2C00000X-2021-00001/" in calls  # indexed, or holds the attribute
    assert "gkml/11440100MB2C00000X-2020-00007/" not in calls and "gkml/category/rules/" not in calls  # skipped
    monkeypatch.setattr(material_search, "spare_unindexed_pages", lambda plugins: None)
    assert built(tmp_path, "every") == spared
    entry = spared["gkml/11440100MB2C00000X-2021-00001/index.html"].decode()
    assert "不进入检索的说明" in entry and "data-search-exclude" not in entry  # Material still strips it there


def test_the_wrapper_is_put_in_once_in_materials_place(tmp_path):
    write_project(tmp_path, {**FILES, "directory.yml": SMALL_CATALOGUE, "mkdocs.yml": MKDOCS})
    config = load_config(str(tmp_path / "mkdocs.yml"))
    handlers = config.plugins.events["page_context"]
    position = next(i for i, h in enumerate(handlers) if isinstance(getattr(h, "__self__", None), SearchPlugin))
    material_search.spare_unindexed_pages(config.plugins)
    material_search.spare_unindexed_pages(config.plugins)  # a second call (a rebuild) wraps nothing again
    wrapper = handlers[position]
    assert isinstance(wrapper.__wrapped__.__self__, SearchPlugin) and not hasattr(wrapper.__wrapped__, "__wrapped__")
    assert config.plugins._event_origins[wrapper] == "material/search"
