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


def test_bad_ignore_pattern_is_a_usage_error(tmp_path: Path, capsys):
    assert main(["links", str(make_site(tmp_path, False)), "--ignore", "(["]) == 2
    assert "正则表达式有误" in capsys.readouterr().err


def test_external_option_against_a_local_server(tmp_path: Path, capsys, monkeypatch):
    import http.server
    import threading

    class NotFound(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self):
            self.send_response(404 if "gone" in self.path else 200)
            self.end_headers()

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), NotFound)
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        monkeypatch.chdir(tmp_path)
        site = make_site(tmp_path, False)
        (site / "gkml/index.html").write_text(f'<a href="{base}/ok">a</a><a href="{base}/gone">b</a>', encoding="utf-8")
        code = main(["links", str(site), "--external", "--format", "json", "--timeout", "1", "--cache", "c.json"])
        data = json.loads(capsys.readouterr().out)
        assert code == 1
        assert [(b["url"], b["reason"]) for b in data["broken"]] == [(f"{base}/gone", "HTTP 404：页面不存在")]
        assert main(["links", str(site), "--format", "json"]) == 0  # without --external other hosts are not asked
    finally:
        httpd.shutdown()
        httpd.server_close()
