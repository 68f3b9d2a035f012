"""The full-text index at once (search/bulk.py) equals the index made an entry and a gram at a time."""

from __future__ import annotations

import random
from array import array
from collections import defaultdict

import pytest

from disclosure.search import bulk
from disclosure.search.fulltext import bucket_of
from disclosure.search.doc_ids import base36, digits
from disclosure.search.postings import _post, gram_codes, gram_of, normal

ALPHABET = "数据共享开放管理办法通知 规划aZ1９，。𠀀𠀁\t\n"  # CJK, spaces, ASCII, full-width, beyond the BMP


def texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [normal("".join(rng.choices(ALPHABET, k=rng.choice((0, 1, 2, 7, 60))))) for _ in range(count)]


@pytest.mark.parametrize("seed", range(5))
def test_code_array_is_gram_codes(seed: int):
    for text in texts(200, seed):
        assert bulk.code_array(text).tolist() == sorted(gram_codes(text))


def test_posting_in_chunks_gives_the_lists_posting_one_entry_at_a_time_does(monkeypatch):
    monkeypatch.setattr(bulk, "CHUNK_POSTINGS", 50)  # many chunks: a gram's list grows across them
    bodies = texts(300, 7)
    one_by_one: defaultdict[int, array] = defaultdict(lambda: array("I"))
    for number, text in enumerate(bodies):
        _post(one_by_one, gram_codes(text), number)
    at_once: list[dict[int, array]] = [{}, {}, {}]
    empty = bulk.code_array("")
    bulk.post(at_once, ((number, (empty, empty, bulk.code_array(text))) for number, text in enumerate(bodies)))
    assert at_once[2] == dict(one_by_one) and at_once[0] == at_once[1] == {}


def encode(numbers: array, doc_ids: array, digits: list[str]) -> str:
    """A list of entry numbers as the browser reads it: doc ids ascending, base-36 gaps from the one before."""
    ordered = sorted(doc_ids[number] for number in numbers)
    return ",".join(digits[now - before] for before, now in zip([0, *ordered], ordered))


def gram_by_gram(lists: list[dict[int, array]], doc_ids: array, digits: list[str], buckets: int) -> list[dict[int, str]]:
    """Each gram's line in its bucket, made one gram at a time as the browser reads it."""
    found: list[dict[int, str]] = [{} for _ in range(buckets)]
    for code in sorted(set().union(*lists)):
        gram = gram_of(code)
        found[bucket_of(gram, buckets)][code] = gram + "".join("\t" + encode(held.get(code, array("I")), doc_ids, digits) for held in lists) + "\n"
    return found


@pytest.mark.parametrize("ids", ["dense", "reordered", "spread"])
def test_lines_at_once_are_the_lines_gram_by_gram(ids: str):
    """Doc ids of any order, dense or with gaps (ids from index numbers leave unused ones)."""
    rng = random.Random(3)
    lists: list[dict[int, array]] = [defaultdict(lambda: array("I")) for _ in range(3)]
    for which, text_list in enumerate((texts(80, 1), texts(80, 2), texts(80, 3))):
        for number in rng.sample(range(80), 80):  # posted in any order: lines are ascending anyway
            _post(lists[which], gram_codes(text_list[number]), number)
    doc_ids = array("I", {"dense": range(80), "reordered": rng.sample(range(80), 80), "spread": rng.sample(range(400), 80)}[ids])
    digits = [base36(n) for n in range(400)]
    expected = gram_by_gram(lists, doc_ids, digits, 8)
    assert bulk.lines_at_once(bulk.pairs(lists), doc_ids, digits, lambda _: 8) == expected
    assert [list(lines) for lines in expected] == [sorted(lines) for lines in expected]


def test_buckets_are_those_the_browser_computes():
    grams = {gram_of(code) for text in texts(300, 11) for code in gram_codes(text)}
    codes = sorted(code for text in texts(300, 11) for code in gram_codes(text))
    for count in (1, 8, 4096):
        assert bulk.buckets_of(codes, count) == [bucket_of(gram_of(code), count) for code in codes]
    assert any(len(gram.encode("utf-16-le")) > 4 for gram in grams)  # grams beyond the BMP were among them


@pytest.mark.parametrize(("seed", "chunk"), [(0, bulk.CHUNK_POSTINGS), (1, 50), (2, 7)])
def test_lines_straight_from_the_texts_are_the_lines_of_postings(seed: int, chunk: int, monkeypatch):
    """A build that keeps no postings makes the lines from the entries' codes at once (its texts
    joined in chunks): per bucket, the lines of the postings made gram by gram;
    and the same again from the postings (the preview's layout of every line)."""
    monkeypatch.setattr(bulk, "CHUNK_POSTINGS", chunk)
    entries = [(number, tuple(bulk.code_array(text) for text in triple))
               for number, triple in enumerate(zip(texts(120, seed), texts(120, seed + 10), texts(120, seed + 20)))]
    rng = random.Random(seed)
    doc_ids = array("I", rng.sample(range(120), 120))
    lists: list[dict[int, array]] = [{}, {}, {}]
    bulk.post(lists, entries)
    counted: list[int] = []
    at_once = bulk.lines_at_once(bulk.gather(entries), doc_ids, digits(120), lambda total: counted.append(total) or 8)
    assert at_once == gram_by_gram(lists, doc_ids, digits(120), 8) and list(map(list, at_once)) == [sorted(lines) for lines in at_once]
    assert bulk.lines_at_once(bulk.pairs(lists), doc_ids, digits(120), lambda total: counted.append(total) or 8) == at_once
    assert counted == 2 * [sum(len(ids) for held in lists for ids in held.values())]
    with pytest.raises(ValueError):  # packed in 22 bits, an id of 2**22 would shift into the gram
        bulk.lines_at_once(bulk.gather(entries[:1]), array("I", [bulk.MAX_DOC_IDS]), digits(1), lambda total: 8)
