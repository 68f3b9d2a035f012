"""The catalogue search's JSON shards (plugins/disclosure/search/shards.py)."""

from __future__ import annotations

import datetime
import gzip
import json
from pathlib import Path

from disclosure.catalogue import Agency, Catalogue, Category, Entry, Pos
from disclosure.search import shard_filter, shards

POS = Pos("directory.yml", 1, 1)
AGENCY = Agency(name="示例市数据管理局", code="11440100MB2C00000X")


def category(id_: str, title: str, parent: str | None = None, children: tuple[Category, ...] = ()) -> Category:
    return Category(id_, title, parent, children, POS)


def make_catalogue(entries: list[Entry]) -> Catalogue:
    normative = category("normative", "规范性文件", "rules")
    roots = (category("rules", "法规文件", None, (normative,)), category("plans", "规划计划"))
    entries = sorted(entries, key=lambda e: (e.date, e.index), reverse=True)
    by_category = {c.id: c for root in roots for c in root.walk()}
    return Catalogue("directory.yml", AGENCY, roots, tuple(entries), {e.index: e for e in entries}, by_category)


def entry(year: int, seq: int, **fields) -> Entry:
    values = dict(title=f"关于第{seq}号事项的通知", category="normative", publisher="办公室",
                  date=datetime.date(year, 1 + seq % 12, 1 + seq % 28), link="https://www.example.gov.cn/")
    values.update(fields)
    return Entry(index=f"{AGENCY.code}/{year}-{seq:05d}", pos=POS, **values)


def read(folder: Path, name: str):
    return json.loads((folder / name).read_text(encoding="utf-8"))


def test_manifest_and_year_shards(tmp_path: Path):
    catalogue = make_catalogue([
        entry(2021, 1, doc_number="示例〔2021〕1号", validity="in_force", keywords=("数据", "共享"), summary="概述"),
        entry(2021, 2, publisher="规划科", category="plans", validity="repealed"),
        entry(2020, 7, title="<b>标题</b>", validity="expired"),
    ])
    shards.write_shards(catalogue, str(tmp_path))
    manifest = read(tmp_path, "manifest.json")
    assert manifest["total"] == 3 and manifest["entry_url"] == "{slug}/"
    assert [c["id"] for c in manifest["categories"]] == ["rules", "normative", "plans"]  # parents first
    assert manifest["categories"][1]["parent"] == "rules"
    assert manifest["publishers"] == ["办公室", "规划科"]  # most entries first
    assert [v["title"] for v in manifest["validity"]] == ["有效", "失效", "废止"]
    assert [(y["year"], y["count"]) for y in manifest["years"]] == [(2021, 2), (2020, 1)]
    assert manifest["format"] == 2 and manifest["fields"] == ["index", "title", "doc", "kw", "summary"]
    newest = read(tmp_path, manifest["years"][0]["files"][0])
    assert newest["text"].split("\n") == [  # one line per entry, newest first, fields separated by tabs
        f"{AGENCY.code}/2021-00002\t关于第2号事项的通知\t\t\t",
        f"{AGENCY.code}/2021-00001\t关于第1号事项的通知\t示例〔2021〕1号\t数据 共享\t概述"]
    assert newest["pub"] == [1, 0] and newest["cat"] == [2, 1] and newest["val"] == [2, 0]
    assert newest["date"] == [303, 202]  # MMDD
    assert len({len(newest[name]) for name in ("pub", "cat", "val", "date")}) == 1  # parallel arrays
    assert read(tmp_path, manifest["years"][1]["files"][0])["text"].split("\t")[1] == "<b>标题</b>"  # data, not markup


def test_tabs_and_line_breaks_inside_fields_become_spaces(tmp_path: Path):
    catalogue = make_catalogue([entry(2021, 1, title="第一行\n第二行", summary="甲\t乙\r\n丙", keywords=("a\tb",))])
    shards.write_shards(catalogue, str(tmp_path))
    manifest = read(tmp_path, "manifest.json")
    text = read(tmp_path, manifest["years"][0]["files"][0])["text"]
    assert text.split("\t")[1:] == ["第一行 第二行", "", "a b", "甲 乙  丙"]  # one character for one


def test_large_years_are_split_and_stale_shards_removed(tmp_path: Path, monkeypatch):
    (tmp_path / "1999-0000000000.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(shards, "FIRST_CHUNK", 1)
    monkeypatch.setattr(shards, "CHUNK", 2)
    sizes = shards.write_shards(make_catalogue([entry(2022, n) for n in range(1, 7)] + [entry(2021, 1)]),
                                str(tmp_path), "{slug}/index.html")
    manifest = read(tmp_path, "manifest.json")
    files = manifest["years"][0]["files"]
    assert manifest["entry_url"] == "{slug}/index.html"
    assert [len(read(tmp_path, name)["pub"]) for name in files] == [1, 2, 2, 1]  # the newest shard is small
    assert [read(tmp_path, name)["text"].count("\n") + 1 for name in files] == [1, 2, 2, 1]
    assert [len(read(tmp_path, name)["pub"]) for name in manifest["years"][1]["files"]] == [1]
    all_files = files + manifest["years"][1]["files"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(all_files + ["manifest.json", manifest["filter"]["file"]]) \
        == sorted(sizes)


def test_shards_are_also_cut_by_size(monkeypatch):
    monkeypatch.setattr(shards, "CHUNK_BYTES", 400)  # two of these lines
    catalogue = make_catalogue([entry(2022, n, summary="概" * 40) for n in range(1, 8)])
    manifest, files = shards.build_shards(catalogue, "{slug}/")
    assert [json.loads(files[name])["text"].count("\n") + 1 for name in manifest["years"][0]["files"]] == [2, 2, 2, 1]
    assert all(len(json.loads(data)["text"].encode("utf-8")) <= 400 for name, data in files.items() if name.endswith(".json"))


def test_no_file_over_one_megabyte_gzip_at_100k_entries():
    entries = [entry(2010 + n % 12, n, summary=f"第{n}号事项的内容概述，涉及数据共享与政务公开。",
                     keywords=("数据", f"主题{n % 50}"), doc_number=f"示例〔{2010 + n % 12}〕{n}号",
                     publisher=f"第{n % 30}科") for n in range(1, 100_001)]
    manifest, files = shards.build_shards(make_catalogue(entries), "{slug}/")
    assert sum(y["count"] for y in manifest["years"]) == 100_000
    largest = max(len(gzip.compress(data)) for data in files.values())
    assert largest < 1_000_000


def may_hold(bits: bytes, log2: int, word: str) -> bool:
    """The browser's test (catalogue-index.js mayHold) in Python."""
    mask = (1 << log2) - 1
    for n in (2, 3):
        for at in range(len(word) - n + 1):
            position = shard_filter.piece_hash(map(ord, word[at:at + n])) & mask
            if not bits[position >> 3] & (1 << (position & 7)):
                return False
    return True


def test_shard_filter_has_no_false_negatives_and_excludes_most_absent_words(monkeypatch):
    monkeypatch.setattr(shards, "FIRST_CHUNK", 50)
    monkeypatch.setattr(shards, "CHUNK", 50)
    entries = [entry(2010 + n % 4, n, summary=f"第{n}号事项，涉及数据共享（ＡＢ）", doc_number=f"示例〔{2010 + n % 4}〕{n}号")
               for n in range(1, 201)]
    manifest, files = shards.build_shards(make_catalogue(entries), "{slug}/")
    names = [name for year in manifest["years"] for name in year["files"]]
    data, offset, excluded = files[manifest["filter"]["file"]], 0, 0
    assert len(data) == sum(1 << (log2 - 3) for log2 in manifest["filter"]["bits"])
    for name, log2 in zip(names, manifest["filter"]["bits"]):
        bits = data[offset:offset + (1 << (log2 - 3))]
        offset += len(bits)
        text = shard_filter.fold(json.loads(files[name])["text"])
        for line in text.split("\n"):  # every substring of every line, folded, may be there
            assert all(may_hold(bits, log2, line[i:i + n]) for n in (2, 3, 5, 9) for i in range(len(line) - n + 1))
        excluded += not may_hold(bits, log2, shard_filter.fold("示例〔2013〕7号"))
    assert excluded >= len(names) - 1  # no shard holds it: (almost) every one is ruled out
    assert shard_filter.fold("〔２０２１〕ＡＢ（１）［x］【y】　") == "[2021]ab[1][x][y] "
