"""values.py: one checked value of a positioned YAML mapping at a time (the field readers of the
catalogue and the annual reports), each problem at the value's line and column."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from disclosure import values
from disclosure.yamlpos import load_yaml


def read(yaml_text: str, reader, *args):
    """(value, [(line, col, field path, message)]) of `reader(mapping, *args, "e", report)`."""
    mapping = load_yaml(yaml_text.encode("utf-8"), "directory.yml", [])
    found: list[tuple[int, int, str, str]] = []
    value = reader(mapping, *args, "e", lambda pos, path, message: found.append((pos.line, pos.col, path, message)))
    return value, found


def col_of(yaml_text: str, key: str) -> tuple[int, int]:
    """1-based line and column of `key`'s value, found in the text itself."""
    for number, line in enumerate(yaml_text.splitlines(), 1):
        if line.lstrip().startswith(f"{key}:"):
            rest = line.split(":", 1)[1]
            return number, len(line) - len(rest.lstrip()) + 1
    raise AssertionError(key)


@pytest.mark.parametrize("text, expected", [("t: ' 标题 '\n", "标题"), ("t: 012\n", "012"), ("other: x\n", None)])
def test_text_is_trimmed_and_stays_text(text, expected):
    assert read(text, values.text, "t") == (expected, [])


@pytest.mark.parametrize("text, message", [("t: ''\n", "不能为空"), ("t: [a]\n", "应为一段文字，而不是列表或键值对")])
def test_text_problems_point_at_the_value(text, message):
    assert read(text, values.text, "t") == (None, [(*col_of(text, "t"), "e.t", message)])


def test_dates():
    assert read("d: 2021-03-01\n", values.date, "d") == (datetime.date(2021, 3, 1), [])
    text = "x: 1\nd:   2021/3/1\n"
    value, found = read(text, values.date, "d")
    assert value is None and found == [(*col_of(text, "d"), "e.d", '日期 "2021/3/1" 格式不对：请写成 YYYY-MM-DD，如 2021-03-01')]
    value, found = read("d: 2021-02-30\n", values.date, "d")
    assert value is None and found[0][3] == '日期 "2021-02-30" 不存在：请写一个真实的日期'


def test_choice_accepts_keys_and_explains_labels():
    labels = {"in_force": "有效", "expired": "失效"}
    assert read("v: expired\n", values.choice, "v", labels) == ("expired", [])
    _, found = read("v: 失效\n", values.choice, "v", labels)
    assert found[0][3].endswith("（“失效”请写作 expired）")
    _, found = read("v: in_forse\n", values.choice, "v", labels)
    assert "可选值：in_force（有效）、expired（失效）" in found[0][3] and found[0][3].endswith('（是否想写 "in_force"？）')


def test_text_list_reports_each_bad_item_at_its_line():
    text = "k:\n  - 数据\n  - ''\n  - 共享\n"
    value, found = read(text, values.text_list, "k")
    assert value == ("数据", "共享") and found == [(3, 5, "e.k[1]", "列表中的每一项都应为非空文字")]
    assert read("k: 数据\n", values.text_list, "k")[1][0][2:] == ("e.k", "应写成列表，如 [数据, 共享]")


@pytest.mark.parametrize("link, ok", [("https://www.example.gov.cn/a.html", True), ("HTTP://example.com/", True),
                                      ("javascript:alert(1)", False), ("https:///nohost", False), ("www.example.gov.cn", False)])
def test_url_needs_http_and_a_host(link, ok):
    value, found = read(f"u: '{link}'\n", values.url, "u")
    assert (value == link, found == []) == (ok, ok)


def test_content_file_stays_inside_docs_dir(tmp_path: Path):
    docs = tmp_path / "content"
    (docs / "files").mkdir(parents=True)
    (docs / "files" / "附件 1.pdf").write_bytes(b"%PDF-1.4 0123456789")
    (tmp_path / "secret.txt").write_text("x")

    def under_docs(mapping, key, path, report):
        return values.content_file(mapping, key, path, str(docs), report)

    ok, found = read("f: files/附件 1.pdf\n", under_docs, "f")
    assert ok == ("files/附件 1.pdf", len(b"%PDF-1.4 0123456789")) and found == []
    for path, message in [("../secret.txt", "超出了 content/ 目录"), ("/etc/passwd", "应是 content/ 下的相对路径"),
                          ("files\\a.pdf", "请用“/”分隔"), ("files/none.pdf", "不存在：请检查 content/files/none.pdf")]:
        value, found = read(f"f: '{path}'\n", under_docs, "f")
        assert value is None and len(found) == 1 and message in found[0][3], path


def test_unknown_and_missing_keys():
    text = "title: 标题\nsumary: 概述\n名称: x\n"
    mapping = load_yaml(text.encode("utf-8"), "directory.yml", [])
    found: list = []
    values.check_keys(mapping, ["title", "summary", "date"], ["title", "date"], "e",
                      lambda pos, path, message: found.append((pos.line, path, message)), {"名称": "title"})
    assert found == [(2, "e.sumary", '未知的键 "sumary"，是否想写 "summary"？'),
                     (3, "e.名称", '未知的键 "名称"，请用英文键名 "title"'),
                     (1, "e.date", '缺少必填项 "date"')]


def test_content_file_follows_links_to_where_they_lead(tmp_path: Path):
    """Links are resolved (a link out of content/ is refused, wherever in the path it is); the check
    resolves each folder once per load, so a folder that became a link counts from the next load on."""
    docs = tmp_path / "content"
    (docs / "files").mkdir(parents=True)
    (docs / "files" / "a.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.pdf").write_bytes(b"secret")
    (docs / "files" / "to-secret.pdf").symlink_to(tmp_path / "outside" / "secret.pdf")
    (docs / "files" / "to-a.pdf").symlink_to(docs / "files" / "a.pdf")
    (docs / "out").symlink_to(tmp_path / "outside")

    def under_docs(mapping, key, path, report):
        return values.content_file(mapping, key, path, str(docs), report)

    values.forget_folders()
    for path, expected in [("files/to-a.pdf", "files/a.pdf"), ("files/../files/a.pdf", "files/a.pdf"),
                           ("./files/a.pdf", "files/a.pdf")]:
        value, found = read(f"f: '{path}'\n", under_docs, "f")
        assert value == (expected, len(b"%PDF-1.4")) and found == [], path
    for path in ["files/to-secret.pdf", "out/secret.pdf", "out/../outside/secret.pdf"]:
        value, found = read(f"f: '{path}'\n", under_docs, "f")
        assert value is None and "超出了 content/ 目录" in found[0][3], path
    (docs / "files").rename(tmp_path / "moved")
    (docs / "files").symlink_to(tmp_path / "outside")
    (tmp_path / "outside" / "a.pdf").write_bytes(b"%PDF-1.4")
    values.forget_folders()
    value, found = read("f: files/a.pdf\n", under_docs, "f")
    assert value is None and "超出了 content/ 目录" in found[0][3]
