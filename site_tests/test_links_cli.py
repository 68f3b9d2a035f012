"""`disclosure links SITE_DIR`: exit codes 0 / 1 / 2 and the output formats on a small hand-made site."""

from __future__ import annotations

import json
from pathlib import Path

from disclosure.cli import main


def make_site(root: Path, broken: bool) -> Path:
    site = root / "site"
    (site / "gkml").mkdir(parents=True)
    target = "missing.html" if broken else "index.html"
    (site / "gkml/index.html").write_text(f'<a href="{target}">x</a><a href="mailto:a@b.c">m</a>', encoding="utf-8")
    return site


def test_exit_0_when_nothing_is_broken(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["links", str(make_site(tmp_path, False))]) == 0
    assert "没有发现失效链接" in capsys.readouterr().out


def test_exit_1_and_json(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["links", str(make_site(tmp_path, True)), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data == {"pages": 1, "links": 2, "broken": [
        {"page": "gkml/index.html", "url": "missing.html", "reason": "目标文件不存在", "source": None}]}


def test_github_format(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["links", str(make_site(tmp_path, True)), "--format", "github"]) == 1
    assert capsys.readouterr().out.startswith("::error::失效链接 missing.html")


def test_exit_2_on_usage_errors(tmp_path: Path, capsys):
    assert main(["links", str(tmp_path / "nowhere")]) == 2
    assert "找不到网站文件夹" in capsys.readouterr().err
    assert main(["links", str(tmp_path), "--format", "xml"]) == 2
    assert main(["links"]) == 2
    assert main(["links", str(tmp_path), "-f", str(tmp_path / "no.yml")]) == 2
