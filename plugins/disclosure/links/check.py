"""Check every page of a built site: parse each page once, resolve each link, collect the broken ones."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from ..collector import collector_paused
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
CHUNK = 64  # pages a process takes at a time from a check shared between processes


class SharedPages:
    """The pages of one check, taken a chunk at a time by every process that joins it: the one that
    made it and any forked after (their counter is shared memory). Each chunk goes to one process."""

    def __init__(self, pages: list[str]) -> None:
        self.pages = pages
        shared = multiprocessing.get_context("fork") if can_fork() else None
        self.taken = shared.RawValue("q", 0) if shared is not None else None
        self.lock = shared.Lock() if shared is not None else None
        self.local = 0  # without fork: one process, no sharing

    def chunks(self) -> Iterator[tuple[int, list[str]]]:
        while (start := self._take()) < len(self.pages):
            yield start, self.pages[start:start + CHUNK]

    def _take(self) -> int:
        if self.taken is None or self.lock is None:
            start, self.local = self.local, self.local + CHUNK
            return start
        with self.lock:
            start = self.taken.value
            self.taken.value = start + CHUNK
        return start


Part = tuple[dict[int, CheckResult], dict[str, str]]  # a process's results by first page, its unreadable pages


class SiteCheck:
    """A check of every HTML page in scope, prepared (site listed, pages ordered) before any process
    forked to join it; `work()` checks chunks until none is left, `result(parts)` joins the parts in
    page order: the same result however the chunks were shared."""

    def __init__(self, site_dir: str, site_url: str | None = None, scope: Callable[[str], bool] | None = None,
                 external: bool = False, locator: "SourceLocator | None" = None) -> None:
        self.unreadable: list[tuple[str, str]] = []
        self.locator = locator
        files = list_files(site_dir, self.unreadable)
        self.checker = _Checker(site_dir, SiteIndex(files, site_url), external, locator)
        self.pages = SharedPages(sorted(p for p in files if p.endswith((".html", ".htm")) and (scope is None or scope(p))))

    def work(self) -> Part:
        with collector_paused():  # parsed pages and their links: no cycles
            done = {start: self.checker.check(chunk) for start, chunk in self.pages.chunks()}
        return done, self.checker.unreadable()

    def result(self, parts: list[Part]) -> CheckResult:
        result, problems = CheckResult(), {}
        chunks: dict[int, CheckResult] = {}
        for done, unreadable_here in parts:
            chunks.update(done)
            problems.update(unreadable_here)
        for start in sorted(chunks):
            part = chunks[start]
            result.pages += part.pages
            result.links += part.links
            result.broken += part.broken
            for url, uses in part.external.items():
                result.external.setdefault(url, []).extend(uses)
        unreadable = self.unreadable + list(problems.items())
        result.broken += [Broken(path, "", reason) for path, reason in sorted(unreadable)]  # url "": the file itself
        return result


def check_site(site_dir: str, site_url: str | None = None, scope: Callable[[str], bool] | None = None,
               external: bool = False, locator: "SourceLocator | None" = None, workers: int = 1) -> CheckResult:
    """Internal links of every HTML page in scope; external ones are collected for external.py.
    With `workers` > 1 the pages are shared with forked processes; the result is the same."""
    check = SiteCheck(site_dir, site_url, scope, external, locator)
    return check.result(share_check(check, workers))


def share_check(check: SiteCheck, workers: int) -> list[Part]:
    """`check` in this process and `workers` - 1 forked ones (fewer for a small site)."""
    workers = min(workers, len(check.pages.pages) // MIN_PAGES_PER_WORKER)
    if workers < 2 or not can_fork():
        return [check.work()]
    pool = ForkPool(workers - 1, lambda _: check.work())
    futures = [pool.submit(None) for _ in range(workers - 1)]
    mine = check.work()
    return [mine, *pool.results(futures)]


class _Checker:
    """Checks the links of some pages; each process (when forked) keeps its own cache of parsed pages."""

    def __init__(self, site_dir: str, index: SiteIndex, external: bool, locator: "SourceLocator | None") -> None:
        self.site_dir, self.index, self.external, self.locator = site_dir, index, external, locator
        self.cache = PageCache(site_dir)  # made empty before any fork: each process fills its own
        self.verdicts: dict[tuple[str, str], str | None] = {}  # (target path, fragment) → reason

    def unreadable(self) -> dict[str, str]:
        """The pages (checked or linked to) this process could not read."""
        return {page.path: page.problem for page in self.cache.pages.values() if page.problem}

    def check(self, pages: list[str]) -> CheckResult:
        result, index, locator, cache, verdicts = CheckResult(), self.index, self.locator, self.cache, self.verdicts
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
        return result
