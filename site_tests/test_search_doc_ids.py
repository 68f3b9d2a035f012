"""Doc ids of the full-text index (plugins/disclosure/search/doc_ids.py)."""

from __future__ import annotations

import random

from disclosure.search import doc_ids
from disclosure.search.doc_ids import of_indexes, order_file

CODE = "11440100MB2C00000X"


def indexes(*pairs: tuple[int, int]) -> list[str]:
    return [f"{CODE}/{year}-{seq:05d}" for year, seq in pairs]


def test_ids_come_from_year_and_sequence():
    """Each year's sequences in the smallest aligned block of a power of two that holds them (2020's 1
    and 2: 0–3; 2021's 3 alone: 3–3), the years' blocks one after another."""
    assert of_indexes(indexes((2021, 3), (2020, 1), (2022, 5), (2020, 2), (2023, 1))) == [4, 1, 5, 2, 6]
    assert of_indexes(indexes((2020, 1), (2020, 400), (2021, 7))) == [1, 400, 512]
    assert of_indexes([]) == []


def test_sequences_that_run_on_across_years_are_not_ranked():
    """9,600–10,000 sit in 9,216–10,239 (1,024 ids), not in 0–16,383: few unused ids, so no ranks, and
    an entry removed or added (even the year's first) moves no other."""
    catalogue = indexes(*((2020, seq) for seq in range(9600, 10001)), *((2021, seq) for seq in range(10001, 10200)))
    ids = of_indexes(catalogue)
    assert ids[:2] == [9600 - 9216, 9601 - 9216] and ids[401] == 1024 + 10001 - 9984  # 2021: 9,984–10,239
    before = dict(zip(catalogue, ids))
    for changed in (catalogue[1:], catalogue[:200] + catalogue[201:], catalogue + indexes((2021, 10200))):
        assert all(before.get(index, id) == id for index, id in zip(changed, of_indexes(changed)))


def test_no_save_changes_another_entrys_id():
    """Entries added (the next sequence, one past the newest year's power of two, a new year), removed
    (in the middle, the first) or dated anew leave every other id as it was: only these lines are laid
    out again."""
    rng = random.Random(1)
    catalogue = indexes(*((year, seq) for year in (2019, 2020, 2021) for seq in range(1, 200)))
    before = dict(zip(catalogue, of_indexes(catalogue)))
    for changed in (catalogue + indexes((2021, 200), (2021, 256), (2022, 1)), catalogue[:50] + catalogue[51:], catalogue[1:],
                    rng.sample(catalogue, len(catalogue))):
        assert all(before.get(index, id) == id for index, id in zip(changed, of_indexes(changed)))


def test_ids_rank_index_numbers_where_they_cannot_come_from_them():
    """Too spread out (more than SPREAD ids an entry beyond SLACK), two agency codes, another form, or two
    numbers of one sequence: ranks by code, year, sequence as a number."""
    spread = indexes((2000, 1), (2021, 5000))
    assert of_indexes(spread) == [0, 1]
    assert of_indexes(indexes((2021, 10), (2021, 9)) + ["AAA/2020-00001"]) == [1, 0, 2]  # "1…" before "A…"
    assert of_indexes(["甲", "乙", f"{CODE}/2021-1"]) == [1, 0, 2]  # another form first, by its text (乙 U+4E59)
    assert of_indexes([f"{CODE}/2021-01", f"{CODE}/2021-1"]) == [0, 1]
    assert max(of_indexes(indexes(*((2000 + n, 1) for n in range(20))))) < doc_ids.SPREAD * 20 + doc_ids.SLACK


def test_order_file_lists_ids_newest_first_as_steps():
    assert order_file([11, 10, 9, 30, 0]) == b"b,-1,-1,l,-u"
    assert order_file([]) == b""
