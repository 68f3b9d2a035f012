"""catalogue/reload.py: after a save, reading only the entries it reached gives exactly what a full
load gives (entries, every position, warnings); whatever it cannot be sure of is left to the full load."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import MINIMAL_MKDOCS, SMALL_FILES, write_project
from disclosure.catalogue import read_catalogue
from disclosure.catalogue.reload import reload
from disclosure.problems import ProblemsError
from disclosure.project import from_config, load_project


def entry(n: int, year: int = 2019, extra: str = "") -> str:
    return f"""\
  - index: 11440100MB2C00000X/{year}-{n:05d}
    title: 第{n}号文件
    category: plans
    publisher: 规划科
    date: 2019-03-{n:02d}
    body: gkml/2019/{n:05d}.md
{extra}"""


HEAD = """\
agency:
  name: 示例市数据管理局
  code: "11440100MB2C00000X"
categories:
  - id: rules
    title: 法规文件
  - id: plans
    title: 规划计划
"""
ENTRIES = ["entries:\n", entry(1), entry(2, extra="    attachments:\n      - {title: 附件, file: files/a.pdf}\n"),
           "  # 一行注释\n\n", entry(3, 2020), entry(4, extra="    interprets: 11440100MB2C00000X/2019-00001\n"), entry(5)]
CATALOGUE = HEAD + "".join(ENTRIES)
FILES = {"mkdocs.yml": MINIMAL_MKDOCS, "content/index.md": SMALL_FILES["content/index.md"], "content/files/a.pdf": b"%PDF-1.4\n",
         **{f"content/gkml/2019/{n:05d}.md": f"第{n}号正文。\n" for n in range(1, 10)}}


def positions(loaded) -> list:
    """Everything a load gives, positions included (entries compare without them)."""
    return [(e, e.pos, [(key, e.pos_of(key)) for key in sorted(e.field_places)], [(a, a.pos) for a in e.attachments])
            for e in loaded.catalogue.entries]


def full(root: Path):
    loaded = read_catalogue(str(root / "directory.yml"), "directory.yml", str(root / "content"))
    assert loaded.problems == []
    return loaded


@pytest.fixture
def project(tmp_path, monkeypatch):
    write_project(tmp_path, {**FILES, "directory.yml": CATALOGUE})
    monkeypatch.chdir(tmp_path)
    return tmp_path


def again(root: Path, text: str | None = None, changed: tuple[str, ...] = ("directory.yml",)):
    """(the reload after writing `text` to directory.yml, the full load of the same files)."""
    previous = full(root)
    if text is not None:
        (root / "directory.yml").write_text(text, encoding="utf-8")
    return reload(previous, {str(root / path) for path in changed}, str(root / "content")), full(root)


EDITS = {
    "title": CATALOGUE.replace("第3号文件", "改过的标题"),
    "category": CATALOGUE.replace("第3号文件\n    category: plans", "第3号文件\n    category: rules"),
    "line added inside an entry": CATALOGUE.replace("第2号文件\n", "第2号文件\n    doc_number: 示例〔2019〕2号\n"),
    "line added at an entry's end": CATALOGUE.replace("files/a.pdf}\n", "files/a.pdf}\n    summary: 概述\n"),
    "entry added first": CATALOGUE.replace("entries:\n", "entries:\n" + entry(6)),
    "entry added last": CATALOGUE + entry(7),
    "entry added in the middle": CATALOGUE.replace("  # 一行注释\n", entry(8) + "  # 一行注释\n"),
    "entry removed": CATALOGUE.replace(entry(3, 2020), ""),
    "last entry removed": CATALOGUE.replace(entry(5), ""),
    "two entries changed far apart": CATALOGUE.replace("第1号文件", "一").replace("第5号文件", "五"),
    "comment and blank lines": CATALOGUE.replace("  # 一行注释\n\n", "\n\n  # 另一行注释\n"),
}


@pytest.mark.parametrize("name", EDITS)
def test_a_catalogue_save_reads_only_what_changed_and_equals_a_full_load(project, name):
    reloaded, expected = again(project, EDITS[name])
    assert reloaded is not None
    assert positions(reloaded) == positions(expected)
    assert sorted(reloaded.warnings) == sorted(expected.warnings)
    assert len(reloaded.reread) <= (5 if "far apart" in name else 3)  # those between the first and last changed line


def test_warnings_move_and_are_renumbered_with_their_entries(project):
    """2020-00003 is dated 2019: a warning at its index line, whose line and entry number change
    when an entry is added before it."""
    reloaded, expected = again(project, CATALOGUE.replace("entries:\n", "entries:\n" + entry(6)))
    assert [w for w in expected.warnings if "2020" in w.message] and reloaded.warnings == expected.warnings


def test_a_changed_body_or_attachment_reads_its_entries_again(project):
    (project / "content/files/a.pdf").write_bytes(b"%PDF-1.4\n" + b"x" * 100)
    reloaded, expected = again(project, changed=("content/files/a.pdf",))
    assert positions(reloaded) == positions(expected)
    assert [e.index for e in reloaded.reread] == ["11440100MB2C00000X/2019-00002"]
    assert reloaded.catalogue.by_index["11440100MB2C00000X/2019-00002"].attachments[0].size == 109
    reloaded, _ = again(project, changed=("content/index.md",))  # no entry names it: nothing read again
    assert reloaded.reread == [] and positions(reloaded) == positions(expected)


@pytest.mark.parametrize("text", [
    CATALOGUE.replace("示例市数据管理局", "改名的管理局"),  # the head: agency and categories
    CATALOGUE.replace("date: 2019-03-03", "date: 2019-02-30"),  # a problem: the full load reports it
    CATALOGUE.replace("2019-00005", "2019-00001"),  # a duplicate index number
    CATALOGUE.replace("interprets: 11440100MB2C00000X/2019-00001", "interprets: 11440100MB2C00000X/2019-00009"),
    CATALOGUE.replace("第3号文件", "R&D 文件"),  # an anchor could be named anywhere
    CATALOGUE.replace(entry(5), "---\n" + entry(5)),  # a second document
    CATALOGUE + "version: '1'\n",  # a key after the entries
    HEAD + "entries:\n",  # no entries left
])
def test_what_it_cannot_be_sure_of_is_left_to_the_full_load(project, text):
    previous = full(project)
    (project / "directory.yml").write_text(text, encoding="utf-8")
    assert reload(previous, {str(project / "directory.yml")}, str(project / "content")) is None


@pytest.mark.parametrize("text", [
    HEAD + "entries: [{index: 11440100MB2C00000X/2019-00001, title: 一, category: plans, publisher: 办公室, "
           "date: 2019-03-01, body: gkml/2019/00001.md}]\n",  # flow style: no item starts at a "-"
    HEAD + "entries:\n  -\n    index: 11440100MB2C00000X/2019-00001\n    title: 一\n    category: plans\n"
           "    publisher: 办公室\n    date: 2019-03-01\n    body: gkml/2019/00001.md\n",  # the "-" alone on its line
])
def test_lists_that_cannot_be_cut_between_items_are_always_loaded_in_full(project, text):
    (project / "directory.yml").write_text(text, encoding="utf-8")
    previous = full(project)
    (project / "directory.yml").write_text(text.replace("title: 一", "title: 二"), encoding="utf-8")
    assert reload(previous, {str(project / "directory.yml")}, str(project / "content")) is None


def test_included_files(project):
    """Only the changed included file is read again; a new file in the folder means a full load."""
    year = lambda n: f"entries:\n{entry(n)}"  # noqa: E731
    write_project(project, {"directory.yml": HEAD + "include: [catalogue/*.yml]\n",
                            "catalogue/2019a.yml": year(1), "catalogue/2019b.yml": year(2)})
    reloaded, expected = again(project, changed=())
    assert reloaded is not None and reloaded.reread == [] and positions(reloaded) == positions(expected)
    previous = full(project)
    (project / "catalogue/2019b.yml").write_text(year(2).replace("第2号文件", "改了"), encoding="utf-8")
    reloaded = reload(previous, {str(project / "catalogue/2019b.yml")}, str(project / "content"))
    assert positions(reloaded) == positions(full(project)) and len(reloaded.reread) == 1
    previous = full(project)
    (project / "catalogue/2019c.yml").write_text(year(3), encoding="utf-8")
    assert reload(previous, {str(project / "catalogue/2019c.yml")}, str(project / "content")) is None


def test_the_project_loader_falls_back_with_the_full_loads_messages(project):
    previous = load_project(str(project / "mkdocs.yml"))
    (project / "directory.yml").write_text(CATALOGUE.replace("第3号文件", "新标题"), encoding="utf-8")
    changed = {str(project / "directory.yml")}
    assert from_config(previous.config, previous.options, previous, changed).catalogue.entries == \
        load_project(str(project / "mkdocs.yml")).catalogue.entries
    (project / "directory.yml").write_text(CATALOGUE.replace("date: 2019-03-03", "date: 2019-02-30"), encoding="utf-8")
    with pytest.raises(ProblemsError) as raised:
        from_config(previous.config, previous.options, previous, changed)
    assert [str(p) for p in raised.value.problems] == [
        f"directory.yml:{CATALOGUE.split(chr(10)).index('    date: 2019-03-03') + 1}:11: entries[2].date: "
        "日期 \"2019-02-30\" 不存在：请写一个真实的日期"]
    os.remove(project / "content/gkml/2019/00002.md")
    (project / "directory.yml").write_text(CATALOGUE, encoding="utf-8")
    with pytest.raises(ProblemsError) as raised:
        from_config(previous.config, previous.options, previous, {str(project / "content/gkml/2019/00002.md")})
    assert "gkml/2019/00002.md" in str(raised.value.problems[0])


def test_a_failing_reload_falls_back_to_the_full_load(project, monkeypatch, caplog):
    previous = load_project(str(project / "mkdocs.yml"))
    (project / "directory.yml").write_text(CATALOGUE.replace("第3号文件", "新标题"), encoding="utf-8")

    def broken(*args):
        raise RuntimeError("a bug in reload")

    monkeypatch.setattr("disclosure.project.reload", broken)
    reloaded = from_config(previous.config, previous.options, previous, {str(project / "directory.yml")})
    assert "新标题" in [e.title for e in reloaded.catalogue.entries] and "完整读取" in caplog.text
