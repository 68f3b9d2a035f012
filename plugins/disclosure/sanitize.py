"""Rendered HTML of entry bodies and editorial pages, cleaned with an allowlist (nh3, i.e. Ammonia).

Kept: text structure, tables, images, links, `<details>`, headings with their ids, the classes and
elements Material's Markdown extensions produce (admonitions, tabs, task lists, code highlighting,
footnotes, inline SVG icons). Dropped: scripts and styles with their content, event handlers, `style`
attributes (except `text-align` on table cells, which Markdown tables write), iframes, forms, and every
URL scheme but http, https, mailto and tel. Turned off with the plugin option `sanitize_html: false`."""

from __future__ import annotations

import nh3

TAGS = frozenset(nh3.ALLOWED_TAGS | {"input", "label", "svg", "path", "tfoot"})
COMMON = {"id", "class", "title", "lang", "dir"}
ATTRIBUTES = {
    "*": COMMON,
    "a": {"href", "name", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align", "headers", "style"},
    "th": {"colspan", "rowspan", "align", "headers", "scope", "abbr", "style"},
    "col": {"span"}, "colgroup": {"span"}, "ol": {"start", "reversed", "type"}, "ul": {"type"}, "li": {"value"},
    "details": {"open"}, "div": {"data-tabs"}, "time": {"datetime"}, "data": {"value"}, "abbr": {"title"}, "q": {"cite"},
    "blockquote": {"cite"}, "del": {"cite", "datetime"}, "ins": {"cite", "datetime"},
    "input": {"checked", "disabled", "name"}, "label": {"for"},
    "svg": {"xmlns", "viewBox", "width", "height", "aria-hidden", "focusable", "fill"},
    "path": {"d", "fill", "fill-rule", "clip-rule"},
}
INPUT_TYPES = {"input": {"type": {"radio", "checkbox"}}}  # Material's tabs and task lists; nothing to type into
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
STYLE_PROPERTIES = frozenset({"text-align"})


CLEANER = nh3.Cleaner(  # built once: building the allowlist costs as much as cleaning a short page
    tags=set(TAGS), clean_content_tags={"script", "style", "template", "noscript", "textarea", "title"},
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()}, tag_attribute_values=INPUT_TYPES,
    url_schemes=set(URL_SCHEMES), link_rel=None, strip_comments=False,  # comments mark where report tables go
    filter_style_properties=set(STYLE_PROPERTIES),
)


def clean(html: str, plain: bool = False) -> str:
    """`plain`: HTML that plain_paragraphs.py made, with no attribute but heading ids and links' plain
    relative URLs, no entity and no "<" to clean; Ammonia would only write a no-break space as `&nbsp;`
    and a line break as `<br>`."""
    if plain and "\xa0" not in html and "<br />" not in html:
        return html
    return CLEANER.clean(html)
