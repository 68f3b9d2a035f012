"""The preview's incremental update (preview/update.py via preview/serve.Preview): after each save,
the served folder equals a fresh `mkdocs build` byte for byte, and a bad save changes nothing."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from conftest import MINIMAL_MKDOCS, SMALL_CATALOGUE, SMALL_FILES, run, write_project
from disclosure.preview import update as update_module
from disclosure.preview.serve import Preview

MORE = "".join(f"""\
  - index: 11440100MB2C00000X/2019-{n:05d}
    title: 第{n}号规划文件
    category: plans
    publisher: 规划科
    date: 2019-03-{n:02d}
    body: gkml/2019/{n:05d}.md
""" + ("    interprets: 11440100MB2C00000X/2021-00001\n" if n == 2 else "") for n in range(1, 8))
CATALOGUE = SMALL_CATALOGUE + MORE
FILES = {**SMALL_FILES, "mkdocs.yml": "site_url: https://gk.example.gov.cn/\n"  # sitemap.xml lists every page
         + MINIMAL_MKDOCS.replace("disclosure]", "{disclosure: {page_size: 3}}]"),
         "directory.yml": CATALOGUE,
         **{f"content/gkml/2019/{n:05d}.md": f"第{n}号正文，见[示例](index:11440100MB2C00000X/2019-00001)。\n"
            for n in range(1, 8)}}


def tree(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def fresh(root: Path) -> dict[str, bytes]:
    """A fresh `mkdocs build` in its own process (MkDocs reuses plugin instances within one)."""
    result = run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(root.parent / "fresh")], root)
    assert result.returncode == 0, result.stderr
    return tree(root.parent / "fresh")


def save(root: Path, relative: str, text: str | bytes) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))


@pytest.fixture
def preview(tmp_path, monkeypatch):
    root = tmp_path / "project"
    write_project(root, FILES)
    monkeypatch.chdir(root)
    session = Preview(str(root / "mkdocs.yml"), str(tmp_path / "work"))
    os.makedirs(session.work_dir)
    assert session.full_build()
    calls, rendered = [], []
    original, original_apply = update_module.update, update_module.apply

    def recording(*args):
        job = original(*args)
        calls.append(bool(job))
        return job

    monkeypatch.setattr("disclosure.preview.serve.update", recording)
    monkeypatch.setattr(update_module, "apply", lambda config, plugin, plan, *more: rendered.append(list(plan.render))
                        or original_apply(config, plugin, plan, *more))
    session.calls, session.rendered = calls, rendered
    return root, session


def check(root: Path, session: Preview, incremental: bool | None = True) -> None:
    session.rebuild()
    session.settle()
    assert incremental is None or session.calls[-1] is incremental
    served = tree(Path(session.site_dir))
    expected = fresh(root)
    assert sorted(served) == sorted(expected)
    assert [path for path in expected if served[path] != expected[path]] == []


def test_body_title_category_and_attachment_saves_equal_a_full_build(preview):
    """Entry 2019-00002 interprets 2021-00001: its new title shows on that page too (相关解读)."""
    root, session = preview
    save(root, "content/gkml/2019/00003.md", "改过的正文，提到了数据开放。\n")
    check(root, session)
    save(root, "content/gkml/2019/00004.md", "## 一、总则\n\n改过的正文。\n\n## 二、附则\n\n自发布之日起施行。\n")
    check(root, session)  # headings: a table of contents in the page's shared chrome
    save(root, "directory.yml", CATALOGUE.replace("第2号规划文件", "改过的标题"))
    check(root, session)
    save(root, "directory.yml", CATALOGUE.replace("第2号规划文件", "改过的标题").replace(
        "第5号规划文件\n    category: plans", "第5号规划文件\n    category: normative"))
    check(root, session)
    save(root, "content/files/2021/00001-1.pdf", b"%PDF-1.4\n" + b"x" * 5000)
    check(root, session)
    save(root, "directory.yml", CATALOGUE.replace("第2号规划文件", "改过的标题").replace(
        "第5号规划文件\n    category: plans", "第5号规划文件\n    category: normative").replace(
        "date: 2019-03-01", "date: 2019-12-30"))  # the oldest to the top: search results follow its date
    check(root, session)


def test_exports_are_made_again_when_the_catalogue_is_read_again_or_were_not_written(preview):
    """A body save leaves the exports as they are (they are made of the catalogue only); a catalogue
    save makes them again; so does a body save after a batch that was stopped before it wrote them."""
    root, session = preview
    save(root, "content/gkml/2019/00003.md", "改过的正文。\n")
    check(root, session)
    assert not session.exports_started
    save(root, "directory.yml", CATALOGUE.replace("第2号规划文件", "改过的标题"))
    check(root, session)
    assert session.exports_started
    save(root, "directory.yml", CATALOGUE.replace("第2号规划文件", "又改过的标题"))
    session.rebuild()
    session.background.start(lambda: time.sleep(60), jobs=2, name="exports")  # exports stopped half-way, stopped in turn
    (Path(session.site_dir) / "gkml/catalogue.json").write_text("写了一半", encoding="utf-8")
    save(root, "content/gkml/2019/00003.md", "再改过的正文。\n")
    check(root, session)  # the catalogue's last exports were never written: this body save writes them
    assert session.exports_started
    save(root, "directory.yml", CATALOGUE.replace("第2号规划文件", "第三次改的标题"))
    session.rebuild()
    session.background.start(lambda: time.sleep(60), jobs=2, name="exports")  # stopped by the full build below
    (Path(session.site_dir) / "gkml/catalogue.json").write_text("写了一半", encoding="utf-8")
    seen = (root / "mkdocs.yml").stat()
    save(root, "mkdocs.yml", "site_name: [\n")  # a full build that fails: the served site stays as it was
    session.rebuild()
    (root / "mkdocs.yml").write_text(FILES["mkdocs.yml"], encoding="utf-8")
    os.utime(root / "mkdocs.yml", ns=(seen.st_atime_ns, seen.st_mtime_ns))  # as it was: no full build now
    save(root, "content/gkml/2019/00003.md", "第四次改的正文。\n")
    check(root, session)  # the failed full build wrote nothing: the stopped exports are written by this save
    assert session.exports_started


def test_entries_added_and_removed_follow_with_links_and_listings(preview):
    root, session = preview
    added = """\
  - index: 11440100MB2C00000X/2022-00001
    title: 新增的文件
    category: plans
    publisher: 规划科
    date: 2022-01-01
    body: gkml/2022/00001.md
    attachments:
      - {title: 新附件, file: files/2022/new.pdf}
"""
    save(root, "content/gkml/2022/00001.md", "新增正文。\n")
    save(root, "content/files/2022/new.pdf", b"%PDF-1.4\n%%EOF\n")
    save(root, "directory.yml", CATALOGUE.replace("entries:\n", "entries:\n" + added))  # every line below moves
    check(root, session)
    entries_rendered = [uri for uri in session.rendered[-1] if "/category/" not in uri and uri != "gkml/index.md"]
    assert entries_rendered == ["gkml/11440100MB2C00000X-2022-00001/index.md"]  # moved entries are not changed
    without_first = CATALOGUE.replace(MORE.split("  - index: 11440100MB2C00000X/2019-00002")[0], "")
    linked = {f"content/gkml/2019/{n:05d}.md": f"第{n}号正文。\n" for n in range(2, 8)}
    for relative, text in linked.items():
        save(root, relative, text)
    (root / "content/gkml/2019/00001.md").unlink()
    save(root, "directory.yml", without_first.replace("entries:\n", "entries:\n" + added))
    check(root, session)


def test_bad_save_keeps_the_last_good_site_and_reports_where(preview, caplog):
    root, session = preview
    before = tree(Path(session.site_dir))
    save(root, "directory.yml", CATALOGUE.replace("date: 2019-03-04", "date: 2019-02-30"))
    session.rebuild()
    assert "directory.yml:" in caplog.text and "2019-02-30" in caplog.text
    assert tree(Path(session.site_dir)) == before
    save(root, "directory.yml", CATALOGUE)
    save(root, "content/gkml/2019/00004.md", "见[不存在](index:11440100MB2C00000X/2000-00009)。\n")
    session.rebuild()
    assert "content/gkml/2019/00004.md:1:" in caplog.text and "2000-00009" in caplog.text
    assert tree(Path(session.site_dir)) == before
    save(root, "content/gkml/2019/00004.md", "恢复的正文。\n")
    check(root, session)


def test_removing_an_entry_reports_links_to_it_written_in_any_case(preview, caplog):
    """An `INDEX:` link (any case counts, as in a full build) to a removed entry is reported."""
    root, session = preview
    save(root, "content/gkml/2019/00003.md", "见[第7号](INDEX:11440100MB2C00000X/2019-00007)。\n")
    check(root, session)
    before = tree(Path(session.site_dir))
    seventh = "  - index: 11440100MB2C00000X/2019-00007" + MORE.split("  - index: 11440100MB2C00000X/2019-00007")[1]
    (root / "content/gkml/2019/00007.md").unlink()
    save(root, "directory.yml", CATALOGUE.replace(seventh, ""))
    session.rebuild()
    assert session.calls[-1] is True  # answered incrementally, not by a full build
    assert "content/gkml/2019/00003.md:1:" in caplog.text and "2019-00007" in caplog.text
    assert tree(Path(session.site_dir)) == before


def test_config_change_builds_everything(preview):
    root, session = preview
    save(root, "mkdocs.yml", FILES["mkdocs.yml"].replace("site_name: 示例", "site_name: 改名"))
    check(root, session, incremental=False)


def test_saves_in_quick_succession_equal_a_full_build(preview):
    """Each save starts its exports and search data again while the last save's may still be writing."""
    root, session = preview
    save(root, "directory.yml", CATALOGUE.replace("第2号规划文件", "第一次改的标题"))
    session.rebuild()
    save(root, "directory.yml", CATALOGUE.replace("第2号规划文件", "第二次改的标题"))
    session.rebuild()
    save(root, "content/gkml/2019/00003.md", "又改了正文。\n")
    check(root, session)


def test_saves_in_an_included_file_equal_a_full_build(preview):
    """The catalogue split with `include:`: a save in one year file reads only that file's changed entries."""
    root, session = preview
    head, entries = CATALOGUE.split("entries:\n")
    save(root, "catalogue/2019.yml", "entries:\n" + entries)
    save(root, "directory.yml", head + "include: [catalogue/*.yml]\n")
    check(root, session, incremental=None)
    save(root, "catalogue/2019.yml", "entries:\n" + entries.replace("第4号规划文件", "年度文件里改的标题"))
    check(root, session)
    save(root, "catalogue/2019.yml", "entries:\n" + entries.replace("第4号规划文件", "年度文件里改的标题")
         .replace("    date: 2019-03-06\n", "    date: 2019-03-06\n    doc_number: 示例〔2019〕6号\n"))
    check(root, session)


def test_the_full_build_hands_the_preview_its_full_text_postings(tmp_path, monkeypatch):
    """The full build writes the full-text index in a forked child; under the preview the child's
    postings come back, equal to posting every entry here, so that no save posts them all again."""
    from disclosure import forks
    from disclosure.search.postings import Postings
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setattr(forks, "can_fork", lambda: hasattr(os, "fork"))  # a test worker may hold browser threads
    root = tmp_path / "project"
    write_project(root, FILES)
    monkeypatch.chdir(root)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    index = config.plugins["disclosure"].fulltext
    fresh = Postings()
    fresh.sync(index.entries, index.texts)
    assert len(index.postings.posted) == len(index.entries) > 0
    assert index.postings.posted == fresh.posted and index.postings.numbers == fresh.numbers
    assert [dict(lists) for lists in index.postings.lists] == [dict(lists) for lists in fresh.lists]
