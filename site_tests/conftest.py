"""One fixture builds a real site with `mkdocs build` in a temporary folder."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MINIMAL_MKDOCS = """\
site_name: 示例
docs_dir: content
theme: {name: material, language: zh}
plugins: [search, disclosure]
"""
SMALL_CATALOGUE = """\
agency:
  name: 示例市数据管理局
  code: "11440100MB2C00000X"
  address: 示例市示例路1号
  phone: 020-00000000
categories:
  - id: rules
    title: 法规文件
    children:
      - {id: normative, title: 规范性文件}
  - id: plans
    title: 规划计划
entries:
  - index: 11440100MB2C00000X/2021-00001
    title: 关于印发示例管理办法的通知
    category: normative
    publisher: 办公室
    date: 2021-03-01
    doc_number: 示例〔2021〕1号
    validity: in_force
    keywords: [数据, 共享]
    summary: 一句话内容概述
    body: gkml/2021/00001.md
    attachments:
      - {title: 附件1, file: files/2021/00001-1.pdf}
  - index: 11440100MB2C00000X/2020-00007
    title: 示例市数据发展规划
    category: plans
    publisher: 规划科
    date: 2020-05-06
    validity: repealed
    link: https://www.example.gov.cn/a.html
"""
SMALL_FILES = {
    "content/index.md": "# 首页\n\n见[政府信息公开目录](gkml/index.md)。\n",
    "content/gkml/2021/00001.md": "第一条 为了规范数据共享，制定本办法。\n\n参见[规划](index:11440100MB2C00000X/2020-00007)。\n",
    "content/files/2021/00001-1.pdf": "%PDF-1.4\n%%EOF\n",
}


@dataclass
class Built:
    root: Path
    site: Path
    returncode: int
    output: str

    def page(self, relative: str) -> str:
        return (self.site / relative).read_text(encoding="utf-8")

    def leftovers(self) -> list[str]:
        """Files in the site folder other than dotfiles (a deployment's `.git`, `.nojekyll` may stay)."""
        if not self.site.exists():
            return []
        return sorted(str(p.relative_to(self.site)) for p in self.site.rglob("*")
                      if p.is_file() and not any(part.startswith(".") for part in p.relative_to(self.site).parts))


def write_project(root: Path, files: dict[str, str | bytes]) -> None:
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content) if relative.endswith(".yml") and content.startswith("\n") else content, encoding="utf-8")


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUTF8="1")
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def mkdocs_build(root: Path, site: Path, timeout: int = 600) -> tuple[int, str]:
    """`mkdocs build -d SITE` in ROOT → (exit status, stdout + stderr), run by MkDocs' own command line
    in a forked copy of this process: the imports are paid once per test worker instead of once per
    build, while each build still starts from this process's state (no plugin instance, cache, working
    directory or logging handler of an earlier build) and exits as the command would."""
    with tempfile.TemporaryFile() as output:
        sys.stdout.flush(), sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            _build_in_child(root, site, output.fileno(), timeout)
        status = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
        output.seek(0)
        return status, output.read().decode("utf-8", errors="backslashreplace")


def site_tree(site: Path) -> dict[str, bytes]:
    """{path: bytes} of every file of a built site."""
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def built_afresh(root: Path, elsewhere: Path, mkdocs: str) -> dict[str, bytes]:
    """The project at `root` as it is now (but its site and .cache), with `mkdocs` as mkdocs.yml, built
    in a copy at `elsewhere` into no site folder: what a rebuild over an earlier site must equal."""
    files = {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*")
             if p.is_file() and not {"site", ".cache"} & set(p.relative_to(root).parts)}
    write_project(elsewhere, {**files, "mkdocs.yml": mkdocs})
    status, output = mkdocs_build(elsewhere, elsewhere / "site")
    assert status == 0, output
    return site_tree(elsewhere / "site")


def _build_in_child(root: Path, site: Path, fd: int, timeout: int) -> None:
    code = 1
    try:
        signal.alarm(timeout)  # SIGALRM ends a build that hangs
        os.dup2(fd, 1), os.dup2(fd, 2)
        sys.stdout = sys.stderr = open(1, "w", encoding="utf-8", errors="backslashreplace", closefd=False)
        os.chdir(root)
        os.environ["NO_MKDOCS_2_WARNING"] = "1"
        from mkdocs.__main__ import cli

        try:
            cli.main(args=["build", "-d", str(site)], prog_name="mkdocs")
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except BaseException:  # what the command line would print for an unexpected error
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        os._exit(code)


@pytest.fixture
def build_site(tmp_path: Path):
    """build_site(files=None, directory=SMALL_CATALOGUE, mkdocs=MINIMAL_MKDOCS) → Built."""

    def build(files: dict[str, str | bytes] | None = None, directory: str | bytes | None = SMALL_CATALOGUE,
              mkdocs: str = MINIMAL_MKDOCS) -> Built:
        project = {"mkdocs.yml": mkdocs, **SMALL_FILES, **(files or {})}
        if directory is not None:
            project["directory.yml"] = directory
        write_project(tmp_path, project)
        return Built(tmp_path, tmp_path / "site", *mkdocs_build(tmp_path, tmp_path / "site"))

    return build


@pytest.fixture(scope="session")
def small_catalogue(tmp_path_factory):
    """SMALL_CATALOGUE loaded and validated (with the files it names), as the plugin holds it."""
    from disclosure.catalogue import load_catalogue

    root = tmp_path_factory.mktemp("catalogue")
    write_project(root, {"directory.yml": SMALL_CATALOGUE, **SMALL_FILES})
    return load_catalogue(str(root / "directory.yml"), "directory.yml", str(root / "content"))


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Built:
    """The repository's own demo site, built once per test session."""
    root = tmp_path_factory.mktemp("demo")
    for name in ("content", "theme_overrides", "catalogue"):
        shutil.copytree(REPO / name, root / name)
    for name in ("mkdocs.yml", "directory.yml"):
        shutil.copy(REPO / name, root / name)
    built = Built(root, root / "site", *mkdocs_build(root, root / "site"))
    assert built.returncode == 0, built.output
    return built


# --- Browser: Debian's Chromium driven by Playwright, the site served on 127.0.0.1 ---------------

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]


def serve(directory: Path):
    """Start a quiet static server on 127.0.0.1; returns (base_url, server)."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # noqa: D401 - silence request logs
            pass

    class QuietServer(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):  # a browser that stops reading (a page left) is no error
            if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
                super().handle_error(request, client_address)

    handler = functools.partial(Quiet, directory=str(directory))
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
TEST_DEPS = "run `make test-deps` (pip install -e '.[test]', apt-get install chromium, npm install axe-core@4)"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright; a missing piece fails every browser test (never a skip)."""
    try:
        from playwright import sync_api as playwright_sync
    except ImportError as error:
        pytest.fail(f"Playwright is not installed ({error}): {TEST_DEPS}", pytrace=False)
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium is missing at {CHROMIUM} (set CHROMIUM to another path): {TEST_DEPS}", pytrace=False)
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing at {AXE}: {TEST_DEPS}", pytrace=False)
    with playwright_sync.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def served_project(tmp_path_factory):
    """served_project(files) → (site dir, base URL): the project built with `mkdocs build` and served
    on 127.0.0.1 until the test module ends. `files` holds every file, mkdocs.yml included."""
    servers = []

    def build_and_serve(files: dict[str, str | bytes]) -> tuple[Path, str]:
        root = tmp_path_factory.mktemp("served")
        write_project(root, files)
        returncode, output = mkdocs_build(root, root / "site")
        assert returncode == 0, output
        url, server = serve(root / "site")
        servers.append(server)
        return root / "site", url

    yield build_and_serve
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def demo_url(demo_site):
    url, server = serve(demo_site.site)
    yield url
    server.shutdown()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1")
                  else route.abort())  # nothing may load from another host
    tab = context.new_page()
    yield tab
    context.close()
