"""Python-Markdown's HTML for a body of plain paragraphs under plain headings, without running its passes.

Most entry bodies are paragraphs of Chinese text, often in sections under "## 一、…" headings, and
little else. For such a body Markdown's preprocessors, its ~13 block tests per paragraph, its tree
passes (toc's rendering of a table of contents no page uses among them), serializer and
postprocessors come down to `<p>` and `<hN id>` lines, the heading ids and the table of contents'
tokens; this module makes those directly (the benchmark's bodies: a tenth of Markdown's time), and
with plain_blocks.py the simplest lists, tables, bold text, links and line breaks too.

It does so only when both sides are known:
- the body: no character any known processor reacts to anywhere (`MARKUP`), no line that starts with
  a space, "-", "+", "#", "=", "~" or a number and a dot (indented code, lists, rules, headings,
  setext underlines, fences) but a heading line ("#" to "######", a space, then text without
  markup), no two spaces before a line break; or, where the Markdown makes them as plain_blocks does
  (`supported`), lists and tables in their simplest form, bold text, links and line breaks;
- the Markdown: every preprocessor, block processor, tree processor and postprocessor is one this
  module knows to leave such a body alone (`KNOWN`: Markdown's own, MkDocs' per-page ones and those
  of tables, toc, attr_list, admonition and fenced_code), the inline step is `PlainTextInline` (its
  patterns are Markdown's own) and toc's marker holds a character the body cannot. Headings also need
  toc without anchor links or permalinks; their ids come from toc's own slugify and `unique`, and the
  text of a first heading of level 1 is the page's title, as MkDocs reads it.
`agrees` checks the result against the Markdown itself on sample bodies once per process. Anything
else takes Markdown's normal path. Tests compare the two on generated bodies."""

from __future__ import annotations

import html
import re
from typing import Any, Callable, NamedTuple

import markdown
from markdown.extensions.toc import nest_toc_tokens, strip_tags, unique

from .plain_blocks import EXTRAS, ITEM, inline, list_html, table_html
from .plain_inline import PlainTextInline

KNOWN = {
    "preprocessors": {
        "normalize_whitespace": "markdown.preprocessors.NormalizeWhitespace",
        "html_block": "markdown.preprocessors.HtmlBlockPreprocessor",
        "fenced_code_block": "markdown.extensions.fenced_code.FencedBlockPreprocessor",
        "mkdocs_raw_html": "mkdocs.structure.pages._RawHTMLPreprocessor",
    },
    "blockprocessors": {
        "empty": "markdown.blockprocessors.EmptyBlockProcessor",
        "indent": "markdown.blockprocessors.ListIndentProcessor",
        "code": "markdown.blockprocessors.CodeBlockProcessor",
        "hashheader": "markdown.blockprocessors.HashHeaderProcessor",
        "setextheader": "markdown.blockprocessors.SetextHeaderProcessor",
        "hr": "markdown.blockprocessors.HRProcessor",
        "olist": "markdown.blockprocessors.OListProcessor",
        "ulist": "markdown.blockprocessors.UListProcessor",
        "quote": "markdown.blockprocessors.BlockQuoteProcessor",
        "reference": "markdown.blockprocessors.ReferenceProcessor",
        "paragraph": "markdown.blockprocessors.ParagraphProcessor",
        "table": "markdown.extensions.tables.TableProcessor",
        "admonition": "markdown.extensions.admonition.AdmonitionProcessor",
    },
    "treeprocessors": {
        "inline": "disclosure.plain_inline.PlainTextInline",
        "prettify": "markdown.treeprocessors.PrettifyTreeprocessor",
        "unescape": "markdown.treeprocessors.UnescapeTreeprocessor",
        "toc": "markdown.extensions.toc.TocTreeprocessor",
        "attr_list": "markdown.extensions.attr_list.AttrListTreeprocessor",
        "mkdocs_extract_anchors": "mkdocs.structure.pages._ExtractAnchorsTreeprocessor",
        "relpath": "mkdocs.structure.pages._RelativePathTreeprocessor",
        "mkdocs_extract_title": "mkdocs.structure.pages._ExtractTitleTreeprocessor",
    },
    "postprocessors": {
        "raw_html": "markdown.postprocessors.RawHtmlPostprocessor",
        "amp_substitute": "markdown.postprocessors.AndSubstitutePostprocessor",
    },
}
# Characters Markdown's own inline patterns or some known processor react to wherever they stand:
# code, escapes, links and images, HTML, entities, emphasis, tables, attribute lists, toc's "[TOC]";
# control characters (tabs, carriage returns, Markdown's placeholders).
_ANYWHERE = r"`\\\[\]<>&*|{}!\x00-\x09\x0b-\x1f\x7f"
_CHARS = rf"[{_ANYWHERE}]|(?<!\w)_"  # "_" after a letter or digit opens nothing
# At a line's start also a space, "-" or "+" (indented code, lists, rules, setext underlines), "#"
# (headings), "=" (setext underlines), "~" (fences) and a number with a dot (a numbered list). Elsewhere
# these are text, as "9:00", "1~3" and "3#楼" are, and so is other ASCII punctuation at a line's start.
# A run of "_" right after a letter, digit or "_" can start no emphasis (Python-Markdown's delimiters
# treat "_" smartly), so "content_5577136.htm" is text too.
_LINE_START = r"[ +#=~-]|\d+\."
MARKUP = re.compile(_CHARS + r"|  \n|^(?:" + _LINE_START + ")", re.MULTILINE)  # what `has_markup` looks for
HEADING = re.compile(r"^(#{1,6}) +([^\n]*)$", re.MULTILINE)  # a heading line whose text `INLINE_MARKUP` may rule out
# In a heading's text or a table's cell also what toc, attribute lists and the heading's closing
# hashes react to, and whatever else may start a line: such headings and cells take Markdown's path.
INLINE_MARKUP = re.compile(rf"[{_ANYWHERE}_~:#=+^]")
PLAIN_ID = re.compile(r"[^\s&<>\"'=`]+")  # an id written the same by Markdown's serializer and Ammonia
PARAGRAPHS = "第一段，9:00\r\n第二行 1~3 3#楼 a=b+c^d content_5577136.htm a__b_\n\n\n\u3000末段 "  # samples for `agrees`
HEADINGS = "## 一、总则\n\n第一段\n### 1.1 范围\n正文\n\n## 一、总则\n\n##  Notice  Two \n末段"
EXTRA_SAMPLES = {"lists": "第一段\n\n1. 第一项\n2. 第二项\n\n正文\n\n- 甲\n* 乙\n\n末段", "strong": "**第一条** 正文**加粗**。\n\n末段",
                 "tables": "| 项目 | 数量 |\n|---| --- |\n| 甲 |  |\n|乙|2|\n\n末段",
                 "links": "见[关于通知](index:11440100MB2C00000X/2021-00001)。\n[第二](index:a/2020-1)与[三](index:B)"
                          "，[政府网](https://www.gov.cn/zhengce/a_b.htm?id=1#x)[网站](http://a.example:8080/%E4#top)",
                 "breaks": "示例市数据管理局  \n2024年3月1日\n\n甲   \n乙    \n丙"}


_ANYWHERE_CHARACTER = re.compile(f"[{_ANYWHERE}]")
_LONE_UNDERSCORE = re.compile(r"(?<!\w)_")
_FIRST_LINE = re.compile(_LINE_START)
_LATER_LINE = re.compile(r"\n(?:" + _LINE_START + ")")


def has_markup(text: str) -> bool:
    """Whether `MARKUP` finds anything in `text`: its alternatives one scan at a time, each one sre can
    skip ahead in (MARKUP's own scan tries every alternative at every character: 7× as long)."""
    return bool(_ANYWHERE_CHARACTER.search(text) or ("_" in text and _LONE_UNDERSCORE.search(text)) or "  \n" in text
                or _FIRST_LINE.match(text) or _LATER_LINE.search(text))


class Headings(NamedTuple):
    """How a Markdown's toc names headings and which of them its table of contents lists."""

    slugify: Callable[[str, str], str]
    separator: str
    shift: int  # toc's base level - 1
    top: int
    bottom: int


class PlainBody(NamedTuple):
    html: str
    toc_tokens: list[Any]  # nested dicts, as toc leaves them on the Markdown
    anchors: set[str]  # the heading ids
    title: str | None  # the text of a first heading of level 1, which MkDocs takes for the page's title


def known(md: markdown.Markdown) -> bool:
    """Whether every processor of `md` leaves a body without `MARKUP` as plain paragraphs."""
    registries = {"preprocessors": md.preprocessors, "blockprocessors": md.parser.blockprocessors,
                  "treeprocessors": md.treeprocessors, "postprocessors": md.postprocessors}
    for kind, registry in registries.items():
        if not hasattr(registry, "_priority"):  # the registry's names are not public API: a Markdown without it is unknown
            return False
        for name in {item.name for item in registry._priority}:
            processor = registry[name]
            if KNOWN[kind].get(name) != f"{type(processor).__module__}.{type(processor).__qualname__}":
                return False
    marker = getattr(md.treeprocessors["toc"], "marker", "") if "toc" in md.treeprocessors else "[TOC]"
    return isinstance(md.treeprocessors["inline"], PlainTextInline) and (not marker or has_markup(marker))


def headings(md: markdown.Markdown) -> Headings | None:
    """How `md` names headings; None when it adds to them (anchor links, permalinks) or has no toc."""
    toc = md.treeprocessors["toc"] if "toc" in md.treeprocessors else None
    if toc is None or toc.use_anchors or toc.use_permalinks not in (False, None):
        return None
    return Headings(toc.slugify, toc.sep, toc.base_level, toc.toc_top, toc.toc_bottom)


def agrees(md: markdown.Markdown, named: Headings | None, extras: frozenset[str] = frozenset()) -> bool:
    """Whether `md` itself makes of the samples (those of `extras`, else plain paragraphs and headings)
    what `plain_body` makes (`md` is left reset)."""
    samples = [EXTRA_SAMPLES[kind] for kind in sorted(extras)] if extras else [PARAGRAPHS, HEADINGS][:1 + (named is not None)]
    try:
        for sample in samples:
            made = plain_body(sample, named, extras)
            md.reset()
            if made is None or md.convert(sample) != made.html or getattr(md, "toc_tokens", []) != made.toc_tokens:
                return False
        return True
    finally:
        md.reset()


def supported(md: markdown.Markdown, named: Headings | None) -> frozenset[str]:
    """Which of plain_blocks' `EXTRAS` `md` makes as that module does (tables: with its tables extension)."""
    kinds = {kind for kind in EXTRAS if kind != "tables" or "table" in md.parser.blockprocessors}
    return frozenset(kind for kind in kinds if agrees(md, named, frozenset({kind})))


def plain_body(text: str, named: Headings | None, extras: frozenset[str] = frozenset()) -> PlainBody | None:
    """What a `known` Markdown makes of `text` (headings named as `named` says; None: no headings; the
    forms of plain_blocks.py that `extras` names), or None when `text` may hold anything else."""
    if "\r" in text:  # lines ended as on Windows: Markdown's first pass (NormalizeWhitespace) ends them so
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    rest, headed = HEADING.subn("", text) if named is not None and "#" in text else (text, 0)
    if not text.strip():
        return None
    checked = not has_markup(rest)  # paragraphs and headings only: no block or paragraph needs a look
    if not checked and not extras:
        return None
    made = _Made(named, extras, checked)
    for block in _blocks(text):
        if not checked and (block[0] == "|" or ITEM.match(block)):
            if not made.structure(block):
                return None
            continue
        made.after_list = False
        paragraph: list[str] = []
        for line in block.split("\n") if headed else [block]:
            heading = HEADING.fullmatch(line) if headed else None
            if heading is None:
                paragraph.append(line)
            elif not (made.paragraph(paragraph) and made.heading(heading)):
                return None
        if not made.paragraph(paragraph):
            return None
    return PlainBody("\n".join(made.parts), nest_toc_tokens(made.tokens), made.ids, made.title)


class _Made:
    """The HTML, heading ids and table of contents' tokens of a body so far."""

    def __init__(self, named: Headings | None, extras: frozenset[str], checked: bool) -> None:
        self.named, self.extras, self.checked = named, extras, checked
        self.parts: list[str] = []
        self.tokens: list[dict[str, Any]] = []
        self.ids: set[str] = set()
        self.counters: dict[str, int] = {}
        self.after_list = False  # Markdown joins a list right after another into one loose list
        self.title: str | None = None

    def paragraph(self, lines: list[str]) -> bool:
        """ParagraphProcessor's `<p>` of these lines (none for whitespace only); empties `lines`.
        False when the lines hold markup."""
        block = "\n".join(lines)
        lines.clear()
        made = block if self.checked else inline(block, has_markup, self.extras)
        if made is not None and made.strip():
            self.parts.append(f"<p>{made.lstrip()}</p>")
        return made is not None

    def heading(self, heading: re.Match[str]) -> bool:
        title = heading[2].strip()
        if not title or INLINE_MARKUP.search(heading[2]):
            return False
        assert self.named is not None
        level = min(len(heading[1]) + self.named.shift, 6)
        if level == 1 and not self.parts:  # the page's title, as MkDocs' get_heading_text reads it off the tree
            self.title = " ".join(title.split())
        name = strip_tags(title)
        anchor = unique(self.named.slugify(html.unescape(name), self.named.separator), self.ids, self.counters)
        if not PLAIN_ID.fullmatch(anchor):
            return False
        self.parts.append(f'<h{level} id="{anchor}">{title}</h{level}>')
        if self.named.top <= level <= self.named.bottom:
            self.tokens.append({"level": level, "id": anchor, "name": name, "html": title, "data-toc-label": ""})
        return True

    def structure(self, block: str) -> bool:
        """A list or table block (plain_blocks.py); False when it is neither in its simplest form."""
        is_list = block[0] != "|"
        if is_list and self.after_list:
            return False
        made = list_html(block, has_markup, self.extras) if is_list else table_html(block, INLINE_MARKUP.search, self.extras)
        self.after_list = is_list
        if made is not None:
            self.parts.append(made)
        return made is not None


def _blocks(text: str) -> list[str]:
    """The blocks of `text` as Markdown's NormalizeWhitespace, block parser and EmptyBlockProcessor
    (one blank line at a time) leave them."""
    blocks = (text + "\n\n").split("\n\n")
    found = []
    while blocks:
        block = blocks.pop(0)
        if not block or block.startswith("\n"):
            if block[1:]:
                blocks.insert(0, block[1:])
        else:
            found.append(block)
    return found


def text_of(html: str) -> str:
    """The text of `plain_body`'s HTML, a block (paragraph, heading, item, cell) a line: what search.fulltext.html_text
    finds in it, up to whitespace (the full-text index folds each run of it into one space)."""
    return _CLOSING.sub("\n", _OPENING.sub("", html))


_OPENING = re.compile(r"<(?:p|h[1-6] id=\"[^\"]*\"|ol|ul|li|table|thead|tbody|tr|th|td|/?strong|a href=\"[^\"]*\"|/a|br /)>")
_CLOSING = re.compile(r"</(?:p|h[1-6]|ol|ul|li|table|thead|tbody|tr|th|td)>")
