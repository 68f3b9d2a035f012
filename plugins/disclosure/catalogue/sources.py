"""What a catalogue load keeps of each file so that the next load can read only what a save changed.

A `Source` is one catalogue file as last loaded: its text, the line where each item of its
`entries:` list starts, and the Entry read from each item. `reload.py` compares a file's new text
with it line by line and reads again only the items between the first and the last changed line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..problems import Problem
from ..yamlpos import Mapping, Sequence
from .model import Entry


@dataclass
class Item:
    """One item of an `entries:` list: the line of its "-" (0-based) and what it was read into."""

    start: int
    entry: Entry
    warnings: list[tuple[Problem, str]] = field(default_factory=list)  # (warning, its path after "entries[i]")


@dataclass
class Source:
    path: str  # absolute
    display: str  # as messages name it
    data: bytes
    column: int = -1  # of the "-" of every item (0-based); -1: items cannot be read one by one
    items: list[Item] = field(default_factory=list)
    to_the_end: bool = False  # nothing but comments follows the last item

    def read(self, top: Mapping, entries: list[Entry]) -> None:
        """Where the items of `top["entries"]` start, if every item was read into an entry (a load
        with problems is never reused) and the list can be cut between items."""
        sequence = top.get("entries")
        if not isinstance(sequence, Sequence) or len(entries) != len(sequence) or b"&" in self.data:
            return  # an anchor (&) could be named by an alias (*) in another item
        text = self.data.decode("utf-8-sig")
        if text.count("\r") != text.count("\r\n"):
            return  # a lone CR breaks a line for YAML but not for str.split("\n")
        lines = text.split("\n")
        column = sequence.pos.col - 1
        starts = [pos.line - 1 for pos in sequence.item_pos]
        if not all(dash_at(lines[start], column) for start in starts):
            return  # an item whose content starts below its "-"
        self.column = column
        self.items = [Item(start, entry) for start, entry in zip(starts, entries)]
        self.to_the_end = list(top)[-1] == "entries"

    def attach_warnings(self, warnings: list[Problem]) -> None:
        """Give each item the warnings about it (their path starts with "entries[i]")."""
        for warning in warnings:
            if warning.file != self.display or not warning.path.startswith("entries["):
                continue
            number, _, rest = warning.path[len("entries["):].partition("]")
            if number.isdigit() and int(number) < len(self.items):
                self.items[int(number)].warnings.append((warning, rest))

    def usable(self) -> bool:
        return self.column >= 0 and bool(self.items)


def dash_at(line: str, column: int) -> bool:
    return line[column:column + 1] == "-" and not line[:column].strip() and line[column + 1:column + 2] in ("", " ")
