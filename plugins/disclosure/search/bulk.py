"""The full-text index in numpy: a full build posts every entry's grams at once, and lines are laid out
a set of grams at a time (all of them in a full build, those a save changed in the preview).

`Postings.sync` posts a few entries at a time, which is what the preview needs after a save. Done
per gram in Python, a first build's cost grows with the number of distinct grams, and real Chinese
text has hundreds of thousands of them (a bigram vocabulary, unlike a benchmark's few thousand):
10k entries of such text took 10 s to post and 13 s to lay out that way. Here the same postings and
lines come from sorts over arrays of (gram, entry) pairs (`lines_at_once`): of each entry's codes in
a build without the preview, which keeps no postings, or of the postings the preview keeps, all of
them or those of the grams a save changed. The tests compare every way on the same texts."""

from __future__ import annotations

import sys
from array import array
from collections.abc import Callable, Collection, Iterable, Sequence

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


def lines_at_once(gathered: Sequence[tuple[np.ndarray, np.ndarray]], doc_ids: array, digits: list[str],
                  bucket_count: Callable[[int], int]) -> list[dict[int, str]]:
    """Every gram's line ("gram\\thead ids\\tother ids\\tbody ids\\n": each list's doc ids, `doc_ids[number]`,
    ascending as base-36 gaps, `digits[n]` n in base 36, joined by commas) per bucket, from arrays of every
    posting's (code, entry number) per list: `gather` makes them of each entry's codes for a build that
    keeps no postings (no list per gram is made), `pairs` of kept postings (all, or those of the grams a
    save changed). `bucket_count(postings)` gives the number of buckets. Doc ids below MAX_DOC_IDS."""
    ids = np.frombuffer(doc_ids, dtype=np.uint32)
    if len(ids) and int(ids.max()) >= MAX_DOC_IDS:
        raise ValueError(f"doc ids of {MAX_DOC_IDS} and more do not fit")
    encoded = [_encode_at_once(codes, ids[numbers], digits) for codes, numbers in gathered]
    every = _union([codes for codes, _ in encoded])
    columns = []
    for codes, texts in encoded:
        column = np.full(len(every), "", dtype=object)
        column[np.searchsorted(every, codes)] = texts
        columns.append(column)
    lines = _grams(every) + "\t" + columns[0] + "\t" + columns[1] + "\t" + columns[2] + "\n"
    buckets = bucket_count(sum(len(codes) for codes, _ in gathered))
    bucket = np.array(buckets_of(every, buckets), dtype=np.int64)
    order = np.argsort(bucket, kind="stable")  # codes stay ascending within a bucket
    bounds = np.searchsorted(bucket[order], np.arange(buckets + 1)).tolist()
    codes_in_order, lines_in_order = every[order].tolist(), lines[order].tolist()
    return [dict(zip(codes_in_order[start:end], lines_in_order[start:end])) for start, end in zip(bounds, bounds[1:])]


def pairs(lists: Sequence[dict[int, array]]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per list, (codes, numbers) of all its postings."""
    found = []
    for held in lists:
        codes = np.fromiter(held.keys(), dtype=np.uint64, count=len(held))
        lengths = np.fromiter(map(len, held.values()), dtype=np.int64, count=len(held))
        found.append((np.repeat(codes, lengths), np.frombuffer(b"".join(map(array.tobytes, held.values())), dtype=np.uint32)))
    return found


def gather(numbered: Iterable[tuple[int, Sequence[np.ndarray]]]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per list, (codes, numbers) of all the postings of `numbered` ((number, codes per list) each)."""
    parts: list[tuple[list[np.ndarray], list[int], list[int]]] = [([], [], []) for _ in range(3)]
    for number, codes_per_list in numbered:
        for (codes, numbers, counts), found in zip(parts, codes_per_list):
            codes.append(found)
            numbers.append(number)
            counts.append(len(found))
    return [(np.concatenate(codes) if codes else np.empty(0, np.uint64), np.repeat(np.array(numbers, np.uint32), counts))
            for codes, numbers, counts in parts]


_HALF, _CHAR = np.uint64(32), np.uint64(21)  # a code's two words; a code point's bits
_CHAR_MASK = np.uint64((1 << 21) - 1)
_ID_BITS = np.uint64(22)
MAX_DOC_IDS = 1 << 22  # `lines_at_once` packs doc ids in _ID_BITS bits
_ID_MASK = np.uint64(MAX_DOC_IDS - 1)


def _encode_at_once(codes: np.ndarray, ids: np.ndarray, digits: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(distinct codes ascending, each one's ids ascending as base-36 gaps joined by commas). One sort
    of keys that pack a code's two code points (21 bits each) above the id; the texts of a chunk of
    codes come from one join, cut where each code's first id starts. Arrays are freed as they are
    used: a wide vocabulary makes ten million postings at 10k entries."""
    keys = codes >> _HALF  # then in place: each step of an expression would allocate another array this long
    keys <<= _CHAR
    keys |= codes & np.uint64(0xFFFFFFFF)
    keys <<= _ID_BITS
    keys |= ids
    keys.sort()
    packed = keys >> _ID_BITS
    starts = _run_starts(packed) if len(keys) else np.empty(0, dtype=bool)
    distinct = packed[starts]
    del packed
    keys &= _ID_MASK  # the ids
    gaps = np.diff(keys, prepend=np.uint64(0))  # wraps around between codes: replaced there
    gaps[starts] = keys[starts]
    del keys
    gaps[~starts] += np.uint64(len(digits))  # "," + digits, after "\n" + digits in the table
    table = np.array(["\n" + digit for digit in digits] + ["," + digit for digit in digits], dtype=object)
    firsts = np.flatnonzero(starts)
    chunks = np.unique(np.searchsorted(firsts, np.arange(0, len(gaps), CHUNK_POSTINGS // 2)))
    bounds = [*firsts[chunks[chunks < len(firsts)]].tolist(), len(gaps)]  # each at a code's first id
    texts: list[str] = []
    for start, end in zip(bounds, bounds[1:]):
        texts += "".join(table[gaps[start:end]].tolist()).split("\n")[1:]
    return distinct & _CHAR_MASK | (distinct >> _CHAR) << _HALF, np.fromiter(texts, dtype=object, count=len(texts))


def _union(ascending: list[np.ndarray]) -> np.ndarray:
    """The distinct values of arrays that each hold distinct values in ascending order, ascending: a
    stable sort (timsort) merges their runs in linear time, where np.unique sorts them all again."""
    merged = np.concatenate(ascending)
    merged.sort(kind="stable")
    return merged[_run_starts(merged)] if len(merged) else merged


def _grams(codes: np.ndarray) -> np.ndarray:
    """Each code's gram (`postings.gram_of`), as an object array of strings."""
    first, second = _code_points(codes)
    points = np.unique(np.concatenate((first, second)))
    text = np.array([chr(point) if point else "" for point in points.tolist()], dtype=object)
    return text[np.searchsorted(points, first)] + text[np.searchsorted(points, second)]


def _code_points(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The first and second code point of each code's gram (0: a one-character gram has none)."""
    low, high = codes & np.uint64(0xFFFFFFFF), codes >> _HALF
    return (low, high) if _LITTLE else (np.where(high > 0, high, low), np.where(high > 0, low, high))


def buckets_of(codes: Collection[int] | np.ndarray, buckets: int) -> list[int]:
    """`fulltext.bucket_of` of each code's gram: FNV-1a over its UTF-16 code units."""
    first, second = _code_points(codes if isinstance(codes, np.ndarray) else np.fromiter(codes, dtype=np.uint64, count=len(codes)))
    hashed = np.full(len(first), 0x811C9DC5, dtype=np.uint64)
    for char in (first, second):  # second is 0 for a one-character gram: no units
        astral = char > 0xFFFF
        beyond = char - np.uint64(0x10000)  # wraps around where not astral: unused there
        hashed = _fnv(hashed, np.where(astral, np.uint64(0xD800) + (beyond >> np.uint64(10)), char), char > 0)
        hashed = _fnv(hashed, np.uint64(0xDC00) + (beyond & np.uint64(0x3FF)), astral)
    return (hashed % np.uint64(buckets)).astype(np.int64).tolist()


def _fnv(hashed: np.ndarray, unit: np.ndarray, where: np.ndarray) -> np.ndarray:
    """One FNV-1a step with the UTF-16 code unit `unit`, where `where` holds."""
    return np.where(where, ((hashed ^ unit) * np.uint64(0x01000193)) & np.uint64(0xFFFFFFFF), hashed)
