"""Options of the `disclosure` plugin (mkdocs.yml → plugins → disclosure)."""

from __future__ import annotations

import re

from mkdocs.config import base
from mkdocs.config import config_options as c

FOLDER = re.compile(r"[a-z0-9-]+(?:/[a-z0-9-]+)*")


class UrlFolder(c.Type[str]):
    """A plain relative folder of the site (`gkml`, `xxgk/gkml`): no "..", no leading "/", nothing to escape.

    Checked at config time so that no build ever writes outside the site folder."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str) or not FOLDER.fullmatch(value):
            raise base.ValidationError(
                f"{value!r} 不能用作网址文件夹：请只用小写字母 a-z、数字和连字符 -，多级用 / 分隔，"
                "不以 / 开头或结尾，不含 . 或 ..（例如 gkml 或 xxgk/gkml）")
        return value


class ProjectFile(c.Type[str]):
    """A file of the project, relative to mkdocs.yml and inside its folder: the catalogue's messages
    quote its lines, so it must never be a file from elsewhere on the build machine."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        parts = value.replace("\\", "/").split("/") if isinstance(value, str) else []
        if not isinstance(value, str) or value.startswith(("/", "~")) or re.match(r"[A-Za-z]:", value) or ".." in parts or "" in parts:
            raise base.ValidationError(
                f"{value!r} 应是 mkdocs.yml 所在文件夹里的文件，写相对路径，用 / 分隔，不能以 / 开头，不能含 ..（例如 directory.yml）")
        return value


class Workers(c.Type[int]):
    """How many processes render pages and check links: 0 (one per core) or a positive number."""

    def __init__(self) -> None:
        super().__init__(int, default=0)

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise base.ValidationError(f"{value!r} 不能用作 workers：请写 0（按 CPU 核数自动选择）或正整数，如 2")
        return value


class DisclosureConfig(base.Config):
    directory = ProjectFile(default="directory.yml")  # the catalogue, relative to mkdocs.yml
    prefix = UrlFolder(default="gkml")  # URL folder of the column
    column_title = c.Type(str, default="政府信息公开目录")
    page_size = c.Type(int, default=30)  # entries per category listing page
    feed_size = c.Type(int, default=50)  # entries in the Atom feed
    check_links = c.Type(bool, default=True)  # fail the build on a dead link (links/)
    check_links_scope = c.Choice(("column", "site"), default="column")  # which pages are checked
    external_links = c.Type(bool, default=False)  # also check links to other hosts (needs network)
    shared_chrome = c.Type(bool, default=True)  # render entry/listing chrome once (chrome.py); false: every page in full
    cache = c.Type(bool, default=True)  # reuse the column of the last good build when no input changed (build_cache.py)
    workers = Workers()  # processes rendering listings and entries (page_workers.py); 0: one per core
    sanitize_html = c.Type(bool, default=True)  # clean the HTML of bodies and pages (sanitize.py)
