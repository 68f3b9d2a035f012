"""Folding shared by both searches: what a visitor types and what the site holds meet in one form.

Full-width ASCII → half-width, the ideographic space → " ", bracket variants of 文号 → "[" / "]",
upper → lower case. Every character maps to exactly one character, so positions in folded text are
positions in the original (highlighting relies on it). assets/disclosure/fold.js carries the same
table for the browser; the browser tests check that both agree on every character they fold.
"""

from __future__ import annotations

import re

OPENING = "(〔【〖〘﹝"
CLOSING = ")〕】〗〙﹞"


def _table() -> dict[int, str]:
    table = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
    table[0x3000] = " "
    for ch in OPENING:
        table[ord(ch)] = "["
    for ch in CLOSING:
        table[ord(ch)] = "]"
    for code in (0xFF08, 0xFF09, 0xFF3B, 0xFF3D):  # （ ） ［ ］ after their half-width step
        table[code] = "[" if chr(code - 0xFEE0) in "([" else "]"
    table.update({ord("["): "[", ord("]"): "]"})
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code + 32)
    for code in range(0xFF21, 0xFF3B):  # Ａ-Ｚ straight to a-z
        table[code] = chr(code - 0xFEE0 + 32)
    return table


TABLE = _table()
assert all(TABLE.get(ord(to), to) == to for to in TABLE.values())  # what a character folds to folds no further
_FOLDED = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(TABLE)) + "]")
_folded = TABLE.__getitem__


def fold(text: str) -> str:
    """`text.translate(TABLE)`, 8× as fast on Chinese text: `translate` looks up every character in
    the table, where this finds each character that folds (a few kinds of full-width punctuation,
    hundreds of times in a long body) once, in C, and replaces all of its kind at once. Nothing a
    character folds to folds further, so replacing kind after kind is folding once."""
    search, at = _FOLDED.search, 0
    while (found := search(text, at)) is not None:
        character = found.group()
        text = text.replace(character, _folded(ord(character)))
        at = found.end()  # one character for one: offsets stay
    return text
