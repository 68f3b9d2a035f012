"""check_site over forked workers (links/check.py, forks.py) finds what one process finds, in the same order;
so does a check shared with a child forked to do other work first (the build's full-text child)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from conftest import run

CHECK = """
import dataclasses, json, sys
from disclosure.links import check
check.MIN_PAGES_PER_WORKER, check.CHUNK = 10, 4
result = check.check_site(sys.argv[1], external=True, workers=int(sys.argv[2]))
print(json.dumps(dataclasses.asdict(result), ensure_ascii=False))
"""
JOINED = """
import dataclasses, json, sys, time
from disclosure import forks
from disclosure.links import check
check.CHUNK = 4
shared = check.SiteCheck(sys.argv[1], external=True)
child = forks.Aside(lambda: (time.sleep(0.05), shared.work())[1])  # joins once its other work is done
mine = shared.work()
theirs = child.result()
assert sorted([*mine[0], *theirs[0]]) == list(range(0, 60, 4)), (sorted(mine[0]), sorted(theirs[0]))
print(json.dumps(dataclasses.asdict(shared.result([mine, theirs])), ensure_ascii=False))
"""


def test_two_workers_or_a_child_that_joins_late_find_what_one_finds(tmp_path: Path):
    site = tmp_path / "site"
    for n in range(60):
        page = site / f"p{n:03d}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<h2 id="a">{n}</h2><a href="../p{n + 1:03d}/#a">下一页</a> <a href="../p{n:03d}/#nope">锚点</a>'
                        f'<a href="gone-{n % 7}.pdf">附件</a><a href="https://example.gov.cn/{n % 3}">外链</a>', encoding="utf-8")
    (site / "p010" / "index.html").write_bytes(b"\xff\xfe not utf-8")
    results = []
    for script, workers in ((CHECK, "1"), (CHECK, "2"), (JOINED, "")):
        done = run([sys.executable, "-c", script, str(site), workers], tmp_path)
        assert done.returncode == 0, done.stderr
        results.append(json.loads(done.stdout))
    one, two, joined = results
    assert one == two == joined
    assert one["pages"] == 60 and len(one["external"]) == 3
    reasons = [broken["url"] for broken in one["broken"]]
    assert "../p060/#a" in reasons and "gone-3.pdf" in reasons and "../p001/#nope" in reasons
    assert one["broken"][-1]["page"] == "p010/index.html"  # the unreadable page, last
