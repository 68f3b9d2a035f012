"""Entry pages share their chrome: the page template rendered once, each page's own parts put in.

All entry pages sit at the same depth (`<prefix>/<slug>/`) and out of the nav, so Material's
base.html around them (header, nav, search dialog, footer, config) differs only in the title, the
meta description, the canonical URL, the table of contents (the sidebar and the skip link to the
first heading) and the `content` block. The first entry page is rendered once as a *frame*: its
title, description and canonical URL replaced by marks, its `content` block and table of contents
(our partials/toc.html prints `page.dc_toc_mark` when there is one) by marks. Every entry page is then
the frame with its escaped parts in place of the marks, and only its `content` block and table of
contents rendered (with the blocks and top-level names the frame's render set up). Pages with and
without headings get frames of their own: Material prints the skip link only when there are some.

A page whose output could differ from that takes the normal render: front matter beyond the plugin's
own keys, a title with whitespace runs, a first heading whose link is not a plain "#anchor", another
depth, or a context that another plugin changed. A frame that leaks the first page's identity (its
index number or URL), or shows a mark transformed (JSON- or URL-encoded, re-cased), is not used at
all; so is one whose table of contents a theme override prints without the mark. A test proves
byte-equality with the normal render on every page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from jinja2 import Environment, Template
from markupsafe import Markup, escape

MARKS = {name: f"\ue000{name}\ue001" for name in ("title", "description", "canonical", "content", "toc", "skip")}
TOC_TEMPLATE = "partials/toc.html"
RESIDUE = ("\ue000", "\ue001", "ue000", "UE000", "%EE%80%80", "%ee%80%80", "&#57344;", "&#xe000;", "&#xE000;")
OWN_META = {"template", "title", "description", "search"}
PAGE_KEYS = ("page", "disclosure")
CLOCK = "build_date_utc"  # MkDocs reads the clock for every page (the same value under SOURCE_DATE_EPOCH)


class _FramePage:
    """The page as the frame sees it: its own parts are marks, the rest is the real page."""

    def __init__(self, page: Any) -> None:
        self._page = page
        self.title = MARKS["title"]
        self.meta = {**page.meta, "title": MARKS["title"]}
        if "description" in page.meta:  # without one, the template prints the site's description
            self.meta["description"] = MARKS["description"]
        self.canonical_url = MARKS["canonical"] if page.canonical_url else None
        self.content = MARKS["content"]
        if page.toc:
            self.toc = [_MarkedHeading()]
            self.dc_toc_mark = MARKS["toc"]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._page, name)


class _MarkedHeading:
    """The first heading as the frame's skip link sees it. The title is not a mark: it shows only where
    a theme override prints the table of contents itself, and the frame is then refused as unclean."""

    url = "#" + MARKS["skip"]
    title = "\ue000heading\ue001"
    level = 2
    children: list = []
    typeset = None


class Frame:
    """The rendered chrome split at the marks, and what its render set up for the `content` block."""

    def __init__(self, text: str, context: dict, blocks: dict, names: dict, depth: int) -> None:
        self.pieces: list[str] = []
        self.holes: list[str] = []
        rest = text
        while (start := rest.find("\ue000")) >= 0:
            end = rest.index("\ue001", start) + 1
            self.pieces.append(rest[:start])
            self.holes.append(rest[start:end])
            rest = rest[end:]
        self.pieces.append(rest)
        self.context = {key: value for key, value in context.items() if key not in PAGE_KEYS}
        self.shared = {key: value for key, value in context["disclosure"].items() if key != "view"}
        self.blocks = blocks
        self.names = names
        self.depth = depth

    def fits(self, context: dict, page: Any) -> bool:
        if page.url.count("/") != self.depth or context.keys() - set(PAGE_KEYS) != self.context.keys():
            return False
        if any(context[key] is not value and context[key] != value and key != CLOCK for key, value in self.context.items()):
            return False
        own = context["disclosure"]
        return all(own.get(key) is value for key, value in self.shared.items())

    def fill(self, values: dict[str, str]) -> str:
        out = [self.pieces[0]]
        for hole, piece in zip(self.holes, self.pieces[1:]):
            out.append(values[hole])
            out.append(piece)
        return "".join(out)


def _plain(text: Any) -> bool:
    """True when every way the templates print this escaped text gives the text itself."""
    if not isinstance(text, str) or " ".join(text.split()) != text:
        return False
    return not _ESCAPED.search(text) or str(escape(Markup(text).striptags())) == text  # no tag, entity or quote: itself


_ESCAPED = re.compile("[<>&'\"]")


class SharedChrome:
    """Renders generated pages through one frame per template and depth; others through Jinja as usual."""

    def __init__(self, env: Environment) -> None:
        self.env = env
        self.frames: dict[str, Frame | None] = {}

    def render(self, template_name: str, context: dict, page: Any, identity: tuple[str, ...]) -> str:
        """The page's HTML, as `template.render(context)` gives it. `identity`: strings of this page
        (index number, URL) that must not show in a frame made from it."""
        template = self.env.get_template(template_name)
        if not self._eligible(page):
            return template.render(context)
        described = "+description" if "description" in page.meta else ""  # entries have one, listings not
        headed = "+toc" if page.toc else ""
        key = f"{template_name}@{page.url.count('/')}{described}{headed}"  # listing pages 2, 3 … sit one level deeper
        if key not in self.frames:
            self.frames[key] = self._frame(template, context, page, identity)
        frame = self.frames[key]
        if frame is None or not frame.fits(context, page):
            return template.render(context)
        values = {
            MARKS["title"]: page.meta["title"], MARKS["description"]: page.meta.get("description", ""),
            MARKS["canonical"]: page.canonical_url or "", MARKS["content"]: self._content(template, frame, context),
        }
        if page.toc:
            values[MARKS["toc"]] = self._toc(frame, context)
            values[MARKS["skip"]] = _first_heading(page).url[1:]  # the frame has the "#"
        return frame.fill(values)

    @staticmethod
    def _eligible(page: Any) -> bool:
        meta = page.meta
        heading = _first_heading(page)
        return ((heading is None or (heading.url.startswith("#") and _plain(heading.url))) and set(meta) <= OWN_META and _plain(meta.get("title"))
                and ("description" not in meta or _plain(meta["description"])) and _plain(page.canonical_url or ""))

    def _frame(self, template: Template, context: dict, page: Any, identity: tuple[str, ...]) -> Frame | None:
        captured: dict[str, Any] = {}

        def content_mark(block_context: Any) -> Iterator[str]:
            captured["context"] = block_context
            yield MARKS["content"]

        jinja_context = template.new_context({**context, "page": _FramePage(page)})
        jinja_context.blocks.setdefault("content", []).insert(0, content_mark)
        text = self.env.concat(template.root_render_func(jinja_context))  # type: ignore[attr-defined]
        if "context" not in captured or not _clean(text, identity):
            return None
        blocks = {name: [f for f in fns if f is not content_mark] for name, fns in captured["context"].blocks.items()}
        return Frame(text, context, blocks, dict(captured["context"].vars), page.url.count("/"))

    @staticmethod
    def _content(template: Template, frame: Frame, context: dict) -> str:
        jinja_context = template.new_context(context)
        jinja_context.vars.update(frame.names)
        jinja_context.blocks = {name: list(fns) for name, fns in frame.blocks.items()}
        return "".join(jinja_context.blocks["content"][0](jinja_context))

    def _toc(self, frame: Frame, context: dict) -> str:
        """The page's table of contents, as the frame's render would have included it."""
        template = self.env.get_template(TOC_TEMPLATE)
        jinja_context = template.new_context(context)
        jinja_context.vars.update(frame.names)
        return self.env.concat(template.root_render_func(jinja_context))  # type: ignore[attr-defined]


def _first_heading(page: Any) -> Any:
    return next(iter(page.toc), None)


def _clean(text: str, identity: tuple[str, ...]) -> bool:
    """The frame shows each mark as it is, nothing else of the private-use marks, nothing of its page."""
    rest = text
    for mark in MARKS.values():
        rest = rest.replace(mark, "")
    return not any(residue in rest for residue in RESIDUE) and not any(value and value in rest for value in identity)
