"""A build whose inputs are unchanged reuses the column of the last good build (build_cache.py): the
site is byte for byte what a build without the cache writes; any change, or a warning, means no reuse."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import MINIMAL_MKDOCS, SMALL_CATALOGUE, SMALL_FILES, built_afresh, mkdocs_build, site_tree, write_project

REUSED = "沿用上次生成的"
NO_CACHE = MINIMAL_MKDOCS.replace("disclosure]", "{disclosure: {cache: false}}]")


def fresh(root: Path, tmp_path: Path) -> dict[str, bytes]:
    """The same project built without the cache, in a copy of its own."""
    return built_afresh(root, tmp_path / "fresh", NO_CACHE)


def test_an_unchanged_rebuild_reuses_the_column_and_equals_a_full_build(tmp_path):
    root = tmp_path / "project"
    write_project(root, {"mkdocs.yml": MINIMAL_MKDOCS, "directory.yml": SMALL_CATALOGUE, **SMALL_FILES})
    status, output = mkdocs_build(root, root / "site")
    assert status == 0 and REUSED not in output, output
    assert (root / ".cache/disclosure/fingerprint.json").exists()
    status, output = mkdocs_build(root, root / "site")
    assert status == 0 and REUSED in output, output
    assert site_tree(root / "site") == fresh(root, tmp_path)


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


def test_a_reuse_leaves_the_column_as_it_is_and_stays_reusable(tmp_path):
    """Nothing of the column is written again but what MkDocs writes there itself on every build (the
    column home, a static file under the prefix); .cache holds the manifest only."""
    root = tmp_path / "project"
    write_project(root, {"mkdocs.yml": MINIMAL_MKDOCS, "directory.yml": SMALL_CATALOGUE, **SMALL_FILES,
                         "content/gkml/notice.txt": "栏目下的静态文件\n"})
    assert mkdocs_build(root, root / "site")[0] == 0
    built = {p.relative_to(root / "site/gkml"): p.stat() for p in (root / "site/gkml").rglob("*") if p.is_file()}
    assert len(built) > 10 and Path("notice.txt") in built and Path("feed.xml") in built
    assert [p.name for p in (root / ".cache/disclosure").iterdir()] == ["fingerprint.json"]
    for _ in range(2):  # the second reuse finds the column as the first left it
        status, output = mkdocs_build(root, root / "site")
        assert status == 0 and REUSED in output, output
    for relative, stat in built.items():
        now = (root / "site/gkml" / relative).stat()
        assert now.st_ino == stat.st_ino, relative
        untouched = (now.st_mtime_ns, now.st_ctime_ns) == (stat.st_mtime_ns, stat.st_ctime_ns)
        assert untouched == (str(relative) not in {"index.html", "notice.txt"}), relative
    assert site_tree(root / "site") == fresh(root, tmp_path)


@pytest.mark.parametrize("edit", ["in place", "removed", "added"])
def test_a_column_edited_since_is_a_full_build(tmp_path, edit):
    """As `mkdocs build --dirty`, a post-processing script or an interrupted build would leave it: the
    digest no longer matches, nothing is reused, and the build puts the column right."""
    root = tmp_path / "project"
    write_project(root, {"mkdocs.yml": MINIMAL_MKDOCS, "directory.yml": SMALL_CATALOGUE, **SMALL_FILES})
    assert mkdocs_build(root, root / "site")[0] == 0
    page = root / "site/gkml/11440100MB2C00000X-2021-00001/index.html"
    if edit == "in place":
        with open(page, "r+b") as stream:
            stream.write(b"<!-- edited -->")
    elif edit == "removed":
        page.unlink()
    else:
        (root / "site/gkml/extra.html").write_text("<p>多出来的</p>", encoding="utf-8")
    status, output = mkdocs_build(root, root / "site")
    assert status == 0 and REUSED not in output, output
    assert site_tree(root / "site") == fresh(root, tmp_path)
    status, output = mkdocs_build(root, root / "site")  # kept again: reused
    assert status == 0 and REUSED in output, output


def test_a_rewrite_never_reaches_a_hard_link_and_drops_the_links_of_earlier_versions(tmp_path):
    """Before, .cache/disclosure/column held hard links of the column; anyone may hold others (`cp -al`).
    The rewrite in place unlinks such files first, and the next kept build removes the old folder."""
    root = tmp_path / "project"
    write_project(root, {"mkdocs.yml": NO_CACHE, "directory.yml": SMALL_CATALOGUE, **SMALL_FILES})
    assert mkdocs_build(root, root / "site")[0] == 0
    page = root / "site/gkml/11440100MB2C00000X-2021-00001/index.html"
    (root / ".cache/disclosure/column").mkdir(parents=True)
    os.link(page, root / ".cache/disclosure/column/index.html")
    os.link(page, tmp_path / "backup.html")
    before = page.read_bytes()
    write_project(root, {"mkdocs.yml": MINIMAL_MKDOCS,
                         "directory.yml": SMALL_CATALOGUE.replace("关于印发示例管理办法的通知", "关于印发示例办法的通知")})
    status, output = mkdocs_build(root, root / "site")
    assert status == 0, output
    assert "关于印发示例办法的通知" in page.read_text(encoding="utf-8")
    assert (tmp_path / "backup.html").read_bytes() == before
    assert not (root / ".cache/disclosure/column").exists()
