"""Preview loop benchmark: `disclosure serve` on a generated catalogue, time from a save to the served page showing it.

    python benchmarks/preview/run.py [--size 10000] [--work /tmp/disclosure-preview] [--rounds 3] [--busy N] [--wide-vocabulary]

Generates the project with benchmarks/build/generate.py, starts `disclosure serve -a 127.0.0.1:PORT`
(the README's serve command), waits for the first page, then per round: edits an entry body, its
title, category and date in directory.yml, adds an entry (new body file + catalogue lines), removes
it again, removes an older entry from the middle of the catalogue (one no body links to), replaces
an attachment (its size shows on the entry page), moves the first entry's date as
far as the index number's year allows (to January of the year before, then December of its own: the
entries passed, a year's or more, all move by one); for each it polls the served
page (every 50 ms) until it shows the change (or, for the removed entry, answers 404) and records
the seconds since the save, with the 1-minute load average, and then the seconds from the save until
the server logs that the exports and search data of that save are written. Adds the run to "## Preview" in
RESULTS.md, above the earlier ones.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from results_md import add_run, machine  # noqa: E402 — benchmarks/ is not a package

REPO = os.path.dirname(os.path.dirname(HERE))
CODE = "11440100MB2C00000X"


def fetch(url: str) -> str | None:
    """The page's text; "" when the server does not answer, None when it answers 404."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return None if error.code == 404 else ""
    except OSError:
        return ""


def wait_for(url: str, text: str | None, limit: float) -> float | None:
    """Seconds until the page contains `text` (None: until it is gone, 404)."""
    start = time.monotonic()
    while time.monotonic() - start < limit:
        page = fetch(url)
        if (page is None) if text is None else (text in (page or "")):
            return time.monotonic() - start
        time.sleep(0.05)
    return None


JOB_DONE = "导出文件和检索数据已更新"  # the server logs it when the last save's exports and search data are written


def log_lines(path: str, text: str) -> int:
    with open(path, encoding="utf-8", errors="replace") as stream:
        return sum(text in line for line in stream)


def wait_for_line(path: str, text: str, before: int, limit: float) -> float | None:
    """Seconds until the server's log holds more lines with `text` than `before`."""
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if log_lines(path, text) > before:
            return time.monotonic() - start
        time.sleep(0.05)
    return None


def save(path: str, data: str | bytes) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as stream:
        stream.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def read(path: str) -> str:
    with open(path, encoding="utf-8") as stream:
        return stream.read()


def entry_block(lines: list[str], at: int) -> range:
    """Lines of the entry whose "- index:" line is `at`."""
    end = next((i for i in range(at + 1, len(lines)) if lines[i].startswith("  - ") or not lines[i].startswith("    ")), len(lines))
    return range(at, end)


def first_entry(directory: str, key: str = "body") -> tuple[str, dict[str, str]]:
    """(index, {field: value}) of the first entry in directory.yml that has `key`."""
    lines = read(directory).split("\n")
    for at, line in enumerate(lines):
        if line.startswith("  - index: "):
            block = [lines[i] for i in entry_block(lines, at)]
            fields = {part[4:].split(":", 1)[0]: part.split(":", 1)[1].strip() for part in block[1:]
                      if part.startswith("    ") and part[4] != " " and ":" in part}
            if key in fields:
                return line.split("index: ")[1], fields
    raise SystemExit(f"no entry with {key} in {directory}")


def unlinked_middle_entry(project: str) -> tuple[str, str]:
    """(index, body path) of an entry near the middle of directory.yml with a body, no attachment, and
    no `index:` link to it (removing a linked one would fail validation)."""
    linked = set()
    for folder, _, names in os.walk(os.path.join(project, "content", "gkml")):
        for name in names:
            linked.update(re.findall(r"\(index:([^)]+)\)", read(os.path.join(folder, name))))
    lines = read(os.path.join(project, "directory.yml")).split("\n")
    starts = [at for at, line in enumerate(lines) if line.startswith("  - index: ")]
    for at in starts[len(starts) // 2:]:
        index, block = lines[at].split("index: ")[1], [lines[i] for i in entry_block(lines, at)]
        body = next((line.split("body: ")[1] for line in block if line.startswith("    body: ")), None)
        if body and index not in linked and not any(line.startswith("    attachments:") for line in block):
            return index, body
    raise SystemExit("no entry to remove")


def remove_block(directory: str, index: str) -> None:
    lines = read(directory).split("\n")
    block = entry_block(lines, lines.index(f"  - index: {index}"))
    save(directory, "\n".join(lines[:block.start] + lines[block.stop:]))


def set_field(directory: str, index: str, key: str, value: str) -> None:
    """Write `key: value` in the entry `index` of directory.yml (its line replaced, as an editor would)."""
    lines = read(directory).split("\n")
    at = lines.index(f"  - index: {index}")
    line = next(i for i in entry_block(lines, at) if lines[i].startswith(f"    {key}:"))
    lines[line] = f"    {key}: {value}"
    save(directory, "\n".join(lines))


CATEGORIES = {"finance-3": "财政信息 / 三公经费", "stats-2": "统计数据 / 统计年鉴", "notices-4": "通知公告 / 公示"}


def edits(project: str, base: str, round_no: int) -> list[tuple[str, str, str | None, object]]:
    """(name, url, text to wait for (None: until the page is gone), action) per edit."""
    directory = os.path.join(project, "directory.yml")
    index, fields = first_entry(directory)
    entry_url = f"{base}gkml/{index.replace('/', '-')}/"
    marker = f"预览基准{round_no}号"
    new_index = f"{CODE}/2027-{round_no:05d}"
    category = [c for c in CATEGORIES if c != fields["category"]][round_no % 2]
    date = f"{fields['date'][:4]}-12-{10 + round_no % 18:02d}"  # a real day for any round number
    year = int(index.split("/")[1][:4])  # a date may be a year from the index number's year, no more
    far_date = f"{year - 1}-01-{10 + round_no % 18:02d}" if round_no % 2 else f"{year}-12-{10 + round_no % 18:02d}"
    with_file, _ = first_entry(directory, "attachments")
    attachment = read(directory).split(f"  - index: {with_file}\n", 1)[1].split("file: ", 1)[1].split("}", 1)[0]
    size = 1024 * (200 + round_no)

    def edit_body():
        body = os.path.join(project, "content", fields["body"])
        save(body, f"{marker}正文。\n\n" + read(body))

    def add_entry():
        save(os.path.join(project, "content", f"gkml/2027/{round_no:05d}.md"), f"{marker}新增正文。\n")
        lines = [f"  - index: {new_index}", f'    title: "{marker}新增条目"', "    category: rules-1",
                 "    publisher: 办公室", "    date: 2026-12-01", f"    body: gkml/2027/{round_no:05d}.md"]
        save(directory, read(directory).replace("entries:\n", "entries:\n" + "\n".join(lines) + "\n", 1))

    def remove_entry():  # its body goes too (a body file left behind would become a page of its own)
        os.remove(os.path.join(project, "content", f"gkml/2027/{round_no:05d}.md"))
        remove_block(directory, new_index)

    older, older_body = unlinked_middle_entry(project)

    def remove_older():
        os.remove(os.path.join(project, "content", older_body))
        remove_block(directory, older)

    new_url = f"{base}gkml/{new_index.replace('/', '-')}/"
    return [("body edited", entry_url, f"{marker}正文", edit_body),
            ("title edited (directory.yml)", entry_url, f"{marker}标题",
             lambda: set_field(directory, index, "title", f'"{marker}标题"')),
            ("category changed (directory.yml)", entry_url, f"<td>{CATEGORIES[category]}</td>",
             lambda: set_field(directory, index, "category", category)),
            ("date changed (directory.yml)", entry_url, f"<td>{date}</td>", lambda: set_field(directory, index, "date", date)),
            ("entry added", new_url, f"{marker}新增正文", add_entry),
            ("entry removed", new_url, None, remove_entry),
            ("older entry removed (mid-catalogue)", f"{base}gkml/{older.replace('/', '-')}/", None, remove_older),
            ("attachment replaced", f"{base}gkml/{with_file.replace('/', '-')}/", f"{size / 1024:.1f} KB",
             lambda: save(os.path.join(project, "content", attachment), b"%PDF-1.4\n" + b"0" * (size - 9))),
            ("date moved a year (directory.yml)", entry_url, f"<td>{far_date}</td>",
             lambda: set_field(directory, index, "date", far_date))]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--work", default="/tmp/disclosure-preview")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=float, default=300)
    parser.add_argument("--reuse", type=int, default=0, help="keep the project of an earlier run; rounds start after this one")
    parser.add_argument("--wide-vocabulary", action="store_true", help="bodies of many distinct character pairs (generate.py --wide-vocabulary)")
    parser.add_argument("--busy", type=int, default=0, help="busy-loop processes to run beside the server (a loaded machine)")
    args = parser.parse_args()
    if not args.reuse:
        subprocess.run([sys.executable, os.path.join(REPO, "benchmarks", "build", "generate.py"), str(args.size), args.work,
                        *(["--wide-vocabulary"] if args.wide_vocabulary else [])], check=True, stdout=subprocess.DEVNULL)
    project = os.path.join(args.work, "disclosure")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.monotonic()
    load_start = os.getloadavg()[0]
    log_path = os.path.join(args.work, "serve.log")
    log_start = os.path.getsize(log_path) if os.path.exists(log_path) else 0  # earlier runs' lines are not this run's
    log = open(log_path, "a")  # noqa: SIM115 — lives as long as the server
    server = subprocess.Popen([sys.executable, "-m", "disclosure.cli", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    rows = []
    busy = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.busy)]
    try:
        first = wait_for(f"{base}gkml/", "政府信息公开目录", args.limit * 3)
        rows.append(("first page served", None if first is None else time.monotonic() - started, load_start))
        print(f"first page: {rows[-1][1]}", flush=True)
        for round_no in range(args.reuse + 1, args.reuse + args.rounds + 1):
            for name, url, text, action in edits(project, base, round_no):
                time.sleep(1.5)  # let the watcher settle
                load = os.getloadavg()[0]
                jobs_before = log_lines(os.path.join(args.work, "serve.log"), JOB_DONE)
                action()
                saved = time.monotonic()
                seconds = wait_for(url, text, args.limit)
                rows.append((name, seconds, load))
                done = wait_for_line(os.path.join(args.work, "serve.log"), JOB_DONE, jobs_before, args.limit)
                rows.append((f"{name}: exports and search data written", None if done is None else time.monotonic() - saved, load))
                print(f"round {round_no}: {name}: {seconds} s, exports and search data {rows[-1][1]} s (load {load:.1f})", flush=True)
    finally:
        for process in busy:
            process.kill()
        server.send_signal(signal.SIGINT)  # as Ctrl+C: the server stops its job and removes its folder
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    with open(log_path, "rb") as stream:
        stream.seek(log_start)
        text = stream.read().decode("utf-8", "replace")
    server_lines = [line.split("-  ", 1)[-1].strip() for line in text.splitlines() if "已更新" in line or "已生成" in line]
    add_run("## Preview", report(args, rows, server_lines))  # the earlier runs stay below it


def report(args, rows, server_lines: list[str]) -> str:
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, check=False).stdout.strip()
    text = "wide vocabulary" if args.wide_vocabulary else "standard text"
    out = [f"### {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, {text} ({head})", "",
           f"`python benchmarks/preview/run.py --size {args.size} --rounds {args.rounds}{' --wide-vocabulary' if args.wide_vocabulary else ''}` — "
           f"commit {head}, "
           f"{machine()} (shared with other builds and tests at times), "
           f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC. `disclosure serve` on a generated "
           f"catalogue of {args.size} entries; seconds from the save to the served page (polled every 50 ms) showing it; "
           "target ≤ 3 s after the first build." + (f" With {args.busy} busy-loop processes beside the server all along "
                                                     "(a loaded machine)." if args.busy else ""), "",
           "| what | seconds (each round) | median | load (1 min) |", "|---|---|---:|---|"]
    names = list(dict.fromkeys(name for name, _, _ in rows))
    for name in names:
        values = [s for n, s, _ in rows if n == name]
        loads = [f"{load:.1f}" for n, _, load in rows if n == name]
        shown = ["timeout" if s is None else f"{s:.1f}" for s in values]
        done = [s for s in values if s is not None]
        median = f"{statistics.median(done):.1f}" if done else "—"
        out.append(f"| {name} | {', '.join(shown)} | {median} | {', '.join(loads)} |")
    out += ["", "The server's own log of the same run (wall and CPU seconds of each update: its pages, then its "
            "exports and search data, from the start of the background jobs that write them beside and after the pages, "
            "which the next save replaces when it comes first):", "",
            "```", *server_lines, "```"]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    main()
