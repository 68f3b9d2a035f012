"""Work spread over forked copies of this process. What the work needs (the build's Files, Jinja
environment, catalogue) is inherited through `fork`, not pickled; only items and results cross."""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import signal
import tempfile
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import IO, Any

from mkdocs.exceptions import PluginError


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def can_fork() -> bool:
    """Fork copies only the calling thread: a process with other threads (a dev server) works alone."""
    return hasattr(os, "fork") and threading.active_count() == 1


class ForkPool:
    """`workers` forked processes that each call `work(item)` on the items submitted."""

    def __init__(self, workers: int, work: Callable[[Any], Any]) -> None:
        gc.freeze()  # the build's objects: never scanned by the workers' collector, so never copied by it
        self.executor = ProcessPoolExecutor(workers, multiprocessing.get_context("fork"), _adopt, (work,))

    def submit(self, item: Any) -> Future:
        return self.executor.submit(_call, item)

    def results(self, futures: list[Future]) -> list[Any]:
        """The results in order; the pool is closed afterwards."""
        try:
            return [future.result() for future in futures]
        except Exception as error:  # a worker died (killed, out of memory)
            raise PluginError(f"子进程意外退出（{error}）：请检查内存是否足够，或在 mkdocs.yml 中为 disclosure 设 workers: 1 后重试") from error
        finally:
            self.executor.shutdown(cancel_futures=True)


def aside(task: Callable[[], None]) -> Callable[[], None]:
    """Run `task` in a forked child (no thread is started, so the caller may fork again meanwhile);
    returns the function that waits for it (once; later calls return at once) and raises what it
    raised. Without fork: runs it now."""
    return Aside(task).result


class Aside:
    """`task` run in a forked child; `result()` waits for it and hands back its value, pickled into an
    unlinked temporary file, so that the child exits (and frees its memory) as soon as it is done.
    `cancel()` stops it. Without fork, `task` runs at once, here."""

    def __init__(self, task: Callable[[], Any]) -> None:
        self.pid: int | None = None
        self.value: Any = None
        self.done = False
        if not can_fork():
            self.value, self.done = task(), True
            return
        self.file = tempfile.TemporaryFile()
        gc.freeze()
        self.pid = os.fork()
        if self.pid == 0:  # the child: never returns
            _hand_back(task, self.file)

    def result(self) -> Any:
        """The task's value once it has finished (at once if it has); what it raised, as a RuntimeError."""
        if not self.done:
            self.done = True
            status = self._reap()
            with self.file:
                self.file.seek(0)
                data = self.file.read()
            failed, value = pickle.loads(data) if data else (True, "")
            if failed or status != 0:
                raise RuntimeError(value or f"子进程意外退出（{status}）")
            self.value = value
        return self.value

    def cancel(self) -> None:
        if not self.done:
            self.done = True
            os.kill(self.pid, signal.SIGKILL)  # type: ignore[arg-type]
            self._reap()
            self.file.close()

    def _reap(self) -> int:
        assert self.pid is not None
        return os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])


def _hand_back(task: Callable[[], Any], file: IO[bytes]) -> None:
    """In the child: run `task`, write (failed, value or traceback) into `file`, exit."""
    failed = True
    try:
        try:
            data = pickle.dumps((False, task()), pickle.HIGHEST_PROTOCOL)
            failed = False
        except BaseException:
            data = pickle.dumps((True, traceback.format_exc()))
        file.write(data)
        file.flush()
    finally:
        os._exit(1 if failed else 0)


_work: Callable[[Any], Any] | None = None  # set once in each worker, when it starts


def _adopt(work: Callable[[Any], Any]) -> None:
    global _work
    _work = work


def _call(item: Any) -> Any:
    assert _work is not None
    return _work(item)
