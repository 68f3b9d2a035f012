"""A failed build removes what it wrote and nothing else (site_cleanup.py)."""

from __future__ import annotations

import os

import pytest

from conftest import MINIMAL_MKDOCS, SMALL_CATALOGUE, SMALL_FILES, built_afresh, mkdocs_build, site_tree, write_project
from disclosure import site_cleanup

DEAD_LINK_PAGE = {"content/about.md": "# 关于\n\n[不存在](missing.md)\n"}
DEPLOY_CHECKOUT = {"site/.git/HEAD": "ref: refs/heads/gh-pages\n", "site/.nojekyll": "", "site/.well-known/x": "y"}


def test_failure_after_writing_removes_the_written_site_and_keeps_dotfiles(build_site):
    """The dead-link check fails in on_post_build, after MkDocs wrote every page and asset."""
    built = build_site(files={**DEAD_LINK_PAGE, **DEPLOY_CHECKOUT},
                       mkdocs=MINIMAL_MKDOCS.replace("[search, disclosure]",
                                                     "[search, {disclosure: {check_links_scope: site}}]"))
    assert built.returncode != 0 and "missing.md" in built.output, built.output
    assert "Traceback" not in built.output
    assert (built.site / ".git/HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    assert (built.site / ".nojekyll").exists() and (built.site / ".well-known/x").exists()
    assert sorted(p.name for p in built.site.iterdir()) == [".git", ".nojekyll", ".well-known"]


def test_failure_before_writing_removes_the_earlier_site_and_keeps_dotfiles(build_site):
    """A catalogue error stops the build in on_config, before MkDocs' own clean: the earlier site it
    was about to replace goes (it must not pass for this build's result), the deployment's dotfiles stay."""
    previous = {"site/index.html": "<p>上次生成的网站</p>", "site/gkml/index.html": "<p>旧</p>", **DEPLOY_CHECKOUT}
    built = build_site(files=previous, directory="agency: [\n")
    assert built.returncode != 0 and "Traceback" not in built.output
    assert sorted(p.name for p in built.site.iterdir()) == [".git", ".nojekyll", ".well-known"]


def test_dirty_builds_lose_only_the_files_written_since_the_start(tmp_path):
    old = {"kept.html": "旧", "gkml/kept.css": "旧", ".nojekyll": ""}
    for name, text in old.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
        os.utime(tmp_path / name, (1_000_000_000, 1_000_000_000))
    since = site_cleanup.build_started()
    for name in ("new.html", "gkml/new.html", "fresh/a/b.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("新", encoding="utf-8")
    site_cleanup.remove_after_failure(str(tmp_path), dirty=True, since=since)
    left = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    assert left == [".nojekyll", "gkml", "gkml/kept.css", "kept.html"]


def test_successful_build_keeps_dotfiles(build_site):
    built = build_site(files=DEPLOY_CHECKOUT)
    assert built.returncode == 0, built.output
    assert (built.site / ".git/HEAD").exists() and (built.site / ".nojekyll").exists()


def test_the_earlier_site_is_removed_aside_while_building_and_gone_after(build_site):
    """site_cleanup.set_aside: the earlier pages move into a dot folder removed by a forked child; the
    build waits for it, so nothing of the earlier site and no dot folder of ours is left."""
    previous = {"site/old/index.html": "<p>旧页面</p>", "site/old.css": "p{}", **DEPLOY_CHECKOUT}
    built = build_site(files=previous)
    assert built.returncode == 0, built.output
    names = {p.name for p in built.site.iterdir()}
    assert not {"old", "old.css", site_cleanup.STALE} & names and {".git", ".nojekyll", "gkml"} <= names


def test_a_build_over_the_earlier_site_rewrites_its_column_in_place_and_leaves_nothing_stale(tmp_path):
    """The earlier column comes back and is rewritten where it is (the same files); what this build does
    not write (a removed entry's page, a removed static file) goes: the site equals one built afresh."""
    root = tmp_path / "project"
    mkdocs = MINIMAL_MKDOCS.replace("disclosure]", "{disclosure: {cache: false}}]")
    write_project(root, {"mkdocs.yml": mkdocs, "directory.yml": SMALL_CATALOGUE, **SMALL_FILES,
                         "content/gkml/old/notice.txt": "栏目下的静态文件\n"})
    assert mkdocs_build(root, root / "site")[0] == 0
    kept = root / "site/gkml/11440100MB2C00000X-2021-00001/index.html"
    inode, removed = kept.stat().st_ino, root / "site/gkml/11440100MB2C00000X-2020-00007/index.html"
    assert removed.exists() and (root / "site/gkml/old/notice.txt").exists()
    (root / "content/gkml/old/notice.txt").unlink()
    catalogue = SMALL_CATALOGUE[:SMALL_CATALOGUE.index("  - index: 11440100MB2C00000X/2020-00007")]
    write_project(root, {"directory.yml": catalogue,
                         "content/gkml/2021/00001.md": "第一条 改过的正文。\n"})
    status, output = mkdocs_build(root, root / "site")
    assert status == 0, output
    assert kept.stat().st_ino == inode and "改过的正文" in kept.read_text(encoding="utf-8")
    assert not removed.parent.exists() and not (root / "site/gkml/old").exists()
    assert site_tree(root / "site") == built_afresh(root, tmp_path / "fresh", mkdocs)


def test_static_files_whose_earlier_copy_is_the_same_stay_and_the_others_are_copied(tmp_path):
    """MkDocs would copy every static file again; an earlier copy with the same bytes stays (the same file),
    one with other bytes of the same size, or a symlink in its place, is replaced; the site equals one built afresh."""
    root, site = tmp_path / "project", tmp_path / "project/site"
    mkdocs = MINIMAL_MKDOCS.replace("disclosure]", "{disclosure: {cache: false}}]")
    write_project(root, {"mkdocs.yml": mkdocs, "directory.yml": SMALL_CATALOGUE, **SMALL_FILES,
                         "content/files/same.bin": b"A" * 5000, "content/files/edited.bin": b"B" * 5000,
                         "content/files/linked.bin": b"C" * 10, "content/files/gone.bin": b"D"})
    assert mkdocs_build(root, site)[0] == 0
    same = (site / "files/same.bin").stat().st_ino
    write_project(root, {"content/files/edited.bin": b"b" * 5000})  # the same size, other bytes
    (root / "content/files/gone.bin").unlink()
    outside = tmp_path / "outside.bin"
    outside.write_bytes(b"C" * 10)
    (site / "files/linked.bin").unlink()
    (site / "files/linked.bin").symlink_to(outside)  # the same bytes, through a link
    status, output = mkdocs_build(root, site)
    assert status == 0, output
    assert (site / "files/same.bin").stat().st_ino == same  # kept, not copied again
    assert (site / "files/edited.bin").read_bytes() == b"b" * 5000
    assert not (site / "files/linked.bin").is_symlink() and outside.read_bytes() == b"C" * 10
    assert not (site / "files/gone.bin").exists()
    assert site_tree(site) == built_afresh(root, tmp_path / "fresh", mkdocs)


def test_a_static_file_that_fails_to_copy_fails_the_build_and_leaves_no_site(tmp_path, monkeypatch):
    root, site = tmp_path / "project", tmp_path / "project/site"
    write_project(root, {"mkdocs.yml": MINIMAL_MKDOCS, "directory.yml": SMALL_CATALOGUE, **SMALL_FILES, **DEPLOY_CHECKOUT,
                         "content/files/edited.bin": b"B" * 50})
    assert mkdocs_build(root, site)[0] == 0
    write_project(root, {"content/files/edited.bin": b"b" * 50})

    def full_disk(source: str, target: str) -> None:
        raise OSError(28, "磁盘已满", target)

    monkeypatch.setattr(site_cleanup, "copy_file", full_disk)  # the build and its children are forks of this process
    status, output = mkdocs_build(root, site)
    assert status != 0 and "复制附件等静态文件" in output and "磁盘已满" in output and "Traceback" not in output, output
    assert sorted(p.name for p in site.iterdir()) == [".git", ".nojekyll", ".well-known"]


def test_a_failed_build_over_the_earlier_site_leaves_no_site(tmp_path):
    """The earlier column was taken back and partly rewritten: after the failure nothing of it stays."""
    root = tmp_path / "project"
    mkdocs = MINIMAL_MKDOCS.replace("[search, disclosure]", "[search, {disclosure: {check_links_scope: site}}]")
    write_project(root, {"mkdocs.yml": mkdocs, "directory.yml": SMALL_CATALOGUE, **SMALL_FILES, **DEPLOY_CHECKOUT})
    assert mkdocs_build(root, root / "site")[0] == 0
    write_project(root, DEAD_LINK_PAGE)
    status, output = mkdocs_build(root, root / "site")
    assert status != 0 and "missing.md" in output and "Traceback" not in output, output
    assert sorted(p.name for p in (root / "site").iterdir()) == [".git", ".nojekyll", ".well-known"]


def test_make_room_clears_what_stands_in_the_way_of_a_rewrite(tmp_path):
    files = {"a/index.html": "旧", "b": "文件，这次要做文件夹", "c/d.html": "文件夹，这次要做文件", "e.html": "留着",
             "outside/secret.txt": "站点之外"}
    write_project(tmp_path, files)
    os.link(tmp_path / "a/index.html", tmp_path / "elsewhere.html")
    (tmp_path / "a/feed.xml").symlink_to(tmp_path / "outside/secret.txt")
    (tmp_path / "a/linked").symlink_to(tmp_path / "outside", target_is_directory=True)
    os.mkfifo(tmp_path / "a/pipe.html")
    column = str(tmp_path)
    site_cleanup.make_room(os.path.join(column, "a"), {os.path.join(column, "a/index.html")})
    assert not (tmp_path / "a/index.html").exists() and (tmp_path / "elsewhere.html").read_text(encoding="utf-8") == "旧"
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == []  # the links and the pipe too; their targets stay
    assert (tmp_path / "outside/secret.txt").read_text(encoding="utf-8") == "站点之外"
    (tmp_path / "a/feed.xml").symlink_to(tmp_path / "outside/secret.txt")  # one made after make_room
    with pytest.raises(OSError):
        site_cleanup.write_in_place(b"<feed/>", str(tmp_path / "a/feed.xml"))
    assert (tmp_path / "outside/secret.txt").read_text(encoding="utf-8") == "站点之外"
    (tmp_path / "a/feed.xml").unlink()
    written = {os.path.join(column, name) for name in ("b/index.html", "c", "e.html")}
    site_cleanup.make_room(column, written)
    assert not (tmp_path / "b").exists() and not (tmp_path / "c").exists()
    assert (tmp_path / "e.html").exists() and (tmp_path / "elsewhere.html").exists()


def test_remove_unwritten_goes_by_the_inode_change_time(tmp_path):
    """Modification times can be set back (a copy keeping them, `touch -d`); inode change times cannot.
    Files written just before the build started count as earlier, however coarse the file system's clock."""
    write_project(tmp_path, {"old/a.html": "旧", "old/b.html": "旧", "kept/c.html": "旧", "renamed.html": "旧"})
    since = site_cleanup.build_started()  # right after the old files: no file-system tick between
    (tmp_path / "kept/c.html").write_text("新", encoding="utf-8")
    os.utime(tmp_path / "kept/c.html", (1_000_000_000, 1_000_000_000))
    os.rename(tmp_path / "renamed.html", tmp_path / "moved.html")
    site_cleanup.remove_unwritten(str(tmp_path), since)
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == ["kept", "kept/c.html", "moved.html"]


def test_write_in_place_keeps_the_file_and_leaves_no_tail_but_never_writes_through_a_hard_link(tmp_path):
    page = tmp_path / "a/b/index.html"
    site_cleanup.write_in_place("较长的旧页面内容".encode(), str(page))  # folders made as MkDocs' write_file makes them
    inode = page.stat().st_ino
    for content in ("短".encode(), "更长一些的新页面内容，比旧的长".encode(), b""):
        site_cleanup.write_in_place(content, str(page))
        assert page.read_bytes() == content and page.stat().st_ino == inode
    os.link(page, tmp_path / "backup.html")  # a hard link: replaced, not written through
    site_cleanup.write_in_place("新".encode(), str(page))
    assert page.read_text(encoding="utf-8") == "新" and (tmp_path / "backup.html").read_bytes() == b""
    assert page.stat().st_ino != inode and page.stat().st_nlink == 1
