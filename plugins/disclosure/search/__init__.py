"""Searching the column: catalogue-search shards (目录检索) and the site-wide full-text index."""

from .fulltext import FORMAT as FULLTEXT_FORMAT
from .fulltext import FullTextIndex, html_text, write_fulltext
from .files import write_folder
from .shards import SHARD_EXTENSIONS, remember_shard_filters, shard_files, write_shards

__all__ = ["FULLTEXT_FORMAT", "SHARD_EXTENSIONS", "FullTextIndex", "html_text", "remember_shard_filters", "shard_files", "write_folder",
           "write_fulltext", "write_shards"]
