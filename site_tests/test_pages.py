"""pages.py: the generated Files of the column and their views, planned in-process from a loaded project
(MkDocs' own config loader in a temp dir, no build)."""

from __future__ import annotations

import math

import pytest
import yaml
from mkdocs.structure.files import Files

from conftest import MINIMAL_MKDOCS, SMALL_CATALOGUE, SMALL_FILES, write_project
from disclosure.pages import ColumnPages, category_counts, read_markdown_files
from disclosure.project import load_project
from disclosure.urls import ColumnUrls

MANY = 7  # extra entries in 规范性文件, so that listings need several pages
CATALOGUE = SMALL_CATALOGUE + "".join(f"""\
  - index: 11440100MB2C00000X/2019-{n:05d}
    title: 第{n}号文件
    category: normative
    publisher: 办公室
    date: 2019-01-{n:02d}
    link: https://www.example.gov.cn/{n}.html
""" for n in range(1, MANY + 1))
DATA = yaml.safe_load(CATALOGUE)


@pytest.fixture
def project(tmp_path, monkeypatch):
    write_project(tmp_path, {"mkdocs.yml": MINIMAL_MKDOCS, **SMALL_FILES, "directory.yml": CATALOGUE})
    monkeypatch.chdir(tmp_path)
    loaded = load_project(str(tmp_path / "mkdocs.yml"))
    loaded.config.plugins._current_plugin = "disclosure"  # as during on_files: File.generated records who made it
    return loaded


def plan(project, page_size: int) -> tuple[ColumnPages, Files]:
    column = ColumnPages(project.catalogue, ColumnUrls("gkml"), "信息公开目录", page_size)
    files = Files([])
    column.add_to(files, project.config, {"gkml/2021/00001.md": "正文"})
    return column, files


def in_subtree(category_id: str) -> list[dict]:
    """Entries of a category and its sub-categories, newest first, from the YAML itself."""
    def ids(nodes, inside):
        return [i for n in nodes for i in ([n["id"]] if inside or n["id"] == category_id else [])
                + ids(n.get("children", []), inside or n["id"] == category_id)]
    wanted = set(ids(DATA["categories"], False))
    return sorted((e for e in DATA["entries"] if e["category"] in wanted), key=lambda e: (str(e["date"]), e["index"]),
                  reverse=True)


@pytest.mark.parametrize("page_size", [1, 3, 30])
def test_listing_pages_split_each_category_newest_first(project, page_size):
    column, files = plan(project, page_size)
    for category_id in ("rules", "normative", "plans"):
        expected = in_subtree(category_id)
        pages = max(1, math.ceil(len(expected) / page_size))
        listed = []
        for number in range(1, pages + 1):
            view = column.views[f"gkml/category/{category_id}/{'' if number == 1 else f'{number}/'}index.md"]
            assert (view.kind, view.page, view.pages) == ("category", number, pages)
            assert len(view.entries) <= page_size
            listed += [e.index for e in view.entries]
        assert listed == [e["index"] for e in expected]
        assert f"gkml/category/{category_id}/{pages + 1}/index.md" not in column.views
    entries = len(DATA["entries"])
    listings = sum(max(1, math.ceil(len(in_subtree(c)) / page_size)) for c in ("rules", "normative", "plans"))
    assert len(files) + len(column.worker_files) == len(column.views) == 1 + listings + entries


def test_only_the_home_joins_mkdocs_files_listings_and_entries_go_to_the_workers(project):
    column, files = plan(project, 3)
    assert [f.src_uri for f in files] == ["gkml/index.md"]
    assert {f.src_uri for f in column.worker_files} == set(column.views) - {"gkml/index.md"}


def test_generated_files_are_kept_out_of_the_nav_except_the_home(project):
    column, files = plan(project, 30)
    by_uri = {f.src_uri: f for f in [*files, *column.worker_files]}
    assert set(by_uri) == set(column.views)
    assert by_uri["gkml/index.md"].inclusion.is_in_nav()
    assert all(not f.inclusion.is_in_nav() for uri, f in by_uri.items() if uri != "gkml/index.md")


def test_entry_views_crumbs_and_bodies(project):
    column, _ = plan(project, 30)
    view = column.views["gkml/11440100MB2C00000X-2021-00001/index.md"]
    assert view.kind == "entry" and view.entry.index == DATA["entries"][0]["index"] and view.markdown == "正文"
    assert [(c.title, c.url) for c in view.crumbs] == [
        ("信息公开目录", "gkml/"), ("法规文件", "gkml/category/rules/"), ("规范性文件", "gkml/category/normative/"),
        (DATA["entries"][0]["title"], None)]
    linked = column.views["gkml/11440100MB2C00000X-2020-00007/index.md"]
    assert linked.markdown == ""  # an entry without body: only its metadata and link


def test_counts_include_sub_categories(project):
    counts = category_counts(project.catalogue)
    assert counts["normative"] == len(in_subtree("normative")) == 1 + MANY
    assert counts["rules"] == len(in_subtree("rules")) and counts["plans"] == len(in_subtree("plans")) == 1


def test_editors_column_intro_becomes_the_home_markdown(project):
    files = Files([])
    from mkdocs.structure.files import File

    files.append(File.generated(project.config, "gkml/index.md", content="# 栏目说明\n"))
    column = ColumnPages(project.catalogue, ColumnUrls("gkml"), "信息公开目录", 30)
    column.add_to(files, project.config, {})
    assert column.views["gkml/index.md"].markdown == "# 栏目说明\n"
    assert [f.src_uri for f in files].count("gkml/index.md") == 1


def test_markdown_that_is_not_utf8_becomes_a_problem(tmp_path, monkeypatch):
    (tmp_path / "a.md").write_bytes("中文".encode("gbk"))
    (tmp_path / "b.md").write_text("中文", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    problems: list = []
    texts = read_markdown_files(["a.md", "b.md"], str(tmp_path), problems)
    assert texts == {"b.md": "中文"}
    assert [(p.file, p.line, p.col) for p in problems] == [("a.md", 1, 1)] and "UTF-8" in problems[0].message
