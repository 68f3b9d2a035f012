"""Work spread over forked copies of this process. What the work needs (the build's Files, Jinja
environment, catalogue) is inherited through `fork`, not pickled; only items and results cross."""

from __future__ import annotations

import multiprocessing
import os
import threading
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


_work: Callable[[Any], Any] | None = None  # set once in each worker, when it starts


def _adopt(work: Callable[[Any], Any]) -> None:
    global _work
    _work = work


def _call(item: Any) -> Any:
    assert _work is not None
    return _work(item)
