"""The site-wide full-text index (plugins/disclosure/search/fulltext.py)."""

from __future__ import annotations

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


def decode(line: str, positions: dict[int, int]) -> list[list[int]]:
    """[head, other metadata, body] of a bucket line as fulltext-index.js reads it: catalogue positions,
    ascending (`positions[id]`: the doc id's place in the catalogue)."""
    lists = []
    for part in line.split("\t")[1:]:
        ids, current = [], 0
        for delta in filter(None, part.split(",")):
            current += int(delta, 36)
            ids.append(positions[current])
        lists.append(sorted(ids))
    return lists


def positions_of(files: dict[str, bytes], manifest: dict) -> dict[int, int]:
    """Each doc id's catalogue position, from the order file as fulltext-index.js reads it."""
    steps, ids = files[manifest["order"]].decode("ascii").split(",")[:manifest["count"]], [0]
    for step in steps:
        ids.append(ids[-1] + int(step, 36))
    return {id: at for at, id in enumerate(ids[1:])}


def postings(folder: Path, gram: str) -> list[list[int]]:
    return postings_in({path.name: path.read_bytes() for path in folder.iterdir()}, gram)


def postings_in(files: dict[str, bytes], gram: str) -> list[list[int]]:
    manifest = json.loads(files["manifest.json"])
    text = files[manifest["buckets"][bucket_of(gram, len(manifest["buckets"]))]].decode("utf-8")
    line = next((line for line in text.splitlines() if line.startswith(gram + "\t")), None)
    return decode(line, positions_of(files, manifest)) if line else [[], [], []]


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
    assert all(re.fullmatch(r"(g\d+|d\d+|b\d+|o)-[0-9a-f]{10}\.(txt|json)|manifest\.json", name) for name in sizes)


def test_build_writes_the_index_and_points_materials_search_at_our_worker(build_site):
    built = build_site()
    assert built.returncode == 0, built.output
    manifest = json.loads((built.site / "gkml/fulltext/manifest.json").read_text("utf-8"))
    assert manifest["count"] == 2 and manifest["entry_url"] == "gkml/{slug}/"
    assert postings(built.site / "gkml/fulltext", "规范")[2] == [0]  # from the body of 2021-00001
    config = re.search(r'd\.search="([^"]+)"\+"\?index="\+encodeURIComponent\("([^"]+)"\)\+"&format=(\d+)&', built.page("index.html"))
    assert config and config[1].endswith("assets/disclosure/search-worker.js") and config[2] == "../../gkml/fulltext/"
    script = (built.site / "assets/disclosure/fulltext-index.js").read_text("utf-8")
    assert int(config[3]) == manifest["format"] == fulltext.FORMAT == int(re.search(r"var FORMAT = (\d+);", script)[1])
    assert all((built.site / "assets/disclosure" / name).exists() for name in ("search-worker.js", "fulltext-index.js", "fold.js"))


def test_fold_is_the_table_applied_to_every_character():
    every = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)
    assert fold(every) == every.translate(TABLE) != every
    assert fold("（２０２１）第Ａ号，　ＡＢＣ") == "[2021]第a号, abc"
