"""正文 of a CMS export (HTML, or plain text) → a Markdown body, with markdownify (a real HTML→Markdown
converter) after BeautifulSoup drops what must not come along: scripts, styles, event handlers,
frames and forms, and links that could not work on the new site. Tables and http(s) links stay.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from markdownify import MarkdownConverter

DROPPED = ["script", "style", "noscript", "iframe", "frame", "frameset", "object", "embed", "applet",
           "form", "input", "button", "select", "textarea", "template", "svg", "math", "link", "meta", "head", "title"]
_HTML = re.compile(r"<\s*/?\s*(p|div|br|span|table|tr|td|h[1-6]|a|img|ul|ol|li|strong|b|em|font|section|article)\b", re.IGNORECASE)
_BLOCK = re.compile(r"<\s*(p|div|br|table|li|h[1-6]|section|article)\b", re.IGNORECASE)
_LEADING = re.compile(r"^[ \t\u3000\xa0]+(?![*+-] |\d+\. |\|)", re.MULTILINE)  # paragraph indents; lists and tables keep theirs


def is_html(text: str) -> bool:
    return bool(_HTML.search(text))


def to_markdown(text: str, base_url: str | None = None) -> str:
    """Markdown for a body written as HTML or as plain text; `base_url` (the original's address)
    makes relative links absolute, and without it they are reduced to their text."""
    if not is_html(text):
        source = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())
    else:  # inline markup only: its line breaks are the paragraphs
        source = text if _BLOCK.search(text) else "".join(f"<p>{line}</p>" for line in text.splitlines())
    soup = BeautifulSoup(source, "html.parser")
    for tag in soup.find_all(DROPPED):
        tag.decompose()
    for tag in soup.find_all(True):
        for attribute in [a for a in tag.attrs if a.lower().startswith("on") or a.lower() in ("style", "class", "id")]:
            del tag[attribute]
    for anchor in soup.find_all("a"):
        target = _absolute(_single(anchor.get("href")), base_url)
        if target is None:
            anchor.unwrap()
        else:
            anchor["href"] = target
    for image in soup.find_all("img"):  # nothing may load from another host: an image becomes a link to it
        target, alt = _absolute(_single(image.get("src")), base_url), (_single(image.get("alt")) or "").strip()
        image.replace_with(_image_link(soup, target, alt) if target else alt)
    markdown = MarkdownConverter(heading_style="ATX", bullets="-", escape_misc=True, strip=["span", "font"]).convert_soup(soup)
    markdown = _LEADING.sub("", markdown.replace("\xa0", " "))
    return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"


def _single(value: object) -> str | None:
    """An attribute of one value (href, src, alt): bs4 types any as possibly a list, as class and rel are."""
    return value if isinstance(value, str) else None


def _absolute(url: str | None, base_url: str | None) -> str | None:
    url = (url or "").strip()
    if not url or url.startswith("#"):
        return None
    if re.match(r"^(https?|mailto):", url, re.IGNORECASE):
        return url
    if re.match(r"^[a-z][a-z0-9+.-]*:", url, re.IGNORECASE):  # javascript:, data:, file:, …
        return None
    return urljoin(base_url, url) if base_url else None


def _image_link(soup: BeautifulSoup, target: str, alt: str):
    anchor = soup.new_tag("a", href=target)
    anchor.string = f"图片：{alt}" if alt else "图片"
    return anchor
