"""plain_paragraphs.py: a body of plain paragraphs and headings gets Markdown's own HTML, heading ids and
table of contents without Markdown's passes; any other body, or a Markdown with a processor the module
does not know, takes the normal path."""

from __future__ import annotations

import random
import re

import markdown
import pytest
from mkdocs.structure.pages import _ExtractTitleTreeprocessor
from pymdownx.slugs import slugify

from disclosure import plain_blocks, plain_paragraphs, sanitize
from disclosure.plain_inline import skip_plain_text
from disclosure.search.fulltext import html_text
from disclosure.search.postings import normal

DEMO = ["tables", "attr_list", "admonition", "toc", "fenced_code"]
# Pieces of bodies: text and whitespace a plain body may hold, and markup that must take the normal path.
PLAIN = ["政府信息公开", "依申请公开", "，", "。", "（一）", "2024年", "一、", "Notice", "v2", "1.", " ", "  ", "\u3000",
         "\u3000\u3000", "\n", "\n", "\n\n", "\n\n\n", " \n", "\n ", "\n    ", "%", "@", "$", "'", '"', "/", ".", "?",
         "é", "\x85", "\u2028", "9:00", "1~3", "3#楼", "a=b+c^d", "\r\n", "\r", "content_5577136", "a_b_", "x__y"]
MARKUP = ["  \n", "- ", "* ", "+ ", "1. ", "#", "> ", "===", "---", "|", "*", "_", "`", "[", "]", "(", ")", "<b>", "&",
          ":", "!!! ", "{: .x}", "~~~", "\t", "\r", "\x02", "[TOC]"]


STARTS = ["政府信息公开", "（一）", "一、", "Notice", "é", "\u3000\u3000", ""]  # how a line of a headed body may start
HEADED = [(DEMO, {}), (["toc"], {"toc": {"baselevel": 2, "toc_depth": "2-4", "separator": "_"}}),
          (["toc", "tables"], {"toc": {"slugify": slugify(case="lower"), "toc_depth": 3}})]


def converter(extensions: list, configs: dict | None = None) -> markdown.Markdown:
    md = markdown.Markdown(extensions=extensions, extension_configs=configs or {})
    skip_plain_text(md)
    return md


def bodies(count: int, seed: int) -> list[str]:
    chosen = random.Random(seed)
    return ["".join(chosen.choice(MARKUP if chosen.random() < 0.05 else PLAIN) for _ in range(chosen.randint(1, 14)))
            for _ in range(count)]


@pytest.mark.parametrize("extensions", [DEMO, [], ["tables", "toc"]])
def test_plain_bodies_get_exactly_markdowns_html(extensions):
    md = converter(extensions)
    assert plain_paragraphs.known(md)
    shortcut = 0
    for body in bodies(6000, seed=len(extensions)) + ["段落一\n\n段落二\n第二行\n", "\u3000\u3000首行缩进。\n\n\n\n末段 "]:
        made = plain_paragraphs.plain_body(body, None)
        if made is not None:
            shortcut += 1
            md.reset()
            assert made.html == md.convert(body), repr(body)
            assert made.toc_tokens == [] and made.anchors == set()
    assert shortcut > 800  # the generated bodies exercise the shortcut, not only the way around it


def test_has_markup_finds_what_the_markup_pattern_finds():
    """`has_markup`, MARKUP's alternatives one scan at a time, answers as MARKUP itself on bodies of every
    piece above, markup at line starts and "_" after letters or spaces included."""
    chosen = random.Random(5)
    pieces = PLAIN + MARKUP + ["\n1.", "\n12.", "\n-", "\n~", "\n=", "\n+", "\n#", "\n ", "a_", " _", "_"]
    texts = ["".join(chosen.choice(pieces) for _ in range(chosen.randint(0, 6))) for _ in range(20000)]
    found = [bool(plain_paragraphs.MARKUP.search(text)) for text in texts]
    assert [plain_paragraphs.has_markup(text) for text in texts] == found
    assert 4000 < sum(found) < 16000  # both answers well represented


def headed_bodies(count: int, seed: int) -> list[str]:
    """Bodies of lines, some of them headings ("#" × 1–7, spaces, text) with repeated titles."""
    chosen = random.Random(seed)
    titles = ["一、总则", "第二章 附则", "1. 范围", "Notice  Two", "Ünïcode 标题", "一、总则", "一、总则"]
    wrong = ["", " ", "标题 #", "a_b"]  # no heading text, or markup in it

    def line() -> str:
        if chosen.random() < 0.3:
            return ("#" * chosen.choice([1, 2, 2, 3, 3, 4, 5, 6] * 4 + [7]) + " " * chosen.choice([1, 1, 1, 1, 2, 0])
                    + chosen.choice(wrong if chosen.random() < 0.03 else titles) + chosen.choice(["", " ", "\u3000"]))
        return chosen.choice(STARTS) + "".join(chosen.choice(MARKUP if chosen.random() < 0.01 else PLAIN)
                                               for _ in range(chosen.randint(0, 3)))
    return ["\n".join(line() for _ in range(chosen.randint(1, 8))) for _ in range(count)]


@pytest.mark.parametrize("extensions, configs", HEADED)
def test_plain_headings_get_markdowns_html_ids_and_table_of_contents(extensions, configs):
    md = converter(extensions, configs)
    named = plain_paragraphs.headings(md)
    assert plain_paragraphs.known(md) and named is not None and plain_paragraphs.agrees(md, named)
    title = _ExtractTitleTreeprocessor()  # MkDocs' own, as each page registers it
    title._register(md)
    headed = titled = 0
    for body in headed_bodies(4000, seed=len(extensions)) + ["## 一、总则\n\n正文。\n## 一、总则\n正文。\n# 末章"]:
        made = plain_paragraphs.plain_body(body, named)
        if made is None:
            continue
        headed += "<h" in made.html
        md.reset()
        assert made.html == md.convert(body), repr(body)
        assert made.toc_tokens == md.toc_tokens, repr(body)
        assert made.anchors == set(re.findall(r' id="([^"]*)"', made.html)), repr(body)
        assert made.title == title.title, repr(body)
        titled += made.title is not None
        title.title = None
    assert headed > 600 and (titled > 50 if named.shift == 0 else titled == 0)


@pytest.mark.parametrize("body", ["##标题", "####### 七级", "## 标题 ##", "## *强调*", "## 见 [TOC]",
                                  "## ", "##\u3000"])
def test_heading_markup_takes_markdowns_path(body):
    md = converter(DEMO)
    assert plain_paragraphs.plain_body(body, plain_paragraphs.headings(md)) is None


@pytest.mark.parametrize("configs", [{"toc": {"permalink": True}}, {"toc": {"anchorlink": True}}, {"toc": {"permalink": "#"}}])
def test_headings_toc_adds_to_take_markdowns_path(configs):
    md = converter(["toc"], configs)
    assert plain_paragraphs.known(md) and plain_paragraphs.headings(md) is None
    assert plain_paragraphs.plain_body("## 标题\n\n正文", None) is None
    assert plain_paragraphs.plain_body("正文", None) is not None


def test_a_markdown_that_names_headings_otherwise_is_found_out_by_the_samples():
    md = converter(["toc"], {"toc": {"slugify": slugify(case="lower")}})
    named = plain_paragraphs.headings(md)
    assert named is not None and plain_paragraphs.agrees(md, named)
    assert not plain_paragraphs.agrees(md, named._replace(slugify=markdown.extensions.toc.slugify))
    assert not plain_paragraphs.agrees(md, named._replace(shift=1))


@pytest.mark.parametrize("body", ["1. 第一项\n2. 第二项", "- 项", "## 标题", "标题\n===", "> 引用", "    代码", "甲 | 乙\n--|--",
                                  "!!! note\n    提示", "**粗**", "行末  \n换行", "见 [TOC]", "```\n代码\n```", "&amp;",
                                  "#标题", "段落\n#标题", "~~~\n代码\n~~~", "+ 项", "标题\n=", "![图](a.png)",
                                  "见 _强调_", "_强调_ 在行首", "段落\n_强调_"])
def test_markup_takes_markdowns_path(body):
    assert plain_paragraphs.plain_body(body, None) is None


@pytest.mark.parametrize("extensions, configs", [
    (["footnotes"], {}), (["nl2br"], {}), (["pymdownx.magiclink"], {}), (["smarty"], {}), (["meta"], {}),
    (["toc"], {"toc": {"marker": "目录"}}), (["def_list"], {}),
])
def test_a_markdown_with_processors_it_does_not_know_takes_markdowns_path(extensions, configs):
    assert not plain_paragraphs.known(converter(extensions, configs))


def test_plain_html_needs_no_cleaning_and_gives_the_text_a_parser_finds():
    named = plain_paragraphs.headings(converter(DEMO))
    for body in bodies(6000, seed=7) + headed_bodies(3000, seed=8) + ["不间断\xa0空格。", "## 不间断\xa0空格\n正文"]:
        if (made := plain_paragraphs.plain_body(body, named)) is None:
            continue
        html = made.html
        assert normal(plain_paragraphs.text_of(html)) == normal(html_text(html)), repr(body)
        assert sanitize.clean(html, plain=True) == sanitize.clean(html), repr(body)
        assert sanitize.clean(html, plain=True) == html or "\xa0" in html


# Lists, tables and bold text (plain_blocks.py): their simplest forms and the near misses around them.
CELLS = ["甲", "**乙**", " 丙 ", "", "  ", "1", "2024年", "- 项", "1. 项", "# 井", "\u3000全角", " **粗** 体 ", "a*b", "**",
         "x  ", "** 粗**", "**粗 **", "***粗***", "`码`", "[链](x)", "[ 链 ](index:a/1)", "[链](index:a b)", "[链](../x.md)",
         "[**粗**](index:a/1)", "[链](INDEX:a/1)", "[链](index:a/1 \"题\")", "[[链]](index:a/1)", "[链]\n(index:a/1)", "[链](https://a.cn/a&b)", "[链](ftp://a.cn/)",
         "[链](https://a.cn/(x))", "[链](https://a.cn/ x)", "[链](https://a.cn/\"x)", "[链](https:a.cn)"]
LINK = "[关于通知](index:11440100MB2C00000X/2021-00001)"
WEB_LINKS = ["[政府网](https://www.gov.cn/zhengce/2024-01/a_b.htm?id=1#x)", "[网站](http://a.example:8080/%E4%B8+x~y)"]
ITEMS = ["1. ", "2. ", "10. ", "- ", "* ", "+ ", "-  ", "1.  ", "1.", "-", "1) ", "01. "]
RULES = ["---", " --- ", "-", "--- ", "  -  ", ":--", "--:", "", " "]


def rich_bodies(count: int, seed: int) -> list[str]:
    """Bodies of paragraphs (bold text in some), headings, list blocks and table blocks."""
    chosen = random.Random(seed)

    def text() -> str:
        return "".join(chosen.choice(CELLS if chosen.random() < 0.1 else PLAIN[:9] + ["**第一条**", LINK, *WEB_LINKS]) for _ in range(chosen.randint(1, 3)))

    def row(width: int, cells: list[str] | None) -> str:
        return "|" + "|".join(chosen.choice(cells) if cells else text() for _ in range(width)) + "|"

    def block() -> str:
        kind = chosen.random()
        if kind < 0.3:
            marker = chosen.choice(ITEMS)
            return "\n".join((chosen.choice(ITEMS) if chosen.random() < 0.05 else marker) + text()
                             for _ in range(chosen.randint(1, 4)))
        if kind < 0.6:
            width = chosen.choice([1, 2, 2, 3, 4])
            rows = [row(width, None), row(width, RULES if chosen.random() < 0.2 else RULES[:5])]
            rows += [row(width + (chosen.random() < 0.05), None) for _ in range(chosen.randint(0, 3))]
            return "\n".join(rows)
        if kind < 0.7:
            return chosen.choice(["## 一、总则", "### 第二章", "## **粗**"])
        return "\n".join(text() + chosen.choice(["", "", " ", "  ", "   ", "    "]) for _ in range(chosen.randint(1, 3)))

    return [chosen.choice(["\n\n", "\n", "\n\n\n"]).join(block() for _ in range(chosen.randint(1, 5))) for _ in range(count)]


@pytest.mark.parametrize("extensions, configs", [(DEMO, {}), ([], {}), (["tables", "toc"], {"toc": {"baselevel": 2}})])
def test_simple_lists_tables_and_bold_text_get_exactly_markdowns_html(extensions, configs):
    md = converter(extensions, configs)
    named = plain_paragraphs.headings(md)
    extras = plain_paragraphs.supported(md, named)
    assert extras == {"lists", "strong", "links", "breaks"} | ({"tables"} if "tables" in extensions else set())
    found = dict.fromkeys(["<ol>", "<ul>", "<table>", "<strong>", "<h", "<a ", "<br />", "https"], 0)
    for body in rich_bodies(8000, seed=len(extensions)):
        if (made := plain_paragraphs.plain_body(body, named, extras)) is None:
            continue
        found = {tag: seen + (tag in made.html) for tag, seen in found.items()}
        md.reset()
        assert made.html == md.convert(body), repr(body)
        assert made.toc_tokens == getattr(md, "toc_tokens", []), repr(body)
        resolved = made.html.replace('href="index:', 'href="../')  # as the plugin resolves them, before cleaning
        assert normal(plain_paragraphs.text_of(resolved)) == normal(html_text(resolved)), repr(body)
        assert sanitize.clean(resolved, plain=True) == sanitize.clean(resolved), repr(body)
    assert min(found["<ol>"], found["<ul>"], found["<strong>"], found["<a "], found["<br />"]) > 80, found
    assert found["https"] > 40 and (found["<h"] > 80 or named is None), found
    assert found["<table>"] > 80 if "tables" in extensions else found["<table>"] == 0


@pytest.mark.parametrize("body", ["1. 甲\n\n2. 乙", "1. 甲\n- 乙", "- 甲\n\n- 乙", "1. 甲\n乙", "- ", "- **粗", "| 甲 |\n| --- |\n| 乙 |",
                                  "| 甲 | 乙 |\n| :-- | --- |\n| 丙 | 丁 |", "| 甲 | 乙 |\n| --- | --- |", "| 甲 | 乙 |\n| --- | --- |\n| 丙 |",
                                  "甲 | 乙\n--- | ---\n丙 | 丁", "** 粗**", "**粗 **", "***粗***", "**粗*体**", "**粗\n体**",
                                  "## **粗**", "1.5 倍\n\n1. 项", "见[链](../a.md)", "[ 链](index:a/1)", "**[链](index:a/1)**",
                                  "**粗**_x_", "[链](index:a/1)_x_ y", "甲_乙  \n丙"])
def test_lists_tables_and_bold_text_beyond_the_simplest_take_markdowns_path(body):
    assert plain_paragraphs.plain_body(body, plain_paragraphs.headings(converter(DEMO)), plain_blocks.EXTRAS) is None


def test_times_ranges_and_lines_starting_with_a_number_or_a_parenthesis_stay_paragraphs_and_tables_need_the_extension():
    md = converter(DEMO)
    for body in ["2024年工作要点。\n12月起施行", "(一)总则。\n\"引号\"在行首。\n/ 斜线 (2)\n\n.点 %号 'a' ?问 @",
                 "9:00在3#楼召开，时长1~3小时，a=b+c^d。\n:冒号、^在行首\n\n网址 https://www.example.gov.cn/a?b=1#c",
                 "见 http://www.gov.cn/zhengce/content/2021-01/05/content_5577136.htm 与 file__name、见_强调_ 后"]:
        md.reset()
        made = plain_paragraphs.plain_body(body, None)
        assert made is not None and made.html == md.convert(body), body
    table = "| 甲 | 乙 |\n| --- | --- |\n| 丙 | 丁 |"
    assert plain_paragraphs.plain_body(table, None, frozenset({"lists", "strong"})) is None
    assert "<td>丙</td>" in plain_paragraphs.plain_body(table, None, frozenset({"tables"})).html
