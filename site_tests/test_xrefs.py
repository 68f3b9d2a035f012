"""`index:` links (xrefs.py + markdown_links.py): only real links, any case, raw HTML too, never code."""

from __future__ import annotations

import random

import pytest

from disclosure import xrefs
from disclosure.markdown_links import source_links

KNOWN = "11440100MB2C00000X/2020-00007"
KNOWN_URL = 'href="../11440100MB2C00000X-2020-00007/"'


@pytest.fixture
def catalogue(small_catalogue):
    return small_catalogue


def problems(markdown: str, catalogue) -> list[str]:
    return [str(p) for p in xrefs.check_links(markdown, "a.md", catalogue)]


@pytest.mark.parametrize("markdown", [
    "`[x](index:A/2099-1)`\n",
    "``[x](index:A/2099-1) ` still code``\n",
    "```markdown\n[x](index:A/2099-1)\n```\n",
    "~~~~\n[x](index:A/2099-1)\n~~~\n~~~~\n",
    "段落\n\n    [x](index:A/2099-1)\n",
    "<!-- [x](index:A/2099-1) -->\n",
    "---\nsee: \"[x](index:A/2099-1)\"\n---\n正文\n",
    "- 列表\n\n    ```\n    [x](index:A/2099-1)\n    ```\n",
])
def test_nothing_in_code_comments_or_front_matter_is_a_link(markdown, catalogue):
    assert problems(markdown, catalogue) == []


@pytest.mark.parametrize("markdown, expected", [
    ("见 [x](INDEX:A/2099-1)\n", "a.md:1:7: INDEX:A/2099-1: 未知索引号"),
    ("第一行\n见 [x](index:)\n", "a.md:2:7: index:: index: 后缺少索引号"),
    ("见 [x](<index: >)\n", "a.md:1:8: index:: index: 后缺少索引号"),
    ("见 [x](index:abc)\n", 'a.md:1:7: index:abc: 索引号 "abc" 格式不对'),
    ("见 [x](index:A/２０２１-1)\n", "格式不对"),
    ('见 <a title="t" href="index:A/2099-1">x</a>\n', "a.md:1:22: index:A/2099-1: 未知索引号"),
    ("见 [x][r]\n\n[r]: Index:A/2099-1\n", "a.md:3:6: Index:A/2099-1: 未知索引号"),
    ("- 列表项\n\n    见 [x](index:A/2099-1)\n", "a.md:3:11: index:A/2099-1: 未知索引号"),
    ('!!! note "替代"\n\n    见 [x](index:A/2099-1)\n', "a.md:3:11: index:A/2099-1: 未知索引号"),
])
def test_real_links_are_checked_at_their_position(markdown, expected, catalogue):
    found = problems(markdown, catalogue)
    assert len(found) == 1 and expected in found[0], found


def test_known_links_in_any_form_are_fine(catalogue):
    assert problems(f"[a](index:{KNOWN}) [b](INDEX:{KNOWN} \"t\") <a href='index:{KNOWN}#x'>c</a>\n", catalogue) == []


def test_rendered_links_are_rewritten_only_in_attributes(catalogue):
    html = (f'<p><a href="INDEX:{KNOWN}#p2">a</a> <code>[b](index:{KNOWN})</code> '
            f"<a href=index:{KNOWN}>c</a> <a href='index:A/2099-1'>d</a></p>")
    out, unresolved = xrefs.resolve_index_hrefs(html, catalogue, lambda index: f"../{index.replace('/', '-')}/")
    assert '<a href="../11440100MB2C00000X-2020-00007/#p2">a</a>' in out
    assert f"<code>[b](index:{KNOWN})</code>" in out
    assert '<a href="../11440100MB2C00000X-2020-00007/">c</a>' in out
    assert unresolved == ["index:A/2099-1"]


def test_build_resolves_raw_and_uppercase_links_and_leaves_code_alone(build_site):
    body = (f"见[规划](INDEX:{KNOWN})和<a href=\"index:{KNOWN}\">规划</a>。\n\n"
            "写法：`[标题](index:11440100MB2C00000X/2099-00001)`\n\n"
            "```markdown\n[标题](index:11440100MB2C00000X/2099-00002)\n```\n")
    built = build_site(files={"content/gkml/2021/00001.md": body})
    assert built.returncode == 0, built.output
    page = built.page("gkml/11440100MB2C00000X-2021-00001/index.html")
    assert page.count(KNOWN_URL) >= 2
    assert "index:11440100MB2C00000X/2099-00001" in page and "index:11440100MB2C00000X/2099-00002" in page


@pytest.mark.parametrize("body, expected", [
    ('<a href="index:11440100MB2C00000X/2099-00001">x</a>\n', "content/gkml/2021/00001.md:1:10: "),
    ("[x](index:)\n", "content/gkml/2021/00001.md:1:5: index:: index: 后缺少索引号"),
])
def test_build_fails_on_unknown_or_malformed_links(build_site, body, expected):
    built = build_site(files={"content/gkml/2021/00001.md": body})
    assert built.returncode != 0 and expected in built.output, built.output
    assert "Traceback" not in built.output


def test_demo_guide_shows_the_syntax_in_its_code_example(demo_site):
    page = demo_site.page("bianji/index.html")
    assert "index:11440100MB2C00000X/2021-00003" in page  # the example, not a rewritten path


def test_the_cheap_first_test_passes_every_body_with_a_link_worth_checking():
    pieces = ["[x](index:A/2099-1)", "[x](javascript:alert(1))", "[r]: index:A/2099-1", "[r]:\n  data:x", "<a href='index:A'>",
              "<img src=\"java&#115;cript:x\">", "<https://a.cn/>", "[x]", "](", "]:", "(", ")", "[", "]", "<", ">", ":", "&#58;",
              "&", "9:00", "正文", "\n", "\n\n", " ", "`", "    "]
    chosen = random.Random(11)
    for _ in range(20000):
        body = "".join(chosen.choice(pieces) for _ in range(chosen.randint(1, 8)))
        worth = [link for link in source_links(body)
                 if xrefs.index_target(link.target) is not None or xrefs.refused_scheme(link.target) is not None]
        assert xrefs.may_link(body) or not worth, repr(body)
    assert not xrefs.may_link("会议定于9:30召开，详见 https://www.example.gov.cn/。")
