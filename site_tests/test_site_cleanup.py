"""A failed build removes what it wrote and nothing else (site_cleanup.py)."""

from __future__ import annotations

from conftest import MINIMAL_MKDOCS

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


def test_failure_before_writing_leaves_the_folder_alone(build_site):
    previous = {"site/index.html": "<p>上次生成的网站</p>", **DEPLOY_CHECKOUT}
    built = build_site(files=previous, directory="agency: [\n")
    assert built.returncode != 0 and "Traceback" not in built.output
    assert (built.site / "index.html").read_text(encoding="utf-8") == "<p>上次生成的网站</p>"
    assert (built.site / ".git/HEAD").exists() and (built.site / ".nojekyll").exists()


def test_successful_build_keeps_dotfiles(build_site):
    built = build_site(files=DEPLOY_CHECKOUT)
    assert built.returncode == 0, built.output
    assert (built.site / ".git/HEAD").exists() and (built.site / ".nojekyll").exists()
