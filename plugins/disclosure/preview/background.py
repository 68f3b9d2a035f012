"""The preview's background job: exports and search data of the last update, written after its pages.

On POSIX the job runs in a forked process: it works on a copy of the build state as the update left
it, uses the second core instead of sharing the first with the next save (threads would share the
GIL), and a newer save kills it and starts its own, so no save waits for the one before. The files
the killed job may have left half-written are all written again by the newer one. Without
`os.fork` and `os.waitid` (Windows; macOS before Python 3.13) the job runs in a thread and the
next update waits for it.

The forked child only computes and writes files: no logging, no stdio (a lock another thread held at
the fork would stay held in the child); the parent logs the child's end with its CPU time. The child
leads a process group of its own, so that stopping it also stops the full-text child it forks.
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


class Background:
    """At most one job at a time; `start` replaces the running one."""

    def __init__(self, fork: bool = hasattr(os, "fork") and hasattr(os, "waitid")) -> None:  # waitid: not on macOS before 3.13
        self.fork = fork
        self.lock = threading.Lock()
        self.pid: int | None = None  # the running child, not yet reaped
        self.waiter: threading.Thread | None = None

    def start(self, job: Callable[[], None]) -> None:
        """Run `job` in the background, after stopping the job still running."""
        self.stop()
        if not self.fork:
            self.waiter = threading.Thread(target=self._in_thread, args=(job,), daemon=True)
            self.waiter.start()
            return
        started = time.monotonic()
        with warnings.catch_warnings():  # Python 3.12+ warns about any fork with threads; the child does not need them
            warnings.filterwarnings("ignore", message=".*multi-threaded.*fork", category=DeprecationWarning)
            pid = os.fork()
        if pid == 0:  # pragma: no cover - the child, measured by the parent's tests through the files it writes
            _child(job)
        with contextlib.suppress(OSError):  # the child does the same: whichever runs first
            os.setpgid(pid, pid)  # its own process group, with any child it forks: `stop` kills them all
        self.pid = pid
        self.waiter = threading.Thread(target=self._reap, args=(pid, started), daemon=True)
        self.waiter.start()

    def before_update(self) -> None:
        """A thread shares the build state the update is about to change: let it finish first.
        A forked child has its own copy and keeps running until the update starts the next job."""
        if not self.fork:
            self.settle()

    def stop(self) -> None:
        """Stop the running job (a thread cannot be stopped: it is waited for)."""
        with self.lock:
            if self.pid is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.pid, signal.SIGKILL)
        self.settle()

    def settle(self) -> None:
        """Wait until the job has written everything (or was stopped)."""
        if self.waiter is not None:
            self.waiter.join()
            self.waiter = None

    def _in_thread(self, job: Callable[[], None]) -> None:
        started, cpu = time.monotonic(), time.thread_time()
        job()
        log.info(DONE_MESSAGE.format(wall=time.monotonic() - started, cpu=time.thread_time() - cpu))

    def _reap(self, pid: int, started: float) -> None:
        # Wait for the end without reaping: until the lock is held, `stop` may still signal this pid,
        # which no other process can have taken yet.
        os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)
        with self.lock:
            _, status, usage = os.wait4(pid, 0)
            self.pid = None
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
            log.debug("导出文件和检索数据：被更新的保存取代")
        elif os.waitstatus_to_exitcode(status) != 0:
            log.error("导出文件和检索数据没有写完（见上面的错误信息）；下一次保存会重新生成")
        else:
            log.info(DONE_MESSAGE.format(wall=time.monotonic() - started, cpu=usage.ru_utime + usage.ru_stime))


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
