"""plain_paragraphs.py: a body of plain paragraphs gets Markdown's own HTML without Markdown's passes;
any other body, or a Markdown with a processor the module does not know, takes the normal path."""

from __future__ import annotations

import random

import markdown
import pytest

from disclosure import plain_paragraphs, sanitize
from disclosure.plain_inline import skip_plain_text
from disclosure.search.fulltext import html_text
from disclosure.search.postings import normal

DEMO = ["tables", "attr_list", "admonition", "toc", "fenced_code"]
# Pieces of bodies: text and whitespace a plain body may hold, and markup that must take the normal path.
PLAIN = ["政府信息公开", "依申请公开", "，", "。", "（一）", "2024年", "一、", "Notice", "v2", "1.", " ", "  ", "\u3000",
         "\u3000\u3000", "\n", "\n", "\n\n", "\n\n\n", " \n", "\n ", "\n    ", "%", "@", "$", "'", '"', "/", ".", "?",
         "é", "\x85", "\u2028"]
MARKUP = ["  \n", "- ", "* ", "+ ", "1. ", "#", "> ", "===", "---", "|", "*", "_", "`", "[", "]", "(", ")", "<b>", "&",
          ":", "!!! ", "{: .x}", "~~~", "\t", "\r", "\x02", "[TOC]"]


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
        html = plain_paragraphs.plain_html(body)
        if html is not None:
            shortcut += 1
            md.reset()
            assert html == md.convert(body), repr(body)
    assert shortcut > 800  # the generated bodies exercise the shortcut, not only the way around it


@pytest.mark.parametrize("body", ["1. 第一项\n2. 第二项", "- 项", "## 标题", "标题\n===", "> 引用", "    代码", "甲 | 乙\n--|--",
                                  "!!! note\n    提示", "**粗**", "行末  \n换行", "见 [TOC]", "a_b", "```\n代码\n```", "&amp;"])
def test_markup_takes_markdowns_path(body):
    assert plain_paragraphs.plain_html(body) is None


@pytest.mark.parametrize("extensions, configs", [
    (["footnotes"], {}), (["nl2br"], {}), (["pymdownx.magiclink"], {}), (["smarty"], {}), (["meta"], {}),
    (["toc"], {"toc": {"marker": "目录"}}), (["def_list"], {}),
])
def test_a_markdown_with_processors_it_does_not_know_takes_markdowns_path(extensions, configs):
    assert not plain_paragraphs.known(converter(extensions, configs))


def test_plain_html_needs_no_cleaning_and_gives_the_text_a_parser_finds():
    for body in bodies(6000, seed=7) + ["不间断\xa0空格。"]:
        if (html := plain_paragraphs.plain_html(body)) is None:
            continue
        assert normal(plain_paragraphs.text_of(html)) == normal(html_text(html)), repr(body)
        assert sanitize.clean(html, plain=True) == sanitize.clean(html), repr(body)
        assert sanitize.clean(html, plain=True) == html or "\xa0" in html
