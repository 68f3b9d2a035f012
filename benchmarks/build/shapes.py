"""First builds of catalogues shaped unlike generate.py's, each against Hugo on the same entries.

    python benchmarks/build/shapes.py N WORK_DIR [--rounds R] [--plugin-src DIR ...] [--shapes a,b] [--json FILE]

The issue's ratio is judged on catalogues we have not seen. Each shape below is derived from one
`generate.py N` project the way another tool or editor would write it, and costs the plugin something
the standard project never exercises:

- standard:  generate.py's project as it is;
- crlf:      every body saved with Windows line ends;
- titled:    every body opens with its title as a level-1 heading ("# 关于…的通知");
- punctuated: half the bodies end with a line holding a time, a range, a building number or a bare web address;
- link-only: no body at all, every entry a `link:` to where the document lives;
- included:  the entries in 100 files under catalogue/ (`include:`);
- dumped:    directory.yml as PyYAML's `safe_dump` writes it (keys sorted, Chinese as \\u escapes);
- long:      every body four times as long (the next three bodies' text after its own);
- sectioned: every body as a CMS export writes it: paragraphs under "## 一、…" headings (so a table of
             contents), a numbered list of clauses with bold labels, maybe a bulleted list and a table,
             the agency and date on lines of their own;
- attached:  every entry with two attachments more (20,000 more files of 4 KB to copy and check), Hugo's
             copy with the same files as static files.

Hugo's copy of the entries gets the same bodies (none for link-only). Rounds alternate the shapes and,
within a shape, the plugin copies given (`--plugin-src` again and again: before and after a change) and Hugo,
Hugo first in every other round (this disk makes folders and files slowly for minutes after a deletion); each
build starts without a site folder and is timed as run.py times it (the old site moved aside, deleted
before the next round). Prints a table of
medians and the ratio to Hugo's; `--json` keeps every time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, os.path.dirname(__file__))
from body_text import with_headings, with_markup  # noqa: E402
from run import ENV, build, remove_set_aside  # noqa: E402

SHAPES = ["standard", "crlf", "titled", "punctuated", "link-only", "included", "dumped", "long", "sectioned", "attached"]
PUNCTUATION = ["会议定于上午9:30在3#楼召开。", "办理时限为3~5个工作日。", "详见 https://www.example.gov.cn/xxgk/ 栏目。",
               "咨询时间：工作日9:00-17:00。"]


def bodies(project: Path) -> list[tuple[Path, Path | None]]:
    """Each body of the plugin's copy with the same entry's page in Hugo's copy (None when absent)."""
    pairs = []
    for body in sorted((project / "disclosure/content/gkml").rglob("*.md")):
        hugo = project / "hugo/content/docs" / body.parent.name / body.name
        pairs.append((body, hugo if hugo.exists() else None))
    return pairs


def edit_both(pair: tuple[Path, Path | None], change) -> None:
    """`change(text)` applied to a body and to the same body in Hugo's page."""
    body, hugo = pair
    body.write_text(change(body.read_text(encoding="utf-8")), encoding="utf-8")
    if hugo is not None:
        edit_hugo_body(hugo, change)


def edit_hugo_body(page: Path, change) -> None:
    """`change(text)` applied to what follows the front matter of one of Hugo's pages."""
    text = page.read_text(encoding="utf-8")
    cut = text.index("\n}\n") + 3
    page.write_text(text[:cut] + change(text[cut:]), encoding="utf-8")


def derive(shape: str, project: Path) -> None:
    """Turn a copy of the standard project into `shape`."""
    catalogue = project / "disclosure/directory.yml"
    if shape == "crlf":
        for body, _ in bodies(project):
            body.write_bytes(body.read_bytes().replace(b"\n", b"\r\n"))
    elif shape == "titled":
        entries = yaml.load(catalogue.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)["entries"]
        titles = {entry["body"]: entry["title"] for entry in entries if "body" in entry}
        for pair in bodies(project):
            title = titles[str(pair[0].relative_to(project / "disclosure/content"))]
            edit_both(pair, lambda text, title=title: f"# {title}\n\n{text}")
    elif shape == "punctuated":
        chosen = random.Random(7)
        for pair in bodies(project):
            if chosen.random() < 0.5:
                line = chosen.choice(PUNCTUATION)
                edit_both(pair, lambda text, line=line: f"{text.rstrip()}\n\n{line}\n")
    elif shape == "link-only":
        text = catalogue.read_text(encoding="utf-8")
        catalogue.write_text(re.sub(r"body: gkml/(\d+)/(\d+)\.md", r"link: https://www.example.gov.cn/xxgk/\1/\2.html", text),
                             encoding="utf-8")
        shutil.rmtree(project / "disclosure/content/gkml")
        for page in (project / "hugo/content/docs").rglob("*.md"):
            edit_hugo_body(page, lambda _: "\n原文链接：<https://www.example.gov.cn/xxgk/>\n")
    elif shape == "included":
        head, entries = catalogue.read_text(encoding="utf-8").split("\nentries:\n", 1)
        items = [item for item in re.split(r"(?m)^(?=  - index:)", entries) if item.strip()]
        (project / "disclosure/catalogue").mkdir()
        for part in range(100):
            (project / f"disclosure/catalogue/part-{part:03d}.yml").write_text("entries:\n" + "".join(items[part::100]),
                                                                                  encoding="utf-8")
        catalogue.write_text(head + "\ninclude: [catalogue/*.yml]\nentries: []\n", encoding="utf-8")
    elif shape == "dumped":
        data = yaml.load(catalogue.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        catalogue.write_text(yaml.safe_dump(data), encoding="utf-8")
    elif shape == "long":
        pairs = bodies(project)
        texts = [body.read_text(encoding="utf-8").strip() for body, _ in pairs]
        for k, pair in enumerate(pairs):
            more = "\n\n".join(texts[(k + step) % len(texts)] for step in (1, 2, 3))
            edit_both(pair, lambda text, more=more: f"{text.rstrip()}\n\n{more}\n")
    elif shape == "sectioned":
        for pair in bodies(project):
            edit_both(pair, lambda text, seed=pair[0].name: sectioned(text, random.Random(seed)))
    elif shape == "attached":
        catalogue.write_text(re.sub(r"(?m)^    body: gkml/(\d+)/(\d+)\.md\n(    attachments:\n(?:      - .*\n)*)?", attached,
                                    catalogue.read_text(encoding="utf-8")), encoding="utf-8")
        for made in re.findall(r"file: (files/\S+-[23]\.pdf)", catalogue.read_text(encoding="utf-8")):
            for root in ("disclosure/content", "hugo/static"):
                (project / root / made).parent.mkdir(parents=True, exist_ok=True)
                (project / root / made).write_bytes(b"%PDF-1.4\n" + made.encode() * 150 + b"\n%%EOF\n")


def attached(match: re.Match) -> str:
    """An entry's body line and attachments, with two attachments more."""
    year, number = match[1], match[2]
    listed = match[3] or "    attachments:\n"
    return (f"    body: gkml/{year}/{number}.md\n{listed}      - {{title: 附件2, file: files/{year}/{number}-2.pdf}}\n"
            f"      - {{title: 附件3, file: files/{year}/{number}-3.pdf}}\n")


def sectioned(text: str, rng: random.Random) -> str:
    """A body as a CMS export writes it (the same for the same text and seed: both copies alike)."""
    paragraphs = text.strip().split("\n\n")
    blocks = with_headings(paragraphs[:5], rng) + paragraphs[5:]  # at most five sections
    return "\n\n".join(with_markup(blocks, rng, "示例市数据管理局", "2024年5月6日")) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(usage=__doc__)
    parser.add_argument("n", type=int)
    parser.add_argument("work", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--plugin-src", action="append", default=[],
                        help="a plugins/ folder to measure instead of the installed package (repeat: each, alternated)")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    shapes = args.shapes.split(",")
    prepare(args.n, args.work, shapes)
    builds = {"hugo": ("hugo", ENV)}  # name: (kind and project folder, environment)
    for source in args.plugin_src or [None]:
        builds[source or "installed"] = ("disclosure", {**ENV, "PYTHONPATH": os.path.abspath(source)} if source else ENV)
    times: dict[str, dict[str, list[float]]] = {shape: {name: [] for name in builds} for shape in shapes}
    for round_ in range(args.rounds):
        order = list(builds.items()) if round_ % 2 == 0 else list(builds.items())[::-1]  # who builds first alternates
        for shape in shapes:
            for name, (kind, env) in order:
                times[shape][name].append(build(str(args.work / shape / kind), kind, first=True, env=env)["wall_s"])
        settle([args.work / shape / kind for shape in shapes for kind in ("disclosure", "hugo")])
    report(args.n, times)
    if args.json:
        args.json.write_text(json.dumps({"n": args.n, "times": times}, indent=1))


def settle(projects: list[Path]) -> None:
    """Delete the sites a round moved aside before the next round's first build, and let the disk
    settle: a 10k site is ~250 MB in ~10k folders, and 21 of them filled this machine's disk."""
    for project in projects:
        remove_set_aside(str(project))
    os.sync()
    time.sleep(3)


def prepare(n: int, work: Path, shapes: list[str]) -> None:
    """`work`/standard from generate.py, and a derived copy for each other shape (kept for later runs)."""
    base = work / "standard"
    if not base.exists():
        subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "generate.py"), str(n), str(base)], check=True)
    for shape in shapes:
        if not (work / shape).exists():
            shutil.copytree(base, work / f"{shape}.tmp", ignore=shutil.ignore_patterns("site", "public", ".cache", "plain"))
            derive(shape, work / f"{shape}.tmp")
            os.rename(work / f"{shape}.tmp", work / shape)


def report(n: int, times: dict[str, dict[str, list[float]]]) -> None:
    """Each build's times and each plugin's median over Hugo's."""
    names = [name for name in next(iter(times.values())) if name != "hugo"]
    print(f"| {n} entries | " + " | ".join(f"{name} s" for name in names) + " | Hugo s | "
          + " | ".join(f"{name} / Hugo" for name in names) + " |")
    print("|---" * (2 * len(names) + 2) + "|")
    for shape, measured in times.items():
        hugo = statistics.median(measured["hugo"])
        cells = [", ".join(f"{t:.1f}" for t in measured[name]) for name in [*names, "hugo"]]
        ratios = [f"**{statistics.median(measured[name]) / hugo:.2f}×**" for name in names]
        print(f"| {shape} | " + " | ".join(cells + ratios) + " |")


if __name__ == "__main__":
    main()
