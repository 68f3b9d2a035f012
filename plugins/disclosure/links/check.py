"""Check every page of a built site: parse each page once, resolve each link, collect the broken ones."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from .extract import PageLinks, parse_file
from .resolve import SiteIndex, check_internal

if TYPE_CHECKING:
    from .sources import SourceLocator


@dataclass(frozen=True)
class Broken:
    page: str  # path in the site folder
    url: str  # as written
    reason: str  # Chinese
    source: str | None = None  # "<file>:<line>" where an editor wrote it


@dataclass
class CheckResult:
    pages: int = 0
    links: int = 0
    broken: list[Broken] = field(default_factory=list)
    external: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # url → [(page, as written)]


def list_files(site_dir: str) -> set[str]:
    files: set[str] = set()
    for root, _, names in os.walk(site_dir):
        relative = os.path.relpath(root, site_dir).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        files.update(prefix + name for name in names)
    return files


class PageCache:
    """Parses each HTML page at most once; targets outside the checked scope are parsed on demand."""

    def __init__(self, site_dir: str) -> None:
        self.site_dir = site_dir
        self.pages: dict[str, PageLinks] = {}

    def get(self, path: str) -> PageLinks:
        if path not in self.pages:
            self.pages[path] = parse_file(self.site_dir, path)
        return self.pages[path]

    def anchors(self, path: str) -> set[str] | None:
        if not path.endswith((".html", ".htm")):
            return None
        return self.get(path).anchors


def check_site(site_dir: str, site_url: str | None = None, scope: Callable[[str], bool] | None = None,
               external: bool = False, locator: "SourceLocator | None" = None) -> CheckResult:
    """Internal links of every HTML page in scope; external ones are collected for external.py."""
    files = list_files(site_dir)
    index = SiteIndex(files, site_url)
    cache = PageCache(site_dir)
    result = CheckResult()
    verdicts: dict[tuple[str, str], str | None] = {}  # (target path, fragment) → reason
    for path in sorted(p for p in files if p.endswith((".html", ".htm")) and (scope is None or scope(p))):
        page = cache.get(path)
        result.pages += 1
        result.links += len(page.links)
        for link in page.links:
            target = index.classify(path, link.url)
            if target.kind == "internal":
                key = (target.path, target.fragment)
                reason = verdicts[key] if key in verdicts else verdicts.setdefault(
                    key, check_internal(index, target, cache.anchors))
                if reason is not None:
                    source = locator.locate(path, link.url, target.path) if locator else None
                    result.broken.append(Broken(path, link.url, reason, source))
            elif target.kind == "external" and external:
                result.external.setdefault(target.url.partition("#")[0], []).append((path, link.url))
    return result
