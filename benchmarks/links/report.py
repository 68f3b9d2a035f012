"""Write the "## Link checker" section of benchmarks/RESULTS.md from run.py's JSON files (other sections
are left as they are). Usage: python report.py RESULTS.md NOTES.md results-A.json [results-B.json …]"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from results_md import replace_section  # noqa: E402

HEADING = "## Link checker"


def tool_rows(runs: list[dict]) -> list[str]:
    rows = ["| pages | links | tool | wall s | cpu s | exit | pages/s (wall) |", "|---|---|---|---|---|---|---|"]
    for run in sorted(runs, key=lambda r: r["pages"]):
        for name, result in run["tools"].items():
            if result.get("wall") is None:
                rows.append(f"| {run['pages']} | | {name} | – | – | {result.get('tail', '')} | |")
                continue
            rate = round(run["pages"] / result["wall"]) if result["wall"] else "–"
            rows.append(f"| {run['pages']} | ≈{run['pages'] * 104} | {name} | {result['wall']} | {result['cpu']} "
                        f"| {result['exit']} | {rate} |")
    return rows


def build_rows(runs: list[dict]) -> list[str]:
    rows = []
    for run in runs:
        build = run.get("build") or {}
        for label in ("check_links: false", "check_links: true"):
            if label in build:
                rows.append(f"| {build['pages']['count']} | `{label}` | {build[label]['wall']} | {build[label]['cpu']} "
                            f"| {build[label]['exit']} |")
    return ["| HTML pages | plugin option | wall s | cpu s | exit |", "|---|---|---|---|---|", *rows] if rows else []


def render(runs: list[dict], notes: str) -> str:
    machine = runs[0]["machine"]
    head = [HEADING, "", f"- Machine: nproc {machine['nproc']}, {machine['cpu']}; load average at start "
            f"{machine['load']} (other engineers' builds and browser tests ran at the same time).",
            f"- Date: {machine['date']}.", "- `free -h`:", "", "```", machine["free"], "```", ""]
    return "\n".join(head + tool_rows(runs) + [""] + build_rows(runs) + ["", notes.strip(), ""])


def main() -> None:
    target, notes, *files = sys.argv[1:]
    runs = [json.loads(Path(f).read_text(encoding="utf-8")) for f in files]
    path = Path(target)
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    path.write_text(replace_section(text, HEADING, render(runs, Path(notes).read_text(encoding="utf-8"))), encoding="utf-8")


if __name__ == "__main__":
    main()
