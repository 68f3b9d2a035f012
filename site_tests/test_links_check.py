"""check_site over forked workers (links/check.py, forks.py) finds what one process finds, in the same order."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from conftest import run

CHECK = """
import dataclasses, json, sys
from disclosure.links import check
check.MIN_PAGES_PER_WORKER = 10
result = check.check_site(sys.argv[1], external=True, workers=int(sys.argv[2]))
print(json.dumps(dataclasses.asdict(result), ensure_ascii=False))
"""


def test_two_workers_find_what_one_finds(tmp_path: Path):
    site = tmp_path / "site"
    for n in range(60):
        page = site / f"p{n:03d}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<h2 id="a">{n}</h2><a href="../p{n + 1:03d}/#a">下一页</a> <a href="../p{n:03d}/#nope">锚点</a>'
                        f'<a href="gone-{n % 7}.pdf">附件</a><a href="https://example.gov.cn/{n % 3}">外链</a>', encoding="utf-8")
    (site / "p010" / "index.html").write_bytes(b"\xff\xfe not utf-8")
    results = []
    for workers in ("1", "2"):
        done = run([sys.executable, "-c", CHECK, str(site), workers], tmp_path)
        assert done.returncode == 0, done.stderr
        results.append(json.loads(done.stdout))
    one, two = results
    assert one == two
    assert one["pages"] == 60 and len(one["external"]) == 3
    reasons = [broken["url"] for broken in one["broken"]]
    assert "../p060/#a" in reasons and "gone-3.pdf" in reasons and "../p001/#nope" in reasons
    assert one["broken"][-1]["page"] == "p010/index.html"  # the unreadable page, last
