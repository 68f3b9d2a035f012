"""Raw HTML in bodies and pages is cleaned with an allowlist (sanitize.py); script never runs."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

import pytest

from conftest import MINIMAL_MKDOCS
from disclosure.sanitize import clean

ENTRY = "gkml/11440100MB2C00000X-2021-00001/index.html"
HOSTILE = """\
第一条 正文。

<script>document.title = "pwned"</script>
<img src="../../files/2021/00001-1.pdf" onerror="alert(1)" alt="图">
<svg onload="alert(2)"><path d="M0 0h1"/></svg>
<iframe src="https://evil.example/"></iframe>
<style>body{display:none}</style>
<p style="position:fixed;top:0" onclick="alert(4)">段落</p>
<object data="x.swf"></object><embed src="x.swf"><form action="https://evil.example/"><input name="q"></form>
<a href=" &#106;avascript&#58;alert(5)">实体编码</a>
"""


@pytest.mark.parametrize("markup, forbidden", [
    ("<script>alert(1)</script>x", "alert"),
    ('<img src="a.png" onerror="alert(1)">', "onerror"),
    ('<svg onload="alert(1)"></svg>', "onload"),
    ('<iframe src="javascript:alert(1)"></iframe>', "iframe"),
    ("<style>body{display:none}</style>", "display"),
    ('<p style="position:fixed">x</p>', "style"),
    ('<a href="javascript:alert(1)">x</a>', "javascript"),
    ('<a href="java\tscript:alert(1)">x</a>', "script"),
    ('<a href="VBScript:msgbox(1)">x</a>', "msgbox"),
    ('<img src="data:image/svg+xml;base64,PHN2Zz4=">', "data:"),
    ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "data:"),
    ('<svg><a xlink:href="javascript:alert(1)">x</a></svg>', "javascript"),
    ('<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', "onerror"),
    ('<input type="text" autofocus onfocus="alert(1)">', "onfocus"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "refresh"),
    ('<base href="https://evil.example/">', "base"),
    ('<form action="https://evil.example/"><button>x</button></form>', "form"),
])
def test_dangerous_markup_is_dropped(markup, forbidden):
    assert forbidden.lower() not in clean(markup).lower()


@pytest.mark.parametrize("markup", [
    '<table><thead><tr><th scope="col" style="text-align:center">甲</th></tr></thead>'
    '<tbody><tr><td colspan="2" style="text-align:right">1</td></tr></tbody></table>',
    '<p><img src="../../files/a%20b.png" alt="图" width="10" height="10"></p>',
    '<p><a href="../x/#p" title="t">链接</a> <a href="https://example.gov.cn/">外</a> <a href="mailto:a@b.cn">邮</a></p>',
    '<details class="note" open=""><summary>说明</summary><p>内容</p></details>',
    '<h2 id="yi">一、总则<a class="headerlink" href="#yi" title="Permanent link">¶</a></h2>',
    '<div class="admonition note"><p class="admonition-title">注意</p><p>x</p></div>',
    '<div class="tabbed-set"><input type="radio" id="__tabbed_1_1" name="__tabbed_1" checked="">'
    '<label for="__tabbed_1_1">甲</label></div>',
    '<ul class="task-list"><li class="task-list-item"><input type="checkbox" disabled="" checked=""> 完成</li></ul>',
    '<span class="twemoji"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M1 2z"></path></svg></span>',
    '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>',
    "<!-- 年度报告表格 -->",
])
def test_what_editors_and_material_need_is_kept(markup):
    assert clean(markup) == markup


def test_hostile_body_is_cleaned_on_the_entry_page(build_site):
    built = build_site(files={"content/gkml/2021/00001.md": HOSTILE.replace('&#106;avascript&#58;alert(5)', "#")})
    assert built.returncode == 0, built.output
    body = built.page(ENTRY).split('<div class="dc-body">')[1].split("</div>")[0]
    for forbidden in ("pwned", "onerror", "onload", "<iframe", "display:none", "position:fixed", "onclick",
                      "<object", "<embed", "<form", "evil.example"):
        assert forbidden not in body, forbidden
    assert '<img src="../../files/2021/00001-1.pdf" alt="图">' in body and "段落" in body


def test_javascript_link_is_a_problem_at_its_line(build_site):
    built = build_site(files={"content/gkml/2021/00001.md": HOSTILE,
                              "content/about.md": "# 关于\n\n[点我](javascript:alert(1))\n"})
    assert built.returncode != 0, built.output
    assert "content/gkml/2021/00001.md:10:10: javascript:alert(5): 网页中不允许 javascript: 链接" in built.output
    assert "content/about.md:3:6: javascript:alert(1): 网页中不允许 javascript: 链接" in built.output
    assert "Traceback" not in built.output


def test_sanitizing_can_be_turned_off(build_site):
    mkdocs = MINIMAL_MKDOCS.replace("[search, disclosure]", "[search, {disclosure: {sanitize_html: false}}]")
    built = build_site(files={"content/gkml/2021/00001.md": '<iframe src="https://www.example.gov.cn/map" title="地图"></iframe>\n'}, mkdocs=mkdocs)
    assert built.returncode == 0, built.output
    assert '<iframe src="https://www.example.gov.cn/map" title="地图"></iframe>' in built.page(ENTRY)


def test_editorial_pages_are_cleaned_too(build_site):
    built = build_site(files={"content/about.md": '# 关于\n\n<img src="a.png" onerror="alert(1)">\n'})
    assert built.returncode == 0, built.output
    assert "onerror" not in built.page("about/index.html")


MATERIAL_MKDOCS = MINIMAL_MKDOCS + """\
markdown_extensions:
  - tables
  - attr_list
  - footnotes
  - abbr
  - admonition
  - toc: {permalink: true}
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.highlight
  - pymdownx.tasklist
  - pymdownx.tabbed: {alternate_style: true}
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
"""
MATERIAL_BODY = """\
## 一、总则 {#zongze}

!!! note "注意"
    提示内容[^1]。

??? info "展开"
    折叠内容

=== "甲"
    甲的内容

=== "乙"
    乙的内容

- [x] 已完成
- [ ] 未完成

| 左 | 中 | 右 |
|:---|:---:|---:|
| 1 | 2 | 3 |

```python
print("你好")
```

:material-file-document: 图标 ![图](../../files/2021/00001-1.pdf){ width="10" }

*[HTML]: 超文本标记语言

[^1]: 脚注。
"""


def same_dom(first: str, second: str) -> bool:
    """Equal once parsed (nh3 writes `<input>` for `<input />`, ¶ for `&para;`, `text-align:x` for `text-align: x;`)."""
    first, second = (re.sub(r"text-align: (\w+);", r"text-align:\1", LexborHTMLParser(h).html) for h in (first, second))
    return first == second


def test_material_markdown_renders_the_same_with_and_without_sanitizing(build_site):
    files = {"content/gkml/2021/00001.md": MATERIAL_BODY}
    on = build_site(files=files, mkdocs=MATERIAL_MKDOCS)
    assert on.returncode == 0, on.output
    cleaned = on.page(ENTRY)
    off = build_site(files=files, mkdocs=MATERIAL_MKDOCS.replace("[search, disclosure]",
                                                                 "[search, {disclosure: {sanitize_html: false}}]"))
    assert off.returncode == 0, off.output
    assert same_dom(cleaned, off.page(ENTRY))
    for kept in ('class="admonition note"', "<details", 'class="tabbed-set', 'type="checkbox"', "text-align:center",
                 'class="highlight"', "<svg", 'id="zongze"', 'class="footnote"'):
        assert kept in cleaned, kept


def test_demo_report_chart_and_tables_survive(demo_site):
    report = next(p for p in demo_site.site.glob("gkml/*/index.html") if "dc-report-chart" in p.read_text(encoding="utf-8"))
    html = report.read_text(encoding="utf-8")
    assert '-report.svg"' in html and "<table" in html
