"""A failed build removes what it wrote and nothing else (site_cleanup.py)."""

from __future__ import annotations

import os

from conftest import MINIMAL_MKDOCS
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
