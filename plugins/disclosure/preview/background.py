"""The preview's background jobs: exports and search data of the last update, written beside and after its pages.

An update starts its exports as soon as the new catalogue validates (they need nothing else) and its
search data once its entry pages are written (the full-text index needs their texts; the listings follow): one batch of two
jobs, whose end is logged once. On POSIX each job runs in a forked process: it works on a copy of
the build state as the update left it, uses the second core instead of sharing the first with the
pages or the next save (threads would share the GIL), and a newer save kills the batch and starts
its own, so no save waits for the one before. The files a killed job may have left half-written are
all written again by the newer batch. Without `os.fork` and `os.waitid` (Windows; macOS before
Python 3.13) the jobs run in threads and the next update waits for them.

A forked child only computes and writes files: no logging, no stdio (a lock another thread held at
the fork would stay held in the child); the parent logs the batch's end with its CPU time. Each child
leads a process group of its own, so that stopping it also stops any child it forks.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import signal
import threading
import time
import traceback
import warnings
from collections.abc import Callable

log = logging.getLogger("mkdocs.disclosure.serve")
DONE_MESSAGE = "导出文件和检索数据已更新（{wall:.1f} 秒，CPU {cpu:.1f} 秒）"
FAILED_MESSAGE = "导出文件和检索数据没有写完（见上面的错误信息）；下一次保存会重新生成"


class Background:
    """The jobs of the last update: `start` replaces the running batch with a new one, `add` runs the
    batch's next job; the batch's end is logged when its `jobs` have all ended. A job may be named
    after what it writes: `written(name)` says whether the last job of that name wrote everything."""

    def __init__(self, fork: bool = hasattr(os, "fork") and hasattr(os, "waitid")) -> None:  # waitid: not on macOS before 3.13
        self.fork = fork
        self.lock = threading.Lock()
        self.pids: set[int] = set()  # the running children, not yet reaped
        self.waiters: list[threading.Thread] = []
        self.batch = _Batch(0)
        self.unwritten: set[str] = set()  # names of jobs started that have not (yet) ended well

    def start(self, job: Callable[[], None], jobs: int = 1, name: str = "") -> None:
        """Stop the running jobs; run `job`, the first of a batch of `jobs`."""
        self.stop()
        self.batch = _Batch(jobs)
        self.add(job, name)

    def add(self, job: Callable[[], None], name: str = "") -> None:
        """Run the batch's next job beside those still running."""
        with self.lock:
            self.unwritten.add(name)
        if not self.fork:
            self.waiters.append(threading.Thread(target=self._in_thread, args=(job, self.batch, name), daemon=True))
            self.waiters[-1].start()
            return
        with warnings.catch_warnings():  # Python 3.12+ warns about any fork with threads; the child does not need them
            warnings.filterwarnings("ignore", message=".*multi-threaded.*fork", category=DeprecationWarning)
            pid = os.fork()
        if pid == 0:  # pragma: no cover - the child, measured by the parent's tests through the files it writes
            _child(job)
        with contextlib.suppress(OSError):  # the child does the same: whichever runs first
            os.setpgid(pid, pid)  # its own process group, with any child it forks: `stop` kills them all
        with self.lock:
            self.pids.add(pid)
        self.waiters.append(threading.Thread(target=self._reap, args=(pid, self.batch, name), daemon=True))
        self.waiters[-1].start()

    def before_update(self) -> None:
        """Threads share the build state the update is about to change: let them finish first.
        Forked children have their own copy and keep running until the update starts the next batch."""
        if not self.fork:
            self.settle()

    def stop(self) -> None:
        """Stop the running jobs (a thread cannot be stopped: it is waited for)."""
        with self.lock:
            for pid in self.pids:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pid, signal.SIGKILL)
        self.settle()

    def wait(self) -> None:
        """Wait for the jobs running now, not for any started later (from another thread than `start`'s)."""
        for waiter in list(self.waiters):
            waiter.join()

    def written(self, name: str) -> bool:
        """Whether the last job named `name` has ended well (nothing half-written or left to write)."""
        with self.lock:
            return name not in self.unwritten

    def forget(self) -> None:
        """Forget what the stopped jobs left unwritten: a full build has written everything again."""
        self.stop()
        self.unwritten.clear()

    def settle(self) -> None:
        """Wait until the jobs have written everything (or were stopped)."""
        for waiter in self.waiters:
            waiter.join()
        self.waiters = []

    def _in_thread(self, job: Callable[[], None], batch: _Batch, name: str) -> None:
        cpu = time.thread_time()
        try:
            job()
        except Exception:  # noqa: BLE001 — as a forked job's failure: reported, and done again by the next save
            log.exception(FAILED_MESSAGE)
            return
        self._ended_well(batch, name, time.thread_time() - cpu)

    def _ended_well(self, batch: _Batch, name: str, cpu: float) -> None:
        with self.lock:  # `stop` waits for every job's end: no job of a stopped batch ends after a newer one starts
            self.unwritten.discard(name)
        batch.ended(cpu)

    def _reap(self, pid: int, batch: _Batch, name: str) -> None:
        # Wait for the end without reaping: until the lock is held, `stop` may still signal this pid,
        # which no other process can have taken yet.
        os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)
        with self.lock:
            _, status, usage = os.wait4(pid, 0)
            self.pids.discard(pid)
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
            log.debug("导出文件和检索数据：被更新的保存取代")
        elif os.waitstatus_to_exitcode(status) != 0:
            log.error(FAILED_MESSAGE)
        else:
            self._ended_well(batch, name, usage.ru_utime + usage.ru_stime)


class _Batch:
    """The jobs of one update; the last to end logs the end of them all."""

    def __init__(self, jobs: int) -> None:
        self.left = jobs
        self.cpu = 0.0
        self.started = time.monotonic()
        self.lock = threading.Lock()

    def ended(self, cpu: float) -> None:
        with self.lock:
            self.left -= 1
            self.cpu += cpu
            if self.left == 0:
                log.info(DONE_MESSAGE.format(wall=time.monotonic() - self.started, cpu=self.cpu))


def _child(job: Callable[[], None]) -> None:  # pragma: no cover - runs in the forked process
    code = 1
    try:
        os.setpgid(0, 0)
        gc.disable()  # short-lived, its garbage goes with it; a collection would copy every page of the parent's heap
        logging.disable(logging.CRITICAL)  # a handler's stream lock may have been held by another thread at the fork
        warnings.simplefilter("ignore")
        job()
        code = 0
    except BaseException:  # noqa: BLE001 — reported on the raw file descriptor, then the child ends
        os.write(2, traceback.format_exc().encode("utf-8", "replace"))
    finally:
        os._exit(code)
