"""The full-text index kept between the preview's saves (plugins/disclosure/search/laid_out.py and
postings.py): what a save lays out again, and that it always writes a fresh index's files."""

from __future__ import annotations

import copy
import dataclasses
import datetime
import random
from pathlib import Path

import numpy as np
import pytest

from disclosure.search import FullTextIndex, fulltext
from disclosure.search.doc_ids import of_indexes
from disclosure.search.postings import entry_text, gram_codes, normal

from test_search_fulltext import postings_in
from test_search_shards import entry, make_catalogue


def test_kept_postings_lay_out_what_a_fresh_index_does(tmp_path: Path):
    """The preview keeps the postings between saves and posts only what a save changed: the layout
    must be the one a full build makes, for a changed body, a changed title, an entry moved by its
    new date, a new entry near the top (every position shifts) and an entry gone."""
    entries = [entry(2021, n) for n in range(1, 7)]
    kept = FullTextIndex(make_catalogue(entries).entries)
    for n, item in enumerate(kept.entries):
        kept.add(item, f"第{n}条正文 数据共享")
    kept.files("gkml/", "gkml/{slug}/")
    body, title, moved, gone = (kept.entries[n] for n in (1, 2, 3, 4))
    after = make_catalogue([e for e in entries if e not in (title, moved, gone)] + [
        entry(2030, 9), dataclasses.replace(title, title="改过的标题"), dataclasses.replace(moved, date=datetime.date(2020, 1, 1))])
    updated = kept.for_entries(after.entries, {body.index})
    updated.add(body, "改过的正文 开放平台")
    fresh = FullTextIndex(after.entries)
    fresh.texts = dict(updated.texts)
    assert updated.postings is kept.postings and set(updated.texts) == {e.index for e in entries} - {gone.index}
    assert updated.files("gkml/", "gkml/{slug}/") == fresh.files("gkml/", "gkml/{slug}/")
    assert postings_of(updated, "开放") == [[], [], [after.entries.index(body)]]
    retitled = next(at for at, e in enumerate(after.entries) if e.index == title.index)
    assert postings_of(updated, "改过") == [[retitled], [], [after.entries.index(body)]]


def test_a_save_lays_out_again_only_the_lines_of_grams_it_changed(monkeypatch):
    """Lines laid out again after a save: those of the grams an entry gained or lost, came or went
    with, and all of an entry's whose doc id changed (ids come from index numbers: no entry added,
    removed or dated anew changes another's). An entry added, one removed and one moved near the top,
    one added with an older body edited, the oldest two swapped, the oldest moved to the top, the
    oldest removed: each lays out only those lines (the date moves none). An entry of a year before
    the first renumbers every entry, and then every line is laid out. Each time the files are a fresh
    index's."""
    from disclosure.search import bulk, laid_out as laying_out
    monkeypatch.setattr(laying_out, "STALE_SHARE", 1)  # in part however many of these few grams change
    entries = [entry(2021, n, date=datetime.date(2021, 1, 1) + datetime.timedelta(days=n)) for n in range(1, 41)]
    index = FullTextIndex(make_catalogue(entries).entries)
    for n, item in enumerate(index.entries):
        index.add(item, f"第{n % 7}条正文 数据共享")
    index.files("gkml/", "gkml/{slug}/")
    laid_out: list[set[int]] = []  # the grams of each layout, in part or whole
    at_once = bulk.lines_at_once
    monkeypatch.setattr(bulk, "lines_at_once", lambda pairs, *args: laid_out.append(
        set(np.concatenate([codes for codes, _ in pairs]).tolist())) or at_once(pairs, *args))
    newest, third, older, oldest = index.entries[0], index.entries[2], index.entries[30], index.entries[-1]
    added, later, earliest = entry(2022, 1, title="新增的条目"), entry(2022, 2, title="再增的条目"), entry(2020, 1, title="补录的条目")
    saves = (  # (the new entries from the current ones, entries with a new body text)
        (lambda entries: [added, *entries], {added: "新条目的正文"}),
        (lambda entries: [e for e in entries if e != third], {}),
        (lambda entries: [dataclasses.replace(e, date=third.date) if e == newest else e for e in entries], {}),
        (lambda entries: [later, *entries], {later: "再增的正文", older: "改过的正文 开放"}),
        (lambda entries: [dataclasses.replace(e, date=datetime.date(2020, 1, 1)) if e == index.entries[-2] else e for e in entries], {}),
        (lambda entries: [dataclasses.replace(e, date=datetime.date(2031, 1, 1)) if e == oldest else e for e in entries], {}),
        (lambda entries: [e for e in entries if e.index != oldest.index], {}),
        (lambda entries: [*entries, earliest], {}),
    )
    dated = (saves[2][0], saves[4][0], saves[5][0])
    for save, bodies in saves:
        catalogue = make_catalogue(save(index.entries))
        updated = index.for_entries(catalogue.entries, {e.index for e in bodies})
        for item, text in bodies.items():
            updated.add(item, text)
        fresh = FullTextIndex(catalogue.entries)
        fresh.texts = dict(updated.texts)
        laid_out.clear()
        files, laid_out_now = updated.files("gkml/", "gkml/{slug}/"), list(laid_out)
        assert files == fresh.files("gkml/", "gkml/{slug}/")
        laid_out[:] = laid_out_now
        held = set().union(*updated.postings.lists)
        renumbered = _renumbered(index.entries, updated.entries)
        if save is saves[-1][0]:
            assert len(renumbered) == len(index.entries) and laid_out == [held]
        elif save in dated:
            assert not renumbered and set().union(*laid_out) == set()
        else:
            assert len(renumbered) < 4 and laid_out == [held & _changed_codes(index, updated, renumbered)]
            assert 0 < len(laid_out[0]) < len(held)
        index = updated


def _renumbered(before: list, after: list) -> set[str]:
    """Index numbers of the entries whose doc id differs."""
    def ids(entries: list) -> dict[str, int]:
        return dict(zip((e.index for e in entries), of_indexes([e.index for e in entries])))
    old = ids(before)
    return {index for index, id in ids(after).items() if old.get(index, id) != id}


def _changed_codes(before: FullTextIndex, after: FullTextIndex, renumbered: set[str]) -> set[int]:
    """The grams of the entries that came, went or were renumbered; those a body gained or lost."""
    def codes(index: FullTextIndex, key: str) -> tuple[set[int], set[int]]:
        item = next(e for e in index.entries if e.index == key)
        return set().union(*map(gram_codes, map(normal, entry_text(item)))), gram_codes(index.texts.get(key, ""))
    old, new = {e.index for e in before.entries}, {e.index for e in after.entries}
    found: set[int] = set()
    for key in old ^ new | renumbered:
        found |= set().union(*codes(before if key in old - new else after, key))
    for key in old & new:
        found |= codes(before, key)[1] ^ codes(after, key)[1]
    return found


def postings_of(index: FullTextIndex, gram: str) -> list[list[int]]:
    return postings_in(index.files("gkml/", "gkml/{slug}/"), gram)


def test_a_build_without_the_preview_writes_the_index_the_preview_would():
    """`once` (a build that keeps no postings) makes the lines straight from the texts: same files; laid
    out again, the index posts its texts."""
    rng = random.Random(5)
    words = ["数据共享", "行政许可", "开放平台", "通知", "𠀀字", "2021", "ab"]
    catalogue = make_catalogue([entry(2000 + n % 20, n, title=rng.choice(words) + "的通知", summary=rng.choice(words))
                                for n in range(1, 60)])
    kept, once = FullTextIndex(catalogue.entries), FullTextIndex(catalogue.entries)
    for item in catalogue.entries:
        text = " ".join(rng.choices(words, k=rng.randint(0, 12)))
        kept.add(item, text)
        once.add(item, text)
    assert once.files("gkml/", "gkml/{slug}/", once=True) == kept.files("gkml/", "gkml/{slug}/")
    assert once.postings.lists == ({}, {}, {}) and kept.postings.lists[2]  # no postings made
    assert once.files("gkml/", "gkml/{slug}/") == kept.files("gkml/", "gkml/{slug}/")  # laid out again: posted now
    assert once.postings.lists[2]


WORDS = ["数据共享", "行政许可", "开放平台", "通知", "𠀀字", "2021", "ab", "公告", "许可", "的"]


@pytest.mark.parametrize("seed", range(6))
def test_random_saves_lay_out_what_a_fresh_index_does(seed: int, monkeypatch):
    """Saves as the preview makes them, at random: entries added, removed, re-added under their old
    index number, moved by date, retitled, with bodies edited or dropped, several at once; few or many
    buckets, doc ids from index numbers or ranked, renumbering laid out in part or whole. After each, the index the server keeps (copied,
    as the forked job gets it, then laid out again in the server) writes a fresh index's files."""
    from disclosure.search import laid_out
    rng = random.Random(seed)
    monkeypatch.setattr(fulltext, "POSTINGS_PER_BUCKET", rng.choice([5, 40, 40_000]))  # bucket counts change
    monkeypatch.setattr(laid_out, "RENUMBERED_SHARE", rng.choice([1, 8, 1000]))
    monkeypatch.setattr(laid_out, "STALE_SHARE", rng.choice([1, 4]))
    words = lambda most: " ".join(rng.choices(WORDS, k=rng.randint(0, most)))  # noqa: E731
    years = 2 if seed % 2 else 30  # doc ids from index numbers, or (too spread) their ranks
    made = [entry(2000 + n % years, n, title=words(3) + "的通知", date=datetime.date(2000, 1, 1) + datetime.timedelta(days=rng.randint(0, 400)))
            for n in range(1, 80)]
    bodies = {item.index: words(8) for item in made}
    index = FullTextIndex(make_catalogue(made[:rng.randint(0, 12)]).entries)
    for item in index.entries:
        index.add(item, bodies[item.index])
    index.files("gkml/", "gkml/{slug}/")
    for _ in range(25):
        current, changed = {item.index: item for item in index.entries}, set()
        for _ in range(rng.choice([1, 1, 3])):
            item = rng.choice(made)
            kind = rng.choice(["toggle", "date", "title", "body", "no body"]) if item.index in current else "toggle"
            if kind == "toggle" and current.pop(item.index, None) is None:
                current[item.index] = item
            elif kind in ("date", "title"):
                current[item.index] = dataclasses.replace(current[item.index], **(
                    {"date": datetime.date(2000, 1, 1) + datetime.timedelta(days=rng.randint(0, 400))} if kind == "date" else {"title": words(3) or "无"}))
            else:
                bodies[item.index] = words(8) if kind == "body" else ""
            changed.add(item.index)
        entries = make_catalogue(list(current.values())).entries
        updated = index.for_entries(entries, changed)
        for item in entries:
            if item.index in changed:
                updated.add(item, bodies[item.index])
        updated.sync()  # the server, before it forks the search-data job
        fresh = FullTextIndex(entries)
        fresh.texts = dict(updated.texts)
        expected = fresh.files("gkml/", "gkml/{slug}/")
        assert copy.deepcopy(updated).files("gkml/", "gkml/{slug}/") == expected  # the job
        assert updated.files("gkml/", "gkml/{slug}/") == expected  # the server, remembering for the next save
        index = updated


def test_a_layout_taken_by_the_next_save_stays_whole_when_the_last_index_is_laid_out_again(monkeypatch):
    """The server lays out the last save's index while it waits; a save may come first and take that
    index's layout for its own. Laying out the last index then must leave the taken layout whole, the
    next save must lay out from the layout the server ended with (not the one before it: after a save
    that renumbered every entry, everything again), and each writes a fresh index's files."""
    from disclosure.search import bulk
    entries = [entry(2021, n, date=datetime.date(2021, 1, 1) + datetime.timedelta(days=n)) for n in range(1, 21)]
    last = FullTextIndex(make_catalogue(entries).entries)
    for item in last.entries:
        last.add(item, f"{item.title} 数据共享")
    last.files("gkml/", "gkml/{slug}/")
    edited = last.entries[3]
    following = last.for_entries(last.entries, {edited.index})
    following.add(edited, "改过的正文")
    last.lay_out()  # the server, late
    assert following.laid_out.buckets and sum(map(len, following.laid_out.buckets)) == sum(map(len, last.laid_out.buckets))
    for index in (last, following):
        fresh = FullTextIndex(index.entries)
        fresh.texts = dict(index.texts)
        assert index.files("gkml/", "gkml/{slug}/") == fresh.files("gkml/", "gkml/{slug}/")
    earliest = entry(2020, 1)  # a save that renumbers every entry (a year before the first), laid out by the server late again
    moved = following.for_entries(make_catalogue([*following.entries, earliest]).entries, set())
    moved.sync()  # the server, before it forks the job that lays the index out (not shown)
    after = moved.for_entries(moved.entries, {edited.index})
    after.add(edited, "再次改过的正文")
    moved.lay_out()  # the server, late: every line, for the new order
    layouts: list[set[int]] = []
    at_once = bulk.lines_at_once
    monkeypatch.setattr(bulk, "lines_at_once", lambda pairs, *args: layouts.append(
        set(np.concatenate([codes for codes, _ in pairs]).tolist())) or at_once(pairs, *args))
    after.files("gkml/", "gkml/{slug}/")  # takes the server's layout of `moved`: the body's grams only
    assert layouts == [gram_codes("再次改过的正文") ^ gram_codes("改过的正文")]
    monkeypatch.undo()
    fresh = FullTextIndex(after.entries)
    fresh.texts = dict(after.texts)
    assert after.files("gkml/", "gkml/{slug}/") == fresh.files("gkml/", "gkml/{slug}/")
