"""`disclosure serve [-a HOST:PORT] [-f mkdocs.yml]`: MkDocs' live-reload server, updating only what a save reaches.

The first build is a full `mkdocs build` into a temporary folder; the server keeps its MkDocs
state (files, nav, Jinja environment, the plugin's catalogue and pages). On every save the watched
files are compared with the last good snapshot (mtime and size): entry bodies, the catalogue and
attachments go through `update.update` (the exports are made again in a background job beside the
pages, the search data in another once the entry pages are written, `background.Background`, so the page shows
without waiting for either, and a newer save replaces those jobs instead of waiting for them); anything else is built in full, into a
new folder that replaces the served one only when the build succeeded. A save that does not validate prints the
same `file:line:col` messages as `disclosure validate` and the last good site stays served.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import signal
import tempfile
import threading
import time

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError
from mkdocs.livereload import LiveReloadServer
from watchdog.observers import Observer

from ..problems import ProblemsError
from ..collector import collector_paused
from .background import Background
from .update import prepare, update

log = logging.getLogger("mkdocs.disclosure.serve")


def add_parser(commands) -> None:
    parser = commands.add_parser("serve", help="本地预览网站：保存后只重新生成受影响的页面")
    parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="地址和端口（默认 127.0.0.1:8000）")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="mkdocs.yml 的路径")
    parser.set_defaults(run=run)


def run(args) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    for stop in (signal.SIGINT, signal.SIGTERM):  # Ctrl+C, `kill`, a service manager: stop, cleaning up
        signal.signal(stop, _interrupt)
    host, _, port = args.dev_addr.rpartition(":")
    work_dir = tempfile.mkdtemp(prefix="disclosure-serve-")
    preview = Preview(args.config_file, work_dir)
    try:
        if not preview.full_build():
            return 1
        server = preview.server = LiveReloadServer(builder=preview.rebuild, host=host or "127.0.0.1", port=int(port),
                                                   root=preview.site_dir)
        # inotify where there is one: MkDocs polls, stat-ing every file twice a second
        server.observer = Observer()  # type: ignore[assignment]  # MkDocs types the attribute as its PollingObserver
        preview.watch_new()
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("预览已停止")
        finally:
            server.shutdown()
        return 0
    finally:
        preview.background.stop()
        shutil.rmtree(work_dir, ignore_errors=True)


class Preview:
    """The served site and the build state it came from."""

    def __init__(self, config_file: str, work_dir: str) -> None:
        self.config_file = os.path.abspath(config_file)
        self.work_dir = work_dir
        self.builds = 0
        self.site_dir = ""
        self.config: MkDocsConfig | None = None  # of the last good full build
        self.server: LiveReloadServer | None = None
        self.snapshot: dict[str, tuple[int, int]] = {}
        self.background = Background()  # exports and search data of the last update
        self.exports_started = False  # by the update under way
        self.watching: set[str] = set()
        self.preparing: threading.Thread | None = None  # readies the last build for the next save (`_prepare`, `_remember`)

    @property
    def plugin(self):
        return self.config.plugins["disclosure"]

    def watched(self) -> list[str]:
        """mkdocs.yml, the docs folder, theme overrides and the catalogue with what it includes."""
        assert self.config is not None
        paths = [self.config_file, self.config.docs_dir]
        if self.config.theme.custom_dir:
            paths.append(self.config.theme.custom_dir)
        paths += [*self.plugin.project.files, *self.plugin.project.folders]
        return sorted({os.path.abspath(path) for path in paths if os.path.exists(path)})

    def watch_new(self) -> None:
        """Watch what is not watched yet: at the start, and after a save that includes a new file or folder."""
        if self.server is None:  # tests drive the preview without a server
            return
        for path in set(self.watched()) - self.watching:
            self.server.watch(path)
            self.watching.add(path)

    def full_build(self) -> bool:
        """Build everything into a fresh folder; it becomes the served one only when the build worked."""
        self.background.stop()  # it writes into the folder this build replaces
        self.prepared()
        gc.unfreeze()  # the state of the last build may go once this one replaces it
        started = time.monotonic()
        self.builds += 1
        next_dir = os.path.join(self.work_dir, f"site-{self.builds}")
        try:
            config = load_config(self.config_file, site_dir=next_dir)
            config.plugins.on_startup(command="serve", dirty=False)
            snapshot = self._snapshot(config, catalogue=False)  # before the build: no save is missed
            build(config)
        except (Abort, ConfigurationError) as error:
            log.error(str(error))
            shutil.rmtree(next_dir, ignore_errors=True)
            return False
        snapshot.update(self._snapshot(config, site=False))  # the catalogue files the build read
        self.background.forget()  # this build wrote everything the stopped jobs had left unwritten
        old_dir, self.site_dir = self.site_dir, next_dir
        if self.server is not None:
            self.server.root = next_dir
        if old_dir:
            shutil.rmtree(old_dir, ignore_errors=True)
        self.config, self.snapshot = config, snapshot
        gc.collect()
        gc.freeze()  # the build's state stays as long as the server: later collections need not walk it
        self.preparing = threading.Thread(target=self._prepare, daemon=True)
        self.preparing.start()  # while the first pages are served
        log.info(f"整站已生成（{time.monotonic() - started:.1f} 秒）")
        return True

    def rebuild(self) -> None:
        """The live-reload server's builder: apply what changed since the last good build."""
        assert self.config is not None  # the server starts after the first good build
        snapshot = self._snapshot(self.config)
        changed = {path for path in snapshot.keys() | self.snapshot.keys() if snapshot.get(path) != self.snapshot.get(path)}
        if not changed:  # the watcher reports one save more than once: answer at once, pages stay served
            return
        self.background.before_update()
        self.exports_started = False
        started, cpu = time.monotonic(), time.process_time()
        try:
            with collector_paused():  # an update's objects are few, a collection would walk all that is not frozen
                updated = update(self.config, self.plugin, changed, self._start_exports, self._start_search)
        except ProblemsError as error:
            log.error("保存的内容有问题，仍显示上一次的网站：\n" + str(error))
            return
        if not updated:
            if self.full_build():
                self.watch_new()
            return
        self.snapshot = snapshot
        self.watch_new()
        log.info(f"页面已更新：{len(changed)} 个改动的文件（{time.monotonic() - started:.1f} 秒，CPU {time.process_time() - cpu:.1f} 秒）")
        self.preparing = threading.Thread(target=self._remember, daemon=True)
        self.preparing.start()

    def _start_search(self, job) -> None:
        """The update's search data, once its entry pages are rendered: the second of its background jobs."""
        self.prepared()  # a save in the first seconds: its pages did not wait, its search data does
        self.plugin.fulltext.sync()  # posts only the entries this save changed; the job lays the index out
        if self.exports_started:
            self.background.add(job)
        else:
            self.background.start(job)

    def _start_exports(self, job, needed: bool) -> None:
        """The update's exports, beside its pages: the first of its two background jobs. Not needed
        (the catalogue is the one they were made of) unless the last batch did not write them."""
        self.exports_started = needed or not self.background.written("exports")
        if self.exports_started:
            self.background.start(job, jobs=2, name="exports")

    def _prepare(self) -> None:
        """After a full build: learn which entries each page links to; post what the build did not
        post here (nothing when its forked child handed its postings back) and remember for the next
        save (`_remember`). A save may update pages meanwhile (it only reads what this thread writes,
        or writes the same) and fork its exports job, which reads the catalogue and, as it stood at
        the fork, what is remembered; its search-data job is forked after this thread has ended."""
        prepare(self.plugin)
        assert self.config is not None
        self.plugin.remember_for_saves(self.config)

    def _remember(self) -> None:
        """After a save's background jobs: what the next save's jobs can take from this catalogue
        (export rows, search filters, full-text lines), made here while the server waits for saves."""
        self.background.wait()
        assert self.config is not None
        self.plugin.remember_for_saves(self.config)

    def prepared(self) -> None:
        if self.preparing is not None:
            self.preparing.join()
            self.preparing = None

    def settle(self) -> None:
        """Wait until the exports and search data of the last update are written."""
        self.background.settle()

    def _snapshot(self, config, catalogue: bool = True, site: bool = True) -> dict[str, tuple[int, int]]:
        """(mtime, size) of every watched file: mkdocs.yml, docs, theme overrides (`site`) and the
        catalogue files of the last build (`catalogue`)."""
        found: dict[str, tuple[int, int]] = {}
        tops = [self.config_file, config.docs_dir, config.theme.custom_dir or ""] if site else []
        if catalogue:
            tops += [*config.plugins["disclosure"].project.files, *config.plugins["disclosure"].project.folders]
        for top in (os.path.abspath(top) for top in tops if top):  # what os.walk gives below it is absolute too
            if os.path.isfile(top):
                _stat_into(found, top)
            for folder, dirs, names in os.walk(top) if os.path.isdir(top) else ():
                dirs[:] = [name for name in dirs if not name.startswith(".")]
                for name in names:
                    _stat_into(found, os.path.join(folder, name))
        return found


def _interrupt(signum: int, frame: object) -> None:
    """The first stop signal stops the server; later ones (a second Ctrl+C, `kill` and its service
    manager both) are ignored, so that the cleanup is not cut short by a traceback."""
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, signal.SIG_IGN)
    raise KeyboardInterrupt


def _stat_into(found: dict[str, tuple[int, int]], path: str) -> None:
    """`path`: absolute and normal."""
    try:
        stat = os.stat(path)
    except OSError:
        return
    found[path] = (stat.st_mtime_ns, stat.st_size)
