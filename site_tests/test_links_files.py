"""`disclosure links` on hostile site folders: every file problem is a finding, never a traceback or a hang."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from conftest import run
from disclosure.cli import main
from disclosure.links import check_site
from disclosure.links import extract


def site_with(root: Path, **pages: str) -> Path:
    site = root / "site"
    (site / "gkml").mkdir(parents=True, exist_ok=True)
    (site / "gkml/index.html").write_text('<a href="ok.html">ok</a>', encoding="utf-8")
    (site / "gkml/ok.html").write_text("<p>ok</p>", encoding="utf-8")
    for name, html in pages.items():
        (site / name).write_text(html, encoding="utf-8")
    return site


def links_json(site: Path, *extra: str):
    """The real command in a subprocess with a timeout, so a hang fails the test instead of blocking it."""
    result = run([sys.executable, "-m", "disclosure.cli", "links", str(site), "--format", "json", *extra], site.parent)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout)


def test_dangling_symlink_loop_and_fifo_are_findings(tmp_path):
    site = site_with(tmp_path)
    os.symlink("nowhere.html", site / "gkml/dangling.html")
    os.symlink("loop-b.html", site / "gkml/loop-a.html")
    os.symlink("loop-a.html", site / "gkml/loop-b.html")
    os.mkfifo(site / "gkml/pipe.html")
    os.symlink("/dev/zero", site / "gkml/zero.html")
    code, data = links_json(site)
    assert code == 1
    reasons = {item["page"]: item["reason"] for item in data["broken"] if item["url"] == ""}
    assert "符号链接指向不存在的文件" in reasons["gkml/dangling.html"]
    assert "符号链接循环" in reasons["gkml/loop-a.html"] and "符号链接循环" in reasons["gkml/loop-b.html"]
    assert "命名管道" in reasons["gkml/pipe.html"] and "设备文件" in reasons["gkml/zero.html"]


def test_links_to_special_files_are_broken_not_followed(tmp_path):
    site = site_with(tmp_path)
    os.mkfifo(site / "gkml/pipe.html")
    (site / "gkml/index.html").write_text('<a href="pipe.html#x">p</a>', encoding="utf-8")
    code, data = links_json(site)
    assert code == 1 and {b["url"] for b in data["broken"]} == {"pipe.html#x", ""}


def test_unreadable_page_is_a_finding(tmp_path, monkeypatch, capsys):
    site = site_with(tmp_path)
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if str(path).endswith("gkml/ok.html"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    result = check_site(str(site))
    assert [(b.page, b.url, b.reason) for b in result.broken] == [("gkml/ok.html", "", "没有读取权限")]
    monkeypatch.chdir(tmp_path)
    assert main(["links", str(site)]) == 1
    out = capsys.readouterr().out
    assert "（文件本身） —— 没有读取权限（页面 gkml/ok.html）" in out and "1 个文件无法检查" in out


def test_non_utf8_page_is_a_finding_and_still_checked(tmp_path):
    site = site_with(tmp_path)
    (site / "gkml/gbk.html").write_bytes('<p>中文</p><a href="gone.html">x</a>'.encode("gbk"))
    result = check_site(str(site))
    assert sorted((b.page, b.url) for b in result.broken) == [("gkml/gbk.html", ""), ("gkml/gbk.html", "gone.html")]
    assert any("UTF-8" in b.reason for b in result.broken)


def test_oversize_page_is_a_finding_and_not_read(tmp_path, monkeypatch):
    site = site_with(tmp_path)
    with open(site / "gkml/huge.html", "wb") as stream:
        stream.truncate(extract.MAX_PAGE_BYTES + 1)  # sparse: no disk used
    result = check_site(str(site))
    assert any(b.page == "gkml/huge.html" and not b.url and "文件过大" in b.reason for b in result.broken)


@pytest.mark.parametrize("url", ["http://[x/", "http://[待补充]/a.html", "https://host:99999/", "//[::1"])
def test_unparsable_urls_are_broken_links_not_crashes(tmp_path, url):
    site = site_with(tmp_path)
    (site / "gkml/index.html").write_text(f'<a href="{url}">x</a><img src="{url}">', encoding="utf-8")
    code, data = links_json(site, "--external", "--cache", str(tmp_path / "cache.json"), "--timeout", "1")
    assert code == 1 and data["broken"] and all(b["url"] == url for b in data["broken"])
