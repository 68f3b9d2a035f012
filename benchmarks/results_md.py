"""benchmarks/RESULTS.md: each benchmark owns one "## …" section and rewrites only that one (or, for
a section that keeps its history, adds its run as the section's newest "### " subsection).

Every section starts with where its numbers come from (`provenance`): the command that produced them,
the commit measured, the machine and the date. Scripts record these when they measure; a section
re-rendered from stored results says which commit stored them when the run did not record its own."""

from __future__ import annotations

import os
import platform
import subprocess
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
REPO = RESULTS.parent.parent


def replace_section(text: str, heading: str, body: str) -> str:
    """`text` with the section under the line `heading` replaced by `body` (which starts with that
    heading); appended when the section is missing."""
    lines = text.splitlines()
    if (section := _section(lines, heading)) is None:
        return text.rstrip("\n") + "\n\n" + body.rstrip("\n") + "\n"
    start, end = section
    tail = ["", *lines[end:]] if end < len(lines) else []
    return "\n".join(lines[:start] + body.rstrip("\n").splitlines() + tail) + "\n"


def insert_run(text: str, heading: str, run: str) -> str:
    """`text` with `run` (a "### " subsection) put first among the runs of the section under the line
    `heading` (before its first "### " line, else at its end): the section's opening and earlier runs stay."""
    lines = text.splitlines()
    if (section := _section(lines, heading)) is None:
        return text.rstrip("\n") + "\n\n" + heading + "\n\n" + run.rstrip("\n") + "\n"
    start, end = section
    first = next((i for i in range(start + 1, end) if lines[i].startswith("### ")), end)
    return "\n".join(lines[:first] + run.rstrip("\n").splitlines() + [""] + lines[first:]) + "\n"


def _section(lines: list[str], heading: str) -> tuple[int, int] | None:
    """The line of `heading` and that of the next "## " heading (or the end), when the section is there."""
    if heading not in lines:
        return None
    start = lines.index(heading)
    return start, next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))


def add_run(heading: str, run: str, path: Path = RESULTS) -> None:
    """A benchmark whose section keeps its history: `run` becomes its newest subsection."""
    path.write_text(insert_run(_read(path), heading, run), encoding="utf-8")


def write_section(heading: str, body: str, path: Path = RESULTS) -> None:
    path.write_text(replace_section(_read(path), heading, body), encoding="utf-8")


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else ""


def measured_commit() -> str:
    """HEAD's short hash, `+dirty` when the plugin's files differ from it (what a run measures)."""
    head = _git("rev-parse", "--short", "HEAD") or "unknown"
    return head + ("+dirty" if _git("status", "--porcelain", "--", "plugins") else "")


def stored_in(path: Path) -> str:
    """`<hash> (<date>)` of the last commit that changed `path`, e.g. a results file."""
    return _git("log", "-1", "--format=%h (%ad)", "--date=format:%Y-%m-%d %H:%M UTC", "--", str(path)) or "uncommitted"


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.machine()) if Path("/proc/cpuinfo").exists() else platform.machine()
    return f"{platform.machine()}, {os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}"


def now() -> str:
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def provenance(results: dict, command: str, stored: Path | None = None) -> list[str]:
    """Lines naming the command, commit, machine and date of `results` (keys `commit`, `machine`, `date`,
    `load`, as the scripts record them; a missing one is said to be missing, with the commit that stored
    the results file)."""
    where = f"not recorded by this run; the results file was stored in {stored_in(stored)}" if stored else "not recorded"
    return [f"- Command: `{results.get('command', command)}`",
            f"- Commit measured: {results.get('commit') or where}",
            f"- Machine: {results.get('machine') or 'not recorded'}",
            f"- Date: {results.get('date') or 'not recorded'}; load average {results.get('load') or 'not recorded'} "
            "(the machine is shared: wall times vary with it, cpu seconds less)."]
