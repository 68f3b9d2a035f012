"""Which shards can hold a query word, known before they are loaded.

Every 2- and 3-character piece of a shard's folded text is hashed into a bitmap (a Bloom filter with one
hash); a word can only be in a shard whose bitmap has the bits of all its pieces. The browser loads the
small bitmaps first, then the shards that can match the query it opened with, then the rest: a search
for an old 文号 or 索引号 need not wait for every newer shard. No false negatives: a clear bit means the
piece is absent. catalogue-index.js computes the same hashes over the same folding (UTF-16 units).
"""

from __future__ import annotations

import re
from typing import Iterable

from .fold import fold  # the folding of catalogue-index.js, one character for one

BITS_PER_PIECE = 2  # bitmap size ≥ 2 bits per distinct piece: about a third of the bits set
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def piece_hash(units: Iterable[int]) -> int:
    """32-bit hash of 2 or 3 UTF-16 units; the same arithmetic as pieceHash in catalogue-index.js."""
    h = 0x811C9DC5
    for unit in units:
        h = ((h ^ unit) * 0x01000193) & 0xFFFFFFFF
    h ^= h >> 15
    h = (h * 0x2C1B3C6D) & 0xFFFFFFFF
    return h ^ (h >> 12)


def _utf16(text: str) -> str:
    """Characters beyond U+FFFF as their two surrogates, so that positions are JavaScript's."""
    return _ASTRAL.sub(lambda m: chr(0xD800 + ((ord(m[0]) - 0x10000) >> 10)) + chr(0xDC00 + (ord(m[0]) & 0x3FF)), text)


def pieces(text: str) -> set[str]:
    """Every 2- and 3-unit substring of the folded text."""
    units = _utf16(fold(text))
    return {units[i:i + n] for n in (2, 3) for i in range(len(units) - n + 1)}


def bitmap(text: str) -> tuple[int, bytes]:
    """(log2 of the number of bits, the bits) for one shard's text."""
    found = pieces(text)
    log2 = max(6, (len(found) * BITS_PER_PIECE - 1).bit_length())
    bits = bytearray(1 << (log2 - 3))
    mask = (1 << log2) - 1
    for piece in found:
        position = piece_hash(map(ord, piece)) & mask
        bits[position >> 3] |= 1 << (position & 7)
    return log2, bytes(bits)
