"""Python-Markdown's HTML for a body of plain paragraphs, without running its passes.

Most entry bodies are paragraphs of Chinese text and nothing else: no heading, list, table, quote,
code, link or emphasis. For such a body Markdown's preprocessors, its ~13 block tests per paragraph,
its tree passes, serializer and postprocessors all come down to `<p>paragraph</p>` lines; this module
writes those lines directly (the benchmark's bodies: a tenth of Markdown's time).

It does so only when both sides are known:
- the body: no character any known processor reacts to anywhere (`MARKUP`), no line that starts with
  a space, digit or ASCII punctuation (indented code, lists, headings, rules, quotes), no two spaces
  before a line break;
- the Markdown: every preprocessor, block processor, tree processor and postprocessor is one this
  module knows to leave such a body alone (`KNOWN`: Markdown's own, MkDocs' per-page ones and those
  of tables, toc, attr_list, admonition and fenced_code), the inline step is `PlainTextInline` (its
  patterns are Markdown's own) and toc's marker holds a character the body cannot.
Anything else takes Markdown's normal path. Tests compare the two on generated bodies.
"""

from __future__ import annotations

import re

import markdown

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
MARKUP = re.compile(r"[`\\\[\]<>&*_|{}!~:#=+^\x00-\x09\x0b-\x1f\x7f]|  \n|^[ -@]", re.MULTILINE)


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


def plain_html(text: str) -> str | None:
    """The HTML a `known` Markdown makes of `text`, or None when `text` may hold more than paragraphs."""
    if MARKUP.search(text) or not text.strip():
        return None
    blocks = (text + "\n\n").split("\n\n")  # as Markdown's NormalizeWhitespace and block parser split it
    paragraphs = []
    while blocks:
        block = blocks.pop(0)
        if not block or block.startswith("\n"):  # EmptyBlockProcessor: one blank line at a time
            if block[1:]:
                blocks.insert(0, block[1:])
        elif block.strip():  # ParagraphProcessor
            paragraphs.append(f"<p>{block.lstrip()}</p>")
    return "\n".join(paragraphs)


def text_of(html: str) -> str:
    """The text of `plain_html`'s HTML, a paragraph a line: what search.fulltext.html_text finds in it,
    up to whitespace (the full-text index folds each run of it into one space)."""
    return html.replace("<p>", "").replace("</p>", "\n")
