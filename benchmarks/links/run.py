"""Time `disclosure links` against linkinator and linkchecker on a synthetic built site, and measure what
the in-build check adds to `mkdocs build`. Tools are installed into a temporary folder, never the repo.

    python benchmarks/links/run.py --pages 10000 --tools /tmp/bench-tools [--write]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402


def timed(command: list[str], cwd: Path | None = None, timeout: float = 1200) -> dict:
    """Wall and CPU seconds (user+sys of the children) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                              env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
        code, tail = done.returncode, (done.stdout + done.stderr)[-400:]
    except subprocess.TimeoutExpired:
        code, tail = None, f"timed out after {timeout} s"
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": round(wall, 1), "cpu": round(cpu, 1), "exit": code, "tail": tail}


def tool_commands(site: Path, tools: Path) -> dict[str, list[str]]:
    return {
        "disclosure links": ["disclosure", "links", str(site), "--format", "json"],
        "linkinator": [str(tools / "npm/node_modules/.bin/linkinator"), str(site), "--recurse",
                       "--skip", "example\\.gov\\.cn", "--format", "json"],
        "linkchecker": [str(tools / "venv/bin/linkchecker"), "--no-status", "--no-warnings", "-o", "none",
                        (site / "index.html").as_uri()],
    }


def bench_tools(site: Path, tools: Path, timeout: float, only: list[str]) -> dict[str, dict]:
    results = {}
    for name, command in tool_commands(site, tools).items():
        if only and name not in only:
            continue
        if not Path(command[0]).exists() and shutil.which(command[0]) is None:
            results[name] = {"exit": None, "tail": "not installed"}
            continue
        results[name] = timed(command, timeout=timeout)
        print(name, {k: v for k, v in results[name].items() if k != "tail"}, flush=True)
    return results


def bench_build(entries: int, work: Path) -> dict[str, dict]:
    """`mkdocs build` of a generated disclosure project with check_links on and off."""
    project = work / "build-project"
    if not project.exists():
        subprocess.run([sys.executable, str(REPO / "benchmarks/build/generate.py"), str(entries), str(project)], check=True)
    root = project / "disclosure"
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    results = {}
    for label, flag in (("check_links: false", "false"), ("check_links: true", "true")):
        patched = config.replace("  - disclosure\n", f"  - disclosure:\n      check_links: {flag}\n")
        (root / "mkdocs-bench.yml").write_text(patched, encoding="utf-8")
        results[label] = timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs-bench.yml", "-d", "site"], root)
        print(label, {k: v for k, v in results[label].items() if k != "tail"}, flush=True)
    results["pages"] = {"count": sum(1 for _ in (root / "site").rglob("*.html"))}
    return results


def machine() -> dict[str, str]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "?")
    memory = subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.strip("\n")
    return {"nproc": str(os.cpu_count()), "cpu": cpu, "free": memory,
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "load": " ".join(f"{x:.1f}" for x in os.getloadavg())}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--tools", default="/tmp/bench-tools")
    parser.add_argument("--work", default="/tmp/links-bench")
    parser.add_argument("--timeout", type=float, default=1200)
    parser.add_argument("--build-entries", type=int, default=3000)
    parser.add_argument("--only", action="append", default=[], help="tool name (repeatable)")
    parser.add_argument("--json", default=str(HERE / "results.json"))
    args = parser.parse_args()
    work = Path(args.work)
    site = work / f"site-{args.pages}"
    if not site.exists():
        generate(site, args.pages)
    data = {"machine": machine(), "pages": args.pages,
            "tools": bench_tools(site, Path(args.tools), args.timeout, args.only),
            "build": bench_build(args.build_entries, work) if args.build_entries else {}}
    Path(args.json).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
