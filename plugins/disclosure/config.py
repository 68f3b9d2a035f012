"""Options of the `disclosure` plugin (mkdocs.yml → plugins → disclosure)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class DisclosureConfig(base.Config):
    directory = c.Type(str, default="directory.yml")  # the catalogue, relative to mkdocs.yml
    prefix = c.Type(str, default="gkml")  # URL folder of the column
    column_title = c.Type(str, default="政府信息公开目录")
    page_size = c.Type(int, default=30)  # entries per category listing page
    feed_size = c.Type(int, default=50)  # entries in the Atom feed
    check_links = c.Type(bool, default=True)  # fail the build on a dead link (links/)
    check_links_scope = c.Choice(("column", "site"), default="column")  # which pages are checked
    external_links = c.Type(bool, default=False)  # also check links to other hosts (needs network)
    shared_chrome = c.Type(bool, default=True)  # render entry/listing chrome once (chrome.py); false: every page in full
