"""Catalogue search (目录检索): compact JSON shards written at build time, read by catalogue-search.js."""

from .shards import write_shards

__all__ = ["write_shards"]
