"""Nothing outside content/ reaches the site; files MkDocs would not publish are refused (content_files.py)."""

from __future__ import annotations

import os
import sys

import pytest

from conftest import MINIMAL_MKDOCS, SMALL_CATALOGUE, SMALL_FILES, run, write_project


def project(tmp_path, extra: dict | None = None, directory: str = SMALL_CATALOGUE, mkdocs: str = MINIMAL_MKDOCS):
    write_project(tmp_path, {"mkdocs.yml": mkdocs, **SMALL_FILES, "directory.yml": directory, **(extra or {})})
    return tmp_path


def validate(root):
    result = run([sys.executable, "-m", "disclosure.cli", "validate"], root)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def build(root):
    result = run([sys.executable, "-m", "mkdocs", "build", "-d", str(root / "site")], root)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


LINKS = {
    "content/files/env.txt": "/proc/self/environ",
    "content/files/passwd.pdf": "/etc/passwd",
    "content/ssl": "/etc/ssl",
    "content/secret.md": "/etc/hostname",
}


@pytest.mark.parametrize("link, target", LINKS.items())
def test_a_symlink_leading_outside_content_is_an_error_in_validate_and_build(tmp_path, link, target):
    root = project(tmp_path)
    os.symlink(target, root / link)
    checked = validate(root)
    assert checked.returncode == 1 and f"{link}:1:1: 文件: 符号链接指向 content/ 之外" in checked.stdout
    built = build(root)
    assert built.returncode != 0 and f"{link}:1:1" in built.stdout + built.stderr
    assert not (root / "site").exists() or not any((root / "site").rglob("*")), "nothing published"


def test_dangling_links_loops_and_pipes_are_errors_not_hangs(tmp_path):
    root = project(tmp_path)
    os.symlink("gone.pdf", root / "content/files/dangling.pdf")
    os.symlink("loop-b", root / "content/loop-a")
    os.symlink("loop-a", root / "content/loop-b")
    os.symlink(".", root / "content/files/self")
    os.mkfifo(root / "content/files/pipe.pdf")
    out = validate(root).stdout
    assert "content/files/dangling.pdf:1:1: 文件: 符号链接指向不存在的文件" in out
    assert "content/loop-a:1:1: 文件: 符号链接循环" in out and "content/loop-b:1:1" in out
    assert "content/files/self:1:1: 文件: 符号链接指向它所在的上级文件夹" in out
    assert "content/files/pipe.pdf:1:1: 文件: 这是一个命名管道" in out
    assert build(root).returncode != 0


def test_links_inside_content_are_fine(tmp_path):
    root = project(tmp_path)
    os.symlink("00001-1.pdf", root / "content/files/2021/latest.pdf")
    assert validate(root).returncode == 0


@pytest.mark.parametrize("place", [".hidden/a.pdf", "templates/a.pdf", "drafts/a.pdf", "gkml/.old/a.pdf"])
def test_attachments_where_mkdocs_publishes_nothing_are_refused(tmp_path, place):
    mkdocs = MINIMAL_MKDOCS + "exclude_docs: |\n  drafts/\n"
    root = project(tmp_path, {f"content/{place}": "%PDF-1.4\n"}, SMALL_CATALOGUE.replace("files/2021/00001-1.pdf", place), mkdocs)
    out = validate(root).stdout
    assert f'entries[11440100MB2C00000X/2021-00001].attachments: 文件 "{place}" 在 MkDocs 不发布的位置' in out, out
    assert build(root).returncode != 0


@pytest.mark.parametrize("body", ["index.md", "gkml/index.md", "about.md"])
def test_a_body_cannot_take_a_page_away_from_the_site(tmp_path, body):
    mkdocs = MINIMAL_MKDOCS + "nav:\n  - 首页: index.md\n  - 关于: about.md\n"
    root = project(tmp_path, {"content/about.md": "# 关于\n", "content/gkml/index.md": "栏目介绍\n"},
                   SMALL_CATALOGUE.replace("body: gkml/2021/00001.md", f"body: {body}"), mkdocs)
    out = validate(root).stdout
    assert f'.body: 正文不能用 "{body}"' in out, out


def test_theme_overrides_cannot_publish_a_file_from_elsewhere(tmp_path):
    mkdocs = MINIMAL_MKDOCS.replace("theme: {name: material, language: zh}",
                                    "theme: {name: material, language: zh, custom_dir: theme_overrides}")
    root = project(tmp_path, {"theme_overrides/main.html": '{% extends "base.html" %}\n'}, mkdocs=mkdocs)
    (root / "theme_overrides/assets").mkdir()
    os.symlink("/etc/passwd", root / "theme_overrides/assets/passwd.txt")
    out = validate(root).stdout
    assert "theme_overrides/assets/passwd.txt:1:1: 文件: 符号链接指向 theme_overrides/ 之外" in out, out
    assert build(root).returncode != 0
