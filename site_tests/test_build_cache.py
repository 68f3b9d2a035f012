"""A build whose inputs are unchanged reuses the column of the last good build (build_cache.py): the
site is byte for byte what a build without the cache writes; any change, or a warning, means no reuse."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from conftest import MINIMAL_MKDOCS, SMALL_CATALOGUE, SMALL_FILES, mkdocs_build, write_project
from disclosure import build_cache

REUSED = "取自 .cache/disclosure"
NO_CACHE = MINIMAL_MKDOCS.replace("disclosure]", "{disclosure: {cache: false}}]")


def tree(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def fresh(root: Path, tmp_path: Path) -> dict[str, bytes]:
    """The same project built without the cache, in a copy of its own."""
    other = tmp_path / "fresh"
    files = {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*")
             if p.is_file() and not {"site", ".cache"} & set(p.relative_to(root).parts)}
    write_project(other, {**files, "mkdocs.yml": NO_CACHE})
    status, output = mkdocs_build(other, other / "site")
    assert status == 0, output
    return tree(other / "site")


def test_an_unchanged_rebuild_reuses_the_column_and_equals_a_full_build(tmp_path):
    root = tmp_path / "project"
    write_project(root, {"mkdocs.yml": MINIMAL_MKDOCS, "directory.yml": SMALL_CATALOGUE, **SMALL_FILES})
    status, output = mkdocs_build(root, root / "site")
    assert status == 0 and REUSED not in output, output
    assert (root / ".cache/disclosure/fingerprint.json").exists()
    status, output = mkdocs_build(root, root / "site")
    assert status == 0 and REUSED in output, output
    assert tree(root / "site") == fresh(root, tmp_path)


def test_a_changed_body_or_template_builds_again(tmp_path):
    root = tmp_path / "project"
    custom = MINIMAL_MKDOCS.replace("language: zh}", "language: zh, custom_dir: overrides}")
    write_project(root, {"mkdocs.yml": custom, "directory.yml": SMALL_CATALOGUE, **SMALL_FILES,
                         "overrides/README.txt": "模板覆盖\n"})
    assert mkdocs_build(root, root / "site")[0] == 0
    body = root / "content/gkml/2021/00001.md"
    body.write_text("第一条 改过的正文。\n", encoding="utf-8")
    os.utime(body, ns=(body.stat().st_atime_ns, body.stat().st_mtime_ns + 10_000_000))
    status, output = mkdocs_build(root, root / "site")
    assert status == 0 and REUSED not in output, output
    assert "改过的正文" in (root / "site/gkml/11440100MB2C00000X-2021-00001/index.html").read_text(encoding="utf-8")
    write_project(root, {"overrides/disclosure/relations.html": "<p>自定义的条目信息</p>\n"})
    status, output = mkdocs_build(root, root / "site")
    assert status == 0 and REUSED not in output, output
    assert "自定义的条目信息" in (root / "site/gkml/11440100MB2C00000X-2021-00001/index.html").read_text(encoding="utf-8")


def test_a_build_whose_pages_warned_is_not_kept(tmp_path):
    """A reuse would not repeat what rendering the pages said (here MkDocs on an absolute link)."""
    root = tmp_path / "project"
    mkdocs = MINIMAL_MKDOCS.replace("disclosure]", "{disclosure: {workers: 2}}]") + \
        "validation: {links: {absolute_links: warn}}\n"  # two workers: the warning comes back from one
    write_project(root, {"mkdocs.yml": mkdocs, "directory.yml": SMALL_CATALOGUE, **SMALL_FILES,
                         "content/gkml/2021/00001.md": "见[首页](/)。\n"})
    status, output = mkdocs_build(root, root / "site")
    assert status == 0 and "contains an absolute link '/'" in output, output
    assert not (root / ".cache/disclosure/fingerprint.json").exists()


def test_the_cache_holds_hard_links_of_the_site_and_a_reuse_stays_reusable(tmp_path):
    """Kept and put back by hard links; what MkDocs writes into the column itself (the column home, a
    static file under the prefix) is not linked back, since it rewrites it in place on every build."""
    root = tmp_path / "project"
    write_project(root, {"mkdocs.yml": MINIMAL_MKDOCS, "directory.yml": SMALL_CATALOGUE, **SMALL_FILES,
                         "content/gkml/notice.txt": "栏目下的静态文件\n"})
    assert mkdocs_build(root, root / "site")[0] == 0
    cached = {p.relative_to(root / ".cache/disclosure/column"): p.stat() for p in (root / ".cache/disclosure/column").rglob("*")
              if p.is_file()}
    assert len(cached) > 10 and Path("notice.txt") in cached and Path("feed.xml") in cached
    assert all((root / "site/gkml" / relative).stat().st_ino == stat.st_ino for relative, stat in cached.items())
    for _ in range(2):  # the second reuse finds the cache as the first left it
        status, output = mkdocs_build(root, root / "site")
        assert status == 0 and REUSED in output, output
    for relative, stat in cached.items():
        linked = (root / "site/gkml" / relative).stat().st_ino == stat.st_ino
        assert linked == (str(relative) not in {"index.html", "notice.txt"}), relative
        assert (root / ".cache/disclosure/column" / relative).stat().st_mtime_ns == stat.st_mtime_ns
    assert tree(root / "site") == fresh(root, tmp_path)


def test_a_site_file_edited_in_place_is_a_full_build(tmp_path):
    """The edit reaches the cache through the hard link: its digest no longer matches, nothing is reused."""
    root = tmp_path / "project"
    write_project(root, {"mkdocs.yml": MINIMAL_MKDOCS, "directory.yml": SMALL_CATALOGUE, **SMALL_FILES})
    assert mkdocs_build(root, root / "site")[0] == 0
    page = root / "site/gkml/11440100MB2C00000X-2021-00001/index.html"
    inode = page.stat().st_ino
    with open(page, "r+b") as stream:  # as `mkdocs build --dirty` or a post-processing script would
        stream.write(b"<!-- edited -->")
    assert page.stat().st_ino == inode
    assert (root / ".cache/disclosure/column/11440100MB2C00000X-2021-00001/index.html").read_bytes().startswith(b"<!-- edited")
    status, output = mkdocs_build(root, root / "site")
    assert status == 0 and REUSED not in output, output
    assert tree(root / "site") == fresh(root, tmp_path)
    status, output = mkdocs_build(root, root / "site")  # kept again: reused
    assert status == 0 and REUSED in output, output


def test_files_are_copied_where_the_filesystem_will_not_link(tmp_path, monkeypatch):
    source, target = tmp_path / "column", tmp_path / "cache"
    write_project(source, {"index.html": "<p>栏目</p>", "a/index.html": "<p>条目</p>", "search/x.json": "{}"})
    calls = []

    def refuse(code: int):
        def link(*args, **kwargs):
            calls.append(args)
            raise OSError(code, os.strerror(code))
        return link

    monkeypatch.setattr(os, "link", refuse(errno.EXDEV))  # .cache on another filesystem than the site
    assert build_cache.link_tree(str(source), str(target)) is False
    assert len(calls) == 1  # then copies without trying again
    for relative in ("index.html", "a/index.html", "search/x.json"):
        assert (target / relative).read_bytes() == (source / relative).read_bytes()
        assert (target / relative).stat().st_ino != (source / relative).stat().st_ino
        assert (target / relative).stat().st_mtime_ns == (source / relative).stat().st_mtime_ns
    monkeypatch.setattr(os, "link", refuse(errno.EACCES))
    with pytest.raises(PermissionError):  # any other failure is no reason to copy
        build_cache.link_tree(str(source), str(tmp_path / "other"))


def test_a_file_written_before_the_restore_gives_way_to_the_cached_one(tmp_path):
    """Another plugin may write into the column before on_env: the cached file replaces it, as a copy did."""
    source, target = tmp_path / "cache", tmp_path / "site"
    write_project(source, {"a/index.html": "<p>缓存的条目</p>"})
    write_project(target, {"a/index.html": "<p>先写的</p>"})
    assert build_cache.link_tree(str(source), str(target)) is True
    assert (target / "a/index.html").stat().st_ino == (source / "a/index.html").stat().st_ino
