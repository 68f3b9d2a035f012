"""The link check at the end of `mkdocs build`: fails the build on a dead link; only warns in `mkdocs serve`.
It runs beside other work in a forked child (the full-text index), which joins it when done."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from mkdocs.exceptions import PluginError

from ..forks import Aside, cores
from .check import CheckResult, Part, SiteCheck, share_check
from .project import project_from_config
from .report import format_text
from .sources import SourceLocator


T = TypeVar("T")


class DeadLinksError(PluginError):
    """Raised with every broken link; MkDocs prints the message and aborts the build."""

    def __init__(self, result: CheckResult) -> None:
        self.result = result
        super().__init__("网站中有失效链接，请修正后重新生成：\n" + format_text(result))


def check_built_site(config, options, catalogue, serving: bool, log: logging.Logger | logging.LoggerAdapter,
                     beside: Callable[[], T]) -> tuple[T, CheckResult | None]:
    """The built site's links checked while `beside` runs in a forked child that then takes its share
    of the pages left (the build's full-text index); `beside`'s value and the check's result (None when
    the check is turned off). `config`: MkDocsConfig; `options`: the plugin's DisclosureConfig."""
    check = _site_check(config, options, catalogue)  # the site listed before the child forks
    value, parts = _check_while(beside, check, options.workers or cores() - 1)  # the child takes a core
    return value, (_report(check, parts, options, serving, log) if check is not None else None)


def _site_check(config, options, catalogue) -> SiteCheck | None:
    if not options.check_links:
        return None
    prefix = options.prefix.strip("/")
    scope = None if options.check_links_scope == "site" else (lambda path: path.startswith(prefix + "/"))
    return SiteCheck(config.site_dir, config.site_url or None, scope, options.external_links,
                     SourceLocator(project_from_config(config, prefix, catalogue)))


def _check_while(task: Callable[[], T], check: SiteCheck | None, workers: int) -> tuple[T, list[Part]]:
    """`task` in a forked child (`forks.Aside`) that then takes its share of the pages left to check,
    while this process (and `workers` - 1 forked ones) checks them; the task's value, the check's parts."""
    child = Aside(lambda: (task(), check.work() if check is not None else None))
    parts: list[Part] = []
    try:
        if check is not None:
            parts = share_check(check, workers)
    finally:
        value, theirs = child.result()
    return value, parts + ([theirs] if theirs is not None else [])


def _report(check: SiteCheck, parts: list[Part], options, serving: bool,
            log: logging.Logger | logging.LoggerAdapter) -> CheckResult:
    """The check's parts joined (and external links checked, when asked): fails a build on a dead link."""
    result = check.result(parts)
    if options.external_links:
        from .external import ExternalChecker, ExternalOptions
        ExternalChecker(ExternalOptions()).check_into(result, check.locator)
    if result.broken and not serving:
        raise DeadLinksError(result)
    for line in format_text(result).splitlines()[:-1] if result.broken else []:
        log.warning(line)
    return result
