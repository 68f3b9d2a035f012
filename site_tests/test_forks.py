"""forks.Aside: a task in a forked child whose value (or failure) comes back; a cancelled one stops."""

from __future__ import annotations

import os
import time

import pytest

from disclosure import forks

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


@pytest.fixture(autouse=True)
def fork_beside_threads(monkeypatch):
    """A test worker that ran browser tests keeps Playwright's threads, and `can_fork` then says no (a
    build refuses to fork beside a dev server's threads). These children only run the tests' small
    tasks, so they may."""
    monkeypatch.setattr(forks, "can_fork", lambda: hasattr(os, "fork"))


@needs_fork
def test_the_value_comes_back_from_the_child():
    parent = os.getpid()
    ahead = forks.Aside(lambda: {"pid": os.getpid(), "data": b"x" * 300_000})  # more than a pipe holds
    value = ahead.result()
    assert value["pid"] != parent and value["data"] == b"x" * 300_000
    assert ahead.result() is value  # once; later calls return it at once


@needs_fork
def test_a_failure_in_the_child_is_raised_with_its_traceback():
    def failing() -> None:
        raise ValueError("导出失败")

    with pytest.raises(RuntimeError, match="ValueError: 导出失败"):
        forks.Aside(failing).result()


@needs_fork
def test_cancel_stops_the_child(tmp_path):
    late = tmp_path / "late"

    def slow() -> None:
        time.sleep(1)
        late.write_text("写于取消之后", encoding="utf-8")

    ahead = forks.Aside(slow)
    ahead.cancel()
    time.sleep(1.5)
    assert not late.exists()
    with pytest.raises(ProcessLookupError):
        os.kill(ahead.pid, 0)  # reaped, not a zombie


def test_without_fork_the_task_runs_at_once(monkeypatch):
    monkeypatch.setattr(forks, "can_fork", lambda: False)
    assert forks.Aside(os.getpid).result() == os.getpid()
