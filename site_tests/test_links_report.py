"""links/report.py: text grouped by source file (Chinese), the fixed JSON shape, GitHub annotations."""

from __future__ import annotations

import json

from disclosure.links.check import Broken, CheckResult
from disclosure.links.report import format_result

RESULT = CheckResult(pages=3, links=40, broken=[
    Broken("gkml/b/index.html", "../../x.pdf", "目标文件不存在", "directory.yml:30"),
    Broken("about/index.html", "../old/", "目标文件不存在", "content/about.md:7"),
    Broken("gkml/a/index.html", "../../y.pdf", "目标文件不存在", "directory.yml:12"),
    Broken("gkml/index.html", "#nope", "目标页面中没有锚点 #nope", None),
])


def test_json_has_exactly_the_contract_shape():
    data = json.loads(format_result(RESULT, "json"))
    assert set(data) == {"pages", "links", "broken"}
    assert data["pages"] == 3 and data["links"] == 40
    assert all(set(item) == {"page", "url", "reason", "source"} for item in data["broken"])
    assert data["broken"][0] == {"page": "gkml/b/index.html", "url": "../../x.pdf", "reason": "目标文件不存在",
                                 "source": "directory.yml:30"}
    assert data["broken"][3]["source"] is None


def test_text_groups_by_source_file_in_line_order():
    text = format_result(RESULT, "text")
    lines = text.splitlines()
    assert lines[0] == "content/about.md:"
    assert lines.index("directory.yml:") < text.splitlines().index("（来源未知）:")
    assert text.index("第 12 行") < text.index("第 30 行")
    assert "发现 4 个失效链接" in lines[-1]


def test_text_when_nothing_is_broken():
    assert format_result(CheckResult(pages=2, links=5), "text") == "检查了 2 个页面、5 个链接，没有发现失效链接。"


def test_github_annotations():
    lines = format_result(RESULT, "github").splitlines()
    assert lines[0].startswith("::error file=content/about.md,line=7::失效链接 ../old/：目标文件不存在")
    assert "::error file=directory.yml,line=12::" in lines[1]
    assert lines[3].startswith("::error::失效链接 #nope")
    assert lines[-1].startswith("检查了")


def test_text_folds_one_link_on_many_pages_into_one_row():
    many = CheckResult(pages=5, links=5, broken=[
        Broken(f"gkml/{n}/index.html", "../../logo.png", "目标文件不存在", "theme_overrides/main.html:9") for n in range(5)])
    lines = format_result(many, "text").splitlines()
    assert lines[0] == "theme_overrides/main.html:"
    assert len(lines) == 3 and "等 5 个" in lines[1] and "gkml/0/index.html" in lines[1]


def test_nothing_printed_can_start_a_workflow_command():
    hostile = "x\n::warning file=a.md,line=1::injected\r::error::y\u2028::notice::z"
    result = CheckResult(pages=1, links=1, broken=[Broken(f"p{hostile}.html", f"u{hostile}", f"r{hostile}", f"f{hostile}.md:3")])
    for fmt, count in (("text", 3), ("github", 2)):
        lines = format_result(result, fmt).splitlines()
        assert len(lines) == count and not any(line.startswith(("::warning", "::notice")) for line in lines), lines
