"""The editing loop: `mkdocs serve` rebuilds when directory.yml or an attachment changes."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import MINIMAL_MKDOCS, SMALL_CATALOGUE, SMALL_FILES, write_project


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.5)
    return False


def test_serve_rebuilds_on_catalogue_and_attachment_change(tmp_path):
    write_project(tmp_path, {"mkdocs.yml": MINIMAL_MKDOCS, **SMALL_FILES, "directory.yml": SMALL_CATALOGUE})
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        home = f"http://127.0.0.1:{port}/gkml/"
        assert wait_for(home, "示例市数据发展规划")
        (tmp_path / "directory.yml").write_text(SMALL_CATALOGUE.replace("示例市数据发展规划", "改过的规划标题"), encoding="utf-8")
        assert wait_for(home, "改过的规划标题")
        entry = f"http://127.0.0.1:{port}/gkml/11440100MB2C00000X-2021-00001/"
        (tmp_path / "content/files/2021/00001-1.pdf").write_bytes(b"%PDF-1.4\n" + b"x" * 4096)
        assert wait_for(entry, "4.0 KB")
    finally:
        server.terminate()
        server.wait(timeout=10)
