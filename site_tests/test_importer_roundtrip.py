"""Round trip: with `site_url` set, the site's own catalogue.csv / catalogue.xlsx import into an empty
project (same agency and categories) and build to the same entries."""

import json
import sys

import pytest

from conftest import MINIMAL_MKDOCS, SMALL_CATALOGUE, SMALL_FILES, run, write_project

MKDOCS = MINIMAL_MKDOCS.replace("site_name: 示例\n", "site_name: 示例\nsite_url: https://gk.example.org/sjglj/\n")
# a second 规范性文件 under plans: the export then names categories by path, and import finds them again
CATALOGUE = SMALL_CATALOGUE.replace("  - id: plans\n    title: 规划计划\n",
                                    "  - id: plans\n    title: 规划计划\n    children:\n      - {id: plan-rules, title: 规范性文件}\n") + """\
  - index: 11440100MB2C00000X/2022-00002
    title: 示例市数据规划实施细则
    category: plan-rules
    publisher: 规划科
    date: 2022-07-01
    keywords: [规划, 细则]
    summary: "概述: 含冒号与 #号"
    link: https://www.example.gov.cn/c.html
"""
SAME = ["index", "title", "category", "publisher", "date", "doc_number", "validity", "keywords", "summary", "url"]


def build(root):
    result = run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(root / "site")], root)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads((root / "site/gkml/catalogue.json").read_text(encoding="utf-8"))["entries"]


@pytest.fixture(scope="module")
def original(tmp_path_factory):
    root = tmp_path_factory.mktemp("original")
    write_project(root, {"mkdocs.yml": MKDOCS, **SMALL_FILES, "directory.yml": CATALOGUE})
    return root, build(root)


@pytest.mark.parametrize("export", ["catalogue.csv", "catalogue.xlsx"])
def test_own_export_imports_to_the_same_entries(original, tmp_path, export):
    root, entries = original
    empty = CATALOGUE.split("entries:\n")[0] + "entries: []\n"
    write_project(tmp_path, {"mkdocs.yml": MKDOCS, "content/index.md": "# 首页\n", "directory.yml": empty})
    result = run([sys.executable, "-m", "disclosure.cli", "import", str(root / "site/gkml" / export)], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    imported = build(tmp_path)
    assert [{k: e[k] for k in SAME} for e in imported] == [{k: e[k] for k in SAME} for e in entries]
    assert {e["category"] for e in imported} >= {"normative", "plan-rules"}
    assert all(e["link"] == "https://gk.example.org/sjglj/" + e["url"] for e in imported)  # 网址 became the link
