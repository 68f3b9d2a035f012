"""Compact JSON shards for the catalogue search (目录检索).

`<prefix>/search/manifest.json` lists categories, publishers, years and validity labels; shards per
year (`<prefix>/search/<year>-<hash>.json`, at most CHUNK entries each) hold that year's entries newest
first. A shard is built to be cheap in the browser: the searchable text of all its entries is ONE
string, one line per entry and the fields of a line separated by tabs (index number, title, 文号,
keywords, summary), so JSON.parse makes one string instead of thousands and the browser folds and
scans it in one go; publisher, category, validity and date are small integer arrays.
Hashed shard names let browsers cache them for as long as they like; the manifest is small.
"""

from __future__ import annotations

from typing import Any, Iterable

from ..catalogue.entry_fields import text_of
from ..catalogue.model import VALIDITY_LABELS, Catalogue, Entry
from ..memo import Memo, derive
from .files import dump_json, hashed_name, write_folder
from .shard_filter import bitmap

FORMAT = 2
FIRST_CHUNK = 1000  # entries in the newest shard: it comes first, and fills the first page of most searches
CHUNK = 8000  # entries per shard at most: fewer requests...
CHUNK_BYTES = 2_000_000  # ...and at most this much text, so no file grows past ~1 MB gzip whatever the entries
VALIDITIES = tuple(VALIDITY_LABELS)  # shard value = position in this tuple, -1 when not given
SEARCHED = ("index", "title", "doc_number", "keywords", "summary")  # entry fields (catalogue/entry_fields.py) of a line
FIELDS = ("index", "title", "doc", "kw", "summary")  # their names in the manifest, in the same order
_BREAKS = str.maketrans({"\t": " ", "\n": " ", "\r": " "})  # one character for one: lengths stay


def _publishers(entries: Iterable[Entry]) -> list[str]:
    """Publishers ordered by how many entries they published, then by name."""
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry.publisher] = counts.get(entry.publisher, 0) + 1
    return sorted(counts, key=lambda name: (-counts[name], name))


def line(entry: Entry) -> str:
    """One entry's searchable fields as one line (tabs and line breaks inside a field become spaces)."""
    fields = (text_of(entry, key) for key in SEARCHED)
    return "\t".join(field.translate(_BREAKS) for field in fields)


def year_shard(entries: list[Entry], text: str, categories: dict[str, int], publishers: dict[str, int]) -> dict[str, Any]:
    """Entries of one year, newest first: their text lines (`line`, joined by line ends) plus parallel integer arrays."""
    return {
        "text": text,
        "pub": [publishers[e.publisher] for e in entries],
        "cat": [categories[e.category] for e in entries],
        "date": [e.date.month * 100 + e.date.day for e in entries],  # MMDD; the year is the shard's
        "val": [VALIDITIES.index(e.validity) if e.validity else -1 for e in entries],
    }


def _chunks(lines: list[str], first: int) -> Iterable[slice]:
    """Consecutive runs of lines: `first` lines at most in the first run, then CHUNK; CHUNK_BYTES of text."""
    start, size, limit = 0, 0, first
    for i, text in enumerate(lines):
        length = len(text.encode("utf-8")) + 1
        if i > start and (i - start >= limit or size + length > CHUNK_BYTES):
            yield slice(start, i)
            start, size, limit = i, 0, CHUNK
        size += length
    if start < len(lines):
        yield slice(start, len(lines))


def _shards(catalogue: Catalogue) -> list[tuple[int, list[Entry], str]]:
    """(year, entries, text) of every shard, in the manifest's order."""
    by_year: dict[int, list[Entry]] = {}
    for entry in catalogue.entries:  # already newest first
        by_year.setdefault(entry.year, []).append(entry)
    shards: list[tuple[int, list[Entry], str]] = []
    for year in sorted(by_year, reverse=True):
        entries = by_year[year]
        lines = [line(e) for e in entries]
        shards += [(year, entries[rows], "\n".join(lines[rows])) for rows in _chunks(lines, CHUNK if shards else FIRST_CHUNK)]
    return shards


def remember_shard_filters(memo: Memo, catalogue: Catalogue) -> None:
    """Fill `memo` with the filter of every shard (`memo.py`): the preview, between saves."""
    memo.remember("shard-filter", None, [text for _, _, text in _shards(catalogue)], bitmap)


def build_shards(catalogue: Catalogue, entry_pattern: str, memo: Memo | None = None) -> tuple[dict[str, Any], dict[str, bytes]]:
    """(manifest, {file name: JSON bytes}) for a catalogue; `entry_pattern` contains "{slug}"."""
    categories = list(catalogue.walk_categories())
    category_pos = {c.id: i for i, c in enumerate(categories)}
    publishers = _publishers(catalogue.entries)
    publisher_pos = {name: i for i, name in enumerate(publishers)}
    shards = _shards(catalogue)
    filters = derive(memo, "shard-filter", None, [text for _, _, text in shards], bitmap)
    files: dict[str, bytes] = {}
    years: dict[int, dict[str, Any]] = {}  # in manifest order
    for year, entries, text in shards:
        data = dump_json(year_shard(entries, text, category_pos, publisher_pos))
        name = hashed_name(str(year), "json", data)
        files[name] = data
        listed = years.setdefault(year, {"year": year, "count": 0, "files": []})
        listed["count"] += len(entries)
        listed["files"].append(name)
    filter_data = b"".join(filter_bits for _, filter_bits in filters)  # one bitmap per shard, in manifest order (see shard_filter.py)
    filter_name = hashed_name("filter", "bin", filter_data)
    files[filter_name] = filter_data
    manifest = {
        "format": FORMAT,
        "total": len(catalogue.entries),
        "entry_url": entry_pattern,
        "fields": list(FIELDS),
        "categories": [{"id": c.id, "title": c.title, "parent": c.parent} for c in categories],
        "publishers": publishers,
        "validity": [{"id": key, "title": VALIDITY_LABELS[key]} for key in VALIDITIES],
        "years": list(years.values()),
        "filter": {"file": filter_name, "bits": [log2 for log2, _ in filters]},
    }
    return manifest, files


SHARD_EXTENSIONS = (".json", ".bin")  # of the files in the shards' folder


def shard_files(catalogue: Catalogue, entry_pattern: str = "{slug}/", memo: Memo | None = None) -> dict[str, bytes]:
    """{file name: bytes} of the manifest and year shards. `entry_pattern` ("{slug}" for the slug) is
    relative to the column home, where the search runs."""
    manifest, files = build_shards(catalogue, entry_pattern, memo)
    files["manifest.json"] = dump_json(manifest)
    return files


def write_shards(catalogue: Catalogue, folder: str, entry_pattern: str = "{slug}/") -> dict[str, int]:
    """Write the manifest and year shards into `folder`; returns {file name: size in bytes}."""
    return write_folder(folder, shard_files(catalogue, entry_pattern), SHARD_EXTENSIONS)
