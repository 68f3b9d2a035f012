"""Which entries hold each gram of the full-text index, kept up to date instead of made again.

Every entry gets a number of its own when first posted, which no later change of the catalogue
moves; the browser's doc ids (`laid_out.doc_ids`) are mapped from it only when the index is laid
out. `sync` compares each entry's texts with those posted last time and redoes only the entries that
differ, came or went: a full build posts every entry once, and the preview, which keeps one
`Postings` for its whole session, posts after a save only the entries the save changed (an entry
added near the top shifts every position, but no number).
"""

from __future__ import annotations

import sys
from array import array
from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from operator import methodcaller
from typing import NamedTuple

import numpy as np

from ..catalogue.model import Entry
from . import bulk
from .fold import fold

HEAD, OTHER, BODY = range(3)  # the lists: 标题/文号/索引号, the rest of the metadata (where the head lacks the gram), body
_UTF32 = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"  # one character per native 32-bit word
_LOW = 0xFFFFFFFF
_SPACE = ord(" ")


def normal(text: str) -> str:
    """Folded, whitespace runs (and NUL, which would read as no character) as one space."""
    return " ".join(fold(text).replace("\0", " ").split())


def gram_codes(text: str) -> set[int]:
    """The grams of a `normal` text as integers, made in C loops (a body has thousands of pairs): a
    character is its code point, a pair its two code points in one 64-bit word, as that word reads
    the pair's UTF-32 bytes in native order. No gram holds a space."""
    data = text.encode(_UTF32, "surrogatepass")  # a lone surrogate is one word too (none should get here)
    found = set(array("I", data))
    found.update(array("Q", data[:len(text) // 2 * 8]))  # pairs from even positions
    found.update(array("Q", data[4:4 + (len(text) - 1) // 2 * 8]))  # and from odd ones
    if " " in text:
        runs = text.split(" ")
        found.discard(_SPACE)
        found.difference_update(_pair(ord(before[-1]), _SPACE) for before in runs[:-1] if before)
        found.difference_update(_pair(_SPACE, ord(after[0])) for after in runs[1:] if after)
    return found


def _pair(first: int, second: int) -> int:
    return first | second << 32 if _UTF32 == "utf-32-le" else first << 32 | second


def gram_of(code: int) -> str:
    """The gram `gram_codes` made `code` of (no code point is 0, so a pair's words are both set)."""
    if code <= _LOW:
        return chr(code)
    low, high = chr(code & _LOW), chr(code >> 32)
    return low + high if _UTF32 == "utf-32-le" else high + low


def entry_text(entry: Entry) -> tuple[str, str]:
    """(head, other metadata): the fields ranked first (title, 文号, 索引号) and the rest (主题词, 内容概述, 发布机构)."""
    return "\n".join((entry.title, entry.doc_number or "", entry.index)), \
        "\n".join((" ".join(entry.keywords), entry.summary or "", entry.publisher))


class Postings:
    """The three lists of entry numbers per gram code, and what was posted for each entry."""

    def __init__(self) -> None:
        self.lists: tuple[defaultdict[int, array], ...] = tuple(defaultdict(_numbers) for _ in range(3))  # HEAD, OTHER, BODY: gram code → entry numbers
        self.numbers: dict[str, int] = {}  # index number → the entry's number
        self.posted: dict[str, tuple[str, str, str]] = {}  # index number → (head, other, body) texts posted

    def sync(self, entries: Sequence[Entry], bodies: dict[str, str], moves: list[Move] | None = None) -> None:
        """Post `entries` with their body texts (by index number); unpost what is gone. An entry whose
        texts changed moves only between the lists of the grams it gained or lost; each such move is
        added to `moves`, when given. The first sync posts every entry at once (`bulk`)."""
        if not self.posted and moves is None:
            bulk.post(self.lists, self.numbered(entries, bodies))
            return
        wanted: dict[str, tuple[str, str, str]] = {}
        for entry in entries:
            texts = (*entry_text(entry), bodies.get(entry.index, ""))
            if self.posted.get(entry.index) != texts:
                wanted[entry.index] = texts
        nothing: tuple[set[int], ...] = (set(), set(), set())
        for index in self.posted.keys() - {entry.index for entry in entries}:
            self._move(self.numbers[index], _codes(self.posted.pop(index)), nothing, moves)
        for index, texts in wanted.items():
            number = self.numbers.setdefault(index, len(self.numbers))
            before = _codes(self.posted[index]) if index in self.posted else nothing
            self._move(number, before, _codes(texts), moves)
            self.posted[index] = texts

    def numbered(self, entries: Sequence[Entry], bodies: dict[str, str]) -> Iterable[tuple[int, tuple[np.ndarray, ...]]]:
        """(number, codes per list) of each entry not yet posted, numbered and recorded as posted (to
        be posted by the caller: `bulk.post`, or `bulk.lines_at_once` for a build that keeps none)."""
        for entry in entries:
            if entry.index in self.posted:
                continue
            texts = self.posted[entry.index] = (*entry_text(entry), bodies.get(entry.index, ""))
            head, other, _ = _codes((texts[HEAD], texts[OTHER], ""))  # short texts: sets are quicker than arrays
            yield self.numbers.setdefault(entry.index, len(self.numbers)), \
                (np.fromiter(head, np.uint64, len(head)), np.fromiter(other, np.uint64, len(other)), bulk.code_array(texts[BODY]))

    def _move(self, number: int, before: tuple[set[int], ...], after: tuple[set[int], ...], moves: list[Move] | None) -> None:
        """Take entry `number` from the lists of the codes it lost, put it into those of the codes it gained."""
        for which, (held, had, has) in enumerate(zip(self.lists, before, after)):
            lost, gained = (had - has, has - had) if had else (set(), has)
            for code in lost:
                held[code].remove(number)
                if not held[code]:
                    del held[code]
            _post(held, gained, number)
            if moves is not None and (lost or gained):
                moves.append(Move(which, number, lost, gained))

    def codes_of(self, numbers: set[int]) -> set[int]:
        """Every gram code the entries with these numbers are posted under."""
        found: set[int] = set()
        for index, number in self.numbers.items():
            if number in numbers and index in self.posted:
                found.update(*_codes(self.posted[index]))
        return found


class Move(NamedTuple):
    """Entry `number` left the list `which` (HEAD, OTHER, BODY) of the codes `lost` and joined that of `gained`."""

    which: int
    number: int
    lost: set[int]
    gained: set[int]


def _codes(texts: tuple[str, str, str]) -> tuple[set[int], set[int], set[int]]:
    head = gram_codes(normal(texts[HEAD]))
    return head, gram_codes(normal(texts[OTHER])) - head, gram_codes(texts[BODY])


def _post(held: defaultdict[int, array], codes: Iterable[int], number: int) -> None:
    """Append `number` to the list of every gram, without a Python-level loop (millions of postings)."""
    deque(map(methodcaller("append", number), map(held.__getitem__, codes)), maxlen=0)


def _numbers() -> array:
    return array("I")
