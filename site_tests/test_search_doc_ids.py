"""Doc ids of the full-text index (plugins/disclosure/search/doc_ids.py)."""

from __future__ import annotations

import random

from disclosure.search import doc_ids
from disclosure.search.doc_ids import of_indexes, order_file

CODE = "11440100MB2C00000X"


def indexes(*pairs: tuple[int, int]) -> list[str]:
    return [f"{CODE}/{year}-{seq:05d}" for year, seq in pairs]


def test_ids_come_from_year_and_sequence():
    """The first year's sequences as they are; each later year after the powers of two above the
    largest sequences of the years before (2020: 2 → 4, 2021: 3 → 4; 2023 after 2022's 5 → 8)."""
    assert of_indexes(indexes((2021, 3), (2020, 1), (2022, 5), (2020, 2), (2023, 1))) == [4 + 3, 1, 8 + 5, 2, 16 + 1]
    assert of_indexes([]) == []


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
