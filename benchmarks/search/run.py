"""Catalogue search (目录检索) timings in Chromium at 10k and 100k synthetic entries.

    python benchmarks/search/run.py [N ...]        (default: 10000 100000)
    python benchmarks/search/run.py --report       (the section again from results.json and notes.md)

Builds one tiny site with `mkdocs build`, then writes the search shards of a synthetic catalogue of N
entries into it with the plugin's own shard writer (the shards are all the search reads; a full build
of 100k entry pages is the build benchmark's business). Serves it on 127.0.0.1 twice: with the test
suite's plain static server (no compression) and with a gzip-serving one (what a production server
configured for JSON/JS/CSS sends; compressed once and kept, like gzip_static), and measures, cold
cache each run: time from navigation start to the first result row for `?q=`, and per-keystroke time
(input handler to the next frame) while typing. Writes benchmarks/search/results.json and the
"## Search" section of benchmarks/RESULTS.md.
"""

from __future__ import annotations

import datetime
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "build"))
sys.path.insert(0, str(HERE.parent.parent / "site_tests"))

from body_text import paragraph  # noqa: E402
from generate import AGENCY_CODE, AGENCY_NAME, categories_tree, make_entries  # noqa: E402
from conftest import CHROMIUM, CHROMIUM_FLAGS, serve  # noqa: E402
from results_md import machine, measured_commit, now, provenance, write_section  # noqa: E402
from disclosure.catalogue import Agency, Catalogue, Category, Entry, Pos  # noqa: E402
from disclosure.search import write_shards  # noqa: E402

POS = Pos("directory.yml", 1, 1)
RUNS = 5
KEYSTROKES = "关于数据共享"
MKDOCS = "site_name: 示例\ndocs_dir: content\ntheme: {name: material, language: zh}\nplugins: [search, disclosure]\n"
DIRECTORY = f"""agency: {{name: {AGENCY_NAME}, code: "{AGENCY_CODE}"}}
categories: [{{id: rules, title: 法规文件}}]
entries:
  - {{index: {AGENCY_CODE}/2021-00001, title: 示例, category: rules, publisher: 办公室, date: 2021-03-01,
      link: "https://www.example.gov.cn/"}}
"""


def synthetic_catalogue(n: int) -> Catalogue:
    """The build benchmark's synthetic entries (realistic words), with a longer summary."""
    import random

    rng = random.Random(n)
    tree, _ = categories_tree()
    roots = tuple(Category(r["id"], r["title"], None, tuple(Category(c["id"], c["title"], r["id"], (), POS)
                                                            for c in r["children"]), POS) for r in tree)
    entries = tuple(Entry(index=e["index"], title=e["title"], category=e["category"], publisher=e["publisher"],
                          date=datetime.date.fromisoformat(e["date"]), pos=POS, doc_number=e.get("doc_number"),
                          validity=e.get("validity"), keywords=tuple(e["keywords"]),
                          summary=paragraph(rng)[:60], link="https://www.example.gov.cn/")
                    for e in make_entries(n))
    return Catalogue("directory.yml", Agency(AGENCY_NAME, AGENCY_CODE), roots, entries,
                     {e.index: e for e in entries}, {c.id: c for root in roots for c in root.walk()})


def queries(catalogue: Catalogue) -> dict[str, str]:
    """A common word, and the 文号 (other brackets) and part of the 索引号 of an old entry (in the last shards)."""
    old = next(e for e in catalogue.entries[len(catalogue.entries) * 9 // 10:] if e.doc_number)
    assert old.doc_number is not None
    return {"common word": "数据", "文号, [] for 〔〕": old.doc_number.replace("〔", "[").replace("〕", "]"),
            "partial 索引号": old.index.split("/")[1]}


def build_site(root: Path) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    (root / "directory.yml").write_text(DIRECTORY, encoding="utf-8")
    (root / "content/index.md").write_text("# 首页\n", encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(root / "site")], cwd=root, env=env, check=True)
    return root / "site"


def serve_gzip(directory: Path):
    """Like conftest.serve, but HTTP/1.1 keep-alive and gzip for text files when the browser asks for it."""
    import functools
    import http.server
    import io
    import threading

    cache: dict[tuple[str, int], bytes] = {}

    class Gzip(http.server.SimpleHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # noqa: D401 - silence request logs
            pass

        def send_head(self):
            path = self.translate_path(self.path)
            if not (os.path.isfile(path) and path.endswith((".json", ".js", ".css", ".html"))
                    and "gzip" in self.headers.get("Accept-Encoding", "")):
                return super().send_head()
            key = (path, os.stat(path).st_mtime_ns)
            if key not in cache:
                cache[key] = gzip.compress(Path(path).read_bytes(), 6)
            self.send_response(200)
            for name, value in (("Content-Type", self.guess_type(path)), ("Content-Encoding", "gzip"),
                                ("Content-Length", str(len(cache[key])))):
                self.send_header(name, value)
            self.end_headers()
            return io.BytesIO(cache[key])

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Gzip, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def shard_sizes(folder: Path) -> dict:
    sizes = {p.name: (p.stat().st_size, len(gzip.compress(p.read_bytes(), 9))) for p in folder.iterdir()}
    shards = {name: size for name, size in sizes.items() if name != "manifest.json" and name.endswith(".json")}
    largest = max(shards, key=lambda name: shards[name][1])
    bitmaps = next((size for name, size in sizes.items() if name.endswith(".bin")), (0, 0))
    return {"files": len(sizes), "manifest": sizes["manifest.json"], "largest_shard": [largest, *shards[largest]],
            "bitmaps": list(bitmaps), "total_raw": sum(s[0] for s in sizes.values()),
            "total_gzip": sum(s[1] for s in sizes.values())}


FIRST_ROW_SCRIPT = """
new MutationObserver((_, observer) => {
  const status = document.querySelector('[data-dc-status]');
  if (window.__firstRow === undefined && (document.querySelector('[data-dc-list] [data-index]')
      || (status && /没有找到/.test(status.textContent)))) window.__firstRow = performance.now();
  if (document.querySelector('[data-dc-ready]')) { window.__complete = performance.now(); observer.disconnect(); }
}).observe(document, {childList: true, subtree: true, attributes: true});
"""

# Per keystroke: the input handler, until the next frame (rows shown), and until the count is final
# (the search finishes it after the frame, status[aria-busy] meanwhile; the next keystroke waits for it).
KEYSTROKE_SCRIPT = """async (text) => {
  const input = document.getElementById('dc-q'), status = document.querySelector('[data-dc-status]'), times = [];
  const frame = () => new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)));
  const counted = async () => { while (status.hasAttribute('aria-busy')) await new Promise(done => setTimeout(done, 0)); };
  input.value = ''; input.dispatchEvent(new Event('input', {bubbles: true})); await frame();
  for (const ch of text) {
    const start = performance.now();
    input.value += ch; input.dispatchEvent(new Event('input', {bubbles: true}));
    const handler = performance.now() - start;
    await frame();
    const toFrame = performance.now() - start;
    await counted();
    times.push([handler, toFrame, status.textContent, performance.now() - start]);
  }
  return times;
}"""


def first_result(browser, url: str, query: str) -> tuple[float, str, float]:
    from urllib.parse import quote

    context = browser.new_context(locale="zh-CN")  # a fresh context: cold HTTP cache
    page = context.new_page()
    page.add_init_script(FIRST_ROW_SCRIPT)
    page.goto(f"{url}gkml/?q={quote(query)}")
    page.wait_for_function("window.__firstRow !== undefined && window.__complete !== undefined", timeout=120_000)
    elapsed, complete = page.evaluate("[window.__firstRow, window.__complete]")
    found = page.locator("[data-dc-status]").inner_text()
    context.close()
    return elapsed, found, complete


def keystrokes(browser, url: str) -> list[list]:
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(url + "gkml/")
    page.wait_for_selector("[data-dc-catalogue-search][data-dc-ready]", timeout=120_000)
    times = page.evaluate(KEYSTROKE_SCRIPT, KEYSTROKES)
    context.close()
    return times


def measure_first(browser, url: str, queries: dict[str, str]) -> dict:
    result = {}
    for label, query in queries.items():
        runs = [first_result(browser, url, query) for _ in range(RUNS)]
        result[label] = {"query": query, "median": round(statistics.median(r[0] for r in runs)),
                         "max": round(max(r[0] for r in runs)), "status": runs[0][1],
                         "all_loaded_median": round(statistics.median(r[2] for r in runs))}
    return result


def measure_keystrokes(browser, url: str) -> dict:
    result = {}
    strokes = [keystrokes(browser, url) for _ in range(RUNS)]
    for i, _ in enumerate(KEYSTROKES):
        handler = [run[i][0] for run in strokes]
        to_frame = [run[i][1] for run in strokes]
        counted = [run[i][3] for run in strokes]
        result[KEYSTROKES[:i + 1]] = {
            "handler_median": round(statistics.median(handler), 1), "to_next_frame_median": round(statistics.median(to_frame), 1),
            "to_next_frame_max": round(max(to_frame), 1),
            "count_final_median": round(statistics.median(counted), 1), "status": strokes[0][i][2]}
    return result


def kb(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def report(results: dict) -> str:
    shown = {**results, "load": f"(1 min) {', '.join(str(x) for x in results['load'])} during the runs"}
    lines = ["## Search", "", *provenance(shown, "python benchmarks/search/run.py", HERE / "results.json"), "",
             f"Chromium headless, site on 127.0.0.1, cold cache, median of {RUNS} runs.", "",
             "Catalogue search (目录检索): shards written by `disclosure.search.write_shards`.", "",
             "| entries | files | manifest gzip | shard bitmaps raw / gzip | largest shard raw / gzip | all files raw / gzip |",
             "|---:|---:|---:|---:|---:|---:|"]
    for n, s in results["sizes"].items():
        lines.append(f"| {int(n):,} | {s['files']} | {kb(s['manifest'][1])} | {kb(s['bitmaps'][0])} / {kb(s['bitmaps'][1])} | "
                     f"{kb(s['largest_shard'][1])} / {kb(s['largest_shard'][2])} | {kb(s['total_raw'])} / {kb(s['total_gzip'])} |")
    lines += ["", "Time from navigation start to the first result row (newest results show while older shards load; "
              "results in old shards show once the newer ones are searched or ruled out by the bitmaps), "
              "and to all shards loaded (`data-dc-ready`), `<prefix>/?q=…` opened directly; `plain` is the test suite's "
              "static server (no compression), `gzip` sends JSON/JS/CSS/HTML gzipped:", "",
              "| entries | server | query | first row median | max | all loaded median | result |",
              "|---:|---|---|---:|---:|---:|---|"]
    for server, timings in results["first_row"].items():
        for n, r in timings.items():
            for label, t in r.items():
                lines.append(f"| {int(n):,} | {server} | {label} (`{t['query']}`) | {t['median']} ms | {t['max']} ms | "
                             f"{t['all_loaded_median']} ms | {t['status']} |")
    lines += ["", "Per keystroke while typing in the search box, all shards loaded (input handler / until the next "
              "frame, which shows the page's rows / until the count is final, finished after the frame):", "",
              "| entries | text so far | handler median | to next frame median | max | count final median | result |",
              "|---:|---|---:|---:|---:|---:|---|"]
    for n, r in results["keystrokes"].items():
        for text, t in r.items():
            lines.append(f"| {int(n):,} | {text} | {t['handler_median']} ms | {t['to_next_frame_median']} ms | "
                         f"{t['to_next_frame_max']} ms | {t['count_final_median']} ms | {t['status']} |")
    notes = HERE / "notes.md"  # prose only: every figure in this section comes from results.json
    return "\n".join(lines + (["", notes.read_text(encoding="utf-8").rstrip("\n")] if notes.exists() else [])) + "\n"


def main(sizes: list[int]) -> None:
    from playwright.sync_api import sync_playwright

    results: dict = {"command": " ".join(["python benchmarks/search/run.py", *map(str, sizes)]),
                     "commit": measured_commit(), "machine": machine(), "date": now(),
                     "load": [], "sizes": {}, "first_row": {"plain": {}, "gzip": {}}, "keystrokes": {}}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        site = build_site(Path(tmp) / "project")
        servers = {"plain": serve(site), "gzip": serve_gzip(site)}
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        try:
            for n in sizes:
                folder = site / "gkml" / "search"
                catalogue = synthetic_catalogue(n)
                write_shards(catalogue, str(folder))
                results["sizes"][str(n)] = shard_sizes(folder)
                results["load"].append(round(os.getloadavg()[0], 1))
                for name, (url, _) in servers.items():
                    results["first_row"][name][str(n)] = measure_first(browser, url, queries(catalogue))
                    print(n, name, json.dumps(results["first_row"][name][str(n)], ensure_ascii=False), flush=True)
                results["keystrokes"][str(n)] = measure_keystrokes(browser, servers["plain"][0])
                results["load"].append(round(os.getloadavg()[0], 1))
        finally:
            browser.close()
            for _, server in servers.values():
                server.shutdown()
    (HERE / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    write_section("## Search", report(results))


if __name__ == "__main__":
    if sys.argv[1:] == ["--report"]:  # the section again from results.json (e.g. after editing notes.md)
        write_section("## Search", report(json.loads((HERE / "results.json").read_text(encoding="utf-8"))))
    else:
        main([int(arg) for arg in sys.argv[1:]] or [10_000, 100_000])
