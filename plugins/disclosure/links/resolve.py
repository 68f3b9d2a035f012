"""Internal resolution of a link found on a page of the built site."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Callable
from urllib.parse import unquote, urlsplit

SKIPPED_SCHEMES = frozenset({"mailto", "tel", "javascript", "data", "sms", "about", "blob"})
EXTERNAL_SCHEMES = frozenset({"http", "https"})
OK_FRAGMENTS = frozenset({"", "top"})


@dataclass(frozen=True)
class Target:
    kind: str  # "skip" | "external" | "internal"
    path: str = ""  # internal: decoded path relative to the site folder ("" = the site root)
    fragment: str = ""  # decoded
    url: str = ""  # external: the absolute URL


class SiteIndex:
    """The files of a built site (case-sensitive, decoded names) and how its URLs map onto them."""

    def __init__(self, files: set[str], site_url: str | None = None) -> None:
        self.files = files
        split = urlsplit(site_url or "")
        self.site_origin = f"{split.scheme}://{split.netloc}".lower() if split.netloc else ""
        self.base_path = "/" + split.path.strip("/") + "/" if split.path.strip("/") else "/"

    def classify(self, page: str, url: str) -> Target:
        split = urlsplit(url)
        scheme = split.scheme.lower()
        if scheme in SKIPPED_SCHEMES:
            return Target("skip")
        if scheme or split.netloc:
            return self._absolute(url, split)
        fragment = unquote(split.fragment)
        if not split.path:
            return Target("internal", page, fragment)
        if split.path.startswith("/"):
            return self._root_relative(unquote(split.path), fragment)
        joined = posixpath.join(posixpath.dirname(page), unquote(split.path))
        return Target("internal", _normalise(joined, split.path.endswith("/")), fragment)

    def _absolute(self, url: str, split) -> Target:
        origin = f"{split.scheme}://{split.netloc}".lower()
        if self.site_origin and origin == self.site_origin and (split.path or "/").startswith(self.base_path):
            return self._root_relative(unquote(split.path or "/"), unquote(split.fragment))
        if split.scheme.lower() in EXTERNAL_SCHEMES or (not split.scheme and split.netloc):
            return Target("external", url=url if split.scheme else "https:" + url)
        return Target("skip")

    def _root_relative(self, path: str, fragment: str) -> Target:
        if not (path + "/").startswith(self.base_path):
            return Target("internal", "\0outside:" + path, fragment)
        rest = path[len(self.base_path):] if len(path) >= len(self.base_path) else ""
        return Target("internal", _normalise(rest, path.endswith("/")), fragment)

    def target_file(self, path: str) -> str | None:
        """The file a decoded site path is served from, or None: x/ → x/index.html, x → x or x/index.html."""
        if path.startswith("\0") or path.startswith("../") or path == "..":
            return None
        if path == "" or path.endswith("/"):
            candidate = path + "index.html"
            return candidate if candidate in self.files else None
        if path in self.files:
            return path
        candidate = path + "/index.html"
        return candidate if candidate in self.files else None


def _normalise(path: str, folder: bool) -> str:
    normal = posixpath.normpath(path) if path else ""
    if normal in (".", ""):
        return ""
    if folder and not normal.endswith("/"):
        normal += "/"
    return normal


def check_internal(index: SiteIndex, target: Target, anchors_of: Callable[[str], set[str] | None]) -> str | None:
    """None when the target exists; otherwise the reason in Chinese."""
    if target.path.startswith("\0outside:"):
        return f"链接指向网站根路径 {index.base_path} 之外"
    if target.path.startswith("../") or target.path == "..":
        return "链接超出了网站根目录"
    file = index.target_file(target.path)
    if file is None:
        return "目标文件不存在"
    if target.fragment in OK_FRAGMENTS:
        return None
    anchors = anchors_of(file)
    if anchors is None or target.fragment in anchors:
        return None
    return f"目标页面中没有锚点 #{target.fragment}"
