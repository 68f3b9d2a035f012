"""Each gram's line of the full-text index as last laid out, kept by the preview and carried over to a
new order of the entries.

A line holds three lists of doc ids (catalogue positions), each ascending and written as base-36 gaps
from the id before ("0,1,1,3"). A save that keeps the order of the entries changes only the lines of
the grams it gave or took from an entry (`FullTextIndex.sync` forgets those). A save that adds,
removes or moves an entry changes the ids after it, but where the old and new orders end alike, the
ids there all move by the same amount: their gaps stay, and only the start of each line, up to the
first id in that common end, is written again (`_carried`). New entries are dated, so they come
near the top and that start is short; where it would not be (a change in the oldest quarter), every
line is laid out again.
"""

from __future__ import annotations

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def base36(number: int) -> str:
    digits = ""
    while True:
        number, rest = divmod(number, 36)
        digits = _DIGITS[rest] + digits
        if not number:
            return digits


class LaidOut:
    """The lines laid out for one order of the entries (their numbers in `Postings`, newest first)."""

    def __init__(self, order: list[int] | None = None) -> None:
        self.order = order or []
        self.lines: dict[int, str] = {}  # gram code → its three lists, encoded and tab-separated

    def for_order(self, order: list[int]) -> LaidOut:
        """These lines for `order`: themselves when it is theirs, carried over when the two orders end
        alike but near their start, none (all to be laid out again) otherwise."""
        if order == self.order:
            return self
        tail = _common_tail(self.order, order)
        kept = len(self.order) - tail  # old ids from here on all move by `shift`
        carried = LaidOut(order)
        if not self.lines or kept > len(self.order) // 4:
            return carried
        shift = len(order) - len(self.order)
        new_ids = {number: at for at, number in enumerate(order[:len(order) - tail])}
        ahead = [new_ids.get(number) for number in self.order[:kept]]  # the new ids of the old ids before `kept`
        try:
            carried.lines = {code: "\t".join(_carried(ids, kept, ahead, shift) for ids in line.split("\t"))
                             for code, line in self.lines.items()}
        except LookupError:  # an entry gone from a line that sync did not forget: lay everything out again
            return LaidOut(order)
        return carried


def _common_tail(before: list[int], after: list[int]) -> int:
    """How many entries the two orders end with alike."""
    length = min(len(before), len(after))
    tail = 0
    while tail < length and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    return tail


def _carried(ids: str, kept: int, ahead: list[int | None], shift: int) -> str:
    """One encoded list for the new order: the ids before `kept` mapped through `ahead` (and sorted),
    the first id from `kept` on moved by `shift`, the gaps after it as they were."""
    if not ids:
        return ids
    start, old_id = 0, 0
    head: list[int] = []  # the new ids up to the first id from `kept` on
    while True:
        end = ids.find(",", start)
        old_id += int(ids[start:] if end < 0 else ids[start:end], 36)
        if old_id >= kept:
            head.sort()
            head.append(old_id + shift)
            break
        new_id = ahead[old_id]
        if new_id is None:
            raise LookupError(old_id)
        head.append(new_id)
        if end < 0:
            head.sort()
            break
        start = end + 1
    gaps = [base36(new_id - before) for new_id, before in zip(head, [0, *head[:-1]])]
    return ",".join(gaps) + ("" if end < 0 else ids[end:])
