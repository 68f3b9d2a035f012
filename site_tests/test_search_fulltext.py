"""The site-wide full-text index (plugins/disclosure/search/fulltext.py)."""

from __future__ import annotations

import dataclasses
import datetime
import gzip
import json
import random
import re
import time
from pathlib import Path

from disclosure.search import FullTextIndex, html_text, write_fulltext
from disclosure.search.fold import TABLE, fold
from disclosure.search import fulltext
from disclosure.search.fulltext import bucket_of
from disclosure.search.postings import gram_codes, gram_of, normal

from test_search_shards import entry, make_catalogue


def decode(line: str) -> list[list[int]]:
    """[head ids, other metadata ids, body ids] of a bucket line, as fulltext-index.js reads it."""
    lists = []
    for part in line.split("\t")[1:]:
        ids, current = [], 0
        for delta in filter(None, part.split(",")):
            current += int(delta, 36)
            ids.append(current)
        lists.append(ids)
    return lists


def postings(folder: Path, gram: str) -> list[list[int]]:
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    text = (folder / manifest["buckets"][bucket_of(gram, len(manifest["buckets"]))]).read_text("utf-8")
    line = next((line for line in text.splitlines() if line.startswith(gram + "\t")), None)
    return decode(line) if line else [[], [], []]


def grams(text: str) -> set[str]:
    """The grams the index holds for a text, as strings."""
    return set(map(gram_of, gram_codes(normal(text))))


def test_grams_are_every_character_and_adjacent_pair_of_folded_text():
    assert grams("行政许可") == {"行", "政", "许", "可", "行政", "政许", "许可"}
    assert grams("Ａ〔1〕 b") == {"a", "[", "1", "]", "b", "a[", "[1", "1]"}  # no pair across a space
    assert fold("示例（２０２１）ＡＢ【3】") == "示例[2021]ab[3]"


def test_grams_equal_the_plain_definition_on_any_text():
    """grams() works on code points in C loops; it must give what the definition says, astral
    characters, NUL, Unicode spaces and one-character runs included."""
    def by_definition(text: str) -> set[str]:
        runs = fold(text).replace("\0", " ").split()
        return {run[i:i + n] for run in runs for n in (1, 2) for i in range(len(run) - n + 1)}

    rng = random.Random(7)
    alphabet = "ab许可 \t\n\u3000\x85\0𠀀😀Ａ〔１\ud800"
    texts = ["".join(rng.choices(alphabet, k=rng.randint(0, 14))) for _ in range(3000)]
    for text in ["", " ", "a", "行政许可", " a b ", "𠀀𠀁 x😀", *texts]:
        assert grams(text) == by_definition(text), text


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


def test_lines_laid_out_before_are_kept_only_for_grams_a_save_left_alone():
    """The preview keeps each gram's laid-out line between saves: a save that keeps the order of the
    entries lays out again only the grams an entry gained or lost (not those it kept), one that changes
    the order lays out all; either way the files are those a fresh index makes."""
    entries = [entry(2021, n) for n in range(1, 7)]
    kept = FullTextIndex(make_catalogue(entries).entries)
    for n, item in enumerate(kept.entries):
        kept.add(item, f"第{n}条正文 数据共享")
    kept.files("gkml/", "gkml/{slug}/")
    first, second = kept.entries[:2]
    retitled = make_catalogue([dataclasses.replace(first, title=first.title.replace("通知", "公告")), *kept.entries[1:]])
    updated = kept.for_entries(retitled.entries, {second.index})
    updated.add(second, "第1条正文 数据开放")
    updated.sync()
    still = updated.laid_out.for_order(updated.laid_out.order).lines
    missing = {gram_of(code) for code in kept.postings.lists[0].keys() | kept.postings.lists[2].keys()} - {
        gram_of(code) for code in still}
    assert missing == {"通", "知", "的通", "通知", "公", "告", "的公", "公告", "共", "享", "据共", "共享", "开", "放", "据开", "开放"}
    moved = make_catalogue([dataclasses.replace(first, date=datetime.date(2020, 1, 1)), *kept.entries[1:]])
    for after, index in ((retitled, updated), (moved, updated.for_entries(moved.entries, set()))):
        fresh = FullTextIndex(after.entries)
        fresh.texts = dict(index.texts)
        assert index.files("gkml/", "gkml/{slug}/") == fresh.files("gkml/", "gkml/{slug}/")


def test_lines_carried_over_to_a_new_order_are_those_laid_out_anew(monkeypatch):
    """An entry added at the top, one removed or moved near the top, one added with an older entry's
    body edited, one moved among the oldest: each time the files are a fresh index's. Lines whose
    entries came, went or moved only near the top are carried over to the new order, none encoded
    again (but for grams no entry had before); a line an older entry joined or left is laid out
    again; everything is, after a change among the oldest."""
    from disclosure.search import bulk, fulltext
    entries = [entry(2021, n, date=datetime.date(2021, 1, 1) + datetime.timedelta(days=n)) for n in range(1, 41)]
    index = FullTextIndex(make_catalogue(entries).entries)
    for n, item in enumerate(index.entries):
        index.add(item, f"第{n % 7}条正文 数据共享")
    index.files("gkml/", "gkml/{slug}/")
    encoded = []
    encode = fulltext._encode
    monkeypatch.setattr(fulltext, "_encode", lambda numbers, *args: encoded.append(1) or encode(numbers, *args))
    lay_out_all = bulk.lay_out  # a whole layout at once: three lists a line
    monkeypatch.setattr(bulk, "lay_out", lambda *args: (lines := lay_out_all(*args)) and encoded.extend([1] * 3 * len(lines)) or lines)
    newest, third, older, second_oldest = index.entries[0], index.entries[2], index.entries[30], index.entries[-2]
    added, later = entry(2030, 99, title="新增的条目"), entry(2030, 98, title="再增的条目")
    saves = (  # (the new entries from the current ones, entries with a new body text, what is encoded again)
        (lambda entries: [added, *entries], {added: "新条目的正文"}, "none"),
        (lambda entries: [e for e in entries if e != third], {}, "none"),
        (lambda entries: [dataclasses.replace(e, date=third.date) if e == newest else e for e in entries], {}, "none"),
        (lambda entries: [later, *entries], {later: "再增的正文", older: "改过的正文 开放"}, "some"),
        (lambda entries: [dataclasses.replace(e, date=datetime.date(2020, 1, 1)) if e == second_oldest else e for e in entries], {}, "all"),
    )
    for save, bodies, expected in saves:
        catalogue = make_catalogue(save(index.entries))
        updated = index.for_entries(catalogue.entries, {e.index for e in bodies})
        for item, text in bodies.items():
            updated.add(item, text)
        fresh = FullTextIndex(catalogue.entries)
        fresh.texts = dict(updated.texts)
        encoded.clear()
        before = set(index.laid_out.lines)
        files = updated.files("gkml/", "gkml/{slug}/")
        lines, new = 3 * len(updated.laid_out.lines), 3 * len(updated.laid_out.lines.keys() - before)  # new grams: never laid out
        assert {"none": len(encoded) == new, "some": new < len(encoded) < lines, "all": len(encoded) == lines}[expected], expected
        assert files == fresh.files("gkml/", "gkml/{slug}/")
        index = updated


def postings_of(index: FullTextIndex, gram: str) -> list[list[int]]:
    files = index.files("gkml/", "gkml/{slug}/")
    manifest = json.loads(files["manifest.json"])
    text = files[manifest["buckets"][bucket_of(gram, len(manifest["buckets"]))]].decode("utf-8")
    line = next((line for line in text.splitlines() if line.startswith(gram + "\t")), None)
    return decode(line) if line else [[], [], []]


def test_metadata_and_body_lists_newest_first(tmp_path: Path):
    catalogue = make_catalogue([entry(2021, 1, doc_number="示例〔2021〕1号", summary="数据共享", date=datetime.date(2021, 6, 1)),
                                entry(2021, 2, title="关于开展检查的通知", date=datetime.date(2021, 3, 1)), entry(2020, 7)])
    index = FullTextIndex(catalogue.entries)
    newest, middle, oldest = catalogue.entries
    index.add(middle, "改动前的正文")  # the preview renders an edited body again: the last text counts
    index.add(middle, html_text("<p>企业<b>开办</b>登记</p><script>var 隐藏 = 1</script>"))
    write_fulltext(index, str(tmp_path), "gkml/", "gkml/{slug}/")
    manifest = json.loads((tmp_path / "manifest.json").read_text("utf-8"))
    assert manifest["count"] == 3 and manifest["home"] == "gkml/" and manifest["entry_url"] == "gkml/{slug}/"
    rows = json.loads((tmp_path / manifest["docs"][0]).read_text("utf-8"))
    assert [row[1] for row in rows] == [newest.index, middle.index, oldest.index]
    assert rows[1][:4] == [middle.title, middle.index, middle.date.isoformat(), ""]
    assert postings(tmp_path, "开办") == [[], [], [1]] and postings(tmp_path, "办登") == [[], [], [1]]
    assert postings(tmp_path, "隐藏") == [[], [], []] and postings(tmp_path, "改动") == [[], [], []]
    assert postings(tmp_path, "[2") == [[0], [], []]  # 〔 folded, in the 文号
    assert postings(tmp_path, "通知")[0] == [0, 1, 2]  # every title, entries not rendered included
    assert manifest["bodies"] == [[1, manifest["bodies"][0][1]]]  # from the first entry with a body
    assert (tmp_path / manifest["bodies"][0][1]).read_text("utf-8") == "企业开办登记"  # folded, scripts dropped


def test_head_and_other_metadata_lists_rank_the_fields(tmp_path: Path):
    """Title, 文号 and 索引号 go to the first list; 主题词, 内容概述 and 发布机构 to the second, only for entries
    whose head lacks the gram (the browser reads them as: in the head, else in the rest of the metadata)."""
    catalogue = make_catalogue([entry(2022, 1, title="关于数据共享的通知", summary="数据共享"),
                                entry(2021, 2, title="年度计划", keywords=("数据",), summary="共享", publisher="数据科"),
                                entry(2020, 3, title="其他事项")])
    index = FullTextIndex(catalogue.entries)
    index.add(catalogue.entries[2], "推进数据共享")
    write_fulltext(index, str(tmp_path), "gkml/", "gkml/{slug}/")
    assert postings(tmp_path, "数据") == [[0], [1], [2]]
    assert postings(tmp_path, "共享") == [[0], [1], [2]]
    assert postings(tmp_path, "21") == [[1], [], []]  # in the 索引号 …/2021-00002 only
    assert postings(tmp_path, "数据科") == [[], [], []] and postings(tmp_path, "据科") == [[], [1], []]


def test_body_texts_are_split_into_files_of_about_body_bytes(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(fulltext, "BODY_BYTES", 40)
    catalogue = make_catalogue([entry(2021, n) for n in range(1, 8)])
    index = FullTextIndex(catalogue.entries)
    for n, item in enumerate(catalogue.entries):
        if n != 2:  # one entry without a body
            index.add(item, f"第{n}条\n  正文　ＡＢ {'长' * 5}")
    write_fulltext(index, str(tmp_path), "gkml/", "gkml/{slug}/")
    bodies = json.loads((tmp_path / "manifest.json").read_text("utf-8"))["bodies"]
    lines = [(first + at, line) for first, name in bodies
             for at, line in enumerate((tmp_path / name).read_text("utf-8").split("\n"))]
    assert len(bodies) > 1 and all(len((tmp_path / name).read_bytes()) < 40 + 30 for _, name in bodies)
    assert lines == [(n, "" if n == 2 else f"第{n}条 正文 ab 长长长长长") for n in range(7)]


def test_stale_files_of_an_earlier_build_are_removed(tmp_path: Path):
    (tmp_path / "g0-old.txt").write_text("x", "utf-8")
    index = FullTextIndex(make_catalogue([entry(2021, 1)]).entries)
    names = write_fulltext(index, str(tmp_path), "gkml/", "gkml/{slug}/")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)


def test_no_file_over_one_megabyte_gzip_and_buckets_grow_with_the_text(tmp_path: Path):
    rng = random.Random(3)
    words = "数据 共享 开放 管理 办法 通知 规划 实施 意见 方案 标准 安全 服务 平台 政务 公开 许可 审批".split()
    entries = [entry(2010 + i % 16, i, summary="".join(rng.choices(words, k=20))) for i in range(3000)]
    catalogue = make_catalogue(entries)
    index = FullTextIndex(catalogue.entries)
    started = time.process_time()
    for item in catalogue.entries:
        index.add(item, "".join(rng.choices(words, k=400)) + f"截至{rng.randint(1000, 99999)}项")
    sizes = write_fulltext(index, str(tmp_path), "gkml/", "gkml/{slug}/")
    manifest = json.loads((tmp_path / "manifest.json").read_text("utf-8"))
    assert len(manifest["buckets"]) > 1 and len(manifest["docs"]) == 3
    largest = max(len(gzip.compress((tmp_path / name).read_bytes())) for name in sizes)
    assert largest < 1024 * 1024, (largest, time.process_time() - started)
    assert all(re.fullmatch(r"(g|d|b)\d+-[0-9a-f]{10}\.(txt|json)|manifest\.json", name) for name in sizes)


def test_build_writes_the_index_and_points_materials_search_at_our_worker(build_site):
    built = build_site()
    assert built.returncode == 0, built.output
    manifest = json.loads((built.site / "gkml/fulltext/manifest.json").read_text("utf-8"))
    assert manifest["count"] == 2 and manifest["entry_url"] == "gkml/{slug}/"
    assert postings(built.site / "gkml/fulltext", "规范")[2] == [0]  # from the body of 2021-00001
    config = re.search(r'd\.search="([^"]+)"\+"\?index="\+encodeURIComponent\("([^"]+)"\)', built.page("index.html"))
    assert config and config[1].endswith("assets/disclosure/search-worker.js") and config[2] == "../../gkml/fulltext/"
    assert all((built.site / "assets/disclosure" / name).exists() for name in ("search-worker.js", "fulltext-index.js", "fold.js"))


def test_fold_is_the_table_applied_to_every_character():
    every = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)
    assert fold(every) == every.translate(TABLE) != every
    assert fold("（２０２１）第Ａ号，　ＡＢＣ") == "[2021]第a号, abc"
