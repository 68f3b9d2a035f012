"""The full-text index in numpy: a full build posts every entry's grams at once, and lines are laid out
a set of grams at a time (all of them in a full build, those a save changed in the preview).

`Postings.sync` posts a few entries at a time, which is what the preview needs after a save. Done
per gram in Python, a first build's cost grows with the number of distinct grams, and real Chinese
text has hundreds of thousands of them (a bigram vocabulary, unlike a benchmark's few thousand):
10k entries of such text took 10 s to post and 13 s to lay out that way. Here the same postings and
lines come from sorts over arrays of all (gram, entry) pairs; the tests compare both ways on the
same texts."""

from __future__ import annotations

import sys
from array import array
from collections.abc import Collection, Iterable, Sequence

import numpy as np

_SPACE = ord(" ")
_LITTLE = sys.byteorder == "little"
CHUNK_POSTINGS = 8_000_000  # (gram, entry) pairs sorted at once: about 200 MB of arrays


def code_array(text: str) -> np.ndarray:
    """`postings.gram_codes(text)`, sorted, as a uint64 array: code points, and pairs of them in one
    64-bit word as their UTF-32 bytes read in native order; no gram holds a space."""
    chars = np.frombuffer(text.encode("utf-32-le" if _LITTLE else "utf-32-be", "surrogatepass"), dtype=np.uint32)
    wide = chars.astype(np.uint64)
    first, second = wide[:-1], wide[1:]
    pairs = first | second << np.uint64(32) if _LITTLE else first << np.uint64(32) | second
    spaced = (chars[:-1] != _SPACE) & (chars[1:] != _SPACE)
    codes = np.concatenate((wide[chars != _SPACE], pairs[spaced]))
    codes.sort()  # then unique: faster than np.unique's hashing for arrays of a text's size
    return codes[_run_starts(codes)] if len(codes) else codes


def _run_starts(ordered: np.ndarray) -> np.ndarray:
    """Where each run of equal values in sorted `ordered` starts, as a mask."""
    return np.concatenate(([True], ordered[1:] != ordered[:-1]))


def post(lists: Sequence[dict[int, array]], numbered: Iterable[tuple[int, Sequence[np.ndarray]]]) -> None:
    """Append each entry's number to the lists of its codes: `numbered` gives (number, codes per list).
    Within a gram, numbers keep the order `numbered` gives them in."""
    pending: list[list[tuple[int, np.ndarray]]] = [[] for _ in lists]
    size = 0
    for number, codes_per_list in numbered:
        for waiting, codes in zip(pending, codes_per_list):
            if len(codes):
                waiting.append((number, codes))
                size += len(codes)
        if size >= CHUNK_POSTINGS:
            _flush(lists, pending)
            size = 0
    _flush(lists, pending)


def _flush(lists: Sequence[dict[int, array]], pending: list[list[tuple[int, np.ndarray]]]) -> None:
    for held, waiting in zip(lists, pending):
        if not waiting:
            continue
        codes = np.concatenate([codes for _, codes in waiting])
        numbers = np.repeat(np.array([number for number, _ in waiting], dtype=np.uint32), [len(c) for _, c in waiting])
        order = np.argsort(codes, kind="stable")
        for code, part in _groups(codes[order], numbers[order]):
            found = held.get(code)
            if found is None:
                held[code] = array("I", part)
            else:
                found.frombytes(part)
        waiting.clear()


def _groups(codes: np.ndarray, values: np.ndarray) -> Iterable[tuple[int, bytes]]:
    """(code, bytes of its values) for each run of equal codes in sorted `codes`."""
    starts = np.flatnonzero(_run_starts(codes))
    ends = np.append(starts[1:], len(codes)).tolist()
    raw = values.tobytes()
    width = values.itemsize
    return ((code, raw[width * start:width * end]) for code, start, end in zip(codes[starts].tolist(), starts.tolist(), ends))


def lay_out(lists: Sequence[dict[int, array]], doc_ids: array, digits: list[str]) -> dict[int, str]:
    """The line of every gram the lists hold: each list's doc ids (`doc_ids[number]`), ascending, as
    base-36 gaps (`digits[n]` is n in base 36) joined by commas, the three lists joined by tabs."""
    encoded = [_encode_list({code: ids for code, ids in held.items() if ids}, doc_ids, digits) for held in lists]
    codes = encoded[0].keys() | encoded[1].keys() | encoded[2].keys()
    return {code: f"{encoded[0].get(code, '')}\t{encoded[1].get(code, '')}\t{encoded[2].get(code, '')}" for code in codes}


def _encode_list(held: dict[int, array], doc_ids: array, digits: list[str]) -> dict[int, str]:
    if not held:
        return {}
    codes = np.fromiter(held.keys(), dtype=np.uint64, count=len(held))
    lengths = np.fromiter(map(len, held.values()), dtype=np.int64, count=len(held))
    ids = np.frombuffer(b"".join(map(array.tobytes, held.values())), dtype=np.uint32)
    ids = np.frombuffer(doc_ids, dtype=np.uint32)[ids]
    gram = np.repeat(np.arange(len(held), dtype=np.uint64), lengths)
    ids = np.sort(gram << np.uint64(32) | ids.astype(np.uint64)).astype(np.uint32)  # ascending within each gram
    ends = np.cumsum(lengths)
    starts = ends - lengths
    gaps = np.diff(ids, prepend=np.uint32(0))
    gaps[starts] = ids[starts]
    words = np.array(digits, dtype=object)[gaps].tolist()
    join = ",".join
    return {code: join(words[start:end]) for code, start, end in zip(codes.tolist(), starts.tolist(), ends.tolist())}


def buckets_of(codes: Collection[int], buckets: int) -> list[int]:
    """`fulltext.bucket_of` of each code's gram: FNV-1a over its UTF-16 code units."""
    values = np.fromiter(codes, dtype=np.uint64, count=len(codes))
    low, high = values & np.uint64(0xFFFFFFFF), values >> np.uint64(32)
    first, second = (low, high) if _LITTLE else (np.where(high > 0, high, low), np.where(high > 0, low, high))
    hashed = np.full(len(values), 0x811C9DC5, dtype=np.uint64)
    for char in (first, second):  # second is 0 for a one-character gram: no units
        astral = char > 0xFFFF
        beyond = char - np.uint64(0x10000)  # wraps around where not astral: unused there
        hashed = _fnv(hashed, np.where(astral, np.uint64(0xD800) + (beyond >> np.uint64(10)), char), char > 0)
        hashed = _fnv(hashed, np.uint64(0xDC00) + (beyond & np.uint64(0x3FF)), astral)
    return (hashed % np.uint64(buckets)).astype(np.int64).tolist()


def _fnv(hashed: np.ndarray, unit: np.ndarray, where: np.ndarray) -> np.ndarray:
    """One FNV-1a step with the UTF-16 code unit `unit`, where `where` holds."""
    return np.where(where, ((hashed ^ unit) * np.uint64(0x01000193)) & np.uint64(0xFFFFFFFF), hashed)
