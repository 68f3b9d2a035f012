"""Python-Markdown's HTML for a body of plain paragraphs under plain headings, without running its passes.

Most entry bodies are paragraphs of Chinese text, often in sections under "## 一、…" headings, and
nothing else: no list, table, quote, code, link or emphasis. For such a body Markdown's preprocessors,
its ~13 block tests per paragraph, its tree passes (toc's rendering of a table of contents no page
uses among them), serializer and postprocessors come down to `<p>` and `<hN id>` lines, the heading
ids and the table of contents' tokens; this module makes those directly (the benchmark's bodies: a
tenth of Markdown's time).

It does so only when both sides are known:
- the body: no character any known processor reacts to anywhere (`MARKUP`), no line that starts with
  a space, digit or ASCII punctuation (indented code, lists, rules, quotes) but a heading line
  ("#" to "######", a space, then text without such characters), no two spaces before a line break;
- the Markdown: every preprocessor, block processor, tree processor and postprocessor is one this
  module knows to leave such a body alone (`KNOWN`: Markdown's own, MkDocs' per-page ones and those
  of tables, toc, attr_list, admonition and fenced_code), the inline step is `PlainTextInline` (its
  patterns are Markdown's own) and toc's marker holds a character the body cannot. Headings also need
  toc without anchor links or permalinks; their ids come from toc's own slugify and `unique`, and a
  first heading of level 1 (the page title) takes the normal path.
`agrees` checks the result against the Markdown itself on sample bodies once per process. Anything
else takes Markdown's normal path. Tests compare the two on generated bodies.
"""

from __future__ import annotations

import html
import re
from typing import Any, Callable, NamedTuple

import markdown
from markdown.extensions.toc import nest_toc_tokens, strip_tags, unique

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
# Characters some known processor or Markdown's own inline patterns react to, wherever they stand:
# code, escapes, links, HTML, entities, emphasis, tables, attribute lists, admonitions, fences,
# toc's "[TOC]", headings, setext underlines, definition lists and autolinks; control characters
# (tabs, carriage returns, Markdown's placeholders).
_CHARS = r"[`\\\[\]<>&*_|{}!~:#=+^\x00-\x09\x0b-\x1f\x7f]"
MARKUP = re.compile(_CHARS + r"|  \n|^[ -@]", re.MULTILINE)
HEADING = re.compile(r"^(#{1,6}) +([^\n]*)$", re.MULTILINE)  # a heading line whose text `INLINE_MARKUP` may rule out
INLINE_MARKUP = re.compile(_CHARS)
PLAIN_ID = re.compile(r"[^\s&<>\"'=`]+")  # an id written the same by Markdown's serializer and Ammonia
PARAGRAPHS = "第一段\n第二行\n\n\n\u3000末段 "  # samples for `agrees`
HEADINGS = "## 一、总则\n\n第一段\n### 1.1 范围\n正文\n\n## 一、总则\n\n##  Notice  Two \n末段"


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
    return isinstance(md.treeprocessors["inline"], PlainTextInline) and (not marker or bool(MARKUP.search(marker)))


def headings(md: markdown.Markdown) -> Headings | None:
    """How `md` names headings; None when it adds to them (anchor links, permalinks) or has no toc."""
    toc = md.treeprocessors["toc"] if "toc" in md.treeprocessors else None
    if toc is None or toc.use_anchors or toc.use_permalinks not in (False, None):
        return None
    return Headings(toc.slugify, toc.sep, toc.base_level, toc.toc_top, toc.toc_bottom)


def agrees(md: markdown.Markdown, named: Headings | None) -> bool:
    """Whether `md` itself makes of the samples what `plain_body` makes (`md` is left reset)."""
    samples = (PARAGRAPHS, HEADINGS) if named is not None else (PARAGRAPHS,)
    try:
        for sample in samples:
            made = plain_body(sample, named)
            md.reset()
            if made is None or md.convert(sample) != made.html or getattr(md, "toc_tokens", []) != made.toc_tokens:
                return False
        return True
    finally:
        md.reset()


def plain_body(text: str, named: Headings | None) -> PlainBody | None:
    """What a `known` Markdown makes of `text` (headings named as `named` says; None: no headings), or
    None when `text` may hold more than paragraphs and headings."""
    rest, headed = HEADING.subn("", text) if named is not None and "#" in text else (text, 0)
    if not text.strip() or MARKUP.search(rest):
        return None
    parts: list[str] = []
    tokens: list[dict[str, Any]] = []
    ids: set[str] = set()
    counters: dict[str, int] = {}
    for block in _blocks(text):
        paragraph: list[str] = []
        for line in block.split("\n") if headed else [block]:
            heading = HEADING.fullmatch(line) if headed else None
            if heading is None:
                paragraph.append(line)
                continue
            title = heading[2].strip()
            if not title or INLINE_MARKUP.search(heading[2]):
                return None
            _paragraph(parts, paragraph)
            assert named is not None
            level = min(len(heading[1]) + named.shift, 6)
            if level == 1 and not parts:  # the page's title: MkDocs reads it from the tree
                return None
            name = strip_tags(title)
            anchor = unique(named.slugify(html.unescape(name), named.separator), ids, counters)
            if not PLAIN_ID.fullmatch(anchor):
                return None
            parts.append(f'<h{level} id="{anchor}">{title}</h{level}>')
            if named.top <= level <= named.bottom:
                tokens.append({"level": level, "id": anchor, "name": name, "html": title, "data-toc-label": ""})
        _paragraph(parts, paragraph)
    return PlainBody("\n".join(parts), nest_toc_tokens(tokens), ids)


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


def _paragraph(parts: list[str], lines: list[str]) -> None:
    """ParagraphProcessor's `<p>` of these lines (none for whitespace only); empties `lines`."""
    block = "\n".join(lines)
    if block.strip():
        parts.append(f"<p>{block.lstrip()}</p>")
    lines.clear()


def text_of(html: str) -> str:
    """The text of `plain_body`'s HTML, a paragraph or heading a line: what search.fulltext.html_text
    finds in it, up to whitespace (the full-text index folds each run of it into one space)."""
    return _CLOSING.sub("\n", _OPENING.sub("", html))


_OPENING = re.compile(r"<(?:p|h[1-6] id=\"[^\"]*\")>")
_CLOSING = re.compile(r"</(?:p|h[1-6])>")
