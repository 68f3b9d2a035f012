"""Every link-bearing attribute of an HTML page, plus the ids and <a name> a fragment may point at."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from selectolax.lexbor import LexborCSSSelector, LexborHTMLParser

from ..safe_read import UnreadableFile, read_regular

# tag → attributes holding one URL
URL_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "a": ("href",), "area": ("href",), "link": ("href",), "img": ("src",), "source": ("src",),
    "script": ("src",), "iframe": ("src",), "object": ("data",), "video": ("src", "poster"),
    "audio": ("src",), "track": ("src",), "embed": ("src",)
}
SRCSET_TAGS = ("img", "source")
# Elements that may hold a URL; an element that matches two selectors of the list is found twice, so
# those with more than one URL attribute are selected by their tag alone.
SELECTOR = ",".join([f"{tag}[{attrs[0]}]" if len(attrs) == 1 and tag not in SRCSET_TAGS else tag
                     for tag, attrs in URL_ATTRIBUTES.items()] + ["meta[http-equiv]"])
ANCHORS = "[id], a[name]"  # what a fragment may point at (an <a> with both is found twice: a set keeps it once)
MAX_PAGE_BYTES = 16 << 20  # a larger page is a finding, not 3 GB of parser memory
_ENGINE = LexborCSSSelector()  # one for every page: each parser would make its own (a CSS parser, its memory)


class Link(NamedTuple):  # a tuple: made ~200k times a build, faster than a frozen dataclass
    url: str  # as written in the HTML (entities decoded)
    tag: str
    attr: str


@dataclass
class PageLinks:
    path: str  # relative to the site folder, "/"-separated
    links: list[Link] = field(default_factory=list)
    anchors: set[str] = field(default_factory=set)
    problem: str | None = None  # why the page could not be (fully) checked, in Chinese


def parse_file(site_dir: str, path: str) -> PageLinks:
    try:
        data = read_regular(f"{site_dir}/{path}", MAX_PAGE_BYTES)
    except UnreadableFile as error:
        return PageLinks(path, problem=str(error))
    try:
        return parse_html(path, data.decode("utf-8"))
    except UnicodeDecodeError:
        page = parse_html(path, data.decode("utf-8", errors="replace"))
        page.problem = "不是 UTF-8 编码，无法可靠读取其中的链接（已按替换字符检查）"
        return page


def parse_html(path: str, html: str) -> PageLinks:
    root = LexborHTMLParser(html).root
    page = PageLinks(path)
    if root is None:
        return page
    for node in _ENGINE.find(SELECTOR, root):
        assert node.tag is not None  # css() matches elements; only other kinds of node have no tag
        page.links.extend(_node_links(node.tag, node.attributes))
    for node in _ENGINE.find(ANCHORS, root):
        attributes = node.attributes
        if anchor := attributes.get("id"):
            page.anchors.add(anchor)
        if node.tag == "a" and (anchor := attributes.get("name")):
            page.anchors.add(anchor)
    return page


def _node_links(tag: str, attributes: dict[str, str | None]) -> list[Link]:
    if tag == "meta":
        return _refresh_link(attributes)
    if tag == "a" and "href" not in attributes:
        return []
    found = [Link(value.strip(), tag, attr) for attr in URL_ATTRIBUTES.get(tag, ())
             if (value := attributes.get(attr)) is not None and value.strip()]
    if tag in SRCSET_TAGS and attributes.get("srcset"):
        found += [Link(url, tag, "srcset") for url in parse_srcset(attributes["srcset"] or "")]
    if tag == "link" and not _checkable_link_rel(attributes.get("rel") or ""):
        return []
    return found


def _checkable_link_rel(rel: str) -> bool:
    """<link rel="preconnect|dns-prefetch"> names a host, not a resource."""
    return not set(rel.lower().split()) & {"preconnect", "dns-prefetch"}


def parse_srcset(srcset: str) -> list[str]:
    """URLs of a srcset: comma-separated candidates, each a URL optionally followed by a descriptor."""
    urls = []
    for candidate in srcset.split(","):
        parts = candidate.split()
        if parts:
            urls.append(parts[0])
    return urls


def _refresh_link(attributes: dict[str, str | None]) -> list[Link]:
    if (attributes.get("http-equiv") or "").lower() != "refresh":
        return []
    content = attributes.get("content") or ""
    _, _, rest = content.partition(";")
    key, eq, value = rest.strip().partition("=")
    if not eq or key.strip().lower() != "url":
        return []
    url = value.strip().strip("'\"")
    return [Link(url, "meta", "content")] if url else []
