"""Each gram's line of the full-text index as last laid out, kept by the preview and carried over to a
new order of the entries.

A line holds three lists of doc ids (catalogue positions), each ascending and written as base-36 gaps
from the id before ("0,1,1,3"). After a save, `Postings.sync` reports which entries joined or left
which lists (`Move`). Where the old and new orders end alike, the ids in that common end all move by
one amount, so a line keeps its gaps there: only its start, up to the first id in the common end, is
written again, with the entries that left dropped and those that joined put in (`_Moved.carry`).
New entries are dated, so they come near the top, and that start is short. A line that an entry
joined or left in the common end (an older entry edited), a gram no entry had before, and every line
after a change beyond the newest quarter are laid out again from the postings.
"""

from __future__ import annotations

from .postings import Move

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def base36(number: int) -> str:
    digits = ""
    while True:
        number, rest = divmod(number, 36)
        digits = _DIGITS[rest] + digits
        if not number:
            return digits


class LaidOut:
    """The lines laid out for one order of the entries (their numbers in `Postings`, newest first),
    and the moves of entries into and out of their lists since (`Postings.sync`)."""

    def __init__(self, order: list[int] | None = None) -> None:
        self.order = order or []
        self.lines: dict[int, str] = {}  # gram code → its three lists, encoded and tab-separated
        self.moves: list[Move] = []

    def for_order(self, order: list[int]) -> LaidOut:
        """These lines for `order` and the moves since: carried over where the two orders end alike
        and every entry that joined or left a line lies before that common end (new entries come
        near the top); the other lines are left out, to be laid out again. None are carried when
        the common end leaves out more than the newest quarter."""
        changes = _net_changes(self.moves)
        carried = LaidOut(order)
        if order == self.order:
            carried.lines = {code: line for code, line in self.lines.items() if code not in changes}
            return carried
        tail = _common_tail(self.order, order)
        kept = len(self.order) - tail  # old ids from here on all move by `shift`
        if not self.lines or kept > len(self.order) // 4:
            return carried
        new_ids = {number: at for at, number in enumerate(order[:len(order) - tail])}
        old_head = set(self.order[:kept])
        moved = _Moved(self.order, kept, [new_ids.get(number) for number in self.order[:kept]], len(order) - len(self.order), new_ids)
        try:
            for code, line in self.lines.items():
                change = changes.get(code, {})
                if all(number in (new_ids if step > 0 else old_head) for per in change.values() for number, step in per.items()):
                    carried.lines[code] = "\t".join(moved.carry(ids, change.get(which, {})) for which, ids in enumerate(line.split("\t")))
        except LookupError:  # an entry gone from a line without a move that says so: lay everything out again
            return LaidOut(order)
        return carried


def _net_changes(moves: list[Move]) -> dict[int, dict[int, dict[int, int]]]:
    """gram code → list → entry number → +1 (joined) or -1 (left), over all `moves`."""
    changes: dict[int, dict[int, dict[int, int]]] = {}
    for which, number, lost, gained in moves:
        for codes, step in ((lost, -1), (gained, 1)):
            for code in codes:
                per = changes.setdefault(code, {}).setdefault(which, {})
                per[number] = per.get(number, 0) + step
    return changes


def _common_tail(before: list[int], after: list[int]) -> int:
    """How many entries the two orders end with alike."""
    length = min(len(before), len(after))
    tail = 0
    while tail < length and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    return tail


class _Moved:
    """How ids move from the old order to the new: before `kept` through `ahead`, from it on by `shift`."""

    def __init__(self, order: list[int], kept: int, ahead: list[int | None], shift: int, new_ids: dict[int, int]) -> None:
        self.order, self.kept, self.ahead, self.shift, self.new_ids = order, kept, ahead, shift, new_ids

    def carry(self, ids: str, change: dict[int, int]) -> str:
        """One encoded list in the new order: the ids before `kept` mapped (less the entries that left,
        plus those that joined, sorted), the first id from `kept` on moved by `shift`, the gaps after
        it as they were."""
        head = [self.new_ids[number] for number, step in change.items() if step > 0]
        start, old_id, first, rest = 0, 0, None, ""
        while ids:
            end = ids.find(",", start)
            old_id += int(ids[start:] if end < 0 else ids[start:end], 36)
            if old_id >= self.kept:
                first, rest = old_id + self.shift, "" if end < 0 else ids[end:]
                break
            if change.get(self.order[old_id], 0) >= 0:
                if (new_id := self.ahead[old_id]) is None:
                    raise LookupError(old_id)
                head.append(new_id)
            if end < 0:
                break
            start = end + 1
        head.sort()
        if first is not None:
            head.append(first)
        return ",".join(base36(new_id - before) for new_id, before in zip(head, [0, *head[:-1]])) + rest
