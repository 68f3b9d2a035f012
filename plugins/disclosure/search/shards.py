"""Column-oriented JSON shards for the catalogue search.

`<prefix>/search/manifest.json` lists categories, publishers, years and validity labels; shards per
year (`<prefix>/search/<year>-<hash>.json`, at most CHUNK entries each) hold that year's entries newest first, one array per field.
Hashed shard names let browsers cache them for as long as they like; the manifest is small.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any, Iterable

from ..catalogue.model import VALIDITY_LABELS, Catalogue, Entry

FORMAT = 1
CHUNK = 4000  # entries per shard at most, so no file grows past ~1 MB gzip whatever the catalogue size
VALIDITIES = tuple(VALIDITY_LABELS)  # shard value = position in this tuple, -1 when not given


def _dump(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _publishers(entries: Iterable[Entry]) -> list[str]:
    """Publishers ordered by how many entries they published, then by name."""
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry.publisher] = counts.get(entry.publisher, 0) + 1
    return sorted(counts, key=lambda name: (-counts[name], name))


def year_shard(entries: list[Entry], categories: dict[str, int], publishers: dict[str, int]) -> dict[str, Any]:
    """One year's entries, newest first, as parallel arrays (compact and quick to scan)."""
    return {
        "index": [e.index for e in entries],
        "title": [e.title for e in entries],
        "doc": [e.doc_number or "" for e in entries],
        "kw": [" ".join(e.keywords) for e in entries],
        "summary": [e.summary or "" for e in entries],
        "pub": [publishers[e.publisher] for e in entries],
        "cat": [categories[e.category] for e in entries],
        "date": [e.date.isoformat()[5:] for e in entries],  # "MM-DD"; the year is the shard's
        "val": [VALIDITIES.index(e.validity) if e.validity else -1 for e in entries],
    }


def build_shards(catalogue: Catalogue, entry_pattern: str) -> tuple[dict[str, Any], dict[str, bytes]]:
    """(manifest, {file name: JSON bytes}) for a catalogue; `entry_pattern` contains "{slug}"."""
    categories = list(catalogue.walk_categories())
    category_pos = {c.id: i for i, c in enumerate(categories)}
    publishers = _publishers(catalogue.entries)
    publisher_pos = {name: i for i, name in enumerate(publishers)}
    by_year: dict[int, list[Entry]] = {}
    for entry in catalogue.entries:  # already newest first
        by_year.setdefault(entry.year, []).append(entry)
    files: dict[str, bytes] = {}
    years = []
    for year in sorted(by_year, reverse=True):
        entries = by_year[year]
        names = []
        for start in range(0, len(entries), CHUNK):
            data = _dump(year_shard(entries[start:start + CHUNK], category_pos, publisher_pos))
            names.append(f"{year}-{hashlib.sha256(data).hexdigest()[:10]}.json")
            files[names[-1]] = data
        years.append({"year": year, "count": len(entries), "files": names})
    manifest = {
        "format": FORMAT,
        "total": len(catalogue.entries),
        "entry_url": entry_pattern,
        "categories": [{"id": c.id, "title": c.title, "parent": c.parent} for c in categories],
        "publishers": publishers,
        "validity": [{"id": key, "title": VALIDITY_LABELS[key]} for key in VALIDITIES],
        "years": years,
    }
    return manifest, files


def write_shards(catalogue: Catalogue, folder: str, use_directory_urls: bool = True) -> dict[str, int]:
    """Write the manifest and year shards into `folder`; returns {file name: size in bytes}."""
    manifest, files = build_shards(catalogue, "{slug}/" if use_directory_urls else "{slug}/index.html")
    files["manifest.json"] = _dump(manifest)
    os.makedirs(folder, exist_ok=True)
    for old in os.listdir(folder):  # stale shards of an earlier `mkdocs serve` build
        if old.endswith(".json") and old not in files:
            os.remove(os.path.join(folder, old))
    for name, data in files.items():
        with open(os.path.join(folder, name), "wb") as stream:
            stream.write(data)
    return {name: len(data) for name, data in files.items()}
