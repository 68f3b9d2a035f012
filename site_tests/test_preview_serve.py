"""`disclosure serve`: the served site follows a body save and a catalogue save, a bad save keeps it."""

import itertools
import os
import signal
import subprocess
import sys
import time

from conftest import MINIMAL_MKDOCS, SMALL_CATALOGUE, SMALL_FILES, write_project
from test_serve import fetch, free_port, wait_for


def serve(project, **environ: str) -> tuple[subprocess.Popen, int]:
    """`disclosure serve` on a free port, its output kept for the test to read."""
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **environ)
    return subprocess.Popen([sys.executable, "-m", "disclosure.cli", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True), port


def test_disclosure_serve_follows_saves(tmp_path):
    write_project(tmp_path, {"mkdocs.yml": MINIMAL_MKDOCS, **SMALL_FILES, "directory.yml": SMALL_CATALOGUE})
    server, port = serve(tmp_path)
    try:
        base = f"http://127.0.0.1:{port}/gkml/"
        entry = base + "11440100MB2C00000X-2021-00001/"
        assert wait_for(base, "示例市数据发展规划", seconds=300)
        (tmp_path / "content/gkml/2021/00001.md").write_text("第一条 改过的正文。\n", encoding="utf-8")
        assert wait_for(entry, "改过的正文")
        (tmp_path / "directory.yml").write_text(SMALL_CATALOGUE.replace("date: 2020-05-06", "date: 2020-02-30"), encoding="utf-8")
        (tmp_path / "content/gkml/2021/00001.md").write_text("第一条 坏保存之后的正文。\n", encoding="utf-8")
        assert not wait_for(entry, "坏保存之后", seconds=8)  # the catalogue does not validate: nothing changes
        assert "改过的正文" in fetch(entry)
        (tmp_path / "directory.yml").write_text(SMALL_CATALOGUE.replace("示例市数据发展规划", "改过的规划标题"), encoding="utf-8")
        assert wait_for(base, "改过的规划标题") and wait_for(entry, "坏保存之后")
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "directory.yml:" in output and "2020-02-30" in output  # the bad save's message, with its place
    assert "预览已停止" in output and server.returncode == 0  # SIGTERM stops it as Ctrl+C does, cleaning up


def test_a_file_a_save_includes_is_watched_from_then_on(tmp_path):
    """directory.yml gains `include: [extra/*.yml]` while the server runs: a later save of the new
    file (in a folder nobody watched at the start) shows too."""
    from test_include import EXTRA

    write_project(tmp_path, {"mkdocs.yml": MINIMAL_MKDOCS, **SMALL_FILES, "directory.yml": SMALL_CATALOGUE})
    server, port = serve(tmp_path)
    try:
        entry = f"http://127.0.0.1:{port}/gkml/11440100MB2C00000X-2022-00003/"
        assert wait_for(f"http://127.0.0.1:{port}/gkml/", "示例市数据发展规划", seconds=300)
        write_project(tmp_path, {"extra/2022.yml": "entries:\n" + EXTRA})
        (tmp_path / "directory.yml").write_text(SMALL_CATALOGUE.replace("entries:\n", "include: [extra/*.yml]\nentries:\n"),
                                                encoding="utf-8")
        assert wait_for(entry, "关于示例管理办法的解读")
        (tmp_path / "extra/2022.yml").write_text("entries:\n" + EXTRA.replace("的解读", "的新解读"), encoding="utf-8")
        assert wait_for(entry, "关于示例管理办法的新解读", seconds=20)
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert server.returncode == 0, output


def test_stop_signals_in_a_row_stop_it_cleanly(tmp_path):
    """A service manager and `kill` may both signal; a second Ctrl+C comes while it cleans up: one
    stop, no traceback, and its temporary folder is gone."""
    write_project(tmp_path, {"mkdocs.yml": MINIMAL_MKDOCS, **SMALL_FILES, "directory.yml": SMALL_CATALOGUE})
    (tmp_path / "tmp").mkdir()
    server, port = serve(tmp_path, TMPDIR=str(tmp_path / "tmp"))
    try:
        assert wait_for(f"http://127.0.0.1:{port}/gkml/", "示例市数据发展规划", seconds=300)
        assert list((tmp_path / "tmp").iterdir())  # the served site's folder
        deadline, stops = time.monotonic() + 20, itertools.cycle([signal.SIGTERM, signal.SIGINT])
        while server.poll() is None and time.monotonic() < deadline:
            server.send_signal(next(stops))
            time.sleep(0.02)
    finally:
        server.kill()
        output = server.communicate(timeout=30)[0]
    assert server.returncode == 0 and "Traceback" not in output and "预览已停止" in output, output
    assert not list((tmp_path / "tmp").iterdir())
