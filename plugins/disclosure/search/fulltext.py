"""Site-wide full text of the column's entries: a character-bigram inverted index in hashed buckets.

Chinese has no spaces between words. Instead of guessing words (jieba, even in search mode, misses
sub-words it did not cut out), every character and every pair of adjacent characters of an entry's
folded text is indexed, in three lists: the entry's head (title, 文号, 索引号), the rest of its metadata
(主题词, 内容概述, 发布机构: only entries whose head lacks the gram) and its rendered body. The browser ranks by
them (head, then the rest of the metadata, then body only). A query word matches an entry when all of its
pairs (or its one character) occur in its metadata (head or rest) or in its body, so 许可 finds
行政许可, and 文号 and 索引号 fragments are found too. The browser fetches only the buckets holding
the query's pairs, then confirms metadata matches exactly against the display rows (pairs alone
would let 2021-0000 match 2021-00010), and body matches of words longer than a pair against the
entry's folded body text, fetched only for candidates (pairs alone would let 数据开放平台 match a body
holding 数据开放 and 开放平台 apart).

Written to `<prefix>/fulltext/`:
  manifest.json     {"format", "count", "chunk", "home", "entry_url", "buckets": [names], "docs": [names],
                     "bodies": [[first position, name], …], "order": name}
  g<n>-<hash>.txt   one line per gram: "<gram>\\t<head ids>\\t<other metadata ids>\\t<body doc ids>", each list
                    ascending, delta-coded in base 36, comma-separated (empty when none); doc ids come
                    from index numbers (`doc_ids.py`), so that no save changes a line the entry is not in
  o-<hash>.txt      the entries' doc ids in catalogue order (newest first, by date), each as its step from
                    the one before in base 36, comma-separated (`doc_ids.order_file`)
  d<n>-<hash>.json  `chunk` entries as results show them and matches are confirmed:
                    [[title, index, date, 文号, summary, keywords, publisher], …]
  b<n>-<hash>.txt   the folded body text of consecutive entries from a first position, one line each
                    (whitespace runs as one space; empty when the entry has no body), ≈BODY_BYTES a file
The browser turns the lines' doc ids into positions in the catalogue (newest first) as it reads them;
display and body files go by position. Doc ids are given when the index is laid out (`doc_ids.py`),
texts are collected by index number.
"""

from __future__ import annotations

from array import array
from functools import cached_property
from typing import Iterable

from selectolax.lexbor import LexborHTMLParser

from ..catalogue.model import Entry
from . import bulk
from .files import dump_json, hashed_name, write_folder
from .doc_ids import digits, of_indexes, order_file
from .laid_out import LaidOut
from .postings import Postings, normal

FORMAT = 5
CHUNK = 1000  # entries per display file
POSTINGS_PER_BUCKET = 40_000  # ≈120 KB of text per bucket file
MAX_BUCKETS = 4096
BODY_BYTES = 256 * 1024  # raw folded body text per file (≈48 KB gzip on the benchmark's text)


def bucket_of(gram: str, buckets: int) -> int:
    """FNV-1a over UTF-16 code units: fulltext-index.js computes the same number."""
    value = 0x811C9DC5
    data = gram.encode("utf-16-le")
    for i in range(0, len(data), 2):
        value = ((value ^ (data[i] | data[i + 1] << 8)) * 0x01000193) & 0xFFFFFFFF
    return value % buckets


BLOCKS = "p, li, td, th, h1, h2, h3, h4, h5, h6, br, div, tr, dt, dd, pre, blockquote, caption, figcaption"


def html_text(html: str) -> str:
    """The visible text of a rendered body: inline markup joins words (企业<b>开办</b> → 企业开办),
    block ends separate them; scripts and styles dropped."""
    tree = LexborHTMLParser(html)
    for node in tree.css("script, style, template"):
        node.decompose()
    for node in tree.css(BLOCKS):
        node.insert_after("\n")
    return tree.text(separator="") if tree.body is not None else ""


class FullTextIndex:
    """Each entry's folded body text, keyed by index number, collected while pages render; `files` lays
    the index out for the browser, numbering documents (`doc_ids.of_indexes`) only then. The grams'
    postings (`postings.Postings`) and laid-out lines (`laid_out.LaidOut`) pass from an index to the
    one `for_entries` makes: the preview posts after a save only the entries it changed, and lays
    out again only the lines whose entries changed."""

    def __init__(self, entries: Iterable[Entry], postings: Postings | None = None, laid_out: LaidOut | None = None) -> None:
        self.entries = list(entries)
        self.texts: dict[str, str] = {}  # index number: folded body text, whitespace runs as one space
        self.postings = postings or Postings()
        self.laid_out = laid_out or LaidOut()
        self.before: FullTextIndex | None = None  # the index this one follows, until `sync` takes its layout

    def add(self, entry: Entry, body_text: str = "") -> None:
        self.texts[entry.index] = normal(body_text)

    def for_entries(self, entries: Iterable[Entry], changed: set[str]) -> FullTextIndex:
        """A new index for `entries` that keeps the collected texts of every entry not in `changed`."""
        index = FullTextIndex(entries, self.postings, self.laid_out)
        index.before = self
        wanted = {entry.index for entry in index.entries} - changed
        index.texts = {key: text for key, text in self.texts.items() if key in wanted}
        return index

    def sync(self) -> None:
        """Post what changed since the last sync (everything, the first time); the lines laid out
        before learn which entries left or joined them: those the last index ended with (the server may
        lay it out while the next save makes this one, which then would lay out again what it did)."""
        self.laid_out, self.before = self._latest_layout(), None
        self.postings.sync(self.entries, self.texts, self.laid_out.moves if self.laid_out.buckets else None)

    def _latest_layout(self) -> LaidOut:
        return self.before._latest_layout() if self.before is not None else self.laid_out

    def lay_out(self, once: bool = False) -> LaidOut:
        """Every gram's line in its bucket, from the last layout where it still holds. `once`: a first
        layout that nothing uses after (a build without the preview) is made without postings."""
        if once and not self.postings.posted:
            self.laid_out = LaidOut(dict(enumerate(self.doc_ids)))  # numbered by position, postings of its own, not kept
            self.laid_out.buckets = bulk.lines_at_once(bulk.gather(Postings().numbered(self.entries, self.texts)),
                                                       array("I", self.doc_ids), digits(max(self.doc_ids, default=0)), _bucket_count)
            return self.laid_out
        self.sync()
        total = sum(sum(map(len, postings.values())) for postings in self.postings.lists)
        numbers = self.postings.numbers
        self.laid_out = self.laid_out.for_ids({numbers[entry.index]: id for entry, id in zip(self.entries, self.doc_ids)},
                                              self.postings, _bucket_count(total))
        return self.laid_out

    @cached_property
    def doc_ids(self) -> list[int]:
        """Each entry's doc id, in catalogue order."""
        return of_indexes([entry.index for entry in self.entries])

    def files(self, home: str, entry_url: str, once: bool = False) -> dict[str, bytes]:
        """{file name: content} of the whole index, manifest included (`once`: see `lay_out`)."""
        laid_out = self.lay_out(once)
        bodies = {at: text for at, entry in enumerate(self.entries) if (text := self.texts.get(entry.index))}
        buckets = laid_out.files()
        files = dict(buckets)
        bucket_names = [name for name, _ in buckets]
        doc_names = [_named(files, f"d{n // CHUNK}", "json", dump_json([_display(e) for e in self.entries[n:n + CHUNK]]))
                     for n in range(0, len(self.entries), CHUNK)]
        body_files = [[first, _named(files, f"b{n}", "txt", text)] for n, (first, text) in enumerate(_body_texts(bodies))]
        manifest = {"format": FORMAT, "count": len(self.entries), "chunk": CHUNK, "home": home, "entry_url": entry_url,
                    "buckets": bucket_names, "docs": doc_names, "bodies": body_files,
                    "order": _named(files, "o", "txt", order_file(self.doc_ids))}
        files["manifest.json"] = dump_json(manifest)
        return files


def _body_texts(bodies: dict[int, str]) -> Iterable[tuple[int, bytes]]:
    """(first position, lines) of files of about BODY_BYTES, from the first entry with a body to the last."""
    if not bodies:
        return
    first, lines, size = min(bodies), [], 0
    for at in range(first, max(bodies) + 1):
        line = bodies.get(at, "").encode("utf-8")
        lines.append(line)
        size += len(line) + 1
        if size >= BODY_BYTES:
            yield first, b"\n".join(lines)
            first, lines, size = at + 1, [], 0
    if lines:
        yield first, b"\n".join(lines)


def _bucket_count(total: int) -> int:
    buckets = 1
    while buckets < MAX_BUCKETS and buckets * POSTINGS_PER_BUCKET < total:
        buckets *= 2
    return buckets


def _display(entry: Entry) -> list[str]:
    return [entry.title, entry.index, entry.date.isoformat(), entry.doc_number or "", entry.summary or "",
            " ".join(entry.keywords), entry.publisher]


def _named(files: dict[str, bytes], stem: str, extension: str, data: bytes) -> str:
    name = hashed_name(stem, extension, data)
    files[name] = data
    return name


def write_fulltext(index: FullTextIndex, folder: str, home: str, entry_url: str, once: bool = False) -> dict[str, int]:
    """Write the index into `folder` (stale files of an earlier build removed); {name: size}.
    `home` and `entry_url` (with "{slug}") are relative to the site root; `once`: see `lay_out`."""
    return write_folder(folder, index.files(home, entry_url, once), (".json", ".txt"))
