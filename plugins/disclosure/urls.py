"""The only place URLs of the column are made. All are relative to the site root, "/"-separated."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from jinja2 import pass_context
from markupsafe import Markup, escape
from mkdocs.utils.templates import url_filter

from .catalogue.model import Entry

EXPORT_NAMES = ("catalogue.json", "catalogue.csv", "catalogue.xlsx", "feed.xml")


class ColumnUrls:
    def __init__(self, prefix: str) -> None:
        self.prefix = prefix.strip("/")

    def home(self) -> str:
        return f"{self.prefix}/"

    def home_src(self) -> str:
        return f"{self.prefix}/index.md"

    def entry(self, entry: Entry) -> str:
        """Derived from the index number alone, so renaming or re-filing never breaks a link."""
        return f"{self.prefix}/{entry.slug}/"

    def entry_pattern(self, use_directory_urls: bool = True) -> str:
        """Entry URLs with "{slug}" for the slug, as the browser scripts build them."""
        return f"{self.prefix}/{{slug}}/" + ("" if use_directory_urls else "index.html")

    def entry_src(self, entry: Entry) -> str:
        return f"{self.prefix}/{entry.slug}/index.md"

    def category(self, category_id: str, page: int = 1) -> str:
        base = f"{self.prefix}/category/{category_id}/"
        return base if page == 1 else f"{base}{page}/"

    def category_src(self, category_id: str, page: int = 1) -> str:
        return self.category(category_id, page) + "index.md"

    def fulltext(self) -> str:
        """Folder of the site-wide full-text index (search/fulltext.py)."""
        return f"{self.prefix}/fulltext/"

    def export(self, name: str) -> str:
        return f"{self.prefix}/{name}"

    def is_column(self, site_path: str) -> bool:
        """Whether a path inside the built site belongs to the column."""
        return site_path == self.prefix or site_path.startswith(f"{self.prefix}/")


def relative(from_url: str, to_url: str) -> str:
    """A relative link from the page at `from_url` (a folder URL) to `to_url`."""
    from_parts = [p for p in from_url.split("/")[:-1] if p] if not from_url.endswith("/") else [p for p in from_url.split("/") if p]
    to_parts = to_url.split("/")
    common = 0
    while common < len(from_parts) and common < len(to_parts) - 1 and from_parts[common] == to_parts[common]:
        common += 1
    return "../" * (len(from_parts) - common) + "/".join(to_parts[common:]) or "./"


URL_SAFE = "/:@!$&'()*+,;=%#?~[]"  # what an absolute URL may hold as written; the rest is percent-encoded


@pass_context
def href(context, value: object) -> Markup:
    """The `dc_url` template filter, for every URL the templates write: a path of the site (a file name
    may hold "#", "?", quotes, spaces or Chinese) is percent-encoded and made relative to the
    page, as MkDocs' `url` filter does; an absolute URL keeps its structure. Then attribute-escaped."""
    text = str(value)
    try:
        absolute = bool(urlsplit(text).scheme)
    except ValueError:
        absolute = False
    # "%" stays: MkDocs' own page URLs are already encoded, and validation refuses "%" in file names.
    encoded = quote(text, safe=URL_SAFE) if absolute else url_filter(context, quote(text, safe="/%"))
    return escape(encoded)
