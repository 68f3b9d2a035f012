"""Work spread over forked copies of this process. What the work needs (the build's Files, Jinja
environment, catalogue) is inherited through `fork`, not pickled; only items and results cross."""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

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
    if not can_fork():
        task()
        return lambda: None
    read_end, write_end = os.pipe()
    gc.freeze()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        failure = b""
        try:
            task()
        except BaseException:
            failure = traceback.format_exc().encode("utf-8", "replace")
        finally:
            os.write(write_end, failure)
            os._exit(1 if failure else 0)
    os.close(write_end)
    waited: list[int] = []

    def wait() -> None:
        if waited:
            return
        waited.append(pid)
        with os.fdopen(read_end, "rb") as stream:
            failure = stream.read().decode("utf-8", "replace")
        status = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
        if status != 0:
            raise RuntimeError(failure or f"子进程意外退出（{status}）")

    return wait


_work: Callable[[Any], Any] | None = None  # set once in each worker, when it starts


def _adopt(work: Callable[[Any], Any]) -> None:
    global _work
    _work = work


def _call(item: Any) -> Any:
    assert _work is not None
    return _work(item)
