"""benchmarks/RESULTS.md: each benchmark owns one "## …" section and rewrites only that one."""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def replace_section(text: str, heading: str, body: str) -> str:
    """`text` with the section under the line `heading` replaced by `body` (which starts with that
    heading); appended when the section is missing."""
    lines = text.splitlines()
    if heading not in lines:
        return text.rstrip("\n") + "\n\n" + body.rstrip("\n") + "\n"
    start = lines.index(heading)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    tail = ["", *lines[end:]] if end < len(lines) else []
    return "\n".join(lines[:start] + body.rstrip("\n").splitlines() + tail) + "\n"


def write_section(heading: str, body: str, path: Path = RESULTS) -> None:
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    path.write_text(replace_section(old, heading, body), encoding="utf-8")
