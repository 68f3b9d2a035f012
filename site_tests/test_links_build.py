"""The link check at the end of `mkdocs build` (links/build.py) on real builds."""

from __future__ import annotations

import json
import logging

import yaml

from conftest import MINIMAL_MKDOCS, SMALL_CATALOGUE, SMALL_FILES, run
from disclosure.links import check_site

BODY = "content/gkml/2021/00001.md"
ATTACHMENT_LINE = SMALL_CATALOGUE.splitlines().index("      - {title: 附件1, file: files/2021/00001-1.pdf}") + 1


def small_site_pages() -> int:
    """HTML pages of the small project: its Markdown pages, 404, the column home, one listing per
    category (each holds fewer than page_size entries) and one page per entry."""
    catalogue = yaml.safe_load(SMALL_CATALOGUE)
    categories, todo = 0, list(catalogue["categories"])
    while todo:
        categories += 1
        todo += todo.pop().get("children", [])
    markdown = [name for name in SMALL_FILES if name.endswith(".md") and not name.startswith("content/gkml/")]
    return len(markdown) + 1 + 1 + categories + len(catalogue["entries"])


def test_small_site_has_no_dead_link_anywhere(build_site):
    built = build_site()
    assert built.returncode == 0, built.output
    result = check_site(str(built.site))
    assert result.broken == [] and result.pages == small_site_pages() == 8 and result.links > 50


def test_dead_link_in_entry_body_fails_the_build_at_its_line(build_site):
    body = "第一条 正文。\n\n第三行见[附件](../../files/nowhere.pdf)。\n"
    built = build_site(files={BODY: body})
    assert built.returncode != 0
    assert "失效链接" in built.output and f"{BODY}:" in built.output
    assert "第 3 行" in built.output and "目标文件不存在" in built.output
    assert "Traceback" not in built.output
    assert built.leftovers() == []  # MkDocs had written every page before the check failed


def test_attachment_left_out_of_the_site_is_refused_at_its_directory_yml_line(build_site):
    """MkDocs would not publish it (exclude_docs): validation says so before the build, at the entry's line."""
    built = build_site(mkdocs=MINIMAL_MKDOCS + "exclude_docs: files/2021/00001-1.pdf\n")
    assert built.returncode != 0 and "Traceback" not in built.output
    assert f"directory.yml:{ATTACHMENT_LINE}:" in built.output and "MkDocs 不发布的位置" in built.output
    assert built.leftovers() == []


def test_pages_outside_the_column_are_checked_only_with_site_scope(build_site):
    files = {"content/about.md": "# 关于\n\n[旧页面](old.md)\n"}
    assert build_site(files=files).returncode == 0
    site_scope = MINIMAL_MKDOCS.replace("plugins: [search, disclosure]",
                                        "plugins:\n  - search\n  - disclosure:\n      check_links_scope: site\n")
    built = build_site(files=files, mkdocs=site_scope)
    assert built.returncode != 0
    assert "content/about.md:" in built.output and "第 3 行" in built.output


def test_check_can_be_turned_off(build_site):
    off = MINIMAL_MKDOCS.replace("plugins: [search, disclosure]",
                                 "plugins:\n  - search\n  - disclosure:\n      check_links: false\n")
    built = build_site(files={BODY: "[坏](../../files/nowhere.pdf)\n"}, mkdocs=off)
    assert built.returncode == 0, built.output


def test_serve_only_warns(build_site, caplog):
    from mkdocs.config import load_config

    from disclosure.links.build import check_built_site

    built = build_site(files={BODY: "[坏](../../files/nowhere.pdf)\n"}, mkdocs=MINIMAL_MKDOCS.replace(
        "plugins: [search, disclosure]", "plugins:\n  - search\n  - disclosure:\n      check_links: false\n"))
    config = load_config(str(built.root / "mkdocs.yml"), site_dir=str(built.site))
    options = config.plugins["disclosure"].config
    options["check_links"] = True
    log = logging.getLogger("test.links")
    with caplog.at_level(logging.WARNING, logger="test.links"):
        _, result = check_built_site(config, options, None, serving=True, log=log, beside=lambda: None)
    assert result is not None and len(result.broken) == 1
    assert any("nowhere.pdf" in record.getMessage() for record in caplog.records)


def test_cli_on_built_site(build_site):
    built = build_site()
    ok = run(["disclosure", "links", "site", "--format", "json"], built.root)
    assert ok.returncode == 0, ok.stderr
    data = json.loads(ok.stdout)
    assert data["broken"] == [] and data["pages"] == small_site_pages()
    (built.site / "files/2021/00001-1.pdf").unlink()
    bad = run(["disclosure", "links", "site", "--format", "json"], built.root)
    assert bad.returncode == 1
    broken = json.loads(bad.stdout)["broken"]
    assert {b["source"] for b in broken} == {f"directory.yml:{ATTACHMENT_LINE}"}


def test_demo_site_has_no_dead_link(demo_site):
    result = check_site(str(demo_site.site))
    assert result.broken == [], [(b.page, b.url, b.reason) for b in result.broken]
    assert result.pages == sum(1 for _ in demo_site.site.rglob("*.html"))


def test_external_links_option_checks_other_hosts_during_the_build(build_site):
    """`external_links: true` against a server on 127.0.0.1 (never the internet): Material's own
    footer link is replaced through theme_overrides so that every external link is local."""
    import functools
    import http.server
    import threading

    class Statuses(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self) -> None:
            self.send_response(200 if self.path == "/ok.html" else 404)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_HEAD

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Statuses))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host = f"http://127.0.0.1:{server.server_address[1]}"
    mkdocs = MINIMAL_MKDOCS.replace("theme: {name: material, language: zh}",
                                    "theme: {name: material, language: zh, custom_dir: theme_overrides}").replace(
        "plugins: [search, disclosure]", "plugins:\n  - search\n  - disclosure:\n      external_links: true\n")
    files = {"theme_overrides/partials/copyright.html": f'<a href="{host}/ok.html">版权</a>'}
    try:
        good = build_site(files=files, mkdocs=mkdocs, directory=SMALL_CATALOGUE.replace(
            "https://www.example.gov.cn/a.html", f"{host}/ok.html"))
        assert good.returncode == 0, good.output
        catalogue = SMALL_CATALOGUE.replace("https://www.example.gov.cn/a.html", f"{host}/gone.html")
        bad = build_site(files=files, mkdocs=mkdocs, directory=catalogue)
    finally:
        server.shutdown()
    line = catalogue.splitlines().index(f"    link: {host}/gone.html") + 1
    assert bad.returncode != 0 and "Traceback" not in bad.output
    assert f"{host}/gone.html" in bad.output and "HTTP 404" in bad.output
    assert "directory.yml:" in bad.output and f"第 {line} 行" in bad.output
    off = build_site(files=files, mkdocs=mkdocs.replace("external_links: true", "external_links: false"), directory=catalogue)
    assert off.returncode == 0, off.output
