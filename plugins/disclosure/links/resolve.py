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
    reason: str = ""  # invalid: why, in Chinese


class SiteIndex:
    """The files of a built site (case-sensitive, decoded names) and how its URLs map onto them."""

    def __init__(self, files: set[str], site_url: str | None = None) -> None:
        self.files = files
        split = urlsplit(site_url or "")
        self.site_origin = f"{split.scheme}://{split.netloc}".lower() if split.netloc else ""
        self.base_path = "/" + split.path.strip("/") + "/" if split.path.strip("/") else "/"
        self.shared: dict[tuple[str, str], Target] = {}  # (folder the URL resolves from, URL) → target

    def classify(self, page: str, url: str) -> Target:
        """What `url`, written on `page`, points at. A URL that starts with "/" means the same on every
        page, and one that climbs k folders ("../../x.css") the same on every page k folders below the
        folder it climbs to: their targets are kept, so the links every page's chrome repeats are
        resolved once per folder they resolve from, not once per page."""
        if url.startswith("/"):
            key = ("/", url)
        elif url.startswith("../"):
            climbs = 1
            while url.startswith("../", 3 * climbs):
                climbs += 1
            depth = page.count("/")  # folders the page is in
            if climbs > depth:
                return self._resolve(page, url)
            key = (page.rsplit("/", climbs + 1)[0] if climbs < depth else "", url)
        else:
            return self._resolve(page, url)
        target = self.shared.get(key)
        if target is None:
            target = self.shared[key] = self._resolve(page, url)
        return target

    def _resolve(self, page: str, url: str) -> Target:
        try:
            scheme, netloc, path, fragment = _split(url)
            return self._classify(page, url, scheme, netloc, path, fragment)
        except ValueError as error:  # urlsplit: "http://[x/" (unbalanced IPv6 brackets), bad ports …
            return Target("invalid", reason=f"网址格式不对（{_invalid_reason(error)}）")

    def _classify(self, page: str, url: str, scheme: str, netloc: str, path: str, fragment: str) -> Target:
        if scheme in SKIPPED_SCHEMES:
            return Target("skip")
        if scheme or netloc:
            return self._absolute(url, urlsplit(url))
        fragment = _unquote(fragment)
        if not path:
            return Target("internal", page, fragment)
        if path[0] == "/":
            return self._root_relative(_unquote(path), fragment)
        joined = posixpath.join(posixpath.dirname(page), _unquote(path))
        return Target("internal", _normalise(joined, path.endswith("/")), fragment)

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


def _invalid_reason(error: ValueError) -> str:
    text = str(error)
    if "IPv6" in text:
        return "方括号 [ ] 只能用于 IPv6 地址，占位符请先换成真实网址"
    if "port" in text.lower():
        return "端口号无效"
    return "无法解析"


def _split(url: str) -> tuple[str, str, str, str]:
    """(scheme, netloc, path, fragment); the query is dropped. Fast path for the common relative URL."""
    if ":" in url or url.startswith("//"):
        split = urlsplit(url)
        return split.scheme.lower(), split.netloc, split.path, split.fragment
    rest, _, fragment = url.partition("#")
    return "", "", rest.partition("?")[0], fragment


def _unquote(text: str) -> str:
    return unquote(text) if "%" in text else text


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
