"""Material's search plugin, spared the work it does for nothing on pages it does not index.

For every page, its `on_page_context` indexes the page unless the front matter excludes it, then
strips `data-search-*` attributes from the page's HTML with a regular expression that has no literal
to skip ahead to (`\\s?data-search-…`), so it tries every character: 84 µs for a 2,400-character body,
~1 cpu-s of a 10k build and four times that when bodies are four times as long. On a page that is
excluded and has no such attribute (every entry and listing page of the column: the sanitizer drops
`data-*` attributes) the handler changes nothing. It is wrapped so that those pages skip it; every
other page runs it as before."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from mkdocs.plugins import PluginCollection

ATTRIBUTE = "data-search-"  # what Material's expression removes always starts with this


def spare_unindexed_pages(plugins: PluginCollection) -> None:
    """Wrap the `on_page_context` of Material's search plugin (once) in `plugins`' event list."""
    from material.plugins.search.plugin import SearchPlugin

    handlers = plugins.events["page_context"]
    origins = getattr(plugins, "_event_origins", None)  # names plugins in MkDocs' messages; private, so optional
    for position, handler in enumerate(handlers):
        if isinstance(getattr(handler, "__self__", None), SearchPlugin):
            handlers[position] = spared = _sparing(handler)
            if isinstance(origins, dict):
                origins[spared] = origins.get(handler, "material/search")


def _sparing(handler: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(handler)
    def on_page_context(context, *, page, config, nav):
        content = page.content
        if (page.meta.get("search") or {}).get("exclude") and isinstance(content, str) and ATTRIBUTE not in content:
            return None  # what Material's handler gives for such a page, with the page unchanged
        return handler(context, page=page, config=config, nav=nav)

    return on_page_context
