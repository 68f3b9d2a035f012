"""Searching the column: catalogue-search shards (目录检索) and the site-wide full-text index."""

from .fulltext import FullTextIndex, html_text, write_fulltext
from .shards import write_shards

__all__ = ["FullTextIndex", "html_text", "write_fulltext", "write_shards"]
