"""Pagefind over the `plain` project, on the data and queries of run.py.

    python benchmarks/fulltext/pagefind_run.py [N] [--no-reference]        (N default 10,000)

Needs the Pagefind binary from PyPI, in its own venv so the project's environment stays as it is:

    python -m venv /tmp/pf && /tmp/pf/bin/pip install 'pagefind[extended]'

(PAGEFIND_PYTHON names that venv's python; default /tmp/pf/bin/python, else this interpreter.)
The extended build is used: it segments Chinese (Material's `language: zh` emits `<html lang="zh">`).

Generates the build benchmark's `plain` project (every entry a Markdown page, MkDocs + Material),
`mkdocs build`, then `pagefind --site site` with its defaults; records the index's CPU seconds and
size. Then writes `pagefind-bench.html` into the site (after indexing, so it is not indexed): on
`?q=…` it runs Pagefind's JS API (`import("/pagefind/pagefind.js")`, `init()`, `search(q)`, the
first result's `data()`) and stores `performance.now()`, i.e. the time since navigation start; the
files fetched by then (Playwright's request log, which sees Pagefind's worker) are priced from disk.
Chromium headless on 127.0.0.1, fresh context per run (cold cache), median and max of RUNS runs.
In the first run it then loads `data()` of the first 50 results, in Pagefind's order: the position of
the expected entry page (文号 and 索引号 queries) and how many of them contain the query as a
substring (Pagefind matches words, so a hit need not). A sixth, control query `开享` (享开 reversed)
occurs in no entry. Unless --no-reference, it also builds the `disclosure` project and measures our
engine on the same five queries with run.py's own code, so both are timed under the same load.
Prints the numbers and writes them as JSON to $PAGEFIND_JSON (default: pagefind-fulltext.json in the
temp directory); the write-up is benchmarks/fulltext/pagefind.md.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "build"))
sys.path.insert(0, str(HERE.parent.parent / "site_tests"))

from generate import generate_disclosure, generate_plain, make_entries  # noqa: E402
from conftest import CHROMIUM, CHROMIUM_FLAGS, serve  # noqa: E402


def _fulltext_run():  # benchmarks/fulltext/run.py (benchmarks/build/run.py would shadow a plain import)
    import importlib.util

    spec = importlib.util.spec_from_file_location("fulltext_run", HERE / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_run = _fulltext_run()
RUNS, build, queries, sizes = _run.RUNS, _run.build, _run.queries, _run.sizes

PAGEFIND_PYTHON = os.environ.get("PAGEFIND_PYTHON", "/tmp/pf/bin/python" if Path("/tmp/pf/bin/python").exists()
                                 else sys.executable)
CHECK = 50
BENCH_PAGE = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>pagefind bench</title></head><body>
<script type="module">
const q = new URLSearchParams(location.search).get("q");
const pagefind = await import("/pagefind/pagefind.js");
await pagefind.init();
const r = await pagefind.search(q);
const first = await r.results[0]?.data();
window.__first = performance.now();
window.__count = r.results.length;
window.__firstUrl = first ? first.url : null;
window.__results = r.results;
</script></body></html>
"""
FIND = """async ([want, q, limit]) => {
  const results = window.__results, out = {position: null, checked: 0, substring_hits: 0, excerpt: null};
  for (let i = 0; i < Math.min(limit, results.length); i++) {
    const d = await results[i].data();
    out.checked++;
    if (d.content.includes(q) || (d.meta.title || "").includes(q)) out.substring_hits++;
    if (i === 0) out.excerpt = d.excerpt;
    if (want !== null && out.position === null && d.url.includes(want)) out.position = i + 1;
  }
  return out;
}"""

def pagefind(site: Path) -> tuple[float, float, str]:
    """`pagefind --site site` in a child process; (CPU s user + sys, wall s, its summary output)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run([PAGEFIND_PYTHON, "-m", "pagefind", "--site", str(site)], check=True,
                         capture_output=True, text=True).stdout
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (round(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, 1), round(wall, 1), out)


def first_result(browser, url: str, query: str, want: str | None, check: bool) -> dict:
    context = browser.new_context(locale="zh-CN")  # fresh context: cold HTTP cache
    page = context.new_page()
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(urlsplit(request.url).path))
    page.goto(f"{url}pagefind-bench.html?q={quote(query)}")
    page.wait_for_function("window.__first !== undefined", timeout=300_000)
    run = page.evaluate("({ms: window.__first, count: window.__count, first: window.__firstUrl})")
    run["fetched"] = list(fetched)
    if check:
        run.update(page.evaluate(FIND, [want, query, CHECK]))
    context.close()
    return run


def measure(browser, url: str, cases: list[dict], site: Path) -> list[dict]:
    def priced(paths: list[str]) -> dict:
        files = [site / unquote(p).lstrip("/") for p in paths if not p.endswith(".html")]
        files = [f for f in files if f.is_file()]
        return {"files": len(files), "bytes": sum(f.stat().st_size for f in files),
                "largest": max((f.stat().st_size for f in files), default=0)}

    rows = []
    for case in cases:
        expect = case["expect"]
        want = None if expect is None else f"/docs/{expect['year']}/{expect['seq']:05d}/"
        runs = [first_result(browser, url, case["q"], want, i == 0) for i in range(RUNS)]
        rows.append({"label": case["label"], "q": case["q"], "median_ms": round(statistics.median(r["ms"] for r in runs)),
                     "max_ms": round(max(r["ms"] for r in runs)), "results": runs[0]["count"],
                     "fetched_before_first": priced(runs[0]["fetched"]),
                     "first_url": runs[0]["first"], "expected": want,
                     "expected_position": runs[0]["position"],
                     "expected_found": None if want is None else runs[0]["position"] is not None,
                     "checked": runs[0]["checked"], "substring_hits": runs[0]["substring_hits"],
                     "first_excerpt": runs[0]["excerpt"]})
        print(rows[-1], flush=True)
    return rows


def main(n: int, reference: bool = True) -> None:
    from playwright.sync_api import sync_playwright

    version = subprocess.run([PAGEFIND_PYTHON, "-m", "pagefind", "--version"], capture_output=True, text=True).stdout.strip()
    results: dict = {"entries": n, "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                     "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
                     "pagefind": version, "load_before": os.getloadavg()}
    with tempfile.TemporaryDirectory() as tmp:
        entries = make_entries(n)
        by_number = sorted(entries, key=lambda e: int(e["title"].rsplit("第", 1)[1].rstrip("号）")))
        ours, plain = Path(tmp) / "disclosure", Path(tmp) / "plain"
        generate_plain(entries, by_number, str(plain))
        results["mkdocs_build_cpu_s"] = build(plain)
        if reference:
            generate_disclosure(entries, by_number, str(ours))
            results["ours_build_cpu_s"] = build(ours)
        html = (plain / "site/docs").rglob("index.html")
        results["html_lang"] = next(html).read_text(encoding="utf-8").split("<html", 1)[1].split(">", 1)[0].strip()
        cpu, wall, log = pagefind(plain / "site")
        results["pagefind_index"] = {"cpu_s": cpu, "wall_s": wall, "log": log.strip().splitlines()[-12:]}
        print(log, flush=True)
        results["sizes"] = {"pagefind/ (whole bundle)": sizes(plain / "site/pagefind"),
                            "pagefind/index/": sizes(plain / "site/pagefind/index"),
                            "pagefind/fragment/": sizes(plain / "site/pagefind/fragment"),
                            "plain: search/search_index.json (lunr)": sizes(plain / "site/search")}
        (plain / "site/pagefind-bench.html").write_text(BENCH_PAGE, encoding="utf-8")
        # run.py's five queries, plus a control: 享开 reversed, a pair that occurs in no entry (0 is right).
        cases = queries(entries) + [{"label": "control: 开享 (occurs nowhere)", "q": "开享", "expect": None}]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
            url, server = serve(plain / "site")
            try:
                results["rows"] = measure(browser, url, cases, plain / "site")
            finally:
                server.shutdown()
            if reference:  # our engine in the same session, measured exactly as run.py does
                url, server = serve(ours / "site")
                try:
                    results["ours"] = _run.measure(browser, url, cases[:5], lambda e: f"gkml/{e['index'].replace('/', '-')}/")
                finally:
                    server.shutdown()
            results["chromium"] = browser.version
            browser.close()
    results["load_after"] = os.getloadavg()
    output = Path(os.environ.get("PAGEFIND_JSON", Path(tempfile.gettempdir()) / "pagefind-fulltext.json"))
    output.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--no-reference"]
    main(int(args[0]) if args else 10_000, reference="--no-reference" not in sys.argv[1:])
