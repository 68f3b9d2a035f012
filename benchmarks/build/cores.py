"""How much two processes really run in parallel here: the same pure-Python loop in 1, then 2, then
`os.cpu_count()` forked processes at once, each timing itself. On a machine whose "CPUs" are hyperthreads
of one core (or a quota), busy processes each slow down and forking buys little.

    python benchmarks/build/cores.py [--rounds 3]      → "## Cores" in benchmarks/RESULTS.md
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from results_md import load, machine, now, write_section  # noqa: E402 — benchmarks/ is not a package

LOOP = 20_000_000


def spin() -> float:
    start, total = time.perf_counter(), 0
    for number in range(LOOP):
        total += number
    return time.perf_counter() - start


def together(processes: int) -> float:
    """Median seconds one process took while `processes` ran the loop at once."""
    pipes = []
    for _ in range(processes):
        read_end, write_end = os.pipe()
        if os.fork() == 0:
            os.write(write_end, f"{spin():.4f}".encode())
            os._exit(0)
        os.close(write_end)
        pipes.append(read_end)
    times = [float(os.read(fd, 64)) for fd in pipes]
    for _ in pipes:
        os.wait()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    counts = sorted({1, 2, os.cpu_count() or 1})
    before = load()
    seconds = {n: statistics.median(together(n) for _ in range(args.rounds)) for n in counts}
    rows = [f"| {n} | {seconds[n]:.2f} s | {seconds[1] / seconds[n] * n:.2f} |" for n in counts]
    write_section("## Cores", "\n".join([
        "## Cores", "",
        f"- Command: `python benchmarks/build/cores.py --rounds {args.rounds}`",
        f"- Machine: {machine()}", f"- Date: {now()}; load average before {before}", "",
        f"A pure-Python loop ({LOOP:,} additions) run by N forked processes at once: the seconds each took "
        "(median) and the throughput against one process alone (N × time alone / time together).", "",
        "| processes | seconds each | throughput (× one) |", "|---:|---:|---:|", *rows, "",
        "Forking the page rendering (`page_workers.py`) can win at most the last column's factor here.",
    ]))
    print("\n".join(rows))


if __name__ == "__main__":
    main()
