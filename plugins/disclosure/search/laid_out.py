"""The full-text index's lines as last laid out, in their buckets, kept by the preview between saves.

A line holds a gram's three lists of doc ids, each ascending and written as base-36 gaps from the id
before ("0,1,1,3"). Doc ids (`doc_ids.py`) come from index numbers, not dates, and a save changes no
entry's id unless the ids had to rank the index numbers. After a save, a line is laid out again only
when an entry joined or left it (the moves `Postings.sync` reports) or one of its entries has a new
doc id; every other line is kept as it was. A bucket's file is its lines in gram-code order, so
however many saves each laid out some lines again, it is the file a full build makes. When many
entries have new doc ids or many lines would change (real text shares most of its grams between a
thousand entries), or the number of buckets changes, every line is laid out again (`bulk`, in numpy).
"""

from __future__ import annotations

from array import array

from . import bulk
from .doc_ids import digits
from .files import hashed_name
from .postings import Move, Postings

RENUMBERED_SHARE = 8  # lay out everything when more than 1/8 of the entries have new doc ids,
STALE_SHARE = 4  # or more than 1/4 of the lines would be laid out again (all at once is quicker per line)


def id_array(ids: dict[int, int], numbers: int) -> array:
    """Entry number → doc id, for `ids` out of `numbers` numbered (0 for those not in the catalogue)."""
    found = array("I", bytes(4 * numbers))
    for number, id in ids.items():
        found[number] = id
    return found


class LaidOut:
    """The lines laid out for one numbering of the entries ({their number in `Postings`: doc id}), per
    bucket, and the moves of entries into and out of their lists since (`Postings.sync`)."""

    def __init__(self, ids: dict[int, int] | None = None, buckets: int = 0) -> None:
        self.ids = ids or {}
        self.buckets: list[dict[int, str]] = [{} for _ in range(buckets)]  # gram code → "gram\tlists\n"
        self.moves: list[Move] = []
        self.made: dict[int, tuple[str, bytes]] = {}  # bucket → its file's name and content, once made

    def for_ids(self, ids: dict[int, int], postings: Postings, buckets: int) -> LaidOut:
        """The lines of `postings` for doc `ids` in that many buckets: the lines laid out here that still
        hold are copied, the others laid out again. This layout stays as it was: the server may lay
        out the last save's index while the next save takes this layout for its own."""
        by_number, numerals = id_array(ids, len(postings.numbers)), digits(max(ids.values(), default=0))
        renumbered = self._renumbered(ids)
        laid = LaidOut(ids)
        stale = None if renumbered is None or buckets != len(self.buckets) or len(renumbered) * RENUMBERED_SHARE > len(ids) \
            else postings.codes_of(renumbered).union(*(move.lost | move.gained for move in self.moves))
        if stale is None or len(stale) * STALE_SHARE > sum(map(len, self.buckets)):
            laid.buckets = bulk.lines_at_once(bulk.pairs(postings.lists), by_number, numerals, lambda _: buckets)
            return laid
        some = [{code: held[code] for code in stale if code in held} for held in postings.lists]
        gone = list(stale.difference(*some))
        changed: dict[int, dict[int, str | None]] = {}  # bucket → {code: its line now, None when gone}
        for code, bucket in zip(gone, bulk.buckets_of(gone, buckets)):
            changed.setdefault(bucket, {})[code] = None
        for bucket, laid_again in enumerate(bulk.lines_at_once(bulk.pairs(some), by_number, numerals, lambda _: buckets)):
            if laid_again:
                changed.setdefault(bucket, {}).update(laid_again)
        laid.buckets = list(self.buckets)  # the buckets no line of which changed are shared: never changed in place
        for bucket, lines in changed.items():
            kept = laid.buckets[bucket] = dict(self.buckets[bucket])
            for code, line in lines.items():
                if line is None:
                    kept.pop(code, None)
                else:
                    kept[code] = line
        laid.made = {bucket: made for bucket, made in self.made.items() if bucket not in changed}
        return laid

    def files(self) -> list[tuple[str, bytes]]:
        """Each bucket's file name and content (its lines in gram-code order), made once."""
        for bucket, lines in enumerate(self.buckets):
            if bucket not in self.made:
                data = "".join(map(lines.__getitem__, sorted(lines))).encode("utf-8")
                self.made[bucket] = hashed_name(f"g{bucket}", "txt", data), data
        return [self.made[bucket] for bucket in range(len(self.buckets))]

    def _renumbered(self, ids: dict[int, int]) -> set[int] | None:
        """Numbers of the entries in both numberings whose doc ids differ; None when nothing was laid out."""
        if not self.buckets:
            return None
        return {number for number, id in ids.items() if self.ids.get(number, id) != id}
