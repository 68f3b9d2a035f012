"""The link check at the end of `mkdocs build`: fails the build on a dead link; only warns in `mkdocs serve`."""

from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError

from ..forks import cores
from .check import CheckResult, check_site
from .project import project_from_config
from .report import format_text
from .sources import SourceLocator


class DeadLinksError(PluginError):
    """Raised with every broken link; MkDocs prints the message and aborts the build."""

    def __init__(self, result: CheckResult) -> None:
        self.result = result
        super().__init__("网站中有失效链接，请修正后重新生成：\n" + format_text(result))


def check_built_site(config, options, catalogue, serving: bool, log: logging.Logger | logging.LoggerAdapter,
                     busy: int = 0) -> CheckResult | None:
    """`config`: MkDocsConfig; `options`: the plugin's DisclosureConfig; `busy`: cores taken by other work."""
    if not options.check_links:
        return None
    prefix = options.prefix.strip("/")
    project = project_from_config(config, prefix, catalogue)
    scope = None if options.check_links_scope == "site" else (lambda path: path.startswith(prefix + "/"))
    result = check_site(config.site_dir, config.site_url or None, scope, options.external_links,
                        SourceLocator(project), options.workers or cores() - busy)
    if options.external_links:
        from .external import ExternalChecker, ExternalOptions
        ExternalChecker(ExternalOptions()).check_into(result, SourceLocator(project))
    if result.broken and not serving:
        raise DeadLinksError(result)
    for line in format_text(result).splitlines()[:-1] if result.broken else []:
        log.warning(line)
    return result
