"""The catalogue again after a save, reading only the entries the save reached (the preview's load).

Each file's new text is compared with the last good load's line by line. Lines before the first
and after the last changed line are unchanged, so are the items they hold (those after the change
only move by the lines added or removed); the items between are cut out of the new text at the "-"
that starts each of them and read on their own, at the same lines and columns. Entries whose body,
attachment or report file changed are read again too. Anything this cannot be sure of — a change
outside the `entries:` items, a new or removed catalogue file, an anchor, a file link, any problem
at all — returns None, and the caller loads everything as before (which also reports the problems,
all of them, exactly as a full load does).
"""

from __future__ import annotations

import os
from bisect import bisect_right
from collections.abc import Collection

from .. import values
from ..problems import Pos, Problem
from ..yamlpos import LoadError, Mapping, Sequence, decode_utf8, load_text, unreadable_characters
from .entries import EntryReader
from .model import Catalogue, Entry
from .sources import Item, Source, dash_at
from .validate import Loaded, read_catalogue_file


def reload(previous: Loaded, changed: Collection[str], docs_dir: str) -> Loaded | None:
    """The catalogue after a save that changed `changed` (absolute paths), from the last good load."""
    old = previous.catalogue
    if old is None or len(previous.sources) != len(previous.files):
        return None
    if any(path.endswith((".yml", ".yaml")) and path not in previous.files
           and any(path.startswith(folder + os.sep) for folder in previous.folders) for path in changed):
        return None  # a catalogue file came or went: `include:` may match other files now
    touched = _docs_paths(changed, docs_dir)
    if touched is None:
        return None
    values.forget_folders()
    problems: list[Problem] = []
    warnings: list[Problem] = []
    reader = EntryReader(lambda where, path, message: problems.append(Problem.at(where, path, message)), docs_dir,
                         old.agency, old.by_category, lambda where, path, message: warnings.append(Problem.at(where, path, message)))
    reread: list[Entry] = []
    sources = []
    for source in previous.sources:
        new = _FileReload(source, touched, reader, warnings, reread).run()
        if new is None or problems:
            return None
        sources.append(new)
    entries = [item.entry for source in sources for item in source.items]
    if not _unique_and_related(entries):
        return None
    entries.sort(key=lambda e: (e.date, e.index), reverse=True)
    catalogue = Catalogue(source=old.source, agency=old.agency, categories=old.categories, entries=tuple(entries),
                          by_index={e.index: e for e in entries}, by_category=old.by_category)
    return Loaded(catalogue, files=list(previous.files), folders=list(previous.folders), include=list(previous.include),
                  warnings=[warning for source in sources for warning in _warnings(source)], sources=sources, reread=reread)


def _docs_paths(changed: Collection[str], docs_dir: str) -> set[str] | None:
    """The changed files under docs_dir as entries name them; None when one is a link (an entry
    names the file the link leads to)."""
    docs = os.path.abspath(docs_dir)
    found = set()
    for path in changed:
        if path.startswith(docs + os.sep):
            if os.path.islink(path):
                return None
            found.add(os.path.relpath(path, docs).replace(os.sep, "/"))
    return found


def _unique_and_related(entries: list[Entry]) -> bool:
    """No index number twice, every `interprets:` names another entry (else the full load says where)."""
    indexes = {entry.index for entry in entries}
    return len(indexes) == len(entries) and all(
        entry.interprets in indexes and entry.interprets != entry.index for entry in entries if entry.interprets)


def _warnings(source: Source) -> list[Problem]:
    return [Problem(w.file, w.line, w.col, f"entries[{i}]{rest}", w.message)
            for i, item in enumerate(source.items) for w, rest in item.warnings]


class _FileReload:
    """One catalogue file: its items again, reusing those the save did not reach."""

    def __init__(self, source: Source, touched: set[str], reader: EntryReader, warnings: list[Problem],
                 reread: list[Entry]) -> None:
        self.source = source
        self.touched = touched
        self.reader = reader
        self.warnings = warnings
        self.reread = reread
        self.lines: list[str] = []

    def run(self) -> Source | None:
        source = self.source
        data = read_catalogue_file(source.path, source.display, [])
        if data is None:
            return None
        reached = [k for k, item in enumerate(source.items) if _touches(item.entry, self.touched)]
        if data == source.data and not reached:
            return source
        if not source.usable():
            return None
        self.lines = _lines(data, source.display)
        if not self.lines:
            return None
        old_lines = source.data.decode("utf-8-sig").split("\n")
        region = _changed_items(old_lines, self.lines, source)
        if region is None:
            return None
        first, end, delta = region
        items: list[Item | None] = []
        for k, item in enumerate(source.items[:first]):
            items += self._again(k, 0) if k in reached else [item]
        new_items = self._read(source.items[first].start if first < len(source.items) else len(self.lines),
                               self._end(end, delta), len(items))
        if new_items is None:
            return None
        items += new_items
        for k in range(end, len(source.items)):
            items += self._again(k, delta, len(items)) if k in reached else [_moved(source.items[k], delta)]
        read = [item for item in items if item is not None]
        if len(read) < len(items) or not read:
            return None  # an item that is no entry now, or an empty list (an error where `entries:` is required)
        return Source(source.path, source.display, data, source.column, read, source.to_the_end)

    def _end(self, k: int, delta: int) -> int:
        """The line (new text) where item k of the old text starts now, or the end of the file."""
        return self.source.items[k].start + delta if k < len(self.source.items) else len(self.lines)

    def _again(self, k: int, delta: int, number: int | None = None) -> list:
        """Item k (unchanged text, moved by `delta` lines) read again: a file it names changed."""
        if k + 1 == len(self.source.items) and not self.source.to_the_end:
            return [None]
        got = self._read(self.source.items[k].start + delta, self._end(k + 1, delta), k if number is None else number)
        return [None] if got is None or len(got) != 1 else got

    def _read(self, start: int, end: int, number: int) -> list[Item] | None:
        """The items written in lines [start, end) of the new text, read as entries number, number + 1, …"""
        lines = self.lines[start:end]
        if any(line.startswith(("---", "...", "%")) for line in lines):
            return None  # a document marker or directive ends or starts a document
        if not any(line.strip() and not line.lstrip().startswith("#") for line in lines):
            return []  # items removed (comments may stay)
        problems: list[Problem] = []
        try:
            root = load_text("\n" * start + "\n".join(lines) + "\n", self.source.display, problems)
        except LoadError:
            return None
        if problems or not isinstance(root, Sequence) or root.pos.line - 1 != start or root.pos.col - 1 != self.source.column:
            return None
        items = []
        for i, (node, where) in enumerate(zip(root, root.item_pos)):
            if not isinstance(node, Mapping) or not dash_at(self.lines[where.line - 1], self.source.column):
                return None
            before = len(self.warnings)
            entry = self.reader.entry(node, where, f"entries[{number + i}]")
            if entry is None:
                return None
            self.reread.append(entry)
            prefix = len(f"entries[{number + i}]")
            items.append(Item(where.line - 1, entry, [(w, w.path[prefix:]) for w in self.warnings[before:]]))
        return items


def _lines(data: bytes, display: str) -> list[str]:
    """The new text's lines, or [] when the full load should say what is wrong with it."""
    try:
        text = decode_utf8(data, display)
    except LoadError:
        return []
    if not text.strip() or unreadable_characters(text, display) or b"&" in data or text.count("\r") != text.count("\r\n"):
        return []
    return text.split("\n")


def _changed_items(old: list[str], new: list[str], source: Source) -> tuple[int, int, int] | None:
    """(first, end, delta): old items [first, end) hold every changed line, later ones moved by delta
    lines; None when a change lies outside the items."""
    shortest = min(len(old), len(new))
    same_head = 0
    while same_head < shortest and old[same_head] == new[same_head]:
        same_head += 1
    same_tail = 0
    while same_tail < shortest - same_head and old[-1 - same_tail] == new[-1 - same_tail]:
        same_tail += 1
    delta = len(new) - len(old)
    if same_head == len(old) == len(new):
        return len(source.items), len(source.items), 0
    starts = [item.start for item in source.items]
    if same_head < starts[0]:
        return None  # agency, categories, include: or the `entries:` key itself
    first = bisect_right(starts, max(same_head - 1, starts[0])) - 1  # lines added at an item's end belong to it
    changed_end = len(old) - same_tail  # first unchanged line after the change (old text)
    if changed_end >= len(old):
        return (first, len(starts), delta) if source.to_the_end else None
    k = bisect_right(starts, changed_end) - 1
    return first, (k if starts[k] == changed_end and k > first else k + 1), delta


def _touches(entry: Entry, touched: set[str]) -> bool:
    return bool(touched) and (entry.body in touched or entry.report in touched
                              or any(a.file in touched for a in entry.attachments))


def _moved(item: Item, delta: int) -> Item:
    """The item `delta` lines further down: the same entry with every position moved."""
    if delta == 0:
        return item
    entry = item.entry
    moved = object.__new__(Entry)  # frozen: a copy of its fields with the positions replaced
    moved.__dict__.update(entry.__dict__)
    object.__setattr__(moved, "pos", _down(entry.pos, delta))  # its fields' places are relative to it
    if entry.attachments:
        object.__setattr__(moved, "attachments", tuple(
            type(a)(a.title, a.file, a.size, _down(a.pos, delta)) for a in entry.attachments))
    warnings = [(Problem(w.file, w.line + delta, w.col, w.path, w.message), rest) for w, rest in item.warnings]
    return Item(item.start + delta, moved, warnings)


def _down(pos: Pos, delta: int) -> Pos:
    return Pos(pos.file, pos.line + delta, pos.col)
