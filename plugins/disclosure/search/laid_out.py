"""The full-text index's lines as last laid out, in their buckets, kept by the preview between saves.

A line holds a gram's three lists of doc ids, each ascending and written as base-36 gaps from the id
before ("0,1,1,3"). Doc ids count from the oldest entry (the catalogue's last, 0) up: new entries are
dated, so they come near the top, and adding or removing one there changes no other entry's id.
After a save, a line is laid out again only when an entry joined or left it (the moves
`Postings.sync` reports) or one of its entries has a new doc id (those between the two places of
an entry moved by its new date, those above one added or removed further down); every other line
is kept as it was. A bucket's file is its lines in gram-code order, so however many saves each
laid out some lines again, it is the file a full build makes. When many entries have new doc ids or
many lines would change (real text shares most of its grams between a thousand entries), or the
number of buckets changes, every line is laid out again (`bulk`, in numpy).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable

from . import bulk
from .postings import Move, Postings, gram_of

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
RENUMBERED_SHARE = 8  # lay out everything when more than 1/8 of the entries have new doc ids,
STALE_SHARE = 4  # or more than 1/4 of the lines would be laid out again (all at once is quicker per line)


def base36(number: int) -> str:
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = _DIGITS[rest] + text
        if not number:
            return text


def doc_ids(order: list[int], numbers: int) -> array:
    """Entry number → doc id, for `order` (entry numbers, newest first) out of `numbers` numbered."""
    ids = array("I", bytes(4 * numbers))
    for at, number in enumerate(order):
        ids[number] = len(order) - 1 - at
    return ids


class LaidOut:
    """The lines laid out for one order of the entries (their numbers in `Postings`, newest first),
    per bucket, and the moves of entries into and out of their lists since (`Postings.sync`)."""

    def __init__(self, order: list[int] | None = None, buckets: int = 0) -> None:
        self.order = order or []
        self.buckets: list[dict[int, str]] = [{} for _ in range(buckets)]  # gram code → "gram\tlists\n"
        self.moves: list[Move] = []

    def for_order(self, order: list[int], postings: Postings, buckets: int) -> LaidOut:
        """The lines of `postings` for `order` in that many buckets: the lines laid out here that still
        hold are copied, the others laid out again. This layout stays as it was: the server may lay
        out the last save's index while the next save takes this layout for its own."""
        ids = doc_ids(order, len(postings.numbers))
        renumbered = self._renumbered(order)
        laid = LaidOut(order)
        stale = None if renumbered is None or buckets != len(self.buckets) or len(renumbered) * RENUMBERED_SHARE > len(order) \
            else postings.codes_of(renumbered).union(*(move.lost | move.gained for move in self.moves))
        if stale is None or len(stale) * STALE_SHARE > sum(map(len, self.buckets)):
            laid.buckets = bulk.lines_at_once(bulk.pairs(postings.lists), ids, digits(len(order)), lambda _: buckets)
            return laid
        laid.buckets = [dict(lines) for lines in self.buckets]
        laid._put(bulk.lay_out([{code: held[code] for code in stale if code in held} for held in postings.lists],
                               ids, digits(len(order))), stale)
        return laid

    def files(self) -> Iterable[bytes]:
        """Each bucket's file: its lines in gram-code order."""
        return ("".join(map(lines.__getitem__, sorted(lines))).encode("utf-8") for lines in self.buckets)

    def _renumbered(self, order: list[int]) -> set[int] | None:
        """Numbers of the entries in both orders whose doc ids differ; None when nothing was laid out."""
        if not self.buckets:
            return None
        before = {number: len(self.order) - at for at, number in enumerate(self.order)}
        return {number for at, number in enumerate(order) if before.get(number, len(order) - at) != len(order) - at}

    def _put(self, lines: dict[int, str], stale: set[int]) -> None:
        """Put `lines` in their buckets; drop the `stale` codes that have no line now."""
        codes = list(lines.keys() | stale)
        for code, bucket in zip(codes, bulk.buckets_of(codes, len(self.buckets))):
            if (line := lines.get(code)) is not None:
                self.buckets[bucket][code] = f"{gram_of(code)}\t{line}\n"
            else:
                self.buckets[bucket].pop(code, None)


def digits(count: int) -> list[str]:
    """n in base 36 at n, up to `count`."""
    return [base36(n) for n in range(count + 1)]
