"""Write the "## Link checker" section of benchmarks/RESULTS.md from run.py's JSON files (other sections
are left as they are). Each JSON file is one run and gets its own provenance lines.

    python benchmarks/links/report.py                     (every benchmarks/links/results-*.json)
    python benchmarks/links/report.py RESULTS.md NOTES.md results-A.json [results-B.json …]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from results_md import RESULTS, replace_section  # noqa: E402

HEADING = "## Link checker"
LINKS_PER_PAGE = 104  # generate.py writes 104 links on every page


def provenance(data: dict, path: Path) -> list[str]:
    machine = data["machine"]
    shown = path.relative_to(HERE.parent.parent) if path.is_relative_to(HERE.parent.parent) else path
    lines = [f"From `{shown}`:", "",
             f"- Command: `{data.get('command', 'python benchmarks/links/run.py (arguments not recorded)')}`",
             f"- Commit measured: {data.get('commit', 'not recorded')}",
             f"- Machine: nproc {machine['nproc']}, {machine['cpu']}; {machine['date']}; load average "
             f"{machine['load']} at the start" + (f", {machine['load_after']} at the end" if machine.get("load_after") else "")
             + " (shared with other engineers' builds and tests)."]
    if data.get("recovered_from"):
        lines.append(f"- Recovered: {data['recovered_from']}")
    return lines + [""]


def tool_rows(runs: list[dict]) -> list[str]:
    rows = ["| pages | links | tool | wall s | cpu s | exit | pages/s (wall) | cpu × `disclosure links` |",
            "|---|---|---|---|---|---|---|---|"]
    for run in sorted(runs, key=lambda r: r["pages"]):
        ours = run["tools"].get("disclosure links", {}).get("cpu")
        for name, result in run["tools"].items():
            if result.get("wall") is None:
                rows.append(f"| {run['pages']} | | {name} | – | – | {result.get('tail', '')} | | |")
                continue
            rate = round(run["pages"] / result["wall"]) if result["wall"] else "–"
            ratio = f"{result['cpu'] / ours:.0f}×" if ours and name != "disclosure links" else ""
            rows.append(f"| {run['pages']} | ≈{run['pages'] * LINKS_PER_PAGE} | {name} | {result['wall']} | {result['cpu']} "
                        f"| {result['exit']} | {rate} | {ratio} |")
    return rows


def build_rows(build: dict) -> list[str]:
    """Each round of the off/on builds, their medians, and check_site alone on the built site."""
    off, on = build["check_links: false"], build["check_links: true"]
    rows = [f"{build['entries']} entries, {build['pages']['count']} HTML pages; the same project built with the plugin "
            "option off and on, rounds interleaved:", "",
            "| plugin option | wall s per round | cpu s per round | median wall s | median cpu s | exit |", "|---|---|---|---|---|---|"]
    for label in ("check_links: false", "check_links: true"):
        runs = build["rounds"][label]
        rows.append(f"| `{label}` | {' / '.join(str(r['wall']) for r in runs)} | {' / '.join(str(r['cpu']) for r in runs)} "
                    f"| {build[label]['wall']} | {build[label]['cpu']} | {build[label]['exit']} |")
    extra = on["cpu"] - off["cpu"]
    rows += ["", f"Median cpu with the check minus without: {extra:+.1f} s ({extra / off['cpu']:+.0%} of the build)."]
    if build.get("check_site"):
        rows += ["", "`check_site` alone on the built site (in-process, `time.process_time`):", "",
                 "| scope | pages | links | broken | cpu s | wall s |", "|---|---|---|---|---|---|"]
        rows += [f"| {scope} | {r['pages']} | {r['links']} | {r['broken']} | {r['cpu']} | {r['wall']} |"
                 for scope, r in build["check_site"].items()]
    return rows


def render(runs: list[tuple[Path, dict]], notes: str) -> str:
    out = [HEADING, ""]
    tools = [(path, data) for path, data in runs if data.get("runs") or data.get("tools")]
    builds = [(path, data) for path, data in runs if data.get("build")]
    if tools:
        out += ["### `disclosure links` against linkinator and LinkChecker", ""]
        for path, data in tools:
            out += provenance(data, path)
            out += tool_rows(data.get("runs") or [{"pages": data["pages"], "tools": data["tools"]}]) + [""]
    if builds:
        out += ["### The check inside `mkdocs build`", ""]
        for path, data in builds:
            out += provenance(data, path) + build_rows(data["build"]) + [""]
    return "\n".join(out + [notes.strip(), ""])


def main() -> None:
    if len(sys.argv) > 1:
        target, notes, *files = map(Path, sys.argv[1:])
    else:
        target, notes, files = RESULTS, HERE / "notes.md", sorted(HERE.glob("results-*.json"))
    runs = [(path.resolve(), json.loads(path.read_text(encoding="utf-8"))) for path in files]
    text = target.read_text(encoding="utf-8") if target.exists() else "# Benchmarks\n"
    target.write_text(replace_section(text, HEADING, render(runs, notes.read_text(encoding="utf-8"))), encoding="utf-8")


if __name__ == "__main__":
    main()
