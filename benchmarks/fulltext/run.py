"""Site-wide full-text search at N synthetic entries (default 10,000): ours vs Material's lunr.

    python benchmarks/fulltext/run.py [N]
    python benchmarks/fulltext/run.py --report     (the section again from results.json and notes.md)

Generates the build benchmark's two projects (benchmarks/build/generate.py): `disclosure` (our plugin:
entries out of lunr, found through our worker and the bigram index) and `plain` (every entry a page in
Material's lunr index, the way a site without the plugin would be searched). Builds both, plus the
disclosure project once more with the full-text index switched off by a benchmark-only hook, to price
the index in build CPU time. Then, in Chromium on 127.0.0.1 with a cold cache, opens `?q=…` on the
home page and measures the time from navigation start to the first result (or "no result"), median
of RUNS runs, and whether the expected entry is among the results. Writes benchmarks/fulltext/results.json
and the "## Full-text search" section of benchmarks/RESULTS.md.
"""

from __future__ import annotations

import datetime
import gzip
import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "build"))
sys.path.insert(0, str(HERE.parent.parent / "site_tests"))

from generate import generate_disclosure, generate_plain, make_entries  # noqa: E402
from conftest import CHROMIUM, CHROMIUM_FLAGS, serve  # noqa: E402
from results_md import machine, measured_commit, provenance, write_section  # noqa: E402

RUNS = 5
NO_FULLTEXT_HOOK = """\
import disclosure.plugin as plugin
plugin.write_fulltext = lambda *args, **kwargs: {}
plugin.FullTextIndex.add = lambda self, entry, text="": None
"""
FIRST_RESULT = """
new MutationObserver((_, observer) => {
  const meta = document.querySelector('.md-search-result__meta');
  if (document.querySelector('.md-search-result__item') || (meta && /没有找到/.test(meta.textContent))) {
    window.__first = performance.now(); observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true, characterData: true});
"""


def build(project: Path, hook: str | None = None) -> float:
    """`mkdocs build` in a child process; returns its CPU seconds (user + sys)."""
    args = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(project / "site")]
    if hook is not None:
        (project / "bench_hook.py").write_text(hook, encoding="utf-8")
        config = (project / "mkdocs.yml").read_text(encoding="utf-8")
        (project / "mkdocs-nofulltext.yml").write_text(config + "hooks: [bench_hook.py]\n", encoding="utf-8")
        args += ["-f", str(project / "mkdocs-nofulltext.yml")]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(args, cwd=project, check=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return round(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, 1)


def sizes(folder: Path) -> dict:
    files = [p for p in folder.rglob("*") if p.is_file()]
    packed = {p.name: len(gzip.compress(p.read_bytes(), 6)) for p in files}
    return {"files": len(files), "raw": sum(p.stat().st_size for p in files), "gzip": sum(packed.values()),
            "largest_gzip": max(packed.values(), default=0)}


def queries(entries: list[dict]) -> list[dict]:
    """A common word; a sub-word that jieba keeps inside a longer word; a phrase found only in bodies
    and one whose pairs are in most bodies but never the phrase (both confirmed against the body
    texts); an old entry's 文号 with []
    for 〔〕 and part of its 索引号. `expect` is the entry that must be among the results."""
    old = next(e for e in entries[len(entries) * 9 // 10:] if "doc_number" in e)
    return [{"label": "common word", "q": "数据", "expect": None},
            {"label": "sub-word (享开 in 共享开放)", "q": "享开", "expect": None},
            {"label": "sub-word (通办 in 一网通办)", "q": "通办", "expect": None},
            {"label": "phrase in bodies (共享开放工作)", "q": "共享开放工作", "expect": None},
            {"label": "pairs in bodies, never the phrase (政务数据采集)", "q": "政务数据采集", "expect": None},
            {"label": "文号, [] for 〔〕", "q": old["doc_number"].replace("〔", "[").replace("〕", "]"), "expect": old},
            {"label": "partial 索引号", "q": old["index"].split("/")[1], "expect": old}]


def first_result(browser, url: str, query: str) -> tuple[float, str, list[str]]:
    context = browser.new_context(locale="zh-CN")  # fresh context: cold HTTP cache
    page = context.new_page()
    page.add_init_script(FIRST_RESULT)
    page.goto(f"{url}?q={quote(query)}")
    page.wait_for_function("window.__first !== undefined", timeout=300_000)
    elapsed = page.evaluate("window.__first")
    meta = page.locator(".md-search-result__meta").inner_text()
    links = page.locator(".md-search-result__item a").evaluate_all("ls => ls.map(l => l.getAttribute('href'))")
    context.close()
    return elapsed, meta, links


def measure(browser, url: str, cases: list[dict], entry_path) -> list[dict]:
    rows = []
    for case in cases:
        runs = [first_result(browser, url, case["q"]) for _ in range(RUNS)]
        expect = case["expect"]
        found = None if expect is None else any(entry_path(expect) in link for link in runs[0][2])
        rows.append({"label": case["label"], "q": case["q"], "median_ms": round(statistics.median(r[0] for r in runs)),
                     "max_ms": round(max(r[0] for r in runs)), "meta": runs[0][1], "expected_found": found})
        print(rows[-1], flush=True)
    return rows


def main(n: int) -> None:
    from playwright.sync_api import sync_playwright

    results: dict = {"entries": n, "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                     "command": f"python benchmarks/fulltext/run.py {n}", "commit": measured_commit(), "machine": machine(),
                     "load_before": os.getloadavg(), "jieba": importlib.util.find_spec("jieba") is not None}
    with tempfile.TemporaryDirectory() as tmp:
        entries = make_entries(n)
        by_number = sorted(entries, key=lambda e: int(e["title"].rsplit("第", 1)[1].rstrip("号）")))
        ours, plain = Path(tmp) / "disclosure", Path(tmp) / "plain"
        generate_disclosure(entries, by_number, str(ours))
        generate_plain(entries, by_number, str(plain))
        results["build_cpu_s"] = {"without full-text index": build(ours, NO_FULLTEXT_HOOK), "with full-text index": build(ours),
                                  "plain (Material lunr, every entry a page)": build(plain)}
        results["sizes"] = {"ours: <prefix>/fulltext/": sizes(ours / "site/gkml/fulltext"),
                            "ours: search/search_index.json": sizes(ours / "site/search"),
                            "plain: search/search_index.json": sizes(plain / "site/search")}
        cases = queries(entries)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
            for name, project, path in (("ours", ours, lambda e: f"gkml/{e['index'].replace('/', '-')}/"),
                                        ("plain", plain, lambda e: f"docs/{e['year']}/{e['seq']:05d}/")):
                url, server = serve(project / "site")
                try:
                    results[name] = measure(browser, url, cases, path)
                finally:
                    server.shutdown()
            browser.close()
    results["load_after"] = os.getloadavg()
    (HERE / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    write_section("## Full-text search", report(results))


def mb(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def report(r: dict) -> str:
    load = f"{' '.join(f'{x:.1f}' for x in r['load_before'])} before / {' '.join(f'{x:.1f}' for x in r['load_after'])} after"
    lines = ["## Full-text search", "", *provenance({**r, "load": load}, f"python benchmarks/fulltext/run.py {r['entries']}",
                                                    HERE / "results.json"), "",
             f"Chromium headless, 127.0.0.1 (no HTTP compression), cold cache, median of {RUNS} runs. "
             "Time from navigation start of `/?q=…` to the first result in Material's search dialog. "
             f"jieba {'installed (Material segments its index with it)' if r.get('jieba') else 'not installed'}.", "",
             "| query | ours: first result | max | ours: result | plain Material lunr: first result | max | lunr: result |",
             "|---|---:|---:|---|---:|---:|---|"]
    for mine, theirs in zip(r["ours"], r["plain"]):
        def shown(row: dict) -> str:
            return row["meta"] + ("" if row["expected_found"] is None else " — expected entry " + ("listed" if row["expected_found"] else "**missing**"))
        lines.append(f"| {mine['label']} (`{mine['q']}`) | {mine['median_ms']} ms | {mine['max_ms']} ms | {shown(mine)} | "
                     f"{theirs['median_ms']} ms | {theirs['max_ms']} ms | {shown(theirs)} |")
    lines += ["", "| build (CPU s) | |", "|---|---:|"] + [f"| {k} | {v} |" for k, v in r["build_cpu_s"].items()]
    lines += ["", "| search data | files | raw | gzip | largest file gzip |", "|---|---:|---:|---:|---:|"]
    lines += [f"| {k} | {v['files']} | {mb(v['raw'])} | {mb(v['gzip'])} | {mb(v['largest_gzip'])} |" for k, v in r["sizes"].items()]
    notes = HERE / "notes.md"
    return "\n".join(lines) + ("\n\n" + notes.read_text(encoding="utf-8").rstrip("\n") if notes.exists() else "") + "\n"


if __name__ == "__main__":
    if sys.argv[1:] == ["--report"]:  # the section again from results.json (e.g. after editing notes.md)
        write_section("## Full-text search", report(json.loads((HERE / "results.json").read_text(encoding="utf-8"))))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
