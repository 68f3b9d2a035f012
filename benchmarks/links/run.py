"""Time `disclosure links` against linkinator and linkchecker on a synthetic built site, and measure what
the in-build check adds to `mkdocs build`. Tools are installed into a temporary folder, never the repo.

    python benchmarks/links/run.py --pages 10000 --tools /tmp/bench-tools --json F
    python benchmarks/links/run.py --pages 0 --build-entries 1000 --rounds 3 --json F   # in-build cost only

The in-build cost: the same generated project built with the plugin option `check_links: false` and
`true` (written into the plugin's entry of mkdocs.yml, and read back through MkDocs' own config loader
to prove the option took), rounds interleaved; then `check_site` alone on the built site, in-process.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

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


def with_check_links(config_text: str, flag: bool) -> str:
    """mkdocs.yml with `check_links: <flag>` in the disclosure plugin's own entry (however it was listed)."""
    config = yaml.safe_load(config_text)
    plugins = config["plugins"]
    items = list(plugins.items()) if isinstance(plugins, dict) else [
        next(iter(item.items())) if isinstance(item, dict) else (item, None) for item in plugins]
    config["plugins"] = [{name: {**(options or {}), "check_links": flag}} if name == "disclosure"
                         else (name if options is None else {name: options}) for name, options in items]
    assert any(isinstance(item, dict) and "disclosure" in item for item in config["plugins"]), "no disclosure plugin"
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def option_as_loaded(config_file: Path) -> bool:
    """check_links as MkDocs' config loader hands it to the plugin."""
    from mkdocs.config import load_config

    return bool(load_config(str(config_file)).plugins["disclosure"].config.check_links)


def time_check_site(site: Path, prefix: str = "gkml") -> dict[str, dict]:
    """`check_site` alone over the built site (column scope as in the build, then the whole site): cpu s."""
    from disclosure.links import check_site

    results = {}
    for label, scope in (("column", lambda path: path.startswith(prefix + "/")), ("site", None)):
        cpu, wall = time.process_time(), time.perf_counter()
        result = check_site(str(site), None, scope)
        results[label] = {"cpu": round(time.process_time() - cpu, 2), "wall": round(time.perf_counter() - wall, 1),
                          "pages": result.pages, "links": result.links, "broken": len(result.broken)}
        print("check_site", label, results[label], flush=True)
    return results


def bench_build(entries: int, work: Path, rounds: int) -> dict:
    """`mkdocs build` of a generated disclosure project with check_links off and on, rounds interleaved."""
    project = work / f"build-project-{entries}"
    if not project.exists():
        subprocess.run([sys.executable, str(REPO / "benchmarks/build/generate.py"), str(entries), str(project)], check=True)
    root = project / "disclosure"
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    results: dict = {"entries": entries, "rounds": {}}
    for flag in (False, True):
        path = root / f"mkdocs-check-{str(flag).lower()}.yml"
        path.write_text(with_check_links(config, flag), encoding="utf-8")
        assert option_as_loaded(path) is flag, f"{path.name}: check_links did not take"
    for _ in range(rounds):
        for flag in (False, True):
            label = f"check_links: {str(flag).lower()}"
            run = timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", f"mkdocs-check-{str(flag).lower()}.yml",
                         "-d", "site"], root)
            results["rounds"].setdefault(label, []).append(run)
            print(label, {k: v for k, v in run.items() if k != "tail"}, flush=True)
    for label, runs in results["rounds"].items():
        results[label] = {key: statistics.median(r[key] for r in runs) for key in ("wall", "cpu")}
        results[label]["exit"] = max((r["exit"] for r in runs), key=lambda code: code != 0)
    results["pages"] = {"count": sum(1 for _ in (root / "site").rglob("*.html"))}
    results["check_site"] = time_check_site(root / "site")
    return results


def commit() -> str:
    """The measured commit (with `+dirty` when the working tree differs from it)."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "plugins"], cwd=REPO, capture_output=True, text=True).stdout
    return head + ("+dirty" if dirty.strip() else "")


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
    parser.add_argument("--rounds", type=int, default=1, help="interleaved off/on build pairs")
    parser.add_argument("--only", action="append", default=[], help="tool name (repeatable)")
    parser.add_argument("--json", default=str(HERE / "results.json"))
    args = parser.parse_args()
    work = Path(args.work)
    site = work / f"site-{args.pages}"
    if args.pages and not site.exists():
        generate(site, args.pages)
    data = {"machine": machine(), "commit": commit(), "command": " ".join(["python", *sys.argv]),
            "pages": args.pages,
            "tools": bench_tools(site, Path(args.tools), args.timeout, args.only) if args.pages else {},
            "build": bench_build(args.build_entries, work, args.rounds) if args.build_entries else {}}
    data["machine"]["load_after"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    Path(args.json).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
