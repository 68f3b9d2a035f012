"""Check every page of a built site: parse each page once, resolve each link, collect the broken ones."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from ..forks import ForkPool, can_fork
from ..safe_read import UnreadableFile, read_regular
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


def list_files(site_dir: str, problems: list[tuple[str, str]] | None = None) -> set[str]:
    """Paths of the regular files (or symlinks to them) under `site_dir`; anything else is a problem."""
    files: set[str] = set()
    folders = [("", site_dir)]
    while folders:
        prefix, folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                kind = _kind(entry)
                if kind == "folder":
                    folders.append((prefix + entry.name + "/", entry.path))
                elif kind == "file":
                    files.add(prefix + entry.name)
                elif kind == "special" and problems is not None:
                    problems.append((prefix + entry.name, _special_reason(entry.path)))
    return files


def _kind(entry: os.DirEntry) -> str:
    """"folder" (never through a symlink), "file" (regular, or a symlink to one), "linked-folder", "special"."""
    try:
        if entry.is_dir(follow_symlinks=False):
            return "folder"
        if entry.is_file():
            return "file"
        return "linked-folder" if entry.is_dir() else "special"
    except OSError:  # a symlink loop
        return "special"


def _special_reason(path: str) -> str:
    try:
        read_regular(path, 0)
    except UnreadableFile as error:
        return str(error)
    return "无法读取"  # pragma: no cover - only regular files get here, and they are not special


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


MIN_PAGES_PER_WORKER = 500  # below this a fork costs more than it saves


def check_site(site_dir: str, site_url: str | None = None, scope: Callable[[str], bool] | None = None,
               external: bool = False, locator: "SourceLocator | None" = None, workers: int = 1) -> CheckResult:
    """Internal links of every HTML page in scope; external ones are collected for external.py.
    With `workers` > 1 the pages are split over forked processes; the result is the same."""
    unreadable: list[tuple[str, str]] = []
    files = list_files(site_dir, unreadable)
    checker = _Checker(site_dir, SiteIndex(files, site_url), external, locator)
    pages = sorted(p for p in files if p.endswith((".html", ".htm")) and (scope is None or scope(p)))
    workers = min(workers, len(pages) // MIN_PAGES_PER_WORKER)
    if workers > 1 and can_fork():
        size = -(-len(pages) // workers)
        pool = ForkPool(workers, checker.check)
        parts = pool.results([pool.submit(pages[i:i + size]) for i in range(0, len(pages), size)])
    else:
        parts = [checker.check(pages)]
    result, problems = CheckResult(), {}
    for part, part_problems in parts:
        result.pages += part.pages
        result.links += part.links
        result.broken += part.broken
        for url, uses in part.external.items():
            result.external.setdefault(url, []).extend(uses)
        problems.update(part_problems)
    unreadable += problems.items()
    result.broken += [Broken(path, "", reason) for path, reason in sorted(unreadable)]  # url "": the file itself
    return result


class _Checker:
    """Checks the links of some pages; each process (when forked) keeps its own cache of parsed pages."""

    def __init__(self, site_dir: str, index: SiteIndex, external: bool, locator: "SourceLocator | None") -> None:
        self.site_dir, self.index, self.external, self.locator = site_dir, index, external, locator

    def check(self, pages: list[str]) -> tuple[CheckResult, dict[str, str]]:
        """The result for these pages, and the pages (checked or linked to) that could not be read."""
        result, index, locator = CheckResult(), self.index, self.locator
        cache = PageCache(self.site_dir)
        verdicts: dict[tuple[str, str], str | None] = {}  # (target path, fragment) → reason
        for path in pages:
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
                elif target.kind == "external" and self.external:
                    result.external.setdefault(target.url.partition("#")[0], []).append((path, link.url))
                elif target.kind == "invalid":
                    source = locator.locate(path, link.url, None) if locator else None
                    result.broken.append(Broken(path, link.url, target.reason, source))
        return result, {page.path: page.problem for page in cache.pages.values() if page.problem}
