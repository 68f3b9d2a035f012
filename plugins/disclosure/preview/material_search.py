"""Material's search index kept in build order when the preview renders a page again."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from mkdocs.config.defaults import MkDocsConfig


class SearchIndexPatch:
    """Material's search plugin appends a page's sections to its index as the page renders; a page
    rendered again gets its sections back where a full build puts them (where the old ones were)."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.plugin: Any = next((plugin for plugin in config.plugins.values()
                                 if hasattr(plugin, "search_index") and hasattr(plugin.search_index, "entries")), None)

    @contextmanager
    def replacing(self, page: Any) -> Iterator[None]:
        if self.plugin is None:
            yield
            return
        entries: list[dict] = self.plugin.search_index.entries

        def mine(entry: dict) -> bool:
            location = entry.get("location", "")
            return location == page.url or location.startswith(page.url + "#")

        at = next((i for i, entry in enumerate(entries) if mine(entry)), len(entries))
        entries[:] = [entry for entry in entries if not mine(entry)]
        kept = len(entries)
        yield
        added = entries[kept:]
        del entries[kept:]
        entries[at:at] = added

    def write(self, config: MkDocsConfig) -> None:
        if self.plugin is not None:
            self.plugin.on_post_build(config=config)
