"""The full-text index's doc ids: a number per entry, given by its index number alone where it can be.

An index number is "<agency code>/<year>-<sequence>". Each year's sequences lie in one aligned block
of a power of two (the smallest one whose multiples do not split them: 1–400 in the block 0–511,
9,600–10,000 where sequences run on across years in 9,216–10,239); the years' blocks follow one
another, and an entry's doc id is its year's offset plus its place in the block. No other entry's id
changes when an entry is added, removed or dated anew, unless that changes its year's block: an
entry that widens the block (or, removed, halves it) moves the ids of the years after it, and of its
own year too where the block's start moves (9,600–10,000 and a new 10,300: 9,216 → 8,192; never for
sequences counted from 1 each year, whose blocks start at 0). Otherwise a save lays out again only
the lines of the grams the entry itself has (`laid_out.py`). The ids leave gaps where sequence numbers are unused; when they
would leave too many (more than SPREAD ids an entry), or the index numbers are not all of that form
under one agency code, the ids rank the index numbers instead (code, year, sequence), with none
unused. Either way they stay below `bulk.MAX_DOC_IDS` (ids are packed in that many bits) up to that
many entries. The browser maps ids to catalogue positions through the order file (`order_file`).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..catalogue.entries import INDEX
from .bulk import MAX_DOC_IDS

SPREAD, SLACK = 4, 1024  # at most SPREAD ids an entry, SLACK more for small catalogues
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def of_indexes(indexes: Sequence[str]) -> list[int]:
    """The doc id of each index number."""
    matches = [INDEX.fullmatch(index) for index in indexes]
    if all(matches) and len({match["code"] for match in matches}) <= 1:  # type: ignore[index]
        years = [int(match["year"]) for match in matches]  # type: ignore[index]
        sequences = [int(match["seq"]) for match in matches]  # type: ignore[index]
        offsets = _year_offsets(years, sequences)
        ids = [offsets[year] + sequence for year, sequence in zip(years, sequences)]  # offsets are less the block's start
        if max(ids, default=0) < min(SPREAD * len(ids) + SLACK, MAX_DOC_IDS) and len(set(ids)) == len(ids):  # 2021-1 and 2021-01 share one
            return ids
    ranked = sorted(range(len(indexes)), key=lambda at: rank_key(indexes[at]))
    ids = [0] * len(indexes)
    for rank, at in enumerate(ranked):
        ids[at] = rank
    return ids


def _year_offsets(years: list[int], sequences: list[int]) -> dict[int, int]:
    """What to add to each year's sequences: the year's first id less where its block starts."""
    spans: dict[int, tuple[int, int]] = {}
    for year, sequence in zip(years, sequences):
        low, high = spans.get(year, (sequence, sequence))
        spans[year] = min(low, sequence), max(high, sequence)
    offsets, first = {}, 0
    for year in sorted(spans):
        low, high = spans[year]
        size = 1 << (low ^ high).bit_length()  # the smallest aligned block holding both ends
        offsets[year] = first - low // size * size
        first += size
    return offsets


def rank_key(index: str) -> tuple[str, int, int, str]:
    """An index number's place among ranked doc ids: agency code, year, sequence as a number (2021-9
    before 2021-10), the text last (only tests make index numbers of another form)."""
    match = INDEX.fullmatch(index)
    return (match["code"], int(match["year"]), int(match["seq"]), index) if match else ("", 0, 0, index)


def order_file(ids: Sequence[int]) -> bytes:
    """The ids of the catalogue's entries, newest first, each as its step from the one before (from 0),
    in base 36 with "-" before a negative step: "-1" for most when dates follow index numbers."""
    return ",".join(_signed36(id - before) for before, id in zip((0, *ids), ids)).encode("ascii")


def _signed36(step: int) -> str:
    return base36(step) if step >= 0 else "-" + base36(-step)


def base36(number: int) -> str:
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = _DIGITS[rest] + text
        if not number:
            return text


def digits(largest: int) -> list[str]:
    """n in base 36 at n, up to `largest`."""
    return [base36(n) for n in range(largest + 1)]
